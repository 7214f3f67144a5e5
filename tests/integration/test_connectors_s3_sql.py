"""S3 and SQL connectors against real servers: SeaweedFS (S3) and PostgreSQL, both on 127.0.0.1."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import boto3
import pytest
import sqlalchemy as sa

from llmdata.ingest import current_state, ingest
from llmdata.sources.base import SourceState
from llmdata.sources.registry import S3Options, Source, SqlOptions
from llmdata.sources.s3 import S3Connector
from llmdata.sources.sql import SqlConnector, latest_watermark
from tests.conftest import ROLLBACK, RUNBOOK


def _client(s3_server, secret=None):
    return boto3.client("s3", endpoint_url=s3_server.endpoint, aws_access_key_id=s3_server.access_key,
                        aws_secret_access_key=secret or s3_server.secret_key, region_name="us-east-1")


@pytest.fixture
def bucket(s3_server):
    name = f"src-{uuid.uuid4().hex[:8]}"
    s3_server.create_bucket(name)
    client = _client(s3_server)
    client.put_object(Bucket=name, Key="wiki/backup.md", Body=("# Backups\n\n" + RUNBOOK).encode())
    client.put_object(Bucket=name, Key="wiki/rollback.html", Body=f"<html><p>{ROLLBACK}</p></html>".encode())
    client.put_object(Bucket=name, Key="wiki/faq.jsonl", Body=b'{"text": "one"}\n{"text": "two"}\n')
    client.put_object(Bucket=name, Key="other/skip.md", Body=b"outside the prefix")
    return name


def _s3_source(bucket: str) -> Source:
    return Source(id="s3wiki", connector="s3", options=S3Options(bucket=bucket, prefix="wiki/"), licence="MIT",
                  owner="me", purpose="tests")


def _run_s3(client, bucket, state=None, run_id="r1"):
    connector = S3Connector(client, bucket, "wiki/")
    state = state or SourceState()
    return ingest(connector.items(state), _s3_source(bucket), state, run_id, connector)


def test_s3_prefix_is_ingested_then_only_changes_on_a_rerun(s3_server, bucket):
    client = _client(s3_server)
    first = _run_s3(client, bucket)
    assert sorted(first.kept["item_key"].to_pylist()) == ["backup.md", "faq.jsonl#L1", "faq.jsonl#L2",
                                                           "rollback.html"]
    assert first.kept["source_uri"].to_pylist()[0].startswith(f"s3://{bucket}/wiki/")
    assert all(first.kept["version"].to_pylist())  # ETags

    client.put_object(Bucket=bucket, Key="wiki/backup.md", Body=("# Backups v2\n\n" + RUNBOOK).encode())
    client.delete_object(Bucket=bucket, Key="wiki/rollback.html")
    second = _run_s3(client, bucket, current_state(first.kept), "r2")
    assert {k: second.metrics[k] for k in ("new", "changed", "unchanged", "removed")} == {
        "new": 0, "changed": 1, "unchanged": 2, "removed": 1}


def test_s3_wrong_credentials_degrade_the_source_naming_the_fix(s3_server, bucket):
    result = _run_s3(_client(s3_server, secret="wrong"), bucket)
    assert result.metrics["degraded"] is True
    assert "check the AWS connection's key and secret" in result.metrics["degraded_reason"]


def test_s3_unreachable_endpoint_fails_fast_with_the_endpoint_named():
    from botocore.config import Config

    from tests.integration.conftest import free_port

    client = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{free_port()}", aws_access_key_id="k",
                          aws_secret_access_key="s", region_name="us-east-1",
                          config=Config(connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}))
    result = _run_s3(client, "lake")
    assert result.metrics["degraded"] and "endpoint_url" in result.metrics["degraded_reason"]


# ------------------------------------------------------------------------------------------------ SQL
@pytest.fixture
def tickets_db(postgres):
    url = postgres.create_database(f"src_{uuid.uuid4().hex[:8]}")
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "CREATE TABLE tickets (id integer primary key, body text, title text, updated_at timestamptz)"))
        start = datetime(2026, 11, 1, tzinfo=UTC)
        connection.execute(sa.text("INSERT INTO tickets VALUES (:id, :body, :title, :ts)"), [
            {"id": i, "body": f"Ticket {i}: {RUNBOOK}", "title": f"T{i}", "ts": start + timedelta(minutes=i)}
            for i in range(1, 51)
        ])
    return url, engine


def _sql_source(batch_size: int = 500) -> Source:
    return Source(id="tickets", connector="sql", licence="internal", owner="me", purpose="tests",
                  options=SqlOptions(table="tickets", text_column="body", title_column="title",
                                     batch_size=batch_size))


def _run_sql(url, state=None, run_id="r1", batch_size=500):
    source = _sql_source(batch_size)
    connector = SqlConnector(url, source.options)
    state = state or SourceState()
    return ingest(connector.items(state), source, state, run_id, connector), connector


def test_sql_table_then_only_new_rows_by_watermark(tickets_db):
    url, engine = tickets_db
    first, connector = _run_sql(url)
    assert first.kept.num_rows == 50
    assert connector.lineage_namespace().startswith("postgres://127.0.0.1:")
    assert connector.lineage_name().endswith(".public.tickets")
    with engine.begin() as connection:
        connection.execute(sa.text("INSERT INTO tickets VALUES (51, 'A brand new ticket about TLS', 'T51', "
                                   "'2026-11-02T00:00:00Z')"))
        connection.execute(sa.text("UPDATE tickets SET body = 'Edited: ' || body, updated_at = "
                                   "'2026-11-02T00:01:00Z' WHERE id = 7"))
    state = current_state(first.kept)
    state.watermark = latest_watermark(first.kept["version"].to_pylist())
    second, _ = _run_sql(url, state, "r2")
    assert sorted(second.kept["item_key"].to_pylist()) == ["51", "7"]
    assert second.metrics["new"] == 1 and second.metrics["changed"] == 1
    assert second.metrics["removed"] == 0 and second.metrics["removals_detected"] is False


def test_sql_read_survives_a_killed_connection_and_resumes_after_the_last_row(tickets_db, postgres, caplog):
    import logging

    url, _ = tickets_db
    source = _sql_source(batch_size=10)
    connector = SqlConnector(url, source.options)
    admin = sa.create_engine(postgres.url("postgres"))
    seen = []
    for item in connector.items(SourceState()):
        seen.append(item.item_key)
        if len(seen) == 15:  # mid-read, from outside: kill every session of the connector
            with admin.begin() as connection:
                connection.execute(sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'llmdata-ingest'"))
    assert seen == [str(i) for i in range(1, 51)]  # each row once, in order
    assert connector.reconnects >= 1
    lost = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "lost" in r.getMessage()]
    assert lost and lost[0].startswith("connection to postgres://127.0.0.1:")  # what the task log shows


def test_sql_closed_port_and_missing_table_degrade_with_a_clear_reason(tickets_db, postgres):
    from tests.integration.conftest import free_port

    closed = f"postgresql+psycopg2://postgres@127.0.0.1:{free_port()}/x"
    result, _ = _run_sql(closed)
    assert result.metrics["degraded"] and "check the connection's host, port and credentials" in \
        result.metrics["degraded_reason"]
    missing_table = _sql_source()
    connector = SqlConnector(tickets_db[0], missing_table.options.model_copy(update={"table": "nope"}))
    result = ingest(connector.items(SourceState()), missing_table, SourceState(), "r1", connector)
    assert "table 'nope' does not exist" in result.metrics["degraded_reason"]


def test_concurrent_rows_are_not_lost_between_runs(tickets_db):
    url, engine = tickets_db
    first, _ = _run_sql(url)
    done = threading.Event()

    def writer() -> None:
        with engine.begin() as connection:
            connection.execute(sa.text("INSERT INTO tickets VALUES (99, 'Written during the run', 'T99', now())"))
        done.set()

    threading.Thread(target=writer).start()
    done.wait(10)
    state = current_state(first.kept)
    state.watermark = latest_watermark(first.kept["version"].to_pylist())
    second, _ = _run_sql(url, state, "r2")
    assert "99" in second.kept["item_key"].to_pylist()


def test_sql_options_and_watermarks_cannot_inject(tickets_db):
    """Table and schema names are checked against a pattern, columns against the reflected table, and the
    watermark is a bound parameter: each attempt is refused with a reason, and the table is untouched."""
    import pydantic

    from llmdata.sources.sql import decode_watermark

    url, engine = tickets_db
    for field, value in (("table", "tickets; DROP TABLE tickets"), ("db_schema", 'public"; DROP TABLE tickets; --')):
        with pytest.raises(pydantic.ValidationError, match=field):
            SqlOptions(**{"table": "tickets", field: value})
    hostile = _sql_source()
    for column in ("id_column", "text_column", "watermark_column"):
        options = hostile.options.model_copy(update={column: 'id" FROM tickets; DROP TABLE tickets; --'})
        result = ingest(SqlConnector(url, options).items(SourceState()), hostile, SourceState(), "r1",
                        SqlConnector(url, options))
        assert result.kept.num_rows == 0 and "has no column" in result.metrics["degraded_reason"]
    for token in ("str:2026-11-01' OR '1'='1'; DROP TABLE tickets; --", "ts:2026-11-01'; DROP TABLE tickets; --",
                  "int:1 OR 1=1"):
        state = SourceState(watermark=token)
        result = ingest(SqlConnector(url, hostile.options).items(state), hostile, state, "r1",
                        SqlConnector(url, hostile.options))
        assert result.kept.num_rows == 0 and result.metrics["degraded"], token
        reason = result.metrics["degraded_reason"]
        assert "refused the read" in reason or "not a valid" in reason, reason
    with pytest.raises(Exception, match="not a valid ts value"):
        decode_watermark("ts:yesterday")
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM tickets")).scalar() == 50
