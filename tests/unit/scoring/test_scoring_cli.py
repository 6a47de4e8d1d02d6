"""`guide-copilot score`: file mode end to end through typer; database mode is left to cli.container."""
from __future__ import annotations

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from cli.commands.score import register
from core.errors import InvalidInput


@pytest.fixture
def app():
    app = typer.Typer()
    register(app)

    @app.command()
    def version() -> None:  # a second command keeps typer in multi-command mode, as in cli.main
        """Print nothing."""

    return app


def test_score_command_writes_one_row_per_customer(app, tmp_path):
    tx, out = tmp_path / "tx.csv", tmp_path / "out.csv"
    tx.write_text("customer_id,ordered_at,amount\na,2024-01-05,10\na,2024-02-01,12\nb,2024-01-20,8\n")
    result = CliRunner().invoke(app, ["score", "--transactions", str(tx), "--as-of", "2024-03-01",
                                      "--horizon-days", "14", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(pd.read_csv(out)["customer_id"]) == ["a", "b"]


def test_score_rejects_an_as_of_that_is_not_a_date(app, tmp_path):
    result = CliRunner().invoke(app, ["score", "--transactions", "x.csv", "--as-of", "03/01/2024",
                                      "--out", str(tmp_path / "o.csv")])
    assert isinstance(result.exception, InvalidInput) and "--as-of" in str(result.exception)
