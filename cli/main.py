"""`guide-copilot` console script: builds the Typer app and handles our errors at the edge."""
from __future__ import annotations

import importlib
import logging
import sys

import typer
from rich.console import Console

from core.errors import GuideCopilotError

# Each module exposes register(app); adding a feature's commands is one line here.
COMMAND_MODULES = ("cli.commands.data", "cli.commands.demo", "cli.commands.score", "cli.commands.knowledge",
                   "cli.commands.sales", "cli.commands.bot", "cli.commands.customers",
                   "cli.commands.campaigns", "cli.commands.outbox")


def build_app() -> typer.Typer:
    app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                      help="Guide Copilot: whom to contact, what to say, what it earned.")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a feature not built yet
        module.register(app)
    return app


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        build_app()(args=argv, standalone_mode=True)
    except GuideCopilotError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
