"""The demo's steps, each usable on its own and each printing one line of what it did."""
from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from cli.container import Container
from cli.progress import progress_bar
from cli.render import print_import_report
from core.errors import GuideCopilotError

IMPORT_ORDER = ("stores", "staff", "customers", "products", "commission_rules", "orders", "content")


def import_demo_files(container: Container, paths: dict[str, Path], console: Console) -> None:
    importer = container.importer()
    for kind in IMPORT_ORDER:
        with progress_bar(f"Importing {kind}") as progress:
            report = importer.run(kind, paths[kind], progress=progress)
        if not report.committed:
            print_import_report(console, report)
            raise GuideCopilotError(f"the demo {kind} file did not import")
        console.print(f"  {kind:<9} {report.rows:>7,} rows  (+{report.inserted:,} new, "
                      f"{report.updated:,} updated, {report.unchanged:,} unchanged)", highlight=False)


def index_knowledge(container: Container, console: Console) -> None:
    from knowledge.ingest import ingest_content, ingest_products

    start = time.perf_counter()
    with container.uow_factory() as uow:
        products, docs = uow.products.list(), uow.content.list()
    kb = container.knowledge
    items, chunks = ingest_products(kb, products), ingest_content(kb, docs)
    console.print(f"  knowledge {items.written:,} products and {chunks.written:,} content chunks (re)indexed, "
                  f"{items.unchanged + chunks.unchanged:,} unchanged, in {time.perf_counter() - start:.1f}s",
                  highlight=False)


def score_customers(container: Container, console: Console) -> None:
    start = time.perf_counter()
    with container.uow_factory() as uow:
        count = container.contacts.score_all(uow, container.clock.now())
        uow.commit()
    console.print(f"  scoring   {count:,} customers scored in {time.perf_counter() - start:.1f}s", highlight=False)


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
    plan, _ = container.contacts.gap_plan(uow, guide, now, month_to_date_sales(uow, guide.id, now, timezone=tz))
    console.print(f"\n{guide.name} ({guide.external_id}), {month}: sales ¥{figures.sales_amount:,.2f}, "
                  f"commission ¥{figures.commission:,.2f}. {plan.sentence(guide.language)}", highlight=False)
    table = Table("#", "customer", "tier", "why", title=f"Whom {guide.name} should contact today")
    for n, line in enumerate(container.contacts.today(uow, guide, now, per_page=5).lines, start=1):
        table.add_row(str(n), line.name, line.tier.name.lower(), "; ".join(line.reasons))
    console.print(table)


DEMO_TELEGRAM_ID = 900_000_001  # the terminal chat's user: bound to the first demo guide


def start_chat(container: Container, console: Console) -> None:
    """Serve the demo on Telegram when a token is set; otherwise chat in this terminal."""
    settings = container.settings
    if settings.telegram.token or settings.telegram.api_base:
        from cli.commands.bot import serve

        console.print("Serving the demo brand on Telegram (Ctrl-C to stop).")
        serve(container)
        return
    from bot.app import build_dispatcher
    from bot.terminal import run_terminal_chat
    from cli.commands.bot import freeze_startup_objects

    guide = _bind_demo_guide(container)
    console.print(f"Chatting as guide {guide.name} ({guide.external_id}); /help lists what you can do.",
                  highlight=False)
    dispatcher = build_dispatcher(uow_factory=container.uow_factory, clock=container.clock, settings=settings,
                                  services=container.bot_services)
    freeze_startup_objects()
    run_terminal_chat(dispatcher, None, DEMO_TELEGRAM_ID)


def _bind_demo_guide(container: Container):
    with container.uow_factory() as uow:
        bound = uow.staff.get_by_telegram(DEMO_TELEGRAM_ID)
        if bound:
            return bound
        guide = next(s for s in uow.staff.list() if s.role == "guide")
        uow.staff_settings.bind_telegram(guide.id, DEMO_TELEGRAM_ID)
        uow.commit()
        return guide
