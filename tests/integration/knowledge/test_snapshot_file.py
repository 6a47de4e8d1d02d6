"""The snapshot file on its own: a faithful round trip, and the housekeeping of its atomic writes."""
from __future__ import annotations

import dataclasses
import os
import stat

import numpy as np
import pytest

from knowledge import snapshot

TAG = snapshot.Tag("c0ffee", "generation-1", 3)


@pytest.fixture
def saved(tmp_path):
    path = snapshot.path_for(tmp_path, "gc_products")
    vectors = np.random.default_rng(0).normal(size=(3, 512)).astype(np.float32)
    metadatas = [{"category": "baby", "price": 129.5, "in_stock": i != 1, "terms": "奶瓶"} for i in range(3)]
    basis = np.eye(512, 128, dtype=np.float32)
    snapshot.write(path, TAG, ["A", "B", "C"], vectors, metadatas, basis)
    return path, vectors, metadatas, basis


def test_a_snapshot_reads_back_exactly_what_was_written(saved):
    path, vectors, metadatas, basis = saved
    back = snapshot.read(path, TAG)
    assert back is not None and back.skus == ["A", "B", "C"] and back.metadatas == metadatas
    assert np.array_equal(back.vectors, vectors) and np.array_equal(back.basis, basis)


@pytest.mark.parametrize("field", ["collection_id", "generation", "count"])
def test_a_snapshot_is_refused_when_any_part_of_its_tag_differs(saved, field):
    other = dataclasses.replace(TAG, **{field: 4 if field == "count" else "other"})
    assert snapshot.read(saved[0], other) is None


def test_a_missing_snapshot_reads_as_none(tmp_path):
    assert snapshot.read(tmp_path / "absent.npz", TAG) is None


def test_the_next_write_sweeps_an_old_crashed_writers_temp_file_but_not_a_live_one(saved):
    path, vectors, metadatas, basis = saved
    old, live = path.with_name(f".{path.name}.old.tmp"), path.with_name(f".{path.name}.live.tmp")
    old.write_bytes(b"half a snapshot")
    live.write_bytes(b"being written")
    an_hour_before = live.stat().st_mtime - 3600  # the file system's clock, not the process's
    os.utime(old, (an_hour_before, an_hour_before))
    snapshot.write(path, TAG, ["A", "B", "C"], vectors, metadatas, basis)
    assert not old.exists() and live.exists()


def test_a_snapshot_is_readable_by_other_users_like_the_chroma_folder(saved):
    assert stat.S_IMODE(saved[0].stat().st_mode) & 0o044 == 0o044
