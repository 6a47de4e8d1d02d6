"""The customer's personal product-list page: `GET /l/{token}`, interest via `POST /l/{token}/click/{sku}`.

HTML, not JSON: an unknown token is a friendly 404 page, an expired one a 410 page. A click answers
303 back to the page (plain forms, no JavaScript) and tells the guide once the click is committed.
"""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api import pages
from copilot.customers import product_page
from core.errors import NotFound

EXPIRED, MISSING = 410, 404


def router() -> APIRouter:
    routes = APIRouter(prefix="/l")

    @routes.get("/{token}", response_class=HTMLResponse)
    def show(token: str, request: Request, clicked: str | None = None) -> HTMLResponse:
        ctx = request.app.state.ctx
        try:
            with ctx.uow_factory() as uow:
                # Coming back from a click is not a new view.
                page = product_page.view(uow, token, ctx.clock.now(), record=clicked is None)
                uow.commit()
        except (NotFound, product_page.ListExpired) as exc:
            return _problem(exc)
        return HTMLResponse(pages.product_list(page, clicked), headers=pages.HEADERS)

    @routes.post("/{token}/click/{sku}")
    def click(token: str, sku: str, request: Request):
        ctx = request.app.state.ctx
        try:
            with ctx.uow_factory() as uow:
                guide_id, notice = product_page.click(uow, token, sku, ctx.clock.now())
                uow.commit()
        except (NotFound, product_page.ListExpired) as exc:
            return _problem(exc)
        if ctx.notifier is not None and guide_id is not None:
            ctx.notifier.notify_staff(guide_id, notice)
        return RedirectResponse(f"/l/{quote(token)}?clicked={quote(sku, safe='')}#thanks", status_code=303)

    return routes


def _problem(exc: Exception) -> HTMLResponse:
    kind, status = ("gone", EXPIRED) if isinstance(exc, product_page.ListExpired) else ("missing", MISSING)
    return HTMLResponse(pages.problem(kind), status_code=status, headers=pages.HEADERS)
