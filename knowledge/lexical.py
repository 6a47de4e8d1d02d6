"""BM25 over jieba (Chinese) and lowercase word/SKU tokens (everything else).

Dense embeddings blur exact terms: a brand, an ingredient ("烟酰胺"), a spec ("50ml") or a SKU. This
index supplies those; DESIGN.md §7: only its top 1-2 hits are fused into the dense ranking, because
equal-weight fusion hurt cross-language queries (BM25 cannot cross languages).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

# A CJK run, or an ASCII word that may hold internal - _ . (SKUs like "SC-1001", "2.5kg").
_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:[-_.][a-z0-9]+)*")
_PARTS = re.compile(r"[a-z]+|[0-9]+(?:\.[0-9]+)?")
_STOP = frozenset("的 了 和 与 及 是 在 有 我 你 给 吗 呢 吧 啊 a an the and or of for to in with on is".split())


class Tokenizer:
    """Owns its own jieba dictionary (not jieba's global one) so tests and processes stay isolated."""

    def __init__(self) -> None:
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()

    def __call__(self, text: str) -> list[str]:
        tokens: list[str] = []
        for run in _RUN.findall(text.lower()):
            if run[0] >= "\u3400":
                tokens.extend(w for w in self._jieba.cut_for_search(run) if w not in _STOP)
            elif run not in _STOP:
                tokens.append(run)
                # "50ml" must match "50 ml" and "sc-1001" must match "sc1001": also emit the parts.
                parts = _PARTS.findall(run)
                if len(parts) > 1:
                    tokens.extend(parts)
                    tokens.append("".join(parts))
        return tokens


class BM25Index:
    """Immutable: rebuilt from token lists after each ingest (a sparse build, no re-tokenising)."""

    def __init__(self, docs: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75) -> None:
        self._vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        lengths = np.zeros(len(docs), dtype=np.float32)
        for row, tokens in enumerate(docs):
            lengths[row] = len(tokens)
            counts: dict[int, int] = {}
            for token in tokens:
                col = self._vocab.setdefault(token, len(self._vocab))
                counts[col] = counts.get(col, 0) + 1
            rows.extend([row] * len(counts))
            cols.extend(counts.keys())
            tfs.extend(counts.values())
        self._matrix, self._idf = _weights(rows, cols, tfs, lengths, len(self._vocab), k1, b)
        # A query word no document contains counts as the rarest possible word when judging coverage.
        self._unknown_idf = float(np.log1p((len(docs) + 0.5) / 0.5))

    def __len__(self) -> int:
        return self._matrix.shape[0]

    def scores(self, query_tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """BM25 score per document, and the idf-weighted share of the query's words it contains.

        Coverage is what tells an exact-term hit ("烟酰胺", "SC-1024": every word present) from a
        partial one ("rose toner" meeting only "toner" in another product), which must not be
        promoted over the dense ranking.
        """
        terms = set(query_tokens)
        cols = sorted(self._vocab[t] for t in terms if t in self._vocab)
        zeros = np.zeros(len(self), dtype=np.float32)
        if not cols or not len(self):
            return zeros, zeros
        sub = self._matrix[:, cols]
        scores = np.asarray(sub.sum(axis=1), dtype=np.float32).ravel()
        total = float(self._idf[cols].sum()) + self._unknown_idf * (len(terms) - len(cols))
        present = (sub > 0).astype(np.float32) @ self._idf[cols]
        return scores, np.asarray(present, dtype=np.float32).ravel() / total


def _weights(rows, cols, tfs, lengths, n_terms, k1, b) -> tuple[sparse.csc_matrix, np.ndarray]:
    """Precompute idf * saturated tf per (doc, term), so a query is a column sum."""
    n_docs = len(lengths)
    rows_a = np.asarray(rows, dtype=np.int64)
    cols_a = np.asarray(cols, dtype=np.int64)
    tf = np.asarray(tfs, dtype=np.float32)
    df = np.bincount(cols_a, minlength=n_terms).astype(np.float32)
    idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
    avg = float(lengths.mean()) if n_docs and lengths.mean() > 0 else 1.0
    norm = k1 * (1 - b + b * lengths[rows_a] / avg)
    data = idf[cols_a] * tf * (k1 + 1) / (tf + norm)
    matrix = sparse.csc_matrix((data, (rows_a, cols_a)), shape=(n_docs, n_terms), dtype=np.float32)
    return matrix, idf.astype(np.float32)
