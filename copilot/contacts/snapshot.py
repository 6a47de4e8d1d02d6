"""The nightly snapshot: model outputs per customer, stored so the bot ranks without refitting.

Profile (owner, consent, tags) and contact history are never taken from the snapshot: they change
during the day and are read live, so an opt-out or a message sent a minute ago counts at once.
"""
from __future__ import annotations

from datetime import datetime

import numpy as np

from copilot.contacts.arrays import Population
from copilot.scoring import CustomerFeatures, priority_order

STORED = ("n_orders", "days_since_last", "days_since_first", "total_spend", "cycle_days", "dueness", "p_alive")


def encode(features: CustomerFeatures, computed_at: datetime, segments: dict[str, np.ndarray],
           names: tuple[str, ...]) -> list[dict]:
    """Rows for the snapshot table: model outputs, the priority rank (1 = best) and a bit per segment
    in `names` the customer belongs to (bit k for names[k])."""
    columns = {name: getattr(features, name).tolist() for name in STORED}
    rank = np.empty(len(features), np.int64)
    rank[priority_order(features)] = np.arange(1, len(features) + 1)
    bits = np.zeros(len(features), np.int64)
    for k, name in enumerate(names):
        bits |= np.where(segments[name], 1 << k, 0)
    rows = []
    for k, customer_id in enumerate(features.customer_id.tolist()):
        stored = {name: _finite(columns[name][k]) for name in STORED}
        rows.append({"customer_id": customer_id, "computed_at": computed_at,
                     "p_purchase": float(features.p_purchase[k]),
                     "expected_value": float(features.expected_value[k]), "features": stored,
                     "rank": int(rank[k]), "segments": int(bits[k])})
    return rows


def decode(pop: Population, snapshot: dict[int, tuple], now: datetime, horizon_days: int,
           engagement: dict, contacts: dict) -> CustomerFeatures:
    """Features for `pop` at `now`; customers scored before `now` have their day counts aged."""
    n = pop.ids.size
    cols = {name: np.zeros(n) for name in STORED}
    cols["days_since_last"][:] = cols["days_since_first"][:] = np.inf
    cols["dueness"][:] = np.nan
    p_purchase, value = np.zeros(n), np.zeros(n)
    for k, customer_id in enumerate(pop.ids.tolist()):
        stored = snapshot.get(customer_id)
        if stored is None:
            continue  # new since the last scoring run: treated as never bought
        computed_at, p, ev, features = stored
        aged = (now - computed_at).total_seconds() / 86400
        for name in STORED:
            cols[name][k] = _number(features.get(name))
        cols["days_since_last"][k] += aged
        cols["days_since_first"][k] += aged
        p_purchase[k] = p
        value[k] = ev
    with np.errstate(divide="ignore", invalid="ignore"):
        cols["dueness"] = np.where(cols["cycle_days"] > 0, cols["days_since_last"] / cols["cycle_days"], np.nan)
    p = pop.profile
    return CustomerFeatures(
        customer_id=pop.ids, horizon_days=horizon_days, p_purchase=p_purchase,
        expected_value=value, is_vip=p.is_vip, opted_out=p.opted_out, owner_id=p.owner_id,
        store_id=p.store_id, language=p.language, birthday_md=p.birthday_md, tags=p.tags,
        categories=p.categories, replies_30d=engagement["replies"], views_30d=engagement["views"],
        clicks_30d=engagement["clicks"], unanswered_30d=engagement["unanswered"],
        days_since_contact=contacts["days_since_contact"], contacts_30d=contacts["contacts_30d"],
        **cols,
    )


def _finite(value: float) -> float | None:
    return value if np.isfinite(value) else None  # JSON has no infinity


def _number(value: float | None) -> float:
    return np.inf if value is None else float(value)
