"""Airflow connections reach the real services through the providers' hooks, extras included: a Postgres
``application_name`` shows in ``pg_stat_activity``, S3 keys and endpoint given only in the connection's extras
reach SeaweedFS, and a Qdrant connection's ``url``/``prefix`` extras reach a local listener."""

from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa

from llmdata.config import get_settings


@pytest.fixture
def connection(monkeypatch):
    """Define an Airflow connection the way a secrets backend or the UI would (here: AIRFLOW_CONN_*)."""
    def define(conn_id: str, **fields: object) -> str:
        monkeypatch.setenv(f"AIRFLOW_CONN_{conn_id.upper()}", json.dumps(fields))
        return conn_id

    return define


def test_a_postgres_extra_reaches_the_server(postgres, connection, settings):
    from llmdata.operators.connections import sqlalchemy_url
    from llmdata.sources.registry import SqlOptions
    from llmdata.sources.sql import SqlConnector

    postgres.create_database("hooks_src")
    name = f"llmdata-hook-{uuid.uuid4().hex[:6]}"
    conn_id = connection("src_db", conn_type="postgres", host="127.0.0.1", port=postgres.port, login="postgres",
                         schema="hooks_src", extra={"application_name": name, "sslmode": "disable"})
    url = sqlalchemy_url(conn_id)
    connector = SqlConnector(url, SqlOptions(table="t", id_column="id", text_column="body",
                                             watermark_column="id"))
    admin = sa.create_engine(postgres.url("postgres"))
    with connector.engine.connect() as session, admin.connect() as watcher:
        seen = watcher.execute(sa.text("SELECT application_name, ssl FROM pg_stat_activity JOIN pg_stat_ssl "
                                       "USING (pid) WHERE application_name = :n"), {"n": name}).all()
        assert session.execute(sa.text("SELECT current_setting('application_name')")).scalar() == name
    assert seen == [(name, False)]  # the extra's name, and sslmode=disable honoured
    admin.dispose()


def test_s3_keys_and_endpoint_only_in_the_connection_extras_reach_seaweedfs(s3_server, connection, monkeypatch,
                                                                            settings):
    from llmdata.lake import Lake
    from llmdata.operators.connections import task_settings
    from llmdata.schemas import GOLD_DOCUMENTS
    from tests.conftest import make_documents

    bucket = f"hooks-{uuid.uuid4().hex[:8]}"
    s3_server.create_bucket(bucket)
    connection("lake_s3", conn_type="aws", extra={
        "endpoint_url": s3_server.endpoint, "region_name": "us-east-1",
        "aws_access_key_id": s3_server.access_key, "aws_secret_access_key": s3_server.secret_key})
    for name in ("LLMDATA_S3_ENDPOINT", "LLMDATA_S3_ACCESS_KEY_ID", "LLMDATA_S3_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LLMDATA_LAKE_URI", f"s3://{bucket}/warehouse")
    monkeypatch.setenv("LLMDATA_LAKE_CONN_ID", "lake_s3")
    get_settings.cache_clear()
    assert not get_settings().s3_endpoint  # nothing outside the connection names the server or the keys
    resolved = task_settings()
    assert (resolved.s3_endpoint, resolved.s3_access_key_id) == (s3_server.endpoint, s3_server.access_key)
    lake = Lake(resolved)
    lake.upsert(GOLD_DOCUMENTS, make_documents({"a": "A runbook about restoring a database from backups."}),
                "run-hooks", "test")
    assert lake.row_count(GOLD_DOCUMENTS) == 1
    import boto3

    listed = boto3.client("s3", endpoint_url=s3_server.endpoint, aws_access_key_id=s3_server.access_key,
                          aws_secret_access_key=s3_server.secret_key, region_name="us-east-1").list_objects_v2(
        Bucket=bucket, Prefix="warehouse/")
    assert any(o["Key"].endswith(".parquet") for o in listed.get("Contents", []))


def test_qdrant_url_and_prefix_extras_reach_a_local_listener(connection, monkeypatch, settings, qdrant_listener):
    from llmdata.index.qdrant import connect_index
    from llmdata.operators.connections import task_settings

    port, paths = qdrant_listener
    connection("vectors", conn_type="qdrant", password="qdrant-key", extra={
        "url": f"http://127.0.0.1:{port}", "prefix": "svc/v1"})
    monkeypatch.setenv("LLMDATA_QDRANT_CONN_ID", "vectors")
    get_settings.cache_clear()
    resolved = task_settings()
    assert resolved.qdrant_options["prefix"] == "svc/v1"
    index = connect_index(resolved)
    assert index.names() == []
    index.close()
    assert ("/svc/v1/collections", "qdrant-key") in paths  # the prefix and the API key, on the wire


def test_an_http_source_connection_gives_the_hooks_session(connection):
    from llmdata.operators.ingest import _clients
    from llmdata.sources.registry import Source

    connection("kb_api", conn_type="http", host="kb.example", login="reader", password="s3cret",
               extra={"X-Tenant": "acme"})
    source = Source.model_validate({
        "id": "kb", "connector": "http", "licence": "CC-BY-4.0", "owner": "kb@example.com", "purpose": "test",
        "options": {"url": "https://kb.example/api/articles", "records_path": "$.data[*]",
                    "fields": {"text": "$.body"}, "http_conn_id": "kb_api"},
        "classification": {"velocity": "batch", "structure": "semi", "reliability": "best-effort",
                           "sensitivity": "internal"}})
    session = _clients(source)["http_session"]
    assert (session.auth.username, session.auth.password) == ("reader", "s3cret")  # HTTPBasicAuth, the default
    assert session.headers["X-Tenant"] == "acme"  # the HTTP provider's convention: extras are headers


