"""Integration fixtures: the real services of tests/services.py, started once per test run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from llmdata.stack.services import Postgres, S3Server, free_port, running_postgres, running_s3

__all__ = ["free_port"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    with running_s3() as server:
        yield server


@pytest.fixture
def qdrant_listener() -> Iterator[tuple[int, list[tuple[str, str | None]]]]:
    """A local HTTP listener answering like a Qdrant server's REST API (an empty collection list, a version):
    its port, and the (path, api-key header) of every request, to see what a client puts on the wire."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen: list[tuple[str, str | None]] = []

    class Qdrant(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("api-key")))
            body = ({"result": {"collections": []}, "status": "ok", "time": 0.0}
                    if self.path.endswith("/collections") else {"title": "qdrant", "version": "1.20.0"})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(body).encode())

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Qdrant)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_port, seen
    finally:
        server.shutdown()
