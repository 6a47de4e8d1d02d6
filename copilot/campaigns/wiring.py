"""Build the campaign service from settings (used by the CLI container, the API and the bot)."""
from __future__ import annotations

from copilot.campaigns.create import CampaignService
from copilot.contacts import ContactsService
from copilot.guide.drafts import SellingContext
from core.settings import Settings


def campaign_service(settings: Settings, knowledge=None) -> CampaignService:
    contacts = ContactsService(timezone=settings.timezone, ranking=settings.ranking)
    return CampaignService(contacts, settings.ranking, settings.timezone, SellingContext(settings.llm, knowledge=knowledge))
