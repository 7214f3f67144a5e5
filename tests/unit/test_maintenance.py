"""Housekeeping: snapshot expiry respects retention and consumers, old collections go, stale gold alerts."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from llmdata.config import get_settings
from llmdata.lake import Lake
from llmdata.maintenance import StaleDataError, check_freshness, drop_old_collections, expire_snapshots
from llmdata.schemas import GOLD_DOCUMENTS, SILVER_DOCUMENTS
from tests.conftest import ROLLBACK, RUNBOOK, make_documents


def test_expiry_keeps_the_current_snapshot_and_what_a_consumer_still_reads(settings):
    lake = Lake(settings)
    first = lake.replace(SILVER_DOCUMENTS, make_documents({"a": RUNBOOK}, run_id="r1"), {"run_id": "r1"}, "r1", "t")
    second = lake.replace(SILVER_DOCUMENTS, make_documents({"b": ROLLBACK}, run_id="r2"), {"run_id": "r2"}, "r2",
                          "t")
    third = lake.replace(SILVER_DOCUMENTS, make_documents({"c": ROLLBACK}, run_id="r3"), {"run_id": "r3"}, "r3",
                         "t")
    lake.commit_offset("reader", SILVER_DOCUMENTS, second, "r2")
    in_a_year = int(time.time() * 1000) + 365 * 86_400_000
    assert expire_snapshots(lake, retention_days=190, now_ms=int(time.time() * 1000)) == []  # all within retention
    expired = {e.table: e.snapshots for e in expire_snapshots(lake, retention_days=190, now_ms=in_a_year)}
    assert first in expired[SILVER_DOCUMENTS]
    remaining = {s.snapshot_id for s in lake.table(SILVER_DOCUMENTS).snapshots()}
    assert {second, third} <= remaining and first not in remaining
    assert sorted(lake.read(SILVER_DOCUMENTS)["doc_id"].to_pylist()) == ["a", "b", "c"]


def test_old_collections_go_but_the_target_and_the_last_previous_stay(settings):
    from llmdata.index.qdrant import open_index
    from llmdata.maintenance import record_swap

    lake = Lake(settings)
    names = [f"{settings.collection}__v{i}" for i in range(3)]
    with open_index(settings) as index:
        for name in names:
            index.ensure_collection(name, 4)
        index.swap_alias(settings.collection, names[1])
        record_swap(lake, settings.collection, names[1], names[0])
        index.swap_alias(settings.collection, names[2])
        record_swap(lake, settings.collection, names[2], names[1])
    assert drop_old_collections(lake, settings) == [names[0]]
    with open_index(settings) as index:
        assert set(index.names()) == {names[1], names[2]}


def test_freshness_alerts_when_gold_is_stale_or_missing(settings):
    lake = Lake(settings)
    with pytest.raises(StaleDataError, match="never been published"):
        check_freshness(lake, 48)
    lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK}), "c1", "t")
    assert check_freshness(lake, 48) < 1
    with pytest.raises(StaleDataError, match=r"limit 48 h"):
        check_freshness(lake, 48, now_ms=int(time.time() * 1000) + 72 * 3_600_000)


class _Alerts(list):
    """The ALERT lines of the alert log (attached to the logger itself: Airflow reconfigures the root)."""

    def __enter__(self) -> _Alerts:
        import logging

        self.handler = logging.Handler(logging.ERROR)
        self.handler.emit = lambda record: self.append(record.getMessage())  # type: ignore[method-assign]
        logging.getLogger("llmdata.alerts").addHandler(self.handler)
        return self

    def __exit__(self, *exc: object) -> None:
        import logging

        logging.getLogger("llmdata.alerts").removeHandler(self.handler)


def _webhook(monkeypatch) -> tuple[object, list[dict]]:
    """A local incoming webhook, and LLMDATA_ALERT_NOTIFIERS sending to it through an HTTP connection."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    received: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append({"path": self.path} | json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("AIRFLOW_CONN_LLMDATA_ALERTS", json.dumps({
        "conn_type": "http", "host": "127.0.0.1", "port": server.server_port, "schema": "http"}))
    monkeypatch.setenv("LLMDATA_ALERT_NOTIFIERS", "http:llmdata_alerts")
    get_settings.cache_clear()
    return server, received


def test_a_failed_task_alerts_through_the_http_notifier_without_data(settings, monkeypatch):

    from airflow.providers.http.notifications.http import HttpNotifier

    from llmdata.operators.alerts import LogNotifier
    from llmdata.operators.defaults import default_args

    server, received = _webhook(monkeypatch)

    class TaskInstance:
        dag_id, task_id, try_number = "curate", "gate_mid", 3

    callbacks = default_args()["on_failure_callback"]
    assert [type(c) for c in callbacks] == [LogNotifier, HttpNotifier]
    with _Alerts() as alerts:
        for callback in callbacks:  # what Airflow does with a task's failure callbacks
            callback({"ti": TaskInstance(), "task_instance": TaskInstance(), "run_id": "manual__1",
                      "exception": RuntimeError("blocking gate 'statistical' failed")})
    server.shutdown()
    assert received[0]["dag_id"] == "curate" and received[0]["task_id"] == "gate_mid"
    assert received[0]["run_id"] == "manual__1"
    assert received[0]["text"] == ("llmdata task failed: curate.gate_mid run manual__1 (try 3): "
                                   "RuntimeError(\"blocking gate 'statistical' failed\")")
    assert alerts and alerts[0].startswith("ALERT llmdata task failed: curate.gate_mid")


def test_alert_notifiers_are_configured_by_kind_and_connection(settings, monkeypatch):
    from airflow.providers.apprise.notifications.apprise import AppriseNotifier
    from airflow.providers.slack.notifications.slack_webhook import SlackWebhookNotifier

    from llmdata.config import get_settings
    from llmdata.operators.alerts import AlertConfigError, failure_notifiers

    monkeypatch.setenv("LLMDATA_ALERT_NOTIFIERS", "slack:team_slack, apprise:ops_apprise")
    get_settings.cache_clear()
    _, slack, apprise = failure_notifiers()
    assert isinstance(slack, SlackWebhookNotifier) and slack.slack_webhook_conn_id == "team_slack"
    assert isinstance(apprise, AppriseNotifier) and apprise.apprise_conn_id == "ops_apprise"
    monkeypatch.setenv("LLMDATA_ALERT_NOTIFIERS", "pager:x")
    get_settings.cache_clear()
    with pytest.raises(AlertConfigError, match="'pager:x' is not kind:connection_id"):
        failure_notifiers()


def test_a_missed_deadline_alerts_through_every_notifier(settings, monkeypatch):
    import asyncio

    from llmdata.operators.alerts import deadline_missed

    server, received = _webhook(monkeypatch)

    class DagRun:
        dag_id, run_id = "curate", "scheduled__2026-11-22"

    with _Alerts() as alerts:
        asyncio.run(deadline_missed(context={"dag_run": DagRun()}))
    server.shutdown()
    assert alerts == ["ALERT llmdata DAG run late: curate scheduled__2026-11-22 still not finished after its deadline"]
    assert received and received[0]["text"].startswith("llmdata DAG run late: curate scheduled__2026-11-22")
    assert received[0]["dag_id"] == "curate"


def _data_files(lake: Lake, name: str) -> list[str]:
    return [task.file.file_path for task in lake.table(name).scan().plan_files()]


def test_compaction_merges_small_files_without_changing_rows_or_what_consumers_see(settings):
    from llmdata.maintenance import compact

    lake = Lake(settings)
    for i in range(10):
        lake.upsert(GOLD_DOCUMENTS, make_documents({f"d{i}": f"{RUNBOOK} {i}"}, run_id=f"r{i}"), f"r{i}", "t")
    before_snapshot = lake.snapshot_id(GOLD_DOCUMENTS)
    before = lake.read(GOLD_DOCUMENTS).sort_by("doc_id")
    assert len(_data_files(lake, GOLD_DOCUMENTS)) == 10

    done = {c.table: c for c in compact(lake, "maint-1", min_files=8)}

    assert done[GOLD_DOCUMENTS].files_rewritten == 10 and done[GOLD_DOCUMENTS].files_written == 1
    assert done[GOLD_DOCUMENTS].rows == 10
    assert len(_data_files(lake, GOLD_DOCUMENTS)) == 1
    assert lake.read(GOLD_DOCUMENTS).sort_by("doc_id").equals(before)
    after_snapshot = lake.snapshot_id(GOLD_DOCUMENTS)
    # rag_index reads gold by content hash: compaction is no change at all.
    changes = lake.changes(GOLD_DOCUMENTS, "doc_id", "text_sha256", before_snapshot, after_snapshot)
    assert changes.upserted == [] and changes.removed == []
    # The old snapshot still reads its own files (time travel within the retention).
    assert lake.read(GOLD_DOCUMENTS, snapshot_id=before_snapshot).num_rows == 10
    assert compact(lake, "maint-2", min_files=8) == []  # nothing left to merge


def test_compaction_is_invisible_to_a_consumer_reading_by_run(settings):
    from llmdata.maintenance import compact

    lake = Lake(settings)
    for i in range(9):
        lake.replace(SILVER_DOCUMENTS, make_documents({f"d{i}": RUNBOOK}, run_id=f"r{i}"), {"run_id": f"r{i}"},
                     f"r{i}", "t")
    offset = lake.snapshot_id(SILVER_DOCUMENTS)
    compact(lake, "maint-1", min_files=8)
    lake.replace(SILVER_DOCUMENTS, make_documents({"new": ROLLBACK}, run_id="r9"), {"run_id": "r9"}, "r9", "t")
    runs = lake.runs_since(SILVER_DOCUMENTS, offset, lake.snapshot_id(SILVER_DOCUMENTS))
    from pyiceberg.expressions import In

    seen = lake.read(SILVER_DOCUMENTS, row_filter=In("run_id", runs))["doc_id"].to_pylist()
    assert seen == ["new"]


def test_orphan_files_go_only_when_unreferenced_and_old_enough(settings):
    from pathlib import Path

    from llmdata.maintenance import compact, remove_orphan_files

    lake = Lake(settings)
    for i in range(8):
        lake.upsert(GOLD_DOCUMENTS, make_documents({f"d{i}": RUNBOOK}, run_id=f"r{i}"), f"r{i}", "t")
    compact(lake, "maint-1", min_files=8)
    location = Path(lake.table(GOLD_DOCUMENTS).location().removeprefix("file://"))
    stray = location / "data" / "00000-crashed-writer.parquet"
    stray.write_bytes(b"half a file from a task that died before its commit")
    later = int(time.time() * 1000) + 4 * 86_400_000

    assert remove_orphan_files(lake, GOLD_DOCUMENTS) == []  # too young: might be a commit in flight
    # The small files are still referenced by the snapshots before compaction: only the stray one goes.
    assert remove_orphan_files(lake, GOLD_DOCUMENTS, now_ms=later) == [str(stray)]
    small_files = 8
    expire_snapshots(lake, retention_days=190, now_ms=later + 190 * 86_400_000)
    removed = remove_orphan_files(lake, GOLD_DOCUMENTS, now_ms=later)
    assert len([p for p in removed if p.endswith(".parquet")]) == small_files
    assert sorted(lake.read(GOLD_DOCUMENTS)["doc_id"].to_pylist()) == [f"d{i}" for i in range(8)]


def test_index_freshness_alerts_when_gold_changes_wait_too_long_for_rag_index(settings):
    from llmdata.maintenance import check_index_freshness

    lake = Lake(settings)
    assert check_index_freshness(lake, 48) == 0.0  # nothing to index yet
    snapshot = lake.upsert(GOLD_DOCUMENTS, make_documents({"a": RUNBOOK}), "c1", "t")
    assert check_index_freshness(lake, 48) < 1  # behind, but within the limit
    with pytest.raises(StaleDataError, match=r"has not indexed gold snapshot .* check the rag_index DAG"):
        check_index_freshness(lake, 48, now_ms=int(time.time() * 1000) + 72 * 3_600_000)
    lake.commit_offset("rag_index", GOLD_DOCUMENTS, snapshot, "r1")
    assert check_index_freshness(lake, 48, now_ms=int(time.time() * 1000) + 72 * 3_600_000) == 0.0


def test_raw_retention_removes_old_bronze_and_quarantine_rows_of_limited_sources_with_their_history(
        settings, tmp_path, monkeypatch):
    import pyarrow as pa

    from llmdata.canary import Needles, scan_table
    from llmdata.config import get_settings
    from llmdata.operators.maintenance import RawRetentionOperator
    from llmdata.schemas import BRONZE, BRONZE_DOCUMENTS, QUARANTINE, QUARANTINE_DOCUMENTS, conform

    registry = tmp_path / "sources.yaml"
    entry = ("  - id: {id}\n    connector: files\n    options: {{path: {path}}}\n    licence: internal\n"
             "    owner: me@example.com\n    purpose: tests\n    classification: {{sensitivity: {level}}}\n")
    registry.write_text("raw_retention_days: {restricted: 30}\nsources:\n" + entry.format(
        id="tickets", path=tmp_path, level="restricted") + entry.format(id="wiki", path=tmp_path, level="internal"))
    monkeypatch.setenv("LLMDATA_SOURCES_FILE", str(registry))
    get_settings.cache_clear()
    now = datetime.now(UTC)
    old, recent = now - timedelta(days=60), now - timedelta(days=2)
    rows = [("tickets", "t-old", old), ("tickets", "t-new", recent), ("wiki", "w-old", old)]
    lake = Lake(get_settings())
    bronze = conform(pa.Table.from_pylist([
        {"doc_id": key, "source_id": source, "source_uri": f"file:///{key}", "licence": "internal", "item_key": key,
         "collected_at": at, "op": "upsert", "run_id": "i1",
         "content": f"Ticket {key}: call Jana Novak-Retention-Canary-{key}".encode(), "shard": 0}
        for source, key, at in rows]), BRONZE)
    lake.replace(BRONZE_DOCUMENTS, bronze, {"run_id": "i1"}, run_id="i1", writer="test")
    quarantined = conform(pa.Table.from_pylist([
        {"doc_id": key, "source_id": source, "source_uri": f"file:///{key}", "licence": "internal",
         "collected_at": at, "stage": "gate_early", "rule": "r",
         "reason": "test", "run_id": "c1", "shard": 0} for source, key, at in rows]), QUARANTINE)
    lake.replace(QUARANTINE_DOCUMENTS, quarantined, {"run_id": "c1"}, run_id="c1", writer="test")
    operator = RawRetentionOperator(task_id="raw_retention")
    summary = operator.execute({"run_id": "m1"})
    assert summary["limits"] == {"tickets": 30}
    assert summary["rows_deleted"] == {"tickets": {BRONZE_DOCUMENTS: 1, QUARANTINE_DOCUMENTS: 1}}
    for name in (BRONZE_DOCUMENTS, QUARANTINE_DOCUMENTS):
        assert sorted(lake.read(name)["doc_id"].to_pylist()) == ["t-new", "w-old"]
    history = scan_table(lake, BRONZE_DOCUMENTS, Needles(["Retention-Canary-t-old", "Retention-Canary-w-old"]))
    assert {h.canary for h in history.hits} == {"Retention-Canary-w-old"}  # no snapshot keeps the removed row
    facet = operator.get_openlineage_facets_on_complete(None).run_facets["llmdata_stage"]
    assert facet.stage == "raw_retention" and facet.params["rows_deleted"]["tickets"][BRONZE_DOCUMENTS] == 1
    assert operator.execute({"run_id": "m2"})["rows_deleted"] == {}  # nothing left past the limit
