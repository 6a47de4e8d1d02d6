"""The guide is told at once, through the Notifier port wired as in production (the outbox): a sale
from the order webhook and interest shown on their customer's product-list page."""
from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.app import create_app
from copilot.outbox import OutboxNotifier
from core.ports import ProductListRecord
from core.settings import APISettings, Settings
from db.tables import StaffRow
from db.tables_ops import OutboxRow
from tests.api.conftest import SECRET, Webhooks
from tests.integration.sales.brand import NOW, TZ, FixedClock, order_json, seed

GUIDE_CHAT = 5550001


def _outbox(engine) -> list[tuple[int, str]]:
    with Session(engine) as s:
        return [(chat, payload["text"]) for chat, payload in
                s.execute(select(OutboxRow.chat_id, OutboxRow.payload).order_by(OutboxRow.id))]


def _client(database):
    settings = Settings(timezone=TZ, api=APISettings(webhook_secret=SECRET))
    clock = FixedClock()
    return TestClient(create_app(database, settings, clock, notifier=OutboxNotifier(database.uow_factory, clock)))


def test_a_sale_and_a_product_list_click_reach_the_guides_chat_once(engine, uow_factory, database):
    ids = seed(engine)
    with Session(engine) as s:
        s.execute(update(StaffRow).where(StaffRow.id == ids.guides["G2"]).values(telegram_user_id=GUIDE_CHAT))
        s.commit()
    with uow_factory() as uow:
        uow.product_lists.add(ProductListRecord("k" * 32, ids.customers["C1"], ids.guides["G2"],
                                                (("TEE", "new in"),), NOW, NOW + timedelta(days=14)))
        uow.commit()
    with _client(database) as client:
        webhooks = Webhooks(client)
        for _ in range(2):  # a replayed webhook tells nobody twice
            assert webhooks.post("/api/orders", order_json(lines=(("CREAM", 4, "320.00"),), guide="G2")).is_success
        assert client.post("/l/" + "k" * 32 + "/click/TEE", follow_redirects=False).status_code == 303
    assert _outbox(engine) == [(GUIDE_CHAT, "Li Na bought ¥1,280 — +¥38.40 commission"),
                               (GUIDE_CHAT, "👀 Li Na is interested in T恤 (product list)")]
