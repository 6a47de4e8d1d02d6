"""Staff invites: one-time onboarding codes, stored by hash."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from core.ports import StaffInvite
from db.tables_ops import StaffInviteRow


class SqlInviteRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, invite: StaffInvite) -> None:
        self._s.add(StaffInviteRow(code=invite.code_hash, staff_id=invite.staff_id,
                                   expires_at=invite.expires_at, used_at=invite.used_at))
        self._s.flush()

    def get(self, code_hash: str) -> StaffInvite | None:
        row = self._s.get(StaffInviteRow, code_hash)
        if row is None:
            return None
        return StaffInvite(code_hash=row.code, staff_id=row.staff_id,
                           expires_at=row.expires_at, used_at=row.used_at)

    def mark_used(self, code_hash: str, used_at: datetime) -> bool:
        # A conditional UPDATE, so two concurrent redeems of one code cannot both succeed.
        result = self._s.execute(
            update(StaffInviteRow)
            .where(StaffInviteRow.code == code_hash, StaffInviteRow.used_at.is_(None))
            .values(used_at=used_at)
            .execution_options(synchronize_session=False)
        )
        self._s.expire_all()
        return result.rowcount == 1
