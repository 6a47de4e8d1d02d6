"""The demo content folder follows the documented Markdown format and cites real SKUs."""
from __future__ import annotations

import re

KINDS = {"article", "script", "brief"}


def _parse(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    blank = lines.index("")
    meta = dict(line.split(": ", 1) for line in lines[1:blank])
    return lines[0], meta, "\n".join(lines[blank + 1:])


def test_there_are_fifteen_to_twenty_five_markdown_documents(brand):
    files = sorted(brand.paths["content"].glob("*.md"))
    assert 15 <= len(files) <= 25
    assert all(re.fullmatch(r"[a-z0-9-]+\.md", f.name) for f in files)


def test_each_document_has_a_title_then_kind_language_tags_and_a_body(brand):
    for path in brand.paths["content"].glob("*.md"):
        title, meta, body = _parse(path)
        assert title.startswith("# ") and len(title) > 3, path.name
        assert set(meta) == {"kind", "language", "tags"}, path.name
        assert meta["kind"] in KINDS and meta["language"] in ("zh", "en")
        assert all(meta["tags"].split(";"))
        assert len([p for p in body.split("\n\n") if p.strip()]) >= 3, path.name


def test_every_kind_is_present_and_a_few_documents_are_english(brand):
    metas = [_parse(p)[1] for p in brand.paths["content"].glob("*.md")]
    assert {m["kind"] for m in metas} == KINDS
    assert 2 <= sum(m["language"] == "en" for m in metas) <= 6


def test_articles_cite_skus_that_exist_in_the_catalogue(brand):
    skus = {p["sku"] for p in brand.rows["products"]}
    for path in brand.paths["content"].glob("article-*.md"):
        cited = re.findall(r"\[([A-Z]{2}-[A-Z0-9-]+)\]", _parse(path)[2])
        assert cited, path.name
        assert set(cited) <= skus, path.name
