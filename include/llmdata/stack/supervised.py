"""Airflow's components under supervisord, restarted when they exit, as the compose file's restart policy does.

``airflow standalone`` starts the same four components but never restarts one: its scheduler exits when the
metadata database goes away mid-query (a PostgreSQL restart), and the stack then stops scheduling for good while
the API still answers. Under supervisord each component is a program of its own with ``autorestart``; its output
goes to ``<root>/logs/<component>.log`` and supervisord records every exit and restart in ``supervisord.log``.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

COMPONENTS = ("api-server", "scheduler", "dag-processor", "triggerer")
STOP_SECONDS = 30  # per component: SIGTERM, then SIGKILL to its whole process group (task processes too)
# supervisord's own words for a component that ended while it should have been running.
_EXIT = re.compile(r"exited: (?P<name>[\w-]+) \(.*not expected\)")
_SPAWNED = re.compile(r"spawned: '([\w-]+)' with pid (\d+)")


@dataclass(frozen=True)
class SupervisedAirflow:
    """Airflow's components running under one supervisord: where their logs are, and what it restarted."""

    root: Path
    process: subprocess.Popen

    @property
    def log(self) -> Path:
        return self.root / "supervisord.log"

    def component_log(self, name: str) -> Path:
        return self.root / "logs" / f"{name}.log"

    def pid(self, name: str) -> int | None:
        """The process id of the component's current (latest started) process."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        pids = [int(pid) for component, pid in _SPAWNED.findall(text) if component == name]
        return pids[-1] if pids else None

    def restarts(self) -> dict[str, int]:
        """How often each component exited unexpectedly and was started again."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        counts: dict[str, int] = {}
        for match in _EXIT.finditer(text):
            counts[match["name"]] = counts.get(match["name"], 0) + 1
        return counts

    def tail(self, lines: int = 40) -> str:
        """The last lines of supervisord's log and of each component's, for an error message."""
        parts = []
        for path in (self.log, *(self.component_log(c) for c in COMPONENTS)):
            if path.exists():
                parts.append(f"--- {path}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(parts)


def supervisor_config(root: Path, airflow: Path) -> str:
    """supervisord's configuration: one restarting program per Airflow component, in the foreground."""
    sections = [f"""[supervisord]
nodaemon=true
logfile={root / "supervisord.log"}
pidfile={root / "supervisord.pid"}
childlogdir={root / "logs"}
loglevel=info
"""]
    for name in COMPONENTS:
        # startsecs=1 with many retries: a component that dies while its database restarts keeps being retried
        # until the database is back, instead of supervisord giving up on it (FATAL) after three quick exits.
        # The component writes its log file itself instead of into supervisord's pipe: the executor's workers and
        # task processes inherit that descriptor, and supervisord closes the pipe of a component that died, so a
        # task still running under a killed scheduler would die of a broken pipe before reporting its state.
        log = root / "logs" / f"{name}.log"
        sections.append(f"""[program:{name}]
command=/bin/sh -c {shlex.quote(f"exec {shlex.quote(str(airflow))} {name} >>{shlex.quote(str(log))} 2>&1")}
autorestart=true
startsecs=1
startretries=1000
stopsignal=TERM
stopwaitsecs={STOP_SECONDS}
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=NONE
""")
    return "\n".join(sections)


@contextmanager
def supervised_airflow(root: Path, env: dict[str, str], airflow: Path | None = None) -> Iterator[SupervisedAirflow]:
    """Run Airflow's components under supervisord with ``env``; stop them all (and their tasks) at the end.

    ``airflow`` is the command started as ``airflow <component>`` (the one beside this Python by default).
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "logs").mkdir(exist_ok=True)
    bin_dir = Path(sys.executable).parent
    config = root / "supervisord.conf"
    config.write_text(supervisor_config(root, airflow or bin_dir / "airflow"))
    with (root / "supervisord.out").open("a") as out:
        process = subprocess.Popen([str(bin_dir / "supervisord"), "-c", str(config)], env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield SupervisedAirflow(root, process)
    finally:
        _stop(process, root / "supervisord.log")


def _stop(process: subprocess.Popen, log: Path) -> None:
    """SIGTERM to supervisord stops every component (their process groups); SIGKILL if it hangs. Then every
    process group a component ever led is killed: a SIGKILLed scheduler's executor workers outlive it."""
    with suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS * len(COMPONENTS) + 10)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    spawned = _SPAWNED.findall(log.read_text(errors="replace")) if log.exists() else []
    for group in (int(pid) for _, pid in spawned):  # supervisord makes each component the leader of its own group
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)
