"""The HTTP API: built by create_app from ports, so tests and the CLI wire the same app."""
from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from api import errors
from api.routes import health, orders
from api.routes import campaigns
from api.routes import product_list
from core.ports import Clock, Notifier, UnitOfWorkFactory
from core.settings import Settings


@dataclass(frozen=True, slots=True)
class ApiContext:
    """What handlers need, kept on app.state (no module-level singletons)."""

    uow_factory: UnitOfWorkFactory
    clock: Clock
    timezone: str
    webhook_secret: str | None
    notifier: Notifier | None


def create_app(uow_factory: UnitOfWorkFactory, settings: Settings, clock: Clock,
               notifier: Notifier | None = None) -> FastAPI:
    app = FastAPI(title="Guide Copilot", version="0.1.0")
    secret = settings.api.webhook_secret
    app.state.ctx = ApiContext(uow_factory, clock, settings.timezone,
                               secret.get_secret_value() if secret else None, notifier)
    errors.install(app)
    app.include_router(health.router())
    app.include_router(orders.router())
    app.include_router(campaigns.router(settings))
    app.include_router(product_list.router())
    return app
