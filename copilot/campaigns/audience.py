"""Who gets a task: segment and filters over the feature arrays, exclusions with reasons, owners.

Pure over arrays and plain dicts, so the exclusion rules are tested without a database.
"""
from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import numpy as np

from copilot.campaigns.spec import ALL, spend_range
from copilot.scoring import CustomerFeatures, FatiguePolicy
from copilot.scoring import segments as seg
from core.errors import InvalidInput


@dataclass
class Audience:
    customer_ids: list[int]
    guide_ids: list[int]
    excluded: dict[str, int] = field(default_factory=dict)  # reason -> customers


def select_members(f: CustomerFeatures, segment: str, filters: Mapping[str, str], named: Mapping,
                   store_ids: Mapping[str, int], staff_ids: Mapping[str, int]) -> np.ndarray:
    if segment != ALL and segment not in named:
        raise InvalidInput(f"unknown segment {segment!r}; choose one of {', '.join([ALL, *named])}")
    mask = np.ones(len(f), bool) if segment == ALL else np.asarray(named[segment](f), bool)
    for key, value in filters.items():
        items = [v.strip() for v in value.split(",") if v.strip()]
        if key == "tags":
            mask &= seg.has_tags(f, items)
        elif key == "category":
            mask &= seg.bought_category(f, items)
        elif key == "spend":
            mask &= seg.spend_between(f, *spend_range(value))
        elif key == "store":
            mask &= seg.in_stores(f, [_known(store_ids, v, "store") for v in items])
        elif key == "guide":
            mask &= seg.owned_by(f, [_known(staff_ids, v, "guide") for v in items])
        elif key == "language":
            mask &= np.logical_or.reduce([seg.speaks(f, v) for v in items])
    return mask


def _known(ids: Mapping[str, int], external_id: str, what: str) -> int:
    if external_id not in ids:
        raise InvalidInput(f"unknown {what} {external_id!r}")
    return ids[external_id]


def exclusions(f: CustomerFeatures, mask: np.ndarray, policy: FatiguePolicy, busy: Collection[int],
               extra: Collection[int] = ()) -> tuple[np.ndarray, dict[str, int]]:
    """Members left after opt-out, fatigue caps, an open task elsewhere (and `extra`, e.g. a rule's
    cool-down), counted by the first reason that applies."""
    reasons = {
        "opted_out": np.asarray(f.opted_out, bool),
        "fatigue": (f.column("days_since_contact", np.inf) < policy.min_days_between)
        | (f.column("contacts_30d") >= policy.max_per_30_days),
        "open_task": np.isin(f.customer_id, list(busy)),
        "cooldown": np.isin(f.customer_id, list(extra)),
    }
    left, counts = mask.copy(), {}
    for name, hit in reasons.items():
        counts[name] = int((left & hit).sum())
        left &= ~hit
    return left, {k: v for k, v in counts.items() if v}


def assign(f: CustomerFeatures, rows: np.ndarray, guides_by_store: Mapping[int, list[int]],
           active_guides: Collection[int]) -> tuple[list[int], list[int], int]:
    """(customer ids, guide ids, without a guide): the owner if active, else the store's guides in turn."""
    turn: dict[int, int] = {}
    customers, guides, orphans = [], [], 0
    for i in rows.tolist():
        owner, store = int(f.owner_id[i]), int(f.store_id[i])
        if owner not in active_guides:
            pool = guides_by_store.get(store, [])
            if not pool:
                orphans += 1
                continue
            owner = pool[turn.get(store, 0) % len(pool)]
            turn[store] = turn.get(store, 0) + 1
        customers.append(int(f.customer_id[i]))
        guides.append(owner)
    return customers, guides, orphans


def draw(campaign_id: int, customer_id: int, salt: str) -> float:
    """A uniform number in [0, 1) fixed by campaign and customer: the same split on every rerun."""
    digest = hashlib.blake2b(f"{campaign_id}:{customer_id}:{salt}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def split(campaign_id: int, customer_id: int, holdout: float, variants: int) -> tuple[bool, int]:
    if draw(campaign_id, customer_id, "holdout") < holdout:
        return True, 0
    return False, min(int(draw(campaign_id, customer_id, "variant") * variants), variants - 1)
