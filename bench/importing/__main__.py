"""Import throughput for order lines, on SQLite and PostgreSQL, against a plain CSV read of the
same file (the anchor: no importer can be faster than reading its input once).

    python -m bench.importing [--lines 1000000] [--postgres URL]
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from copilot.importing import Importer
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.uow import SqlUnitOfWorkFactory

CUSTOMERS, PRODUCTS = 100_000, 500


def write_files(folder: Path, lines: int) -> dict[str, Path]:
    rng = random.Random(1)
    paths = {k: folder / f"{k}.csv" for k in ("staff", "customers", "products", "orders")}
    _write(paths["staff"], ["staff_id", "name", "role", "store_id"],
           ([f"G{i}", f"Guide {i}", "guide", f"S{i % 3}"] for i in range(50)))
    _write(paths["customers"], ["customer_id", "name", "guide_id", "store_id"],
           ([f"C{i}", f"Customer {i}", f"G{i % 50}", ""] for i in range(CUSTOMERS)))
    _write(paths["products"], ["sku", "name", "category", "price", "description"],
           ([f"SKU{i}", f"Product {i}", "cat", f"{10 + i % 90}.90", ""] for i in range(PRODUCTS)))

    def order_lines():
        order = 0
        while True:
            order += 1
            customer, day = rng.randrange(CUSTOMERS), rng.randrange(700)
            for sku in rng.sample(range(PRODUCTS), rng.choice((1, 2, 3, 4, 5))):
                yield [f"O{order}", f"C{customer}", f"2025-{1 + day % 12:02d}-{1 + day % 28:02d}T10:00:00+08:00",
                       f"SKU{sku}", str(rng.randint(1, 3)), "19.90"]

    gen = order_lines()
    _write(paths["orders"], ["order_id", "customer_id", "ordered_at", "sku", "quantity", "unit_price"],
           (next(gen) for _ in range(lines)))
    return paths


def _write(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def anchor_rate(path: Path) -> float:
    start = time.perf_counter()
    with path.open(newline="") as handle:
        rows = sum(1 for _ in csv.DictReader(handle))
    return rows / (time.perf_counter() - start)


def run_backend(url: str, paths: dict[str, Path]) -> tuple[float, int]:
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    importer = Importer(SqlUnitOfWorkFactory(make_session_factory(engine)), timezone="Asia/Shanghai")
    for kind in ("staff", "customers", "products"):
        assert importer.run(kind, paths[kind]).committed
    start = time.perf_counter()
    report = importer.run("orders", paths["orders"])
    elapsed = time.perf_counter() - start
    assert report.committed, report.problems[:3]
    again = time.perf_counter()
    replay = importer.run("orders", paths["orders"])
    replay_elapsed = time.perf_counter() - again
    assert replay.inserted == replay.updated == 0
    engine.dispose()
    return report.rows / elapsed, int(report.rows / replay_elapsed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("GC_TEST_POSTGRES_URL", ""))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_files(folder, args.lines)
        anchor = anchor_rate(paths["orders"])
        print(f"order lines: {args.lines:,}  file: {paths['orders'].stat().st_size / 2**20:.0f} MiB")
        print(f"anchor  csv.DictReader pass        {anchor:12,.0f} rows/s   1.00x")
        backends = [("sqlite", f"sqlite:///{folder / 'bench.db'}")]
        if args.postgres:
            backends.append(("postgres", args.postgres))
        for name, url in backends:
            rate, replay = run_backend(url, paths)
            print(f"import  {name:<8} first load          {rate:12,.0f} rows/s   {rate / anchor:.3f}x")
            print(f"import  {name:<8} re-import (no-op)   {replay:12,.0f} rows/s   {replay / anchor:.3f}x")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of the whole run: {peak:,.0f} MiB (the file is streamed, never loaded whole)")


if __name__ == "__main__":
    main()
