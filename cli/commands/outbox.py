"""`outbox send`, `brand api-key` and `staff handover`."""
from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from cli.container import Container

console = Console(highlight=False)


def register(app: typer.Typer) -> None:
    outbox = typer.Typer(no_args_is_help=True, help="Queued messages to staff and customers.")
    outbox.command("send")(send)
    outbox.command("status")(status)
    app.add_typer(outbox, name="outbox")
    brand = typer.Typer(no_args_is_help=True, help="Brand settings.")
    brand.command("api-key")(api_key)
    app.add_typer(brand, name="brand")
    staff = next((g.typer_instance for g in app.registered_groups if g.name == "staff"), None)
    if staff is None:
        staff = typer.Typer(no_args_is_help=True, help="Staff onboarding.")
        app.add_typer(staff, name="staff")
    staff.command("handover")(handover)


def send(ctx: typer.Context,
         once: Annotated[bool, typer.Option(help="One batch only (default: until nothing is due)")] = False) -> None:
    """Send what is due in the outbox over Telegram, within Telegram's rate limits."""
    container = Container.of(ctx)
    try:
        container.migrate()
        sender = container.outbox_sender()
        report = asyncio.run(sender.run_once() if once else sender.drain())
    finally:
        container.close()
    console.print(f"sent {report.sent}, retry later {report.retried}, 429s {report.rate_limited}, "
                  f"blocked {report.blocked}, failed {report.failed}")


def status(ctx: typer.Context, stale_after: Annotated[int, typer.Option(
        help="A sender silent for longer than this many seconds counts as down")] = 60) -> None:
    """The queue by status and every sender's last heartbeat. Exit code 1 when no sender is alive
    and well: use it as the bot's health check."""
    from datetime import timedelta

    from copilot.outbox.serving import WORKER_PREFIX, assess

    container = Container.of(ctx)
    try:
        container.migrate()
        with container.uow_factory() as uow:
            queue, beats = uow.outbox.counts(), uow.workers.beats(WORKER_PREFIX)
    finally:
        container.close()
    healthy, lines = assess(beats, container.clock.now(), stale_after=timedelta(seconds=stale_after))
    console.print("queue: " + (", ".join(f"{k} {v}" for k, v in sorted(queue.items())) or "empty"))
    for line in lines or ["no outbox sender has ever run"]:
        console.print(line)
    if not healthy:
        raise typer.Exit(1)


def api_key(ctx: typer.Context) -> None:
    """Make a new API key for POST /api/campaigns (the old one stops working). Shown once."""
    from copilot.campaigns.api_keys import new_api_key

    container = Container.of(ctx)
    try:
        container.migrate()
        with container.uow_factory() as uow:
            key = new_api_key(uow, container.settings.brand_code)
            uow.commit()
    finally:
        container.close()
    console.print(key)


def handover(
    ctx: typer.Context,
    from_id: Annotated[str, typer.Argument(help="External id of the leaving guide")],
    to: Annotated[str, typer.Option(help="External ids of the receiving staff, comma-separated")],
) -> None:
    """Move a leaving guide's customers and open tasks to other guides (history stays)."""
    from copilot.staff.handover import handover_by_external

    container = Container.of(ctx)
    try:
        container.migrate()
        with container.uow_factory() as uow:
            result = handover_by_external(uow, from_id, to.split(","), container.clock.now())
            uow.commit()
            names = {s.id: s.external_id for s in uow.staff.list()}
    finally:
        container.close()
    moved = ", ".join(f"{names[g]}: {n}" for g, n in result.customers.items()) or "no customers"
    console.print(f"{from_id} handed over: {moved}; {result.tasks} open tasks moved")
