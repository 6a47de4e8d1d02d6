"""One root error class; the edges (CLI, bot error handler, API exception handlers) catch it."""
from __future__ import annotations


class GuideCopilotError(Exception):
    """Root of every error this app raises on purpose. `user_message` is safe to show."""

    code = "error"

    def __init__(self, message: str, *, user_message: str | None = None) -> None:
        super().__init__(message)
        self.user_message = user_message or message


class ConfigError(GuideCopilotError):
    code = "config"


class NotFound(GuideCopilotError):
    code = "not_found"


class NotAllowed(GuideCopilotError):
    code = "not_allowed"


class InvalidInput(GuideCopilotError):
    code = "invalid_input"


class Conflict(GuideCopilotError):
    code = "conflict"


class OptedOut(GuideCopilotError):
    """Outreach to a customer who revoked consent: enforced in the copilot, not only in the bot."""

    code = "opted_out"


class ExternalServiceError(GuideCopilotError):
    """A network edge (LLM, Telegram, Chroma server) failed; callers fall back where they can."""

    code = "external"


class Unavailable(GuideCopilotError):
    """A dependency is busy or unreachable for the moment (the database locked, a lock timeout, the
    connection lost). Nothing was changed; the same request a little later should succeed."""

    code = "unavailable"

    def __init__(self, message: str, *, retry_after: float = 2.0, user_message: str | None = None) -> None:
        super().__init__(message, user_message=user_message or "Busy right now: please try again in a moment.")
        self.retry_after = retry_after
