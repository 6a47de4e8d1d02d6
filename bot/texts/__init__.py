"""User-facing texts, one flat table per language (zh.py, en.py) with the same keys.

Templates are HTML (the bot sends parse_mode=HTML). Values passed to `Texts.__call__` are escaped,
so user data can never inject markup; wrap already-rendered HTML in `Raw` to pass it through.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from bot.texts import en, zh

TABLES: dict[str, dict[str, str]] = {"zh": zh.TEXTS, "en": en.TEXTS}
LANGUAGES = tuple(TABLES)


class Raw(str):
    """A piece of HTML we rendered ourselves (e.g. a list of escaped lines): not escaped again."""


@dataclass(frozen=True, slots=True)
class Texts:
    language: str

    def __call__(self, key: str, **values: object) -> str:
        template = TABLES[self.language][key]
        if not values:
            return template
        return template.format(**{k: _escape(v) for k, v in values.items()})

    def has(self, key: str) -> bool:
        return key in TABLES[self.language]


def _escape(value: object) -> str:
    return value if isinstance(value, Raw) else html.escape(str(value), quote=False)


def pick_language(*candidates: str | None, default: str) -> str:
    """The first candidate we have texts for; Telegram's 'zh-hans' / 'en-US' count as zh / en."""
    for candidate in candidates:
        if candidate:
            base = candidate.lower().split("-")[0]
            if base in TABLES:
                return base
    return default
