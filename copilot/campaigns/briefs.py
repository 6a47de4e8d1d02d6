"""Content a manager can start a campaign's brief from, for the segment and task kind just chosen.

The knowledge base is searched with words for the segment and the kind, in both languages because a
brand's content may be written in either. Without a knowledge base, or when it finds nothing stored,
campaign briefs come first, then sales scripts, then articles.
"""
from __future__ import annotations

from collections.abc import Sequence

from core.domain import ContentDoc, ContentKind
from core.ports import KnowledgeSearch

TOPICS = {
    "silent": "久未购买 老客召回 想念您 silent customers win back",
    "first_time_no_repeat": "首次购买 回购 第二次 first purchase second order",
    "vip_at_risk": "VIP 会员 专属 关怀 VIP members exclusive care",
    "overdue": "回购 补货 用完 restock repurchase running out",
    "birthday_this_week": "生日 礼遇 祝福 birthday gift wishes",
    "recently_engaged": "新品 推荐 感兴趣 new arrivals recommendation",
    "care_checkin": "使用 效果 关怀 回访 care check-in how is it going",
    "silent_recall": "老客召回 好久不见 win back we miss you",
    "first_to_second": "第二次购买 回购 second purchase",
    "birthday": "生日 礼遇 birthday gift",
    "new_arrival": "新品 上市 new arrival launch",
    "repurchase_reminder": "回购 补货 提醒 restock reminder",
}
FALLBACK_ORDER = (ContentKind.BRIEF, ContentKind.SCRIPT, ContentKind.ARTICLE)


def brief_choices(docs: Sequence[ContentDoc], knowledge: KnowledgeSearch | None, *,
                  segment: str, kind: str, limit: int = 5, language: str | None = None) -> list[ContentDoc]:
    """The best matches; with `language`, only content in the manager's language when there is any
    (a menu of zh and en titles reads as a mix; the other language's content stays for its managers)."""
    if language and any(d.language == language for d in docs):
        docs = [d for d in docs if d.language == language]
    by_external = {doc.external_id: doc for doc in docs}
    found: list[ContentDoc] = []
    if knowledge is not None and docs:
        query = " ".join(TOPICS.get(name, name) for name in (segment, kind))
        for hit in knowledge.search_content(query, top_k=limit * 3):  # chunks: several per document
            doc = by_external.get(hit.source_id)
            if doc is not None and doc not in found:
                found.append(doc)
    rest = sorted((d for d in docs if d not in found), key=lambda d: FALLBACK_ORDER.index(d.kind))
    return (found + rest)[:limit]
