"""One default-size demo brand per test session (it takes a couple of seconds), read back as rows."""
from __future__ import annotations

import csv
import pathlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import pytest

from cli.demo.brand import write_demo_brand

END = date(2026, 11, 23)


@dataclass
class Brand:
    paths: dict[str, pathlib.Path]
    end: date
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for kind in ("stores", "staff", "customers", "products", "orders"):
            with self.paths[kind].open(encoding="utf-8", newline="") as f:
                self.rows[kind] = list(csv.DictReader(f))

    def header(self, kind: str) -> str:
        return self.paths[kind].read_text(encoding="utf-8").split("\n", 1)[0]

    def order_dates(self) -> dict[str, list[date]]:
        """Each buying customer's distinct order dates, oldest first."""
        seen: dict[str, dict[str, date]] = defaultdict(dict)
        for row in self.rows["orders"]:
            seen[row["customer_id"]][row["order_id"]] = datetime.fromisoformat(row["ordered_at"]).date()
        return {c: sorted(orders.values()) for c, orders in seen.items()}

    def orders_per_customer(self) -> dict[str, int]:
        ids: dict[str, set[str]] = defaultdict(set)
        for row in self.rows["orders"]:
            ids[row["customer_id"]].add(row["order_id"])
        return {c: len(v) for c, v in ids.items()}


@pytest.fixture(scope="session")
def brand(tmp_path_factory) -> Brand:
    out = tmp_path_factory.mktemp("demo-brand")
    return Brand(write_demo_brand(out, end=END), END)
