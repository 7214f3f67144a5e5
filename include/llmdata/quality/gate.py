"""Gates: run a gate's checks over documents and apply its action."""

from __future__ import annotations

import json
import time

import pyarrow as pa
import pyarrow.compute as pc

from llmdata.quality.policy import Gate, Policy
from llmdata.routing import PathClock, routes_of
from llmdata.schemas import DOCUMENT, conform
from llmdata.stage import StageResult, quarantine

STAGE = "quality_gate"


class GateBlockedError(RuntimeError):
    """A ``block`` gate failed: nothing downstream may be published."""


def apply_gates(documents: pa.Table, policy: Policy, stage: str) -> StageResult:
    """Run every gate of ``policy`` at ``stage`` over ``documents``, each document only through the gates of its
    processing path.

    A ``filter`` gate quarantines failing rows with rule ``<gate>.<check>`` (the first failing check) and its
    reason; a ``block`` gate raises :class:`GateBlockedError` naming the check and the number of failures.
    Every kept row records which checks it passed in ``gate_results``.
    """
    routes = routes_of(documents)
    clock = PathClock()
    kept, quarantined, metrics = [], [], {}
    for path in sorted(set(routes)):
        rows = documents.filter(pa.array([r == path for r in routes], pa.bool_()))
        start = time.perf_counter()
        path_kept, path_quarantined = _gate_rows(rows, [g for g in policy.gates_at(stage) if path in g.paths],
                                                 metrics)
        clock.add(path, rows.num_rows, time.perf_counter() - start)
        kept.append(path_kept)
        quarantined.append(path_quarantined)
    kept_rows = pa.concat_tables(kept) if kept else conform(documents.slice(0, 0), DOCUMENT)
    quarantined_rows = pa.concat_tables(quarantined) if quarantined else quarantine(documents.slice(0, 0), STAGE,
                                                                                    [], [])
    return StageResult(STAGE, documents.num_rows, kept_rows, quarantined_rows,
                       metrics={"policy": policy.name, "policy_version": policy.version,
                                "policy_sha256": policy.sha256, "checks": metrics, "paths": clock.report()})


def _gate_rows(documents: pa.Table, gates: list[Gate], metrics: dict[str, dict[str, int]]) -> tuple[pa.Table,
                                                                                                  pa.Table]:
    n = documents.num_rows
    failed_rule: list[str | None] = [None] * n
    failed_reason: list[str | None] = [None] * n
    results: list[dict[str, list[str]]] = [{} for _ in range(n)]
    for gate in gates:
        for check in gate.checks:
            verdicts = check.evaluate(documents)
            passed = verdicts.passed.to_pylist()
            rule = f"{gate.name}.{check.name}"
            n_failed = passed.count(False)
            counts = metrics.setdefault(rule, {"evaluated": 0, "failed": 0})
            counts["evaluated"] += len(passed)
            counts["failed"] += n_failed
            if gate.action == "block" and n_failed:
                raise GateBlockedError(
                    f"blocking gate {gate.name!r}: check {check.name} failed for {n_failed} of {len(passed)} "
                    f"documents ({verdicts.reason}); nothing is published. Fix the data or change the policy."
                )
            for i, ok in enumerate(passed):
                results[i].setdefault("passed" if ok else "failed", []).append(rule)
                if not ok and failed_rule[i] is None:
                    failed_rule[i] = rule
                    failed_reason[i] = verdicts.reason
    keep = pa.array([rule is None for rule in failed_rule], pa.bool_())
    rows = documents.drop_columns(["gate_results"]) if "gate_results" in documents.column_names else documents
    rows = rows.append_column("gate_results", pa.array([json.dumps(r, sort_keys=True) for r in results],
                                                       pa.string()))
    rejected = rows.filter(pc.invert(keep))
    return (conform(rows.filter(keep), DOCUMENT),
            quarantine(rejected, STAGE, [r for r in failed_rule if r is not None],
                       [r for r in failed_reason if r is not None]))
