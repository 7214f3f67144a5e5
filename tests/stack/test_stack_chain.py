"""The native stack end to end: Airflow standalone on PostgreSQL, the lake on S3 (SeaweedFS), the DAG chain run
by the scheduler and driven only through the REST API (trigger, wait, assert) — not `airflow dags test`.

ingest is triggered; curate and rag_index must follow from its asset events; maintenance is triggered last.
"""

from __future__ import annotations

import io
import subprocess
from collections import Counter
from pathlib import Path

import boto3
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from llmdata.index.qdrant import open_index
from llmdata.lineage.chain import verify
from llmdata.lineage.events import read_events
from llmdata.schemas import BRONZE_DOCUMENTS, GOLD_CHUNKS, GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS
from llmdata.stack.native import BUCKET
from tests.stack.conftest import CHAIN, Chain, explain

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def chain(clean_chain) -> Chain:
    chain, _ = clean_chain
    api = chain.api
    api.set_paused("maintenance", False)
    chain.runs["maintenance"] = api.wait_for_run("maintenance", api.trigger("maintenance"))
    # Unpausing also created the latest @daily run; one run at a time, so it may start only now.
    api.wait_for_all_runs("maintenance")
    return chain


def test_the_chain_ran_through_the_scheduler_on_postgres(chain):
    assert chain.runs["ingest"]["run_type"] == "manual"
    # curate and rag_index were started by the scheduler from asset events, not by anyone's trigger.
    assert chain.runs["curate"]["run_type"] == "asset_triggered"
    assert chain.runs["rag_index"]["run_type"] == "asset_triggered"
    # One ingest run (of three shards) announces bronze once: one curate run, hence one rag_index run.
    assert [len(chain.api.runs(dag_id)) for dag_id in ("curate", "rag_index")] == [1, 1]
    for dag_id in CHAIN:
        tasks = chain.api.task_instances(dag_id, chain.runs[dag_id]["dag_run_id"])
        states = Counter(t["state"] for t in tasks)
        assert set(states) == {"success"}, (dag_id, states)
        # Concurrent shards resolve commit conflicts inside the write: no task needed an Airflow retry.
        retried = [(t["task_id"], t["map_index"]) for t in tasks if t["try_number"] != 1]
        assert retried == [], (dag_id, retried)
    # Airflow's metadata lives in the stack's PostgreSQL.
    url = chain.stack.env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert url.startswith("postgresql")
    port = url.rsplit(":", 1)[1].split("/")[0]
    rows = subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "airflow", "-tAc",
                           "SELECT dag_id, state FROM dag_run WHERE dag_id IN ('ingest','curate','rag_index')"],
                          capture_output=True, text=True, check=True).stdout.split()
    assert sorted(rows) == ["curate|success", "ingest|success", "rag_index|success"]


def test_the_lake_is_on_s3_and_nothing_was_lost(chain):
    settings = chain.stack.settings()
    assert settings.warehouse == f"s3://{BUCKET}/warehouse"
    s3 = boto3.client("s3", endpoint_url=settings.s3_endpoint, aws_access_key_id=settings.s3_access_key_id,
                      aws_secret_access_key=settings.s3_secret_access_key, region_name=settings.s3_region)
    keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET) for o in
            page.get("Contents", [])]
    assert any(k.startswith("warehouse/gold") and k.endswith(".parquet") for k in keys)
    lake = chain.lake()
    bronze = lake.read(BRONZE_DOCUMENTS, columns=["doc_id"]).num_rows
    gold = lake.read(GOLD_DOCUMENTS, columns=["doc_id"]).num_rows
    quarantined = lake.read(QUARANTINE_DOCUMENTS, columns=["doc_id"]).num_rows
    assert bronze >= 150 and gold > 0 and quarantined > 0
    assert gold + quarantined == bronze


def test_qdrant_holds_one_point_per_gold_chunk(chain):
    settings = chain.stack.settings()
    chunks = chain.lake().row_count(GOLD_CHUNKS)
    with open_index(settings) as index:
        assert index.count(settings.collection) == chunks > 0


def test_lineage_came_from_the_openlineage_provider_and_is_sealed(chain):
    settings = chain.stack.settings()
    events = read_events(settings)
    completed = {e["job"]["name"] for e in events if e["eventType"] == "COMPLETE"}
    assert {"ingest.ingest_source", "curate.publish", "rag_index.embed_index", "rag_index.publish_index"} <= completed
    publish = next(e for e in events if e["job"]["name"] == "curate.publish" and e["eventType"] == "COMPLETE")
    assert publish["run"]["facets"]["llmdata_stage"]["stage"] == "publish"
    assert any(o["namespace"] == settings.warehouse and o["name"] == GOLD_DOCUMENTS for o in publish["outputs"])
    result = verify(settings)
    assert result["batches"] >= 3  # ingest, curate and rag_index each sealed theirs
    assert result["archived_batches"] == result["batches"]  # every sealed batch also lives in the S3 warehouse


def test_the_data_report_tab_serves_the_curate_run(chain):
    run_id = chain.runs["curate"]["dag_run_id"]
    headers = chain.api._headers()
    import httpx

    page = httpx.get(f"{chain.stack.api_url}/llmdata/audit/curate/{run_id}", headers=headers, timeout=60)
    assert page.status_code == 200
    assert "Art. 10" in page.text and run_id in page.text


def test_maintenance_compacts_the_lake_and_finds_gold_and_the_index_fresh(chain):
    run = chain.runs["maintenance"]
    assert run["state"] == "success", explain(chain.api, chain.stack, "maintenance", run)
    freshness = chain.api.xcom("maintenance", run["dag_run_id"], "check_freshness")
    assert freshness["gold_age_hours"] < 1 and freshness["index_lag_hours"] == 0
    # Unpausing also starts the @daily run: whichever ran first did the compaction, the other found none left.
    compacted: dict = {}
    for other in chain.api.runs("maintenance"):
        assert other["state"] == "success", explain(chain.api, chain.stack, "maintenance", other)
        compacted |= chain.api.xcom("maintenance", other["dag_run_id"], "compact")["compacted"]
    # Every mapped shard committed its own file to the silver tables: those were merged, rows unchanged.
    filtered = compacted["silver.filtered"]
    assert filtered["files_rewritten"] > filtered["files_written"] >= 1
    assert chain.lake().row_count("silver.filtered") == filtered["rows"]


def test_a_second_ingest_changes_nothing_downstream(chain):
    """Idempotence through the scheduler: ingesting the same corpus again adds no rows, emits no bronze event, so
    neither curate nor rag_index runs."""
    import time

    lake = chain.lake()
    before = (lake.row_count(GOLD_DOCUMENTS), lake.row_count(GOLD_CHUNKS))
    known = {dag_id: len(chain.api.runs(dag_id)) for dag_id in ("curate", "rag_index")}
    run = chain.api.wait_for_run("ingest", chain.api.trigger("ingest"))
    assert run["state"] == "success"
    states = {t["task_id"]: t["state"] for t in chain.api.task_instances("ingest", run["dag_run_id"])}
    assert states["summarize"] == "skipped"
    time.sleep(15)  # several scheduler loops: an asset event would have started curate by now
    assert {dag_id: len(chain.api.runs(dag_id)) for dag_id in ("curate", "rag_index")} == known
    lake = chain.lake()
    assert (lake.row_count(GOLD_DOCUMENTS), lake.row_count(GOLD_CHUNKS)) == before
    settings = chain.stack.settings()
    with open_index(settings) as index:
        assert index.count(settings.collection) == before[1]


def test_cli_env_file_points_at_the_stack(chain, tmp_path: Path):
    text = chain.stack.env_file()
    assert f"LLMDATA_LAKE_URI=s3://{BUCKET}/warehouse" in text
    assert "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql" in text


def test_erasure_through_the_api_leaves_no_copy_in_the_s3_warehouse(chain):
    """Triggered with a conf like an operator would; afterwards no object in the bucket holds the text."""
    from pyiceberg.expressions import EqualTo

    settings = chain.stack.settings()
    lake = chain.lake()
    gold = lake.read(GOLD_DOCUMENTS, columns=["doc_id", "source_uri", "text"]).sort_by("doc_id").to_pylist()
    texts = [row["text"] for row in gold]
    # A passage only one document has (the sample corpus is templated: many pages share sentences).
    target, snippet = next((row, row["text"][i:i + 60].encode()) for row in gold if len(row["text"]) > 400
                           for i in range(100, len(row["text"]) - 60, 60)
                           if sum(row["text"][i:i + 60] in t for t in texts) == 1)
    s3 = boto3.client("s3", endpoint_url=settings.s3_endpoint, aws_access_key_id=settings.s3_access_key_id,
                      aws_secret_access_key=settings.s3_secret_access_key, region_name=settings.s3_region)

    def holds(key: str) -> bool:
        body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        if not key.endswith(".parquet"):
            return snippet in body
        table = pq.read_table(io.BytesIO(body))  # compressed pages: look at the values
        return any(pc.any(pc.match_substring(table[c], snippet.decode())).as_py() for c in table.column_names
                   if pa.types.is_string(table[c].type) or pa.types.is_large_string(table[c].type))

    def objects_holding_the_text() -> list[str]:
        keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
                for o in page.get("Contents", [])]
        return [k for k in keys if holds(k)]

    assert objects_holding_the_text()  # the search finds copies before erasure
    chain.api.set_paused("erasure", False)
    run = chain.api.wait_for_run("erasure", chain.api.trigger("erasure", {"doc_ids": [target["doc_id"]],
                                                                           "reason": "GDPR Art. 17 test"}))
    assert run["state"] == "success", explain(chain.api, chain.stack, "erasure", run)
    summary = chain.api.xcom("erasure", run["dag_run_id"], "erase")
    assert target["doc_id"] not in str(summary)
    lake = chain.lake()
    for name in (BRONZE_DOCUMENTS, GOLD_DOCUMENTS, GOLD_CHUNKS):
        assert lake.read(name, row_filter=EqualTo("doc_id", target["doc_id"])).num_rows == 0, name
    assert objects_holding_the_text() == []
