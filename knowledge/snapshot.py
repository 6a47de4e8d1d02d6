"""A local copy of the product collection, so opening a large catalogue need not read Chroma back.

Reading 100k vectors and their metadata out of Chroma takes 15-45 s; this file loads in about a
second. It is trusted only when its tag equals the collection's: Chroma's collection id, the
generation the last ingest stamped (a fresh uuid per write, see `knowledge.products`) and the record
count. A missing, stale, truncated or corrupted file means "read Chroma instead", never an error:
the zip container checks a CRC of every array, and the tag and shapes are checked on top.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from knowledge.embeddings import DIMENSION

logger = logging.getLogger(__name__)

FORMAT = 1
# A temp file older than this belongs to no live writer (100k products take a few seconds).
_STRAY_AFTER_SECONDS = 600
# What a damaged file can raise on the way in; anything else would be a bug worth seeing.
_UNREADABLE = (OSError, EOFError, KeyError, ValueError, zipfile.BadZipFile)


@dataclass(frozen=True, slots=True)
class Tag:
    collection_id: str
    generation: str
    count: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    skus: list[str]
    vectors: np.ndarray
    metadatas: list[dict]
    basis: np.ndarray | None  # the coarse stage's projection, when the catalogue had one


def path_for(directory: Path | str, collection_name: str) -> Path:
    return Path(directory) / f"{collection_name}.npz"


def read(path: Path, tag: Tag) -> Snapshot | None:
    """The snapshot at `path` if it is intact and tagged `tag`, else None."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            if _decode(npz["header"]) != _header(tag):
                logger.info("snapshot %s is stale; reading Chroma", path)
                return None
            records, vectors, basis = _decode(npz["records"]), npz["vectors"], npz["basis"]
            skus, metadatas = records["skus"], records["metadatas"]
    except FileNotFoundError:
        return None
    except _UNREADABLE as exc:
        logger.warning("snapshot %s is unreadable (%s); reading Chroma", path, exc)
        return None
    if not len(skus) == len(metadatas) == len(vectors) == tag.count or vectors.shape[1:] != (DIMENSION,):
        logger.warning("snapshot %s does not hold %d records; reading Chroma", path, tag.count)
        return None
    return Snapshot(skus, vectors, metadatas, basis if basis.size else None)


def write(
    path: Path,
    tag: Tag,
    skus: Sequence[str],
    vectors: np.ndarray,
    metadatas: Sequence[dict],
    basis: np.ndarray | None,
) -> None:
    """Replace the snapshot atomically; a failure only costs the next open a read from Chroma."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, {
            "header": _encode(_header(tag)),
            "records": _encode({"skus": list(skus), "metadatas": list(metadatas)}),
            "vectors": np.asarray(vectors, dtype=np.float32),
            "basis": np.zeros((0, 0), np.float32) if basis is None else basis,
        })
    except OSError as exc:
        logger.warning("could not write snapshot %s: %s", path, exc)


def _write_atomically(path: Path, arrays: dict[str, np.ndarray]) -> None:
    # A temp file in the same folder, so os.replace is a rename: readers see the old file or the
    # whole new one, and a crash leaves at most a stray temp file that nothing ever reads.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    _sweep(path, keep=Path(tmp))
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), 0o644)  # mkstemp's 0600 would hide it from a bot run as another user
            np.savez(out, **arrays)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _sweep(path: Path, keep: Path) -> None:
    """Delete temp files that crashed writers left (each as big as the snapshot). Their age is
    measured against our own new temp file's mtime, so both times come from the file system's
    clock, whatever the process's clock says."""
    now = keep.stat().st_mtime
    for stray in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(OSError):
            if stray != keep and now - stray.stat().st_mtime > _STRAY_AFTER_SECONDS:
                stray.unlink()


def _header(tag: Tag) -> dict:
    return {"format": FORMAT, "dimension": DIMENSION, **asdict(tag)}


def _encode(value: object) -> np.ndarray:
    # JSON in a byte array: readable with allow_pickle=False, unlike an object array.
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _decode(array: np.ndarray) -> dict:
    return json.loads(array.tobytes().decode("utf-8"))
