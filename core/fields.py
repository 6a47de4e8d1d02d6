"""Pydantic field types shared by the row schemas: lenient about spreadsheet habits, strict about
meaning (a negative price or an impossible date is an error, not a guess)."""
from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic import model_validator

Code = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\s,;]+$")]
Text = Annotated[str, Field(min_length=1, max_length=300)]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Language = Annotated[str, BeforeValidator(lambda v: str(v).lower()), Field(pattern=r"^(zh|en)$")]


def _split_tags(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(value)
    parts = str(value).replace("，", ";").replace(",", ";").replace("|", ";").split(";")
    return tuple(p.strip() for p in parts if p.strip())


def _parse_bool(value: object) -> object:
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y", "是", "有货", "t"):
        return True
    if text in ("0", "false", "no", "n", "否", "缺货", "f"):
        return False
    return value  # let pydantic reject it with its own message


Tags = Annotated[tuple[str, ...], BeforeValidator(_split_tags)]
Flag = Annotated[bool, BeforeValidator(_parse_bool)]


def _aware(value: datetime, info: ValidationInfo) -> datetime:
    # Naive times in a brand's file are in the brand's timezone, not UTC.
    if value.tzinfo is None:
        zone = ZoneInfo((info.context or {}).get("timezone", "UTC"))
        value = value.replace(tzinfo=zone)
    return value


def _date_as_datetime(value: object) -> object:
    if isinstance(value, str) and len(value) == 10:
        return datetime.combine(date.fromisoformat(value), time())
    return value


Timestamp = Annotated[datetime, BeforeValidator(_date_as_datetime), AfterValidator(_aware)]

# Far above any real order, far below what the ledger's integer cents hold when summed (int64).
MAX_AMOUNT = Decimal("10000000000")


def bounded_amount(amount: Decimal, what: str) -> Decimal:
    if amount > MAX_AMOUNT:
        raise ValueError(f"{what} {amount:,.2f} is over the limit of {MAX_AMOUNT:,.0f}")
    return amount


def check_order_time(moment: datetime, info: ValidationInfo) -> None:
    """Within the window the validation context gives (`earliest`, `latest`, both optional): an order
    dated in 2030 or 1970 would book commission in a ledger month that has not come or long closed."""
    context = info.context or {}
    earliest, latest = context.get("earliest"), context.get("latest")
    if latest is not None and moment > latest:
        raise ValueError(f"{moment.isoformat()} is in the future (latest accepted {latest.isoformat(timespec='minutes')})")
    if earliest is not None and moment < earliest:
        raise ValueError(f"{moment.isoformat()} is too far in the past (earliest accepted "
                         f"{earliest.date().isoformat()})")


class RowModel(BaseModel):
    """Base for row schemas: empty cells mean "not given", unknown columns are kept out."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data: object) -> object:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v not in ("", None)}
        return data
