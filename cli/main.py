"""`guide-copilot` console script: builds the Typer app and handles our errors at the edge."""
from __future__ import annotations

import importlib
import logging
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console

from core.errors import GuideCopilotError, InvalidInput

# Each module exposes register(app); adding a feature's commands is one line here.
COMMAND_MODULES = ("cli.commands.data", "cli.commands.demo", "cli.commands.score", "cli.commands.knowledge",
                   "cli.commands.sales", "cli.commands.bot", "cli.commands.customers",
                   "cli.commands.campaigns", "cli.commands.outbox")


def build_app() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                      help="Guide Copilot: whom to contact, what to say, what it earned.")
    app.callback()(_options)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a feature not built yet
        module.register(app)
    return app


@dataclass(frozen=True, slots=True)
class CliOptions:
    now: datetime | None = None


def _options(ctx: typer.Context, now: Annotated[str | None, typer.Option(
        "--now", help="Run as if it were this moment (ISO date or datetime, UTC unless an offset is given):"
                      " replays, back-fills and tests")] = None) -> None:
    ctx.obj = CliOptions(now=parse_now(now) if now else None)


def parse_now(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"--now must look like 2026-11-23 or 2026-11-23T10:00+08:00, got {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        build_app()(args=argv, standalone_mode=True)
    except GuideCopilotError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
