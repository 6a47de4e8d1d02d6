"""File loaders for `ingest --from-files`: a products CSV and a folder of .md/.txt content.

Products CSV columns: sku,name,category,price,description,in_stock,language,tags,brand,name_en,
description_en; optional: active, stores (comma-separated store codes), currency, usage_cycle_days.
Tags are separated by ";" (commas would fight the CSV). A content file's title is its first
Markdown heading or first line; its external id is the file name without extension.
"""
from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from core.domain import ContentDoc, ContentKind, Product
from core.errors import InvalidInput

REQUIRED_COLUMNS = ("sku", "name", "category", "price")
_TRUE = {"1", "true", "yes", "y", "t"}


def load_products_csv(path: Path | str) -> list[Product]:
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"products CSV not found: {path}")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InvalidInput(f"{path}: missing columns {', '.join(missing)}")
        return [_product(row, path, line) for line, row in enumerate(reader, start=2)]


def _product(row: dict[str, str], path: Path, line: int) -> Product:
    get = lambda key, default="": (row.get(key) or default).strip()
    if not get("sku") or not get("name"):
        raise InvalidInput(f"{path}:{line}: sku and name are required")
    try:
        price = Decimal(get("price", "0"))
    except InvalidOperation as exc:
        raise InvalidInput(f"{path}:{line}: bad price {row.get('price')!r}") from exc
    i18n = {}
    if get("name_en") or get("description_en"):
        i18n["en"] = {"name": get("name_en"), "description": get("description_en")}
    cycle = get("usage_cycle_days")
    return Product(
        sku=get("sku"),
        name=get("name"),
        category=get("category"),
        price=price,
        description=get("description"),
        brand=get("brand"),
        currency=get("currency", "CNY"),
        language=get("language", "zh"),
        tags=tuple(t.strip() for t in get("tags").split(";") if t.strip()),
        attributes={"stores": get("stores")} if get("stores") else {},
        i18n=i18n,
        in_stock=get("in_stock", "true").lower() in _TRUE,
        active=get("active", "true").lower() in _TRUE,
        usage_cycle_days=int(cycle) if cycle.isdigit() else None,
    )


def load_content_dir(folder: Path | str, *, language: str = "zh") -> list[ContentDoc]:
    folder = Path(folder)
    if not folder.is_dir():
        raise InvalidInput(f"content folder not found: {folder}")
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".md", ".txt"))
    return [_content(p, folder, language) for p in files]


def _content(path: Path, root: Path, language: str) -> ContentDoc:
    text = path.read_text(encoding="utf-8").strip()
    first, _, rest = text.partition("\n")
    title = first.lstrip("#").strip() or path.stem
    body = rest.strip() if first.startswith("#") else text
    # The file's folder names its kind (articles/, scripts/, briefs/); anything else is an article.
    kind = {"script": ContentKind.SCRIPT, "brief": ContentKind.BRIEF}.get(
        path.parent.name.rstrip("s").lower(), ContentKind.ARTICLE
    )
    ext_id = path.relative_to(root).with_suffix("").as_posix()
    # Files carry no language tag: plain-ASCII text is English, anything else the given default.
    lang = "en" if body.isascii() else language
    return ContentDoc(external_id=ext_id, kind=kind, title=title, body=body or title, language=lang)
