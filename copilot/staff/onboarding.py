"""Onboarding staff into the bot with one-time invite codes.

A code is `s_` + 128 random bits (url-safe, valid as a Telegram deep-link payload); the `s_` keeps
staff codes apart from customer links (`c_...`). Only its SHA-256 is stored, so a database dump
holds no live invites.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from core.domain import Role, Staff
from core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from core.ports import StaffInvite, UnitOfWork

INVITE_TTL = timedelta(days=7)
STAFF_PREFIX = "s_"
CUSTOMER_PREFIX = "c_"


class InviteError(InvalidInput):
    """A code that cannot be redeemed; subclasses say why (each has its own user text)."""


class InviteUnknown(InviteError):
    code = "invite_unknown"


class InviteUsed(InviteError):
    code = "invite_used"


class InviteExpired(InviteError):
    code = "invite_expired"


class TelegramAccountTaken(Conflict):
    code = "telegram_taken"


def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def create_invite(uow: UnitOfWork, staff_external_id: str, now: datetime, *,
                  bot_username: str) -> tuple[str, str]:
    """Make a one-time code for a staff member; returns (code, deep link). The caller commits."""
    staff = uow.staff.get_by_external(staff_external_id)
    if staff is None or not staff.active:
        raise NotFound(f"No active staff member {staff_external_id!r}",
                       user_message=f"No active staff member {staff_external_id}")
    code = STAFF_PREFIX + secrets.token_urlsafe(16)
    uow.invites.add(StaffInvite(code_hash=_hash(code), staff_id=staff.id, expires_at=now + INVITE_TTL))
    return code, deep_link(bot_username, code)


def invite_as(uow: UnitOfWork, actor: Staff, staff_external_id: str, now: datetime, *,
              bot_username: str) -> tuple[Staff, str, str]:
    """`create_invite` on behalf of someone in the bot: managers invite their own store's staff.
    Returns (invited staff, code, deep link)."""
    target = uow.staff.get_by_external(staff_external_id)
    if not may_invite(actor, target):
        raise NotAllowed(f"staff {actor.external_id} may not invite {staff_external_id!r}")
    code, link = create_invite(uow, staff_external_id, now, bot_username=bot_username)
    return target, code, link


def may_invite(actor: Staff, target: Staff | None) -> bool:
    # An unknown target is "not allowed" too, so a guide cannot probe which staff ids exist.
    if target is None or actor.role is Role.GUIDE:
        return False
    if actor.role is Role.ADMIN:
        return True
    if target.role is Role.ADMIN:
        return False
    return actor.store_id is None or actor.store_id == target.store_id


def redeem_invite(uow: UnitOfWork, code: str, telegram_user_id: int, now: datetime) -> Staff:
    """Bind the Telegram account to the invited staff member. The caller commits."""
    invite = uow.invites.get(_hash(code))
    staff = uow.staff.get(invite.staff_id) if invite else None
    if invite is None or staff is None or not staff.active:
        raise InviteUnknown("unknown invite code")
    if invite.used_at is not None:
        raise InviteUsed("invite code already used")
    if invite.expires_at <= now:
        raise InviteExpired("invite code expired")
    holder = uow.staff.get_by_telegram(telegram_user_id)
    if holder is not None and holder.id != staff.id:
        raise TelegramAccountTaken(f"telegram user already bound to staff {holder.external_id}")
    if not uow.invites.mark_used(invite.code_hash, now):
        raise InviteUsed("invite code already used")
    uow.staff_settings.bind_telegram(staff.id, telegram_user_id)
    return uow.staff.get(staff.id)


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
