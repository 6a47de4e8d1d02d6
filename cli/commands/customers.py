"""`guide-copilot staff link STAFF_ID`: print a guide's personal customer link (stable, made once)."""
from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from cli.container import Container


def register(app: typer.Typer) -> None:
    # `staff` is cli.commands.bot's group (staff invite); join it rather than shadow it.
    group = next((g.typer_instance for g in app.registered_groups if g.name == "staff"), None)
    if group is None:
        group = typer.Typer(no_args_is_help=True, help="Staff onboarding.")
        app.add_typer(group, name="staff")
    group.command("link")(link)


def link(ctx: typer.Context, staff_id: Annotated[str, typer.Argument(help="The staff member's external id")]) -> None:
    """Print the guide's personal customer link: customers who open it and agree become theirs."""
    from copilot.customers import personal_link

    container = Container.of(ctx)
    try:
        container.migrate()
        with container.uow_factory() as uow:
            staff, url = personal_link(uow, staff_id, container.clock.now(),
                                       bot_username=container.settings.telegram.bot_username)
            uow.commit()
    finally:
        container.close()
    Console().print(f"Customer link for {staff.name} ({staff.external_id}): {url}", highlight=False, soft_wrap=True)
