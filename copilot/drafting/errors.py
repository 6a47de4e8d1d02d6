"""Drafting errors. LLM failures are caught by the Drafter, which falls back to the offline writer."""
from __future__ import annotations

from core.errors import ExternalServiceError, GuideCopilotError


class DraftingError(GuideCopilotError):
    code = "drafting"


class LLMFailure(ExternalServiceError):
    """The LLM timed out, answered with an HTTP error, or answered something unusable."""


class MalformedAnswer(LLMFailure):
    pass
