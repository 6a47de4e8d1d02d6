"""`guide-copilot score`: score a transaction file, or (wired by cli.container) the database."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from core.errors import InvalidInput

STAGES = {"reading": "Reading transactions", "scoring": "Fitting and scoring",
          "writing": "Writing scores"}


def score_database(ctx: typer.Context, as_of: date | None, horizon_days: int, console: Console) -> int:
    """Nightly job: score every customer in the database and store the snapshot the bot reads."""
    from datetime import UTC, datetime, time

    from cli.container import Container

    container = Container.of(ctx)
    try:
        container.migrate()
        now = datetime.combine(as_of, time(), tzinfo=UTC) if as_of else container.clock.now()
        with Progress(SpinnerColumn(), TextColumn("Scoring customers"), TimeElapsedColumn(),
                      console=console, transient=True) as progress:
            progress.add_task("score", total=None)
            with container.uow_factory() as uow:
                count = container.contacts.score_all(uow, now)
                uow.commit()
        return count
    finally:
        container.close()


def score_file(transactions: Path, as_of: date, horizon_days: int, out: Path, console: Console) -> int:
    from copilot.scoring.fileio import score_transactions_file

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("Starting", total=None)

        def stage(name: str) -> None:
            progress.update(task, description=STAGES.get(name, name))

        return score_transactions_file(transactions, as_of, horizon_days, out, progress=stage)


def register(app: typer.Typer) -> None:
    @app.command("score")
    def score(
        ctx: typer.Context,
        transactions: Path | None = typer.Option(
            None, "--transactions", help="CSV with header customer_id,ordered_at,amount; "
            "without it, the database is scored."),
        as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD; rows before it are used."),
        horizon_days: int = typer.Option(30, "--horizon-days", min=1, max=365),
        out: Path | None = typer.Option(None, "--out", help="Output CSV (file mode)."),
    ) -> None:
        """Score customers: p_purchase and expected_value over the horizon."""
        console = Console(stderr=True)
        day = _parse_day(as_of)
        if transactions is None:
            n = score_database(ctx, day, horizon_days, console)
            console.print(f"Scored {n:,} customers; the snapshot is stored for today's lists.")
            return
        if out is None or day is None:
            raise InvalidInput("--transactions needs --as-of and --out")
        n = score_file(transactions, day, horizon_days, out, console)
        console.print(f"Scored {n:,} customers -> {out}")


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"--as-of must be YYYY-MM-DD, got {value!r}") from exc
