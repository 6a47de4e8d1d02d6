"""The customer's personal product-list page: `GET /l/{token}`, interest via `POST /l/{token}/click/{sku}`.

HTML, not JSON: an unknown token is a friendly 404 page, an expired one a 410 page, a database busy
for the moment a 503 "try again" page with Retry-After. A click answers 303 back to the page (plain
forms, no JavaScript) and tells the guide once the click is committed; if telling them fails for a
busy database the click answers 503 too, and the customer's retry queues the notice (once: the
outbox drops a notice it already holds).
"""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api import pages
from copilot.customers import product_page
from api.errors import retry_after
from core.errors import NotFound, Unavailable

EXPIRED, MISSING, BUSY = 410, 404, 503
PROBLEMS = (NotFound, product_page.ListExpired, Unavailable)


def router() -> APIRouter:
    routes = APIRouter(prefix="/l")

    @routes.get("/{token}", response_class=HTMLResponse)
    async def show(token: str, request: Request, clicked: str | None = None) -> HTMLResponse:
        ctx = request.app.state.ctx
        try:
            # Coming back from a click is not a new view.
            page = await ctx.db.write(product_page.view, token, ctx.clock.now(), record=clicked is None)
        except PROBLEMS as exc:
            return _problem(exc)
        return HTMLResponse(pages.product_list(page, clicked), headers=pages.HEADERS)

    @routes.post("/{token}/click/{sku}")
    async def click(token: str, sku: str, request: Request):
        ctx = request.app.state.ctx
        try:
            guide_id, notice = await ctx.db.write(product_page.click, token, sku, ctx.clock.now())
            if ctx.notifier is not None and guide_id is not None:
                await ctx.db.call(ctx.notifier.notify_staff, guide_id, notice)
        except PROBLEMS as exc:
            return _problem(exc)
        return RedirectResponse(f"/l/{quote(token)}?clicked={quote(sku, safe='')}#thanks", status_code=303)

    return routes


def _problem(exc: Exception) -> HTMLResponse:
    kind, status = (("gone", EXPIRED) if isinstance(exc, product_page.ListExpired) else
                    ("busy", BUSY) if isinstance(exc, Unavailable) else ("missing", MISSING))
    return HTMLResponse(pages.problem(kind), status_code=status, headers={**pages.HEADERS, **retry_after(exc)})
