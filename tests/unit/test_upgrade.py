"""A lake, catalog and Qdrant collection in the previous release's layout open and continue incrementally.

The previous release wrote eight silver tables on every run (three of them, silver.extracted, .normalized and
.screened, hold text before PII redaction), recorded its offsets in meta.offsets, wrote bronze without the
row-group property, and kept no plan files. The fixture builds exactly that layout (a committed curate and
rag_index run, then the previous release's extra tables and properties), and the new code takes it from there.
"""

from __future__ import annotations

import shutil

import pyarrow as pa
import pyarrow.compute as pc
from pyiceberg.expressions import EqualTo

from llmdata.lake import Lake
from llmdata.schemas import (
    BRONZE_DOCUMENTS,
    DOCUMENT,
    GOLD_CHUNKS,
    GOLD_DOCUMENTS,
    LEGACY_TABLES,
    SILVER_FILTERED,
    SILVER_NORMALIZED,
    conform,
)
from tests.conftest import ROLLBACK, RUNBOOK, use_files_source

ROW_GROUPS = "write.parquet.row-group-limit"


def index_run(run_id: str) -> dict:
    from llmdata.operators.plan import CommitOffsetOperator, PlanShardsOperator
    from llmdata.operators.rag import ChunkOperator, EmbedIndexOperator, PublishIndexOperator

    shards = PlanShardsOperator(task_id="plan", consumer="rag_index", table=GOLD_DOCUMENTS, mode="keyed",
                                rebuild_on_index_change=True).execute({"run_id": run_id})
    for shard in shards:
        ChunkOperator(task_id="chunk", shard=shard).execute({"run_id": run_id})
        EmbedIndexOperator(task_id="embed_index", shard=shard).execute({"run_id": run_id})
    published = PublishIndexOperator(task_id="publish_index").execute({"run_id": run_id})
    CommitOffsetOperator(task_id="commit", consumer="rag_index", table=GOLD_DOCUMENTS,
                         plan=shards).execute({"run_id": run_id})
    return published


def as_previous_release(lake: Lake, run_id: str) -> dict[str, int]:
    """Give ``lake`` the previous release's layout: its pre-redaction silver tables holding the run's rows, no
    row-group property on bronze or silver.filtered, no plan files. Returns the legacy tables' row counts."""
    rows = lake.read(SILVER_FILTERED, row_filter=EqualTo("run_id", run_id))
    counts = {}
    for name in LEGACY_TABLES:
        table = lake.catalog.create_table(name, schema=DOCUMENT)
        table.append(conform(rows, DOCUMENT))
        counts[name] = rows.num_rows
    for name in (BRONZE_DOCUMENTS, SILVER_FILTERED):
        with lake.table(name).transaction() as transaction:
            transaction.remove_properties(ROW_GROUPS)
    shutil.rmtree(lake.settings.data_path / "lake" / "_plans")
    return counts


def as_previous_release_index(settings) -> int:
    """Rewrite the index as the previous release kept it: qdrant-client local mode in the index folder, the
    collection behind the alias. Returns its points."""
    import json

    import qdrant_edge as q
    from qdrant_client import QdrantClient, models

    from llmdata.index.service import stop_service

    stop_service(settings.qdrant_folder)
    edge = settings.qdrant_folder / "edge"
    aliases = json.loads((edge / "aliases.json").read_text())
    client = QdrantClient(path=str(settings.qdrant_folder))
    points = 0
    for folder in (edge / "collections").iterdir():
        meta = json.loads((folder / "collection.json").read_text())
        shard = q.EdgeShard.load(str(folder / meta["current"]))
        records, _ = shard.scroll(q.ScrollRequest(limit=100_000, with_payload=True, with_vector=True))
        shard.close()
        client.create_collection(folder.name, vectors_config=models.VectorParams(
            size=meta["dimension"], distance=models.Distance.COSINE))
        # The previous release kept one unnamed dense vector per point.
        client.upsert(folder.name, [models.PointStruct(id=str(r.id), vector=list(r.vector["dense"]), payload=r.payload)
                                    for r in records])
        points += len(records)
    client.update_collection_aliases(change_aliases_operations=[models.CreateAliasOperation(
        create_alias=models.CreateAlias(collection_name=c, alias_name=a)) for a, c in aliases.items()])
    client.close()
    shutil.rmtree(edge)
    return points


def test_a_lake_of_the_previous_release_continues_incrementally(settings, tmp_path, monkeypatch):
    from llmdata.erasure import ErasureRequest, erase, find
    from llmdata.index.qdrant import open_index
    from llmdata.operators.ingest import IngestOperator
    from tests.unit.test_operators import curate_run

    folder = use_files_source(tmp_path, monkeypatch, {"runbook.md": f"# Backups\n\n{RUNBOOK}",
                                                      "rollback.md": f"# Rollback\n\n{ROLLBACK}"})
    IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i1"})
    curate_run("c1")
    index_run("r1")
    lake = Lake(settings)
    legacy = as_previous_release(lake, "c1")
    gold_before = {r["source_uri"].rsplit("/", 1)[1]: r for r in lake.read(GOLD_DOCUMENTS).to_pylist()}
    points_before = as_previous_release_index(settings)
    with open_index(settings) as index:  # the new release's index service takes the old store over
        assert index.count(settings.collection) == points_before
    assert not (settings.qdrant_folder / "collection").exists()  # its copy of the payloads is gone

    # The new release opens it: one page changes, one run of each DAG follows.
    (folder / "rollback.md").write_text(f"# Rollback\n\n{ROLLBACK} Always roll back before 17:00 on Fridays.")
    assert IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i2"})["records_out"] == 1
    lake = Lake(settings)
    assert set(lake.names()) >= set(LEGACY_TABLES)
    published = curate_run("c2")
    assert published["published"] == 1  # only the change: the offset the previous release recorded holds
    gold = {r["source_uri"].rsplit("/", 1)[1]: r for r in lake.read(GOLD_DOCUMENTS).to_pylist()}
    assert gold["runbook.md"]["run_id"] == "c1" and gold["runbook.md"]["text"] == gold_before["runbook.md"]["text"]
    assert gold["rollback.md"]["run_id"] == "c2" and "17:00 on Fridays" in gold["rollback.md"]["text"]
    assert lake.table(BRONZE_DOCUMENTS).properties[ROW_GROUPS] == "128"  # the properties the lake lacked
    assert lake.table(SILVER_FILTERED).properties[ROW_GROUPS] == "256"
    assert {name: lake.row_count(name) for name in LEGACY_TABLES} == legacy  # left as they were
    index_run("r2")
    changed = gold["rollback.md"]["doc_id"]
    runs = {r["doc_id"]: r["run_id"] for r in lake.read(GOLD_CHUNKS, columns=["doc_id", "run_id"]).to_pylist()}
    assert runs[changed] == "r2" and runs[gold["runbook.md"]["doc_id"]] == "r1"  # only the change re-chunked
    with open_index(settings) as index:  # the collection the previous release filled, through the same alias
        assert index.count(settings.collection) == lake.row_count(GOLD_CHUNKS)
    assert points_before > 0

    # Erasure reaches the previous release's tables; `drop_legacy` removes them.
    runbook = gold["runbook.md"]["doc_id"]
    erase(lake, settings, find(lake, ErasureRequest(doc_ids=(runbook,)), settings), ErasureRequest(
        doc_ids=(runbook,)), "erase-1")
    for name in LEGACY_TABLES:
        assert lake.read(name, row_filter=EqualTo("doc_id", runbook)).num_rows == 0, name
    assert sorted(lake.drop_legacy()) == sorted(LEGACY_TABLES) and set(lake.names()).isdisjoint(LEGACY_TABLES)
    assert SILVER_NORMALIZED not in lake.names()
    assert pc.sum(pc.equal(lake.read(GOLD_DOCUMENTS)["doc_id"], pa.scalar(runbook))).as_py() in (None, 0)
