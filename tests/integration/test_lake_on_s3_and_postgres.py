"""The lake on the stack's backends: Iceberg catalog in a real PostgreSQL, warehouse on a real S3 server."""

from __future__ import annotations

import threading
import uuid

import pytest
from pyiceberg.expressions import EqualTo

from llmdata.config import load_settings
from llmdata.lake import Lake, LakeError
from llmdata.schemas import GOLD_DOCUMENTS, SILVER_DOCUMENTS
from tests.conftest import ROLLBACK, RUNBOOK, make_documents


@pytest.fixture
def stack_settings(postgres, s3_server, tmp_path):
    suffix = uuid.uuid4().hex[:8]
    s3_server.create_bucket(f"lake-{suffix}")
    return load_settings(
        data_dir=tmp_path, lake_uri=f"s3://lake-{suffix}/warehouse",
        catalog_uri=postgres.create_database(f"catalog_{suffix}"),
        s3_endpoint=s3_server.endpoint, s3_access_key_id=s3_server.access_key,
        s3_secret_access_key=s3_server.secret_key,
    )


def test_gold_upserts_deletes_and_time_travels_on_s3_with_a_postgres_catalog(stack_settings):
    lake = Lake(stack_settings)
    lake.ensure_all()
    first = lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK, "b": ROLLBACK}), run_id="r1", writer="t")
    second = lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK + " v2"}), run_id="r2", writer="t",
                         delete_keys=["b"])
    assert lake.read(GOLD_DOCUMENTS)["doc_id"].to_pylist() == ["a"]
    assert lake.read(GOLD_DOCUMENTS, snapshot_id=first).num_rows == 2
    changes = lake.changes(GOLD_DOCUMENTS, "doc_id", "text_sha256", first, second)
    assert (changes.upserted, changes.removed) == (["a"], ["b"])
    location = lake.table(GOLD_DOCUMENTS).metadata.location
    assert location.startswith(f"{stack_settings.warehouse}/gold/documents")


def test_concurrent_shards_commit_through_the_postgres_catalog_without_loss(stack_settings):
    Lake(stack_settings).ensure_all()
    errors: list[BaseException] = []

    def write(shard: int) -> None:
        try:
            rows = make_documents({f"d{shard}-{i}": RUNBOOK for i in range(10)}, shard=shard)
            Lake(stack_settings).replace(SILVER_DOCUMENTS, rows, {"run_id": "run-1", "shard": shard},
                                         run_id="run-1", writer=f"shard-{shard}")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(shard,)) for shard in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    lake = Lake(stack_settings)
    assert lake.read(SILVER_DOCUMENTS).num_rows == 40
    # A retry of one shard replaces only that shard's rows.
    lake.replace(SILVER_DOCUMENTS, make_documents({"d2-0": ROLLBACK}, shard=2), {"run_id": "run-1", "shard": 2},
                 run_id="run-1", writer="retry")
    assert lake.read(SILVER_DOCUMENTS, row_filter=EqualTo("shard", 2)).num_rows == 1
    assert lake.read(SILVER_DOCUMENTS).num_rows == 31


def test_wrong_s3_credentials_fail_with_a_clear_error(stack_settings):
    bad = stack_settings.model_copy(update={"s3_secret_access_key": "wrong"})
    lake = Lake(bad)
    Lake(stack_settings).ensure_all()
    with pytest.raises(LakeError, match=r"(?i)access.denied") as error:
        lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK}), run_id="r1", writer="t")
    assert "LLMDATA_S3_SECRET_ACCESS_KEY" in str(error.value)


def test_sealed_lineage_batches_are_copied_to_the_s3_warehouse_and_checked(stack_settings):
    import json

    from llmdata.files import read_uri, write_uri
    from llmdata.lineage.chain import ChainBrokenError, archive_uri, seal, verify
    from llmdata.lineage.events import ensure_lineage_folder

    ensure_lineage_folder(stack_settings)
    log = stack_settings.lineage_uri.removeprefix("file://")
    events = [json.dumps({"eventType": "COMPLETE", "job": {"name": f"curate.t{i}"}}) for i in range(3)]
    with open(log, "a") as handle:
        handle.write("\n".join(events[:2]) + "\n")
    seal(stack_settings)
    with open(log, "a") as handle:
        handle.write(events[2] + "\n")
    seal(stack_settings)
    assert verify(stack_settings)["archived_batches"] == 2
    first = archive_uri(stack_settings, 1)
    assert first.startswith(f"{stack_settings.warehouse}/_lineage/batches/")
    assert read_uri(first, stack_settings.s3_options()).decode().splitlines() == events[:2]
    write_uri(first, events[1].encode() + b"\n", stack_settings.s3_options())  # someone drops an event from the copy
    with pytest.raises(ChainBrokenError, match="warehouse copy of batch 1"):
        verify(stack_settings)


def test_concurrent_replaces_by_key_with_overlapping_file_bounds_all_land(stack_settings):
    """Shards replace disjoint doc_ids whose files' min/max bounds overlap (ids interleave): PyIceberg flags each
    other's files as possible conflicts, and the lake redoes the write on the new state instead of failing."""
    from pyiceberg.expressions import In

    Lake(stack_settings).ensure_all()
    errors: list[BaseException] = []
    shards = 4

    def write(shard: int) -> None:
        try:
            ids = [f"d{i:03d}" for i in range(shard, 40, shards)]  # d000, d004, … for shard 0: interleaved
            lake = Lake(stack_settings)
            for attempt in range(3):  # several commits per shard, as a re-run would
                rows = make_documents({d: f"{RUNBOOK} {attempt}" for d in ids}, run_id=f"run-{attempt}",
                                      shard=shard)
                lake.replace_where(GOLD_DOCUMENTS, rows, In("doc_id", ids), run_id=f"run-{attempt}",
                                   writer=f"shard-{shard}")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(shard,)) for shard in range(shards)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = Lake(stack_settings).read(GOLD_DOCUMENTS, columns=["doc_id", "run_id"])
    assert sorted(rows["doc_id"].to_pylist()) == [f"d{i:03d}" for i in range(40)]
    assert set(rows["run_id"].to_pylist()) == {"run-2"}


def test_first_writers_racing_on_a_fresh_postgres_catalog_all_get_the_keyed_table(stack_settings):
    """Mapped ingest shards of a first run create the same namespace and table at once (seen in make stack-test:
    a UniqueViolation on the namespace row made one shard need an Airflow retry)."""
    from llmdata.schemas import KEYS

    barrier = threading.Barrier(6, timeout=60)
    errors: list[BaseException] = []

    def first_use() -> None:
        try:
            lake = Lake(stack_settings)
            barrier.wait()
            lake.table(GOLD_DOCUMENTS)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=first_use) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    table = Lake(stack_settings).table(GOLD_DOCUMENTS)
    assert table.schema().identifier_field_names() == set(KEYS[GOLD_DOCUMENTS])
    assert Lake(stack_settings).catalog.list_tables("gold") == [("gold", "documents")]


def test_the_canary_scan_reads_the_files_beside_the_tables_on_s3(stack_settings):
    """Reports, exports and the review CSV live in the S3 warehouse, not the data folder: the scan lists and
    decodes them (Parquet read a column at a time), and leaves the tables' own files to the table scan."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    from llmdata.canary import Needles, scan_warehouse_files

    lake = Lake(stack_settings)
    lake.ensure_all()
    lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK + " CANARY-in-a-table"}), run_id="r1", writer="t")
    lake.write_file("_reports/quality/r1/report.json", b'{"note": "CANARY-in-a-report"}')
    lake.write_file("_review/review_queue.csv", b"doc_id,text\na,CANARY-in-the-review\n")
    export = io.BytesIO()
    pq.write_table(pa.table({"text": ["CANARY-in-an-export"] * 500}), export, compression="zstd")
    lake.write_file("_exports/1/part-00000.parquet", export.getvalue())
    canaries = ["CANARY-in-a-report", "CANARY-in-the-review", "CANARY-in-an-export", "CANARY-in-a-table"]
    report = scan_warehouse_files(lake, Needles(canaries))
    assert sorted(h.canary for h in report.hits) == sorted(canaries[:3])
    assert all(h.where.startswith(stack_settings.warehouse) for h in report.hits)
