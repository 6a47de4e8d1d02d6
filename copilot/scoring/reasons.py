"""Plain-words reasons behind a score, in the guide's language (zh or en).

Each candidate reason gets a strength; the strongest 2-3 are shown. Numbers are rounded the way a
person would say them ("~60 days"), never model jargon.
"""
from __future__ import annotations

import numpy as np

from copilot.scoring.priority import Status
from copilot.scoring.table import CustomerFeatures
from core.errors import InvalidInput

TEXT = {
    "rhythm": {
        "en": "bought {n} times, usually every ~{cycle} days, {since} days since last",
        "zh": "买过{n}次，通常约{cycle}天回购一次，距上次已{since}天",
    },
    "first_time": {
        "en": "first order {since} days ago, no second order yet",
        "zh": "{since}天前首次购买，还没有第二单",
    },
    "vip": {"en": "VIP, ¥{spend} spent in total", "zh": "VIP会员，累计消费¥{spend}"},
    "likely": {"en": "{pct}% likely to buy in the next {h} days",
               "zh": "未来{h}天购买可能性{pct}%"},
    "drifting": {"en": "silent for {since} days, may be drifting away",
                 "zh": "已沉默{since}天，有流失风险"},
    "engaged": {"en": "engaged recently: {k} replies or clicks in 30 days",
                "zh": "近30天有{k}次回复或点击，互动积极"},
    "never": {"en": "has not bought yet", "zh": "尚未购买"},
}
STATUS_TEXT = {
    Status.QUIET_HOURS: {"en": "quiet hours now: contact later today", "zh": "现在是免打扰时段，请稍后联系"},
    Status.RECENTLY_CONTACTED: {"en": "contacted {d} day(s) ago: give them a rest",
                                "zh": "{d}天前刚联系过，暂缓联系"},
    Status.MONTHLY_CAP: {"en": "already contacted {k} times in 30 days", "zh": "30天内已联系{k}次"},
    Status.OPTED_OUT: {"en": "opted out: no outreach", "zh": "已退订，不再联系"},
}


def _say(key: str, lang: str, **values) -> str:
    if lang not in ("zh", "en"):
        raise InvalidInput(f"unsupported language {lang!r}")
    return TEXT[key][lang].format(**values)


def _round_days(d: float) -> int:
    """People say ~60 days, not 57.3: round to 5 above a month, to 1 below."""
    return int(round(d / 5.0) * 5) if d >= 30 else int(round(d))


def _candidates(f: CustomerFeatures, i: int, lang: str, since: float | None = None) -> list[tuple[float, str]]:
    n = int(f.n_orders[i])
    since = f.days_since_last[i] if since is None else since
    out: list[tuple[float, str]] = []
    if n == 0:
        return [(1.0, _say("never", lang))]
    if n >= 2:
        due = float(np.nan_to_num(f.dueness[i], nan=0.0))
        out.append((1.0 + min(due, 3.0), _say("rhythm", lang, n=n, cycle=_round_days(f.cycle_days[i]),
                                              since=int(since))))
    else:
        out.append((1.2, _say("first_time", lang, since=int(since))))
    if f.is_vip[i]:
        out.append((1.5, _say("vip", lang, spend=f"{f.total_spend[i]:,.0f}")))
    p = float(f.p_purchase[i])
    out.append((0.5 + 2 * p, _say("likely", lang, pct=int(round(100 * p)), h=f.horizon_days)))
    if f.p_alive[i] < 0.5 and since >= 60:
        out.append((1.0 + (1 - f.p_alive[i]), _say("drifting", lang, since=int(since))))
    k = int(f.column("replies_30d")[i] + f.column("clicks_30d")[i])
    if k > 0:
        out.append((1.3 + 0.1 * min(k, 5), _say("engaged", lang, k=k)))
    return out


def reasons(f: CustomerFeatures, rows: np.ndarray, lang: str = "zh", *, limit: int = 3,
            status: np.ndarray | None = None, days_since: dict[int, int] | None = None) -> list[list[str]]:
    """Top reasons for each row in `rows`; a fatigue status, when given, is always shown first.
    `days_since` (row -> whole days since the last order) is what the card and the draft say: the
    model's own day count is measured between local days, and a screen must not say 29 days where
    the card says 27."""
    result = []
    for i in np.asarray(rows, np.int64):
        since = (days_since or {}).get(int(i))
        ranked = [text for _, text in sorted(_candidates(f, int(i), lang, since), key=lambda c: -c[0])]
        if status is not None and status[i] != Status.OK:
            ranked.insert(0, status_text(f, int(i), Status(int(status[i])), lang))
        result.append(ranked[:limit])
    return result


def status_text(f: CustomerFeatures, i: int, status: Status, lang: str) -> str:
    if lang not in ("zh", "en"):
        raise InvalidInput(f"unsupported language {lang!r}")
    since = f.column("days_since_contact", np.inf)[i]
    d = int(np.ceil(since)) if np.isfinite(since) else 0
    return STATUS_TEXT[status][lang].format(d=max(d, 1), k=int(f.column("contacts_30d")[i]))
