"""The `ingest --products-csv/--content-dir` and `search` commands, driven through Typer."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cli.commands.knowledge import register

BENCH_CSV = Path(__file__).resolve().parents[3] / "bench" / "retrieval" / "data" / "products.csv"


def small_csv(folder: Path) -> Path:
    """The bench's baby category plus three products the tests name: quick to embed."""
    header, *rows = BENCH_CSV.read_text(encoding="utf-8").splitlines()
    keep = [r for r in rows if r.startswith(("BB-", "SC-1002,", "SC-1024,", "FD-4005,", "AP-2001,"))]
    path = folder / "products.csv"
    path.write_text("\n".join([header, *keep]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def app(embedder, tokenizer) -> Iterator[typer.Typer]:
    """Each command builds its knowledge base through the real factory; only the loaded model and
    jieba dictionary are shared with the other tests, so every invocation skips a ~2 s load."""
    app = typer.Typer()
    register(app)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("knowledge.factory.Embedder", lambda: embedder)
        patch.setattr("knowledge.store.Tokenizer", lambda: tokenizer)
        yield app


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    # A throwaway data dir; GC_CHROMA__HOST empty means embedded Chroma under it.
    return {"GC_DATA_DIR": str(tmp_path / "data"), "GC_CHROMA__HOST": ""}


@pytest.fixture(scope="module")
def ingested(app, tmp_path_factory) -> dict[str, str]:
    """Ingested once for the module: the search tests only read."""
    root = tmp_path_factory.mktemp("cli")
    env = {"GC_DATA_DIR": str(root / "data"), "GC_CHROMA__HOST": ""}
    content = root / "content" / "scripts"
    content.mkdir(parents=True)
    (content / "recall.md").write_text("# 沉默客户召回话术\n好久不见，新品到店了。", encoding="utf-8")
    csv_path = small_csv(root)
    result = CliRunner().invoke(
        app, ["ingest", "--products-csv", str(csv_path), "--content-dir", str(root / "content")], env=env
    )
    assert result.exit_code == 0, result.output
    assert "products: 35 new" in result.output and "content chunks: 1 new" in result.output
    return {**env, "CSV": str(csv_path)}


def test_ingest_from_files_reports_what_it_indexed_and_a_rerun_changes_nothing(app, ingested):
    rerun = CliRunner().invoke(app, ["ingest", "--products-csv", ingested["CSV"], "--quiet"], env=ingested)
    assert rerun.exit_code == 0, rerun.output
    assert "0 new, 0 updated, 35 unchanged, 0 removed" in rerun.output


def test_search_prints_sku_name_and_score_as_a_table(app, ingested):
    result = CliRunner().invoke(app, ["search", "烟酰胺美白精华", "--top", "3"], env=ingested)
    assert result.exit_code == 0, result.output
    assert "SC-1002" in result.output and "Score" in result.output
    assert len(re.findall(r"\b[A-Z]{2}-\d{4}\b", result.output)) == 3


def test_search_filters_by_stock_and_category(app, ingested):
    result = CliRunner().invoke(
        app, ["search", "儿童安全座椅", "--in-stock", "--category", "baby", "--top", "50"], env=ingested
    )
    assert result.exit_code == 0, result.output
    assert "BB-" in result.output and "AP-" not in result.output
    assert "BB-3009" not in result.output  # out of stock in the CSV


def test_batch_search_writes_one_json_line_per_query(app, ingested, tmp_path):
    queries, out = tmp_path / "q.txt", tmp_path / "out.jsonl"
    queries.write_text("SC-1024\nstage 2 infant formula\n\n普洱茶饼\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["search", "--queries", str(queries), "--out", str(out), "--top", "5"], env=ingested
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["query"] for r in rows] == ["SC-1024", "stage 2 infant formula", "普洱茶饼"]
    assert rows[0]["skus"][0] == "SC-1024" and all(len(r["skus"]) == 5 for r in rows)


def test_search_without_a_query_or_a_queries_file_is_refused(app, env):
    result = CliRunner().invoke(app, ["search"], env=env)
    assert result.exit_code != 0
