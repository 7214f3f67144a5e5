"""The DAG files import cleanly, are wiring only, and carry owner, retries and tags."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from airflow.dag_processing.dagbag import DagBag

from tests.conftest import ROOT

DAGS = ROOT / "dags"


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS))


def test_every_dag_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == {"ingest", "curate", "rag_index", "erasure", "maintenance"}


@pytest.mark.parametrize("dag_id", ["ingest", "curate", "rag_index", "erasure", "maintenance"])
def test_every_task_has_an_owner_retries_and_a_timeout(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert dag.tags and "llmdata" in dag.tags
    for task in dag.tasks:
        assert task.owner == "data-platform"
        assert task.retries >= 1
        assert task.execution_timeout is not None


def test_dags_are_chained_by_assets(dagbag):
    curate = dagbag.dags["curate"]
    rag = dagbag.dags["rag_index"]
    ingest_outlets = {o.name for t in dagbag.dags["ingest"].tasks for o in t.outlets}
    curate_outlets = {o.name for t in curate.tasks for o in t.outlets}
    assert ingest_outlets == {"bronze.documents"}
    # Only the summary announces bronze, once per run: mapped shards each announcing it would queue a curate run
    # per shard.
    assert [t.task_id for t in dagbag.dags["ingest"].tasks if t.outlets] == ["summarize"]
    assert curate_outlets == {"gold.documents"}
    assert "bronze.documents" in str(curate.timetable.asset_condition)
    assert "gold.documents" in str(rag.timetable.asset_condition)


def test_index_writes_that_must_not_interleave_queue_on_one_pool(dagbag):
    from llmdata.operators.defaults import INDEX_POOL, POOLS

    pooled = {(d.dag_id, t.task_id) for d in dagbag.dags.values() for t in d.tasks if t.pool == INDEX_POOL}
    assert pooled == {("rag_index", "publish_index"), ("maintenance", "drop_old_collections"), ("erasure", "erase")}
    assert POOLS[INDEX_POOL][0] == 1


def test_curate_flow_is_the_declared_step_list(dagbag):
    from llmdata.curation import segments

    curate = dagbag.dags["curate"]
    order = ["plan", *(segment.task_id for segment in segments()), "commit"]
    assert order == ["plan", "extract", "boilerplate", "normalize_to_minhash", "dedup", "gate_late", "review",
                     "quality_report", "publish", "export_training", "commit"]
    assert sorted(t.task_id for t in curate.tasks) == sorted(order)
    for upstream, downstream in itertools.pairwise(order):
        assert downstream in curate.get_task(upstream).downstream_task_ids
    shard_tasks = [t for t in curate.tasks if t.task_id in ("extract", "normalize_to_minhash")]
    assert all(type(t).__name__ == "MappedOperator" for t in shard_tasks)
    assert curate.get_task("normalize_to_minhash").partial_kwargs["steps"] == [
        "normalize", "gate_early", "redact_pii", "annotate", "gate_mid", "minhash"]


def test_parsing_the_dags_does_not_import_heavy_libraries():
    code = (
        "import sys, runpy\n"
        f"sys.path.insert(0, {str(DAGS)!r})\n"
        "for name in ('ingest', 'curate', 'rag_index', 'erasure', 'maintenance'):\n"
        f"    runpy.run_path({str(DAGS)!r} + '/' + name + '.py')\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'qdrant_client', 'qdrant_edge',"
        " 'trafilatura', 'pypdf', 'presidio_analyzer', 'spacy') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY=\n" in out.stdout + "\n" and out.stdout.strip().splitlines()[-1] == "HEAVY="


def test_with_a_deadline_set_every_dag_gets_a_deadline_alert_and_every_task_a_failure_alert(monkeypatch):
    from llmdata.config import get_settings

    monkeypatch.setenv("LLMDATA_DEADLINE_MINUTES", "180")
    get_settings.cache_clear()
    try:
        bag = DagBag(dag_folder=str(DAGS))
    finally:
        get_settings.cache_clear()
    for dag in bag.dags.values():
        deadlines = dag.deadline if isinstance(dag.deadline, list) else [dag.deadline]
        assert deadlines[0].callback.path == "llmdata.operators.alerts.deadline_missed", dag.dag_id
        for task in dag.tasks:  # Airflow Notifiers: the task log always, then what LLMDATA_ALERT_NOTIFIERS names
            assert [type(c).__name__ for c in task.on_failure_callback] == ["LogNotifier"], task.task_id


@pytest.mark.parametrize(("value", "expected"), [("none", None), ("@hourly", "0 * * * *"), ("0 3 * * *", "0 3 * * *")])
def test_the_ingest_schedule_comes_from_the_settings(monkeypatch, value, expected):
    from llmdata.config import get_settings

    monkeypatch.setenv("LLMDATA_INGEST_SCHEDULE", value)
    get_settings.cache_clear()
    try:
        dag = DagBag(dag_folder=str(DAGS / "ingest.py")).dags["ingest"]
    finally:
        get_settings.cache_clear()
    assert getattr(dag.timetable, "expression", None) == expected
    assert dag.timetable.can_be_scheduled is (expected is not None)


def test_no_module_dag_or_plugin_uses_a_deprecated_api():
    """Every llmdata module, the DAG files and the plugin import with deprecation warnings as errors: a deprecated
    or private Airflow import (the old DagBag path, AsyncCallback's module) fails here, not in the next release."""
    import os

    code = """
import importlib, pkgutil, warnings
warnings.simplefilter("error", DeprecationWarning)
from airflow.utils.deprecation_tools import DeprecatedImportWarning  # a FutureWarning, not a DeprecationWarning
warnings.simplefilter("error", DeprecatedImportWarning)
import llmdata
failed = []
for module in pkgutil.walk_packages(llmdata.__path__, "llmdata."):
    try:
        importlib.import_module(module.name)
    except Exception as error:
        failed.append(f"{module.name}: {type(error).__name__}: {error}")
import sys
sys.path.insert(0, "plugins")
importlib.import_module("llmdata_plugin")
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder="dags")
failed += [f"{path}: {error}" for path, error in bag.import_errors.items()]
print("FAILED" if failed else "CLEAN", *failed, sep="\\n")
"""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=DAGS.parent, env=env,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "CLEAN", done.stdout[-3000:]
