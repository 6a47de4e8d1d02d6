"""Small display helpers shared by the guide's screens (money, dates, tiers)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.texts import Texts

CURRENCY = "¥"  # the demo brand's; a brand setting when a second currency appears


def money(amount: Decimal | float) -> str:
    return f"{CURRENCY}{Decimal(str(amount)):,.0f}"


def day(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d")


def tier(t: Texts, value: int) -> str:
    return t(f"tier.{int(value)}")
