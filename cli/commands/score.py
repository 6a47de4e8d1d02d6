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


def score_database(as_of: date | None, horizon_days: int) -> None:
    """Nightly job: score every customer in the database and store a snapshot.

    Placeholder until cli.container wires the unit of work: build `OrderLog`/`Profile` arrays from
    the repositories, call `copilot.scoring.build.build_features`, store the snapshot.
    """
    raise InvalidInput("database scoring is wired by cli.container")


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
            score_database(day, horizon_days)
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
