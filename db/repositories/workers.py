"""Heartbeats of background workers, one row per worker (upserted on every beat)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.ports import WorkerBeat
from db.repositories.sales_sql import is_postgres
from db.tables_ops import WorkerRow


class SqlWorkerRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def beat(self, name: str, now: datetime, *, started_at: datetime, failures: int,
             error: str | None = None) -> None:
        values = dict(beat_at=now, failures=failures)
        if error is not None:
            values.update(last_error=error[:500], last_error_at=now)
        dialect = postgresql if is_postgres(self._s) else sqlite
        statement = dialect.insert(WorkerRow).values({"name": name, "started_at": started_at, "last_error": "",
                                                      **values})
        self._s.execute(statement.on_conflict_do_update(index_elements=["name"], set_=values))

    def beats(self, prefix: str = "") -> list[WorkerBeat]:
        query = select(WorkerRow.name, WorkerRow.started_at, WorkerRow.beat_at, WorkerRow.failures,
                       WorkerRow.last_error, WorkerRow.last_error_at).order_by(WorkerRow.beat_at.desc())
        if prefix:
            query = query.where(WorkerRow.name.startswith(prefix, autoescape=True))
        return [WorkerBeat(*row) for row in self._s.execute(query)]
