"""Small display helpers shared by the guide's screens (money, dates, tiers)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.texts import Texts

CURRENCY = "¥"  # the demo brand's; a brand setting when a second currency appears


def money(amount: Decimal | float) -> str:
    return f"{CURRENCY}{Decimal(str(amount)):,.0f}"


def day(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d")


def clock_time(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%H:%M")


def tier(t: Texts, value: int) -> str:
    return t(f"tier.{int(value)}")


def month_name(day_in_month: date, language: str) -> str:
    """"2026年12月" / "December 2026" (English names regardless of the server's locale)."""
    if language == "zh":
        return f"{day_in_month.year}年{day_in_month.month}月"
    return f"{_EN_MONTHS[day_in_month.month]} {day_in_month.year}"


_EN_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
