"""Thin helpers over the Chroma client: collection creation, batched writes and reads, `where`.

Every call knowledge/ makes to Chroma goes through this module, inside `guarded`, so a server that
fails after we connected (down, HTTP 5xx, timeout) reaches the edges as `ExternalServiceError`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import chromadb
import httpx
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaClientSettings
from chromadb.errors import ChromaError

from core.errors import ExternalServiceError
from core.ports import SearchFilters
from knowledge.embeddings import USEEmbeddingFunction

# Chroma refuses adds above ~5,400 records (DESIGN.md §7); stay under it.
MAX_BATCH = 5000
# Chosen at creation and fixed thereafter. ef_search 200 keeps HNSW recall near exact at 100k for
# top-10; the extra query cost is small next to embedding the query.
HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": 200, "max_neighbors": 32}
# chromadb's HttpClient waits forever by default; a hung server must fail a request, not the bot.
# Generous, because one call may write or read a whole batch of MAX_BATCH vectors.
HTTP_TIMEOUT_SECONDS = 60.0
UNAVAILABLE = "The product knowledge base is unavailable right now. Please try again in a minute."
_FAILURES = (ChromaError, httpx.HTTPError, OSError)


@contextmanager
def guarded(action: str) -> Iterator[None]:
    """Turn Chroma's and the network's failures into `ExternalServiceError`; let our bugs through."""
    try:
        yield
    except Exception as exc:
        # chromadb raises a bare `Exception(response.text)` for an HTTP error without a Chroma body.
        if isinstance(exc, _FAILURES) or type(exc) is Exception:
            detail = str(exc).strip()[:300] or type(exc).__name__
            message = f"Chroma {action} failed: {detail}"
            raise ExternalServiceError(message, user_message=UNAVAILABLE) from exc
        raise


def _client_settings() -> ChromaClientSettings:
    return ChromaClientSettings(anonymized_telemetry=False, allow_reset=False)


def persistent_client(path: Path | str) -> ClientAPI:
    Path(path).mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_client_settings())


def http_client(host: str, port: int, *, timeout_seconds: float = HTTP_TIMEOUT_SECONDS) -> ClientAPI:
    try:
        client = chromadb.HttpClient(host=host, port=port, settings=_client_settings())
    except Exception as exc:  # chromadb raises bare ValueError/ConnectError when unreachable
        message = f"Chroma server {host}:{port} unreachable: {exc}"
        raise ExternalServiceError(message, user_message=UNAVAILABLE) from exc
    # No public setting for it: the timeout lives on the client's private httpx session.
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(timeout_seconds)
    return client


def open_collection(client: ClientAPI, name: str, ef: USEEmbeddingFunction) -> Collection:
    # Passing our function explicitly means Chroma never instantiates its default (downloading) one.
    with guarded(f"opening collection {name}"):
        return client.get_or_create_collection(
            name, configuration={"hnsw": dict(HNSW)}, embedding_function=ef  # type: ignore[arg-type]
        )


def upsert(
    collection: Collection,
    ids: Sequence[str],
    vectors: np.ndarray,
    documents: Sequence[str],
    metadatas: Sequence[dict],
    on_batch: Callable[[int], None] | None = None,
) -> None:
    for start in range(0, len(ids), MAX_BATCH):
        end = start + MAX_BATCH
        with guarded(f"write to {collection.name}"):
            collection.upsert(
                ids=list(ids[start:end]),
                embeddings=vectors[start:end],
                documents=list(documents[start:end]),
                metadatas=list(metadatas[start:end]),
            )
        if on_batch is not None:
            on_batch(len(ids[start:end]))


def delete(collection: Collection, ids: Sequence[str]) -> None:
    for start in range(0, len(ids), MAX_BATCH):
        with guarded(f"delete from {collection.name}"):
            collection.delete(ids=list(ids[start : start + MAX_BATCH]))


def count(collection: Collection) -> int:
    with guarded(f"count of {collection.name}"):
        return collection.count()


def read_all(collection: Collection, *, embeddings: bool) -> Iterator[tuple[str, dict, np.ndarray | None]]:
    include = ["metadatas", "embeddings"] if embeddings else ["metadatas"]
    for offset in range(0, count(collection), MAX_BATCH):
        with guarded(f"read of {collection.name}"):
            page = collection.get(limit=MAX_BATCH, offset=offset, include=include)  # type: ignore[list-item]
        vectors = page["embeddings"] if embeddings else [None] * len(page["ids"])
        yield from zip(page["ids"], page["metadatas"] or [], vectors)


def query(collection: Collection, vector: np.ndarray, n: int, where: dict | None, include: list[str]):
    """Chroma's own nearest-neighbour query for one vector; the raw result dict."""
    with guarded(f"query of {collection.name}"):
        return collection.query(
            query_embeddings=[vector], n_results=n, where=where, include=include  # type: ignore[arg-type]
        )


def generation(client: ClientAPI, collection: Collection, ef: USEEmbeddingFunction) -> str:
    """The writer's stamp in the collection metadata, fetched fresh (the handle caches metadata)."""
    with guarded(f"reading the generation of {collection.name}"):
        fresh = client.get_collection(collection.name, embedding_function=ef)  # type: ignore[arg-type]
    return str((fresh.metadata or {}).get("generation", ""))


def stamp_generation(collection: Collection, value: str) -> None:
    with guarded(f"stamping {collection.name}"):
        collection.modify(metadata={**(collection.metadata or {}), "generation": value})


def where(filters: SearchFilters) -> dict | None:
    """Chroma metadata filter equivalent to `ProductIndex.window`; several conditions need `$and`."""
    conds: list[dict] = [{"active": True}]
    if filters.in_stock is not None:
        conds.append({"in_stock": filters.in_stock})
    if filters.category is not None:
        conds.append({"category": filters.category})
    if filters.min_price is not None:
        conds.append({"price": {"$gte": float(filters.min_price)}})
    if filters.max_price is not None:
        conds.append({"price": {"$lte": float(filters.max_price)}})
    if filters.language is not None:
        conds.append({flag_key("lang", filters.language): True})
    if filters.store is not None:
        conds.append({"$or": [{"all_stores": True}, {flag_key("store", filters.store): True}]})
    return conds[0] if len(conds) == 1 else {"$and": conds}


def flag_key(kind: str, value: str) -> str:
    return f"{kind}_{value}"
