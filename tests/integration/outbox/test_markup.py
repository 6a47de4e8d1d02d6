"""User and imported text in a notice never costs the notice: it is escaped where the outbox text
becomes HTML, and a message Telegram still refuses for its markup goes again as plain text."""
from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from api.app import create_app
from bot.app import build_bot
from bot.local_session import LocalApiSession
from bot.messenger import AiogramMessenger
from bot.telegram_html import plain
from copilot.database import Database
from copilot.outbox import OutboxNotifier, OutboxSender
from core.ports import ProductListRecord
from core.settings import APISettings, Settings
from db.tables import CustomerRow, ProductRow, StaffRow
from tests.api.conftest import SECRET
from tests.integration.sales.brand import NOW, TZ, FixedClock, seed

GUIDE_CHAT = 5550001


def test_a_customer_named_with_markup_clicking_a_product_reaches_the_guide_as_written(engine, uow_factory):
    ids = seed(engine)
    with Session(engine) as s:
        s.execute(update(StaffRow).where(StaffRow.id == ids.guides["G2"]).values(telegram_user_id=GUIDE_CHAT))
        s.execute(update(CustomerRow).where(CustomerRow.id == ids.customers["C1"]).values(name="Max<b> & Co"))
        s.execute(update(ProductRow).where(ProductRow.sku == "TEE").values(name="T<shirt>"))
        s.commit()
    with uow_factory() as uow:
        uow.product_lists.add(ProductListRecord("k" * 32, ids.customers["C1"], ids.guides["G2"],
                                                (("TEE", "new in"),), NOW, NOW + timedelta(days=14)))
        uow.commit()
    clock = FixedClock()
    settings = Settings(timezone=TZ, api=APISettings(webhook_secret=SECRET))
    app = create_app(Database(uow_factory), settings, clock, notifier=OutboxNotifier(uow_factory, clock))
    with TestClient(app) as client:
        assert client.post("/l/" + "k" * 32 + "/click/TEE", follow_redirects=False).status_code == 303

    session = LocalApiSession()  # refuses markup as Telegram does
    report = _run(OutboxSender(uow_factory, AiogramMessenger(build_bot(settings, session)), clock).drain())
    assert report.sent == 1 and report.retried == report.failed == 0
    [message] = session.messages.values()
    assert message.chat.id == GUIDE_CHAT
    assert plain(message.text) == "👀 Max<b> & Co is interested in T<shirt> (product list)"  # what the guide reads


async def test_a_text_telegram_refuses_for_its_markup_is_sent_again_as_plain_text_not_dropped():
    session = LocalApiSession()
    bot = build_bot(Settings(), session)
    sent = await bot.send_message(1, "<b>Order</b> from Max<b> — 2 × <i>cream</i>")
    assert sent.text == "Order from Max — 2 × cream"
    assert [m.text for m in session.messages.values()] == ["Order from Max — 2 × cream"]


def _run(coroutine):
    import asyncio

    return asyncio.run(coroutine)
