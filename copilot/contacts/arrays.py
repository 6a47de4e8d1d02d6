"""Rows from the scoring repository -> the arrays `copilot.scoring` works on."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from copilot.scoring import OrderLog, Profile, day_number
from core.ports import UnitOfWork

ENGAGEMENT_KINDS = {"reply": "replies", "list_view": "views", "list_click": "clicks"}


@dataclass(frozen=True)
class Population:
    """One set of customers, aligned by position: what every builder below takes."""

    ids: np.ndarray
    names: list[str]
    profile: Profile


def local_day(moment: datetime, tz: ZoneInfo) -> int:
    return day_number(moment.astimezone(tz))


def order_log(rows: list[tuple], tz: ZoneInfo) -> OrderLog:
    return OrderLog(
        customer_id=np.fromiter((r[0] for r in rows), np.int64, len(rows)),
        day=np.fromiter((local_day(r[1], tz) for r in rows), np.int64, len(rows)),
        amount=np.fromiter((float(r[2]) for r in rows), float, len(rows)),
    )


def population(uow: UnitOfWork, owner_id: int | None, spend: dict[int, float], vip_spend: float, *,
               ids: list[int] | None = None) -> Population:
    rows = uow.scoring.profiles(owner_id, ids=ids)
    ids = np.fromiter((r[0] for r in rows), np.int64, len(rows))
    tag_lists = [tuple(r[5] or ()) for r in rows]
    tags = {tag: np.array([tag in t for t in tag_lists]) for tag in {t for ts in tag_lists for t in ts}}
    vip = np.array([("VIP" in t) or spend.get(int(i), 0.0) >= vip_spend for i, t in zip(ids, tag_lists)], bool)
    by_customer: dict[int, set[str]] = defaultdict(set)
    for customer_id, category in uow.scoring.categories_bought(owner_id, ids=ids):
        by_customer[customer_id].add(category)
    categories = {c: np.array([c in by_customer.get(int(i), ()) for i in ids]) for c in
                  {c for cs in by_customer.values() for c in cs}}
    profile = Profile(
        is_vip=vip, opted_out=np.array([r[6] == "revoked" for r in rows], bool),
        owner_id=np.array([r[1] if r[1] is not None else -1 for r in rows], np.int64),
        store_id=np.array([r[2] if r[2] is not None else -1 for r in rows], np.int64),
        language=np.array([r[3] or "zh" for r in rows], dtype="<U8"),
        birthday_md=np.array([r[4].month * 100 + r[4].day if r[4] else 0 for r in rows], np.int64),
        tags=tags, categories=categories,
    )
    return Population(ids, [r[7] for r in rows], profile)


def activity(uow: UnitOfWork, ids: np.ndarray, now: datetime, owner_id: int | None, *,
             only: list[int] | None = None) -> tuple[dict, dict]:
    """Engagement over the last 30 days and outreach from every source, aligned with `ids` (read for
    the customers in `only` when given, else for all of the owner's)."""
    position = {int(i): k for k, i in enumerate(ids)}
    since = now - timedelta(days=30)
    engagement = {key: np.zeros(ids.size) for key in ("replies", "views", "clicks", "unanswered")}
    for customer_id, kind, count in uow.scoring.interactions_since(since, owner_id, ids=only):
        if kind in ENGAGEMENT_KINDS and customer_id in position:
            engagement[ENGAGEMENT_KINDS[kind]][position[customer_id]] = count
    contacts = {"days_since_contact": np.full(ids.size, np.inf), "contacts_30d": np.zeros(ids.size)}
    for customer_id, last_sent, recent, unanswered in uow.scoring.outreach_since(since, owner_id, ids=only):
        if customer_id in position:
            k = position[customer_id]
            contacts["days_since_contact"][k] = (now - last_sent).total_seconds() / 86400
            contacts["contacts_30d"][k] = recent
            engagement["unanswered"][k] = unanswered
    return engagement, contacts


def spend_by_customer(orders: OrderLog) -> dict[int, float]:
    totals: dict[int, float] = defaultdict(float)
    for customer_id, amount in zip(orders.customer_id.tolist(), orders.amount.tolist()):
        totals[customer_id] += amount
    return totals
