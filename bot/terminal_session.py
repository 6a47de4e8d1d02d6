"""What the terminal chat prints: each message as plain text with its buttons numbered, another
user's chat under their name, photos and documents saved as files (a terminal cannot show them)."""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, TextIO

from aiogram.methods import AnswerCallbackQuery, SendChatAction, SendDocument, SendPhoto, TelegramMethod
from aiogram.types import BufferedInputFile, FSInputFile, InlineKeyboardButton, Message, ReplyKeyboardMarkup

from bot.local_session import LocalApiSession
from bot.render import plain_text


class TerminalSession(LocalApiSession):
    def __init__(self, output: TextIO, *, media_dir: Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.output = output
        self.media_dir = media_dir
        self.current_chat: int | None = None
        self.labels: dict[int, str] = {}  # chat id -> whose chat it is
        self.buttons: list[InlineKeyboardButton] = []
        self.keyboard_message: Message | None = None
        self._files = itertools.count(1)

    def on_request(self, method: TelegramMethod[Any], result: Any) -> None:
        if isinstance(result, Message):
            self._print_message(method, result)
        elif isinstance(method, AnswerCallbackQuery) and method.text:
            self._write(f"  ({method.text})")
        elif isinstance(method, SendChatAction):
            self._write("  …")

    def _print_message(self, method: TelegramMethod[Any], message: Message) -> None:
        mine = self.current_chat is None or message.chat.id == self.current_chat
        lines = [] if mine else [f"── in the chat of {self.labels.get(message.chat.id, message.chat.id)} ──"]
        saved = self._save_media(method)
        text = plain_text(message.text or "")
        lines += [part for part in (saved, text) if part] or [""]
        self._write("\n" + "\n".join(lines))
        keyboard = getattr(method, "reply_markup", None)
        if isinstance(keyboard, ReplyKeyboardMarkup):  # e.g. "share my phone number": the phone's own keys
            self._write("  (keyboard: " + " | ".join(b.text for row in keyboard.keyboard for b in row) + ")")
        if message.reply_markup is not None and mine:  # another user's buttons: become them with /as first
            self.show_buttons(message)

    def show_buttons(self, message: Message) -> None:
        self.buttons = [b for row in message.reply_markup.inline_keyboard for b in row]
        self.keyboard_message = message
        for number, button in enumerate(self.buttons, start=1):
            self._write(f"  [{number}] {button.text}")

    def latest_keyboard(self, chat_id: int) -> Message | None:
        mine = [m for (chat, _), m in sorted(self.messages.items()) if chat == chat_id and m.reply_markup]
        return mine[-1] if mine else None

    def _save_media(self, method: TelegramMethod[Any]) -> str:
        """A photo or document as a file next to the chat (a terminal cannot show them)."""
        if isinstance(method, SendPhoto):
            kind, upload = "photo", method.photo
        elif isinstance(method, SendDocument):
            kind, upload = "document", method.document
        else:
            return ""
        if isinstance(upload, BufferedInputFile):
            name, data = upload.filename or kind, upload.data
        elif isinstance(upload, FSInputFile):
            name, data = Path(upload.path).name, Path(upload.path).read_bytes()
        else:
            return f"[{kind}: {upload}]"
        if self.media_dir is None:
            return f"[{kind} {name}, {len(data):,} bytes]"
        self.media_dir.mkdir(parents=True, exist_ok=True)
        path = self.media_dir / f"{next(self._files):03d}-{name}"
        path.write_bytes(data)
        return f"[{kind} saved to {path}]"

    def _write(self, text: str) -> None:
        print(text, file=self.output, flush=True)
