from __future__ import annotations

import threading

import pyarrow as pa
import pytest
from pyiceberg.expressions import EqualTo

from llmdata.lake import Lake, LakeError
from llmdata.schemas import GOLD_DOCUMENTS, SILVER_DOCUMENTS
from tests.conftest import ROLLBACK, RUNBOOK, make_documents


def test_tables_are_created_in_one_namespace_per_layer(lake):
    namespaces = {ns[0] for ns in lake.catalog.list_namespaces()}
    assert {"bronze", "silver", "gold", "quarantine", "meta"} <= namespaces


def test_retried_write_replaces_its_own_rows_instead_of_duplicating(lake):
    rows = make_documents({"a": RUNBOOK, "b": ROLLBACK}, run_id="r1", shard=0)
    for _ in range(3):
        lake.replace(SILVER_DOCUMENTS, rows, {"run_id": "r1", "shard": 0}, run_id="r1", writer="test")
    assert lake.read(SILVER_DOCUMENTS).num_rows == 2


def test_a_staged_replace_is_invisible_until_its_one_commit(lake):
    old = make_documents({"old": RUNBOOK}, run_id="r1", shard=0)
    lake.replace(SILVER_DOCUMENTS, old, {"run_id": "r1", "shard": 0}, run_id="r1", writer="test")
    staged = lake.staged_replace(SILVER_DOCUMENTS, {"run_id": "r1", "shard": 0})
    staged.write(make_documents({"a": RUNBOOK}, run_id="r1", shard=0))
    staged.write(make_documents({"b": ROLLBACK}, run_id="r1", shard=0))
    assert lake.read(SILVER_DOCUMENTS)["doc_id"].to_pylist() == ["old"]
    assert staged.files == [] and staged.rows == 2  # small batches wait in the buffer: one file, not one each
    staged.commit("r1", "test")
    assert sorted(lake.read(SILVER_DOCUMENTS)["doc_id"].to_pylist()) == ["a", "b"]
    assert len(staged.files) == 1
    unbuffered = lake.staged_replace(SILVER_DOCUMENTS, {"run_id": "r1", "shard": 0}, buffer_bytes=0)
    for doc in ("c", "d"):
        unbuffered.write(make_documents({doc: RUNBOOK}, run_id="r1", shard=0))
    assert len(unbuffered.files) == 2  # written as they came
    unbuffered.commit("r1", "test")
    assert sorted(lake.read(SILVER_DOCUMENTS)["doc_id"].to_pylist()) == ["c", "d"]
    with pytest.raises(LakeError, match="shard=0"):
        lake.staged_replace(SILVER_DOCUMENTS, {"run_id": "r1", "shard": 0}).write(
            make_documents({"c": RUNBOOK}, run_id="r1", shard=1))


def test_shards_of_one_run_never_erase_each_other(lake):
    lake.replace(SILVER_DOCUMENTS, make_documents({"a": RUNBOOK}, shard=0), {"run_id": "run-1", "shard": 0},
                 run_id="run-1", writer="test")
    lake.replace(SILVER_DOCUMENTS, make_documents({"b": ROLLBACK}, shard=1), {"run_id": "run-1", "shard": 1},
                 run_id="run-1", writer="test")
    assert sorted(lake.read(SILVER_DOCUMENTS)["doc_id"].to_pylist()) == ["a", "b"]


def test_concurrent_shard_writers_all_land_despite_commit_conflicts(settings):
    errors: list[BaseException] = []

    def write(shard: int) -> None:
        try:
            own = Lake(settings)
            rows = make_documents({f"doc-{shard}-{i}": RUNBOOK for i in range(5)}, shard=shard)
            own.replace(SILVER_DOCUMENTS, rows, {"run_id": "run-1", "shard": shard}, run_id="run-1", writer="t")
        except BaseException as error:  # surfaced below
            errors.append(error)

    Lake(settings).ensure_all()
    threads = [threading.Thread(target=write, args=(shard,)) for shard in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Lake(settings).read(SILVER_DOCUMENTS).num_rows == 20


def test_rows_must_belong_to_the_owner_they_replace(lake):
    rows = make_documents({"a": RUNBOOK}, shard=1)
    with pytest.raises(LakeError, match="shard=0"):
        lake.replace(SILVER_DOCUMENTS, rows, {"run_id": "run-1", "shard": 0}, run_id="run-1", writer="test")


def test_gold_upsert_updates_changed_documents_and_deletes_removed_ones(lake):
    lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK, "b": ROLLBACK}), run_id="r1", writer="t")
    lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK + " Updated."}), run_id="r2", writer="t",
                delete_keys=["b"])
    gold = lake.read(GOLD_DOCUMENTS)
    assert gold["doc_id"].to_pylist() == ["a"]
    assert gold["text"][0].as_py().endswith("Updated.")


def test_changes_between_snapshots_name_upserted_and_removed_keys(lake):
    first = lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK, "b": ROLLBACK}), run_id="r1", writer="t")
    second = lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK + " v2", "c": ROLLBACK + " c"}),
                         run_id="r2", writer="t", delete_keys=["b"])
    changes = lake.changes(GOLD_DOCUMENTS, "doc_id", "text_sha256", first, second)
    assert changes.upserted == ["a", "c"]
    assert changes.removed == ["b"]
    everything = lake.changes(GOLD_DOCUMENTS, "doc_id", "text_sha256", None, second)
    assert everything.upserted == ["a", "c"] and everything.removed == []
    assert lake.changes(GOLD_DOCUMENTS, "doc_id", "text_sha256", second, second).upserted == []


def test_time_travel_reads_the_version_lineage_recorded(lake):
    first = lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK}), run_id="r1", writer="t")
    lake.upsert(GOLD_DOCUMENTS, make_documents({"b": ROLLBACK}), run_id="r2", writer="t", delete_keys=["a"])
    assert lake.read(GOLD_DOCUMENTS, snapshot_id=first)["doc_id"].to_pylist() == ["a"]
    assert lake.read(GOLD_DOCUMENTS)["doc_id"].to_pylist() == ["b"]


def test_runs_since_lists_the_runs_committed_after_a_snapshot(lake):
    s1 = lake.replace(SILVER_DOCUMENTS, make_documents({"a": RUNBOOK}, run_id="r1"), {"run_id": "r1"},
                      run_id="r1", writer="t")
    lake.replace(SILVER_DOCUMENTS, make_documents({"b": ROLLBACK}, run_id="r2"), {"run_id": "r2"},
                 run_id="r2", writer="t")
    s3 = lake.replace(SILVER_DOCUMENTS, make_documents({"c": ROLLBACK}, run_id="r3"), {"run_id": "r3"},
                      run_id="r3", writer="t")
    assert lake.runs_since(SILVER_DOCUMENTS, s1, s3) == ["r3", "r2"]
    assert set(lake.runs_since(SILVER_DOCUMENTS, None, s3)) == {"r1", "r2", "r3"}


def test_consumer_offsets_round_trip_and_move_forward(lake):
    assert lake.offset("curate", "bronze.documents") is None
    lake.commit_offset("curate", "bronze.documents", 11, "r1")
    lake.commit_offset("curate", "bronze.documents", 22, "r2")
    lake.commit_offset("rag_index", "gold.documents", 5, "r2")
    assert lake.offset("curate", "bronze.documents") == 22
    assert lake.offset("rag_index", "gold.documents") == 5


def test_filtered_read_and_projection(lake):
    lake.replace(SILVER_DOCUMENTS, make_documents({"a": RUNBOOK, "b": ROLLBACK}), {"run_id": "run-1"},
                 run_id="run-1", writer="t")
    rows = lake.read(SILVER_DOCUMENTS, row_filter=EqualTo("doc_id", "b"), columns=["doc_id", "n_words"])
    assert rows.column_names == ["doc_id", "n_words"]
    assert rows.to_pylist() == [{"doc_id": "b", "n_words": len(ROLLBACK.split())}]


def test_unknown_table_is_a_clear_error(lake):
    with pytest.raises(LakeError, match=r"unknown lake table 'gold\.docs'"):
        lake.table("gold.docs")


def test_unreachable_catalog_names_the_setting(tmp_path):
    from llmdata.config import load_settings

    settings = load_settings(data_dir=tmp_path, catalog_uri="postgresql+psycopg2://u:p@127.0.0.1:1/none")
    with pytest.raises(LakeError, match="LLMDATA_CATALOG_URI"):
        Lake(settings).table(GOLD_DOCUMENTS)


def test_empty_table_reads_as_empty_with_schema(lake):
    rows = lake.read(GOLD_DOCUMENTS)
    assert rows.num_rows == 0
    assert "text" in rows.column_names
    assert isinstance(rows, pa.Table)


def test_a_failure_to_reach_s3_or_the_catalog_is_named_with_what_to_check(settings):
    from sqlalchemy.engine import URL
    from sqlalchemy.exc import OperationalError

    from llmdata.config import load_settings
    from llmdata.lake import service_failure

    # Built, not written out: the repository's secret scan rightly flags any password in a URL literal.
    catalog_uri = URL.create("postgresql+psycopg2", "iceberg", "hunter22", "db", 5432, "iceberg")
    stack = load_settings(data_dir=settings.data_path, lake_uri="s3://lake/warehouse", s3_endpoint="http://s3:9000",
                          catalog_uri=catalog_uri.render_as_string(hide_password=False))
    s3 = service_failure(stack, OSError("When reading information for key 'x': AWS Error NETWORK_CONNECTION"))
    assert "object store (S3 at http://s3:9000" in str(s3) and "NETWORK_CONNECTION" in str(s3)
    catalog = service_failure(stack, OperationalError("SELECT 1", {}, Exception("server closed the connection")))
    assert "catalog database" in str(catalog) and "db:5432" in str(catalog) and "hunter22" not in str(catalog)
    assert service_failure(stack, ValueError("a bug")) is None
    assert service_failure(stack, OSError("disk full")) is None
