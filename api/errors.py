"""Our one error root, mapped to HTTP status codes at the edge.

A database that is locked or unreachable for the moment answers 503 with Retry-After (the client
retries, nothing was changed); an unexpected error answers a short 500 with a reference that
matches the log line, never a traceback.
"""
from __future__ import annotations

import logging
import math
import uuid

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from core.errors import (
    Conflict, ConfigError, GuideCopilotError, InvalidInput, NotAllowed, NotFound, OptedOut, Unavailable,
)

log = logging.getLogger(__name__)
STATUS = {InvalidInput: 422, NotAllowed: 401, NotFound: 404, Conflict: 409, OptedOut: 409, ConfigError: 503,
          Unavailable: 503}


def install(app: FastAPI) -> None:
    app.add_exception_handler(GuideCopilotError, _handle)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


def status_of(exc: GuideCopilotError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 500)


def retry_after(exc: Exception) -> dict[str, str]:
    return {"Retry-After": str(max(1, math.ceil(exc.retry_after)))} if isinstance(exc, Unavailable) else {}


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GuideCopilotError)
    status = status_of(exc)
    if status >= 500:
        log.warning("%s %s answered %d: %s", request.method, request.url.path, status, exc)
    return JSONResponse({"error": exc.code, "detail": exc.user_message}, status_code=status,
                        headers=retry_after(exc))


async def _http(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own refusals (413 body too large, 404 no such route, 405): in our shape."""
    assert isinstance(exc, HTTPException)
    code = {413: "too_large", 404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return JSONResponse({"error": code, "detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    reference = uuid.uuid4().hex[:8]
    log.error("%s %s failed, ref=%s", request.method, request.url.path, reference, exc_info=exc)
    return JSONResponse({"error": "internal", "detail": f"Something went wrong on our side (ref {reference})."},
                        status_code=500)
