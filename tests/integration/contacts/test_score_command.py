"""`guide-copilot score` without a file scores the database and stores the snapshot."""
from typer.testing import CliRunner

from cli.container import Container
from cli.main import build_app


def test_scoring_the_database_stores_a_snapshot_the_bot_reads(tmp_path, monkeypatch, brand_files):
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path / "data"))
    runner, app = CliRunner(), build_app()
    for kind in ("staff", "customers", "products", "orders"):
        assert runner.invoke(app, ["import", kind, str(brand_files[kind]), "--quiet"]).exit_code == 0
    result = runner.invoke(app, ["score"])
    assert result.exit_code == 0, result.output
    assert "Scored 400 customers" in result.output
    container = Container.from_env()
    with container.uow_factory() as uow:
        assert len(uow.scoring.snapshot()) == 400
    container.close()


def test_scoring_an_empty_database_says_what_to_import(tmp_path, monkeypatch):
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(build_app(), ["score"])
    assert result.exit_code != 0
    assert "import customers and orders first" in str(result.exception)
