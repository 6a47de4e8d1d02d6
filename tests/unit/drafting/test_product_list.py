import random
from collections import Counter
from decimal import Decimal

import pytest
from scipy import sparse

from copilot.product_list import CoPurchase, PickerConfig, PickSource, due_items, pick_products
from tests.unit.drafting.drafting_fakes import (
    BY_SKU, CATALOGUE, NOW, FakeKnowledge, brand_orders, customer, order,
)


class UnfilteredKnowledge(FakeKnowledge):
    """A lagging index: ignores the filters, as a stale one might."""

    def search_products(self, query, *, top_k=10, filters=None):
        return super().search_products(query, top_k=top_k, filters=None)


def picks_for(orders, *, knowledge=None, brief="", language="en", tags=("dry skin",), config=PickerConfig()):
    lily = customer(1, "Lily Wang", language, tags=tags)
    stats = CoPurchase.from_orders(brand_orders() + list(orders))
    return pick_products(lily, orders, CATALOGUE, stats, NOW, knowledge=knowledge, brief=brief,
                         config=config)


def skus(picks):
    return [p.product.sku for p in picks]


def test_a_consumable_past_its_usage_cycle_is_picked_first_with_a_reason():
    picks = picks_for([order(1, 70, ("SK-CREAM", 1))])
    assert picks[0].product.sku == "SK-CREAM"
    assert picks[0].source == PickSource.REPURCHASE
    assert "70 days" in picks[0].reason


def test_a_consumable_not_yet_due_is_not_suggested_again():
    picks = picks_for([order(1, 10, ("SK-CREAM", 1))], knowledge=UnfilteredKnowledge(CATALOGUE), brief="cream")
    assert "SK-CREAM" not in skus(picks)


def test_the_customers_own_rhythm_wins_over_the_catalogue_cycle():
    slow = [order(1, 300, ("SK-CREAM", 1)), order(1, 180, ("SK-CREAM", 1)), order(1, 60, ("SK-CREAM", 1))]
    fast = [order(1, 120, ("SK-CREAM", 1)), order(1, 80, ("SK-CREAM", 1)), order(1, 40, ("SK-CREAM", 1))]
    assert due_items(slow, BY_SKU, NOW) == []  # 60 days in, but a cream lasts them 120
    [due] = due_items(fast, BY_SKU, NOW)  # 40 days in, and it lasts them 40
    assert due.personal and due.cycle_days == pytest.approx(40)


def test_buying_two_at_once_doubles_the_expected_cycle():
    assert due_items([order(1, 70, ("SK-CREAM", 2))], BY_SKU, NOW) == []
    assert due_items([order(1, 100, ("SK-CREAM", 2))], BY_SKU, NOW)[0].cycle_days == 120


def test_products_often_bought_with_what_they_own_are_picked_with_the_anchor_named():
    picks = picks_for([order(1, 10, ("SK-CLEANSER", 1))])
    toner = next(p for p in picks if p.product.sku == "SK-TONER")
    assert toner.source == PickSource.CO_PURCHASE
    assert "Amino Cleanser" in toner.reason


def test_brief_and_tag_matches_come_from_knowledge_search_with_in_stock_filter():
    knowledge = FakeKnowledge(CATALOGUE)
    picks = picks_for([order(1, 10, ("SK-CLEANSER", 1))], knowledge=knowledge, brief="winter lips")
    assert "SK-BALM" in skus(picks)
    query, filters = knowledge.queries[0]
    assert "winter lips" in query and "dry skin" in query
    assert filters.in_stock is True and filters.max_price == pytest.approx(178.0)


def test_out_of_stock_and_inactive_products_are_never_picked_even_from_a_stale_index():
    knowledge = UnfilteredKnowledge(CATALOGUE)
    brief = "dry skin night repair serum classic lotion"
    hits = {h.sku for h in knowledge.search_products(brief, top_k=20)}
    assert {"SK-NIGHT", "SK-OLD"} <= hits
    picks = picks_for([order(1, 10, ("SK-SERUM", 1))], knowledge=knowledge, brief=brief)
    assert not {"SK-NIGHT", "SK-OLD"} & set(skus(picks))


def test_a_due_consumable_that_is_out_of_stock_is_skipped():
    orders = [order(1, 100, ("SK-NIGHT", 1)), order(1, 70, ("SK-CREAM", 1))]
    assert "SK-NIGHT" in {d.sku for d in due_items(orders, BY_SKU, NOW)}
    assert "SK-NIGHT" not in skus(picks_for(orders))


def test_a_durable_they_already_own_is_never_picked():
    knowledge = UnfilteredKnowledge(CATALOGUE)
    assert "SK-DRYER" in {h.sku for h in knowledge.search_products("hair dryer")}
    picks = picks_for([order(1, 400, ("SK-DRYER", 1))], knowledge=knowledge, brief="hair dryer")
    assert "SK-DRYER" not in skus(picks)


def test_new_suggestions_stay_within_twice_their_dearest_past_item():
    knowledge = UnfilteredKnowledge(CATALOGUE)
    picks = picks_for([order(1, 10, ("SK-CLEANSER", 1))], knowledge=knowledge,
                      brief="dry skin winter cream serum gold radiance")
    assert picks
    assert all(p.product.price <= Decimal("178") for p in picks)
    assert "SK-LUX" in {h.sku for h in knowledge.search_products("gold radiance cream")}


def test_at_most_two_products_per_category():
    knowledge = UnfilteredKnowledge(CATALOGUE)
    picks = picks_for([order(1, 70, ("SK-CREAM", 1)), order(1, 50, ("SK-SERUM", 1))],
                      knowledge=knowledge, brief="dry skin skincare cream serum lotion")
    assert max(Counter(p.product.category for p in picks).values()) <= 2
    assert len(picks) <= 6


def test_a_customer_without_history_still_gets_three_popular_products():
    picks = picks_for([], tags=())
    assert len(picks) >= 3
    assert {p.source for p in picks} == {PickSource.POPULAR}


def test_reasons_follow_the_customers_language():
    [first, *_] = picks_for([order(1, 70, ("SK-CREAM", 1))], language="zh")
    assert "70天" in first.reason


def test_copurchase_lift_matches_a_hand_computation():
    # baskets: {a,b}, {a,b}, {a}, {c}: P(b|a)=2/3, P(b)=2/4 -> lift 4/3
    matrix = sparse.csr_matrix([[1, 1, 0], [1, 1, 0], [1, 0, 0], [0, 0, 1]])
    [related] = CoPurchase(["a", "b", "c"], matrix).related(["a"], min_together=2)
    assert related.sku == "b" and related.anchor == "a"
    assert related.confidence == pytest.approx(2 / 3)
    assert related.lift == pytest.approx(4 / 3)


def test_copurchase_ignores_refunded_orders_and_counts_customers_once():
    from dataclasses import replace

    from core.domain import OrderStatus

    orders = [order(5, 10, ("SK-CREAM", 1), ("SK-MASK", 1)), order(5, 20, ("SK-CREAM", 1), n=1),
              replace(order(6, 10, ("SK-CREAM", 1), ("SK-MASK", 1)), status=OrderStatus.REFUNDED)]
    stats = CoPurchase.from_orders(orders)
    assert stats.baskets == 1 and stats.count("SK-CREAM") == 1


def test_warmed_co_purchase_rows_answer_exactly_as_the_sparse_products_do():
    rng = random.Random(3)
    baskets = sparse.random(400, 60, density=0.06, random_state=4, format="csr")
    cold, warm = CoPurchase([f"P{i}" for i in range(60)], baskets), CoPurchase([f"P{i}" for i in range(60)], baskets)
    warm.warm(f"P{i}" for i in range(40))  # not all of them: the others multiply as before
    for _ in range(200):
        owned = {f"P{rng.randrange(60)}" for _ in range(rng.randint(1, 4))}
        assert warm.related(owned, top_k=8) == cold.related(owned, top_k=8)
