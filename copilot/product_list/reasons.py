"""One-line reasons for a pick, in the customer's language.

The reason can reach the customer (their product-list page), so it never quotes internal data
such as tags or scores: only what they bought and when.
"""
from __future__ import annotations

from enum import StrEnum


class PickSource(StrEnum):
    REPURCHASE = "repurchase"
    CO_PURCHASE = "co_purchase"
    MATCH = "match"  # the task brief and the customer's tags, via knowledge search
    POPULAR = "popular"  # filler when the other sources give too little


_REASONS = {
    "en": {
        "repurchase_personal": "about time for a refill, going by how long yours usually lasts",
        "repurchase": "probably running low by now ({days} days since your last one)",
        "co_purchase": "pairs well with the {anchor} you bought",
        "match": "a good fit for you right now",
        "popular": "a favourite with our customers",
    },
    "zh": {
        "repurchase_personal": "按您平时的使用节奏，差不多该补货了",
        "repurchase": "距上次购买已{days}天，可能快用完了",
        "co_purchase": "和您买过的{anchor}很搭",
        "match": "很适合您现在用",
        "popular": "店里很受欢迎的一款",
    },
}


def reason(language: str, key: str, **values: object) -> str:
    table = _REASONS.get(language, _REASONS["en"])
    return table[key].format(**values)
