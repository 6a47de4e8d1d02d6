"""The aiogram adapter turns Telegram's answers into the outbox's delivery errors."""
from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramForbiddenError, TelegramNetworkError, TelegramRetryAfter

from bot.local_session import LocalApiSession
from bot.messenger import AiogramMessenger
from core.ports import DeliveryBlocked, DeliveryRetryAfter, DeliveryTransient


class FailingSession(LocalApiSession):
    def __init__(self) -> None:
        super().__init__()
        self.fail_with = None

    async def make_request(self, bot, method, timeout=None):
        if self.fail_with is not None:
            raise self.fail_with(method)
        return await super().make_request(bot, method, timeout)


@pytest.fixture
def session() -> FailingSession:
    return FailingSession()


@pytest.fixture
def messenger(session) -> AiogramMessenger:
    return AiogramMessenger(Bot("42:test", session=session))


async def test_a_message_with_a_task_button_is_sent_with_its_callback_data(session, messenger):
    button = {"text": "Open", "action": "tasks", "staff_id": 7, "campaign_id": 3}
    await messenger.send(100, {"text": "New task", "buttons": [[button]]})
    [message] = session.messages.values()
    assert message.text == "New task"
    assert message.reply_markup.inline_keyboard[0][0].callback_data == "tk:7:c:3:"


@pytest.mark.parametrize("telegram_error, ours", [
    (lambda m: TelegramRetryAfter(m, "Too Many Requests", 9), DeliveryRetryAfter),
    (lambda m: TelegramForbiddenError(m, "Forbidden: bot was blocked by the user"), DeliveryBlocked),
    (lambda m: TelegramNetworkError(m, "connection reset"), DeliveryTransient),
])
async def test_telegram_errors_become_delivery_errors(session, messenger, telegram_error, ours):
    session.fail_with = telegram_error
    with pytest.raises(ours) as caught:
        await messenger.send(100, {"text": "hi"})
    if ours is DeliveryRetryAfter:
        assert caught.value.retry_after == 9
