"""Drafting: outreach copy from templates or an LLM, always checked by guardrails."""
from copilot.drafting.errors import DraftingError, LLMFailure, MalformedAnswer
from copilot.drafting.facts import build_request, draft_language
from copilot.drafting.guardrails import GuardContext, Guardrails, GuardResult
from copilot.drafting.llm import LLMWriter
from copilot.drafting.models import (
    Adjust,
    Answer,
    CustomerFacts,
    Draft,
    DraftEvent,
    DraftKind,
    DraftRequest,
    ProductFact,
    Written,
)
from copilot.drafting.names import CatalogueIndex
from copilot.drafting.offline import OfflineWriter
from copilot.drafting.service import Drafter
from copilot.drafting.writer import Writer

__all__ = [
    "Adjust",
    "Answer",
    "CatalogueIndex",
    "CustomerFacts",
    "Draft",
    "DraftEvent",
    "DraftKind",
    "DraftRequest",
    "Drafter",
    "DraftingError",
    "GuardContext",
    "GuardResult",
    "Guardrails",
    "LLMFailure",
    "LLMWriter",
    "MalformedAnswer",
    "OfflineWriter",
    "ProductFact",
    "Writer",
    "Written",
    "build_request",
    "draft_language",
]
