"""Gates: run a gate's checks over documents and apply its action."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.compute as pc

from llmdata.quality.policy import Gate, Policy
from llmdata.schemas import DOCUMENT, conform
from llmdata.stage import StageResult, quarantine

STAGE = "quality_gate"


class GateBlockedError(RuntimeError):
    """A ``block`` gate failed: nothing downstream may be published."""


def apply_gates(documents: pa.Table, policy: Policy, stage: str) -> StageResult:
    """Run every gate of ``policy`` at ``stage`` over ``documents``.

    A ``filter`` gate quarantines failing rows with rule ``<gate>.<check>`` (the first failing check) and its
    reason; a ``block`` gate raises :class:`GateBlockedError` naming the check and the number of failures.
    Every kept row records which checks it passed in ``gate_results``.
    """
    n = documents.num_rows
    failed_rule: list[str | None] = [None] * n
    failed_reason: list[str | None] = [None] * n
    results: list[dict[str, list[str]]] = [{} for _ in range(n)]
    metrics: dict[str, dict[str, int]] = {}
    for gate in policy.gates_at(stage):
        _run_gate(gate, documents, failed_rule, failed_reason, results, metrics)
    keep = pa.array([rule is None for rule in failed_rule], pa.bool_())
    rows = documents.drop_columns(["gate_results"]) if "gate_results" in documents.column_names else documents
    rows = rows.append_column("gate_results", pa.array([json.dumps(r, sort_keys=True) for r in results]))
    kept = conform(rows.filter(keep), DOCUMENT)
    rejected = rows.filter(pc.invert(keep))
    quarantined = quarantine(
        rejected,
        STAGE,
        [r for r in failed_rule if r is not None],
        [r for r in failed_reason if r is not None],
    )
    return StageResult(STAGE, n, kept, quarantined, metrics={"policy": policy.name, "policy_version": policy.version,
                                                             "policy_sha256": policy.sha256, "checks": metrics})


def _run_gate(
    gate: Gate,
    documents: pa.Table,
    failed_rule: list[str | None],
    failed_reason: list[str | None],
    results: list[dict[str, list[str]]],
    metrics: dict[str, dict[str, int]],
) -> None:
    for check in gate.checks:
        verdicts = check.evaluate(documents)
        passed = verdicts.passed.to_pylist()
        rule = f"{gate.name}.{check.name}"
        n_failed = passed.count(False)
        metrics[rule] = {"evaluated": len(passed), "failed": n_failed}
        if gate.action == "block" and n_failed:
            raise GateBlockedError(
                f"blocking gate {gate.name!r}: check {check.name} failed for {n_failed} of {len(passed)} documents "
                f"({verdicts.reason}); nothing is published. Fix the data or change the policy."
            )
        for i, ok in enumerate(passed):
            outcome = "passed" if ok else "failed"
            results[i].setdefault(outcome, []).append(rule)
            if not ok and failed_rule[i] is None:
                failed_rule[i] = rule
                failed_reason[i] = verdicts.reason
