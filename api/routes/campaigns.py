"""`POST /api/campaigns`: HQ systems push a care-task campaign, authenticated by the brand's API key."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, Field

from copilot.campaigns import CampaignService, CampaignSpec
from copilot.campaigns.api_keys import check_api_key
from core.errors import ConfigError, InvalidInput


class CampaignIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    segment: str
    kind: str
    brief: str = ""
    due: date
    filters: dict[str, str] = {}
    variants: int = 1
    variant_briefs: list[str] = []
    holdout: float = 0.0
    created_by: str | None = None  # a manager's external id


def router() -> APIRouter:
    routes = APIRouter(prefix="/api")

    @routes.post("/campaigns", status_code=201)
    async def post_campaign(body: CampaignIn, request: Request, x_api_key: str | None = Header(None)) -> dict:
        ctx = request.app.state.ctx
        if ctx.campaigns is None:
            raise ConfigError("this API serves no campaigns: create_app was given no campaign service")
        return await ctx.db.write(_create, ctx.campaigns, body, x_api_key, ctx.clock.now())

    return routes


def _create(uow, service: CampaignService, body: CampaignIn, key: str | None, now) -> dict:
    """One unit of work in a worker thread: a campaign for 50,000 customers takes seconds."""
    check_api_key(uow, key)
    result = service.create(uow, _spec(uow, body), now)
    external = {s.id: s.external_id for s in uow.staff.list()}
    return {"campaign_id": result.campaign_id, "created": result.created, "holdout": result.holdout,
            "per_guide": {external[g]: n for g, n in result.per_guide.items()}, "excluded": result.excluded}


def _spec(uow, body: CampaignIn) -> CampaignSpec:
    creator = None
    if body.created_by:
        staff = uow.staff.get_by_external(body.created_by)
        if staff is None:
            raise InvalidInput(f"unknown staff {body.created_by!r}")
        creator = staff.id
    return CampaignSpec(name=body.name, segment=body.segment, kind=body.kind, brief=body.brief, due=body.due,
                        filters=body.filters, variants=body.variants, variant_briefs=tuple(body.variant_briefs),
                        holdout=body.holdout, created_by=creator)
