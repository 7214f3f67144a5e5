"""Gates: run a gate's checks over documents and apply its action.

Actions: ``block`` (the task fails, nothing downstream is published), ``filter`` (failing rows to quarantine
with rule ``<gate>.<check>`` and the reason), ``weight`` (nothing is rejected; the checks' scores feed
``quality_score`` and the sampling ``weight``), ``transform`` (the checks' fix is applied, then the checks run
again on the fixed text and what still fails is filtered). Each document only meets the gates of its
processing path, and every row accumulates its verdicts in ``gate_results`` across the early, mid and late
stages.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from llmdata.errors import LlmdataError
from llmdata.quality.checks import Verdicts
from llmdata.quality.policy import Gate, Policy
from llmdata.routing import PathClock, routes_of
from llmdata.schemas import DOCUMENT, conform
from llmdata.stage import StageResult, quarantine


def stage_name(stage: str) -> str:
    """The pipeline step that runs the gates of ``stage``: ``gate_early``, ``gate_mid``, ``gate_late``."""
    return f"gate_{stage}"


class GateBlockedError(LlmdataError, RuntimeError):
    """A ``block`` gate failed: nothing downstream may be published."""


@dataclass
class _Rows:
    """Per-row bookkeeping of one path's documents while its gates run."""

    texts: list[str]
    results: list[dict] = field(default_factory=list)
    failed_rule: list[str | None] = field(default_factory=list)
    failed_reason: list[str | None] = field(default_factory=list)
    transformed: int = 0

    @classmethod
    def of(cls, documents: pa.Table) -> _Rows:
        n = documents.num_rows
        previous = documents["gate_results"].to_pylist() if "gate_results" in documents.column_names else [None] * n
        return cls([t or "" for t in documents["text"].to_pylist()],
                   [json.loads(p) if p else {} for p in previous], [None] * n, [None] * n)

    def fail(self, i: int, rule: str, reason: str) -> None:
        if self.failed_rule[i] is None:
            self.failed_rule[i] = rule
            self.failed_reason[i] = reason

    def record(self, i: int, rule: str, ok: bool, score: float | None) -> None:
        outcome = self.results[i].setdefault("passed" if ok else "failed", [])
        if rule not in outcome:
            outcome.append(rule)
        if score is not None:
            self.results[i].setdefault("scores", {})[rule] = round(score, 4)


def apply_gates(documents: pa.Table, policy: Policy, stage: str) -> StageResult:
    """Run every gate of ``policy`` at ``stage`` over ``documents``, each document only through the gates of its
    processing path; a ``block`` gate that fails raises :class:`GateBlockedError` naming the check."""
    routes = routes_of(documents)
    profiles = (documents["quality_profile"].to_pylist() if "quality_profile" in documents.column_names
                else [None] * documents.num_rows)
    groups = list(zip(routes, [p if p in policy.profiles else None for p in profiles], strict=True))
    clock = PathClock()
    kept, quarantined, metrics = [], [], {}
    for path, profile in sorted(set(groups), key=lambda g: (g[0], g[1] or "")):
        rows = documents.filter(pa.array([g == (path, profile) for g in groups], pa.bool_()))
        start = time.perf_counter()
        gates = [g for g in policy.gates_at(stage, profile) if path in g.paths]
        path_kept, path_quarantined = _gate_rows(rows, gates, policy, metrics, stage_name(stage))
        clock.add(path, rows.num_rows, time.perf_counter() - start)
        kept.append(path_kept)
        quarantined.append(path_quarantined)
    empty = documents.slice(0, 0)
    kept_rows = pa.concat_tables(kept) if kept else conform(empty, DOCUMENT)
    quarantined_rows = pa.concat_tables(quarantined) if quarantined else quarantine(empty, stage_name(stage), [], [])
    return StageResult(stage_name(stage), documents.num_rows, kept_rows, quarantined_rows,
                       metrics={"stage": stage, "policy": policy.name, "policy_version": policy.version,
                                "policy_sha256": policy.sha256, "checks": metrics, "paths": clock.report()})


def _gate_rows(documents: pa.Table, gates: list[Gate], policy: Policy, metrics: dict[str, dict[str, int]],
               step: str) -> tuple[pa.Table, pa.Table]:
    state = _Rows.of(documents)
    for gate in gates:
        _run_gate(gate, documents, state, metrics)
    scores = [policy.scoring.quality_score(r.get("scores", {})) for r in state.results]
    keep = pa.array([rule is None for rule in state.failed_rule], pa.bool_())
    rows = documents
    for name, values, kind in (
        ("text", state.texts, pa.large_string()),
        ("gate_results", [json.dumps(r, sort_keys=True) for r in state.results], pa.string()),
        ("quality_score", scores, pa.float64()),
        ("weight", [policy.scoring.weight(s) for s in scores], pa.float64()),
    ):
        column = pa.array(values, kind)
        rows = (rows.set_column(rows.schema.get_field_index(name), name, column) if name in rows.column_names
                else rows.append_column(name, column))
    if state.transformed:
        from llmdata.ids import sha256_hex

        rows = rows.set_column(rows.schema.get_field_index("text_sha256"), "text_sha256",
                               pa.array([sha256_hex(t) for t in state.texts], pa.string()))
    rejected = rows.filter(pc.invert(keep))
    return (conform(rows.filter(keep), DOCUMENT),
            quarantine(rejected, step, [r for r in state.failed_rule if r is not None],
                       [r for r in state.failed_reason if r is not None]))


def _evaluate(gate: Gate, documents: pa.Table, state: _Rows) -> list[tuple[str, Verdicts]]:
    batch = documents.set_column(documents.schema.get_field_index("text"), "text",
                                 pa.array(state.texts, pa.large_string()))
    return [(f"{gate.name}.{check.name}", check.evaluate(batch)) for check in gate.checks]


def _run_gate(gate: Gate, documents: pa.Table, state: _Rows, metrics: dict[str, dict[str, int]]) -> None:
    verdicts = _evaluate(gate, documents, state)
    if gate.action == "transform":
        fixed = 0
        for _, v in verdicts:
            if v.texts is None:
                continue
            for i, text in enumerate(v.texts):
                if text != state.texts[i] and state.failed_rule[i] is None:
                    state.texts[i] = text
                    fixed += 1
        state.transformed += fixed
        metrics.setdefault(f"{gate.name}.transformed", {"evaluated": 0, "failed": 0})["evaluated"] += fixed
        verdicts = _evaluate(gate, documents, state)  # the check again, on the fixed text
    for rule, v in verdicts:
        passed = v.passed.to_pylist()
        counts = metrics.setdefault(rule, {"evaluated": 0, "failed": 0})
        counts["evaluated"] += len(passed)
        counts["failed"] += passed.count(False)
        if gate.action == "block" and False in passed:
            first = passed.index(False)
            raise GateBlockedError(
                f"blocking gate {gate.name!r}: check {rule.split('.', 1)[1]} failed for {passed.count(False)} of "
                f"{len(passed)} documents (first: {documents['doc_id'][first].as_py()}, {v.reason_of(first)}); "
                "nothing is published. Fix the data or change the policy."
            )
        scored = gate.action == "weight" or v.scores is not None
        for i, ok in enumerate(passed):
            state.record(i, rule, ok, v.score_of(i) if scored else None)
            if not ok and gate.action in ("filter", "transform"):
                state.fail(i, rule, v.reason_of(i))
