"""Purchase behaviour in the demo brand follows the patterns the field reports (and can fail to)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np


def _repeat_rhythms(brand) -> list[tuple[float, int, str]]:
    """(median days between orders, usage cycle of their most bought consumable, that SKU)."""
    cycle = {p["sku"]: int(p["usage_cycle_days"]) for p in brand.rows["products"] if p["usage_cycle_days"]}
    bought: dict[str, Counter] = defaultdict(Counter)
    for line in brand.rows["orders"]:
        if line["sku"] in cycle:
            bought[line["customer_id"]][line["sku"]] += 1
    rhythms = []
    for customer, dates in brand.order_dates().items():
        if len(dates) >= 4 and bought[customer]:
            gaps = np.diff([d.toordinal() for d in dates])
            sku = bought[customer].most_common(1)[0][0]
            rhythms.append((float(np.median(gaps)), cycle[sku], sku))
    return rhythms


def test_between_half_and_three_quarters_of_buyers_bought_only_once(brand):
    counts = brand.orders_per_customer()
    share = sum(n == 1 for n in counts.values()) / len(counts)
    assert 0.5 <= share <= 0.75


def test_the_repeat_buying_minority_brings_most_of_the_revenue(brand):
    counts = brand.orders_per_customer()
    revenue: dict[str, Decimal] = defaultdict(Decimal)
    for x in brand.rows["orders"]:
        if x["status"] == "paid":
            revenue[x["customer_id"]] += Decimal(x["unit_price"]) * int(x["quantity"])
    repeat = sum(v for c, v in revenue.items() if counts[c] > 1)
    assert repeat / sum(revenue.values()) > Decimal("0.6")


def test_repeat_buyers_median_gap_tracks_the_usage_cycle_of_their_consumable(brand):
    rhythms = _repeat_rhythms(brand)
    assert len(rhythms) > 100
    ratios = [gap / cycle for gap, cycle, _ in rhythms]
    assert 0.7 <= float(np.median(ratios)) <= 2.0
    gaps, cycles = np.log([r[0] for r in rhythms]), np.log([r[1] for r in rhythms])
    assert np.corrcoef(gaps, cycles)[0, 1] > 0.3


def test_buyers_of_the_same_product_keep_different_personal_rhythms(brand):
    by_sku: dict[str, list[float]] = defaultdict(list)
    for gap, _, sku in _repeat_rhythms(brand):
        by_sku[sku].append(gap)
    gaps = max(by_sku.values(), key=len)
    assert len(gaps) >= 10
    # Gap noise alone gives a spread of about 1.7; personal cycles push it to about 3.
    assert np.percentile(gaps, 90) / np.percentile(gaps, 10) > 2.3


def test_repeat_buyers_mostly_rebuy_the_same_consumable_sku(brand):
    counts = brand.orders_per_customer()
    skus: dict[str, Counter] = defaultdict(Counter)
    for x in brand.rows["orders"]:
        skus[x["customer_id"]][x["sku"]] += 1
    loyal = [skus[c].most_common(1)[0][1] >= 2 for c, n in counts.items() if n >= 3]
    assert sum(loyal) / len(loyal) > 0.6


def test_some_repeat_buyers_have_been_silent_for_over_ninety_days(brand):
    repeaters = {c: d for c, d in brand.order_dates().items() if len(d) > 1}
    silent = [c for c, d in repeaters.items() if (brand.end - d[-1]).days > 90]
    assert 0.1 < len(silent) / len(repeaters) < 0.8


def test_a_few_customers_have_a_birthday_in_the_next_seven_days(brand):
    upcoming = {(brand.end + timedelta(days=k)).strftime("%m-%d") for k in range(7)}
    count = sum(c["birthday"][5:] in upcoming for c in brand.rows["customers"] if c["birthday"])
    assert count >= 3


def test_no_order_line_is_priced_above_list_and_some_are_discounted(brand):
    price = {p["sku"]: Decimal(p["price"]) for p in brand.rows["products"]}
    paid = [Decimal(x["unit_price"]) for x in brand.rows["orders"]]
    listed = [price[x["sku"]] for x in brand.rows["orders"]]
    assert all(p <= lp for p, lp in zip(paid, listed))
    discounted = sum(p < lp for p, lp in zip(paid, listed)) / len(paid)
    assert 0.05 < discounted < 0.6


def test_names_are_mostly_chinese_with_about_a_tenth_english(brand):
    customers = brand.rows["customers"]
    chinese = sum(bool(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", c["name"])) for c in customers)
    english = [c for c in customers if re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", c["name"])]
    assert chinese / len(customers) > 0.8
    assert 0.05 < len(english) / len(customers) < 0.15
    assert all(c["language"] == "en" for c in english)


def test_double_eleven_and_618_are_the_busiest_days_of_their_year(brand):
    per_day = Counter(datetime.fromisoformat(x["ordered_at"]).date()
                      for x in {x["order_id"]: x for x in brand.rows["orders"]}.values())
    average = sum(per_day.values()) / len(per_day)
    for peak in (date(2025, 11, 11), date(2025, 6, 18), date(2026, 6, 18)):
        assert per_day[peak] > 2.5 * average


def test_stores_are_quiet_over_spring_festival(brand):
    per_day = Counter(datetime.fromisoformat(x["ordered_at"]).date() for x in brand.rows["orders"])
    holiday = sum(per_day[date(2026, 2, 17) + timedelta(days=k)] for k in range(-1, 4)) / 5
    assert holiday < 0.6 * sum(per_day.values()) / len(per_day)


def test_routines_are_bought_together_more_often_than_chance(brand):
    baskets: dict[str, set[str]] = defaultdict(set)
    for x in brand.rows["orders"]:
        baskets[x["order_id"]].add(x["sku"].rsplit("-", 1)[0] if x["sku"].startswith("BB-DIA") else x["sku"])
    n = len(baskets)
    for a, b in (("SK-HYA-CLN", "SK-HYA-TON"), ("BB-DIA", "BB-WIP")):
        pa = sum(a in s for s in baskets.values()) / n
        pb = sum(b in s for s in baskets.values()) / n
        both = sum(a in s and b in s for s in baskets.values()) / n
        assert both > 2 * pa * pb
