"""A care task as the guide works it: the prepared draft, its products by name and price, the
customer's product list with exactly those products, and whether the bot can send it for them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from copilot.access import can_message
from copilot.campaigns.messages import title
from copilot.campaigns.tasks import open_task
from copilot.customers.product_page import open_list
from copilot.drafting.selling import SellingContext
from core.domain import Consent, Customer, Product, Staff
from core.ports import CareTask, UnitOfWork


@dataclass(frozen=True, slots=True)
class TaskCard:
    task: CareTask
    customer: Customer
    campaign: str  # as the guide reads it
    products: tuple[Product, ...]  # the task's products still on sale
    list_token: str | None  # the customer's page of these products; None once they opted out

    @property
    def can_send(self) -> bool:
        return can_message(self.customer)


def task_card(uow: UnitOfWork, staff: Staff, task_id: int, now: datetime, selling: SellingContext) -> TaskCard:
    """Opening counts as starting the task (copilot.campaigns.open_task); NotAllowed for another's."""
    task = open_task(uow, staff, task_id)
    customer = uow.customers.get(task.customer_id)
    campaign = uow.campaigns.get(task.campaign_id) if task.campaign_id else None
    products = tuple(p for sku in task.products if (p := selling.catalogue.get(sku)) is not None and p.active)
    token = None
    if customer.consent is not Consent.REVOKED and products:
        token = open_list(uow, customer, now, selling, guide=staff, skus=tuple(p.sku for p in products)).token
    name = title(campaign.name, campaign.rule, staff.language) if campaign else ""
    return TaskCard(task, customer, name, products, token)
