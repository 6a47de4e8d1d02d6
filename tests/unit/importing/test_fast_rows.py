"""The order lines' fast path takes only rows pydantic takes, with the same values."""
import random

import pytest
from pydantic import ValidationError

from copilot.importing.fast_rows import FastOrderLines
from copilot.importing.schemas import OrderLineIn

TZ = "Asia/Shanghai"
FIELDS = ("order_id", "customer_id", "ordered_at", "sku", "quantity", "unit_price", "store_id", "guide_id", "status")
CHOICES = {
    "order_id": ["O1", "订单-7", "A" * 64, "A" * 65, "O 1", "O,1", "", "x;y"],
    "customer_id": ["C1", "c-9", "", "C\t1"],
    "ordered_at": ["2026-01-05T10:00:00+08:00", "2026-03-07 15:30:00", "2026-02-01", "2026-02-30",
                   "2026-01-05T10:00:00Z", "2026-01-05T10:00:00.123", "2026-1-5", "05/01/2026", "2026-01-05T10:00",
                   "1767600000", "", "2026-13-01", "2026-01-05T25:00:00"],
    "sku": ["SKU1", "SK-001", "", "S K"],
    "quantity": ["1", "3", "100000", "100001", "0", "-1", "03", "2.0", "1e2", "", "x"],
    "unit_price": ["19.90", "0", "0.5", "298", "1.999", "-1", "1,000.00", "00.5", "999999999999.99",
                   "9999999999999.99", "1e2", "", ".5"],
    "store_id": ["", "S1", "S 1"],
    "guide_id": ["", "G1", "G;1"],
    "status": ["", "paid", "refunded", "PAID", "void"],
}


def _pydantic(raw):
    try:
        return OrderLineIn.model_validate(raw, context={"timezone": TZ})
    except ValidationError:
        return None


@pytest.mark.parametrize("seed", range(4))
def test_every_row_the_fast_path_takes_pydantic_takes_with_the_same_values(seed):
    rng, fast, taken = random.Random(seed), FastOrderLines(TZ), 0
    for _ in range(1500):
        # Mostly plain values, so that whole rows of them come up; now and then an odd one.
        raw = {name: rng.choice(CHOICES[name][:2] if rng.random() < 0.8 else CHOICES[name]) for name in FIELDS}
        quick = fast.parse(raw)
        if quick is None:
            continue
        taken += 1
        slow = _pydantic(raw)
        assert slow is not None, raw
        assert {n: getattr(quick, n) for n in FIELDS} == {n: getattr(slow, n) for n in FIELDS}, raw
        assert quick.ordered_at.utcoffset() == slow.ordered_at.utcoffset()
    assert taken > 100  # it does take the plain rows


def test_a_plain_export_line_takes_the_fast_path():
    raw = {"order_id": "O1", "customer_id": "C1", "ordered_at": "2026-03-07 15:30:00", "sku": "SK-001",
           "quantity": "2", "unit_price": "55.00", "store_id": "S1", "guide_id": "", "status": ""}
    line = FastOrderLines(TZ).parse(raw)
    assert line._asdict() == _pydantic(raw).model_dump() and line.status == "paid" and line.guide_id is None
