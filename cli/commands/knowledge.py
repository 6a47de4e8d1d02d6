"""Knowledge-base commands: `ingest` (database or files) and `search` (one query or a batch)."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cli.container import Container
from cli.progress import progress_bar
from core.errors import InvalidInput
from core.ports import SearchFilters


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("search")(search)


def ingest(
    ctx: typer.Context,
    products_csv: Annotated[Path | None, typer.Option(help="Products CSV instead of the database")] = None,
    content_dir: Annotated[Path | None, typer.Option(help="Folder of .md/.txt instead of the database")] = None,
    quiet: Annotated[bool, typer.Option(help="No progress bar")] = False,
) -> None:
    """Index products and content for search. Re-ingesting unchanged data changes nothing."""
    from knowledge.documents import chunk_content
    from knowledge.ingest import ingest_content, ingest_products
    from knowledge.loaders import load_content_dir, load_products_csv

    container = Container.of(ctx)
    if products_csv is None and content_dir is None:
        with container.uow_factory() as uow:
            products, docs = uow.products.list(), uow.content.list()
    else:
        products = load_products_csv(products_csv) if products_csv else None
        language = container.settings.default_language
        docs = load_content_dir(content_dir, language=language) if content_dir else None
    kb = container.knowledge
    console = Console()
    if products is not None:
        with _counting(f"Indexing {len(products)} products", len(products), quiet) as step:
            report = ingest_products(kb, products, full_sync=True, on_progress=step)
        console.print(f"products: {_summary(report)}")
    if docs is not None:
        chunks = sum(len(chunk_content(d)) for d in docs)
        with _counting(f"Indexing {len(docs)} documents", chunks, quiet) as step:
            report = ingest_content(kb, docs, full_sync=True, on_progress=step)
        console.print(f"content chunks: {_summary(report)}")


def search(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help="What to look for, in any language")] = None,
    top: Annotated[int, typer.Option("--top", "-k", min=1, max=100, help="How many products")] = 10,
    in_stock: Annotated[bool, typer.Option("--in-stock", help="Only products in stock")] = False,
    category: Annotated[str | None, typer.Option(help="Only this category")] = None,
    queries: Annotated[Path | None, typer.Option(help="Batch: a text file, one query per line")] = None,
    out: Annotated[Path | None, typer.Option(help="Batch: JSON lines output {query, skus}")] = None,
) -> None:
    """Search products: one QUERY as a table, or --queries FILE --out FILE.jsonl for evaluation."""
    if (query is None) == (queries is None):
        raise InvalidInput("give either QUERY or --queries FILE (with --out FILE.jsonl)")
    if queries is not None and out is None:
        raise InvalidInput("--queries needs --out FILE.jsonl")
    filters = SearchFilters(in_stock=True if in_stock else None, category=category)
    kb = Container.of(ctx).knowledge
    if query is not None:
        _print_hits(query, kb.search_products(query, top_k=top, filters=filters))
        return
    lines = [q.strip() for q in _read_queries(queries) if q.strip()]
    with out.open("w", encoding="utf-8") as fh:
        for q in lines:
            skus = [hit.sku for hit in kb.search_products(q, top_k=top, filters=filters)]
            fh.write(json.dumps({"query": q, "skus": skus}, ensure_ascii=False) + "\n")
    Console().print(f"{len(lines)} queries answered -> {out}")


def _read_queries(path: Path) -> list[str]:
    if not path.is_file():
        raise InvalidInput(f"queries file not found: {path}")
    return path.read_text(encoding="utf-8").splitlines()


def _print_hits(query: str, hits: list) -> None:
    table = Table(title=f"Products for {query!r}")
    table.add_column("SKU", no_wrap=True)
    table.add_column("Name")
    table.add_column("Score", justify="right")
    for hit in hits:
        table.add_row(hit.sku, hit.name, f"{hit.score:.3f}")
    console = Console()
    console.print(table if hits else "No matching products.")


@contextmanager
def _counting(label: str, total: int, quiet: bool) -> Iterator[Callable[[int], None]]:
    """Adapts the knowledge base's per-batch increments to the shared (done, total) bar."""
    with progress_bar(label, enabled=not quiet) as update:
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            update(done, total)

        yield step


def _summary(report) -> str:
    return (f"{report.inserted} new, {report.updated} updated, {report.unchanged} unchanged, "
            f"{report.deleted} removed")
