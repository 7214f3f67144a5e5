"""A small client of the Airflow 3 REST API (``/api/v2``): log in, unpause, trigger, wait, read task states.

It is what ``make stack-test`` drives the native stack with, and works against the compose stack too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from tenacity import Retrying, before_sleep_log, retry_if_exception, stop_after_delay, wait_exponential

from llmdata.errors import LlmdataError

FINISHED = {"success", "failed"}


class AirflowAPIError(LlmdataError, RuntimeError):
    """The API answered with an error or a run did not finish in time; the message names the call or the run."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


log = logging.getLogger(__name__)
# Calls that change nothing when repeated are retried while the API server cannot reach its database (a restart
# of PostgreSQL answers "Database error" with HTTP 500 for a few seconds) or is itself restarting; a trigger (POST)
# is not, so it never starts two runs.
IDEMPOTENT = {"GET", "HEAD", "PUT", "PATCH", "DELETE"}
TRANSIENT_SECONDS = 90.0


def _transient(error: BaseException) -> bool:
    return isinstance(error, httpx.TransportError) or (isinstance(error, AirflowAPIError) and error.status >= 500)


@dataclass
class AirflowAPI:
    """Airflow REST API at ``base_url`` (e.g. ``http://127.0.0.1:8080``), logged in as ``username``."""

    base_url: str
    username: str
    password: str
    timeout: float = 30.0
    _token: str = field(default="", repr=False)

    def _headers(self) -> dict[str, str]:
        if not self._token:
            response = httpx.post(f"{self.base_url}/auth/token", timeout=self.timeout,
                                  json={"username": self.username, "password": self.password})
            if response.status_code not in (200, 201):
                raise AirflowAPIError(f"login as {self.username!r} failed: HTTP {response.status_code} "
                                      f"{response.text[:200]}")
            self._token = response.json()["access_token"]
        return {"Authorization": f"Bearer {self._token}"}

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        """One API call (``path`` below ``/api/v2``); the JSON answer, or :class:`AirflowAPIError`. Idempotent
        calls are retried for up to :data:`TRANSIENT_SECONDS` on a server error or a dropped connection."""
        if method.upper() not in IDEMPOTENT:
            return self._request_once(method, path, **kwargs)
        retrying = Retrying(retry=retry_if_exception(_transient), stop=stop_after_delay(TRANSIENT_SECONDS),
                            wait=wait_exponential(multiplier=0.5, max=5), reraise=True,
                            before_sleep=before_sleep_log(log, logging.WARNING))
        return retrying(self._request_once, method, path, **kwargs)

    def _request_once(self, method: str, path: str, **kwargs: Any) -> Any:
        response = httpx.request(method, f"{self.base_url}/api/v2{path}", headers=self._headers(),
                                 timeout=self.timeout, **kwargs)
        if response.status_code == 401:  # token expired: log in again once
            self._token = ""
            response = httpx.request(method, f"{self.base_url}/api/v2{path}", headers=self._headers(),
                                     timeout=self.timeout, **kwargs)
        if response.status_code >= 400:
            raise AirflowAPIError(f"{method} {path}: HTTP {response.status_code} {response.text[:300]}",
                                  response.status_code)
        return response.json() if response.content else None

    def dag_ids(self) -> set[str]:
        """The DAGs the dag-processor has parsed so far."""
        return {d["dag_id"] for d in self.request("GET", "/dags", params={"limit": 100})["dags"]}

    def import_errors(self) -> list[dict[str, Any]]:
        """DAG files that failed to parse, with their tracebacks."""
        return self.request("GET", "/importErrors")["import_errors"]

    def wait_for_dags(self, dag_ids: set[str], timeout: float = 300) -> None:
        """Wait until every DAG in ``dag_ids`` is parsed; fail early on an import error."""
        def parsed() -> bool:
            if errors := self.import_errors():
                raise AirflowAPIError(f"DAG import errors: {errors[0]['filename']}: {errors[0]['stack_trace']}")
            return dag_ids <= self.dag_ids()

        _wait(parsed, timeout, lambda: f"DAGs {sorted(dag_ids - self.dag_ids())} not parsed within {timeout:.0f}s")

    def set_paused(self, dag_id: str, paused: bool) -> None:
        self.request("PATCH", f"/dags/{dag_id}", json={"is_paused": paused})

    def trigger(self, dag_id: str, conf: dict[str, Any] | None = None) -> str:
        """Trigger a run of ``dag_id`` now; return its run id."""
        run = self.request("POST", f"/dags/{dag_id}/dagRuns", json={"logical_date": None, "conf": conf or {}})
        return run["dag_run_id"]

    def runs(self, dag_id: str) -> list[dict[str, Any]]:
        """Runs of ``dag_id``, oldest first."""
        return self.request("GET", f"/dags/{dag_id}/dagRuns", params={"order_by": "run_after", "limit": 100})[
            "dag_runs"]

    def wait_for_run(self, dag_id: str, run_id: str | None = None, after: int = 0, timeout: float = 1800,
                     progress: Callable[[str], None] | None = None) -> dict[str, Any]:
        """Wait until run ``run_id`` of ``dag_id`` finishes (or, without a run id, until the first run beyond
        the ``after`` runs it already had, e.g. one an asset event triggered); return the run."""
        found: dict[str, Any] = {}

        def finished() -> bool:
            runs = self.runs(dag_id)
            run = next((r for r in runs if r["dag_run_id"] == run_id), None) if run_id else \
                (runs[after] if len(runs) > after else None)
            if run is None:
                return False
            found.update(run)
            if progress:
                progress(f"{dag_id} {run['dag_run_id']}: {run['state']}")
            return run["state"] in FINISHED

        _wait(finished, timeout, lambda: f"{dag_id} run {run_id or found.get('dag_run_id', '(none yet)')} did "
                                          f"not finish within {timeout:.0f}s (state {found.get('state')})")
        return found

    def wait_for_all_runs(self, dag_id: str, timeout: float = 1800) -> list[dict[str, Any]]:
        """Wait until no run of ``dag_id`` is queued or running (e.g. a scheduled run that unpausing created
        beside a triggered one); return every run, oldest first."""
        found: list[dict[str, Any]] = []

        def settled() -> bool:
            found[:] = self.runs(dag_id)
            return all(r["state"] in FINISHED for r in found)

        def unfinished() -> str:
            late = [(r["dag_run_id"], r["state"]) for r in found if r["state"] not in FINISHED]
            return f"{dag_id} runs not finished within {timeout:.0f}s: {late}"

        _wait(settled, timeout, unfinished)
        return found

    def task_instances(self, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        """Every task instance of a run (mapped ones once per map index)."""
        return self.request("GET", f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances", params={"limit": 1000})[
            "task_instances"]

    def xcom(self, dag_id: str, run_id: str, task_id: str, key: str = "return_value") -> Any:
        """A task's XCom value (its return value by default; our operators return their summary)."""
        entry = self.request("GET", f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}/xcomEntries/{key}",
                             params={"deserialize": True})
        return entry["value"]


def _wait(condition: Callable[[], bool], timeout: float, message: Callable[[], str]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(3)
    raise AirflowAPIError(message())
