"""Writes the demo brand to CSV files and a folder of Markdown content (formats: package docstring)."""
from __future__ import annotations

import csv
import pathlib
from collections import defaultdict
from datetime import date

import numpy as np

from core.errors import InvalidInput
from cli.demo.brand import behaviour, content_texts, people, seasons
from cli.demo.brand.baskets import Shelf
from cli.demo.brand.catalog import Item, build_catalog

HEADERS = {
    "stores": ("store_id", "name", "city"),
    "staff": ("staff_id", "name", "role", "store_id", "telegram_user_id", "monthly_target", "language"),
    "customers": ("customer_id", "name", "guide_id", "store_id", "phone", "birthday", "gender",
                  "language", "tags", "joined_at"),
    "products": ("sku", "name", "category", "price", "description", "in_stock", "usage_cycle_days",
                 "language", "tags", "brand", "name_en", "description_en"),
    "orders": ("order_id", "customer_id", "ordered_at", "sku", "quantity", "unit_price", "store_id",
               "guide_id", "status"),
}
VIP_SPEND_CENTS = 500_000  # paid spend over the period that earns the VIP tag
TARGET_STRETCH = 1.15  # a guide's target sits a little above what they have been selling


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _write_csv(path: pathlib.Path, header: tuple[str, ...], rows) -> pathlib.Path:
    # newline="" and "\n": the same bytes on every platform, which the determinism promise needs.
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _paid_cents(order: behaviour.Order) -> int:
    return sum(line.quantity * line.unit_cents for line in order.lines) if order.status == "paid" else 0


def _tag_vips(profiles: list[people.Profile], orders: list[behaviour.Order]) -> None:
    spend: dict[int, int] = defaultdict(int)
    for order in orders:
        spend[order.customer] += _paid_cents(order)
    for index, cents in spend.items():
        if cents >= VIP_SPEND_CENTS:
            profiles[index].tags.append("VIP")


def _targets(orders: list[behaviour.Order], end: date) -> dict[str, int]:
    """Monthly target per guide, in cents: recent monthly sales x stretch, rounded up to 1,000 yuan."""
    since = seasons.months_before(end, 6)
    months = max(1.0, min(6.0, (end - min((o.at.date() for o in orders), default=end)).days / 30.4))
    sales: dict[str, int] = defaultdict(int)
    for order in orders:
        if order.guide_id and order.at.date() >= since:
            sales[order.guide_id] += _paid_cents(order)
    step = 100_000
    return {g: max(step, -(-int(c / months * TARGET_STRETCH) // step) * step) for g, c in sales.items()}


def _staff_rows(targets: dict[str, int]):
    for staff_id, name, role, store_id, language in people.STAFF:
        target = money(targets.get(staff_id, 100_000)) if role == "guide" else ""
        yield staff_id, name, role, store_id, "", target, language


def _customer_rows(profiles: list[people.Profile], phones: list[str]):
    for i, p in enumerate(profiles):
        birthday = p.birthday.isoformat() if p.birthday else ""
        yield (f"C{i + 1:05d}", p.name, p.guide_id, p.store_id, phones[i], birthday, p.gender,
               p.language, ";".join(dict.fromkeys(p.tags)), p.joined.isoformat())


def _product_rows(items: tuple[Item, ...]):
    for i in items:
        cycle = str(i.usage_cycle_days) if i.usage_cycle_days else ""
        yield (i.sku, i.name, i.category, money(i.price_cents), i.description,
               "true" if i.in_stock else "false", cycle, "zh", ";".join(i.tags), i.brand,
               i.name_en, i.description_en)


def _order_rows(orders: list[behaviour.Order]):
    for n, o in enumerate(orders, start=1):
        for line in o.lines:
            yield (f"O{n:07d}", f"C{o.customer + 1:05d}", o.at.isoformat(), line.sku, line.quantity,
                   money(line.unit_cents), o.store_id, o.guide_id, o.status)


def _write_content(folder: pathlib.Path) -> pathlib.Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in content_texts.DOCS:
        head = [f"# {doc.title}", f"kind: {doc.kind}", f"language: {doc.language}",
                f"tags: {';'.join(doc.tags)}", ""]
        text = "\n".join(head) + "\n" + doc.body.strip() + "\n"
        (folder / f"{doc.external_id}.md").write_bytes(text.encode("utf-8"))
    return folder


def write_demo_brand(out_dir: pathlib.Path, *, seed: int = 7, customers: int = 3000, months: int = 24,
                     end: date) -> dict[str, pathlib.Path]:
    """Generate the demo brand into `out_dir`; the same seed and `end` give byte-identical files.

    Orders fall in the `months` calendar months before `end` (never on `end` itself).
    Returns the written paths by kind: stores, staff, customers, products, orders, content.
    """
    if customers < 1 or months < 1:
        raise InvalidInput(f"demo brand needs customers >= 1 and months >= 1, got {customers}, {months}")
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    start = seasons.months_before(end, months)
    # Separate streams, so a change in one part (say the catalogue) leaves the others' draws alone.
    rng_people, rng_orders, rng_phones = (np.random.default_rng([seed, k]) for k in (1, 2, 3))
    items = build_catalog()
    profiles = people.build_profiles(rng_people, customers, start, end)
    orders = behaviour.simulate(rng_orders, profiles, Shelf(items), start, end)
    _tag_vips(profiles, orders)
    phones = people.names.phone_numbers(rng_phones, len(profiles))
    return {
        "stores": _write_csv(out_dir / "stores.csv", HEADERS["stores"], people.STORES),
        "staff": _write_csv(out_dir / "staff.csv", HEADERS["staff"], _staff_rows(_targets(orders, end))),
        "customers": _write_csv(out_dir / "customers.csv", HEADERS["customers"],
                                _customer_rows(profiles, phones)),
        "products": _write_csv(out_dir / "products.csv", HEADERS["products"], _product_rows(items)),
        "orders": _write_csv(out_dir / "orders.csv", HEADERS["orders"], _order_rows(orders)),
        "content": _write_content(out_dir / "content"),
    }
