import pytest

from copilot.drafting import Drafter
from prompts.loader import PromptLibrary
from tests.unit.drafting.drafting_fakes import CATALOGUE


@pytest.fixture
def prompts() -> PromptLibrary:
    return PromptLibrary()


@pytest.fixture
def offline_drafter(prompts) -> Drafter:
    return Drafter(prompts, CATALOGUE)
