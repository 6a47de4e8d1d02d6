"""A 100k-product catalogue for latency: real-model vectors of generated names, perturbed.

Texts: every labelled product's name and description x a list of edition/size modifiers, about 4,000
distinct texts, embedded with the real model. Each of the N synthetic products takes one of those
vectors plus small Gaussian noise (cosine to its source ~0.9) so no two rows are identical and the
score distribution stays realistic. Metadata is random but realistic: 20 categories, prices,
85% in stock, 40 stores (30% of products in every store), the source product's languages.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.domain import Product
from knowledge.documents import product_languages
from knowledge.embeddings import Embedder
from knowledge.lexical import Tokenizer

MODIFIERS = ("", "升级款", "旅行装", "限定版", "家庭装", "新款", "礼盒装", "经典款", "mini", "大容量",
             "Limited Edition", "Travel Size", "Family Pack", "New", "Gift Set", "Classic",
             "春季款", "冬季款", "Pro", "Plus", "二代", "Lite", "组合装", "Value Pack")
STORES = [f"S{n:02d}" for n in range(1, 41)]
NOISE = 0.0214  # per-dimension sigma: 1/sqrt(1 + 512 sigma^2) ~= 0.9 cosine to the source vector


@dataclass(frozen=True, slots=True)
class SyntheticCatalogue:
    skus: list[str]
    texts: list[str]
    vectors: np.ndarray
    metadatas: list[dict]


def build(products: list[Product], n: int, embedder: Embedder, seed: int = 7) -> SyntheticCatalogue:
    rng = np.random.default_rng(seed)
    bases = [(p, m) for p in products for m in MODIFIERS]
    texts = [f"{p.name} {m}\n{p.description}".strip() for p, m in bases]
    base_vectors = embedder.encode(texts)
    tokenize = Tokenizer()
    base_terms = [" ".join(tokenize(t)) for t in texts]
    pick = rng.integers(0, len(bases), size=n)
    vectors = base_vectors[pick] + rng.normal(0, NOISE, size=(n, base_vectors.shape[1])).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    skus = [f"SYN-{i:06d}" for i in range(n)]
    metas = [_meta(sku, bases[b][0], texts[b], base_terms[b], rng) for sku, b in zip(skus, pick)]
    return SyntheticCatalogue(skus, [texts[b] for b in pick], vectors, metas)


def _meta(sku: str, source: Product, text: str, terms: str, rng: np.random.Generator) -> dict:
    stores = [] if rng.random() < 0.3 else sorted(rng.choice(STORES, rng.integers(3, 9), replace=False))
    languages = product_languages(source)
    meta = {
        "sku": sku,
        "name": text.split("\n")[0],
        "category": f"{source.category}-{rng.integers(0, 4)}",
        "price": float(round(float(source.price) * rng.uniform(0.5, 2.0), 2)),
        "language": source.language,
        "languages": ",".join(languages),
        "stores": ",".join(stores),
        "all_stores": not stores,
        "in_stock": bool(rng.random() < 0.85),
        "active": True,
        "terms": f"{sku.lower()} {terms}",
        "hash": sku,
    }
    meta.update({f"lang_{lang}": True for lang in languages})
    meta.update({f"store_{s}": True for s in stores})
    return meta
