"""Customers in the conversation: the guide's personal link, consent, the relay between customer and
guide, opt-out, and suggested replies. Plain functions over the unit of work; the bot stays thin."""
from copilot.customers.consent import BindRequest, bind, opt_in, opt_out, share_phone
from copilot.customers.stop_words import is_opt_out
from copilot.customers.links import guide_for_link, link_code, link_payload, personal_link
from copilot.customers.relay import (
    Inbound, NotBound, customer_says, guide_opens_list, guide_says, guide_sends_list, list_sent, writable,
)
from copilot.customers.suggestions import reply_request, suggest_replies, suggestions_for

__all__ = [
    "BindRequest", "Inbound", "NotBound", "bind", "customer_says", "guide_for_link",
    "guide_opens_list", "guide_says", "guide_sends_list", "is_opt_out", "link_code", "link_payload", "list_sent",
    "opt_in", "opt_out", "personal_link", "reply_request", "share_phone", "suggest_replies", "suggestions_for",
    "writable",
]
