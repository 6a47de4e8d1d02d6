"""Order and refund webhooks: check the signature, parse, book in one unit of work, render."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from api.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, check_headers, verify
from copilot.sales import OrderIn, Receipt, RefundIn, book_order, book_refund, parse, send


async def signed_body(request: Request) -> bytes:
    """The raw body, once its signature checked out: the HMAC covers the exact bytes sent. The
    headers are checked first, so an unsigned request is refused without reading its body, and
    the app's body limit (GC_API__MAX_BODY_BYTES, 413) stops an oversized one while it is read."""
    ctx = request.app.state.ctx
    timestamp, signature = request.headers.get(TIMESTAMP_HEADER), request.headers.get(SIGNATURE_HEADER)
    now = ctx.clock.now()
    check_headers(ctx.webhook_secret, timestamp, signature, now)
    body = await request.body()
    verify(ctx.webhook_secret, timestamp, signature, body, now)
    return body


def router() -> APIRouter:
    routes = APIRouter(prefix="/api")

    @routes.post("/orders")
    async def post_order(request: Request, body: bytes = Depends(signed_body)) -> JSONResponse:
        ctx = request.app.state.ctx
        incoming = parse(OrderIn, body, timezone=ctx.timezone, window=ctx.order_window(ctx.clock.now()))
        booking = await ctx.db.write(book_order, incoming, ctx.clock.now(), timezone=ctx.timezone)
        if booking.notices and ctx.notifier is not None:
            await ctx.db.call(send, ctx.notifier, booking.notices)
        return _render(booking.receipt)

    @routes.post("/orders/{order_id}/refund")
    async def post_refund(order_id: str, request: Request, body: bytes = Depends(signed_body)) -> JSONResponse:
        ctx = request.app.state.ctx
        incoming = parse(RefundIn, body, timezone=ctx.timezone)
        return _render(await ctx.db.write(book_refund, order_id, incoming, ctx.clock.now(), timezone=ctx.timezone))

    return routes


def _render(receipt: Receipt) -> JSONResponse:
    # A replay answers 200 with the same body as the first time; the header tells them apart.
    return JSONResponse(receipt.body, headers={"X-GC-Replay": "true" if receipt.replay else "false"})
