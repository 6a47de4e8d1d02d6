"""Cross-language and exact-term retrieval, and content chunks that keep their source."""
from __future__ import annotations

from knowledge.documents import chunk_content
from knowledge.ingest import ingest_content

from .conftest import sample_docs


def top(kb, query: str, k: int = 3) -> list[str]:
    return [hit.sku for hit in kb.search_products(query, top_k=k)]


def test_a_chinese_query_finds_a_product_described_only_in_english(shared_kb):
    assert top(shared_kb, "玻璃奶瓶")[0] == "BB-3002"


def test_an_english_query_finds_a_product_described_only_in_chinese(shared_kb):
    assert top(shared_kb, "ultra thin diapers")[0] == "BB-3001"
    assert top(shared_kb, "green tea")[0] == "FD-4002"


def test_a_sku_query_ranks_that_product_first(shared_kb):
    assert top(shared_kb, "FD-4002")[0] == "FD-4002"
    assert top(shared_kb, "fd4002")[0] == "FD-4002"


def test_a_brand_query_ranks_that_brand_first(shared_kb):
    assert top(shared_kb, "Nordwind")[0] == "AP-2002"


def test_an_ingredient_query_ranks_the_product_containing_it_first(shared_kb):
    assert top(shared_kb, "烟酰胺")[0] == "SC-1002"


def test_hits_carry_name_and_a_cosine_score(shared_kb):
    hit = shared_kb.search_products("咖啡豆", top_k=1)[0]
    assert hit.sku == "FD-4001" and hit.name.startswith("山野")
    assert 0.0 < hit.score <= 1.0


def test_long_content_is_split_into_chunks_that_keep_source_and_title():
    doc = sample_docs()[0]
    chunks = chunk_content(doc)
    assert len(chunks) > 1
    assert [c.id for c in chunks] == [f"guide-dry-skin#{n}" for n in range(len(chunks))]
    assert all(c.metadata["source_id"] == "guide-dry-skin" for c in chunks)
    assert all(c.metadata["title"] == "冬季干皮护理指南" for c in chunks)
    assert "".join(c.text for c in chunks).replace("\n", "") == doc.body.replace("\n", "")


def test_content_search_returns_the_chunk_with_its_source(kb):
    ingest_content(kb, sample_docs())
    hit = kb.search_content("how do I win back a silent customer", top_k=1)[0]
    assert hit.source_id == "script-recall"
    assert hit.title == "Silent customer recall script"
    assert "cashmere" in hit.text
