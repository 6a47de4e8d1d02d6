"""The current draft per customer, kept in the guide's FSM data (memory, or Redis across replicas)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from aiogram.fsm.context import FSMContext

from core.errors import NotFound

KEEP = 20  # drafts kept per guide: older ones are dropped, so the FSM data stays small


class DraftExpired(NotFound):
    code = "draft_expired"


@dataclass
class Saved:
    text: str = ""
    products: list[list[str]] = field(default_factory=list)  # [sku, reason]
    variant: int = 0
    adjust: str = ""
    fell_back: bool = False  # an LLM is configured but the offline writer wrote this one
    task_id: int | None = None  # a care task's prepared draft: sending or marking it completes the task


async def load(state: FSMContext, customer_id: int, *, required: bool = False) -> Saved | None:
    raw = (await state.get_data()).get("drafts", {}).get(str(customer_id))
    if raw is None and required:
        raise DraftExpired(f"no draft for customer {customer_id} in this chat")
    return Saved(**raw) if raw is not None else None


async def save(state: FSMContext, customer_id: int, saved: Saved) -> None:
    drafts = dict((await state.get_data()).get("drafts", {}))
    drafts.pop(str(customer_id), None)
    drafts[str(customer_id)] = asdict(saved)  # newest last: dicts keep insertion order
    while len(drafts) > KEEP:
        drafts.pop(next(iter(drafts)))
    await state.update_data(drafts=drafts)
