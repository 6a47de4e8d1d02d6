"""Idempotent ingestion: stable ids, no duplicates, and products that must stop appearing do."""
from __future__ import annotations

import dataclasses

from core.ports import SearchFilters
from knowledge.ingest import ingest_content, ingest_products
from knowledge.loaders import load_content_dir, load_products_csv
from knowledge.store import KnowledgeBase

from .conftest import sample_docs


def found(kb, query: str, **filters) -> set[str]:
    return {h.sku for h in kb.search_products(query, top_k=50, filters=SearchFilters(**filters))}


def test_reingesting_the_same_catalogue_changes_nothing(loaded_kb, catalogue):
    report = ingest_products(loaded_kb, catalogue)
    assert (report.inserted, report.updated, report.deleted) == (0, 0, 0)
    assert report.unchanged == len(catalogue)
    assert loaded_kb.products.count() == len(catalogue)
    assert sorted(loaded_kb.products.get()["ids"]) == sorted(p.sku for p in catalogue)


def test_a_changed_product_is_updated_in_place_under_its_sku(loaded_kb, catalogue):
    catalogue[0] = dataclasses.replace(catalogue[0], name="润雪玻尿酸保湿面霜 升级款")
    report = ingest_products(loaded_kb, catalogue)
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, len(catalogue) - 1)
    assert loaded_kb.products.count() == len(catalogue)
    assert loaded_kb.search_products("升级款 保湿面霜", top_k=1)[0].name.endswith("升级款")


def test_a_product_turned_inactive_stops_appearing(loaded_kb, catalogue):
    catalogue[-1] = dataclasses.replace(catalogue[-1], active=False)
    ingest_products(loaded_kb, catalogue)
    assert "HM-5001" not in found(loaded_kb, "空气净化器")


def test_a_product_turned_out_of_stock_stops_appearing_in_in_stock_searches(loaded_kb, catalogue):
    catalogue[-1] = dataclasses.replace(catalogue[-1], in_stock=False)
    ingest_products(loaded_kb, catalogue)
    assert "HM-5001" not in found(loaded_kb, "空气净化器", in_stock=True)


def test_a_full_sync_deletes_products_missing_from_the_catalogue(loaded_kb, catalogue):
    report = ingest_products(loaded_kb, catalogue[:-1], full_sync=True)
    assert report.deleted == 1
    assert "HM-5001" not in found(loaded_kb, "空气净化器")
    assert loaded_kb.products.get(ids=["HM-5001"])["ids"] == []


def test_an_incremental_ingest_keeps_products_it_was_not_given(loaded_kb, catalogue):
    report = ingest_products(loaded_kb, catalogue[:1], full_sync=False)
    assert report.deleted == 0 and loaded_kb.products.count() == len(catalogue)


def test_removing_a_store_from_a_product_removes_it_from_that_store_in_chroma_too(loaded_kb, catalogue):
    catalogue[1] = dataclasses.replace(catalogue[1], attributes={"stores": "S02"})
    ingest_products(loaded_kb, catalogue)
    chroma_hits = loaded_kb.chroma_search_products("美白精华", top_k=20, filters=SearchFilters(store="S01"))
    assert "SC-1002" not in {h.sku for h in chroma_hits}
    assert "SC-1002" not in found(loaded_kb, "美白精华", store="S01")


def test_reingesting_content_is_idempotent_and_a_shorter_version_drops_old_chunks(kb):
    docs = sample_docs()
    first = ingest_content(kb, docs)
    assert first.inserted == kb.content.count() > 2
    assert ingest_content(kb, docs).written == 0
    shorter = [docs[0].__class__(docs[0].external_id, docs[0].kind, docs[0].title, "只有一段。"), docs[1]]
    report = ingest_content(kb, shorter)
    assert report.deleted == first.inserted - 2
    assert sorted(kb.content.get()["ids"]) == ["guide-dry-skin#0", "script-recall#0"]


def test_the_products_csv_and_content_folder_loaders_read_every_field(tmp_path):
    csv_file = tmp_path / "p.csv"
    csv_file.write_text(
        "sku,name,category,price,description,in_stock,language,tags,brand,name_en,description_en,stores\n"
        "SC-1,保湿面霜,skincare,199.5,补水,false,zh,保湿;干皮,润雪,Moisturizing cream,Hydrating,\"S1,S2\"\n",
        encoding="utf-8",
    )
    (p,) = load_products_csv(csv_file)
    assert (p.sku, str(p.price), p.in_stock, p.tags) == ("SC-1", "199.5", False, ("保湿", "干皮"))
    assert p.name_in("en") == "Moisturizing cream" and p.attributes["stores"] == "S1,S2"
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "recall.md").write_text("# Recall script\nHello again!", encoding="utf-8")
    (doc,) = load_content_dir(tmp_path)
    assert (doc.external_id, doc.title) == ("scripts/recall", "Recall script")
    assert (doc.kind, doc.language) == ("script", "en")


def test_a_running_reader_sees_another_writers_removal_after_refresh(
    loaded_kb, catalogue, embedder, tokenizer, tmp_path
):
    reader = KnowledgeBase.open(tmp_path / "chroma", embedder, tokenizer=tokenizer, refresh_seconds=0)
    assert "HM-5001" in found(reader, "空气净化器")
    catalogue[-1] = dataclasses.replace(catalogue[-1], active=False)
    ingest_products(loaded_kb, catalogue)  # the writer: e.g. `guide-copilot ingest` in another process
    assert "HM-5001" not in found(reader, "空气净化器")
    assert reader.refresh() is False  # already current: nothing to reload
