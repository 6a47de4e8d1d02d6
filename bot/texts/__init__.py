"""User-facing texts, one flat table per language (zh.py, en.py) with the same keys.

Templates are HTML (the bot sends parse_mode=HTML). Values passed to `Texts.__call__` are escaped,
so user data can never inject markup; wrap already-rendered HTML in `Raw` to pass it through.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import importlib

from bot.texts import en, zh

# Features may keep their texts in bot/texts/<feature>.py with ZH and EN dicts; list them here.
FEATURE_TEXTS: tuple[str, ...] = ("guide", "customers", "managers", "ledger")


def _tables() -> dict[str, dict[str, str]]:
    tables = {"zh": dict(zh.TEXTS), "en": dict(en.TEXTS)}
    for name in FEATURE_TEXTS:
        module = importlib.import_module(f"bot.texts.{name}")
        for language, table in (("zh", module.ZH), ("en", module.EN)):
            clash = tables[language].keys() & table.keys()
            if clash:
                raise KeyError(f"bot.texts.{name} redefines {sorted(clash)}")
            tables[language].update(table)
    return tables


TABLES: dict[str, dict[str, str]] = _tables()
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
