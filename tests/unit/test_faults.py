"""Fault points: inert unless armed; armed, they record the arrival, hold or fail as the suite asked."""

from __future__ import annotations

import json
import threading
import time

import pytest

from llmdata import faults


@pytest.fixture
def fault_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(faults.FAULT_DIR_ENV, str(tmp_path))
    monkeypatch.setenv("AIRFLOW_CTX_TASK_ID", "dedup")
    monkeypatch.setenv("AIRFLOW_CTX_TRY_NUMBER", "1")
    return tmp_path


def _arm(folder, name, **spec):
    (folder / f"{name}.json").write_text(json.dumps(spec))


def test_an_unarmed_point_does_nothing(fault_dir, monkeypatch):
    faults.point("lake.commit", table="gold.documents")
    assert list(fault_dir.iterdir()) == []
    monkeypatch.delenv(faults.FAULT_DIR_ENV)
    _arm(fault_dir, "lake.commit", fail_tries=5)
    faults.point("lake.commit")  # no fault folder in the environment: production never stops here


def test_a_point_fails_the_first_tries_it_was_told_to_and_records_each_arrival(fault_dir, monkeypatch):
    _arm(fault_dir, "task.end", fail_tries=2)
    for attempt in ("1", "2"):
        monkeypatch.setenv("AIRFLOW_CTX_TRY_NUMBER", attempt)
        with pytest.raises(faults.InjectedFault, match=f"try {attempt}"):
            faults.point("task.end", map_index=3)
    monkeypatch.setenv("AIRFLOW_CTX_TRY_NUMBER", "3")
    faults.point("task.end", map_index=3)
    arrivals = [json.loads(line) for line in (fault_dir / "task.end.reached").read_text().splitlines()]
    assert [(a["task_id"], a["map_index"], a["try_number"]) for a in arrivals] == [("dedup", "3", t) for t in "123"]


def test_a_point_only_fires_where_its_match_fits(fault_dir):
    _arm(fault_dir, "lake.commit", match={"task_id": "publish"}, fail_tries=1)
    faults.point("lake.commit", table="gold.documents")  # task dedup: not this one
    _arm(fault_dir, "lake.commit", match={"task_id": "dedup", "table": "gold.documents"}, fail_tries=1)
    faults.point("lake.commit", table="silver.filtered")
    with pytest.raises(faults.InjectedFault):
        faults.point("lake.commit", table="gold.documents")


def test_a_held_point_waits_until_the_suite_releases_it(fault_dir):
    _arm(fault_dir, "index.sync", hold=True)
    passed = threading.Event()
    thread = threading.Thread(target=lambda: (faults.point("index.sync", shard=0), passed.set()))
    thread.start()
    while not (fault_dir / "index.sync.reached").exists():
        time.sleep(0.01)
    time.sleep(0.3)
    assert not passed.is_set()
    (fault_dir / "index.sync.json").unlink()
    thread.join(timeout=5)
    assert passed.is_set()
