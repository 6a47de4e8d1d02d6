"""Liveness: answers without touching the database (the bench uses it as its anchor)."""
from __future__ import annotations

from fastapi import APIRouter


def router() -> APIRouter:
    routes = APIRouter()

    @routes.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    return routes
