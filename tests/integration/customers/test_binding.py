"""Binding a Telegram user to the guide whose link they opened, and the optional phone share."""
from __future__ import annotations

from datetime import timedelta

from copilot import customers
from core.domain import Consent
from core.ports import ConversationMessage
from tests.integration.customers.conftest import NOW

NEWCOMER = customers.BindRequest(telegram_user_id=7777, name="Hong Li", language="en")


def _bind(uow_factory, guide_id: int, who=NEWCOMER):
    with uow_factory() as uow:
        customer = customers.bind(uow, uow.staff.get(guide_id), who, NOW)
        uow.commit()
    return customer


def test_a_new_telegram_user_becomes_a_new_customer_of_the_guide_with_consent(uow_factory, shop):
    customer = _bind(uow_factory, shop.guides["G2"])
    assert (customer.owner_id, customer.telegram_user_id, customer.consent) == (shop.guides["G2"], 7777, Consent.GRANTED)
    assert customer.external_id == "tg-7777" and customer.name == "Hong Li" and customer.language == "en"
    with uow_factory() as uow:
        assert uow.conversations.consent_events(customer.id) == [("granted", "bot_link", NOW)]


def test_a_known_customer_opening_another_guides_link_moves_to_that_guide(uow_factory, shop):
    lily = customers.BindRequest(telegram_user_id=9001, name="Lily", language="en")
    customer = _bind(uow_factory, shop.guides["G2"], lily)
    assert customer.id == shop.customers["C1"] and customer.owner_id == shop.guides["G2"]


def test_sharing_a_known_phone_joins_the_new_record_to_the_brands_record(uow_factory, shop):
    made = _bind(uow_factory, shop.guides["G2"])
    with uow_factory() as uow:
        uow.conversations.add_message(ConversationMessage(made.id, made.owner_id, "in", "hello", NOW))
        joined, matched = customers.share_phone(uow, uow.customers.get(made.id), "+86 139-0013-9000",
                                                NOW + timedelta(minutes=1))
        uow.commit()
    known = shop.customers["C3"]
    assert matched and joined.id == known
    assert (joined.telegram_user_id, joined.owner_id, joined.consent) == (7777, shop.guides["G2"], Consent.GRANTED)
    with uow_factory() as uow:
        assert uow.customers.get(made.id) is None
        assert [m.text for m in uow.conversations.messages(known)] == ["hello"]
        assert [s for s, _, _ in uow.conversations.consent_events(known)] == ["granted", "granted"]
        assert len(uow.orders.list_for_customer(known)) == 1  # the brand's history is theirs now


def test_an_unknown_phone_is_only_saved(uow_factory, shop):
    made = _bind(uow_factory, shop.guides["G1"])
    with uow_factory() as uow:
        after, matched = customers.share_phone(uow, uow.customers.get(made.id), "+1 555 0100 200", NOW)
        uow.commit()
    assert not matched and after.id == made.id and after.phone == "15550100200"


def test_a_phone_of_a_customer_already_on_telegram_is_never_taken_over(uow_factory, shop):
    made = _bind(uow_factory, shop.guides["G1"])
    with uow_factory() as uow:
        after, matched = customers.share_phone(uow, uow.customers.get(made.id), "13800138000", NOW)
        uow.commit()
        lily = uow.customers.get(shop.customers["C1"])
    assert not matched and after.id == made.id and lily.telegram_user_id == 9001


def test_a_guides_link_code_is_stable_unguessable_and_resolves_only_to_that_guide(uow_factory, shop):
    with uow_factory() as uow:
        g1 = uow.staff.get(shop.guides["G1"])
        first = customers.link_code(uow, g1, NOW)
        again = customers.link_code(uow, g1, NOW + timedelta(days=30))
        other = customers.link_code(uow, uow.staff.get(shop.guides["G2"]), NOW)
        uow.commit()
    with uow_factory() as uow:
        assert first == again != other and len(first) >= 16
        assert customers.guide_for_link(uow, customers.link_payload(first)).id == g1.id
        for junk in ("c_", "c_" + first[:-1], first, "s_" + first, "c_../../etc", "c_" + "A" * 60):
            assert customers.guide_for_link(uow, junk) is None, junk
