"""The customer card: tier, last order and spend, what is due, tags, last contact and its outcome,
consent; and what the guide does from it (products, history, snooze, not interested, contacted).
The Draft button is handled in bot/features/draft.py."""
from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards
from bot.callbacks import CardAction as A
from bot.callbacks import CardCb
from bot.features.formatting import clock_time, day, money, tier
from bot.filters import KindIs
from bot.sending import show
from bot.texts import Texts
from copilot.contacts.outreach import Channel
from copilot.database import Database
from copilot.guide.actions import NOT_INTERESTED_DAYS, AlreadyContacted
from copilot.guide.card import Card
from copilot.guide.service import GuideService
from copilot.staff import Identity, Kind
from core.settings import Settings


def router() -> Router:
    r = Router(name="card")
    r.callback_query.filter(KindIs(Kind.STAFF))
    r.callback_query.register(open_card, CardCb.filter(F.a == A.OPEN))
    r.callback_query.register(products, CardCb.filter(F.a == A.PRODUCTS))
    r.callback_query.register(orders, CardCb.filter(F.a == A.HISTORY))
    r.callback_query.register(put_aside, CardCb.filter(F.a.in_({A.SNOOZE_DAY, A.SNOOZE_WEEK,
                                                                 A.NOT_INTERESTED_CONFIRMED})))
    r.callback_query.register(ask_not_interested, CardCb.filter(F.a == A.NOT_INTERESTED))
    r.callback_query.register(undo, CardCb.filter(F.a == A.UNDO))
    r.callback_query.register(contacted, CardCb.filter(F.a == A.CONTACTED))
    return r


async def open_card(callback: CallbackQuery, callback_data: CardCb, identity: Identity, t: Texts, settings: Settings,
                    db: Database, guide: GuideService) -> None:
    await _show_card(callback, callback_data, identity, t, settings, db, guide)


async def _show_card(callback, origin: CardCb, identity, t, settings, db: Database, guide: GuideService,
                     note: str = "") -> None:
    found = await db.read(guide.card, identity.staff, origin.c)
    text = render(t, found, settings.timezone)
    await show(callback, f"{note}\n\n{text}" if note else text,
               keyboards.card(t, identity.staff.id, origin, put_aside=found.put_aside is not None))


def render(t: Texts, c: Card, timezone: str) -> str:
    lines = [t("card.title", name=c.customer.name, tier=tier(t, c.tier))]
    if c.orders:
        lines.append(t("card.orders", n=c.orders, spend=money(c.total_spend)))
        lines.append(t("card.last_order", date=day(c.last_order_at, timezone), amount=money(c.last_order_total),
                       items=", ".join(c.last_items)))
    else:
        lines.append(t("card.no_orders"))
    if c.due:
        lines.append(t("card.due", items=", ".join(t("card.due_item", name=n, days=d) for n, d in c.due)))
    if c.customer.tags:
        lines.append(t("card.tags", tags=", ".join(c.customer.tags)))
    if c.last_contact:
        lc = c.last_contact
        lines.append(t("card.last_contact", date=day(lc.at, timezone), channel=t(f"channel.{lc.channel}"),
                       outcome=t(f"outcome.{lc.outcome}")))
    else:
        lines.append(t("card.never_contacted"))
    started = "bot.started" if c.customer.telegram_user_id else "bot.not_started"
    lines.append(t("card.consent", consent=t(f"consent.{c.customer.consent.value}"), bot=t(started)))
    if c.put_aside:
        kind, until = c.put_aside
        lines.append(t("card.put_aside", kind=t(f"aside.{kind}"), date=day(until, timezone)))
    return "\n".join(lines)


async def products(callback: CallbackQuery, callback_data: CardCb, identity: Identity, t: Texts, db: Database,
                   guide: GuideService) -> None:
    customer, picks = await db.read(guide.products, identity.staff, callback_data.c)
    lines = [t("card.products_title", name=customer.name)]
    lines += [t("card.product_line", name=p.product.name_in(t.language), price=money(p.product.price),
                reason=p.reason) for p in picks] or [t("card.no_products")]
    await show(callback, "\n".join(lines), keyboards.back_to_card(t, callback_data))


async def orders(callback: CallbackQuery, callback_data: CardCb, identity: Identity, t: Texts, settings: Settings,
                 db: Database, guide: GuideService) -> None:
    customer, latest = await db.read(guide.history, identity.staff, callback_data.c)
    catalogue = guide.catalogue
    lines = [t("card.history_title", name=customer.name, n=len(latest))]
    for o in latest:
        items = ", ".join(catalogue[line.sku].name_in(t.language) if line.sku in catalogue else line.sku
                          for line in o.lines)
        lines.append(t("card.history_line", date=day(o.ordered_at, settings.timezone), amount=money(o.total),
                       items=items))
    await show(callback, "\n".join(lines), keyboards.back_to_card(t, callback_data))


async def put_aside(callback: CallbackQuery, callback_data: CardCb, identity: Identity, t: Texts, settings: Settings,
                    db: Database, guide: GuideService, callback_answer: CallbackAnswer) -> None:
    staff, action = identity.staff, callback_data.a
    if action is A.NOT_INTERESTED_CONFIRMED:
        until = await db.write(guide.not_interested, staff, callback_data.c)
        key = "card.not_interested"
    else:
        until = await db.write(guide.snooze, staff, callback_data.c, 1 if action is A.SNOOZE_DAY else 7)
        key = "card.snoozed"
    callback_answer.text = t(key, date=day(until, settings.timezone))
    await _show_card(callback, callback_data, identity, t, settings, db, guide, note=callback_answer.text)


async def ask_not_interested(callback: CallbackQuery, callback_data: CardCb, identity: Identity, t: Texts,
                             db: Database, guide: GuideService) -> None:
    """A season off /today is a big step: say what it does and how to undo it, then ask."""
    customer = await db.read(guide.customer, identity.staff, callback_data.c)
    await show(callback, t("card.confirm_not_interested", name=customer.name, days=NOT_INTERESTED_DAYS),
               keyboards.confirm_not_interested(t, callback_data))


async def undo(callback: CallbackQuery, callback_data: CardCb, identity: Identity, t: Texts, settings: Settings,
               db: Database, guide: GuideService, callback_answer: CallbackAnswer) -> None:
    lifted = await db.write(guide.lift_put_aside, identity.staff, callback_data.c)
    customer = await db.read(guide.customer, identity.staff, callback_data.c)
    callback_answer.text = t("card.undone" if lifted else "card.nothing_to_undo", name=customer.name)
    await _show_card(callback, callback_data, identity, t, settings, db, guide, note=callback_answer.text)


async def contacted(callback: CallbackQuery, callback_data: CardCb, identity: Identity, t: Texts, settings: Settings,
                    db: Database, guide: GuideService, callback_answer: CallbackAnswer) -> None:
    try:
        await db.write(guide.record_contact, identity.staff, callback_data.c, channel=Channel.MANUAL)
        callback_answer.text = t("card.contacted")
    except AlreadyContacted as first:  # e.g. "Mark sent" on the draft, then "Mark contacted" here
        callback_answer.text = already_contacted(t, first, settings.timezone)
    await _show_card(callback, callback_data, identity, t, settings, db, guide, note=callback_answer.text)


def already_contacted(t: Texts, first: AlreadyContacted, timezone: str) -> str:
    return t("card.already_contacted", time=clock_time(first.at, timezone), channel=t(f"channel.{first.channel}"))
