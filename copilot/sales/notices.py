"""The message a guide gets when a sale is credited to them, in their language."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.ports import LedgerEntry, Notifier, UnitOfWork
from copilot.sales.ledger import Settlement

SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "HKD": "HK$", "GBP": "£", "JPY": "¥"}


@dataclass(frozen=True, slots=True)
class Notice:
    staff_id: int
    text: str


def money(amount: Decimal, currency: str = "CNY") -> str:
    """¥1,280 for whole amounts, ¥38.40 otherwise: what people write, never a float."""
    symbol = SYMBOLS.get(currency, currency + " ")
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{symbol}{text}"


def sale_text(customer: str, amount: Decimal, earned: Decimal, campaign: str | None, *,
              language: str, currency: str = "CNY") -> str:
    paid, plus = money(amount, currency), money(earned, currency)
    if language == "zh":
        return f"{customer} 购买了 {paid} — 提成 +{plus}" + (f"（{campaign}）" if campaign else "")
    return f"{customer} bought {paid} — +{plus} commission" + (f" ({campaign})" if campaign else "")


def sale_notice(entry: LedgerEntry, customer: str, campaign: str | None, language: str,
                currency: str = "CNY") -> Notice:
    """The notice for one newly credited sale, to the guide credited with it."""
    text = sale_text(customer, entry.base_amount, entry.commission, campaign, language=language, currency=currency)
    return Notice(entry.guide_id, text)


def sale_notices(uow: UnitOfWork, settlements: Sequence[Settlement], currency: str = "CNY") -> list[Notice]:
    """Notices for the sales newly credited (a replay or re-import tells nobody twice)."""
    fresh = [s for s in settlements if s.new and s.entry is not None]
    campaigns = uow.sales.campaign_names([s.entry.campaign_id for s in fresh if s.entry.campaign_id])
    notices = []
    for s in fresh:
        guide, customer = uow.staff.get(s.entry.guide_id), uow.customers.get(s.order.customer_id)
        notices.append(sale_notice(s.entry, customer.name if customer else s.order.external_id,
                                   campaigns.get(s.entry.campaign_id), guide.language if guide else "zh", currency))
    return notices


def send(notifier: Notifier | None, notices: Sequence[Notice]) -> None:
    """Call after commit: a rolled-back sale must not have been announced."""
    for notice in notices if notifier else ():
        notifier.notify_staff(notice.staff_id, notice.text)
