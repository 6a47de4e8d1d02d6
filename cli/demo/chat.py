"""The demo's chat: the terminal as the demo brand's guide, manager or a customer (`/as` switches),
on the very same bot handlers, with the HTTP API served alongside so product-list links open.

Log lines go to a file, never between the chat's messages; photos and documents are saved as files.
"""
from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from bot.terminal import ChatUser
from cli.container import Container

ROLES = ("guide", "manager", "customer")
# The terminal's Telegram users, one per role (ids no real Telegram user has this low in the demo DB).
TELEGRAM_IDS = {"guide": 900_000_001, "manager": 900_000_002, "customer": 900_000_003}
CUSTOMER = ("明明", "周")  # the demo customer's Telegram first and last name


def start_chat(container: Container, console: Console, role: str = "guide") -> None:
    """Serve the demo on Telegram when a token is set; otherwise chat in this terminal."""
    settings = container.settings
    if settings.telegram.token or settings.telegram.api_base:
        from cli.commands.bot import serve

        with api_alongside(container, console) as container:  # product-list links open there too
            console.print("Serving the demo brand on Telegram (Ctrl-C to stop).")
            serve(container)
        return
    from bot.terminal import run_terminal_chat
    from cli.commands.bot import freeze_startup_objects

    with api_alongside(container, console) as container, logs_to(settings.data_dir / "demo-chat.log", console):
        users = demo_users(container)
        console.print(f"You are {users[role].label}; /help lists what you can do. Photos and files are saved "
                      f"in {_media_dir(container)}.", highlight=False)
        dispatcher = container.dispatcher()
        freeze_startup_objects()
        run_terminal_chat(dispatcher, None, users, start=role, media_dir=_media_dir(container))


def _media_dir(container: Container) -> Path:
    return (container.settings.data_dir / "demo-chat").resolve()


def demo_users(container: Container) -> dict[str, ChatUser]:
    """The guide and the manager get the terminal's Telegram ids bound; the customer opens the guide's
    personal link on first entry, as a real customer would."""
    from copilot.customers import link_code, link_payload

    now = container.clock.now()
    with container.uow_factory() as uow:
        staff = uow.staff.list()
        guide = _bind(uow, next(s for s in staff if s.role == "guide"), TELEGRAM_IDS["guide"])
        manager = _bind(uow, next(s for s in staff if s.role == "manager"), TELEGRAM_IDS["manager"])
        link = link_payload(link_code(uow, guide, now))
        uow.commit()
    return {
        "guide": ChatUser(TELEGRAM_IDS["guide"], f"guide {guide.name} ({guide.external_id})", language_code="zh"),
        "manager": ChatUser(TELEGRAM_IDS["manager"], f"manager {manager.name} ({manager.external_id})",
                            language_code="zh"),
        "customer": ChatUser(TELEGRAM_IDS["customer"], f"customer {CUSTOMER[1]}{CUSTOMER[0]} of {guide.name}",
                             first_name=CUSTOMER[0], last_name=CUSTOMER[1], language_code="zh",
                             opening=(f"/start {link}",)),
    }


def _bind(uow, member, telegram_id: int):
    bound = uow.staff.get_by_telegram(telegram_id)
    if bound is not None:
        return bound
    uow.staff_settings.bind_telegram(member.id, telegram_id)
    return member


@contextmanager
def logs_to(path: Path, console: Console) -> Iterator[None]:
    """Every log line into `path` while the chat runs: a WARNING between two messages reads as if the
    bot had said it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    saved = root.handlers[:]
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.handlers = [handler]
    console.print(f"Log: {path.resolve()}", highlight=False)
    try:
        yield
    finally:
        root.handlers = saved
        handler.close()


@contextmanager
def api_alongside(container: Container, console: Console) -> Iterator[Container]:
    """The HTTP API in a background thread, so the links the chat shows (a customer's product list)
    open in a browser. A taken port (another demo on this machine) moves the demo to a free one."""
    import uvicorn

    api = container.settings.api
    default_base = api.public_base_url.rstrip("/") == f"http://{api.host}:{api.port}"
    if default_base and not _free(api.host, api.port):
        port = _any_free_port(api.host)
        # Before the dispatcher is built from these settings: the links it renders use the new port.
        container.settings = container.settings.model_copy(update={"api": api.model_copy(
            update={"port": port, "public_base_url": f"http://{api.host}:{port}"})})
    settings = container.settings
    app = container.api_app()
    server = uvicorn.Server(uvicorn.Config(app, host=settings.api.host, port=settings.api.port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, name="demo-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if server.started:
        console.print(f"HTTP API: {settings.api.public_base_url} (product-list pages, webhooks, /health)",
                      highlight=False)
    else:
        console.print("The HTTP API did not start: product-list links will not open (see the log).")
    try:
        yield container
    finally:
        server.should_exit = True
        thread.join(timeout=5)


def _free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _any_free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]
