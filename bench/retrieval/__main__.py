"""`python -m bench.retrieval [--products N] [--quality-only | --open-only] [--chroma-repeats 40]`."""
from __future__ import annotations

import argparse
import time

from bench.retrieval import latency, quality, synthetic
from knowledge.embeddings import Embedder
from knowledge.loaders import load_products_csv


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.retrieval")
    parser.add_argument("--products", type=int, default=100_000, help="synthetic catalogue size")
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--open-only", action="store_true",
                        help="only the large catalogue's open time: Chroma vs the local snapshot")
    parser.add_argument("--chroma-repeats", type=int, default=40, help="Chroma queries per filter")
    args = parser.parse_args()

    embedder = Embedder()
    started = time.perf_counter()
    embedder.warm_up()
    print(f"embedding model load + warm-up: {time.perf_counter() - started:.2f} s\n")
    if not args.open_only:
        quality.run(embedder)
    if args.quality_only:
        return
    products = load_products_csv(quality.DATA / "products.csv")
    started = time.perf_counter()
    catalogue = synthetic.build(products, args.products, embedder)
    n_texts = len(products) * len(synthetic.MODIFIERS)
    print(f"\nsynthetic catalogue: {args.products:,} products from {n_texts:,} real-model embeddings "
          f"of generated names + noise, built in {time.perf_counter() - started:.1f} s "
          f"(embedding {n_texts / (time.perf_counter() - started):,.0f} texts/s incl. tokenising)")
    queries = [q.query for q in quality.load_queries()]
    latency.run(catalogue, queries, embedder, args.chroma_repeats, open_only=args.open_only)


if __name__ == "__main__":
    main()
