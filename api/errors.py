"""Our one error root, mapped to HTTP status codes at the edge."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from core.errors import (
    Conflict, ConfigError, GuideCopilotError, InvalidInput, NotAllowed, NotFound, OptedOut,
)

log = logging.getLogger(__name__)
STATUS = {InvalidInput: 422, NotAllowed: 401, NotFound: 404, Conflict: 409, OptedOut: 409, ConfigError: 503}


def install(app: FastAPI) -> None:
    app.add_exception_handler(GuideCopilotError, _handle)


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GuideCopilotError)
    status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 500)
    if status >= 500:
        log.error("%s %s: %s", request.method, request.url.path, exc)
    return JSONResponse({"error": exc.code, "detail": exc.user_message}, status_code=status)
