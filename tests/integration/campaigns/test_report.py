"""Report figures on a campaign whose right answers are known by construction."""
from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from copilot.campaigns.chart import chart_png
from copilot.campaigns.report import campaign_report, write_csv
from copilot.campaigns.summary import summary
from db.tables import CustomerRow, OrderRow, StaffRow
from db.tables_ops import CampaignRow, CareTaskRow, LedgerEntryRow
from tests.integration.campaigns.conftest import NOW

START = NOW - timedelta(days=10)


def build(engine) -> int:
    """100 treated (A: 14 of 50 buy, B: 6 of 50), 100 holdout (10 buy), a few orders that must not count."""
    with Session(engine) as s:
        g1, g2 = StaffRow(external_id="G1", name="Li", role="guide"), StaffRow(external_id="G2", name="Wu", role="guide")
        s.add_all([g1, g2])
        campaign = CampaignRow(name="Recall", kind="silent_recall", segment="silent", created_at=START,
                               due_date=(NOW - timedelta(days=1)).date(), holdout_share=0.5)
        s.add(campaign)
        s.flush()
        customers = [CustomerRow(external_id=f"C{i}", name=f"c{i}") for i in range(200)]
        s.add_all(customers)
        s.flush()
        outcomes = ["contacted"] * 30 + ["replied"] * 15 + ["bought"] * 15 + [None] * 40
        for i, c in enumerate(customers):
            holdout, variant = i >= 100, (i // 50) % 2
            s.add(CareTaskRow(campaign_id=campaign.id, customer_id=c.id, guide_id=(g1 if i % 2 else g2).id,
                              kind="silent_recall", variant=0 if holdout else variant, holdout=holdout,
                              status="holdout" if holdout else ("done" if outcomes[i] else "open"),
                              outcome=None if holdout else outcomes[i], created_at=START,
                              due_at=NOW - timedelta(hours=1)))
        buyers = list(range(0, 14)) + list(range(50, 56)) + list(range(100, 110))
        for n, i in enumerate(buyers):
            s.add(OrderRow(external_id=f"O{n}", customer_id=customers[i].id, ordered_at=START + timedelta(days=2),
                           total=Decimal(100)))
        s.add(OrderRow(external_id="before", customer_id=customers[120].id, ordered_at=START - timedelta(days=1)))
        s.add(OrderRow(external_id="late", customer_id=customers[121].id, ordered_at=NOW))  # after the due date
        s.add(OrderRow(external_id="refunded", customer_id=customers[60].id, ordered_at=START + timedelta(days=1),
                       status="refunded"))
        s.flush()
        orders = {o.external_id: o for o in s.query(OrderRow)}
        for key, order, guide, base, commission in [("s0", "O0", g2, "100", "3"), ("s1", "O1", g1, "200", "6"),
                                                    ("r1", "O1", g1, "-50", "-1.5"), ("s14", "O14", g2, "80", "2.4")]:
            s.add(LedgerEntryRow(entry_key=key, order_id=orders[order].id, guide_id=guide.id, campaign_id=campaign.id,
                                 kind="refund" if key.startswith("r") else "sale", base_amount=Decimal(base),
                                 commission=Decimal(commission), month="2026-11", created_at=NOW))
        s.commit()
        return campaign.id


@pytest.fixture
def report(engine, uow_factory):
    campaign_id = build(engine)
    with uow_factory() as uow:
        return campaign_report(uow, campaign_id, NOW)


def test_outcomes_sales_and_conversion_add_up_to_the_known_figures(report):
    t = report.total
    assert (t.tasks, t.done, t.contacted, t.replied, t.bought, t.converted) == (100, 60, 60, 30, 15, 20)
    assert (t.revenue, t.commission) == (Decimal("330"), Decimal("9.9"))
    assert (report.holdout.tasks, report.holdout.converted) == (100, 10)
    assert {k: (f.tasks, f.converted) for k, f in report.by_variant.items()} == {"A": (50, 14), "B": (50, 6)}
    assert report.by_variant["A"].revenue == Decimal("250") and report.by_variant["B"].revenue == Decimal("80")
    assert {k: f.revenue for k, f in report.by_guide.items()} == {"Li": Decimal("150"), "Wu": Decimal("180")}


def test_uplift_is_the_difference_in_conversion_with_its_interval_and_test(report):
    u = report.uplift
    # 20% vs 10%: diff 0.10, unpooled SE 0.05, pooled SE 0.0505 -> z 1.980, p 0.0477.
    assert u.diff == pytest.approx(0.10)
    assert (u.ci_low, u.ci_high) == (pytest.approx(0.10 - 1.96 * 0.05, abs=1e-3), pytest.approx(0.10 + 1.96 * 0.05, abs=1e-3))
    assert u.z == pytest.approx(1.980, abs=1e-3)
    assert u.p_value == pytest.approx(0.0477, abs=1e-3)
    assert u.significant


def test_the_summary_says_it_in_plain_words_and_suggests_the_better_variant(report):
    text = summary(report, "en")
    assert "100 customers given to guides: 60 contacted (60.0%), 30 replied, 20 bought" in text
    assert "Conversion 20.0% vs 10.0% in the holdout: +10.0 points" in text and "significant" in text
    assert "Next round: use variant A for everyone" in text
    assert "对照组" in summary(report, "zh")


def test_the_csv_has_a_row_per_group_and_the_chart_is_a_png(report):
    handle = io.StringIO()
    assert write_csv(report, handle) == 6
    rows = list(csv.DictReader(io.StringIO(handle.getvalue())))
    assert rows[0] == {"scope": "total", "key": "all", "tasks": "100", "done": "60", "contacted": "60",
                       "replied": "30", "bought": "15", "converted": "20", "conversion": "0.2000",
                       "revenue": "330.00", "commission": "9.90"}
    assert chart_png(report).startswith(b"\x89PNG")
