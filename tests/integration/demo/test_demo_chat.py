"""The demo chat's surroundings: the HTTP API served alongside (so links open) and the log kept
out of the transcript."""
import io
import logging
import socket

import httpx
from rich.console import Console

from cli.container import Container
from cli.demo.chat import api_alongside, logs_to
from core.settings import Settings


def _container(tmp_path, port: int) -> Container:
    settings = Settings(data_dir=tmp_path, api={"port": port, "public_base_url": f"http://127.0.0.1:{port}"})
    container = Container(settings)
    container.migrate()
    return container


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_api_answers_while_the_chat_runs_and_stops_after(tmp_path):
    port = _free_port()
    console = Console(file=io.StringIO())
    with api_alongside(_container(tmp_path, port), console) as container:
        assert httpx.get(f"{container.settings.api.public_base_url}/health").status_code == 200
    assert f"HTTP API: http://127.0.0.1:{port}" in console.file.getvalue()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))  # released


def test_a_taken_port_moves_the_demo_and_its_links_to_a_free_one(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with api_alongside(_container(tmp_path, port), Console(file=io.StringIO())) as container:
            api = container.settings.api
            assert api.port != port and api.public_base_url == f"http://127.0.0.1:{api.port}"
            assert httpx.get(f"{api.public_base_url}/health").status_code == 200


def test_log_lines_go_to_the_file_not_between_the_chats_messages(tmp_path, capsys):
    log_file = tmp_path / "demo-chat.log"
    with logs_to(log_file, Console(file=io.StringIO())):
        logging.getLogger("bot.errors").warning("not allowed: user=1 data='x'")
    assert "not allowed" in log_file.read_text() and "not allowed" not in capsys.readouterr().err
