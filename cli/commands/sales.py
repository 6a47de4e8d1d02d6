"""HTTP API server and the commission ledger: `api`, `ledger export`, `ledger close`."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cli.container import Container

MonthOption = Annotated[str, typer.Option(help="Calendar month in the brand's timezone, YYYY-MM")]


def register(app: typer.Typer) -> None:
    app.command("api")(serve_api)
    ledger = typer.Typer(no_args_is_help=True, help="The commission ledger: export and month close.")
    ledger.command("export")(export_ledger)
    ledger.command("close")(close_ledger_month)
    app.add_typer(ledger, name="ledger")


def serve_api(ctx: typer.Context) -> None:
    """Serve the HTTP API (order and refund webhooks, health) on the host and port from settings."""
    import uvicorn

    container = Container.of(ctx)
    container.migrate()
    settings = container.settings
    try:
        uvicorn.run(container.api_app(), host=settings.api.host, port=settings.api.port)
    finally:
        container.close()


def export_ledger(ctx: typer.Context, month: MonthOption, out: Annotated[Path, typer.Option(help="CSV file to write")]) -> None:
    """Write one month's commission ledger as CSV: one row per entry, grouped by guide."""
    from copilot.sales import ledger_rows, write_ledger_csv

    container = Container.of(ctx)
    try:
        container.migrate()
        with container.uow_factory() as uow:
            rows = ledger_rows(uow, month)
    finally:
        container.close()
    with out.open("w", newline="", encoding="utf-8") as handle:
        count = write_ledger_csv(rows, handle)
    Console().print(f"{count} ledger entries for {month} written to {out}", highlight=False)


def close_ledger_month(ctx: typer.Context, month: MonthOption) -> None:
    """Close a month: its ledger never changes again; later refunds land in the next open month."""
    from copilot.sales import close_month

    container = Container.of(ctx)
    try:
        container.migrate()
        with container.uow_factory() as uow:
            closed = close_month(uow, month, container.clock.now(), timezone=container.settings.timezone)
            uow.commit()
    finally:
        container.close()
    Console().print(f"{month} closed" if closed else f"{month} was already closed", highlight=False)
