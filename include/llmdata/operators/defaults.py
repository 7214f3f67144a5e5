"""DAG defaults every DAG shares: owner, retries, timeouts (from settings, so tests can shorten them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from llmdata.config import get_settings

OWNER = "data-platform"


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
    }


def dag_args() -> dict[str, Any]:
    """Arguments every DAG shares: a fixed start date, no catch-up, one run at a time, the default_args."""
    return {
        "start_date": datetime(2026, 1, 1, tzinfo=UTC),
        "catchup": False,
        "max_active_runs": 1,
        "default_args": default_args(),
    }
