"""Console output shared by commands."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from copilot.importing import ImportReport

_SHOWN_PROBLEMS = 50


def print_import_report(console: Console, report: ImportReport) -> None:
    status = "[green]imported[/green]" if report.committed else "[red]nothing imported[/red]"
    console.print(
        f"{report.kind} from {report.path}: {status} — rows {report.rows}, inserted {report.inserted}, "
        f"updated {report.updated}, unchanged {report.unchanged}, rejected {report.rejected}",
        highlight=False,
    )
    if report.deleted:
        console.print(f"Removed {report.deleted:,} order line(s) no longer in the file.", highlight=False)
    if report.settled:
        console.print(f"Commission posted for {report.settled:,} recent order(s).", highlight=False)
    if report.adjusted:
        console.print(f"Commission adjusted for {report.adjusted:,} changed order(s).", highlight=False)
    if report.problems:
        table = Table("row", "column", "value", "reason", title="Rejected rows")
        for problem in report.problems[:_SHOWN_PROBLEMS]:
            table.add_row(str(problem.row), problem.column, problem.value, problem.reason)
        console.print(table)
        hidden = len(report.problems) - _SHOWN_PROBLEMS
        if hidden > 0:
            console.print(f"... and {hidden} more problem(s)")
    if report.rejects_path:
        console.print(f"Rejected rows with reasons written to {report.rejects_path}", highlight=False)
    if report.rejected and not report.committed:
        console.print("Fix these rows, or re-run with --skip-invalid to import the valid rows.")
