"""Faults from outside the task process, on the native stack with the scheduler running Airflow's own retries.

Each fault happens at a named fault point (llmdata.faults) that the task must reach; the suite then acts from
outside: it SIGKILLs the task process, stops the S3 server, restarts PostgreSQL, takes the index folder away,
cuts the SQL source's connection. The run must end as a clean run does: gold, quarantine and index equal by
content, no duplicate rows or points, offsets unmoved while a run was failing, and the failed try's log naming
the service that failed. A second stack retries every task twice (a retry storm) and is scanned for PII canaries.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from llmdata.index.service import _state, stop_service
from llmdata.lake import Lake
from llmdata.schemas import BRONZE_DOCUMENTS, GOLD_CHUNKS, GOLD_DOCUMENTS
from llmdata.stack.native import NativeStack
from tests.conftest import seeded_pii
from tests.stack.conftest import SQL_SOURCE, Chain, differences, outcome, run_chain

pytestmark = pytest.mark.stack
REACH_SECONDS = 900.0


class FaultPoints:
    """Arms fault points in the folder every Airflow process of the stack reads (LLMDATA_FAULT_DIR)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def arm(self, name: str, match: dict[str, Any] | None = None, hold: bool = True, fail_tries: int = 0) -> None:
        spec = {"match": match or {}, "hold": hold, "fail_tries": fail_tries}
        tmp = self.folder / f"{name}.json.tmp"
        tmp.write_text(json.dumps(spec))
        tmp.replace(self.folder / f"{name}.json")

    def release(self, name: str) -> None:
        (self.folder / f"{name}.json").unlink(missing_ok=True)

    def reached(self, name: str) -> list[dict[str, Any]]:
        path = self.folder / f"{name}.reached"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def wait(self, name: str, **match: Any) -> dict[str, Any]:
        """The first arrival at ``name`` whose context fits ``match`` (waits for it)."""
        deadline = time.monotonic() + REACH_SECONDS
        while time.monotonic() < deadline:
            for arrival in self.reached(name):
                if all(arrival.get(k) == str(v) for k, v in match.items()):
                    return arrival
            time.sleep(0.2)
        raise AssertionError(f"fault point {name} {match} was never reached")


@dataclass
class Fault:
    """One fault of the plan: what it did and saw, for the tests to assert."""

    name: str
    act: Callable[[], dict[str, Any]]
    seen: dict[str, Any] = field(default_factory=dict)
    error: BaseException | None = None


def _task_log(stack: NativeStack, dag_id: str, task_id: str, map_index: int, attempt: int) -> str:
    """Every run's log of one attempt of one task (its file under AIRFLOW_HOME/logs)."""
    logs = Path(stack.env["AIRFLOW_HOME"]) / "logs" / f"dag_id={dag_id}"
    mapped = f"map_index={map_index}/" if map_index >= 0 else ""
    return "".join(p.read_text(errors="replace") for p in
                   logs.glob(f"run_id=*/task_id={task_id}/{mapped}attempt={attempt}.log"))


def _fault_plan(stack: NativeStack, points: FaultPoints) -> list[Fault]:
    """The faults of one chain run, in the order its tasks reach them; each returns what it observed."""
    settings = stack.settings()

    def cut_sql_connection() -> dict[str, Any]:
        points.arm("source.sql.page", {"table": "tickets", "page": 2})
        arrival = points.wait("source.sql.page")
        admin = sa.create_engine(stack.postgres.url("postgres"))
        with admin.begin() as connection:
            killed = connection.execute(sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :db"),
                {"db": SQL_SOURCE}).scalar()
        admin.dispose()
        points.release("source.sql.page")
        return {"arrival": arrival, "killed": killed}

    def kill_the_scheduler() -> dict[str, Any]:
        points.arm("task.end", {"dag_id": "ingest", "task_id": "summarize"})
        arrival = points.wait("task.end", dag_id="ingest", task_id="summarize")
        killed = stack.airflow.pid("scheduler")
        os.kill(killed, signal.SIGKILL)  # while one of its tasks is running
        deadline = time.monotonic() + REACH_SECONDS
        while stack.airflow.pid("scheduler") == killed and time.monotonic() < deadline:
            time.sleep(0.5)
        points.release("task.end")
        return {"arrival": arrival, "killed": killed, "restarted": stack.airflow.pid("scheduler")}

    def sigkill_before_commit() -> dict[str, Any]:
        points.arm("lake.staged_commit", {"task_id": "normalize_to_minhash", "table": "silver.filtered"})
        arrival = points.wait("lake.staged_commit")
        os.kill(arrival["pid"], signal.SIGKILL)
        points.release("lake.staged_commit")
        return {"arrival": arrival}

    def stop_s3_during_a_write() -> dict[str, Any]:
        points.arm("lake.write_files", {"task_id": "dedup"})
        arrival = points.wait("lake.write_files")
        stack.s3.server.stop()
        points.arm("task.start", {"task_id": "dedup", "try_number": 2})
        points.release("lake.write_files")  # the write now meets a stopped server
        retry = points.wait("task.start", task_id="dedup", try_number=2)
        stack.s3.server.start()
        # The run failed and is being retried: curate's offset must not have moved.
        offset = Lake(settings).offset("curate", BRONZE_DOCUMENTS)
        points.release("task.start")
        return {"arrival": arrival, "retry": retry, "offset_during_retry": offset}

    def restart_catalog_database() -> dict[str, Any]:
        points.arm("lake.commit", {"task_id": "publish", "table": GOLD_DOCUMENTS})
        arrival = points.wait("lake.commit")
        stack.postgres.restart()  # Airflow's metadata database too: the whole stack loses its sessions
        points.release("lake.commit")
        return {"arrival": arrival}

    def take_the_index_folder() -> dict[str, Any]:
        points.arm("index.sync", {"task_id": "embed_index", "shard": 0})
        arrival = points.wait("index.sync")
        stop_service(settings.qdrant_folder)
        with open(_state(settings.qdrant_folder) / ".owner.lock", "a") as held:
            fcntl.flock(held, fcntl.LOCK_EX)  # another process holds the folder, serving nothing
            points.arm("task.start", {"task_id": "embed_index", "map_index": 0, "try_number": 2})
            points.release("index.sync")
            retry = points.wait("task.start", task_id="embed_index", map_index=0, try_number=2)
        points.release("task.start")
        return {"arrival": arrival, "retry": retry}

    return [Fault("sql_connection_cut", cut_sql_connection), Fault("scheduler_killed", kill_the_scheduler),
            Fault("sigkill_before_commit", sigkill_before_commit),
            Fault("s3_stopped", stop_s3_during_a_write), Fault("catalog_restarted", restart_catalog_database),
            Fault("index_unavailable", take_the_index_folder)]


@dataclass
class FaultedRun:
    chain: Chain
    faults: dict[str, Fault]
    outcome: dict[str, Any]
    clean: dict[str, Any]

    def instance(self, dag_id: str, task_id: str, map_index: int = -1) -> dict[str, Any]:
        instances = self.chain.api.task_instances(dag_id, self.chain.runs[dag_id]["dag_run_id"])
        return next(t for t in instances if t["task_id"] == task_id and t["map_index"] == map_index)

    def tries(self, dag_id: str, task_id: str, map_index: int = -1) -> int:
        return self.instance(dag_id, task_id, map_index)["try_number"]

    def log(self, dag_id: str, task_id: str, map_index: int = -1, attempt: int = 1) -> str:
        return _task_log(self.chain.stack, dag_id, task_id, map_index, attempt)


@pytest.fixture(scope="module")
def faulted(stack_factory, clean_chain, tmp_path_factory) -> FaultedRun:
    _, clean = clean_chain
    folder = tmp_path_factory.mktemp("faults")
    with stack_factory("faulted", {"LLMDATA_FAULT_DIR": str(folder)}) as stack:
        points = FaultPoints(folder)
        plan = _fault_plan(stack, points)

        def inject() -> None:
            for fault in plan:
                try:
                    fault.seen = fault.act()
                except BaseException as error:  # reported by the test of that fault
                    fault.error = error
                    for armed in folder.glob("*.json"):  # nothing may stay held behind a broken fault
                        armed.unlink()
                    return

        injector = threading.Thread(target=inject, daemon=True)
        injector.start()
        chain = run_chain(stack)
        injector.join(timeout=60)
        yield FaultedRun(chain, {f.name: f for f in plan}, outcome(stack), clean)


def _fault(run: FaultedRun, name: str) -> Fault:
    fault = run.faults[name]
    assert fault.error is None, f"{name}: {fault.error!r}"
    assert fault.seen, f"{name} never ran"
    return fault


def test_the_faulted_run_ends_exactly_as_a_clean_run(faulted):
    for name in faulted.faults:
        _fault(faulted, name)
    assert differences(faulted.outcome, faulted.clean) == {}
    lake = faulted.chain.lake()
    for table, key in ((GOLD_DOCUMENTS, "doc_id"), (GOLD_CHUNKS, "chunk_id")):
        ids = lake.read(table, columns=[key])[key].to_pylist()
        assert len(ids) == len(set(ids)) > 0, table
    assert len(faulted.outcome["points"]) == len(faulted.outcome["chunks"])  # one point per chunk, none twice


def test_a_sigkill_between_data_files_and_commit_is_retried_by_airflow(faulted):
    _fault(faulted, "sigkill_before_commit")
    instances = faulted.chain.api.task_instances("curate", faulted.chain.runs["curate"]["dag_run_id"])
    tries = {t["map_index"]: t["try_number"] for t in instances if t["task_id"] == "normalize_to_minhash"}
    retried = [shard for shard, n in tries.items() if n > 1]
    assert len(retried) == 1 and tries[retried[0]] == 2, tries  # the killed shard, and only it, ran again
    assert faulted.log("curate", "normalize_to_minhash", retried[0], 1)  # the killed try left its log


def test_a_stopped_object_store_fails_the_write_naming_s3_and_moves_no_offset(faulted):
    fault = _fault(faulted, "s3_stopped")
    assert fault.seen["offset_during_retry"] is None  # curate had never committed: nothing moved
    assert faulted.tries("curate", "dedup") == 2
    failed = [line for line in faulted.log("curate", "dedup", attempt=1).splitlines() if "Task failed" in line]
    endpoint = faulted.chain.stack.s3.endpoint.removeprefix("http://")
    # Whichever call met the stopped server first (reading table metadata, or writing a data file), the error
    # names the object store, its address and what to check.
    assert failed and endpoint in failed[0] and "Could not connect to server" in failed[0]
    assert "LLMDATA_S3_ENDPOINT" in failed[0] or "the object store (S3 at" in failed[0]


def test_a_restarted_catalog_database_costs_no_data(faulted):
    _fault(faulted, "catalog_restarted")
    tries = faulted.tries("curate", "publish")
    # Pooled connections are pinged before use, so the commit after the restart normally just reconnects;
    # when the restart still cut one, the failed try names the catalog database and Airflow's retry finishes.
    if tries > 1:
        assert "catalog database" in faulted.log("curate", "publish", attempt=1)


def test_an_unavailable_index_fails_the_sync_naming_it_then_the_retry_syncs(faulted):
    _fault(faulted, "index_unavailable")
    assert faulted.tries("rag_index", "embed_index", 0) == 2
    assert "embedded index" in faulted.log("rag_index", "embed_index", 0, attempt=1)
    assert "another process holds its folder" in faulted.log("rag_index", "embed_index", 0, attempt=1)


def test_a_killed_scheduler_is_started_again_and_its_orphaned_task_is_retried(faulted):
    fault = _fault(faulted, "scheduler_killed")
    assert fault.seen["restarted"] not in (None, fault.seen["killed"])
    assert faulted.chain.stack.airflow.restarts().get("scheduler", 0) >= 1
    # Either the task's supervisor outlived the scheduler and reported, or it died with the scheduler's executor:
    # then the task stops heartbeating, the new scheduler fails it after the heartbeat timeout and Airflow's retry
    # runs it again. Both end with the task and the run successful (the chain's comparison tests the outcome).
    assert faulted.instance("ingest", "summarize")["state"] == "success"
    assert faulted.chain.runs["ingest"]["state"] == "success"


def test_a_cut_sql_connection_resumes_the_read_in_the_same_try(faulted):
    fault = _fault(faulted, "sql_connection_cut")
    assert fault.seen["killed"] >= 1
    instances = faulted.chain.api.task_instances("ingest", faulted.chain.runs["ingest"]["dag_run_id"])
    logs = [faulted.log("ingest", "ingest_source", t["map_index"], t["try_number"]) for t in instances
            if t["task_id"] == "ingest_source"]
    lines = [line for text in logs for line in text.splitlines() if "connection to postgres" in line]
    assert lines and "lost" in lines[0]


# ------------------------------------------------------------------------------------------ retry storm
@pytest.fixture(scope="module")
def storm(stack_factory, clean_chain, tmp_path_factory) -> tuple[Chain, dict[str, Any], dict[str, Any]]:
    _, clean = clean_chain
    folder = tmp_path_factory.mktemp("storm")
    FaultPoints(folder).arm("task.end", hold=False, fail_tries=2)  # every task fails after its work, twice
    with stack_factory("storm", {"LLMDATA_FAULT_DIR": str(folder)}) as stack:
        chain = run_chain(stack)
        yield chain, outcome(stack), clean


def test_a_retry_storm_ends_as_a_clean_run(storm):
    chain, result, clean = storm
    for dag_id in ("ingest", "curate", "rag_index"):
        tries = {(t["task_id"], t["map_index"]): t["try_number"] for t in
                 chain.api.task_instances(dag_id, chain.runs[dag_id]["dag_run_id"]) if t["state"] == "success"}
        assert tries and set(tries.values()) == {3}, (dag_id, tries)
    assert differences(result, clean) == {}


def test_after_a_retry_storm_the_canary_scan_finds_its_control_and_no_pii_outside_bronze(storm):
    from llmdata import canary

    chain, _, _ = storm
    stack = chain.stack
    settings = stack.settings()
    lake = Lake(settings)
    canary.positive_control(lake)
    patterned, names = seeded_pii()
    needles = canary.Needles([*patterned, *names])
    report = canary.scan_lake(lake, needles)
    report.add(canary.scan_warehouse_files(lake, needles))  # reports, exports, the review CSV, lineage archive on S3
    report.add(canary.scan_folder(settings.data_path, needles))  # lineage events, the index's files
    report.add(canary.scan_folder(Path(stack.env["AIRFLOW_HOME"]), needles))  # task logs of every try
    report.add(canary.scan_database(stack.env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"], needles))  # XCom, task states
    report.add(canary.scan_index(settings, needles))
    assert report.read[f"lake:{GOLD_DOCUMENTS}"] and report.read["file"] > 20
    assert any(p.startswith("airflow-db:xcom") for p in report.read)
    assert {h.place for h in report.hits if h.raw_layer} == {f"lake:{BRONZE_DOCUMENTS}"}
    assert sorted({(h.place, h.where.rsplit("/", 1)[-1]) for h in report.outside_raw_layer}) == []
