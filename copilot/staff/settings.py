"""The settings staff change about themselves (language, persona, tone, budget, quiet hours)."""
from __future__ import annotations

import dataclasses
import re

from core.domain import Staff
from core.errors import InvalidInput
from core.ports import StaffSettings, UnitOfWork

LANGUAGES = ("zh", "en")
TONES = ("warm", "formal", "playful")
MAX_DISPLAY_NAME = 40
MAX_DAILY_BUDGET = 500  # the same bound as RankingSettings.daily_budget


class InvalidSetting(InvalidInput):
    code = "invalid_setting"


class InvalidBudget(InvalidSetting):
    code = "invalid_budget"


class InvalidQuietHours(InvalidSetting):
    code = "invalid_quiet_hours"


class InvalidDisplayName(InvalidSetting):
    code = "invalid_display_name"


def get_settings(uow: UnitOfWork, actor: Staff) -> StaffSettings:
    return uow.staff_settings.get(actor.id) or StaffSettings()


def change_settings(uow: UnitOfWork, actor: Staff, **changes: object) -> StaffSettings:
    """Validate and persist changes to the actor's own settings (nobody edits someone else's)."""
    current = get_settings(uow, actor)
    updated = dataclasses.replace(current, **changes)
    _validate(updated)
    uow.staff_settings.save(actor.id, updated)
    return updated


def toggle_emoji(uow: UnitOfWork, actor: Staff) -> StaffSettings:
    return change_settings(uow, actor, persona_emoji=not get_settings(uow, actor).persona_emoji)


def _validate(s: StaffSettings) -> None:
    if s.language not in LANGUAGES or s.persona_tone not in TONES:
        raise InvalidSetting(f"unsupported language/tone {s.language!r}/{s.persona_tone!r}")
    if not 1 <= s.daily_budget <= MAX_DAILY_BUDGET:
        raise InvalidBudget(f"daily budget {s.daily_budget} out of range")
    if not (0 <= s.quiet_start_hour <= 23 and 0 <= s.quiet_end_hour <= 23):
        raise InvalidQuietHours("quiet hours out of range")
    name = s.persona_name
    if len(name) > MAX_DISPLAY_NAME or "\n" in name or name != name.strip():
        raise InvalidDisplayName("display name must be one line of at most 40 characters")


def parse_budget(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidBudget(f"not a number: {text!r}") from None


_QUIET = re.compile(r"^\s*(\d{1,2})(?::00)?\s*[-–~到至]\s*(\d{1,2})(?::00)?\s*$")


def parse_quiet_hours(text: str) -> tuple[int, int]:
    """'21-9', '21:00-09:00' or '21到9' -> (21, 9): no outreach from 21:00 to 09:00 local time."""
    match = _QUIET.match(text)
    if not match:
        raise InvalidQuietHours(f"not an hour range: {text!r}")
    start, end = int(match[1]), int(match[2])
    if start > 23 or end > 23:
        raise InvalidQuietHours(f"hours out of range: {text!r}")
    return start, end
