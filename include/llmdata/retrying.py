"""Retry policies on tenacity, one per failure class, so every client retries the same things the same way.

* :data:`TRANSIENT_NETWORK` — a connection refused, reset or timed out, an HTTP 5xx, a database connection
  lost: exponential back-off with jitter.
* :data:`RATE_LIMIT` — the server said "later" (HTTP 429, :class:`RateLimited`): wait what its ``Retry-After``
  asked (capped by the caller), else back off.
* :data:`COMMIT_CONFLICT` — an optimistic commit lost a race (Iceberg's ``CommitFailedException``): retry soon,
  jittered so racing writers spread out.

Anything else — above all a programming error (``TypeError``, ``KeyError``…) or a refusal (HTTP 4xx, bad
credentials) — is raised at once: retrying cannot fix it and would only hide it behind minutes of back-off.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from llmdata.errors import LlmdataError

log = logging.getLogger(__name__)

# Never retried, whatever a class's predicate says: these are bugs, not weather.
PROGRAMMING_ERRORS = (TypeError, KeyError, AttributeError, IndexError, NameError, AssertionError, ImportError,
                      NotImplementedError, RecursionError)


class RateLimited(LlmdataError, RuntimeError):
    """The server asked us to come back later (HTTP 429); ``retry_after`` is its Retry-After, in seconds."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerError(LlmdataError, RuntimeError):
    """The server failed (HTTP 5xx): worth another try."""


@dataclass(frozen=True)
class FailureClass:
    """Which errors belong to a class and how long to wait before the next attempt."""

    name: str
    matches: Callable[[BaseException], bool]
    wait: Callable[[RetryCallState], float]


def is_transient_network(error: BaseException) -> bool:
    """A failure of the connection or of the server, not of the request."""
    if isinstance(error, ServerError | ConnectionError | TimeoutError):
        return True
    module = type(error).__module__.split(".")[0]
    if module == "requests":
        import requests

        return isinstance(error, requests.ConnectionError | requests.Timeout)
    if module == "httpx" or module == "httpcore":
        import httpx

        return isinstance(error, httpx.TransportError)
    if module == "qdrant_client":
        from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse

        if isinstance(error, UnexpectedResponse):
            return error.status_code >= 500
        return isinstance(error, ResponseHandlingException)  # the transport failed under the client
    if module == "grpc":
        import grpc

        return isinstance(error, grpc.RpcError) and error.code() in (  # type: ignore[attr-defined]
            grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
    if module == "sqlalchemy":
        from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

        # OperationalError: the server went away or refused the connection (not a bad query: ProgrammingError)
        return isinstance(error, OperationalError | InterfaceError) or (
            isinstance(error, DBAPIError) and error.connection_invalidated)
    return False


def is_commit_conflict(error: BaseException) -> bool:
    """An optimistic write that lost a race with another writer: an Iceberg commit whose base moved
    (``CommitFailedException``), an overwrite whose files another writer's might match (``ValidationException``:
    writers own disjoint rows, so it is redone on the new state), or tasks opening a fresh catalog together and
    racing to create its tables (the database refuses the loser's CREATE; a moment later they exist)."""
    from pyiceberg.exceptions import CommitFailedException, ValidationException
    from sqlalchemy.exc import IntegrityError, ProgrammingError

    if isinstance(error, CommitFailedException | ValidationException):
        return True
    return isinstance(error, IntegrityError | ProgrammingError) and (
        "already exists" in str(error) or "duplicate key" in str(error))


def _retry_after(state: RetryCallState) -> float:
    error = state.outcome.exception() if state.outcome else None
    if isinstance(error, RateLimited) and error.retry_after is not None:
        return error.retry_after
    return _network_wait(state)


_network_wait = wait_exponential_jitter(multiplier=0.5, max=30.0, jitter=0.5)

TRANSIENT_NETWORK = FailureClass("transient network failure", is_transient_network, _network_wait)
RATE_LIMIT = FailureClass("rate limit", lambda error: isinstance(error, RateLimited), _retry_after)
COMMIT_CONFLICT = FailureClass("commit conflict", is_commit_conflict,
                               wait_exponential_jitter(multiplier=0.05, max=5.0, jitter=0.1))


def retrying(what: str, attempts: int, *classes: FailureClass, sleep: Callable[[float], None] = time.sleep,
             on_retry: Callable[[BaseException], None] | None = None) -> Retrying:
    """A tenacity loop that retries ``classes`` of failure up to ``attempts`` tries in all, logging each retry
    as ``what``; the last error is re-raised as it was. Use as ``for attempt in retrying(...): with attempt: ...``.
    """
    def matching(error: BaseException | None) -> FailureClass | None:
        if error is None or isinstance(error, PROGRAMMING_ERRORS):
            return None
        return next((c for c in classes if c.matches(error)), None)

    def wait(state: RetryCallState) -> float:
        failure = matching(state.outcome.exception() if state.outcome else None)
        return failure.wait(state) if failure else 0.0

    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        failure = matching(error)
        log.warning("%s: %s (%s), attempt %d of %d; retrying in %.2fs", what, failure.name if failure else "?",
                    error, state.attempt_number, attempts, state.upcoming_sleep)
        if on_retry and error is not None:
            on_retry(error)

    return Retrying(retry=retry_if_exception(lambda error: matching(error) is not None),
                    stop=stop_after_attempt(attempts), wait=wait, sleep=sleep, reraise=True,
                    before_sleep=before_sleep)
