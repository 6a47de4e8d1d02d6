import pytest

from tests.integration.sales.brand import RecordingNotifier, seed


@pytest.fixture
def ids(engine):
    return seed(engine)


@pytest.fixture
def notifier():
    return RecordingNotifier()
