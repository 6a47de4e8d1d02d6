"""What goes into one order: the favourite re-bought, what is bought with it, prices paid.

Co-purchase follows routines (cleanser then toner, diapers with wipes, beans with filters);
baby products follow the child's age, so a mother moves from size S to XL and from stage 1 to 3
formula without the brand doing anything.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np

from cli.demo.brand import seasons
from cli.demo.brand.catalog import Item
from cli.demo.brand.people import Profile

# family -> families bought in the same basket
PAIRS = {
    "CLN": ("TON",), "TON": ("SER", "CRM", "LOT"), "SER": ("CRM", "EYE"), "CRM": ("EYE", "SER"),
    "LOT": ("SER",), "MSK": ("SER", "TON"), "EYE": ("CRM",), "OIL": ("CLN",), "SUN": ("CLN",),
    "DIA": ("WIP", "BCR"), "DPN": ("WIP", "DIA"), "PUL": ("WIP", "HMW"), "MLK": ("RCE", "PRB", "DHA"),
    "WIP": ("HMW",), "BTW": ("LOT",), "COF": ("DRP", "FLT"), "DRP": ("CBR",), "OAT": ("NUT", "GRN"),
    "TEA": ("HNY", "JUJ"), "NUT": ("CHO",), "LDT": ("SFT",), "WOL": ("LDT",), "CND": ("DIF",),
    "DIF": ("CND",), "HSP": ("TIS",), "BED": ("PIL", "PLC"), "TWL": ("ROB", "MAT"), "TEE": ("PNT", "JNS"),
    "SHT": ("PNT",), "CDG": ("TNK",), "DWN": ("SCF",), "HOD": ("YOG",), "CSH": ("WOL",),
}
SKIN_FAVOURITES = (("CRM", 0.3), ("SER", 0.2), ("CLN", 0.2), ("TON", 0.1), ("LOT", 0.08),
                   ("MSK", 0.07), ("EYE", 0.05))
BABY_FAVOURITES = (("DIA", 0.5), ("DPN", 0.1), ("MLK", 0.3), ("WIP", 0.1))
BIG_SALES = ("618", "double11")


class Shelf:
    """The catalogue indexed the ways a basket asks for it."""

    def __init__(self, items: tuple[Item, ...]) -> None:
        self.by_sku = {i.sku: i for i in items}
        self.by_category: dict[str, list[Item]] = defaultdict(list)
        self.families: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            self.by_category[item.category].append(item)
            self.families[f"{item.category}/{item.family}"].append(item)
        self.categories = tuple(self.by_category)

    def family(self, family: str, category: str = "") -> list[Item]:
        if category:
            return self.families.get(f"{category}/{family}", [])
        return next((v for k, v in self.families.items() if k.endswith(f"/{family}")), [])

    def popular(self, rng: np.random.Generator, category: str) -> Item:
        # Cheaper items sell more often: weight by 1/sqrt(price); gift boxes only in season.
        items = [i for i in self.by_category[category] if i.family not in ("MOC", "NYG")]
        weights = np.array([1 / np.sqrt(i.price_cents) for i in items])
        return items[int(rng.choice(len(items), p=weights / weights.sum()))]


def _weighted(rng: np.random.Generator, pairs: tuple) -> str:
    weights = np.array([w for _, w in pairs])
    return pairs[int(rng.choice(len(pairs), p=weights / weights.sum()))][0]


def favourite(rng: np.random.Generator, profile: Profile, shelf: Shelf) -> Item:
    """The consumable a repeat buyer keeps coming back for."""
    if profile.persona == "护肤":
        return shelf.by_sku[f"SK-{profile.series}-{_weighted(rng, SKIN_FAVOURITES)}"]
    if profile.persona == "母婴":
        return shelf.family(_weighted(rng, BABY_FAVOURITES), "母婴")[0]
    options = shelf.family(profile.interest)
    return options[int(rng.integers(len(options)))]


def for_age(item: Item, child_birth: date | None, day: date, shelf: Shelf) -> Item:
    """The size or stage of a baby product that fits the child on `day`."""
    if child_birth is None or item.family not in ("DIA", "DPN", "PUL", "MLK"):
        return item
    months = (day - child_birth).days / 30.4
    if item.family == "MLK":
        return shelf.by_sku["BB-MLK-" + ("1" if months < 6 else "2" if months < 12 else "3")]
    if months >= 24:
        return shelf.by_sku["BB-PUL-" + ("XL" if months < 30 else "XXL")]  # potty training
    size = "S" if months < 3 else "M" if months < 9 else "L" if months < 18 else "XL"
    return shelf.by_sku[f"BB-{'DPN' if item.family == 'DPN' else 'DIA'}-{size}"]


def partner(rng: np.random.Generator, item: Item, shelf: Shelf) -> Item | None:
    families = PAIRS.get(item.family)
    if not families:
        return None
    options = shelf.family(families[int(rng.integers(len(families)))], item.category)
    if item.series:
        options = [o for o in options if o.series == item.series] or options
    return options[int(rng.integers(len(options)))] if options else None


def cross_sell(rng: np.random.Generator, item: Item, shelf: Shelf, day: date) -> Item:
    """Something from another aisle; in gift season, often the festival gift box."""
    season = seasons.campaign(day)
    if season in ("mid_autumn", "spring") and rng.random() < 0.5:
        return shelf.by_sku["FD-MOC" if season == "mid_autumn" else "FD-NYG"]
    others = [c for c in shelf.categories if c != item.category]
    return shelf.popular(rng, others[int(rng.integers(len(others)))])


def quantity(rng: np.random.Generator, item: Item, vip: bool, day: date) -> int:
    if not item.consumable:
        return 1 if rng.random() < 0.95 else 2
    stock_up = 0.35 if seasons.campaign(day) in BIG_SALES else 0.12
    stock_up += 0.15 if vip or item.family in ("DIA", "DPN", "PUL", "WIP") else 0.0
    return 1 if rng.random() > stock_up else int(rng.choice((2, 3), p=(0.8, 0.2)))


def unit_price(rng: np.random.Generator, item: Item, vip: bool, day: date) -> int:
    """Price paid in cents: the list price or a campaign/member discount, never above list."""
    season = seasons.campaign(day)
    chance, offers = (0.7, (80, 85, 90)) if season in BIG_SALES else (
        (0.4, (90, 95)) if season else (0.15, (90, 95)))
    pct = int(rng.choice(offers)) if rng.random() < chance else 100
    if vip and rng.random() < 0.5:
        pct = min(pct, 90)  # VIP member price
    return item.price_cents * pct // 100
