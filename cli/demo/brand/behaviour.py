"""Purchase histories that follow what the field reports, BG/NBD-style.

- Most members buy once: by nature (`kind == "once"`), or as repeat buyers who dropped out right
  after the first order, or who joined too recently to have come back yet.
- A repeat buyer re-buys a favourite consumable on a personal rhythm: the product's usage cycle
  times a personal factor (one face cream lasts 2 months for one person and 4 for another), with
  gamma-distributed gaps around it, longer when they bought two or three at once.
- After every order a repeat buyer may go silent for good (probability drawn per member from a
  beta distribution, as in BG/NBD), which leaves the silent members a care task looks for.
- VIPs drop out rarely, buy more per basket and often at member price.
- A purchase due shortly after 618 or Double 11 is often pulled forward to the sale day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from cli.demo.brand import baskets, seasons
from cli.demo.brand.baskets import Shelf
from cli.demo.brand.catalog import Item
from cli.demo.brand.people import STAFF, STORES, Profile

REFUND_SHARE = 0.02
MAX_LINES = 3


@dataclass(frozen=True, slots=True)
class Line:
    sku: str
    quantity: int
    unit_cents: int


@dataclass(frozen=True, slots=True)
class Order:
    customer: int  # index into the profiles
    at: datetime
    lines: tuple[Line, ...]
    store_id: str
    guide_id: str
    status: str


def _basket(rng: np.random.Generator, main: Item, p: Profile, shelf: Shelf, day: date, repeat: bool):
    vip = p.kind == "vip"
    items = [main]
    if rng.random() < (0.55 if vip else 0.35 if repeat else 0.25):
        items.append(baskets.partner(rng, main, shelf))
    if rng.random() < (0.35 if vip else 0.12):
        items.append(baskets.cross_sell(rng, main, shelf, day))
    unique = list({i.sku: i for i in items if i is not None}.values())[:MAX_LINES]
    return tuple(Line(i.sku, baskets.quantity(rng, i, vip, day), baskets.unit_price(rng, i, vip, day))
                 for i in unique)


def _attribution(rng: np.random.Generator, p: Profile) -> tuple[str, str]:
    """(store, guide) of an order: mostly the member's own store and guide."""
    store = p.store_id
    if rng.random() < 0.05:
        store = STORES[int(rng.integers(len(STORES)))][0]  # shopping while travelling
    guides = [s[0] for s in STAFF if s[2] == "guide" and s[3] == store]
    roll = rng.random()
    if p.guide_id and store == p.store_id and roll < 0.85:
        return store, p.guide_id
    if roll < 0.93:
        return store, ""  # self-checkout or the online mini-shop: nobody to credit
    return store, guides[int(rng.integers(len(guides)))]


def _order(rng, index: int, p: Profile, lines: tuple[Line, ...], day: date) -> Order:
    store, guide = _attribution(rng, p)
    status = "refunded" if rng.random() < REFUND_SHARE else "paid"
    return Order(index, seasons.shop_time(day, rng), lines, store, guide, status)


def _first_order(rng, index: int, p: Profile, shelf: Shelf) -> Order:
    main = baskets.for_age(shelf.popular(rng, p.persona), p.child_birth, p.joined, shelf)
    return _order(rng, index, p, _basket(rng, main, p, shelf, p.joined, False), p.joined)


def _rhythm(rng: np.random.Generator, p: Profile, fav: Item) -> tuple[float, float]:
    """(personal cycle in days, dropout probability per order)."""
    factor = float(np.clip(rng.lognormal(0.0, 0.35), 0.5, 2.5))
    if p.kind == "vip":
        return fav.usage_cycle_days * factor * 0.85, float(rng.beta(1, 40))
    return fav.usage_cycle_days * factor, float(rng.beta(2, 14))


def _main_item(rng, fav: Item, p: Profile, shelf: Shelf, day: date) -> Item:
    if rng.random() < 0.8:
        return baskets.for_age(fav, p.child_birth, day, shelf)
    # Trying something else from the same aisle (same skin-care line when there is one).
    options = [i for i in shelf.by_category[fav.category]
               if i.consumable and i.series == fav.series and i.family not in ("MOC", "NYG")]
    return baskets.for_age(options[int(rng.integers(len(options)))], p.child_birth, day, shelf)


def _repeat_orders(rng, index: int, p: Profile, shelf: Shelf, start: date, end: date) -> list[Order]:
    fav = baskets.favourite(rng, p, shelf)
    cycle, dropout = _rhythm(rng, p, fav)
    orders, day = [], p.joined
    if day < start:  # a member from before the period: pick up their rhythm at a random phase
        day = seasons.after_holiday(start + timedelta(days=int(rng.integers(0, max(1, round(cycle))))))
    while day < end:
        lines = _basket(rng, _main_item(rng, fav, p, shelf, day), p, shelf, day, True)
        orders.append(_order(rng, index, p, lines, day))
        if rng.random() < dropout:
            break
        gap = rng.gamma(6.0, cycle / 6.0) * lines[0].quantity
        day = seasons.after_holiday(day + timedelta(days=max(3, round(gap))))
        peak = seasons.festival_peak(day)
        if peak and peak > orders[-1].at.date() and rng.random() < 0.4:
            day = peak
    return orders


def simulate(rng: np.random.Generator, profiles: list[Profile], shelf: Shelf, start: date,
             end: date) -> list[Order]:
    """Every order of every member in [start, end), oldest first."""
    orders: list[Order] = []
    for index, p in enumerate(profiles):
        if p.kind == "once":
            orders.append(_first_order(rng, index, p, shelf))
        elif p.kind in ("repeat", "vip"):
            orders += _repeat_orders(rng, index, p, shelf, start, end)
    orders.sort(key=lambda o: (o.at, o.customer))
    return orders
