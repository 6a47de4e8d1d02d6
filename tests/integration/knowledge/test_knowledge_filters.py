"""Every metadata filter of `SearchFilters`, on the numpy fast path and in Chroma's own query."""
from __future__ import annotations

import pytest

from core.ports import SearchFilters


def skus(kb, query: str, filters: SearchFilters, top_k: int = 20) -> set[str]:
    return {hit.sku for hit in kb.search_products(query, top_k=top_k, filters=filters)}


def test_in_stock_filter_drops_out_of_stock_products(shared_kb):
    assert "SC-1004" in skus(shared_kb, "防晒乳", SearchFilters())
    assert "SC-1004" not in skus(shared_kb, "防晒乳", SearchFilters(in_stock=True))


def test_category_filter_returns_only_that_category(shared_kb):
    found = skus(shared_kb, "保暖 warm", SearchFilters(category="apparel"))
    assert found == {"AP-2001", "AP-2002", "AP-2003"}


def test_price_range_filter_keeps_products_inside_the_range(shared_kb):
    found = skus(shared_kb, "gift", SearchFilters(min_price=200, max_price=400))
    assert found == {"SC-1001", "SC-1002", "SC-1003", "AP-2003", "FD-4002"}


def test_language_filter_matches_primary_language_or_a_translation(shared_kb):
    found = skus(shared_kb, "cream", SearchFilters(language="en", category="skincare"))
    assert found == {"SC-1001", "SC-1003"}  # SC-1001 is zh with an English translation


def test_store_filter_keeps_products_sold_everywhere_and_in_that_store(shared_kb):
    found = skus(shared_kb, "精华", SearchFilters(store="S03"))
    assert "AP-2001" in found  # listed for S03
    assert "SC-1002" not in found  # only S01, S02
    assert "SC-1001" in found  # no store list: every store


def test_unknown_category_returns_nothing(shared_kb):
    assert shared_kb.search_products("面霜", filters=SearchFilters(category="garden")) == []


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(in_stock=True),
        SearchFilters(category="skincare", max_price=300),
        SearchFilters(language="en", in_stock=True),
        SearchFilters(store="S01", min_price=100),
    ],
)
def test_chroma_where_clause_agrees_with_the_numpy_prefilter(shared_kb, filters):
    fast = skus(shared_kb, "保湿 moisturizing", filters)
    slow = {h.sku for h in shared_kb.chroma_search_products("保湿 moisturizing", top_k=20, filters=filters)}
    assert fast == slow
