"""The demo's steps, each usable on its own and each printing one line of what it did.

The console speaks English (it talks to whoever runs the command); the chat that follows speaks each
user's own language.
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from cli.container import Container
from cli.progress import progress_bar
from cli.render import print_import_report
from core.errors import GuideCopilotError

IMPORT_ORDER = ("stores", "staff", "customers", "products", "commission_rules", "orders", "content")
TIERS = {0: "never bought", 1: "first-time", 2: "repeat", 3: "VIP"}


def import_demo_files(container: Container, paths: dict[str, Path], console: Console) -> None:
    importer = container.importer()
    for kind in IMPORT_ORDER:
        with progress_bar(f"Importing {kind}") as progress:
            report = importer.run(kind, paths[kind], progress=progress)
        if not report.committed:
            print_import_report(console, report)
            raise GuideCopilotError(f"the demo {kind} file did not import")
        console.print(f"  {kind:<16} {report.rows:>7,} {_unit(container, kind)}  (+{report.inserted:,} new, "
                      f"{report.updated:,} updated, {report.unchanged:,} unchanged)", highlight=False)


def _unit(container: Container, kind: str) -> str:
    """An orders file has one row per order line: say so, next to the number of orders they make."""
    if kind != "orders":
        return "rows"
    with container.uow_factory() as uow:
        return f"order lines = {uow.orders.count():,} orders"


def index_knowledge(container: Container, console: Console) -> None:
    from knowledge.ingest import ingest_content, ingest_products

    start = time.perf_counter()
    with container.uow_factory() as uow:
        products, docs = uow.products.list(), uow.content.list()
    kb = container.knowledge
    items, chunks = ingest_products(kb, products), ingest_content(kb, docs)
    console.print(f"  {'knowledge':<16} {items.written:,} products and {chunks.written:,} content chunks (re)indexed, "
                  f"{items.unchanged + chunks.unchanged:,} unchanged, in {time.perf_counter() - start:.1f}s",
                  highlight=False)


def score_customers(container: Container, console: Console) -> None:
    start = time.perf_counter()
    with container.uow_factory() as uow:
        count = container.contacts.score_all(uow, container.clock.now())
        uow.commit()
    console.print(f"  {'scoring':<16} {count:,} customers scored in {time.perf_counter() - start:.1f}s",
                  highlight=False)


def print_summary(container: Container, console: Console) -> None:
    with container.uow_factory() as uow:
        staff = uow.staff.list()
        table = Table("what", "count", title="Demo brand loaded")
        for label, value in (("stores", len(uow.stores.list())), ("guides", sum(s.role == "guide" for s in staff)),
                             ("managers", sum(s.role == "manager" for s in staff)),
                             ("customers", uow.customers.count()), ("products", len(uow.products.list())),
                             ("orders", uow.orders.count()), ("content", len(uow.content.list()))):
            table.add_row(label, f"{value:,}")
        console.print(table)
        guide = next(s for s in staff if s.role == "guide")
        _print_guide_day(container, uow, guide, console)
    console.print(f"Data: {container.settings.data_dir.resolve()}", highlight=False)


def _print_guide_day(container: Container, uow, guide, console: Console) -> None:
    """What the demo guide sees first: this month's figures and whom to contact today."""
    from copilot.sales import earnings, month_to_date_sales

    now, tz = container.clock.now(), container.settings.timezone
    month = container.contacts.local_month(now)
    figures = earnings(uow, guide.id, month, container.contacts.local_date(now), timezone=tz)
    reader = replace(guide, language="en")  # reasons and the plan in the console's language
    plan, _ = container.contacts.gap_plan(uow, reader, now, month_to_date_sales(uow, guide.id, now, timezone=tz))
    console.print(f"\n{guide.name} ({guide.external_id}), {month}: sales ¥{figures.sales_amount:,.2f}, "
                  f"commission ¥{figures.commission:,.2f}. {plan.sentence('en')}", highlight=False)
    table = Table("#", "customer", "tier", "why", title=f"Whom {guide.name} should contact today")
    for n, line in enumerate(container.contacts.today(uow, reader, now, per_page=5).lines, start=1):
        table.add_row(str(n), line.name, TIERS.get(int(line.tier), ""), "; ".join(line.reasons))
    console.print(table)
