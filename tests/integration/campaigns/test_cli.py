"""The campaign commands, run the way cron and operators run them."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli.main import build_app
from tests.integration.campaigns.conftest import NOW, seed


@pytest.fixture
def cli(engine, tmp_path, monkeypatch):
    ids = seed(engine)
    monkeypatch.setenv("GC_DATABASE__URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GC_TELEGRAM__TOKEN", "42:never-used")
    app, runner = build_app(), CliRunner()

    def run(*args):
        result = runner.invoke(app, ["--now", NOW.isoformat(), *args])
        assert result.exit_code == 0, result.output + repr(result.exception)
        return result.output

    run.ids = ids
    return run


def test_campaign_create_prints_the_id_and_the_counts_per_guide_and_reason(cli, tmp_path):
    out = cli("campaign", "create", "--segment", "all", "--kind", "care_checkin", "--brief", "新品面霜",
              "--due", "2030-01-31", "--filter", "store=S1", "--variants", "2")
    assert "campaign 2: 10 tasks created, 0 in the holdout" in out
    assert "G1 李丽: 7" in out and "G2 Anna: 3" in out
    assert "excluded (opted_out): 1" in out and "excluded (open_task): 1" in out
    report = cli("campaign", "report", "2", "--csv", str(tmp_path / "r.csv"), "--chart", str(tmp_path / "r.png"))
    assert "scope=total  key=all  tasks=10" in report and "Next round:" in report
    assert (tmp_path / "r.csv").read_text().startswith("scope,key,tasks")
    assert (tmp_path / "r.png").read_bytes().startswith(b"\x89PNG")


def test_run_rules_reports_each_rule_and_outbox_send_sends_nothing_when_empty(cli):
    out = cli("run-rules")
    assert {"birthday", "first_purchase", "rebuy_due", "silent", "vip_quiet"} <= {
        line.split(":")[0] for line in out.splitlines()}
    assert "sent 0" in cli("outbox", "send")


def test_an_api_key_is_printed_once_and_a_handover_moves_customers(cli):
    key = cli("brand", "api-key").strip()
    assert key.startswith("gc_") and len(key) > 40
    assert cli("brand", "api-key").strip() != key
    assert "G1 handed over: G2: 8; 0 open tasks moved" in cli("staff", "handover", "G1", "--to", "G2")
