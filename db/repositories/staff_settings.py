"""Staff self-service updates: settings-screen fields and binding a Telegram account."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from core.ports import StaffSettings
from db.tables import StaffRow


class SqlStaffSettingsRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, staff_id: int) -> StaffSettings | None:
        row = self._s.get(StaffRow, staff_id)
        if row is None:
            return None
        return StaffSettings(
            language=row.language, persona_name=row.persona_name, persona_tone=row.persona_tone,
            persona_emoji=row.persona_emoji, daily_budget=row.daily_budget,
            quiet_start_hour=row.quiet_start_hour, quiet_end_hour=row.quiet_end_hour,
        )

    def save(self, staff_id: int, settings: StaffSettings) -> None:
        self._update(staff_id, language=settings.language, persona_name=settings.persona_name,
                     persona_tone=settings.persona_tone, persona_emoji=settings.persona_emoji,
                     daily_budget=settings.daily_budget, quiet_start_hour=settings.quiet_start_hour,
                     quiet_end_hour=settings.quiet_end_hour)

    def bind_telegram(self, staff_id: int, telegram_user_id: int) -> None:
        self._update(staff_id, telegram_user_id=telegram_user_id)

    def _update(self, staff_id: int, **values: object) -> None:
        self._s.execute(update(StaffRow).where(StaffRow.id == staff_id).values(**values)
                        .execution_options(synchronize_session=False))
        self._s.expire_all()  # later reads in this unit of work see the new values
