"""`CustomerFeatures`: one row per customer, one numpy array per column, filled by the DB side.

Everything downstream (priority for today, reasons, segments, the gap planner) reads only this table,
so ranking a guide's contacts is a few vectorised passes over stored columns, no model fitting.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

import numpy as np

from core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class CustomerFeatures:
    customer_id: np.ndarray  # int64, the database ids
    horizon_days: int  # what p_purchase / expected_value refer to
    # Purchase history (build_features fills these from orders).
    n_orders: np.ndarray  # purchase occasions (same-day orders count once)
    days_since_last: np.ndarray  # inf: never bought
    days_since_first: np.ndarray  # inf: never bought
    total_spend: np.ndarray
    cycle_days: np.ndarray  # own re-purchase rhythm, shrunk toward the prior cycle
    dueness: np.ndarray  # days since last / cycle; nan: never bought
    # Model outputs.
    p_alive: np.ndarray
    p_purchase: np.ndarray
    expected_value: np.ndarray
    # Profile. owner/store -1 means none; birthday as month*100+day, 0 unknown.
    is_vip: np.ndarray
    opted_out: np.ndarray
    owner_id: np.ndarray
    store_id: np.ndarray
    language: np.ndarray  # str codes, e.g. "zh", "en"
    birthday_md: np.ndarray
    tags: dict[str, np.ndarray] = field(default_factory=dict)  # tag -> bool mask
    categories: dict[str, np.ndarray] = field(default_factory=dict)  # category bought -> mask
    # Engagement over the last 30 days, and outreach (all sources) for fatigue.
    replies_30d: np.ndarray | None = None
    views_30d: np.ndarray | None = None
    clicks_30d: np.ndarray | None = None
    unanswered_30d: np.ndarray | None = None
    days_since_contact: np.ndarray | None = None  # inf: never contacted
    contacts_30d: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = self.customer_id.shape[0]
        for f in fields(self):
            value = getattr(self, f.name)
            arrays = value.values() if isinstance(value, dict) else [value]
            for arr in arrays:
                if isinstance(arr, np.ndarray) and arr.shape[:1] != (n,):
                    raise InvalidInput(f"CustomerFeatures.{f.name} has {arr.shape[0]} rows, expected {n}")

    def __len__(self) -> int:
        return int(self.customer_id.shape[0])

    def column(self, name: str, default: float = 0.0) -> np.ndarray:
        """An optional column, or `default` everywhere when the DB side did not fill it."""
        value = getattr(self, name)
        return np.full(len(self), default, float) if value is None else np.asarray(value, float)

    def take(self, index: np.ndarray) -> CustomerFeatures:
        """Rows `index` (a mask or positions), e.g. one guide's contacts."""
        changes = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                changes[f.name] = value[index]
            elif isinstance(value, dict):
                changes[f.name] = {k: v[index] for k, v in value.items()}
        return replace(self, **changes)


def empty_profile(n: int) -> dict[str, np.ndarray]:
    """Profile columns for customers we know nothing about (file interface, tests)."""
    return {
        "is_vip": np.zeros(n, bool), "opted_out": np.zeros(n, bool),
        "owner_id": np.full(n, -1, np.int64), "store_id": np.full(n, -1, np.int64),
        "language": np.full(n, "zh", dtype="<U8"), "birthday_md": np.zeros(n, np.int64),
    }
