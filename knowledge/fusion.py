"""Hybrid ranking: the dense ranking, with at most the top 1-2 lexical hits promoted to the front.

DESIGN.md §7: equal-weight fusion hurt, because BM25 cannot cross languages and its long tail is
noise; promoting only its strongest hits fixed exact-term queries (brand, ingredient, spec, SKU).
Measured here too (`python -m bench.retrieval`): promoting the BM25 top hit unconditionally cut
cross-language MRR from 0.77 to 0.53 ("rose toner" lifted another brand's toner over the zh-only
rose toner), so a hit is promoted only when it contains (nearly) every word of the query.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FusionParams:
    lexical_hits: int = 2
    # idf-weighted share of the query's words the lexical hit must contain.
    min_coverage: float = 0.99
    # A second hit must also be nearly as strong as the first, or it is a weaker partial match.
    runner_up_ratio: float = 0.8


def fuse(
    dense: list[tuple[int, float]],
    lexical: list[tuple[int, float, float]],
    top_k: int,
    params: FusionParams = FusionParams(),
) -> list[int]:
    """Row ids in fused order; `dense` is (row, score), `lexical` (row, score, coverage), best first."""
    promoted: list[int] = []
    best = lexical[0][1] if lexical else 0.0
    for row, score, coverage in lexical[: params.lexical_hits]:
        if coverage >= params.min_coverage and score >= params.runner_up_ratio * best:
            promoted.append(row)
    seen = set(promoted)
    rest = [row for row, _ in dense if row not in seen]
    return (promoted + rest)[:top_k]
