"""The ``http`` connector: a JSON REST API with page, offset, cursor or Link-header pagination.

Rate limits and flaky servers are expected: 429 waits for Retry-After, 5xx and connection errors back off
exponentially, each a bounded number of times (the shared policies of :mod:`llmdata.retrying`). Rejected
credentials fail at once with the fix named. A JSONPath field map turns each record into a document.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlparse

import requests
from jsonpath_ng import parse as jsonpath

from llmdata.errors import LlmdataError
from llmdata.retrying import RATE_LIMIT, TRANSIENT_NETWORK, RateLimited, ServerError, retrying
from llmdata.sources.base import Connector, Item, SourceState, SourceUnavailableError
from llmdata.sources.registry import HttpOptions

log = logging.getLogger(__name__)


class FetchError(LlmdataError, RuntimeError):
    """A page could not be fetched after all retries."""


def retry_after_seconds(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
        except (TypeError, ValueError):
            return default


class HttpConnector(Connector):
    """Records of one API endpoint."""

    kind = "http"

    def __init__(self, options: HttpOptions, session: requests.Session | None = None,
                 sleep: Any = time.sleep) -> None:
        self.options = options
        self.session = session or requests.Session()
        self.sleep = sleep
        self.pages = 0
        self.retries = 0
        self._fields = {k: jsonpath(v) for k, v in options.fields.model_dump().items() if v}
        self._records = jsonpath(options.records_path)
        self._cursor = jsonpath(options.pagination.cursor_path)

    def lineage_namespace(self) -> str:
        parsed = urlparse(self.options.url)
        return f"{parsed.scheme}://{parsed.netloc}"

    def lineage_name(self) -> str:
        return urlparse(self.options.url).path or "/"

    # ------------------------------------------------------------------ fetching
    def get(self, url: str, params: dict[str, Any] | None) -> requests.Response:
        """GET with the shared retry policies: 429 waits for Retry-After, 5xx and connection errors back off;
        401/403 and other 4xx fail at once."""
        opts = self.options
        policy = retrying(f"GET {url}", opts.max_retries + 1, TRANSIENT_NETWORK, RATE_LIMIT, sleep=self.sleep,
                          on_retry=self._count_retry)
        try:
            for attempt in policy:
                with attempt:
                    return self._get_once(url, params)
        except (requests.ConnectionError, requests.Timeout, RateLimited, ServerError) as error:
            tries = policy.statistics.get("attempt_number", opts.max_retries + 1)
            if isinstance(error, RateLimited | ServerError):  # "answered 503 after 3 attempts"
                raise FetchError(f"GET {url} {error} after {tries} attempts") from error
            raise FetchError(f"GET {url} failed after {tries} attempts: {error}") from error
        raise AssertionError("unreachable")

    def _get_once(self, url: str, params: dict[str, Any] | None) -> requests.Response:
        opts = self.options
        response = self.session.get(url, params=params, timeout=opts.timeout_seconds)
        if response.status_code in (401, 403):
            raise SourceUnavailableError(
                f"GET {url} was refused ({response.status_code}); check the credentials of the HTTP "
                f"connection {opts.http_conn_id or '(none set: options.http_conn_id)'}")
        if response.status_code == 429:
            raise RateLimited("answered 429", min(opts.max_retry_after_seconds, retry_after_seconds(
                response.headers.get("Retry-After"), 1.0)))
        if response.status_code >= 500:
            raise ServerError(f"answered {response.status_code}")
        if response.status_code >= 400:
            raise SourceUnavailableError(f"GET {url} answered {response.status_code}; check options.url")
        return response

    def _count_retry(self, error: BaseException) -> None:
        self.retries += 1

    def _pages(self) -> Iterator[tuple[str, Any]]:
        """Yield (page label, parsed JSON body) for every page."""
        opts, paging = self.options, self.options.pagination
        url: str | None = opts.url
        params: dict[str, Any] = dict(opts.params)
        page, offset, cursor = paging.start_page, 0, None
        for _ in range(opts.max_pages):
            if paging.style == "page":
                params[paging.page_param] = page
                params[paging.limit_param] = paging.page_size
            elif paging.style == "offset":
                params[paging.offset_param] = offset
                params[paging.limit_param] = paging.page_size
            elif paging.style == "cursor" and cursor is not None:
                params[paging.cursor_param] = cursor
            assert url is not None
            try:
                response = self.get(url, params)
            except requests.exceptions.InvalidURL as error:
                raise SourceUnavailableError(f"invalid URL {url}: {error}") from error
            try:
                body = response.json()
            except ValueError as error:
                raise FetchError(f"GET {response.url} did not return JSON: {error}") from error
            self.pages += 1
            yield response.url, body
            n_records = len(self._records.find(body))
            if paging.style == "none":
                return
            if paging.style == "page":
                if n_records == 0 or n_records < paging.page_size:
                    return
                page += 1
            elif paging.style == "offset":
                if n_records < paging.page_size:
                    return
                offset += n_records
            elif paging.style == "cursor":
                found = self._cursor.find(body)
                cursor = found[0].value if found else None
                if not cursor:
                    return
            elif paging.style == "link":
                url = response.links.get("next", {}).get("url")
                params = {}
                if not url:
                    return
        raise FetchError(f"{opts.url}: more than options.max_pages={opts.max_pages} pages; raise the limit")

    def items(self, state: SourceState) -> Iterator[Item]:
        try:
            for label, body in self._pages():
                for number, match in enumerate(self._records.find(body), start=1):
                    yield self._item(match.value, label, number)
        except requests.exceptions.ConnectionError as error:  # pragma: no cover - get() converts these
            raise SourceUnavailableError(f"cannot reach {self.options.url}: {error}") from error

    def _item(self, record: Any, page: str, number: int) -> Item:
        values = {}
        for name, expression in self._fields.items():
            found = expression.find(record)
            values[name] = found[0].value if found else None
        identity = values.get("id")
        where = f"record {number} of {page}"
        if identity is None:
            return Item(f"{page}#{number}", page, None, "application/json", rule="ingest.bad_record",
                        problem=f"{where} has no id at {self.options.fields.id}; fix options.fields.id")
        key = str(identity)
        uri = str(values.get("url") or f"{self.options.url.rstrip('/')}#{key}")
        if not isinstance(values.get("text"), str):
            return Item(key, uri, None, "application/json", rule="ingest.bad_record",
                        problem=f"{where} has no text at {self.options.fields.text}; fix options.fields.text")
        document = {k: v for k, v in values.items() if v is not None}
        content = json.dumps(document, ensure_ascii=False, default=str).encode("utf-8")
        return Item(key, uri, content, "application/json", size_bytes=len(content),
                    version=str(values.get("updated_at")) if values.get("updated_at") else None)
