"""Which content the campaign wizard offers as a brief: real embeddings, real embedded Chroma."""
from __future__ import annotations

import pytest

from copilot.campaigns.briefs import brief_choices
from core.domain import ContentDoc, ContentKind
from knowledge.embeddings import Embedder
from knowledge.store import KnowledgeBase

DOCS = [
    ContentDoc("B2", ContentKind.BRIEF, "双十一满减活动", "双十一期间全场满500减80，活动时间11月1日至11日。", id=5),
    ContentDoc("A1", ContentKind.ARTICLE, "冬季干皮护理", "秋冬季节皮肤干燥，早晚两次保湿面霜，锁住水分。", id=1),
    ContentDoc("S1", ContentKind.SCRIPT, "老客召回话术", "好久不见！最近皮肤状态怎么样？我们很想念您，这次到店有小礼物。", id=2),
    ContentDoc("B1", ContentKind.BRIEF, "会员生日月礼遇", "生日当月到店领取生日礼盒，会员生日祝福与专属礼遇。", id=3),
    ContentDoc("A2", ContentKind.ARTICLE, "防晒小知识", "夏天出门前二十分钟涂抹防晒霜，每两小时补涂一次。", id=4),
]


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory) -> KnowledgeBase:
    embedder = Embedder()
    kb = KnowledgeBase.open(tmp_path_factory.mktemp("briefs") / "chroma", embedder)
    kb.index_content(DOCS)
    return kb


def test_the_birthday_brief_comes_first_for_a_birthday_campaign(knowledge):
    choices = brief_choices(DOCS, knowledge, segment="birthday_this_week", kind="birthday")
    assert choices[0].external_id == "B1" and len(choices) == 5


def test_the_recall_script_comes_first_for_silent_customers(knowledge):
    choices = brief_choices(DOCS, knowledge, segment="silent", kind="silent_recall")
    assert choices[0].external_id == "S1"


def test_without_a_knowledge_base_briefs_come_first_then_scripts_then_articles():
    choices = brief_choices(DOCS, None, segment="silent", kind="silent_recall", limit=3)
    assert [d.external_id for d in choices] == ["B2", "B1", "S1"]


def test_a_brand_without_content_is_offered_nothing(knowledge):
    assert brief_choices([], knowledge, segment="all", kind="care_checkin") == []
