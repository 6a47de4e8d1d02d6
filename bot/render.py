"""Rendering helpers: HTML escaping and Telegram's 4096-character message limit.

Our templates keep every HTML tag within one line, so cutting between lines never breaks markup.
Lengths are counted in UTF-16 code units, as Telegram does (an emoji counts twice).
"""
from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
CALLBACK_ANSWER_LIMIT = 200
ELLIPSIS = "…"


def escape(text: object) -> str:
    return html.escape(str(text), quote=False)


def plain_text(markup: str) -> str:
    """What the user reads: tags dropped, entities decoded (callback alerts, the terminal chat)."""
    return html.unescape(_TAG.sub("", markup))


_TAG = re.compile(r"<[^>]+>")


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Parts of at most `limit` units, cut at line ends; an over-long single line is cut safely."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if units(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        pieces = _cut_line(line, limit)
        parts.extend(pieces[:-1])
        current = pieces[-1]
    if current or not parts:
        parts.append(current)
    return parts


def truncate(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """One message: keep whole lines while they fit, then end with an ellipsis."""
    if units(text) <= limit:
        return text
    head = split_message(text, limit - 1)[0]
    return head + ELLIPSIS


_UNSAFE_TAIL = re.compile(r"(<[^>]*|&[#\w]*)$")  # an unfinished tag or entity at the cut


def _cut_line(line: str, limit: int) -> list[str]:
    pieces = []
    while units(line) > limit:
        cut = _fit(line, limit)
        space = line.rfind(" ", 0, cut)
        if space > cut // 2:
            cut = space  # prefer a word boundary when one is reasonably near
        tail = _UNSAFE_TAIL.search(line[:cut])
        if tail and tail.start() > 0:
            cut = tail.start()
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces


def _fit(line: str, limit: int) -> int:
    """The longest prefix length (in characters) that fits in `limit` units."""
    total = 0
    for index, char in enumerate(line):
        total += 2 if ord(char) > 0xFFFF else 1
        if total > limit:
            return index
    return len(line)
