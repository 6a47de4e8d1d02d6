"""Find catalogue products mentioned in a text, by name (any language) or SKU.

Scanning every name against every draft is slow for a big catalogue (and names sharing a brand
prefix defeat simple bucketing), so names go into a character trie and the text is walked once,
taking the longest name at each position ("Hydra Cream Mini" is one mention, not also "Hydra Cream").
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from core.domain import Product

_END = ""  # trie key marking a complete name; never a character of the text
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]")
MIN_ASCII_NAME = 4  # shorter Latin names ("Gel") are ordinary words, not product mentions
MIN_CJK_NAME = 2


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class CatalogueIndex:
    def __init__(self, products: Iterable[Product]) -> None:
        self._names: dict[str, set[str]] = defaultdict(set)
        self._skus: dict[str, str] = {}
        for product in products:
            names = {product.name, *(v.get("name", "") for v in product.i18n.values())}
            for name in names:
                key = name.strip().lower()
                if len(key) >= (MIN_ASCII_NAME if key.isascii() else MIN_CJK_NAME):
                    self._names[key].add(product.sku)
            # Purely numeric SKUs would collide with prices and quantities.
            if not product.sku.isdigit():
                self._skus[product.sku.lower()] = product.sku
        self._trie: dict = {}
        for key in self._names:
            node = self._trie
            for ch in key:
                node = node.setdefault(ch, {})
            node[_END] = key

    def __len__(self) -> int:
        return len(self._skus)

    def mentions(self, text: str) -> list[set[str]]:
        """One set of SKUs per mention (a name shared by several products gives several SKUs)."""
        lowered = text.lower()
        found = [{self._skus[t.group().lower()]} for t in _TOKEN.finditer(text)
                 if t.group().lower() in self._skus]
        i, roots = 0, self._trie
        while i < len(lowered):
            # Most characters start no name: skip them without a call.
            name = self._longest_at(lowered, i) if lowered[i] in roots else None
            if name is None:
                i += 1
                continue
            found.append(self._names[name])
            i += len(name)
        return found

    def _longest_at(self, text: str, i: int) -> str | None:
        node, best = self._trie, None
        for j in range(i, len(text)):
            node = node.get(text[j])
            if node is None:
                break
            name = node.get(_END)
            if name is not None and (not name.isascii() or self._bounded(text, i, j + 1)):
                best = name
        return best

    @staticmethod
    def _bounded(text: str, start: int, end: int) -> bool:
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        return not _word_char(before) and not _word_char(after)
