"""People's names as brands store them and Telegram sends them, and what a greeting may call them.

A name comes in any order and script: "周明明", "明明 周" (Telegram's first + last), "Smith, John",
"ZHOU Mingming", "Zhou Mingming", "Anna", "J. Smith". `greeting_name` is the name a warm message
uses ("明明", "John"), or "" when the order cannot be told apart: then the writer greets neutrally
("您好！"), which is never wrong, where a wrong guess ("明周", "Hi Smith,") insults the customer.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 令狐 慕容 司徒 夏侯 尉迟 公孙 长孙 宇文 独孤 端木 南宫 西门 轩辕".split()
)
# The most common single-character surnames (about nine in ten people in mainland China).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐韩冯邓曹彭曾肖萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝"
)
# Romanised surnames (pinyin, Cantonese), to tell "Zhou Mingming" from "John Smith".
ROMANISED_SURNAMES = frozenset("""
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song tang
han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu lv ding ren shen yao
cui zhong tan fan jin shi liao jia xia fu fang zou xiong bai meng qin qiu hou yin xue yan duan lei long tao
gu mao hao gong shao wan qian kong xiang chang wen kang niu ge xing an qi qiao pang ni zhuang nie zhan yue
wong chan cheung leung ng lau ho tsang yip kwok chow lam tse mak yeung chiu
""".split())
TITLES = frozenset("mr mrs ms miss mx dr prof sir madam".split())
HONORIFICS = {"F": "女士", "M": "先生"}


@dataclass(frozen=True, slots=True)
class PersonName:
    given: str
    family: str


def _is_cjk(text: str) -> bool:
    return bool(text) and all(unicodedata.name(ch, "").startswith("CJK UNIFIED") for ch in text)


def _is_cjk_surname(token: str) -> bool:
    return token in SURNAMES or token in COMPOUND_SURNAMES


def display_name(first: str, last: str = "") -> str:
    """One name from Telegram's two fields: family name first, unspaced, in Chinese ("周明明");
    "first last" otherwise."""
    first, last = first.strip(), last.strip()
    if _is_cjk(first) and _is_cjk(last):
        return last + first
    return " ".join(part for part in (first, last) if part)


def parse(name: str) -> PersonName | None:
    """Given and family name, or None when the order cannot be told."""
    name = re.sub(r"\s+", " ", name.strip())
    if not name:
        return None
    if "," in name or "，" in name:  # "Smith, John": family first, by the comma's own convention
        family, given = (part.strip() for part in re.split(r"[,，]", name, maxsplit=1))
        tokens = given.split()
        return PersonName(tokens[0], family) if tokens and family else None
    tokens = [t for t in re.split(r"[ ·・]", name) if t and t.strip(".").lower() not in TITLES]
    if all(_is_cjk(t) for t in tokens):
        return _parse_cjk(tokens)
    if all(t.replace("-", "").replace("'", "").replace(".", "").isalpha() and t.isascii() for t in tokens):
        return _parse_latin(tokens)
    return None


def _parse_cjk(tokens: list[str]) -> PersonName | None:
    if len(tokens) == 1:
        whole = tokens[0]
        size = 2 if whole[:2] in COMPOUND_SURNAMES else 1 if whole[:1] in SURNAMES else 0
        return PersonName(whole[size:], whole[:size]) if size and len(whole) > size else None
    if len(tokens) != 2:
        return None
    first, second = tokens
    # "明明 周" (Telegram's first + last) or "周 明明": the family name is the token that is a surname.
    if _is_cjk_surname(second) and not _is_cjk_surname(first):
        return PersonName(first, second)
    if _is_cjk_surname(first) and not _is_cjk_surname(second):
        return PersonName(second, first)
    return None


def _parse_latin(tokens: list[str]) -> PersonName | None:
    if len(tokens) == 1:
        only = tokens[0]
        # One word is how most people sign up ("Anna"), unless it is plainly a surname.
        return None if only.lower() in ROMANISED_SURNAMES else PersonName(only, "")
    first, last = tokens[0], tokens[-1]
    if any(len(t.strip(".")) < 2 for t in (first, last)):
        return PersonName(first, last)  # an initial: greeting_name declines "J."; the order is moot
    if first.isupper() and not last.isupper():  # passport style: "ZHOU Mingming"
        return PersonName(" ".join(tokens[1:]), first)
    if last.isupper() and not first.isupper():  # "Mingming ZHOU", "John SMITH"
        return PersonName(" ".join(tokens[:-1]), last)
    first_is_surname, last_is_surname = first.lower() in ROMANISED_SURNAMES, last.lower() in ROMANISED_SURNAMES
    if first_is_surname and not last_is_surname and len(tokens) == 2:
        return PersonName(last, first)  # "Zhou Mingming": Chinese order
    if first_is_surname and last_is_surname:
        return None  # "Li Wei": either could be the surname
    return PersonName(first, last)


def greeting_name(name: str, gender: str = "") -> str:
    """What a message may call the person, or "" (greet neutrally) when unsure."""
    parsed = parse(name)
    if parsed is None or not parsed.given:
        return ""
    given = parsed.given
    if _is_cjk(given) or _is_cjk(parsed.family):
        if len(given) >= 2:
            return given
        # A one-character given name is not how anyone is addressed: the surname and an honorific.
        honorific = HONORIFICS.get(gender, "")
        return parsed.family + honorific if honorific and parsed.family else ""
    if len(given.strip(".")) < 2 or given.endswith("."):  # "J. Smith": an initial is no greeting
        return ""
    return given[:1].upper() + given[1:] if given.islower() else given
