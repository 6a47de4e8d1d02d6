"""Content from a folder of .md/.txt files.

File format (one document per file, the file name without suffix is the content id):
    # Title                      <- first line; '# ' optional
    kind: article|script|brief   <- optional 'key: value' lines (kind, language, tags) ...
    language: zh
    tags: 护肤;冬季
                                 <- ... ended by a blank line
    Body paragraphs.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from copilot.importing.readers import PROBLEM, RowSource
from core.errors import InvalidInput

_META_KEYS = {"kind", "language", "tags", "type", "lang"}


def folder_rows(folder: Path) -> RowSource:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".md", ".txt") and p.is_file())

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, path in enumerate(files, start=1):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise InvalidInput(f"{path}: not UTF-8 text (byte at position {exc.start + 1}); "
                                   "save it as UTF-8") from None
            document = parse_document(path.stem, text)
            if "\x00" in text:
                document[PROBLEM] = ("body", path.name, "contains a NUL character")
            yield number, document

    header = ["content_id", "title", "body", "kind", "language", "tags"]
    return RowSource(folder, header, rows(), len(files))


def parse_document(content_id: str, text: str) -> dict[str, str]:
    lines = text.strip().splitlines()
    title = lines[0].lstrip("#").strip() if lines else ""
    meta: dict[str, str] = {}
    rest = lines[1:]
    while rest and ":" in rest[0] and rest[0].split(":", 1)[0].strip().lower() in _META_KEYS:
        key, value = rest.pop(0).split(":", 1)
        meta[{"type": "kind", "lang": "language"}.get(key.strip().lower(), key.strip().lower())] = value.strip()
    body = "\n".join(rest).strip()
    return {"content_id": content_id, "title": title, "body": body, **meta}
