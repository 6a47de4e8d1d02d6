"""`knowledge.chroma.guarded`: what counts as Chroma failing, and what stays a bug of ours."""
import httpx
import pytest
from chromadb.errors import InternalError

from core.errors import ConfigError, ExternalServiceError
from knowledge.chroma import UNAVAILABLE, guarded

FAILURES = [
    InternalError("compaction failed"),
    httpx.ConnectError("[Errno 111] Connection refused"),
    httpx.ReadTimeout("timed out"),
    Exception("502 Bad Gateway"),  # what chromadb raises for an HTTP error without a Chroma body
    ConnectionResetError("reset by peer"),
]


@pytest.mark.parametrize("failure", FAILURES, ids=lambda e: type(e).__name__)
def test_chroma_and_network_failures_become_external_service_errors_naming_the_action(failure):
    expected = pytest.raises(ExternalServiceError, match="Chroma query of gc_content failed")
    with expected as raised, guarded("query of gc_content"):
        raise failure
    assert raised.value.__cause__ is failure
    assert raised.value.user_message == UNAVAILABLE


@pytest.mark.parametrize("bug", [TypeError("bad argument"), KeyError("ids"), ConfigError("dimension")])
def test_our_own_errors_and_bugs_pass_through_unchanged(bug):
    with pytest.raises(type(bug)) as raised, guarded("query of gc_content"):
        raise bug
    assert raised.value is bug
