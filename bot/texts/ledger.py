"""Texts of /ledger: a manager's monthly commission ledger as a CSV file."""
from __future__ import annotations

ZH = {
    "cmd.ledger": "导出本月佣金明细：/ledger 2026-11",
    "ledger.caption": "{month} 佣金明细：{count} 条",
    "ledger.empty": "{month} 没有佣金记录。",
    "ledger.bad_month": "月份格式应为 YYYY-MM，例如 /ledger 2026-11",
}
EN = {
    "cmd.ledger": "Export a month's commission ledger: /ledger 2026-11",
    "ledger.caption": "Commission ledger {month}: {count} entries",
    "ledger.empty": "No commission entries in {month}.",
    "ledger.bad_month": "The month must look like YYYY-MM, e.g. /ledger 2026-11",
}
