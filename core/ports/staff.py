"""Staff onboarding and settings: invites, personal settings, Telegram accounts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.domain import Customer


@dataclass(frozen=True, slots=True)
class StaffInvite:
    """A one-time onboarding invite. Only a hash of the code is stored, never the code itself."""

    code_hash: str
    staff_id: int
    expires_at: datetime
    used_at: datetime | None = None


class InviteRepository(Protocol):
    def add(self, invite: StaffInvite) -> None: ...
    def get(self, code_hash: str) -> StaffInvite | None: ...
    def mark_used(self, code_hash: str, used_at: datetime) -> bool:
        """True only for the one caller that turned it from unused to used (no double redeem)."""
        ...


@dataclass(frozen=True, slots=True)
class StaffSettings:
    """What a staff member changes about themselves in the bot's settings screen."""

    language: str = "zh"
    persona_name: str = ""  # empty: the staff member's own name
    persona_tone: str = "warm"  # warm | formal | playful
    persona_emoji: bool = True
    daily_budget: int = 20
    quiet_start_hour: int = 21
    quiet_end_hour: int = 9


class StaffSettingsRepository(Protocol):
    def get(self, staff_id: int) -> StaffSettings | None: ...
    def save(self, staff_id: int, settings: StaffSettings) -> None: ...
    def bind_telegram(self, staff_id: int, telegram_user_id: int) -> None: ...


class TelegramAccountRepository(Protocol):
    """Who a Telegram user is on our side, beyond staff (see StaffRepository.get_by_telegram)."""

    def customer(self, telegram_user_id: int) -> Customer | None: ...
