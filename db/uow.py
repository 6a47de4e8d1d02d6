"""SQLAlchemy unit of work: one session, one transaction, rolled back unless committed."""
from __future__ import annotations

from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from db.bulk import SqlBulkWriter
from db.errors import unavailable
from db.repositories.catalog import SqlContentRepository, SqlProductRepository
from db.repositories.orders import SqlOrderRepository
from db.repositories.people import SqlCustomerRepository, SqlStaffRepository, SqlStoreRepository
from db.repositories.sales import SqlSalesRepository
from db.repositories.sales_ledger import SqlLedgerRepository
from db.repositories.invites import SqlInviteRepository
from db.repositories.staff_settings import SqlStaffSettingsRepository
from db.repositories.telegram_accounts import SqlTelegramAccountRepository
from db.repositories.scoring import SqlScoringRepository
from db.repositories.outreach import SqlOutreachRepository
from db.repositories.guide_actions import SqlGuideActionRepository
from db.repositories.baskets import SqlBasketRepository
from db.repositories.conversations import SqlConversationRepository, SqlGuideLinkRepository
from db.repositories.product_lists import SqlProductListRepository
from db.repositories.outbox import SqlOutboxRepository
from db.repositories.campaigns import SqlCampaignRepository
from db.repositories.workers import SqlWorkerRepository


class SqlUnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self.session: Session | None = None

    def __enter__(self) -> Self:
        session = self._session_factory()
        self.session = session
        self.stores = SqlStoreRepository(session)
        self.staff = SqlStaffRepository(session)
        self.customers = SqlCustomerRepository(session)
        self.products = SqlProductRepository(session)
        self.content = SqlContentRepository(session)
        self.orders = SqlOrderRepository(session)
        self.bulk = SqlBulkWriter(session)
        self.sales = SqlSalesRepository(session)
        self.ledger = SqlLedgerRepository(session)
        self.invites = SqlInviteRepository(session)
        self.staff_settings = SqlStaffSettingsRepository(session)
        self.telegram_accounts = SqlTelegramAccountRepository(session)
        self.scoring = SqlScoringRepository(session)
        self.outreach = SqlOutreachRepository(session)
        self.guide_actions = SqlGuideActionRepository(session)
        self.baskets = SqlBasketRepository(session)
        self.guide_links = SqlGuideLinkRepository(session)
        self.conversations = SqlConversationRepository(session)
        self.product_lists = SqlProductListRepository(session)
        self.outbox = SqlOutboxRepository(session)
        self.campaigns = SqlCampaignRepository(session)
        self.workers = SqlWorkerRepository(session)
        return self

    def __exit__(self, kind, error, traceback) -> None:
        assert self.session is not None
        try:
            self.session.rollback()  # a no-op after commit(); undoes everything otherwise
        except Exception as exc:  # the connection may have died with the error being raised
            error = error or exc
            if unavailable(exc) is None and error is exc:
                raise
        finally:
            self.session.close()
            self.session = None
        busy = unavailable(error) if error is not None else None
        if busy is not None:
            raise busy from error

    def commit(self) -> None:
        assert self.session is not None, "commit() outside 'with'"
        try:
            self.session.commit()
        except Exception as exc:
            busy = unavailable(exc)
            if busy is None:
                raise
            raise busy from exc

    def rollback(self) -> None:
        assert self.session is not None, "rollback() outside 'with'"
        self.session.rollback()


class SqlUnitOfWorkFactory:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._session_factory)
