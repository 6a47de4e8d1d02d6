"""What the guide's screens need beyond the unit of work, built once per process.

`build_dispatcher(services=...)` puts a BotServices into the workflow data, so handlers take
`services` by name. The composition root (cli/container.py: `Container.bot_services()`) builds the
real one; without it the bot builds a default with no knowledge base (/ask then says so).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from copilot.contacts import ContactsService
from copilot.guide.drafts import SellingContext
from copilot.contacts.cache import ScoringCache
from core.ports import KnowledgeSearch, UnitOfWork
from core.settings import Settings


@dataclass
class BotServices:
    contacts: ContactsService
    selling: SellingContext  # catalogue, co-purchase statistics and the Drafter, refreshed cheaply
    scoring: ScoringCache = field(default_factory=ScoringCache)  # nightly scoring inputs per guide

    @property
    def knowledge(self) -> KnowledgeSearch | None:
        return self.selling.knowledge

    @classmethod
    def from_settings(cls, settings: Settings, *, knowledge: KnowledgeSearch | None = None,
                      contacts: ContactsService | None = None) -> BotServices:
        contacts = contacts or ContactsService(timezone=settings.timezone, ranking=settings.ranking)
        return cls(contacts, SellingContext(settings.llm, knowledge=knowledge))

    def selling_for(self, uow: UnitOfWork, now) -> SellingContext:
        """The selling context, reloaded first if its data may have changed."""
        self.selling.refresh(uow, now)
        return self.selling
