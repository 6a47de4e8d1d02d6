from datetime import timedelta
from decimal import Decimal

from copilot.sales.commissions import SaleLine, commission
from core.ports import CommissionRule
from tests.integration.sales.brand import NOW, add_outreach, add_rule, ledger, place

CREAM = SaleLine("CREAM", "skincare", 2, Decimal("596.00"))
TEE = SaleLine("TEE", "apparel", 1, Decimal("129.00"))
BRAND = CommissionRule("brand", "", "percent", rate=Decimal("0.03"))


def _pay(rules, lines=(CREAM, TEE), *, store="S1", campaign=None, rate=Decimal(1)) -> Decimal:
    return commission(list(lines), rules, store_code=store, campaign_id=campaign, rate=rate)


def test_the_brand_percentage_applies_to_every_line():
    assert _pay([BRAND]) == Decimal("21.75")  # 3% of 725.00


def test_a_store_percentage_beats_the_brand_percentage_in_that_store_only():
    rules = [BRAND, CommissionRule("store", "S1", "percent", rate=Decimal("0.05"))]
    assert _pay(rules) == Decimal("36.25")
    assert _pay(rules, store="S2") == Decimal("21.75")


def test_a_category_percentage_beats_the_store_percentage_for_its_lines():
    rules = [CommissionRule("category", "skincare", "percent", rate=Decimal("0.10")), BRAND,
             CommissionRule("store", "S1", "percent", rate=Decimal("0.05"))]
    assert _pay(rules) == Decimal("66.05")  # 59.60 on the cream + 6.45 on the tee


def test_a_campaign_percentage_beats_every_other_percentage_on_campaign_sales():
    rules = [BRAND, CommissionRule("category", "skincare", "percent", rate=Decimal("0.10")),
             CommissionRule("campaign", "7", "percent", rate=Decimal("0.08"))]
    assert _pay(rules, campaign=7) == Decimal("58.00")
    assert _pay(rules, campaign=8) == Decimal("63.47")  # another campaign: category and brand


def test_a_fixed_amount_per_item_adds_for_each_item_sold():
    rules = [BRAND, CommissionRule("category", "skincare", "fixed_per_item", amount=Decimal("5.00")),
             CommissionRule("brand", "", "fixed_per_item", amount=Decimal("1.00"))]
    assert _pay(rules) == Decimal("21.75") + 2 * 5 + 3 * 1


def test_a_campaign_bonus_adds_once_per_campaign_sale_and_nothing_otherwise():
    rules = [BRAND, CommissionRule("campaign", "7", "campaign_bonus", amount=Decimal("20.00")),
             CommissionRule("brand", "", "campaign_bonus", rate=Decimal("0.01"))]
    assert _pay(rules, campaign=7) == Decimal("21.75") + 20 + Decimal("7.25")
    assert _pay(rules) == Decimal("21.75")


def test_the_attribution_rate_scales_the_whole_commission():
    assert _pay([BRAND], rate=Decimal("0.5")) == Decimal("10.88")  # 10.875 rounds half up


def test_the_rules_stored_for_the_brand_decide_the_ledger_entry(engine, ids, uow_factory):
    add_rule(engine, "campaign", str(ids.campaign), "percent", rate="0.05")
    add_rule(engine, "campaign", str(ids.campaign), "campaign_bonus", amount="10.00")
    add_rule(engine, "store", "S1", "fixed_per_item", amount="2.50")
    add_outreach(engine, ids, "C1", "G3", NOW - timedelta(days=1), campaign=True)
    place(uow_factory, lines=(("CREAM", 2, "298.00"), ("TEE", 1, "129.00")))
    assert ledger(engine)[0][4] == Decimal("36.25") + 10 + Decimal("7.50")
