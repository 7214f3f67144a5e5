"""Rows/s per connector on the demo data, first run and incremental re-run, against a raw read in the same run.

Starts the same real services as the integration tests (SeaweedFS for S3, PostgreSQL, a local HTTP server).
Usage: python bench/connectors.py [--sql-copies 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import boto3
import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from llmdata.ingest import current_state, ingest
from llmdata.sources.base import Connector, SourceState
from llmdata.sources.files import FilesConnector
from llmdata.sources.http import HttpConnector
from llmdata.sources.python_packages import PythonPackagesConnector
from llmdata.sources.registry import FieldMap, HttpOptions, Pagination, Source, SqlOptions, load_registry
from llmdata.sources.s3 import S3Connector
from llmdata.sources.sql import SqlConnector, latest_watermark

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the service starters live with the tests
from llmdata.stack.services import free_port, running_postgres, running_s3  # noqa: E402

CORPUS = ROOT / "include" / "sample_corpus"


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def two_runs(source: Source, make: Callable[[], Connector], sql: bool = False) -> tuple[int, float, int, float]:
    """(rows, seconds) of a first run and of a re-run on unchanged data."""
    connector = make()
    first, t1 = timed(lambda: ingest(connector.items(SourceState()), source, SourceState(), "b1", connector))
    state = current_state(first.kept)
    if sql:
        state.watermark = latest_watermark(first.kept["version"].to_pylist())
    again = make()
    second, t2 = timed(lambda: ingest(again.items(state), source, state, "b2", again))
    return first.kept.num_rows, t1, second.records_in, t2


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.rglob("*.md"))]


class RecordsApi(BaseHTTPRequestHandler):
    records: list[dict] = []  # noqa: RUF012 - set once before serving

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        page, limit = int(query.get("page", 1)), int(query.get("limit", 100))
        body = json.dumps({"data": self.records[(page - 1) * limit: page * limit]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(records: list[dict]) -> Iterator[str]:
    RecordsApi.records = records
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), RecordsApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/articles"
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sql-copies", type=int, default=10, help="rows per corpus text in the SQL table")
    args = parser.parse_args()
    registry = load_registry(ROOT / "include" / "sources.yaml")
    sample = registry.get("sample_corpus")
    rows: list[tuple[str, int, float, int, float, str]] = []

    files = lambda: FilesConnector(sample.root(), sample.options.globs, 20_000_000)  # noqa: E731
    n1, t1, n2, t2 = two_runs(sample, files)
    paths = [p for p in sorted(CORPUS.rglob("*")) if p.is_file()]
    _, raw = timed(lambda: [p.read_bytes() for p in paths])
    rows.append(("files", n1, t1, n2, t2, f"raw read_bytes {raw:.3f}s"))

    packages = registry.get("python_packages")
    n1, t1, n2, t2 = two_runs(packages, lambda: PythonPackagesConnector(3000, 500))
    rows.append(("python_packages", n1, t1, n2, t2, ""))

    with running_s3() as s3:
        s3.create_bucket("bench")
        client = boto3.client("s3", endpoint_url=s3.endpoint, aws_access_key_id=s3.access_key,
                              aws_secret_access_key=s3.secret_key, region_name="us-east-1")
        for path in paths:
            client.put_object(Bucket="bench", Key=f"corpus/{path.relative_to(CORPUS).as_posix()}",
                              Body=path.read_bytes())
        source = sample.model_copy(update={"id": "s3_corpus"})
        n1, t1, n2, t2 = two_runs(source, lambda: S3Connector(client, "bench", "corpus/"))

        def raw_s3() -> int:
            keys = [o["Key"] for page in client.get_paginator("list_objects_v2").paginate(Bucket="bench")
                    for o in page.get("Contents", [])]
            return sum(len(client.get_object(Bucket="bench", Key=k)["Body"].read()) for k in keys)

        _, raw = timed(raw_s3)
        rows.append(("s3 (SeaweedFS)", n1, t1, n2, t2, f"raw boto3 list+get {raw:.3f}s"))

    texts = corpus_texts()
    with running_postgres() as pg:
        url = pg.create_database("bench")
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE docs (id int primary key, body text, updated_at int)"))
            connection.execute(sa.text("INSERT INTO docs VALUES (:id, :body, :ts)"), [
                {"id": i, "body": texts[i % len(texts)], "ts": i} for i in range(len(texts) * args.sql_copies)])
        options = SqlOptions(url=url, table="docs", text_column="body", batch_size=1000)
        source = sample.model_copy(update={"id": "sql_docs", "connector": "sql", "options": options})
        n1, t1, n2, t2 = two_runs(source, lambda: SqlConnector(url, options), sql=True)
        with engine.connect() as connection:
            _, raw = timed(lambda: connection.execute(sa.text("SELECT * FROM docs ORDER BY updated_at")).all())
        rows.append(("sql (PostgreSQL)", n1, t1, n2, t2, f"raw SELECT * {raw:.3f}s"))

    records = [{"id": i, "body": texts[i % len(texts)]} for i in range(len(texts) * 5)]
    for base_url in serve(records):
        options = HttpOptions(url=base_url, records_path="$.data[*]", fields=FieldMap(id="$.id", text="$.body"),
                              pagination=Pagination(style="page", page_size=100))
        source = sample.model_copy(update={"id": "api", "connector": "http", "options": options})
        n1, t1, n2, t2 = two_runs(source, lambda: HttpConnector(options))  # noqa: B023
        rows.append(("http (local API, page style)", n1, t1, n2, t2, ""))

    table = Table(title="Connectors: rows/s including the ingest stage (no lake write)")
    for column in ("connector", "rows", "rows/s first run", "items", "items/s re-run", "anchor in this run"):
        table.add_column(column, justify="left" if column in ("connector", "anchor in this run") else "right")
    for name, n1, t1, n2, t2, note in rows:
        table.add_row(name, str(n1), f"{n1 / t1:,.0f}", str(n2), f"{n2 / t2:,.0f}" if t2 else "-", note)
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
