"""What a manager asks for: a segment, filters, a task kind, a brief, variants, a holdout, a due date."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from copilot.drafting import DraftKind
from core.errors import InvalidInput

TASK_KINDS = tuple(k.value for k in DraftKind if k is not DraftKind.REPLY)
FILTER_KEYS = ("tags", "category", "spend", "store", "guide", "language")
ALL = "all"  # every customer, before filters


@dataclass(frozen=True)
class CampaignSpec:
    name: str
    segment: str
    kind: str
    brief: str
    due: date
    filters: dict[str, str] = field(default_factory=dict)
    variants: int = 1
    variant_briefs: tuple[str, ...] = ()  # one brief per variant; empty: the brief, phrased differently
    holdout: float = 0.0
    created_by: int | None = None
    rule: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in TASK_KINDS:
            raise InvalidInput(f"unknown task kind {self.kind!r}; choose one of {', '.join(TASK_KINDS)}")
        if not 1 <= self.variants <= 3:
            raise InvalidInput("variants: 1 to 3")
        if self.variant_briefs and len(self.variant_briefs) != self.variants:
            raise InvalidInput("give one brief per variant")
        if not 0 <= self.holdout < 0.5:
            raise InvalidInput("holdout: a share from 0 to below 0.5")
        unknown = set(self.filters) - set(FILTER_KEYS)
        if unknown:
            raise InvalidInput(f"unknown filter {sorted(unknown)}; use {', '.join(FILTER_KEYS)}")

    def variant_list(self) -> list[dict]:
        """What each variant's drafts are written from: its brief and the offline writer's phrasing."""
        briefs = self.variant_briefs or (self.brief,) * self.variants
        return [{"brief": b, "writer_variant": i} for i, b in enumerate(briefs)]


def parse_filters(pairs: list[str]) -> dict[str, str]:
    """["tags=VIP,new", "spend=500-2000"] -> {"tags": "VIP,new", "spend": "500-2000"}."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not value.strip():
            raise InvalidInput(f"filter {pair!r}: write KEY=VALUE")
        out[key.strip()] = value.strip()
    return out


def spend_range(value: str) -> tuple[float | None, float | None]:
    """"500-2000", "500-" (at least), "-2000" (at most), "500" (at least)."""
    low, _, high = value.partition("-")
    try:
        return (float(low) if low.strip() else None), (float(high) if high.strip() else None)
    except ValueError as exc:
        raise InvalidInput(f"spend filter {value!r}: write LOW-HIGH, LOW- or -HIGH") from exc
