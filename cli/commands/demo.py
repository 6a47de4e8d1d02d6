"""`guide-copilot demo`: the demo brand on the embedded default, in one command.

Steps: migrate, generate the demo brand's files once (kept in the data dir, so a second run
re-imports the same files and changes nothing), import them, index the knowledge base, score every
customer, print a summary, then open the chat (terminal chat without a Telegram token).
"""
from __future__ import annotations

import time
from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from cli.container import Container
from cli.demo.chat import ROLES, start_chat
from cli.demo.steps import import_demo_files, index_knowledge, print_summary, score_customers
from core.errors import GuideCopilotError


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    ctx: typer.Context,
    no_chat: Annotated[bool, typer.Option("--no-chat", help="Only load the demo; do not open the chat")] = False,
    seed: Annotated[int, typer.Option(help="Seed of the demo brand generator")] = 7,
    customers: Annotated[int, typer.Option(help="How many demo customers")] = 3000,
    regenerate: Annotated[bool, typer.Option(help="Write the demo files anew (dated today)")] = False,
    role: Annotated[str, typer.Option("--as", help="Chat as the demo's guide, manager or customer "
                                                   "(switch inside the chat with /as)")] = "guide",
) -> None:
    """Create and load the demo brand, then chat with the bot as a demo guide, manager or customer."""
    if role not in ROLES:
        raise GuideCopilotError(f"--as must be one of {', '.join(ROLES)}, not {role!r}")
    console = Console()
    container = Container.of(ctx)
    try:
        container.migrate()
        folder = container.settings.data_dir / "demo-brand"
        today = container.clock.now().astimezone(container.settings.tz).date()
        paths = _demo_files(folder, seed=seed, customers=customers, regenerate=regenerate, today=today,
                            console=console)
        import_demo_files(container, paths, console)
        index_knowledge(container, console)
        score_customers(container, console)
        print_summary(container, console)
        if not no_chat:
            start_chat(container, console, role)
    finally:
        container.close()


# The demo brand's commission plan: 3% on everything, 5% on skin care, 2 yuan per baby item.
DEMO_RULES = ("scope,scope_ref,kind,rate,amount\nbrand,,percent,0.03,\ncategory,护肤,percent,0.05,\n"
              "category,母婴,fixed_per_item,,2.00\n")


def _demo_files(folder, *, seed: int, customers: int, regenerate: bool, today: date, console: Console) -> dict:
    from cli.demo.brand import write_demo_brand

    marker = folder / "orders.csv"
    if regenerate or not marker.exists():
        console.print(f"Generating the demo brand ({customers:,} customers, 24 months of orders up to {today}; "
                      "a few seconds)…", highlight=False)
        started = time.perf_counter()
        paths = write_demo_brand(folder, seed=seed, customers=customers, end=today)
        (folder / "commission_rules.csv").write_text(DEMO_RULES, encoding="utf-8")
        console.print(f"  {'generated':<16} in {time.perf_counter() - started:.1f}s: {folder}", highlight=False)
        return {**paths, "commission_rules": folder / "commission_rules.csv"}
    kinds = ("stores", "staff", "customers", "products", "orders", "commission_rules")
    paths = {kind: folder / f"{kind}.csv" for kind in kinds}
    if not all(p.exists() for p in paths.values()):
        raise GuideCopilotError(f"{folder} is incomplete: run the demo with --regenerate")
    return {**paths, "content": folder / "content"}
