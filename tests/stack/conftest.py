"""The native stack for the chain and fault suites: the same sources and settings, a clean run to compare with."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml

from llmdata.index.qdrant import open_index
from llmdata.lake import Lake
from llmdata.schemas import GOLD_CHUNKS, GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS
from llmdata.stack.api import AirflowAPI
from llmdata.stack.native import NativeStack, Ports, running_stack
from tests.conftest import CORPUS, MODEL_CACHE, ROOT

SOURCE = "sample_corpus"
SQL_SOURCE = "tickets"
TICKETS = 60  # read in pages of 20: a connection can be cut between pages
CHAIN = ("ingest", "curate", "rag_index")
OVERRIDES = {
    "LLMDATA_INGEST_SCHEDULE": "none",  # the tests trigger ingest themselves
    "LLMDATA_RETRIES": "2",
    "LLMDATA_RETRY_DELAY_SECONDS": "5",
    "LLMDATA_MODEL_CACHE_DIR": str(MODEL_CACHE),
    "LLMDATA_COMPACT_MIN_FILES": "2",  # one run's shard files are enough to compact
    "LLMDATA_SHARD_SIZE": "40",  # five shards per stage, committing concurrently to the same tables
    # A task whose executor died with the scheduler stops heartbeating; the next scheduler fails it after this
    # many seconds and Airflow retries it (300 s by default: most of the fault suite's time otherwise).
    "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "60",
    # A stack's index service outlives its stack by this long (600 s by default: suites left two running for
    # minutes after the last test).
    "LLMDATA_INDEX_IDLE_SECONDS": "60",
}


@dataclass
class Chain:
    stack: NativeStack
    api: AirflowAPI
    runs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def lake(self) -> Lake:
        return Lake(self.stack.settings())


def explain(api: AirflowAPI, stack: NativeStack, dag_id: str, run: dict[str, Any]) -> str:
    """Which tasks did not succeed, and where their logs are."""
    states = [(t["task_id"], t["map_index"], t["state"]) for t in api.task_instances(dag_id, run["dag_run_id"])]
    bad = [s for s in states if s[2] != "success"]
    return (f"{dag_id} run {run['dag_run_id']} ended {run['state']}; tasks not successful: {bad}; logs under "
            f"{stack.env['AIRFLOW_HOME']}/logs/dag_id={dag_id}")


def _ticket(i: int) -> str:
    """A support ticket of its own words (no two alike, so dedup keeps each)."""
    words = ["replica", "failover", "checkpoint", "vacuum", "autovacuum", "WAL", "archive", "restore", "index",
             "bloat", "lock", "deadlock", "timeout", "pooler", "certificate", "rotation", "quota", "snapshot"]
    picked = [words[(i * k + k) % len(words)] for k in (1, 3, 5, 7)]
    return (f"Ticket {i}: after the {picked[0]} change on cluster c{i:03d}, the on-call engineer saw {picked[1]} "
            f"warnings every {i + 3} minutes. Steps taken: checked the {picked[2]} settings, compared them with "
            f"the runbook for {picked[3]} incidents, and confirmed that the standby caught up within {i % 9 + 2} "
            "seconds. The ticket stays open until the weekly review confirms the fix held under load.")


def prepare_sources(root: Path, stack: NativeStack) -> None:
    """The sample corpus (three ingest shards) and a SQL table of tickets in the stack's PostgreSQL."""
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    url = stack.postgres.create_database(SQL_SOURCE)
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE tickets (id integer primary key, body text, title text, "
                                   "updated_at timestamptz)"))
        start = datetime(2026, 11, 1, tzinfo=UTC)
        connection.execute(sa.text("INSERT INTO tickets VALUES (:id, :body, :title, :ts)"), [
            {"id": i, "body": _ticket(i), "title": f"T{i}", "ts": start + timedelta(minutes=i)}
            for i in range(1, TICKETS + 1)])
    engine.dispose()
    shipped = yaml.safe_load((ROOT / "include" / "sources.yaml").read_text())
    sample = next(s for s in shipped["sources"] if s["id"] == SOURCE)
    sample["options"] |= {"path": str(corpus), "shards": 3}  # three mapped ingest tasks, one bronze event
    tickets = {"id": SQL_SOURCE, "connector": "sql", "licence": "internal", "owner": "support",
               "purpose": "support answers", "options": {"url": url, "table": "tickets", "text_column": "body",
                                                         "title_column": "title", "watermark_column": "updated_at",
                                                         "batch_size": 20}}
    Path(stack.env["LLMDATA_SOURCES_FILE"]).write_text(yaml.safe_dump({"sources": [sample, tickets]}))


@pytest.fixture(scope="session")
def stack_factory(tmp_path_factory: pytest.TempPathFactory):
    """Start a native stack with the suites' sources and settings (plus ``extra`` environment)."""
    from contextlib import contextmanager

    @contextmanager
    def start(name: str, extra: dict[str, str] | None = None) -> Iterator[NativeStack]:
        root = tmp_path_factory.mktemp(name)
        env = OVERRIDES | {"LLMDATA_SOURCES_FILE": str(root / "sources.yaml")} | (extra or {})
        with running_stack(root, Ports(0, 0, 0), env, persist=False) as stack:
            prepare_sources(root, stack)
            yield stack

    return start


def run_chain(stack: NativeStack) -> Chain:
    """Trigger ingest; curate and rag_index follow from asset events. Fails the test naming any failed task."""
    api = stack.api()
    api.wait_for_dags({*CHAIN, "maintenance"})
    for dag_id in CHAIN:
        api.set_paused(dag_id, False)
    chain = Chain(stack, api, {"ingest": api.wait_for_run("ingest", api.trigger("ingest"))})
    for dag_id in ("curate", "rag_index"):  # no trigger: the scheduler starts them from asset events
        if chain.runs[list(chain.runs)[-1]]["state"] != "success":
            break
        chain.runs[dag_id] = api.wait_for_run(dag_id)
    for dag_id, run in chain.runs.items():
        if run["state"] != "success":
            pytest.fail(explain(api, stack, dag_id, run))
    return chain


def _digest(rows: list) -> str:
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


def outcome(stack: NativeStack) -> dict[str, list[tuple]]:
    """What a run leaves, by content, sorted: gold documents (id, text hash) and chunks (id, document, text
    hash), quarantine (document, stage, rule) and the index's points (id, payload hash). Lists, not sets, so a
    duplicate shows too."""
    settings = stack.settings()
    lake = Lake(settings)
    gold = lake.read(GOLD_DOCUMENTS, columns=["doc_id", "text_sha256"]).to_pylist()
    chunks = lake.read(GOLD_CHUNKS, columns=["chunk_id", "doc_id", "text"]).to_pylist()
    # Not the reason text nor a point's source_uri: they name the stack's own folder and ports.
    quarantine = lake.read(QUARANTINE_DOCUMENTS, columns=["doc_id", "stage", "rule"]).to_pylist()
    with open_index(settings) as index:
        points = [(pid, _digest(sorted([k, str(v)] for k, v in payload.items()
                                       if k not in {"source_uri", "payload_sha"})))
                  for pid, payload in index.points(settings.collection)]
    found = {"gold": [tuple(g.values()) for g in gold],
             "chunks": [(c["chunk_id"], c["doc_id"], hashlib.sha256(c["text"].encode()).hexdigest()) for c in chunks],
             "quarantine": [tuple(q.values()) for q in quarantine], "points": points}
    return {name: sorted(rows) for name, rows in found.items()}


def differences(got: dict[str, list[tuple]], clean: dict[str, list[tuple]]) -> dict[str, Any]:
    """Per part, the counts and a few rows only one side has (empty when the outcomes are equal)."""
    found = {}
    for name in clean:
        only_got = sorted(set(got[name]) - set(clean[name]))
        only_clean = sorted(set(clean[name]) - set(got[name]))
        if got[name] != clean[name]:
            found[name] = {"rows": (len(got[name]), len(clean[name])), "only_here": only_got[:4],
                           "only_in_clean": only_clean[:4]}
    return found


@pytest.fixture(scope="session")
def clean_chain(stack_factory) -> Iterator[tuple[Chain, dict[str, list[tuple]]]]:
    """The chain run once without faults, and its outcome: what every faulted run must end with."""
    with stack_factory("clean") as stack:
        chain = run_chain(stack)
        yield chain, outcome(stack)
