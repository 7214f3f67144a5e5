"""This process's pool of worker processes, shared by every task that spreads work over CPUs.

Workers are spawned (no lock or thread of the Airflow task is inherited) and kept for the life of the process, so
what they load (models, tokenizers) is loaded once per process: once per ``airflow dags test`` run, once per task
under a Celery or local executor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, TypeVar

T = TypeVar("T")
_POOL: dict[str, Any] = {}


def process_pool(workers: int) -> ProcessPoolExecutor:
    """The pool (made on first use, remade if a worker died or the size changed)."""
    pool = _POOL.get("pool")
    if pool is None or _POOL.get("workers") != workers or getattr(pool, "_broken", False):
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
        _POOL.update(pool=pool, workers=workers)
    return pool


def parallel_map(function: Callable[[Any], T], items: Sequence[Any], workers: int) -> list[T]:
    """``function`` over ``items``, in order: in the pool when there are workers and items to share."""
    if workers <= 1 or len(items) < 2:
        return [function(item) for item in items]
    return list(process_pool(workers).map(function, items))
