"""Inside tasks, lake, catalog and Qdrant credentials can come from Airflow connections (any secrets backend)."""

from __future__ import annotations

import json

from sqlalchemy.engine import make_url

from llmdata.config import get_settings
from llmdata.operators.connections import task_settings


def test_without_connection_ids_tasks_use_the_llmdata_settings(settings):
    assert task_settings() == settings


def test_connections_named_in_the_settings_supply_the_credentials(settings, monkeypatch):
    monkeypatch.setenv("AIRFLOW_CONN_LLMDATA_LAKE", json.dumps({
        "conn_type": "aws", "login": "lake-user", "password": "lake-secret",
        "extra": {"endpoint_url": "http://minio:9000", "region_name": "eu-central-1"}}))
    monkeypatch.setenv("AIRFLOW_CONN_LLMDATA_CATALOG", "postgres://airflow:pw@postgres:5432/iceberg")
    monkeypatch.setenv("AIRFLOW_CONN_LLMDATA_QDRANT", json.dumps({
        "conn_type": "qdrant", "host": "qdrant", "port": 6334, "password": "qdrant-key"}))
    for name in ("LAKE", "CATALOG", "QDRANT"):
        monkeypatch.setenv(f"LLMDATA_{name}_CONN_ID", f"llmdata_{name.lower()}")
    monkeypatch.setenv("LLMDATA_S3_ACCESS_KEY_ID", "not-this-one")
    get_settings.cache_clear()
    resolved = task_settings()
    assert (resolved.s3_access_key_id, resolved.s3_secret_access_key) == ("lake-user", "lake-secret")
    assert (resolved.s3_endpoint, resolved.s3_region) == ("http://minio:9000", "eu-central-1")
    catalog = make_url(resolved.catalog_uri)  # PostgresHook's URL (its driver: psycopg 3 when installed)
    assert catalog.drivername.startswith("postgresql+") and catalog.render_as_string(hide_password=False).endswith(
        "://airflow:pw@postgres:5432/iceberg")
    assert (resolved.qdrant_url, resolved.qdrant_api_key) == ("http://qdrant:6334", "qdrant-key")
    assert resolved.data_dir == settings.data_dir  # everything else unchanged
