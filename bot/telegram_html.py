"""Telegram's HTML parse mode, as far as it decides whether a message is accepted.

The local Bot API (bot/local_session.py) checks every HTML text with `problem`, so a text our code
forgot to escape fails in tests and in the demo exactly as Telegram fails it ("can't parse
entities"); `plain` is what the bot sends instead when Telegram refuses a text for its markup.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

# https://core.telegram.org/bots/api#html-style
TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
                  "tg-emoji", "code", "pre", "blockquote"})
_TAG = re.compile(r"<(/?)([^\s<>/]*)[^<>]*>|<")


def problem(text: str) -> str | None:
    """Telegram's complaint about `text` in HTML parse mode, or None when it would be accepted."""
    open_tags: list[str] = []
    for match in _TAG.finditer(text):
        offset = len(text[:match.start()].encode())
        if match.group(0) == "<":
            return f"can't parse entities: unclosed start tag at byte offset {offset}"
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in TAGS:
            return f'can\'t parse entities: unsupported start tag "{name}" at byte offset {offset}'
        if not closing:
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            return f'can\'t parse entities: unexpected end tag at byte offset {offset}'
    if open_tags:
        return f'can\'t parse entities: can\'t find end tag corresponding to start tag "{open_tags[-1]}"'
    return None


def plain(text: str) -> str:
    """What the reader should see of `text` without markup: Telegram's tags dropped, entities decoded,
    anything else (a stray `<`, a tag Telegram does not know) kept as it was written."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return "".join(reader.parts)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in TAGS:
            self.parts.append(self.get_starttag_text() or "")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag not in TAGS:
            self.parts.append(f"</{tag}>")

    def unknown_decl(self, data: str) -> None:
        self.parts.append(f"<![{data}]>")
