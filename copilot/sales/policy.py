"""Brand-level sales settings and accounting months.

A brand tunes attribution in `brands.config` (JSON): `attribution_window_days` (default 7) and
`ownership_rate` (default 0.5: the owning guide earns half the normal commission on a sale no
outreach of theirs led to). Months are calendar months in the brand's timezone.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from core.errors import ConfigError, InvalidInput
from core.ports import UnitOfWork
from core.settings import Settings

DEFAULT_TIMEZONE: str = Settings.model_fields["timezone"].default


@dataclass(frozen=True, slots=True)
class SalesPolicy:
    timezone: str = DEFAULT_TIMEZONE
    window: timedelta = timedelta(days=7)
    ownership_rate: Decimal = Decimal("0.5")
    currency: str = "CNY"

    @classmethod
    def load(cls, uow: UnitOfWork, timezone: str = DEFAULT_TIMEZONE) -> SalesPolicy:
        return cls.from_config(uow.sales.brand_config(), timezone)

    @classmethod
    def from_config(cls, config: dict, timezone: str = DEFAULT_TIMEZONE) -> SalesPolicy:
        try:
            days = int(config.get("attribution_window_days", 7))
            rate = Decimal(str(config.get("ownership_rate", "0.5")))
        except (TypeError, ValueError, InvalidOperation) as exc:
            raise ConfigError(f"brands.config has an invalid attribution setting: {exc}") from exc
        if not 0 <= days <= 365 or not 0 <= rate <= 1:
            raise ConfigError("brands.config: attribution_window_days must be 0-365, ownership_rate 0-1")
        return cls(timezone, timedelta(days=days), rate, str(config.get("currency", "CNY")))

    def month_of(self, at: datetime) -> str:
        return at.astimezone(ZoneInfo(self.timezone)).strftime("%Y-%m")

    def local_date(self, at: datetime) -> date:
        return at.astimezone(ZoneInfo(self.timezone)).date()

    def month_bounds(self, month: str) -> tuple[datetime, datetime]:
        """[start, end) of a month in UTC."""
        first = parse_month(month)
        zone = ZoneInfo(self.timezone)
        start = datetime.combine(first, time(), zone)
        end = datetime.combine(date.fromisoformat(next_month(month) + "-01"), time(), zone)
        return start.astimezone(UTC), end.astimezone(UTC)

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        start = datetime.combine(day, time(), ZoneInfo(self.timezone))
        return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def parse_month(month: str) -> date:
    try:
        if len(month) != 7:
            raise ValueError
        return date.fromisoformat(month + "-01")
    except ValueError:
        raise InvalidInput(f"month must look like 2026-10, got {month!r}") from None


def next_month(month: str) -> str:
    first = parse_month(month)
    return f"{first.year + first.month // 12}-{first.month % 12 + 1:02d}"


def accounting_month(event_month: str, current_month: str, closed: set[str]) -> str:
    """An entry is booked in its event's month; a closed month never changes, so an entry for it
    goes to the current month, or to the first open month after that if a manager closed early."""
    month = event_month if event_month not in closed else max(current_month, event_month)
    while month in closed:
        month = next_month(month)
    return month
