"""Chat with the bot in a terminal: the very same Dispatcher and handlers, as a given Telegram user.

Bot messages are printed as plain text with their inline buttons numbered; type text to send it,
a button's number to press it (`\\3` sends the text "3"), and end with end of input (Ctrl-D).
"""
from __future__ import annotations

import asyncio
import sys
from typing import Any, TextIO

from aiogram import Bot, Dispatcher
from aiogram.methods import AnswerCallbackQuery, SendChatAction, TelegramMethod
from aiogram.types import InlineKeyboardButton, Message, User

from bot.app import build_bot
from bot.local_session import LocalApiSession, LocalUpdates
from bot.render import plain_text
from core.settings import Settings


class TerminalSession(LocalApiSession):
    def __init__(self, output: TextIO, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.output = output
        self.buttons: list[InlineKeyboardButton] = []
        self.keyboard_message: Message | None = None

    def on_request(self, method: TelegramMethod[Any], result: Any) -> None:
        if isinstance(result, Message):
            self._print_message(result)
        elif isinstance(method, AnswerCallbackQuery) and method.text:
            self._write(f"  ({method.text})")
        elif isinstance(method, SendChatAction):
            self._write("  …")

    def _print_message(self, message: Message) -> None:
        self._write("\n" + plain_text(message.text or ""))
        markup = message.reply_markup
        if markup is None:
            return
        self.buttons = [b for row in markup.inline_keyboard for b in row]
        self.keyboard_message = message
        for number, button in enumerate(self.buttons, start=1):
            self._write(f"  [{number}] {button.text}")

    def _write(self, text: str) -> None:
        print(text, file=self.output, flush=True)


def terminal_bot(settings: Settings, output: TextIO = sys.stdout) -> Bot:
    return build_bot(settings, TerminalSession(output, bot_username=settings.telegram.bot_username))


async def chat_in_terminal(dispatcher: Dispatcher, bot: Bot, telegram_user_id: int,
                           input: TextIO, output: TextIO) -> None:
    session = bot.session
    if not isinstance(session, TerminalSession):
        raise ValueError("the terminal chat needs a bot from terminal_bot(), not a networked one")
    user = User(id=telegram_user_id, is_bot=False, first_name="Terminal")
    updates = LocalUpdates()
    await dispatcher.emit_startup(bot=bot, **dispatcher.workflow_data)
    print("Type a message, or a button's number to press it. End with Ctrl-D.", file=output, flush=True)
    try:
        while line := input.readline():
            text = line.rstrip("\n")
            if not text.strip():
                continue
            button = _chosen(session, text)
            if button is None:
                text = text[1:] if text.startswith("\\") else text
                await dispatcher.feed_update(bot, updates.text(user, text))
            elif button.callback_data:
                await dispatcher.feed_update(bot, updates.press(user, session.keyboard_message,
                                                                button.callback_data))
            else:
                _describe_local_button(button, output)
    finally:
        await dispatcher.emit_shutdown(bot=bot, **dispatcher.workflow_data)
        print("\n(end of chat)", file=output, flush=True)


def _chosen(session: TerminalSession, text: str) -> InlineKeyboardButton | None:
    number = text.strip()
    if number.isdigit() and 1 <= int(number) <= len(session.buttons):
        return session.buttons[int(number) - 1]
    return None


def _describe_local_button(button: InlineKeyboardButton, output: TextIO) -> None:
    # URL and copy-text buttons act on the phone, not on the bot: show what they would do.
    if button.copy_text is not None:
        print(f"  (copied) {button.copy_text.text}", file=output, flush=True)
    elif button.url:
        print(f"  (opens) {button.url}", file=output, flush=True)


def run_terminal_chat(dispatcher: Dispatcher, bot: Bot | None, telegram_user_id: int,
                      input: TextIO = sys.stdin, output: TextIO = sys.stdout) -> None:
    """Blocking entry point for the demo command; `bot=None` builds a terminal bot."""
    bot = bot or terminal_bot(dispatcher["settings"], output)
    asyncio.run(chat_in_terminal(dispatcher, bot, telegram_user_id, input, output))
