"""The HTTP connector against a real local server: four pagination styles, 429 + Retry-After, a flaky 503,
rejected credentials, a closed port and malformed records."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from llmdata.ingest import ingest
from llmdata.sources.base import SourceState
from llmdata.sources.http import HttpConnector
from llmdata.sources.registry import FieldMap, HttpOptions, Pagination, Source
from tests.integration.conftest import free_port

ARTICLES = [{"id": i, "body": f"Article {i} explains how the billing service retries failed payments.",
             "title": f"Article {i}", "updated": f"2026-11-{1 + i % 28:02d}"} for i in range(1, 26)]
PAGE = 10


class Api(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _json(self, body: object, status: int = 200, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        Api.hits[url.path] = Api.hits.get(url.path, 0) + 1
        if url.path == "/page":
            page = int(query.get("page", 1))
            self._json({"data": ARTICLES[(page - 1) * PAGE: page * PAGE]})
        elif url.path == "/offset":
            offset, limit = int(query.get("offset", 0)), int(query.get("limit", PAGE))
            self._json({"data": ARTICLES[offset: offset + limit]})
        elif url.path == "/cursor":
            start = int(query.get("cursor", 0))
            nxt = start + PAGE if start + PAGE < len(ARTICLES) else None
            self._json({"data": ARTICLES[start: start + PAGE], "meta": {"next": nxt and str(nxt)}})
        elif url.path == "/link":
            page = int(query.get("p", 1))
            headers = {}
            if page * PAGE < len(ARTICLES):
                headers["Link"] = f'<http://127.0.0.1:{self.server.server_port}/link?p={page + 1}>; rel="next"'
            self._json(ARTICLES[(page - 1) * PAGE: page * PAGE], headers=headers)
        elif url.path == "/ratelimited":
            if Api.hits[url.path] == 1:
                self._json({"error": "slow down"}, 429, {"Retry-After": "1"})
            else:
                self._json({"data": ARTICLES[:3]})
        elif url.path == "/flaky":
            if Api.hits[url.path] <= 2:
                self._json({"error": "unavailable"}, 503)
            else:
                self._json({"data": ARTICLES[:3]})
        elif url.path == "/down":
            self._json({"error": "unavailable"}, 503)
        elif url.path == "/private":
            expected = "Basic " + base64.b64encode(b"reader:s3cret").decode()
            if self.headers.get("Authorization") != expected:
                self._json({"error": "unauthorized"}, 401)
            else:
                self._json({"data": ARTICLES[:2]})
        elif url.path == "/malformed":
            self._json({"data": [ARTICLES[0], {"id": 77, "title": "no body"}, {"body": "no id"}]})
        else:
            self._json({"error": "not found"}, 404)


@pytest.fixture(scope="module")
def api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


FIELDS = FieldMap(id="$.id", text="$.body", title="$.title", updated_at="$.updated")


def _run(options: HttpOptions, sleeps: list[float] | None = None, session=None):
    source = Source(id="kb", connector="http", options=options, licence="CC-BY-4.0", owner="me", purpose="tests")
    connector = HttpConnector(options, session=session, sleep=(sleeps.append if sleeps is not None else lambda s: None))
    return ingest(connector.items(SourceState()), source, SourceState(), "r1", connector), connector


@pytest.mark.parametrize(
    ("path", "pagination", "records_path"),
    [
        ("/page", Pagination(style="page", page_size=PAGE), "$.data[*]"),
        ("/offset", Pagination(style="offset", page_size=PAGE), "$.data[*]"),
        ("/cursor", Pagination(style="cursor", cursor_path="$.meta.next"), "$.data[*]"),
        ("/link", Pagination(style="link"), "$[*]"),
    ],
)
def test_every_pagination_style_reads_all_records_once(api, path, pagination, records_path):
    options = HttpOptions(url=api + path, records_path=records_path, fields=FIELDS, pagination=pagination)
    result, connector = _run(options)
    assert sorted(int(k) for k in result.kept["item_key"].to_pylist()) == list(range(1, 26))
    assert connector.pages == 3
    assert connector.lineage_namespace() == api and connector.lineage_name() == path
    record = json.loads(result.kept["content"][0].as_py())
    assert record["text"].startswith("Article") and record["title"].startswith("Article")


def test_429_waits_for_retry_after_then_succeeds(api):
    sleeps: list[float] = []
    result, connector = _run(HttpOptions(url=api + "/ratelimited", records_path="$.data[*]", fields=FIELDS), sleeps)
    assert result.kept.num_rows == 3 and sleeps == [1.0] and connector.retries == 1


def test_flaky_503_is_retried_with_backoff(api):
    sleeps: list[float] = []
    result, _ = _run(HttpOptions(url=api + "/flaky", records_path="$.data[*]", fields=FIELDS), sleeps)
    # exponential back-off with jitter (tenacity): 0.5 s then 1 s, each plus up to 0.5 s
    assert result.kept.num_rows == 3 and len(sleeps) == 2
    assert 0.5 <= sleeps[0] <= 1.0 and 1.0 <= sleeps[1] <= 1.5


def test_a_server_that_stays_down_degrades_the_source_after_bounded_retries(api):
    result, _ = _run(HttpOptions(url=api + "/down", records_path="$.data[*]", fields=FIELDS, max_retries=2))
    assert result.metrics["degraded"] and "answered 503 after 3 attempts" in result.metrics["degraded_reason"]


def test_rejected_credentials_name_the_connection(api):
    options = HttpOptions(url=api + "/private", records_path="$.data[*]", fields=FIELDS, http_conn_id="kb_api")
    result, _ = _run(options)
    assert result.metrics["degraded"] and "check the credentials of the HTTP connection kb_api" in \
        result.metrics["degraded_reason"]
    import requests

    session = requests.Session()
    session.auth = ("reader", "s3cret")
    result, _ = _run(options, session=session)
    assert result.kept.num_rows == 2


def test_closed_port_fails_fast_with_an_explicit_timeout():
    options = HttpOptions(url=f"http://127.0.0.1:{free_port()}/x", timeout_seconds=1, max_retries=1)
    result, _ = _run(options)
    assert result.metrics["degraded"] and "failed after 2 attempts" in result.metrics["degraded_reason"]


def test_malformed_records_are_quarantined_naming_the_record_and_field(api):
    result, _ = _run(HttpOptions(url=api + "/malformed", records_path="$.data[*]", fields=FIELDS))
    assert result.kept.num_rows == 1
    reasons = sorted(result.quarantined["reason"].to_pylist())
    assert reasons[0].startswith("record 2 of") and "has no text at $.body" in reasons[0]
    assert "has no id at $.id" in reasons[1]
    assert result.records_in == 3 == result.kept.num_rows + result.quarantined.num_rows
