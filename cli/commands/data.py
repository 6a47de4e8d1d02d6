"""Database commands: migrate, import."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cli.container import Container
from cli.progress import progress_bar
from cli.render import print_import_report
from copilot.importing.service import KINDS


def register(app: typer.Typer) -> None:
    app.command("migrate")(migrate)
    app.command("import")(import_file)


def migrate(ctx: typer.Context) -> None:
    """Create or upgrade the database schema (SQLite by default, PostgreSQL with GC_DATABASE__URL)."""
    container = Container.of(ctx)
    container.migrate()
    Console().print(f"Database is at the latest schema: {container.engine.url.render_as_string()}")


def import_file(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join(KINDS)}")],
    path: Annotated[Path, typer.Argument(help=".csv or .xlsx file (content: also a folder of .md/.txt)")],
    skip_invalid: Annotated[bool, typer.Option(help="Import the valid rows; write rejected ones to a file")] = False,
    rejects: Annotated[Path | None, typer.Option(help="Where --skip-invalid writes rejected rows")] = None,
    quiet: Annotated[bool, typer.Option(help="No progress bar")] = False,
) -> None:
    """Import staff, customers, products, orders, content or stores. Re-importing changes nothing."""
    container = Container.of(ctx)
    container.migrate()
    with progress_bar(f"Importing {kind}", enabled=not quiet) as progress:
        report = container.importer().run(kind, path, skip_invalid=skip_invalid,
                                          rejects_path=rejects, progress=progress)
    print_import_report(Console(), report)
    if not report.committed:
        raise typer.Exit(1)
