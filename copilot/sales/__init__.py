"""Orders, attribution and the commission ledger. See attribution.py and commissions.py for the rules."""
from copilot.sales.attribution import Attribution, attribute
from copilot.sales.ledger import Settlement, close_month
from copilot.sales.notices import Notice, sale_notices, send
from copilot.sales.orders import Booking, Receipt, book_order, receive_order
from copilot.sales.policy import SalesPolicy
from copilot.sales.refunds import book_refund, receive_refund
from copilot.sales.reports import (
    Earnings, earnings, ledger_for_manager, ledger_rows, month_to_date_sales, write_ledger_csv,
)
from copilot.sales.schemas import OrderIn, RefundIn, parse
from copilot.sales.settlement import adjust_orders, settle_orders

__all__ = [
    "Attribution", "Booking", "Earnings", "Notice", "OrderIn", "Receipt", "RefundIn", "SalesPolicy", "Settlement",
    "adjust_orders", "attribute", "book_order", "book_refund", "close_month", "earnings", "ledger_for_manager",
    "ledger_rows", "month_to_date_sales", "parse", "receive_order", "receive_refund", "sale_notices", "send", "settle_orders",
    "write_ledger_csv",
]
