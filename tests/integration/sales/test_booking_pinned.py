"""The ledger, answers and notices of a day of tricky orders, pinned entry by entry.

Written against the per-query booking before it became set-based: every rule, tie and boundary
below must book exactly the same entries, whichever way the booking reads and writes.
"""
import csv
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from copilot.importing import Importer
from copilot.sales import close_month
from db.tables import CustomerRow, StaffRow
from db.tables_ops import CampaignRow, CommissionRuleRow, InteractionRow, OutreachRow
from tests.integration.sales.brand import NOW, TZ, FixedClock, add, add_click, add_outreach, add_rule, ledger, place

T = NOW - timedelta(hours=1)  # every order below is placed at this time
WINDOW = timedelta(days=7)


def _setup(engine, ids, uow_factory):
    add_rule(engine, "category", "skincare", "percent", rate="0.10")
    add_rule(engine, "store", "S2", "percent", rate="0.05")
    add_rule(engine, "campaign", str(ids.campaign), "percent", rate="0.08")
    add_rule(engine, "category", "food", "fixed_per_item", amount="1.00")
    add_rule(engine, "brand", "", "campaign_bonus", amount="2.00")
    add(engine, CommissionRuleRow(scope="category", scope_ref="apparel", kind="percent", rate=Decimal("0.5"),
                                  active=False))  # switched off: must not count
    with uow_factory() as uow:
        close_month(uow, "2026-09", NOW, timezone=TZ)
        uow.commit()


ORDERS = [
    # (order id, customer, guide on the order, store, lines)
    ("P1", "C1", "G1", "S1", (("CREAM", 2, "298.00"), ("TEE", 1, "129.00"))),
    ("P2", "C2", None, "S2", (("COFFEE", 3, "33.33"),)),
    ("P3", "C1", None, "S2", (("TEE", 1, "129.00"),)),
    ("P4", "C3", None, "S1", (("CREAM", 1, "298.00"),)),
    ("P5", "C3", None, "S1", (("COFFEE", 1, "59.90"),)),
]


def _touches(engine, ids):
    # C1: G1's campaign outreach (the guide named on P1 gets its campaign), and a later outreach by
    # G3 without campaign; G2's outreach a second outside the window is too old for P3.
    add_outreach(engine, ids, "C1", "G1", T - timedelta(days=2), campaign=True)
    add_outreach(engine, ids, "C1", "G3", T - timedelta(days=1))
    # C2: an outreach by G3 exactly at the window's start, and a click by G1 at the same moment:
    # a click made at the same time as an outreach is the later touch.
    add_outreach(engine, ids, "C2", "G3", T - WINDOW, campaign=True)
    add_click(engine, ids, "C2", "G1", T - WINDOW)
    # C3 (no owner): a list view is not a touch, an outreach without a guide is not either; two
    # outreaches at one moment: the one recorded last wins. One after the order does not count.
    at = T - timedelta(days=3)
    add(engine, InteractionRow(customer_id=ids.customers["C3"], guide_id=ids.guides["G1"], kind="list_view",
                               ref="token", created_at=T - timedelta(hours=2)),
        OutreachRow(customer_id=ids.customers["C3"], guide_id=None, source="task", channel="manual",
                    sent_at=T - timedelta(hours=3)))
    add_outreach(engine, ids, "C3", "G1", at)
    add_outreach(engine, ids, "C3", "G2", at)
    add_outreach(engine, ids, "C3", "G3", T + timedelta(seconds=1))


def _book_the_day(engine, ids, uow_factory, notifier):
    _setup(engine, ids, uow_factory)
    _touches(engine, ids)
    add_outreach(engine, ids, "C1", "G2", T - WINDOW - timedelta(seconds=1))  # too old for anyone
    bodies = [place(uow_factory, order_id=o, customer=c, guide=g, store=s, lines=lines, at=T,
                    notifier=notifier).body for o, c, g, s, lines in ORDERS]
    # Ordered in September, which is closed: booked in October. C2 again: no touch that old.
    bodies.append(place(uow_factory, order_id="P6", customer="C2", store="S1", at=T - timedelta(days=20),
                        lines=(("TEE", 2, "129.00"),), notifier=notifier).body)
    return bodies


def _named_ledger(engine):
    with Session(engine) as s:
        staff = dict(s.execute(select(StaffRow.id, StaffRow.external_id)).all())
        campaigns = dict(s.execute(select(CampaignRow.id, CampaignRow.name)).all())
    return [(key, staff[guide], kind, str(base), str(commission), month, rule, campaigns.get(campaign))
            for key, guide, kind, base, commission, month, rule, campaign in ledger(engine)]


@pytest.fixture
def booked(engine, ids, uow_factory, notifier):
    return _book_the_day(engine, ids, uow_factory, notifier)


PINNED_LEDGER = [
    # campaign 8% on 725.00 = 58.00, + the campaign bonus 2.00
    ("sale:P1", "G1", "sale", "725.00", "60.00", "2026-10", "order", "Mid-autumn recall"),
    # the click wins the tie: S2 5% of 99.99 + 3 coffees at 1.00 = 7.9995, rounded once
    ("sale:P2", "G1", "sale", "99.99", "8.00", "2026-10", "list_click", None),
    # G3's outreach a day ago (no campaign): S2 5% of 129.00 = 6.45
    ("sale:P3", "G3", "sale", "129.00", "6.45", "2026-10", "outreach", None),
    # the later of two outreaches at one moment: skincare 10%
    ("sale:P4", "G2", "sale", "298.00", "29.80", "2026-10", "outreach", None),
    # no percent of its own for food: the brand's 3% (1.797) + 1.00 for the coffee = 2.80
    ("sale:P5", "G2", "sale", "59.90", "2.80", "2026-10", "outreach", None),
    # September is closed; no touch in its window: the owner at half of 3% of 258.00 = 3.87
    ("sale:P6", "G1", "sale", "258.00", "3.87", "2026-10", "owner", None),
]


def test_each_rule_tie_and_boundary_books_the_pinned_ledger_entry(booked, engine):
    assert _named_ledger(engine) == PINNED_LEDGER


def test_each_answer_names_the_credited_guide_campaign_and_month(booked):
    assert [(b["order_id"], b["total"], b["guide_id"], b["attribution"], b["campaign"], b["commission"],
             b["ledger_month"]) for b in booked] == [
        ("P1", "725.00", "G1", "order", "Mid-autumn recall", "60.00", "2026-10"),
        ("P2", "99.99", "G1", "list_click", None, "8.00", "2026-10"),
        ("P3", "129.00", "G3", "outreach", None, "6.45", "2026-10"),
        ("P4", "298.00", "G2", "outreach", None, "29.80", "2026-10"),
        ("P5", "59.90", "G2", "outreach", None, "2.80", "2026-10"),
        ("P6", "258.00", "G1", "owner", None, "3.87", "2026-10"),
    ]


def test_each_credited_guide_is_told_once_in_their_language(booked, ids, notifier):
    g = ids.guides
    assert notifier.sent == [
        (g["G1"], "Li Na 购买了 ¥725 — 提成 +¥60（Mid-autumn recall）"),
        (g["G1"], "张小红 购买了 ¥99.99 — 提成 +¥8"),
        (g["G3"], "Li Na bought ¥129 — +¥6.45 commission"),
        (g["G2"], "Walk In bought ¥298 — +¥29.80 commission"),
        (g["G2"], "Walk In bought ¥59.90 — +¥2.80 commission"),
        (g["G1"], "张小红 购买了 ¥258 — 提成 +¥3.87"),
    ]


def test_a_customer_without_owner_or_touch_in_the_window_is_booked_to_nobody(engine, ids, uow_factory, notifier):
    add_outreach(engine, ids, "C3", "G1", T - WINDOW - timedelta(seconds=1))
    body = place(uow_factory, order_id="P7", customer="C3", at=T, notifier=notifier).body
    assert ledger(engine) == [] and notifier.sent == []
    assert (body["guide_id"], body["attribution"], body["commission"], body["ledger_month"]) == \
        (None, "none", "0.00", None)


def test_a_booked_order_moves_the_customers_first_and_last_purchase(booked, engine):
    with Session(engine) as s:
        first, last = s.execute(select(CustomerRow.first_order_at, CustomerRow.last_order_at)
                                .where(CustomerRow.external_id == "C2")).one()
    assert (first, last) == (T - timedelta(days=20), T)


def test_the_same_day_imported_from_a_file_settles_to_the_same_ledger(engine, ids, uow_factory, tmp_path):
    _setup(engine, ids, uow_factory)
    _touches(engine, ids)
    add_outreach(engine, ids, "C1", "G2", T - WINDOW - timedelta(seconds=1))
    rows = [(o, c, g or "", s, T, lines) for o, c, g, s, lines in ORDERS]
    rows.append(("P6", "C2", "", "S1", T - timedelta(days=20), (("TEE", 2, "129.00"),)))
    path = tmp_path / "orders.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["order_id", "customer_id", "guide_id", "store_id", "ordered_at", "sku", "quantity",
                         "unit_price"])
        writer.writerows([o, c, g, s, at.isoformat(), sku, qty, price]
                         for o, c, g, s, at, lines in rows for sku, qty, price in lines)
    report = Importer(uow_factory, timezone=TZ, clock=FixedClock()).run("orders", path)
    assert report.committed and report.settled == 6
    assert _named_ledger(engine) == PINNED_LEDGER
