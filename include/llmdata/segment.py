"""Run a segment of per-document curate steps in memory over record batches (datatrove's shape).

A batch goes through every step before the next batch is read, so memory follows the batch, not the shard,
and no lake write happens between steps. Each step's records in / out / quarantined (by rule), its time and its
metrics are tallied here, once, for the lineage facets and logs.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from llmdata.curation import Step
from llmdata.stage import RecordsLostError, StageResult
from llmdata.steps import StepContext


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
        self.records_in += result.records_in
        self.records_out += result.kept.num_rows
        self.records_quarantined += result.quarantined.num_rows
        self.quarantined_by_rule.update(result.quarantine_reasons)
        self.seconds += seconds
        self.metrics = merge_metrics(self.metrics, result.metrics)

    def describe(self) -> dict[str, Any]:
        """PII-free counts for XCom, logs and the ``llmdata_steps`` facet."""
        return {"step": self.step, "records_in": self.records_in, "records_out": self.records_out,
                "records_quarantined": self.records_quarantined,
                "quarantined_by_rule": dict(self.quarantined_by_rule.most_common()),
                "seconds": round(self.seconds, 3)}


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


def run_segment(steps: tuple[Step, ...], batches: Iterable[pa.Table], ctx: StepContext, keep: Iterable[str],
                on_batch: Callable[[int, int, SegmentResult], None] | None = None) -> SegmentResult:
    """Take every batch through ``steps``; keep the output of the steps named in ``keep``."""
    functions = [(s.name, s.function()) for s in steps]
    keep = set(keep)
    result = SegmentResult({s.name: StepTally(s.name) for s in steps}, {name: [] for name in keep}, [])
    for batch in batches:
        rows = batch
        for name, function in functions:
            start = time.perf_counter()
            outcome = function(rows, ctx)
            result.tallies[name].add(outcome, time.perf_counter() - start)
            if outcome.quarantined.num_rows:
                result.quarantined.append(outcome.quarantined)
            rows = outcome.kept
            if name in keep and rows.num_rows:
                result.kept[name].append(rows)
            if not rows.num_rows:
                break
        result.batches += 1
        if on_batch:
            on_batch(result.batches, batch.num_rows, result)
    result.check()
    return result
