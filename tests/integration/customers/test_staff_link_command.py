"""`guide-copilot staff link STAFF_ID` prints the guide's personal customer link, the same every time."""
from __future__ import annotations

import re

from typer.testing import CliRunner

from cli.main import build_app
from copilot import customers


def test_staff_link_prints_the_same_link_the_bot_resolves_to_that_guide(engine, uow_factory, shop, monkeypatch,
                                                                        tmp_path):
    monkeypatch.setenv("GC_DATABASE__URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GC_TELEGRAM__BOT_USERNAME", "DemoBrandBot")
    app, runner = build_app(), CliRunner()
    first, again = (runner.invoke(app, ["staff", "link", "G1"]) for _ in range(2))
    assert first.exit_code == 0 and first.output == again.output
    [payload] = re.findall(r"https://t\.me/DemoBrandBot\?start=(c_[A-Za-z0-9_-]+)", first.output)
    with uow_factory() as uow:
        assert customers.guide_for_link(uow, payload).id == shop.guides["G1"]
    assert runner.invoke(app, ["staff", "invite", "--help"]).exit_code == 0  # the group it joined still works


def test_staff_link_for_an_unknown_staff_member_fails_clearly(engine, shop, monkeypatch, tmp_path):
    monkeypatch.setenv("GC_DATABASE__URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("GC_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(build_app(), ["staff", "link", "NOPE"])
    assert result.exit_code != 0 and "NOPE" in str(result.exception or result.output)
