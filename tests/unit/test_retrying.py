"""The shared retry policies: each failure class is retried its own way, everything else is raised at once."""

from __future__ import annotations

import pytest
from pyiceberg.exceptions import CommitFailedException
from qdrant_client.http.exceptions import UnexpectedResponse

from llmdata.retrying import (
    COMMIT_CONFLICT,
    RATE_LIMIT,
    TRANSIENT_NETWORK,
    RateLimited,
    ServerError,
    retrying,
)


def _run(errors: list[BaseException], *classes, attempts: int = 4) -> tuple[list[float], int]:
    """Call something that fails with ``errors`` in turn, then succeeds; return the sleeps and the calls made."""
    sleeps: list[float] = []
    calls = 0
    for attempt in retrying("test", attempts, *classes, sleep=sleeps.append):
        with attempt:
            calls += 1
            if calls <= len(errors):
                raise errors[calls - 1]
    return sleeps, calls


def test_transient_failures_back_off_exponentially_then_succeed():
    sleeps, calls = _run([ConnectionRefusedError("refused"), ServerError("503"), TimeoutError()], TRANSIENT_NETWORK)
    assert calls == 4 and len(sleeps) == 3
    assert 0.5 <= sleeps[0] <= 1.0 and 1.0 <= sleeps[1] <= 1.5 and 2.0 <= sleeps[2] <= 2.5


def test_a_programming_error_or_a_refusal_is_never_retried():
    for error in (TypeError("bad argument"), KeyError("x"), ValueError("no such option"),
                  UnexpectedResponse(404, "Not Found", b"", {})):
        with pytest.raises(type(error)):
            _run([error], TRANSIENT_NETWORK, RATE_LIMIT, COMMIT_CONFLICT)
    sleeps, calls = _run([UnexpectedResponse(502, "Bad Gateway", b"", {})], TRANSIENT_NETWORK)
    assert calls == 2 and len(sleeps) == 1  # a 5xx from Qdrant is weather


def test_a_rate_limit_waits_what_the_server_asked():
    sleeps, calls = _run([RateLimited("429", retry_after=7.0), RateLimited("429")], RATE_LIMIT)
    assert calls == 3 and sleeps[0] == 7.0 and 0.5 <= sleeps[1] <= 2.0  # no Retry-After: back off


def test_commit_conflicts_retry_soon_and_only_conflicts_do():
    sleeps, calls = _run([CommitFailedException("base moved")] * 2, COMMIT_CONFLICT)
    assert calls == 3 and all(s < 0.5 for s in sleeps)
    with pytest.raises(ConnectionRefusedError):  # not a conflict: the commit policy alone does not retry it
        _run([ConnectionRefusedError()], COMMIT_CONFLICT)


def test_the_last_error_is_raised_as_it_was_when_attempts_run_out():
    with pytest.raises(ServerError, match="still down"):
        _run([ServerError("down")] * 2 + [ServerError("still down")] * 5, TRANSIENT_NETWORK, attempts=3)


def test_qdrant_server_calls_retry_a_refused_connection_then_name_the_service():
    from qdrant_client import QdrantClient

    from llmdata.index.server import ATTEMPTS, _retry
    from llmdata.index.store import VectorIndexError
    from llmdata.stack.services import free_port

    client = QdrantClient(url=f"http://127.0.0.1:{free_port()}", timeout=1, check_compatibility=False)
    with pytest.raises(VectorIndexError, match=f"failed after {ATTEMPTS} attempts"):
        _retry("list collections", client.get_collections)
    calls = []

    def bug() -> None:
        calls.append(1)
        raise AttributeError("'NoneType' object has no attribute 'points'")

    with pytest.raises(AttributeError):
        _retry("query", bug)
    assert calls == [1]
