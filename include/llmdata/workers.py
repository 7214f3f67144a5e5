"""This process's pool of worker processes, shared by every task that spreads work over CPUs.

Workers are spawned (no lock or thread of the Airflow task is inherited) and kept for the life of the process, so
what they load (models, tokenizers) is loaded once per process: once per ``airflow dags test`` run, once per task
under a Celery or local executor.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context, spawn
from typing import Any, TypeVar

T = TypeVar("T")
_POOL: dict[str, Any] = {}


def process_pool(workers: int) -> ProcessPoolExecutor:
    """The pool (made on first use, remade if a worker died or the size changed)."""
    pool = _POOL.get("pool")
    if pool is None or _POOL.get("workers") != workers or getattr(pool, "_broken", False):
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_exit_with_parent)
        _POOL.update(pool=pool, workers=workers)
    return pool


def _exit_with_parent() -> None:
    """In each worker: end it once the process that started it is gone. Airflow's task runner ends a task process
    with ``os._exit``, which never shuts the pool down, and a worker blocked on its call queue (whose write end it
    holds itself) would otherwise wait forever with its models loaded: 0.4 GB per task, for good."""

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def pool_running() -> bool:
    """Whether this process has a pool now (under ``airflow dags test`` it outlives the shard tasks)."""
    return "pool" in _POOL


def release() -> None:
    """Shut the pool down: its workers, and the models they loaded, leave memory (the next ``submit`` starts a
    new pool)."""
    pool = _POOL.pop("pool", None)
    _POOL.pop("workers", None)
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def return_freed_memory() -> None:
    """Hand what this process has freed back to the OS. glibc keeps freed blocks in its arenas and Arrow keeps
    them in its pool, so a long-lived process — a worker across shards, ``airflow dags test`` across tasks —
    otherwise stays at the peak of every batch it ever held (at 16x a 15 MB slice that was 0.12 GB per process)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``; None where the C library has none (musl, macOS)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


@contextmanager
def _without_main() -> Iterator[None]:
    """Workers run functions of importable modules, so a new one must not re-run the parent's main script: under
    an Airflow executor that is the ``airflow`` entry point, which cannot even be imported in a task's children
    (they have no metadata database URL). Workers start inside ``submit``, so only submissions are covered."""
    original = spawn.get_preparation_data

    def prepared(name: str) -> dict[str, Any]:
        data = original(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data

    spawn.get_preparation_data = prepared
    try:
        yield
    finally:
        spawn.get_preparation_data = original


def submit(workers: int, function: Callable[..., T], *args: Any) -> Future[T]:
    """Run ``function(*args)`` in the pool of ``workers`` processes."""
    with _without_main():
        return process_pool(workers).submit(function, *args)


def parallel_map(function: Callable[[Any], T], items: Sequence[Any], workers: int) -> list[T]:
    """``function`` over ``items``, in order: in the pool when there are workers and items to share."""
    if workers <= 1 or len(items) < 2:
        return [function(item) for item in items]
    futures = [submit(workers, function, item) for item in items]
    return [future.result() for future in futures]
