"""Each guide's personal customer link: `https://t.me/<bot>?start=c_<code>`.

The code is 96 random bits, made once and stored, so it is stable (printed on a shelf card, it keeps
working) and cannot be derived from a staff id or another guide's link.
"""
from __future__ import annotations

import re
import secrets
from datetime import datetime

from copilot.staff.onboarding import CUSTOMER_PREFIX, deep_link
from core.domain import Staff
from core.errors import NotFound
from core.ports import UnitOfWork

_CODE = re.compile(r"^[A-Za-z0-9_-]{8,48}$")


def link_code(uow: UnitOfWork, staff: Staff, now: datetime) -> str:
    """The guide's code, made on first use. The caller commits."""
    code = uow.guide_links.code_for(staff.id)
    if code is None:
        # add() is False when a concurrent first call won: then theirs is the code, read below.
        uow.guide_links.add(staff.id, secrets.token_urlsafe(12), now)
        code = uow.guide_links.code_for(staff.id)
    return code


def link_payload(code: str) -> str:
    return CUSTOMER_PREFIX + code


def personal_link(uow: UnitOfWork, staff_external_id: str, now: datetime, *, bot_username: str) -> tuple[Staff, str]:
    """(staff, deep link) for `guide-copilot staff link STAFF_ID`."""
    staff = uow.staff.get_by_external(staff_external_id)
    if staff is None or not staff.active:
        raise NotFound(f"No active staff member {staff_external_id!r}",
                       user_message=f"No active staff member {staff_external_id}")
    return staff, deep_link(bot_username, link_payload(link_code(uow, staff, now)))


def guide_for_link(uow: UnitOfWork, payload: str) -> Staff | None:
    """The active guide behind a `/start c_<code>` payload, or None for anything else."""
    code = payload[len(CUSTOMER_PREFIX):] if payload.startswith(CUSTOMER_PREFIX) else ""
    if not _CODE.match(code):
        return None
    staff_id = uow.guide_links.staff_for(code)
    staff = uow.staff.get(staff_id) if staff_id is not None else None
    return staff if staff is not None and staff.active else None
