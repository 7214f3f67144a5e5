"""Named fault points: places in the code where the fault-injection suite stops a task from outside.

A point does nothing unless ``LLMDATA_FAULT_DIR`` names a folder (the stack tests set it for every Airflow
process). There the suite arms a point by writing ``<name>.json``:

    {"match": {"task_id": "publish"}, "hold": true}        # wait at the point until the file is removed
    {"match": {}, "fail_tries": 2}                         # raise InjectedFault on tries 1 and 2

A task that reaches a point whose ``match`` fits its context appends one line to ``<name>.reached`` (its pid,
dag, task and try number, and the point's own context), so the suite can assert the point was
reached and knows which process to kill; with ``hold`` it then waits while ``<name>.json`` exists.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from llmdata.errors import LlmdataError

log = logging.getLogger(__name__)
FAULT_DIR_ENV = "LLMDATA_FAULT_DIR"
HOLD_SECONDS = 600.0
# Airflow puts the running task's identity in the environment of the task process (not its map index: points
# in mapped tasks pass theirs).
CONTEXT_ENV = {"dag_id": "AIRFLOW_CTX_DAG_ID", "task_id": "AIRFLOW_CTX_TASK_ID",
               "try_number": "AIRFLOW_CTX_TRY_NUMBER"}


class InjectedFault(LlmdataError, RuntimeError):
    """Raised at an armed fault point by the fault-injection suite; never in normal operation."""


def point(name: str, **context: Any) -> None:
    """Fault point ``name``: a no-op unless the fault suite armed it (see the module docstring)."""
    folder = os.environ.get(FAULT_DIR_ENV)
    if not folder:
        return
    armed = Path(folder) / f"{name}.json"
    try:
        spec = json.loads(armed.read_text())
    except (FileNotFoundError, ValueError):
        return
    here = {key: os.environ.get(env, "") for key, env in CONTEXT_ENV.items()} | \
        {key: str(value) for key, value in context.items()}
    if any(here.get(key) != str(value) for key, value in spec.get("match", {}).items()):
        return
    with open(Path(folder) / f"{name}.reached", "a") as out:
        out.write(json.dumps({"pid": os.getpid(), "time": time.time(), **here}) + "\n")
    log.warning("fault point %s reached (%s)", name, here)
    if int(here.get("try_number") or 1) <= int(spec.get("fail_tries", 0)):
        raise InjectedFault(f"fault injected at {name} on try {here.get('try_number')}")
    deadline = time.monotonic() + HOLD_SECONDS
    while spec.get("hold") and armed.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
