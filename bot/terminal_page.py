"""A page the demo serves (a customer's product list), as the terminal chat shows it: its text, one
block per line, so a newcomer sees what the customer's browser would."""
from __future__ import annotations

from html.parser import HTMLParser

LOCAL_PAGES = ("http://127.0.0.1", "http://localhost")
BLOCKS = {"h1", "h2", "h3", "p", "div", "section", "li", "tr", "br"}
SKIPPED = {"style", "script", "button", "head"}
MAX_LINES = 30


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self._skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in SKIPPED:
            self._skipping += 1
        elif tag in BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag) -> None:
        if tag in SKIPPED:
            self._skipping = max(self._skipping - 1, 0)
        elif tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data) -> None:
        if not self._skipping and data.strip():
            self.lines[-1] = f"{self.lines[-1]} {data.strip()}".strip()


def html_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [line for line in parser.lines if line]


async def page_as_text(url: str) -> str:
    import httpx

    try:
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.get(url)
    except httpx.HTTPError as exc:
        return f"  (the page did not open: {exc})"
    lines = html_text(response.text)[:MAX_LINES]
    return "\n".join([f"  ┌ page {response.status_code}", *(f"  │ {line}" for line in lines), "  └"])
