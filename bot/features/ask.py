"""/ask: free questions about products and selling, answered from the knowledge base.

`/ask <question>` answers at once; `/ask` alone asks for the question and takes the next message.
"""
from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bot.filters import KindIs
from bot.sending import reply
from bot.texts import Texts
from copilot.drafting import Answer
from copilot.database import Database
from copilot.drafting.selling import SellingContext
from core.ports import Clock
from copilot.staff import Kind


class AskForm(StatesGroup):
    question = State()


def router() -> Router:
    r = Router(name="ask")
    r.message.filter(KindIs(Kind.STAFF))
    r.message.register(ask_command, Command("ask"))
    r.message.register(typed_question, StateFilter(AskForm.question), F.text, ~F.text.startswith("/"))
    return r


async def ask_command(message: Message, command: CommandObject, t: Texts, bot: Bot, state: FSMContext,
                      db: Database, clock: Clock, selling: SellingContext) -> None:
    if not (command.args or "").strip():
        await state.set_state(AskForm.question)
        await reply(message, t("ask.prompt"))
        return
    await _answer(message, command.args, t, bot, db, clock, selling)


async def typed_question(message: Message, t: Texts, bot: Bot, state: FSMContext, db: Database, clock: Clock,
                         selling: SellingContext) -> None:
    await state.set_state(None)  # keep the data: it holds the guide's drafts
    await _answer(message, message.text, t, bot, db, clock, selling)


async def _answer(message: Message, question: str, t: Texts, bot: Bot, db: Database, clock: Clock,
                  selling: SellingContext) -> None:
    if selling.knowledge is None:
        await reply(message, t("ask.unavailable"))
        return
    await bot.send_chat_action(message.chat.id, "typing")
    await db.read(selling.refresh, clock.now())  # the drafter and its catalogue, if they changed
    answer = await selling.drafter.answer_question(question.strip(), t.language, selling.knowledge)
    await reply(message, render(t, answer))


def render(t: Texts, answer: Answer) -> str:
    lines = [t("ask.answer", text=answer.text)]
    if answer.products:
        lines += ["", t("ask.products")] + [t("ask.product_line", name=name, sku=sku) for sku, name in answer.products]
    titles = [title for _, title in answer.sources if title and title not in answer.text]
    if titles:  # the offline answer names its sources itself
        lines += ["", t("ask.sources", titles=", ".join(titles))]
    return "\n".join(lines)
