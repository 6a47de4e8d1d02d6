"""A small brand for the bot tests: one store, a manager, two guides with Telegram, one without,
a guide of another store, and a customer who has started the bot."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.settings import Settings
from tests.bot.client import BotTestClient, TgUser

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)

MANAGER = TgUser(111, "Mei", "zh")
GUIDE = TgUser(222, "Li", "zh")
GUIDE_EN = TgUser(333, "Anna", "en")
NEWCOMER = TgUser(555, "Wang", "zh")  # staff G3's phone: not bound yet
STRANGER = TgUser(999, "Nobody", "en")
CUSTOMER = TgUser(444, "Hong", "zh")


class FixedClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, default_language="zh")


@pytest.fixture
def brand(uow_factory):
    with uow_factory() as uow:
        uow.bulk.upsert("stores", [{"external_id": "S1", "name": "旗舰店"},
                                   {"external_id": "S2", "name": "二店"}])
        stores = uow.bulk.ids("stores", ["S1", "S2"])
        uow.bulk.upsert("staff", [
            _staff("M1", "王美", "manager", stores["S1"], MANAGER.id),
            _staff("G1", "李丽", "guide", stores["S1"], GUIDE.id),
            _staff("G2", "Anna Smith", "guide", stores["S1"], GUIDE_EN.id, language="en"),
            _staff("G3", "王小明", "guide", stores["S1"], None),
            _staff("G9", "赵强", "guide", stores["S2"], None),
        ])
        uow.bulk.upsert("customers", [{"external_id": "C1", "name": "张小红",
                                       "telegram_user_id": CUSTOMER.id}])
        uow.commit()
    return uow_factory


def _staff(external_id, name, role, store_id, telegram_user_id, language="zh") -> dict:
    return {"external_id": external_id, "name": name, "role": role, "store_id": store_id,
            "telegram_user_id": telegram_user_id, "language": language}


@pytest.fixture
def client(brand, settings, clock) -> BotTestClient:
    return BotTestClient.build(brand, settings=settings, clock=clock)


@pytest.fixture
def selling(brand, clock):
    """conftest's brand plus products, customers and orders, scored (tests/bot/selling.py)."""
    from tests.bot.selling import load_selling_brand

    return load_selling_brand(brand, clock.now())


@pytest.fixture
def knowledge():
    from tests.bot.fakes import FakeKnowledge

    return FakeKnowledge()


@pytest.fixture
def guide_client(brand, selling, settings, clock, knowledge) -> BotTestClient:
    """A client whose bot has the guide's screens wired: the scored brand and a knowledge base."""
    return BotTestClient.build(brand, settings=settings, clock=clock, knowledge=knowledge, contacts=selling)
