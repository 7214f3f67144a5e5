"""DAG defaults every DAG shares: owner, retries, timeouts (from settings, so tests can shorten them)."""

from __future__ import annotations

from datetime import timedelta
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
