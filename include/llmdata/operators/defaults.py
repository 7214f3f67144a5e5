"""DAG defaults every DAG shares: owner, retries, timeouts (from settings, so tests can shorten them), and the
failure alert."""

from __future__ import annotations

import json
import logging
import urllib.request
from datetime import UTC, datetime, timedelta
from typing import Any

from llmdata.config import get_settings

OWNER = "data-platform"
# Index writes that must not interleave with another run's (alias swaps, dropping collections, erasure) take
# this pool's one slot: Airflow queues them instead of a task sleeping in a worker slot.
INDEX_POOL = "llmdata_index_admin"
POOLS = {INDEX_POOL: (1, "index writes that must not interleave: alias swap, collection drop, erasure")}
log = logging.getLogger(__name__)


def _send_alert(alert: dict[str, Any]) -> None:
    """One ``ALERT`` log line always, and a JSON POST to ``LLMDATA_ALERT_WEBHOOK`` when set."""
    log.error("ALERT %s", alert["text"])
    url = get_settings().alert_webhook
    if not url:
        return
    request = urllib.request.Request(url, data=json.dumps(alert).encode(), headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=10).close()
    except OSError as error:  # an alert that cannot be delivered must not hide the original failure
        log.error("alert webhook %s unreachable: %s", url, error)


def alert_on_failure(context: dict[str, Any]) -> None:
    """Task failure alert: one ERROR log line always, and a JSON POST to ``LLMDATA_ALERT_WEBHOOK`` when set
    (Slack/Teams/Opsgenie-style incoming webhook). Carries ids and the error, never data."""
    ti = context.get("task_instance")
    alert = {"text": f"llmdata task failed: {getattr(ti, 'dag_id', '?')}.{getattr(ti, 'task_id', '?')} run "
                     f"{context.get('run_id', '?')}: {type(context.get('exception')).__name__}: "
                     f"{str(context.get('exception'))[:500]}",
             "dag_id": getattr(ti, "dag_id", None), "task_id": getattr(ti, "task_id", None),
             "run_id": context.get("run_id"), "try_number": getattr(ti, "try_number", None)}
    _send_alert(alert)


async def deadline_missed(context: dict[str, Any] | None = None, **kwargs: Any) -> None:
    """Deadline alert (runs in the triggerer): the DAG run has not finished within ``LLMDATA_DEADLINE_MINUTES``
    of being queued — a stuck source, a lost worker or a backlog. Same channels as failure alerts."""
    import asyncio

    dag_run = (context or {}).get("dag_run")
    text = (f"llmdata DAG run late: {getattr(dag_run, 'dag_id', kwargs.get('dag_id', '?'))} "
            f"{getattr(dag_run, 'run_id', '?')} still not finished after its deadline")
    await asyncio.to_thread(_send_alert, {"text": text})  # the triggerer's event loop must not block


def default_args() -> dict[str, Any]:
    """Owner, retries and timeouts for every task."""
    settings = get_settings()
    return {
        "owner": OWNER,
        "retries": settings.retries,
        "retry_delay": timedelta(seconds=settings.retry_delay_seconds),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(seconds=settings.retry_delay_seconds * 10),
        "execution_timeout": timedelta(minutes=settings.task_timeout_minutes),
        "on_failure_callback": alert_on_failure,
    }


def dag_args() -> dict[str, Any]:
    """Arguments every DAG shares: a fixed start date, no catch-up, one run at a time, the default_args, and a
    deadline alert when a run is not finished ``LLMDATA_DEADLINE_MINUTES`` after it was queued."""
    from airflow.sdk import DeadlineAlert, DeadlineReference
    from airflow.sdk.definitions.callback import AsyncCallback

    args: dict[str, Any] = {
        "start_date": datetime(2026, 1, 1, tzinfo=UTC),
        "catchup": False,
        "max_active_runs": 1,
        "default_args": default_args(),
    }
    minutes = get_settings().deadline_minutes
    if minutes:  # off by default: Airflow 3.3's `dags test` fails on DAGs with deadlines (SQLite 'dict'.hex)
        args["deadline"] = DeadlineAlert(reference=DeadlineReference.DAGRUN_QUEUED_AT,
                                         interval=timedelta(minutes=minutes),
                                         callback=AsyncCallback("llmdata.operators.defaults.deadline_missed"))
    return args


def ingest_schedule() -> str | None:
    """The ingest DAG's schedule from ``LLMDATA_INGEST_SCHEDULE`` (None for 'none': triggered runs only)."""
    value = get_settings().ingest_schedule.strip()
    return None if value.lower() in ("", "none") else value
