"""The ingest operator resolves credentials from Airflow connections and writes bronze incrementally."""

from __future__ import annotations

import json
import uuid

import boto3
import pytest
import sqlalchemy as sa

from llmdata.config import get_settings
from llmdata.lake import Lake
from llmdata.operators.ingest import IngestOperator
from llmdata.schemas import BRONZE_DOCUMENTS
from tests.conftest import RUNBOOK


@pytest.fixture
def registry(settings, tmp_path, monkeypatch, s3_server, postgres):
    bucket = f"ops-{uuid.uuid4().hex[:8]}"
    s3_server.create_bucket(bucket)
    client = boto3.client("s3", endpoint_url=s3_server.endpoint, aws_access_key_id=s3_server.access_key,
                          aws_secret_access_key=s3_server.secret_key, region_name="us-east-1")
    for i in range(3):
        client.put_object(Bucket=bucket, Key=f"kb/page-{i}.md", Body=f"# Page {i}\n\n{RUNBOOK}".encode())
    database = f"ops_{uuid.uuid4().hex[:8]}"
    url = postgres.create_database(database)
    with sa.create_engine(url).begin() as connection:
        connection.execute(sa.text("CREATE TABLE notes (id int primary key, body text, updated_at int)"))
        connection.execute(sa.text("INSERT INTO notes VALUES (1, 'first note about backups', 10), "
                                   "(2, 'second note about rollbacks', 20)"))
    monkeypatch.setenv("AIRFLOW_CONN_LAKE_S3", json.dumps({
        "conn_type": "aws", "login": s3_server.access_key, "password": s3_server.secret_key,
        "extra": {"endpoint_url": s3_server.endpoint, "region_name": "us-east-1"}}))
    monkeypatch.setenv("AIRFLOW_CONN_NOTES_DB", f"postgres://postgres@127.0.0.1:{postgres.port}/{database}")
    path = tmp_path / "sources.yaml"
    path.write_text(f"""sources:
  - id: kb_s3
    connector: s3
    options: {{bucket: {bucket}, prefix: kb/, aws_conn_id: lake_s3, shards: 2}}
    licence: CC-BY-4.0
    owner: me
    purpose: tests
  - id: notes
    connector: sql
    options: {{conn_id: notes_db, table: notes, text_column: body, watermark_column: updated_at}}
    licence: internal
    owner: me
    purpose: tests
""")
    monkeypatch.setenv("LLMDATA_SOURCES_FILE", str(path))
    get_settings.cache_clear()
    return {"bucket": bucket, "url": url, "port": postgres.port}


def test_sharded_s3_source_through_an_airflow_connection(registry):
    summaries = [IngestOperator(task_id="ingest", source={"source_id": "kb_s3", "shard": k, "n_shards": 2})
                 .execute({"run_id": "i1"}) for k in range(2)]
    assert sum(s["records_out"] for s in summaries) == 3
    bronze = Lake(get_settings()).read(BRONZE_DOCUMENTS)
    assert sorted(bronze["item_key"].to_pylist()) == ["page-0.md", "page-1.md", "page-2.md"]
    assert set(bronze["shard"].to_pylist()) <= {0, 1}
    operator = IngestOperator(task_id="ingest", source={"source_id": "kb_s3", "shard": 0, "n_shards": 2})
    operator.execute({"run_id": "i2"})
    lineage = operator.get_openlineage_facets_on_complete(None)
    assert lineage.inputs[0].namespace == f"s3://{registry['bucket']}" and lineage.inputs[0].name == "kb/"
    assert lineage.run_facets["llmdata_source_health"].status == "ok"


def test_sql_source_through_an_airflow_connection_reads_only_new_rows(registry):
    first = IngestOperator(task_id="ingest", source="notes").execute({"run_id": "i1"})
    assert first["records_out"] == 2
    with sa.create_engine(registry["url"]).begin() as connection:
        connection.execute(sa.text("INSERT INTO notes VALUES (3, 'third note about certificates', 30)"))
    operator = IngestOperator(task_id="ingest", source="notes")
    second = operator.execute({"run_id": "i2"})
    assert second["records_out"] == 1 and second["new"] == 1 and second["unchanged"] == 1  # the tie at 20
    lineage = operator.get_openlineage_facets_on_complete(None)
    assert lineage.inputs[0].namespace == f"postgres://127.0.0.1:{registry['port']}"
    assert lineage.inputs[0].name.endswith(".public.notes")
