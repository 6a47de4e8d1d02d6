"""Small text helpers shared by writers and guardrails: sentences, script ratio, trimming, scrubbing."""
from __future__ import annotations

import re

# Split after CJK/Latin sentence ends; a Latin period only before whitespace so "¥19.90" stays whole.
_SENTENCE_END = re.compile(r"(?<=[。！？!?…])(?![。！？!?…」”’)）])|(?<=\.)(?=\s)|(?<=\n)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_SPACES = re.compile(r"[ \t]{2,}")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])\s+(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])")

_PHONE = re.compile(r"(?<![\d+])\+?\d[\d\s().-]{6,}\d(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS = re.compile(
    r"[^\s,，;；]*\d+\s*(?:号|弄|栋|室|楼|单元|街|路)[^\s,，;；]*"
    r"|\b\d+\s+[A-Z][\w ]{1,30}\b(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?)\b",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[str]:
    """Pieces that join back ("".join) to the original text."""
    return [piece for piece in _SENTENCE_END.split(text) if piece]


def cjk_ratio(text: str) -> float:
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return cjk / (cjk + latin) if cjk + latin else 0.0


def tidy(text: str, language: str) -> str:
    text = _SPACES.sub(" ", text)
    if language == "zh":
        text = _CJK_GAP.sub("", text)
    return "\n".join(line.strip() for line in text.strip().splitlines()).strip()


def trim(text: str, max_chars: int) -> str:
    """Cut at the last sentence end that fits; a single overlong sentence is cut with an ellipsis."""
    if len(text) <= max_chars:
        return text
    kept = ""
    for piece in split_sentences(text):
        if len(kept) + len(piece) > max_chars:
            break
        kept += piece
    if kept.strip():
        return kept.rstrip()
    return text[: max_chars - 1].rstrip() + "…"


def scrub(text: str, limit: int = 300) -> str:
    """Remove phone numbers, e-mails and street addresses from free text before it leaves us."""
    text = _EMAIL.sub("[…]", text)
    # Seven digits or more: a phone number, not a price like 1299.00 or a quantity.
    text = _PHONE.sub(lambda m: "[…]" if sum(c.isdigit() for c in m.group()) >= 7 else m.group(), text)
    text = _ADDRESS.sub("[…]", text)
    return text.strip()[:limit]


def defang(text: str) -> str:
    """Make data unable to close its <data> delimiter or fake a prompt section."""
    return text.replace("<", "‹").replace(">", "›")
