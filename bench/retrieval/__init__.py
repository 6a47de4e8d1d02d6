"""Retrieval bench: quality on a labelled bilingual product set, filtered latency at 100k products.

Run: `python -m bench.retrieval` (everything) or `python -m bench.retrieval --quality-only`.
"""
