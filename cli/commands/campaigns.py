"""Campaigns from the command line: `campaign create`, `campaign report`, and `run-rules` for cron."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cli.container import Container

console = Console(highlight=False)


def register(app: typer.Typer) -> None:
    group = typer.Typer(no_args_is_help=True, help="Care-task campaigns pushed to the owning guides.")
    group.command("create")(create)
    group.command("report")(report)
    app.add_typer(group, name="campaign")
    app.command("run-rules")(run_rules)


def create(
    ctx: typer.Context,
    segment: Annotated[str, typer.Option(help="all, silent, first_time_no_repeat, vip_at_risk, overdue, ...")],
    kind: Annotated[str, typer.Option(help="care_checkin, silent_recall, first_to_second, birthday, ...")],
    brief: Annotated[str, typer.Option(help="What the drafts should say")],
    due: Annotated[str, typer.Option(help="Due date, YYYY-MM-DD")],
    name: Annotated[str, typer.Option(help="Campaign name (default: the brief)")] = "",
    filter: Annotated[list[str], typer.Option("--filter", help="KEY=VALUE: tags, category, spend, store, guide, language")] = [],  # noqa: B006
    variants: Annotated[int, typer.Option(help="Copy variants for an A/B test (1-3)")] = 1,
    holdout: Annotated[float, typer.Option(help="Share of customers left alone to measure uplift")] = 0.0,
) -> None:
    """Create a campaign: one task per customer for the owning guide, with a draft and product list."""
    from copilot.campaigns import CampaignSpec, parse_filters
    from core.errors import InvalidInput

    try:
        due_date = date.fromisoformat(due)
    except ValueError as exc:
        raise InvalidInput(f"--due must look like 2026-11-27, got {due!r}") from exc
    spec = CampaignSpec(name=name or brief[:60], segment=segment, kind=kind, brief=brief, due=due_date,
                        filters=parse_filters(filter), variants=variants, holdout=holdout)
    container = Container.of(ctx)
    try:
        container.migrate()
        with container.uow_factory() as uow:
            result = container.campaigns.create(uow, spec, container.clock.now())
            uow.commit()
            names = {s.id: f"{s.external_id} {s.name}" for s in uow.staff.list()}
    finally:
        container.close()
    console.print(f"campaign {result.campaign_id}: {result.created} tasks created, {result.holdout} in the holdout")
    for guide_id, count in sorted(result.per_guide.items(), key=lambda kv: -kv[1]):
        console.print(f"  {names[guide_id]}: {count}")
    for reason, count in sorted(result.excluded.items()):
        console.print(f"  excluded ({reason}): {count}")


def report(
    ctx: typer.Context,
    campaign_id: Annotated[int, typer.Argument(help="Campaign id")],
    csv: Annotated[Path | None, typer.Option(help="Write the figures as CSV here")] = None,
    chart: Annotated[Path | None, typer.Option(help="Write the chart PNG here")] = None,
    language: Annotated[str, typer.Option(help="zh or en")] = "en",
) -> None:
    """Print a campaign's figures: outcomes, sales, per guide and variant, uplift against the holdout."""
    from copilot.campaigns.report import campaign_report, report_rows, write_csv
    from copilot.campaigns.summary import summary

    container = Container.of(ctx)
    try:
        container.migrate()
        with container.uow_factory() as uow:
            figures = campaign_report(uow, campaign_id, container.clock.now())
    finally:
        container.close()
    console.print(f"{figures.campaign.name} (campaign {campaign_id})")
    for row in report_rows(figures):
        console.print("  " + "  ".join(f"{k}={v}" for k, v in row.items()))
    console.print(summary(figures, language))
    if csv:
        with csv.open("w", newline="", encoding="utf-8") as handle:
            write_csv(figures, handle)
        console.print(f"CSV written to {csv}")
    if chart:
        from copilot.campaigns.chart import chart_png

        chart.write_bytes(chart_png(figures, language))
        console.print(f"chart written to {chart}")


def run_rules(ctx: typer.Context) -> None:
    """Run the daily automatic rules, then reminders and expiry (safe to run more than once a day)."""
    from copilot.rules import run_rules as run

    container = Container.of(ctx)
    try:
        container.migrate()
        runs = run(container.uow_factory, container.campaigns, container.clock.now())
    finally:
        container.close()
    for r in runs:
        extra = f" campaign {r.campaign_id}, {r.created} tasks" if r.campaign_id else ""
        console.print(f"{r.rule}: {r.status}{extra}")
