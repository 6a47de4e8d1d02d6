"""Drive the real Dispatcher like a Telegram user would, over a recording Bot API session.

    client = BotTestClient.build(uow_factory, settings=..., clock=...)
    await client.send(user, "/start")          # a text message from `user`
    await client.click(user, "Language")       # press a button of the last keyboard (by label or data)
    await client.press_raw(user, "st:9:l:zh")  # a forged callback: any payload, no keyboard needed
    client.last(user).text / .buttons / .button("Name")
    client.session.calls("SendMessage")        # every Bot API call, in order
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.types import Chat, InlineKeyboardButton, MaybeInaccessibleMessageUnion, Message, Update, User

from bot.app import build_bot
from bot.local_session import LocalApiSession, LocalUpdates
from bot.sending import RetryAfterMiddleware
from cli.container import Container


@dataclass(frozen=True)
class TgUser:
    id: int
    first_name: str = "Tester"
    language_code: str | None = "zh"
    last_name: str | None = None

    def as_user(self) -> User:
        return User(id=self.id, is_bot=False, first_name=self.first_name, last_name=self.last_name,
                    language_code=self.language_code)


class RecordingSession(LocalApiSession):
    """Records every call; `fail_once(...)` makes the next call of a method raise (e.g. a 429)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.touched: dict[int, int] = {}  # chat id -> the message last sent or edited there
        self._fail: dict[str, Callable[[TelegramMethod[Any]], Exception]] = {}

    def fail_once(self, method_name: str, error: Callable[[TelegramMethod[Any]], Exception]) -> None:
        self._fail[method_name] = error

    def fail_once_with_retry_after(self, method_name: str, seconds: int) -> None:
        self.fail_once(method_name, lambda m: TelegramRetryAfter(m, "Too Many Requests", seconds))

    async def make_request(self, bot, method, timeout=None):
        self.requests.append(method)
        error = self._fail.pop(type(method).__name__, None)
        if error is not None:
            raise error(method)
        return await super().make_request(bot, method, timeout)

    def on_request(self, method, result) -> None:
        if isinstance(result, Message):
            self.touched[result.chat.id] = result.message_id

    def calls(self, name: str) -> list[TelegramMethod[Any]]:
        return [m for m in self.requests if type(m).__name__ == name]


@dataclass
class Reply:
    message: Message

    @property
    def text(self) -> str:
        return self.message.text or ""

    @property
    def buttons(self) -> list[InlineKeyboardButton]:
        markup = self.message.reply_markup
        return [b for row in markup.inline_keyboard for b in row] if markup else []

    @property
    def labels(self) -> list[str]:
        return [b.text for b in self.buttons]

    def button(self, label_or_data: str) -> InlineKeyboardButton:
        for b in self.buttons:
            if label_or_data in (b.text, b.callback_data):
                return b
        raise AssertionError(f"no button {label_or_data!r} in {self.labels}")


@dataclass
class BotTestClient:
    dp: Dispatcher
    bot: Bot
    session: RecordingSession
    sleeps: list[float] = field(default_factory=list)
    container: Container | None = None
    _updates: LocalUpdates = field(default_factory=lambda: LocalUpdates(first_id=1000))

    @classmethod
    def build(cls, uow_factory, *, settings, clock, knowledge=None, **parts) -> BotTestClient:
        """The bot as the composition root builds it, over `uow_factory`, with `knowledge` (a fake, or
        None for no knowledge base) and any other `parts` handed to the Container."""
        session = RecordingSession()
        container = Container(settings, clock=clock, uow_factory=uow_factory, indexed_knowledge=knowledge, **parts)
        client = cls(container.dispatcher(), None, session)  # type: ignore[arg-type]
        client.container = container

        async def fake_sleep(seconds: float) -> None:
            client.sleeps.append(seconds)  # a 429 is honoured without the test waiting for it

        client.bot = build_bot(settings, session, retry=RetryAfterMiddleware(sleep=fake_sleep))
        return client

    async def startup(self) -> None:
        await self.dp.emit_startup(bot=self.bot, **self.dp.workflow_data)

    async def send(self, user: TgUser, text: str, chat: Chat | None = None) -> None:
        """A text message from `user`, in their private chat with the bot unless `chat` is given."""
        await self._feed(self._updates.text(user.as_user(), text, chat))

    async def click(self, user: TgUser, label_or_data: str) -> None:
        """Press a button of the newest message with a keyboard in the user's chat."""
        reply = self.last_keyboard(user)
        await self.press(user, reply.button(label_or_data).callback_data, reply.message)

    async def press_raw(self, user: TgUser, data: str) -> None:
        """A callback with any payload, as a modified client could send."""
        await self.press(user, data, self.last(user).message)

    async def press(self, user: TgUser, data: str | None, message: MaybeInaccessibleMessageUnion) -> None:
        """A callback with `data` on a given message (e.g. an InaccessibleMessage)."""
        assert data is not None, "not a callback button"
        await self._feed(self._updates.press(user.as_user(), message, data))

    async def _feed(self, update: Update) -> None:
        await self.dp.feed_update(self.bot, update)

    def chat(self, user: TgUser) -> list[Reply]:
        """The bot's messages in the user's chat, oldest first, each in its latest (edited) state."""
        return [Reply(m) for (chat_id, _), m in sorted(self.session.messages.items()) if chat_id == user.id]

    def last(self, user: TgUser) -> Reply:
        """The newest message the bot sent or edited in the user's chat."""
        assert user.id in self.session.touched, f"the bot has not written to {user.id}"
        return Reply(self.session.messages[(user.id, self.session.touched[user.id])])

    def last_keyboard(self, user: TgUser) -> Reply:
        with_buttons = [r for r in self.chat(user) if r.buttons]
        assert with_buttons, f"no keyboard in the chat with {user.id}"
        return with_buttons[-1]

    def texts(self, user: TgUser) -> list[str]:
        return [r.text for r in self.chat(user)]

    def callback_answers(self) -> list[AnswerCallbackQuery]:
        return self.session.calls("AnswerCallbackQuery")
