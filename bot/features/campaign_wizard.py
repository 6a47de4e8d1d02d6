"""The manager's campaign wizard: segment → count and split per guide → kind → brief (typed, or
content from the knowledge base) → variants → holdout → due date → confirm. FSM data holds the
answers; every step re-checks that the user is a manager."""
from __future__ import annotations

from datetime import timedelta

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks_managers import WizardAction as A, WizardCb
from bot.filters import KindIs
from bot.sending import reply, show
from bot.texts import Texts
from copilot.campaigns import ALL, TASK_KINDS, CampaignService, CampaignSpec
from copilot.campaigns.briefs import brief_choices
from copilot.access import require_manager
from copilot.contacts.service import SEGMENTS
from copilot.staff import Identity, Kind
from core.errors import InvalidInput
from copilot.database import Database
from copilot.drafting.selling import SellingContext
from core.ports import Clock, UnitOfWork

CHOICES = (ALL, *SEGMENTS)
VARIANTS, HOLDOUTS, DUE_DAYS = (1, 2, 3), (0, 10, 20), (3, 7, 14)


class Wizard(StatesGroup):
    brief = State()


def router() -> Router:
    r = Router(name="campaign_wizard")
    r.message.filter(KindIs(Kind.STAFF))
    r.callback_query.filter(KindIs(Kind.STAFF))
    r.message.register(start, Command("newcampaign"))
    r.message.register(typed_brief, StateFilter(Wizard.brief), F.text, ~F.text.startswith("/"))
    r.callback_query.register(pressed, WizardCb.filter())
    return r


def _kb(owner: int, action: A, options: list[tuple[str, int]], t: Texts, per_row: int = 2) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(text=label, callback_data=WizardCb(u=owner, a=action, v=v).pack())
               for label, v in options]
    rows = [buttons[k : k + per_row] for k in range(0, len(buttons), per_row)]
    rows.append([InlineKeyboardButton(text=t("mg.btn.cancel"), callback_data=WizardCb(u=owner, a=A.CANCEL).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _segments(owner: int, t: Texts) -> InlineKeyboardMarkup:
    return _kb(owner, A.SEGMENT, [(t(f"seg.{name}"), k) for k, name in enumerate(CHOICES)], t)


def _kinds(owner: int, t: Texts) -> InlineKeyboardMarkup:
    return _kb(owner, A.KIND, [(t(f"kind.{kind}"), i) for i, kind in enumerate(TASK_KINDS)], t)


async def start(message: Message, identity: Identity, state: FSMContext, t: Texts) -> None:
    require_manager(identity.staff)
    await state.clear()
    await reply(message, t("mg.wizard.segment"), _segments(identity.staff.id, t))


def _spec(data: dict, created_by: int, today, t: Texts) -> CampaignSpec:
    segment, kind = CHOICES[data["segment"]], TASK_KINDS[data.get("kind", 0)]
    # The name guides and managers read: the brief's start, else segment and kind in the manager's words.
    name = (data.get("title") or data.get("brief", ""))[:40] or t(
        "mg.campaign_name", segment=t(f"seg.{segment}"), kind=t(f"kind.{kind}"))
    return CampaignSpec(name=name, segment=segment, kind=kind, brief=data.get("brief", ""),
                        due=today + timedelta(days=data.get("due", 7)), variants=data.get("variants", 1),
                        holdout=data.get("holdout", 0) / 100, created_by=created_by)


async def _split(db: Database, per_guide: dict[int, int]) -> str:
    names = await db.read(_names, list(per_guide))
    return "\n".join(f"• {names[g]}: {n}" for g, n in sorted(per_guide.items(), key=lambda kv: -kv[1])[:15])


def _names(uow: UnitOfWork, staff_ids: list[int]) -> dict[int, str]:
    return {i: uow.staff.get(i).name for i in staff_ids}


def _content(uow: UnitOfWork, content_id: int):
    return next((d for d in uow.content.list() if d.id == content_id), None)


def _excluded(t: Texts, excluded: dict[str, int]) -> str:
    items = [t("mg.excluded_item", reason=t(f"excl.{k}"), count=v) for k, v in excluded.items()]
    return ("，" if t.language == "zh" else ", ").join(items) or t("mg.none")


async def pressed(callback: CallbackQuery, callback_data: WizardCb, identity: Identity, state: FSMContext, t: Texts,
                  clock: Clock, db: Database, campaigns: CampaignService, selling: SellingContext) -> None:
    staff = require_manager(identity.staff)
    a, v, owner = callback_data.a, callback_data.v, staff.id
    data = await state.get_data()
    service = campaigns
    today = service.local_date(clock.now())
    if a is A.CANCEL:
        await state.clear()
        await show(callback, t("mg.wizard.cancelled"))
    elif a is A.SEGMENT and v < 0:
        await show(callback, t("mg.wizard.segment"), _segments(owner, t))
    elif a is A.SEGMENT:
        _check(v, CHOICES)
        await state.set_data({"segment": v})
        preview = await db.read(service.preview, _spec({"segment": v}, owner, today, t), clock.now())
        text = t("mg.wizard.count", segment=t(f"seg.{CHOICES[v]}"), count=f"{len(preview.customer_ids):,}",
                 split=await _split(db, preview.per_guide), excluded=_excluded(t, preview.excluded))
        await show(callback, text, _kinds(owner, t))
    elif a is A.KIND:
        _check(v, TASK_KINDS)
        await state.update_data(kind=v)
        await state.set_state(Wizard.brief)
        docs = await db.read(lambda uow: brief_choices(uow.content.list(), selling.knowledge,
                                                       segment=CHOICES[data.get("segment", 0)], kind=TASK_KINDS[v],
                                                       language=t.language))
        await show(callback, t("mg.wizard.brief"), _kb(owner, A.CONTENT, [(d.title[:30], d.id) for d in docs], t, 1))
    elif a is A.CONTENT:
        doc = await db.read(_content, v)
        if doc is None:
            raise InvalidInput(f"no content {v}")
        await state.update_data(brief=f"{doc.title}: {doc.body}"[:300], title=doc.title)
        await state.set_state(None)
        await show(callback, t("mg.wizard.variants"), _kb(owner, A.VARIANTS, [(str(n), n) for n in VARIANTS], t, 3))
    elif a is A.VARIANTS:
        _check_value(v, VARIANTS)
        await state.update_data(variants=v)
        await show(callback, t("mg.wizard.holdout"), _kb(owner, A.HOLDOUT, [(f"{n}%", n) for n in HOLDOUTS], t, 3))
    elif a is A.HOLDOUT:
        _check_value(v, HOLDOUTS)
        await state.update_data(holdout=v)
        options = [(t("mg.days", days=n, date=(today + timedelta(days=n)).isoformat()), n) for n in DUE_DAYS]
        await show(callback, t("mg.wizard.due"), _kb(owner, A.DUE, options, t, 1))
    elif a is A.DUE:
        _check_value(v, DUE_DAYS)
        data = await state.update_data(due=v)
        spec = _spec(data, owner, today, t)
        text = t("mg.wizard.confirm", segment=t(f"seg.{spec.segment}"), kind=t(f"kind.{spec.kind}"),
                 brief=spec.brief or t("mg.none"), variants=spec.variants,
                 holdout=data.get("holdout", 0), due=spec.due.isoformat())
        await show(callback, text, _kb(owner, A.CONFIRM, [(t("mg.btn.confirm"), 0)], t))
    elif a is A.CONFIRM:
        if "due" not in data:
            raise InvalidInput("the wizard was not finished")
        result = await db.write(service.create, _spec(data, owner, today, t), clock.now())
        await state.clear()
        await show(callback, t("mg.wizard.created", id=result.campaign_id, created=f"{result.created:,}",
                               holdout=f"{result.holdout:,}", split=await _split(db, result.per_guide),
                               excluded=_excluded(t, result.excluded)))


def _check(index: int, options) -> None:
    if not 0 <= index < len(options):
        raise InvalidInput(f"no choice {index}")


def _check_value(value: int, options) -> None:
    if value not in options:
        raise InvalidInput(f"no choice {value}")


async def typed_brief(message: Message, identity: Identity, state: FSMContext, t: Texts) -> None:
    require_manager(identity.staff)
    await state.update_data(brief=message.text.strip()[:500], title=None)
    await state.set_state(None)
    await reply(message, t("mg.wizard.variants"), _kb(identity.staff.id, A.VARIANTS, [(str(n), n) for n in VARIANTS], t, 3))
