"""Co-purchase statistics: which products are bought together, from the brand's order baskets.

A basket is everything one customer bought (default) or one order. We keep a sparse binary
basket x product matrix and compute co-occurrence only for the products a customer owns, so a query
costs a few sparse column products instead of a full item x item matrix.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from core.domain import Order, OrderStatus


_WARM_CELLS = 25_000_000  # dense co-occurrence cells kept by `warm` (100 MB); beyond, no warming


@dataclass(frozen=True, slots=True)
class Related:
    sku: str
    anchor: str  # the owned product that makes `sku` likely
    lift: float
    confidence: float
    together: int  # baskets holding both


class CoPurchase:
    def __init__(self, skus: Sequence[str], baskets: sparse.csr_matrix) -> None:
        if baskets.shape[1] != len(skus):
            raise ValueError("one column per sku")
        self._skus = list(skus)
        self._index = {sku: i for i, sku in enumerate(self._skus)}
        matrix = baskets.tocsr().astype(np.float32)
        matrix.data[:] = 1.0  # presence, not quantity: three tubes of one cream is one signal
        self._by_item = matrix.T.tocsr()
        self._matrix = matrix
        self._counts = np.asarray(matrix.sum(axis=0)).ravel()
        self._n = max(matrix.shape[0], 1)
        self._rows: dict[int, np.ndarray] = {}  # anchor -> its co-occurrence row (dense), once warmed

    @classmethod
    def from_orders(cls, orders: Iterable[Order], *, by: str = "customer") -> CoPurchase:
        if by not in ("customer", "order"):
            raise ValueError("by must be 'customer' or 'order'")
        rows: dict[object, int] = {}
        columns: dict[str, int] = {}
        row_idx: list[int] = []
        col_idx: list[int] = []
        for order in orders:
            if order.status != OrderStatus.PAID:
                continue
            key = order.customer_id if by == "customer" else order.external_id
            row = rows.setdefault(key, len(rows))
            for line in order.lines:
                row_idx.append(row)
                col_idx.append(columns.setdefault(line.sku, len(columns)))
        data = np.ones(len(row_idx), dtype=np.float32)
        matrix = sparse.csr_matrix((data, (row_idx, col_idx)), shape=(len(rows), len(columns)))
        return cls(list(columns), matrix)

    @property
    def baskets(self) -> int:
        return self._matrix.shape[0]

    def count(self, sku: str) -> int:
        i = self._index.get(sku)
        return 0 if i is None else int(self._counts[i])

    def related(
        self, owned: Iterable[str], *, top_k: int = 10, min_together: int = 2, min_lift: float = 1.0
    ) -> list[Related]:
        """Products most lifted by what the customer owns, best first; owned ones excluded."""
        anchors = sorted({self._index[s] for s in owned if s in self._index})
        if not anchors:
            return []
        rows = self._rows
        if all(a in rows for a in anchors):
            together = np.vstack([rows[a] for a in anchors])
        else:
            together = (self._by_item[anchors] @ self._matrix).toarray()  # anchors x items
        anchor_counts = self._counts[anchors][:, None]
        confidence = together / np.maximum(anchor_counts, 1.0)
        base_rate = np.maximum(self._counts / self._n, 1e-12)
        lift = confidence / base_rate[None, :]
        lift[together < min_together] = 0.0
        lift[:, anchors] = 0.0
        best_anchor = lift.argmax(axis=0)
        best_lift = lift[best_anchor, np.arange(lift.shape[1])]
        order = np.argsort(-best_lift, kind="stable")
        out: list[Related] = []
        for item in order:
            if best_lift[item] <= min_lift or len(out) >= top_k:
                break
            a = best_anchor[item]
            out.append(
                Related(
                    sku=self._skus[item],
                    anchor=self._skus[anchors[a]],
                    lift=float(best_lift[item]),
                    confidence=float(confidence[a, item]),
                    together=int(together[a, item]),
                )
            )
        return out

    def warm(self, skus: Iterable[str]) -> None:
        """Compute the co-occurrence rows of these products in one sparse product, so that later
        `related` calls over them slice instead of multiplying: a campaign asks for thousands of
        customers who own a few hundred products between them. Bounded: a huge catalogue is
        not warmed, and `related` multiplies as before."""
        wanted = sorted({self._index[s] for s in skus if s in self._index} - set(self._rows))
        if wanted and (len(self._rows) + len(wanted)) * len(self._skus) <= _WARM_CELLS:
            computed = (self._by_item[wanted] @ self._matrix).toarray()
            self._rows = {**self._rows, **{a: computed[i] for i, a in enumerate(wanted)}}

    def popular(self, top_k: int = 20) -> list[str]:
        order = np.argsort(-self._counts, kind="stable")[:top_k]
        return [self._skus[i] for i in order if self._counts[i] > 0]
