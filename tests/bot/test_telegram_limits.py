"""4096-character messages, 64-byte callback data and 429 answers."""
import enum

import pytest
from aiogram.exceptions import TelegramRetryAfter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.callbacks import ALL_FACTORIES, MAX_CALLBACK_BYTES
from bot.render import split_message, truncate, units
from bot.sending import send_text
from tests.bot.conftest import GUIDE, GUIDE_EN


async def test_a_message_over_4096_characters_is_sent_in_parts_cut_at_line_ends(client):
    lines = [f"<b>{i:03d}</b> 客户 {'很长的说明' * 12}" for i in range(120)]
    text = "\n".join(lines)
    assert 2 * 4096 < len(text) < 3 * 4000
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="ok", callback_data="x")]])
    await send_text(client.bot, GUIDE.id, text, keyboard)
    sent = client.session.calls("SendMessage")
    assert len(sent) == 3
    assert all(units(m.text) <= 4096 for m in sent)
    assert "\n".join(m.text for m in sent) == text  # nothing lost, no line cut in half
    assert [m.reply_markup is not None for m in sent] == [False, False, True]


def test_a_single_line_longer_than_the_limit_is_cut_outside_tags_and_entities():
    line = "<b>x</b> " + "&amp; " * 1000
    parts = split_message(line, limit=100)
    assert all(units(p) <= 100 for p in parts)
    assert all(not p.endswith("&") and p.count("&amp") == p.count("&") for p in parts)


def test_emoji_count_twice_towards_the_limit_as_in_telegram():
    assert units("🙂") == 2
    assert [units(p) for p in split_message("🙂" * 3000)] == [4096, 1904]


def test_truncate_keeps_whole_lines_and_marks_the_cut():
    text = "\n".join(["a" * 60] * 100)
    short = truncate(text, 200)
    assert short == "\n".join(["a" * 60] * 3) + "…"
    assert truncate("short") == "short"


def _longest_value(annotation, field=None):
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return max(annotation, key=lambda member: len(str(member.value)))
    if annotation is int:
        bounds = [m for m in getattr(field, "metadata", ()) if hasattr(m, "le")]
        if bounds:
            return bounds[0].le  # a small bounded number, e.g. a page
        return -(2**63)  # Telegram ids are 64-bit; the sign costs a byte too
    raise AssertionError(f"give {annotation} a bounded type (int or an enum) so its length is known")


def test_every_callback_factory_is_listed_and_carries_its_owner():
    defined = {v for v in vars(callbacks).values()
               if isinstance(v, type) and issubclass(v, CallbackData) and v is not CallbackData}
    assert defined == set(ALL_FACTORIES)
    assert all("u" in factory.model_fields for factory in ALL_FACTORIES)


def test_the_longest_callback_data_of_every_factory_fits_in_64_bytes():
    for factory in ALL_FACTORIES:
        longest = factory(**{name: _longest_value(f.annotation, f) for name, f in factory.model_fields.items()})
        assert len(longest.pack().encode()) <= MAX_CALLBACK_BYTES, factory


async def test_a_429_from_telegram_is_honoured_and_the_message_still_arrives(client):
    client.session.fail_once_with_retry_after("SendMessage", 7)
    await client.send(GUIDE_EN, "/help")
    assert client.sleeps == [7]
    sent = client.session.calls("SendMessage")
    assert len(sent) == 2 and sent[0] is sent[1]  # the same request, sent again
    assert "Whom to contact today" in client.last(GUIDE_EN).text


async def test_a_429_asking_for_a_very_long_wait_is_not_slept_through(client):
    client.session.fail_once_with_retry_after("SendMessage", 3600)
    with pytest.raises(TelegramRetryAfter):
        await client.bot.send_message(GUIDE.id, "hello")
    assert client.sleeps == []
