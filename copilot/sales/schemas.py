"""Webhook payloads. Numbers are read as Decimal straight from the JSON text, never via float."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from core.errors import InvalidInput
from core.fields import Code, Money, Timestamp, bounded_amount, check_order_time

Model = TypeVar("Model", bound=BaseModel)
Quantity = Annotated[int, Field(gt=0, le=100_000)]


class _Payload(BaseModel):
    # Extra fields are ignored: shops and POS systems send more than we need.
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)


class LineIn(_Payload):
    sku: Code
    quantity: Quantity
    unit_price: Money

    @model_validator(mode="after")
    def _amount_in_bounds(self) -> LineIn:
        bounded_amount(self.unit_price * self.quantity, "line amount")
        return self


class OrderIn(_Payload):
    order_id: Code
    customer_id: Code
    ordered_at: Timestamp
    store_id: Code
    guide_id: Code | None = None
    lines: list[LineIn] = Field(min_length=1, max_length=1000)
    # Checked against the brand's currency (brands.config) when booked: never booked as another one.
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> OrderIn:
        skus = [line.sku for line in self.lines]
        twice = sorted({s for s in skus if skus.count(s) > 1})
        if twice:
            raise ValueError(f"sku {', '.join(twice)} appears on more than one line; send one line per sku")
        bounded_amount(sum((line.unit_price * line.quantity for line in self.lines), Decimal(0)), "order total")
        return self

    @field_validator("ordered_at")
    @classmethod
    def _in_window(cls, value, info: ValidationInfo):
        check_order_time(value, info)
        return value


class RefundLineIn(_Payload):
    sku: Code
    quantity: Quantity


class RefundIn(_Payload):
    """Either `lines` (items returned) or `amount` (money given back), never both."""

    refund_id: Code
    lines: list[RefundLineIn] | None = Field(None, min_length=1, max_length=1000)
    amount: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)] | None = None

    @model_validator(mode="after")
    def _lines_or_amount(self) -> RefundIn:
        if (self.lines is None) == (self.amount is None):
            raise ValueError("give either 'lines' or 'amount'")
        if self.lines is not None and len({line.sku for line in self.lines}) != len(self.lines):
            raise ValueError("a sku appears on more than one refund line")
        return self

    def request(self) -> dict:
        """What was asked, normalised: a replay must ask exactly the same."""
        if self.lines is not None:
            return {"lines": sorted([line.sku, line.quantity] for line in self.lines)}
        return {"amount": str(self.amount.quantize(Decimal("0.01")))}


def parse(model: type[Model], body: bytes, *, timezone: str = "UTC", window: tuple | None = None) -> Model:
    """Bytes -> payload, or InvalidInput with a message that names each bad field. `window`:
    (earliest, latest) for an order's time."""
    try:
        data = json.loads(body, parse_float=Decimal)
    except ValueError as exc:  # bad JSON or UTF-8, an integer of thousands of digits
        raise InvalidInput(f"body is not valid JSON: {exc}") from None
    except RecursionError:
        raise InvalidInput("body is nested too deeply to be an order") from None
    earliest, latest = window or (None, None)
    try:
        return model.model_validate(data, context={"timezone": timezone, "earliest": earliest, "latest": latest})
    except ValidationError as exc:
        problems = [f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg'].removeprefix('Value error, ')}"
                    for e in exc.errors()]
        raise InvalidInput("invalid payload: " + "; ".join(problems)) from None
