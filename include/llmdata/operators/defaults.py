"""DAG defaults every DAG shares: owner, retries, timeouts (from settings, so tests can shorten them), and the
failure and deadline alerts (Airflow Notifiers, :mod:`llmdata.operators.alerts`)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from llmdata.config import get_settings
from llmdata.operators.alerts import failure_notifiers

OWNER = "data-platform"
# Index writes that must not interleave with another run's (alias swaps, dropping collections, erasure) take
# this pool's one slot: Airflow queues them instead of a task sleeping in a worker slot.
INDEX_POOL = "llmdata_index_admin"
POOLS = {INDEX_POOL: (1, "index writes that must not interleave: alias swap, collection drop, erasure")}
log = logging.getLogger(__name__)


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
        "on_failure_callback": failure_notifiers(),
    }


def dag_args() -> dict[str, Any]:
    """Arguments every DAG shares: a fixed start date, no catch-up, one run at a time, the default_args, and a
    deadline alert when a run is not finished ``LLMDATA_DEADLINE_MINUTES`` after it was queued."""
    from airflow.sdk import AsyncCallback, DeadlineAlert, DeadlineReference

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
                                         callback=AsyncCallback("llmdata.operators.alerts.deadline_missed"))
    return args


def ingest_schedule() -> str | None:
    """The ingest DAG's schedule from ``LLMDATA_INGEST_SCHEDULE`` (None for 'none': triggered runs only)."""
    value = get_settings().ingest_schedule.strip()
    return None if value.lower() in ("", "none") else value
