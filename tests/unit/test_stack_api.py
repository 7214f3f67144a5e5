"""The REST client rides out a restarting metadata database on calls that are safe to repeat, and only those."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from llmdata.stack import api
from llmdata.stack.api import AirflowAPI, AirflowAPIError


class _Airflow(BaseHTTPRequestHandler):
    """Answers like Airflow's API server while its database restarts: HTTP 500 "Database error" ``failures``
    times, then the real answer."""

    failures = 0
    calls: ClassVar[list[str]] = []

    def _answer(self) -> None:
        type(self).calls.append(f"{self.command} {self.path}")
        if self.path == "/auth/token":
            body, status = {"access_token": "t"}, 201
        elif type(self).failures > 0:
            type(self).failures -= 1
            body, status = {"detail": "Database error"}, 500
        else:
            body, status = {"dag_runs": [{"dag_run_id": "r1", "state": "success"}]}, 200
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Airflow.calls = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Airflow)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_reads_are_retried_while_the_database_restarts(server):
    _Airflow.failures = 2
    assert AirflowAPI(server, "admin", "pw").runs("curate") == [{"dag_run_id": "r1", "state": "success"}]
    reads = [c for c in _Airflow.calls if "dagRuns" in c]
    assert reads == ["GET /api/v2/dags/curate/dagRuns?order_by=run_after&limit=100"] * 3


def test_a_trigger_is_never_repeated(server):
    _Airflow.failures = 1
    with pytest.raises(AirflowAPIError, match=r"HTTP 500 .*Database error") as error:
        AirflowAPI(server, "admin", "pw").trigger("curate")
    assert error.value.status == 500
    assert [c for c in _Airflow.calls if "dagRuns" in c] == ["POST /api/v2/dags/curate/dagRuns"]


def test_a_server_that_stays_down_is_reported(server, monkeypatch):
    monkeypatch.setattr(api, "TRANSIENT_SECONDS", 1.0)
    _Airflow.failures = 1000
    with pytest.raises(AirflowAPIError, match="GET /dags/curate/dagRuns: HTTP 500"):
        AirflowAPI(server, "admin", "pw").runs("curate")
