"""Staff: who is talking to the bot, their own settings, onboarding by invite, and handover."""
from copilot.staff.identity import Identity, Kind, identify
from copilot.staff.settings import (
    LANGUAGES, MAX_DAILY_BUDGET, MAX_DISPLAY_NAME, TONES, InvalidBudget, InvalidDisplayName, InvalidQuietHours,
    InvalidSetting, change_settings, get_settings, parse_budget, parse_quiet_hours, toggle_emoji,
)

__all__ = ["LANGUAGES", "MAX_DAILY_BUDGET", "MAX_DISPLAY_NAME", "TONES", "Identity", "InvalidBudget",
           "InvalidDisplayName", "InvalidQuietHours", "InvalidSetting", "Kind", "change_settings",
           "get_settings", "identify", "parse_budget", "parse_quiet_hours", "toggle_emoji"]
