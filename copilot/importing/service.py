"""The import run: stream, validate every row, write in batches inside one transaction.

Default is all-or-nothing: after the first invalid row nothing more is written, every row is still
checked so the report is complete, and the transaction is rolled back. With skip_invalid the valid
rows are committed and the rejected ones go to a CSV file with their reasons. Orders in the file
replace their stored lines (see orders.py), and the ledger follows in the same transaction.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo
from pathlib import Path

from pydantic import ValidationError

from core.errors import InvalidInput
from core.spreadsheet import SafeWriter
from core.ports import Clock, UnitOfWorkFactory, UpsertResult
from copilot.importing import kinds
from copilot.importing.content_files import folder_rows
from copilot.importing.fast_rows import FastOrderLines
from copilot.importing.orders import OrdersHandler
from copilot.importing.readers import PROBLEM, RowSource, open_rows
from copilot.importing.schemas import ALIASES, SCHEMAS

HANDLERS = {"stores": kinds.StoresHandler, "staff": kinds.StaffHandler, "customers": kinds.CustomersHandler,
            "products": kinds.ProductsHandler, "orders": OrdersHandler, "content": kinds.ContentHandler,
            "commission_rules": kinds.CommissionRulesHandler}
KINDS = tuple(HANDLERS)
_KEPT_PROBLEMS = 1000  # shown in the report; all of them go to the rejects file


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class ImportReport:
    kind: str
    path: Path
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    committed: bool = False
    deleted: int = 0  # stored order lines the file no longer has
    settled: int = 0  # orders whose commission was posted
    adjusted: int = 0  # settled orders whose changed amount got an adjusting ledger entry
    rejects_path: Path | None = None

    @property
    def ok(self) -> bool:
        return self.committed


class Importer:
    def __init__(self, uow_factory: UnitOfWorkFactory, *, timezone: str = "UTC", language: str = "zh",
                 batch_size: int = 5000, clock: Clock | None = None) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._timezone = timezone
        self._context = {"timezone": timezone}
        self._language = language
        self._batch_size = batch_size
        self._fast = {"orders": FastOrderLines(timezone)}  # plain rows skip pydantic (see fast_rows.py)

    def run(self, kind: str, path: Path, *, skip_invalid: bool = False, rejects_path: Path | None = None,
            progress: Callable[[int, int | None], None] | None = None) -> ImportReport:
        if kind not in HANDLERS:
            raise InvalidInput(f"unknown import kind {kind!r}; choose one of {', '.join(KINDS)}")
        source = folder_rows(path) if kind == "content" and path.is_dir() else open_rows(path, ALIASES[kind])
        self._check_header(kind, source)
        report = ImportReport(kind, path)
        rejects = _RejectsFile(rejects_path or path.with_name(path.name + ".rejected.csv")) if skip_invalid else None
        handler = HANDLERS[kind](language=self._language)
        with self._uow_factory() as uow:
            handler.prepare(uow)
            batch: list = []
            for line, raw in source.rows:
                report.rows += 1
                item, problems = self._validate(kind, handler, line, raw)
                if problems:
                    self._reject(report, problems, rejects)
                    handler.reject(raw)
                elif skip_invalid or not report.rejected:
                    batch.append(item)
                if len(batch) >= self._batch_size:
                    self._flush(uow, handler, batch, report)
                if progress and report.rows % 1000 == 0:
                    progress(report.rows, source.total)
            self._flush(uow, handler, batch, report)
            if progress:
                progress(report.rows, source.total)
            if rejects:
                report.rejects_path = rejects.close()
            if report.rejected and not skip_invalid:
                uow.rollback()
                report.inserted = report.updated = report.unchanged = 0
                return report
            report.deleted = handler.finish(uow)
            if kind == "orders":
                uow.bulk.refresh_derived(sorted(handler.written))
                self._settle(uow, report, sorted(handler.reimported))
            uow.commit()
            report.committed = True
        return report

    def _settle(self, uow, report: ImportReport, reimported: list[int]) -> None:
        """Post commissions for imported orders from the start of last month on, exactly as the
        webhook would. Older rows are sales history: importing two years of orders at go-live must
        not mint two years of commissions. An order already credited whose amount the file changed
        gets an adjusting entry, however old: the guide was credited on the wrong amount."""
        if self._clock is None:
            return
        from copilot.sales import adjust_orders, settle_orders

        now = self._clock.now()
        local = now.astimezone(ZoneInfo(self._timezone))
        first = (local.replace(day=1) - timedelta(days=1)).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        settled = settle_orders(uow, uow.sales.unsettled_order_ids(first), now, timezone=self._timezone)
        # Only what changed the ledger: an order nobody is credited with stays "unsettled" and is
        # looked at again on every import, which must not be announced as commission posted.
        report.settled = sum(1 for s in settled if s.new and s.entry is not None)
        drifted = uow.sales.drifted_order_ids(reimported)
        report.adjusted = len(adjust_orders(uow, drifted, now, timezone=self._timezone))

    def _validate(self, kind, handler, line, raw) -> tuple[object | None, list[RowProblem]]:
        if PROBLEM in raw:
            return None, [RowProblem(line, *raw[PROBLEM])]
        fast = self._fast.get(kind)
        item = fast.parse(raw) if fast else None
        if item is None:
            try:
                item = SCHEMAS[kind].model_validate(raw, context=self._context)
            except ValidationError as exc:
                return None, [_problem(line, raw, err) for err in exc.errors()]
        return item, [RowProblem(line, c, v, r) for c, v, r in handler.check(item, line)]

    def _reject(self, report: ImportReport, problems: list[RowProblem], rejects) -> None:
        report.rejected += 1
        if len(report.problems) < _KEPT_PROBLEMS:
            report.problems.extend(problems)
        if rejects:
            rejects.write(problems)

    def _flush(self, uow, handler, batch: list, report: ImportReport) -> None:
        if batch:
            result: UpsertResult = handler.write(uow, batch)
            report.inserted += result.inserted
            report.updated += result.updated
            report.unchanged += result.unchanged
            batch.clear()

    def _check_header(self, kind: str, source: RowSource) -> None:
        required = [name for name, f in SCHEMAS[kind].model_fields.items() if f.is_required()]
        missing = [c for c in required if c not in source.header]
        if missing:
            raise InvalidInput(
                f"{source.path}: missing required column(s) {', '.join(missing)}; "
                f"found {', '.join(h for h in source.header if h) or 'none'}"
            )


def _problem(line: int, raw: dict, err: dict) -> RowProblem:
    column = str(err["loc"][0]) if err["loc"] else "-"
    value = raw.get(column, "")
    reason = "required value is missing" if err["type"] == "missing" else err["msg"].removeprefix("Value error, ")
    return RowProblem(line, column, str(value)[:80], reason)


class _RejectsFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = path.open("w", newline="", encoding="utf-8")
        self._writer = SafeWriter(self._handle)  # the rejected values are whatever the file held
        self._writer.writerow(["row", "column", "value", "reason"])

    def write(self, problems: list[RowProblem]) -> None:
        self._writer.writerows((p.row, p.column, p.value, p.reason) for p in problems)

    def close(self) -> Path:
        self._handle.close()
        return self.path
