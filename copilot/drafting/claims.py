"""Money and promotion claims found in text, as comparable keys.

A draft may state a price, discount or promotion only if the same claim appears in trusted facts
(product data, the manager's brief, brand content). Keys are language-neutral, so "8折" in a
Chinese brief allows "20% off" in an English draft, and "买一送一" allows "buy one get one".
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_MONEY_BEFORE = re.compile(r"(?:[¥￥$€£]|HK\$|RMB|CNY|USD)\s?" + _NUM, re.IGNORECASE)
_MONEY_AFTER = re.compile(_NUM + r"\s?(?:元|块钱|rmb|cny|yuan|usd|dollars?)", re.IGNORECASE)
_PERCENT_OFF = re.compile(_NUM + r"\s?%\s?(?:off|discount)", re.IGNORECASE)
_PERCENT = re.compile(r"(?:" + _NUM + r"\s?%)|百分之(\d+)")
_ZHE = re.compile(r"(\d(?:\.\d)?|[一二三四五六七八九])\s?折")
_FULL_REDUCTION = re.compile(r"满\s?" + _NUM + r"\s?减\s?" + _NUM)
# Longer, more specific promotions first: the alternation below takes the first that matches.
_PROMO_PARTS = {
    "free_shipping": r"free (?:shipping|delivery)|包邮",
    "bogo": r"buy one,? get one|\bbogo\b|买一送一|买\d送\d|第二件半价",
    "half_price": r"half[- ]price|(?<![\d.])50% off|半价|五折|(?<![\d.])5折",
    "gift": r"\bgifts?\b|\bfreebies?\b|赠品|赠送|送您|小礼物|礼品",
    "coupon": r"\bcoupons?\b|\bvouchers?\b|\bpromo codes?\b|优惠券|代金券|红包",
    "cashback": r"cash ?back|返现|返利",
    "sale": r"\bon sale\b|\bsale price\b|\bclearance\b|特价|清仓|秒杀|折扣|打折|优惠价",
    "free": r"(?<!feel )\bfree\b(?!\s+to\b)|免费|白送|(?<![\d.])0元",
}
# One alternation with a named group per promotion: a single scan instead of one per kind.
_PROMOS = re.compile("|".join(f"(?P<{name}>{part})" for name, part in _PROMO_PARTS.items()), re.IGNORECASE)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def claims(text: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for pattern in (_MONEY_BEFORE, _MONEY_AFTER):
        for match in pattern.finditer(text):
            if (value := _number(match.group(1))) is not None:
                found.add(("money", str(value)))
    for match in _PERCENT_OFF.finditer(text):
        found.add(("off", str(_number(match.group(1)))))
    for match in _PERCENT.finditer(text):
        found.add(("pct", str(_number(match.group(1) or match.group(2)))))
    for match in _ZHE.finditer(text):
        digit = match.group(1)
        tenths = Decimal(_ZH_DIGITS[digit]) if digit in _ZH_DIGITS else Decimal(digit)
        found.add(("off", str((100 - tenths * 10).normalize())))
    for match in _FULL_REDUCTION.finditer(text):
        found.add(("full_reduction", f"{_number(match.group(1))}/{_number(match.group(2))}"))
    found.update(("promo", m.lastgroup) for m in _PROMOS.finditer(text))
    return found


def allowed_claims(trusted_texts: list[str]) -> set[tuple[str, str]]:
    allowed = set()
    for text in trusted_texts:
        allowed |= claims(text)
    # A discount stated in the facts may also be quoted as a plain percentage.
    allowed |= {("pct", value) for kind, value in allowed if kind == "off"}
    if ("promo", "half_price") in allowed:
        allowed |= {("off", "5E+1"), ("pct", "5E+1")}
    return allowed


def unsupported(text: str, allowed: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return claims(text) - allowed
