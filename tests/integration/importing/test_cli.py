"""The `guide-copilot import` command as a user runs it: exit codes, report, rejects file."""
import pytest
from typer.testing import CliRunner

from cli.main import build_app
from tests.integration.importing.conftest import CUSTOMERS, ORDERS, PRODUCTS, STAFF, write_csv


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("GC_DATABASE__URL", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(build_app(), ["import", *args, "--quiet"])


def test_a_clean_file_imports_and_exits_zero(run, tmp_path):
    result = run("staff", str(write_csv(tmp_path / "staff.csv", STAFF)))
    assert result.exit_code == 0, result.output
    assert "inserted 3" in result.output


def test_an_invalid_row_prints_row_column_value_reason_and_exits_non_zero(run, tmp_path):
    run("staff", str(write_csv(tmp_path / "staff.csv", STAFF)))
    bad = CUSTOMERS + [["C9", "钱七", "G1", "", "", "1990-02-30", "", "", ""]]
    result = run("customers", str(write_csv(tmp_path / "customers.csv", bad)))
    assert result.exit_code == 1
    assert "nothing imported" in result.output and "1990-02-30" in result.output
    assert "--skip-invalid" in result.output


def test_skip_invalid_exits_zero_and_names_the_rejects_file(run, tmp_path):
    run("staff", str(write_csv(tmp_path / "staff.csv", STAFF)))
    bad = CUSTOMERS + [["C9", "钱七", "G404", "", "", "", "", "", ""]]
    result = run("customers", str(write_csv(tmp_path / "customers.csv", bad)), "--skip-invalid",
                 "--rejects", str(tmp_path / "rejects.csv"))
    assert result.exit_code == 0, result.output
    assert "inserted 3" in result.output and "rejected 1" in result.output
    assert "G404" in (tmp_path / "rejects.csv").read_text(encoding="utf-8")


def test_re_importing_orders_says_how_many_lines_the_file_no_longer_has(run, tmp_path):
    for kind, rows in (("staff", STAFF), ("customers", CUSTOMERS), ("products", PRODUCTS)):
        assert run(kind, str(write_csv(tmp_path / f"{kind}.csv", rows))).exit_code == 0
    assert run("orders", str(write_csv(tmp_path / "orders.csv", ORDERS))).exit_code == 0
    result = run("orders", str(write_csv(tmp_path / "orders2.csv", ORDERS[:2])))
    assert result.exit_code == 0, result.output
    assert "Removed 1 order line(s) no longer in the file." in result.output


def test_a_file_with_a_missing_column_is_a_clear_error(tmp_path, monkeypatch, capsys):
    from cli.main import main

    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path / "data"))
    path = write_csv(tmp_path / "staff.csv", [["staff_id", "name"], ["G1", "李娜"]])
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "staff", str(path), "--quiet"])
    assert exit_info.value.code == 2
    assert "missing required column(s) role, store_id" in capsys.readouterr().err
