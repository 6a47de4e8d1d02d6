"""The HTTP API: built by create_app from ports, so tests and the CLI wire the same app.

Every route that touches the database hands a short unit of work to `Database` (a worker thread):
the event loop only parses, checks signatures and renders, so one slow query never holds up the
other requests.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import FastAPI

from api import errors
from api.body_limit import BodyLimit
from api.routes import campaigns, health, orders, product_list
from copilot.campaigns import CampaignService
from copilot.database import Database
from core.ports import Clock, Notifier
from core.settings import Settings


@dataclass(frozen=True, slots=True)
class ApiContext:
    """What handlers need, kept on app.state (no module-level singletons)."""

    db: Database
    clock: Clock
    timezone: str
    webhook_secret: str | None
    notifier: Notifier | None
    campaigns: CampaignService | None = None  # None: this app does not take campaigns
    order_max_future: timedelta = timedelta(minutes=10)
    order_max_age: timedelta = timedelta(days=400)
    campaigns: CampaignService | None = None  # POST /api/campaigns; built by the composition root

    def order_window(self, now: datetime) -> tuple[datetime, datetime]:
        """(earliest, latest) time a pushed order may carry: a little clock skew ahead, and no older
        than the history webhooks serve (older sales come in by import)."""
        return now - self.order_max_age, now + self.order_max_future


def create_app(db: Database, settings: Settings, clock: Clock, notifier: Notifier | None = None,
               campaign_service: CampaignService | None = None) -> FastAPI:
    api = settings.api
    app = FastAPI(title="Guide Copilot", version="0.1.0")
    app.add_middleware(BodyLimit, max_bytes=api.max_body_bytes)  # 413 before a big body is read
    secret = api.webhook_secret
    app.state.ctx = ApiContext(db, clock, settings.timezone, secret.get_secret_value() if secret else None,
                               notifier, campaign_service, timedelta(minutes=api.order_max_future_minutes),
                               timedelta(days=api.order_max_age_days))
    errors.install(app)
    app.include_router(health.router())
    app.include_router(orders.router())
    app.include_router(campaigns.router())
    app.include_router(product_list.router())
    return app
