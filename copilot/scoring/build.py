"""Build `CustomerFeatures` from plain arrays the DB side can read in one query each.

Days are whole days since 1970-01-01 in the brand's timezone (`day_number`). Orders after `as_of`
are ignored, so a nightly job and a back-test call the same function.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np

from copilot.scoring.ranker import Ranker, score
from copilot.scoring.rfm import to_occasions
from copilot.scoring.table import CustomerFeatures, empty_profile
from core.errors import InvalidInput

EPOCH = date(1970, 1, 1)


def day_number(value: date | datetime) -> int:
    """Whole days since 1970-01-01 (pass local dates/datetimes: 'today' is the brand's today)."""
    d = value.date() if isinstance(value, datetime) else value
    return (d - EPOCH).days


@dataclass(frozen=True, slots=True)
class OrderLog:
    """Paid orders: one row each. `customer_id` holds database ids (any int64)."""

    customer_id: np.ndarray
    day: np.ndarray
    amount: np.ndarray


@dataclass(frozen=True, slots=True)
class Profile:
    """Per-customer facts aligned with the `customer_ids` passed to `build_features`."""

    is_vip: np.ndarray
    opted_out: np.ndarray
    owner_id: np.ndarray
    store_id: np.ndarray
    language: np.ndarray
    birthday_md: np.ndarray  # month*100+day, 0 unknown
    tags: dict[str, np.ndarray] = field(default_factory=dict)
    categories: dict[str, np.ndarray] = field(default_factory=dict)


def build_features(
    customer_ids: np.ndarray,
    orders: OrderLog,
    as_of: int,
    *,
    horizon_days: int = 30,
    profile: Profile | None = None,
    engagement: Mapping[str, np.ndarray] | None = None,
    contacts: Mapping[str, np.ndarray] | None = None,
    ranker: Ranker | None = None,
    sample: int = 50_000,
    seed: int = 0,
) -> CustomerFeatures:
    """Score every customer in `customer_ids` at day `as_of` (exclusive) for `horizon_days`.

    `engagement` keys: replies, views, clicks, unanswered (last 30 days, aligned with customer_ids).
    `contacts` keys: days_since_contact, contacts_30d (outreach from every source).
    """
    ids = np.asarray(customer_ids, np.int64)
    order_ids = np.asarray(orders.customer_id, np.int64)
    sorter = np.argsort(ids)
    pos = np.searchsorted(ids, order_ids, sorter=sorter)
    pos = np.clip(pos, 0, max(ids.size - 1, 0))
    if ids.size == 0 or not np.array_equal(ids[sorter][pos], order_ids):
        raise InvalidInput("every order must belong to one of customer_ids")
    occ = to_occasions(sorter[pos], orders.day, orders.amount, ids.size, as_of)
    if occ.day.size == 0:
        raise InvalidInput("no orders before as_of: nothing to score yet")
    s = score(occ, as_of, horizon_days, ranker=ranker, engagement=engagement, sample=sample, seed=seed)
    p = profile_columns(profile, ids.size)
    eng = dict(engagement or {})
    con = dict(contacts or {})
    return CustomerFeatures(
        customer_id=ids, horizon_days=horizon_days,
        n_orders=s.rfm.n_occasions, days_since_last=s.rfm.days_since_last,
        days_since_first=np.where(s.rfm.active, s.rfm.age, np.inf), total_spend=s.rfm.total_spend,
        cycle_days=s.rhythm.cycle_days, dueness=s.rhythm.dueness, p_alive=s.p_alive,
        p_purchase=s.p_purchase, expected_value=s.expected_value, **p,
        replies_30d=eng.get("replies"), views_30d=eng.get("views"), clicks_30d=eng.get("clicks"),
        unanswered_30d=eng.get("unanswered"),
        days_since_contact=con.get("days_since_contact"), contacts_30d=con.get("contacts_30d"),
    )


def profile_columns(profile: Profile | None, n: int) -> dict:
    if profile is None:
        return {**empty_profile(n), "tags": {}, "categories": {}}
    return {
        "is_vip": np.asarray(profile.is_vip, bool), "opted_out": np.asarray(profile.opted_out, bool),
        "owner_id": np.asarray(profile.owner_id, np.int64),
        "store_id": np.asarray(profile.store_id, np.int64),
        "language": np.asarray(profile.language, dtype="<U8"),
        "birthday_md": np.asarray(profile.birthday_md, np.int64),
        "tags": dict(profile.tags), "categories": dict(profile.categories),
    }
