"""Airflow's components under supervisord: restarted when they die, their children keep a working log."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from llmdata.stack.supervised import COMPONENTS, supervised_airflow

# Stands in for `airflow <component>`: starts a child that outlives it (as an executor's task does), then both
# write a line every 0.2 s into the inherited output.
FAKE_AIRFLOW = """#!/bin/sh
( while true; do echo "child of $1 alive"; sleep 0.2; done ) &
echo $! > "$FAKE_DIR/$1.child"
while true; do echo "$1 running"; sleep 0.2; done
"""


def _wait(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


@pytest.fixture
def fake_airflow(tmp_path: Path) -> Path:
    script = tmp_path / "airflow"
    script.write_text(FAKE_AIRFLOW)
    script.chmod(0o755)
    return script


def test_a_killed_component_is_restarted_and_its_orphan_child_can_still_write(tmp_path, fake_airflow):
    env = {**os.environ, "FAKE_DIR": str(tmp_path)}
    with supervised_airflow(tmp_path / "services", env, airflow=fake_airflow) as airflow:
        _wait(lambda: all(airflow.pid(c) for c in COMPONENTS) and (tmp_path / "scheduler.child").exists())
        killed = airflow.pid("scheduler")
        child = int((tmp_path / "scheduler.child").read_text())
        os.kill(killed, signal.SIGKILL)
        _wait(lambda: airflow.pid("scheduler") not in (None, killed))
        assert airflow.restarts() == {"scheduler": 1}
        log = airflow.component_log("scheduler")
        before = log.read_text().count("child of scheduler alive")
        time.sleep(1)
        # The orphan still writes to the component's log: its output did not go through a pipe that closed.
        assert _alive(child)
        assert log.read_text().count("child of scheduler alive") > before
    # Stopping ends every component and every process group one of them ever led, the orphan's included.
    _wait(lambda: not _alive(child), 10)
    assert not _alive(killed)
