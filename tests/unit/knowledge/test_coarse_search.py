"""The two-stage search for large catalogues must return what the exact scan returns."""
import numpy as np
import pytest

from core.ports import SearchFilters
from knowledge.coarse import Projection
from knowledge.dense import ProductIndex, ProductRecord

N = 25_000  # above the size where the coarse pass switches on


@pytest.fixture(scope="module")
def catalogue() -> tuple[ProductIndex, np.ndarray]:
    rng = np.random.default_rng(1)
    # Clustered, like product embeddings: 300 topics, each row a noisy copy of one.
    topics = rng.normal(size=(300, 512)).astype(np.float32)
    vectors = topics[rng.integers(0, 300, N)] + rng.normal(0, 0.35, (N, 512)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    records = [
        ProductRecord(f"P{i:05d}", vectors[i], {
            "category": f"c{i % 5}", "price": float(10 + i % 500), "in_stock": i % 7 != 0, "active": True,
            "languages": "zh,en", "stores": "", "terms": f"p{i:05d}", "name": f"P{i}",
        })
        for i in range(N)
    ]
    queries = topics[:20] + rng.normal(0, 0.2, (20, 512)).astype(np.float32)
    return ProductIndex(records), queries / np.linalg.norm(queries, axis=1, keepdims=True)


def _exact(index: ProductIndex, query: np.ndarray, filters: SearchFilters, k: int) -> list[int]:
    start, end, mask = index.window(filters)
    scores = index.vectors[start:end] @ query
    scores[~mask] = -np.inf
    return [start + int(i) for i in np.argsort(-scores)[:k]]


def test_the_coarse_pass_keeps_the_exact_top_ten_under_a_broad_filter(catalogue):
    index, queries = catalogue
    assert index.projection is not None
    broad = SearchFilters(in_stock=True, min_price=100, max_price=400)
    overlaps = [
        len({r for r, _ in index.dense_top(q, broad, 10)} & set(_exact(index, q, broad, 10))) / 10
        for q in queries
    ]
    assert np.mean(overlaps) >= 0.98


def test_the_coarse_pass_never_returns_a_filtered_out_row(catalogue):
    index, queries = catalogue
    hits = index.dense_top(queries[0], SearchFilters(in_stock=True, max_price=50), 10)
    assert hits and all(index.in_stock[r] and index.price[r] <= 50 for r, _ in hits)


def test_scores_from_the_two_stage_path_are_exact_cosines(catalogue):
    index, queries = catalogue
    for row, score in index.dense_top(queries[1], SearchFilters(), 5):
        assert score == pytest.approx(float(index.vectors[row] @ queries[1]), abs=1e-5)


def test_a_projection_from_a_saved_basis_equals_a_freshly_fitted_one(catalogue):
    index, _ = catalogue
    reused = Projection(index.vectors, basis=index.projection.basis)
    assert np.array_equal(reused.reduced, index.projection.reduced)


def test_a_saved_basis_of_the_wrong_shape_is_fitted_again(catalogue):
    index, _ = catalogue
    refitted = Projection(index.vectors, basis=np.zeros((512, 3), dtype=np.float32))
    assert np.array_equal(refitted.basis, index.projection.basis)
