"""A care task as a draft card: the campaign, the prepared message, its products by name and price,
the customer's product list, and Copy, Edit, Send (when the customer started the bot), Mark sent and
the outcomes. Send, Edit and Mark sent are the draft screen's own buttons (bot/features/draft.py):
the task's draft is kept like any draft, with its task id, so sending or marking it completes the
task. There is no Regenerate: the message is the manager's copy variant, which the A/B test measures.
"""
from __future__ import annotations

from aiogram.types import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import DraftAction as DA
from bot.callbacks import DraftCb
from bot.callbacks_managers import OUTCOME_NAMES, Outcome, TaskAction, TaskCb
from bot.customer_ui import list_button
from bot.features.customer_screens import list_url
from bot.features.draft_screen import screen
from bot.features.draft_state import Saved
from bot.keyboards import COPY_TEXT_LIMIT
from bot.texts import Texts
from copilot.campaigns.messages import due_text
from copilot.campaigns.task_card import TaskCard
from copilot.guide.service import GuideService
from core.settings import Settings

# What can still be said about a task after its message went out: a later step of the conversation.
FOLLOW_UPS = (Outcome.REPLIED, Outcome.BOUGHT)
BEFORE = (Outcome.REPLIED, Outcome.BOUGHT, Outcome.NOT_INTERESTED, Outcome.UNREACHABLE)


def saved_draft(card: TaskCard) -> Saved:
    return Saved(card.task.draft, [[p.sku, ""] for p in card.products], task_id=card.task.id)


def header(t: Texts, card: TaskCard, due: str) -> str:
    return t("mg.task.header", campaign=card.campaign, due=due)


def list_line(t: Texts, url: str | None) -> str:
    return t("mg.task.list", url=url) if url else ""


def keyboard(t: Texts, owner: int, card: TaskCard, saved: Saved, list_url: str | None, *,
             done: bool = False) -> InlineKeyboardMarkup:
    customer, task = card.customer.id, card.task

    def draft_button(key: str, action: DA) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=t(key), callback_data=DraftCb(u=owner, c=customer, a=action).pack())

    def outcome(code: Outcome) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=t(f"mg.outcome.{OUTCOME_NAMES[code]}"),
                                    callback_data=TaskCb(u=owner, a=TaskAction.OUTCOME, i=task.id, o=code).pack())

    copy = (InlineKeyboardButton(text=t("btn.copy"), copy_text=CopyTextButton(text=saved.text))
            if 0 < len(saved.text) <= COPY_TEXT_LIMIT else draft_button("btn.copy", DA.COPY))
    rows = [[copy, draft_button("btn.send", DA.SEND)] if card.can_send and not done else [copy]]
    if not done:
        rows.append([draft_button("btn.edit", DA.EDIT), draft_button("btn.mark_sent", DA.MARK_SENT)])
    if list_url:
        rows.append([list_button(t, list_url, key="mg.btn.list")])
    choices = FOLLOW_UPS if done else BEFORE
    rows += [[outcome(code) for code in choices[k : k + 2]] for k in range(0, len(choices), 2)]
    back = TaskCb(u=owner, a=TaskAction.CAMPAIGN, i=task.campaign_id or 0).pack()
    rows.append([InlineKeyboardButton(text=t("btn.back"), callback_data=back)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def task_view(t: Texts, card: TaskCard, saved: Saved, guide: GuideService, settings: Settings, *,
              status: str = "", done: bool = False) -> tuple[str, InlineKeyboardMarkup]:
    """The task's screen: the campaign, then the draft screen every draft has, then the list link."""
    url = list_url(settings, card.list_token) if card.list_token else None
    due = due_text(card.task.due_at.astimezone(settings.tz).date() if card.task.due_at else None, t.language)
    parts = [header(t, card, due), screen(t, card.customer.name, saved, guide),
             list_line(t, url), status]
    markup = keyboard(t, card.task.guide_id or 0, card, saved, url, done=done)
    return "\n\n".join(part for part in parts if part), markup
