"""Chat with the bot in a terminal: the very same Dispatcher and handlers, as one or more Telegram users.

Bot messages are printed as plain text with their inline buttons numbered; type text to send it,
a button's number or `[its label]` to press it (`\\3` sends the text "3"), `/as NAME` to become another of the
chat's users (e.g. the guide, the manager, a customer), and end with end of input (Ctrl-D).
A message to another user's chat (a customer's question relayed to the guide) is printed under
that user's name. Photos and documents are saved to files and their paths printed.
"""
from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from aiogram import Bot, Dispatcher
from aiogram.types import InlineKeyboardButton, User

from bot.app import build_bot
from bot.local_session import LocalUpdates
from bot.terminal_page import LOCAL_PAGES, page_as_text
from bot.terminal_session import TerminalSession
from core.settings import Settings

SWITCH = "/as"


@dataclass(frozen=True, slots=True)
class ChatUser:
    """Someone the terminal can be: their Telegram identity, and what they send when first chosen."""

    telegram_id: int
    label: str  # how the transcript names them, e.g. "guide 陈晓雯"
    first_name: str = "Terminal"
    last_name: str | None = None
    language_code: str | None = None
    opening: tuple[str, ...] = ()  # e.g. a customer opening the guide's link: "/start c_..."

    def as_user(self) -> User:
        return User(id=self.telegram_id, is_bot=False, first_name=self.first_name, last_name=self.last_name,
                    language_code=self.language_code)


def terminal_bot(settings: Settings, output: TextIO = sys.stdout, *, media_dir: Path | None = None) -> Bot:
    session = TerminalSession(output, media_dir=media_dir, bot_username=settings.telegram.bot_username)
    return build_bot(settings, session)


async def chat_in_terminal(dispatcher: Dispatcher, bot: Bot, users: dict[str, ChatUser] | int, input: TextIO,
                           output: TextIO, *, start: str | None = None) -> None:
    session = bot.session
    if not isinstance(session, TerminalSession):
        raise ValueError("the terminal chat needs a bot from terminal_bot(), not a networked one")
    if isinstance(users, int):
        users = {"you": ChatUser(users, "you")}
    session.labels = {u.telegram_id: u.label for u in users.values()}
    chat = _Chat(dispatcher, bot, session, users, output)
    await dispatcher.emit_startup(bot=bot, **dispatcher.workflow_data)
    hint = f"; {SWITCH} {'|'.join(users)} switches who you are" if len(users) > 1 else ""
    print(f"Type a message, or a button's number to press it{hint}. End with Ctrl-D.", file=output, flush=True)
    try:
        await chat.become(start or next(iter(users)))
        echo = not input.isatty()  # a script's lines are shown, so a transcript reads as a conversation
        while line := input.readline():
            if echo and line.strip():
                print(f"> {line.rstrip()}", file=output, flush=True)
            await chat.handle(line.rstrip("\n"))
    finally:
        await dispatcher.emit_shutdown(bot=bot, **dispatcher.workflow_data)
        print("\n(end of chat)", file=output, flush=True)


class _Chat:
    def __init__(self, dispatcher: Dispatcher, bot: Bot, session: TerminalSession, users: dict[str, ChatUser],
                 output: TextIO) -> None:
        self.dispatcher, self.bot, self.session, self.users, self.output = dispatcher, bot, session, users, output
        self.updates = LocalUpdates()
        self.user: ChatUser | None = None
        self.opened: set[str] = set()

    async def become(self, name: str) -> None:
        if name not in self.users:
            print(f"  (no such user {name!r}: choose one of {', '.join(self.users)})", file=self.output, flush=True)
            return
        self.user = self.users[name]
        self.session.current_chat = self.user.telegram_id
        self.session.buttons, self.session.keyboard_message = [], None
        if len(self.users) > 1:
            print(f"\n══ you are now {self.user.label} ══", file=self.output, flush=True)
        waiting = self.session.latest_keyboard(self.user.telegram_id)
        if waiting is not None:  # e.g. a customer's message relayed to the guide, with Reply under it
            print("  (the buttons of your latest message:)", file=self.output, flush=True)
            self.session.show_buttons(waiting)
        if name not in self.opened:
            self.opened.add(name)
            for text in self.user.opening:
                print(f"> {text}", file=self.output, flush=True)
                await self._feed(self.updates.text(self.user.as_user(), text))

    async def handle(self, text: str) -> None:
        if not text.strip():
            return
        if text.split()[0] == SWITCH and len(self.users) > 1:
            await self.become(text.split(maxsplit=1)[1].strip() if " " in text.strip() else "")
            return
        button = _chosen(self.session, text)
        if button is None and _is_label(text):
            labels = ", ".join(f"[{b.text}]" for b in self.session.buttons) or "none"
            print(f"  (no single button {text.strip()} here; the buttons are: {labels})", file=self.output, flush=True)
            return
        if button is None:
            text = text[1:] if text.startswith("\\") else text
            await self._feed(self.updates.text(self.user.as_user(), text))
        elif button.callback_data:
            await self._feed(self.updates.press(self.user.as_user(), self.session.keyboard_message,
                                                button.callback_data))
        else:
            await _describe_local_button(button, self.output)

    async def _feed(self, update) -> None:
        await self.dispatcher.feed_update(self.bot, update)


def _chosen(session: TerminalSession, text: str) -> InlineKeyboardButton | None:
    """The button a line presses: its number, or `[label]` (the label or the start of exactly one)."""
    typed = text.strip()
    if typed.isdigit() and 1 <= int(typed) <= len(session.buttons):
        return session.buttons[int(typed) - 1]
    if _is_label(typed):
        label = typed.strip()[1:-1]
        exact = [b for b in session.buttons if b.text == label]
        starting = [b for b in session.buttons if b.text.startswith(label)]
        return (exact or starting)[0] if len(exact) == 1 or len(starting) == 1 else None
    return None


def _is_label(text: str) -> bool:
    typed = text.strip()
    return len(typed) > 2 and typed[0] == "[" and typed[-1] == "]"


async def _describe_local_button(button: InlineKeyboardButton, output: TextIO) -> None:
    # URL and copy-text buttons act on the phone, not on the bot: show what they would do.
    if button.copy_text is not None:
        print(f"  (copied) {button.copy_text.text}", file=output, flush=True)
    elif button.url or button.web_app:
        url = button.url or button.web_app.url
        print(f"  (opens) {url}", file=output, flush=True)
        if url.startswith(LOCAL_PAGES):  # the demo serves it: show what the browser would
            print(await page_as_text(url), file=output, flush=True)


def run_terminal_chat(dispatcher: Dispatcher, bot: Bot | None, users: dict[str, ChatUser] | int,
                      input: TextIO = sys.stdin, output: TextIO = sys.stdout, *, start: str | None = None,
                      media_dir: Path | None = None) -> None:
    """Blocking entry point for the demo command; `bot=None` builds a terminal bot."""
    bot = bot or terminal_bot(dispatcher["settings"], output, media_dir=media_dir)
    asyncio.run(chat_in_terminal(dispatcher, bot, users, input, output, start=start))
