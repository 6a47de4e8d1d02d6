from datetime import UTC, date, datetime

import pytest

from copilot.contacts import ContactsService
from cli.demo.brand import write_demo_brand
from copilot.importing import Importer
from core.settings import RankingSettings

END = date(2026, 11, 2)
# 10:00 in Shanghai: outside quiet hours, so fatigue is the only thing pushing anyone down.
NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def brand_files(tmp_path_factory):
    return write_demo_brand(tmp_path_factory.mktemp("brand"), seed=3, customers=400, end=END)


@pytest.fixture
def service() -> ContactsService:
    return ContactsService(timezone="Asia/Shanghai", ranking=RankingSettings())


@pytest.fixture
def scored(uow_factory, brand_files, service):
    """A small brand imported and scored; returns the uow factory."""
    importer = Importer(uow_factory, timezone="Asia/Shanghai")
    for kind in ("stores", "staff", "customers", "products", "orders"):
        assert importer.run(kind, brand_files[kind]).committed
    with uow_factory() as uow:
        service.score_all(uow, NOW)
        uow.commit()
    return uow_factory
