"""Run a segment of per-document curate steps in memory over record batches (datatrove's shape).

A batch goes through every step before the next batch is read, so memory follows the batch, not the shard,
and no lake write happens between steps. Each step's records in / out / quarantined (by rule), its time and its
metrics are tallied here, once, for the lineage facets and logs.

With ``workers`` > 1 the batches go to that many worker processes (spawned, so no lock or thread of the Airflow
task is inherited), at most four per worker in flight (a slow batch does not idle the other worker), and come
back in order: the output is the same rows in the same order as in one process.
A shard of a few batches stays in-process unless the pool already runs (starting a worker costs more).
The pool outlives the shard: a worker loads its models (Presidio, spaCy, the tokenizer, the toxicity model) once
per process that runs tasks — once per ``airflow dags test`` run, once per task under a Celery or local executor.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from llmdata.curation import Step
from llmdata.stage import RecordsLostError, StageResult
from llmdata.steps import StepContext
from llmdata.transforms.pii import redact_quarantine
from llmdata.workers import pool_running, return_freed_memory, submit


@dataclass
class StepTally:
    """One step's counts over every batch of a segment."""

    step: str
    records_in: int = 0
    records_out: int = 0
    records_quarantined: int = 0
    quarantined_by_rule: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    metrics: dict[str, Any] = field(default_factory=dict)

    def add(self, result: StageResult, seconds: float) -> None:
        """Add one batch's result of this step."""
        self.absorb(StepTally(self.step, result.records_in, result.kept.num_rows, result.quarantined.num_rows,
                              Counter(result.quarantine_reasons), seconds, result.metrics))

    def absorb(self, other: StepTally) -> None:
        """Add another tally of the same step (a worker's batch)."""
        self.records_in += other.records_in
        self.records_out += other.records_out
        self.records_quarantined += other.records_quarantined
        self.quarantined_by_rule.update(other.quarantined_by_rule)
        self.seconds += other.seconds
        self.metrics = merge_metrics(self.metrics, other.metrics)

    def describe(self) -> dict[str, Any]:
        """PII-free counts for XCom, logs and the ``llmdata_steps`` facet."""
        described = {"step": self.step, "records_in": self.records_in, "records_out": self.records_out,
                     "records_quarantined": self.records_quarantined,
                     "quarantined_by_rule": dict(self.quarantined_by_rule.most_common()),
                     "seconds": round(self.seconds, 3)}
        if self.metrics.get("paths"):
            described["paths"] = self.metrics["paths"]
        return described


def merge_metrics(total: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Metrics of two batches as one: numbers add, nested dicts merge, anything else keeps the latest value;
    per-path throughput is recomputed from the summed documents and seconds."""
    merged = dict(total)
    for key, value in new.items():
        old = merged.get(key)
        if isinstance(value, bool) or isinstance(old, bool):
            merged[key] = value
        elif isinstance(value, int | float) and isinstance(old, int | float):
            merged[key] = old + value
        elif isinstance(value, dict) and isinstance(old, dict):
            merged[key] = merge_metrics(old, value)
        else:
            merged[key] = value
    if "documents" in merged and "seconds" in merged and "docs_per_s" in merged:
        merged["docs_per_s"] = round(merged["documents"] / merged["seconds"], 1) if merged["seconds"] else 0.0
    return merged


@dataclass
class SegmentResult:
    """What a segment produced: each kept step's rows, every quarantined row, and per-step tallies."""

    tallies: dict[str, StepTally]
    kept: dict[str, list[pa.Table]]
    quarantined: list[pa.Table]
    batches: int = 0

    def rows(self, step: str, schema: pa.Schema) -> pa.Table:
        """The rows ``step`` kept, as one table."""
        parts = self.kept.get(step) or []
        return pa.concat_tables(parts) if parts else schema.empty_table()

    def quarantine(self, schema: pa.Schema) -> pa.Table:
        return pa.concat_tables(self.quarantined) if self.quarantined else schema.empty_table()

    @property
    def records_in(self) -> int:
        return next(iter(self.tallies.values())).records_in if self.tallies else 0

    def check(self) -> None:
        """Records in = out + quarantined for every step, and each step starts with what the previous kept."""
        previous = None
        for tally in self.tallies.values():
            if tally.records_in != tally.records_out + tally.records_quarantined:
                raise RecordsLostError(f"step {tally.step}: {tally.records_in} in, {tally.records_out} out, "
                                       f"{tally.records_quarantined} quarantined")
            if previous is not None and tally.records_in != previous.records_out:
                raise RecordsLostError(f"step {tally.step} got {tally.records_in} rows but {previous.step} "
                                       f"kept {previous.records_out}")
            previous = tally


# Batches a shard must have before worker processes pay for their start-up (imports, models).
MIN_BATCHES_FOR_WORKERS = 3


def run_segment(steps: tuple[Step, ...], batches: Iterable[pa.Table], ctx: StepContext, keep: Iterable[str],
                on_batch: Callable[[int, int, SegmentResult], None] | None = None,
                workers: int = 1, sink: Callable[[str, pa.Table], None] | None = None) -> SegmentResult:
    """Take every batch through ``steps``; keep the output of the steps named in ``keep`` — in the result, or
    handed batch by batch to ``sink(step, rows)`` (in order) so the caller's memory does not follow the shard."""
    keep = set(keep)
    result = SegmentResult({s.name: StepTally(s.name) for s in steps}, {name: [] for name in keep}, [])
    batches = iter(batches)
    head = list(itertools.islice(batches, MIN_BATCHES_FOR_WORKERS))
    stream = itertools.chain(head, batches)
    # A pool that already runs (``airflow dags test`` keeps it across shard tasks) takes every batch: the task's
    # own process then never loads the steps' models, and both CPUs work on a shard of two batches.
    if workers > 1 and (pool_running() or len(head) >= MIN_BATCHES_FOR_WORKERS):
        outcomes = _in_workers(steps, stream, ctx, keep, workers)
    else:
        outcomes = (_one_batch(steps, batch, ctx, keep) for batch in stream)
    for n_rows, tallies, kept, quarantined in outcomes:
        for name, tally in tallies.items():
            result.tallies[name].absorb(tally)
        for name, rows in kept.items():
            if sink:
                sink(name, rows)
            else:
                result.kept[name].append(rows)
        result.quarantined += quarantined
        result.batches += 1
        if on_batch:
            on_batch(result.batches, n_rows, result)
    result.check()
    return result


BatchOutcome = tuple[int, dict[str, StepTally], dict[str, pa.Table], list[pa.Table]]


def _one_batch(steps: tuple[Step, ...], batch: pa.Table, ctx: StepContext, keep: set[str]) -> BatchOutcome:
    tallies = {s.name: StepTally(s.name) for s in steps}
    kept: dict[str, pa.Table] = {}
    quarantined: list[pa.Table] = []
    rows = batch
    for step in steps:
        start = time.perf_counter()
        outcome = step.function()(rows, ctx)
        tallies[step.name].add(outcome, time.perf_counter() - start)
        if outcome.quarantined.num_rows:
            # Redacted where it was rejected: raw text never leaves the worker, and the task's own process never
            # loads Presidio for its quarantine (pattern recognizers; a no-op on rows redact_pii already did).
            quarantined.append(redact_quarantine(outcome.quarantined, ctx.pii_policy,
                                                 ctx.settings.pii_hash_key.encode()))
        rows = outcome.kept
        if step.name in keep and rows.num_rows:
            kept[step.name] = rows
        if not rows.num_rows:
            break
    return batch.num_rows, tallies, kept, quarantined


# A worker's contexts, by job (steps, settings, run): made on its first batch of a job, kept for the next ones.
_CONTEXTS: dict[str, tuple[tuple[Step, ...], StepContext]] = {}


@dataclass(frozen=True)
class _Job:
    """What a worker needs besides a batch: small, sent with every batch (the pool serves many shards)."""

    steps: tuple[str, ...]
    settings: str  # JSON
    run_id: str
    boilerplate: dict[str, frozenset[str]]
    keep: frozenset[str]

    @property
    def key(self) -> str:
        return f"{self.steps}|{self.run_id}|{self.settings}"


def _worker_batch(job: _Job, batch: pa.Table) -> BatchOutcome:
    if job.key not in _CONTEXTS:
        import json

        from llmdata.config import load_settings
        from llmdata.curation import step

        while len(_CONTEXTS) >= 4:  # models are cached per process; contexts only hold references
            _CONTEXTS.pop(next(iter(_CONTEXTS)))
        _CONTEXTS[job.key] = (tuple(step(n) for n in job.steps),
                              StepContext(load_settings(**json.loads(job.settings)), job.run_id))
    steps, ctx = _CONTEXTS[job.key]
    ctx.boilerplate = job.boilerplate
    try:
        return _one_batch(steps, batch, ctx, set(job.keep))
    finally:
        return_freed_memory()


# Prose that passes the structural gates, so a warm-up document reaches every step of a segment.
_WARM_UP_TEXT = "\n\n".join(
    "Restoring a database from a base backup takes three steps. Stop the server, replace the data directory with the "
    f"backup, and replay the archived write-ahead log up to the moment you need (part {n}). Check the logs afterwards "
    "and keep the old directory until the restored server has answered queries for a day." for n in range(3))


def warm_workers(steps: tuple[Step, ...], ctx: StepContext, workers: int) -> list[Future[BatchOutcome]]:
    """Have a running pool's workers load what ``steps`` need (models, tokenizer, policies) now, by taking one
    made-up document through them, so the next shard's first batches do not wait for it. Only a pool that already
    runs is warmed: a task in a process of its own would start workers for nothing. The futures need not be
    awaited (a failed warm-up only means the models load with the first real batch)."""
    from llmdata.schemas import DOCUMENT, conform

    if workers <= 1 or not pool_running():
        return []
    document = conform(pa.Table.from_pylist([{
        "doc_id": "warm-up", "source_id": "warm-up", "source_uri": "warm-up", "licence": "none",
        "mime_type": "text/plain", "text": _WARM_UP_TEXT, "route": "standard", "run_id": ctx.run_id, "shard": -1}]),
        DOCUMENT)
    return [submit(workers, _worker_batch, _job(steps, ctx, set()), document) for _ in range(workers)]


def _job(steps: tuple[Step, ...], ctx: StepContext, keep: set[str]) -> _Job:
    return _Job(tuple(s.name for s in steps), ctx.settings.model_dump_json(), ctx.run_id,
                {k: frozenset(v) for k, v in ctx.boilerplate.items()}, frozenset(keep))


def _in_workers(steps: tuple[Step, ...], batches: Iterator[pa.Table], ctx: StepContext, keep: set[str],
                workers: int) -> Iterator[BatchOutcome]:
    job = _job(steps, ctx, keep)
    pending: deque[Future[BatchOutcome]] = deque()
    try:
        for batch in batches:
            pending.append(submit(workers, _worker_batch, job, batch))
            if len(pending) >= 4 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:  # a failed batch: the rest of this shard is not wanted
            future.cancel()
