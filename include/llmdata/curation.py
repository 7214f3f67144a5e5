"""Curate, declared once: the ordered list of steps that everything else is derived from.

The curate DAG's tasks, ``llmdata run STEP``, the provenance trace, the audit report's step table and the tests
all read :data:`CURATE`; nothing else names the order. A step is either

* **per-document** (``scope="document"``): a pure function over a batch of rows. Consecutive per-document steps
  form one *segment* that a single mapped task runs in memory over record batches of its shard
  (:mod:`llmdata.segment`), so a document goes through extract ... gate_mid without a lake write in between;
* **run-wide** (``scope="run"``): it needs every shard's output (learning boilerplate, dedup, the late gates,
  review, the report, publish) and is its own task.

A segment persists only its last output, unless a step says otherwise. Text before ``redact_pii`` is raw and
may only be kept in the access-restricted raw layer (``bronze``), for the run (the commit task drops it):
that is where the extract segment hands its text to the boilerplate step and the next segment.

This module is imported by the DAG file, so it imports nothing heavy: functions and operators are named as
``module:attribute`` strings and loaded when a task runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from llmdata.schemas import (
    BRONZE_DOCUMENTS,
    BRONZE_EXTRACTED,
    GOLD_DOCUMENTS,
    META_BOILERPLATE,
    REVIEW_QUEUE,
    SILVER_ANNOTATED,
    SILVER_DOCUMENTS,
    SILVER_FILTERED,
    SILVER_GATED,
    SILVER_REDACTED,
)

Scope = Literal["document", "run"]
ALL_PATHS = ("fast", "standard", "deep")
# (input column, what the step did to it, whether the output masks the input) per output column.
ColumnLineage = Mapping[str, tuple[str, str, bool]]


@dataclass(frozen=True)
class Step:
    """One curate step: what it is called, what it runs, where its rows go."""

    name: str
    scope: Scope
    summary: str
    # ``module:function`` taking (rows, StepContext) and returning a StageResult; None for lake-only steps.
    apply: str | None = None
    # Run-wide steps: ``module:Class`` of the Airflow operator that runs them.
    operator: str | None = None
    paths: tuple[str, ...] = ALL_PATHS
    lineage: ColumnLineage = field(default_factory=dict)
    # The table this step's kept rows are written to: always when it ends a segment or is run-wide, and for a
    # step inside a segment only when ``LLMDATA_KEEP_INTERMEDIATE`` is on.
    persists: str | None = None
    # False while rows may still hold raw PII: such a step's output is never kept outside bronze.
    pii_free: bool = True

    def function(self) -> Callable[..., Any]:
        """The step's row function (imported on first use)."""
        if self.apply is None:
            raise LookupError(f"step {self.name} works on the lake only (its task is {self.operator})")
        return _load(self.apply)

    def operator_class(self) -> type:
        """The Airflow operator of a run-wide step (imported on first use; Airflow must be installed)."""
        if self.operator is None:
            raise LookupError(f"step {self.name} runs inside a shard segment, not as its own operator")
        return _load(self.operator)


def _load(target: str) -> Any:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


_S = "llmdata.steps"
_OPS = "llmdata.operators.curate"

CURATE: tuple[Step, ...] = (
    Step("extract", "document", "text out of HTML / reST / Markdown / PDF / DOCX / JSON; routed to a path",
         apply=f"{_S}:extract_step", persists=BRONZE_EXTRACTED, pii_free=False,
         lineage={"text": ("content", "text extracted from HTML/PDF/DOCX/JSON or decoded", False)}),
    Step("boilerplate", "run", "learns each source's boilerplate lines over every shard of the run",
         apply=f"{_S}:boilerplate_step", operator=f"{_OPS}:BoilerplateOperator", persists=META_BOILERPLATE),
    Step("normalize", "document", "mojibake repaired, NFC, the source's boilerplate lines removed",
         apply=f"{_S}:normalize_step", pii_free=False,
         lineage={"text": ("text", "Unicode repair, NFC, whitespace, boilerplate lines removed", False)}),
    Step("gate_early", "document", "structural gates: cheap checks keep junk out of the expensive steps",
         apply=f"{_S}:gate_early_step", pii_free=False),
    Step("redact_pii", "document", "PII replaced by typed placeholders (NER on the deep path)",
         apply=f"{_S}:redact_pii_step", persists=SILVER_REDACTED,
         lineage={"text": ("text", "PII replaced per the PII policy", True),
                  "pii_counts": ("text", "PII entities counted by type", False)}),
    Step("annotate", "document", "language and token counts", apply=f"{_S}:annotate_step", persists=SILVER_ANNOTATED,
         lineage={"lang": ("text", "language identified (py3langid)", False),
                  "n_tokens": ("text", "tokens of the embedding model's tokenizer", False)}),
    Step("gate_mid", "document", "statistical and ML gates (C4 fix, Gopher, FineWeb, toxicity); scored",
         apply=f"{_S}:gate_mid_step"),
    Step("minhash", "document", "MinHash signature of each kept document, for the run-wide near dedup",
         apply=f"{_S}:minhash_step", persists=SILVER_FILTERED,
         lineage={"signature": ("text", "MinHash of the redacted text's word shingles", False)}),
    Step("dedup", "run", "exact and near (MinHash LSH) duplicates, against every earlier run",
         apply=f"{_S}:dedup_step", operator=f"{_OPS}:DedupOperator", persists=SILVER_DOCUMENTS),
    Step("gate_late", "run", "late gates over the whole run (decontamination, off-topic)",
         apply=f"{_S}:gate_late_step", operator=f"{_OPS}:LateGateOperator", persists=SILVER_GATED),
    Step("review", "run", "reviewers' decisions honoured; borderline documents queued",
         apply=f"{_S}:review_step", operator="llmdata.operators.quality:ReviewOperator", persists=REVIEW_QUEUE),
    Step("quality_report", "run", "drift against the previous run, bias statistics, the HTML/JSON report",
         apply=f"{_S}:quality_report_step", operator="llmdata.operators.quality:QualityReportOperator"),
    Step("publish", "run", "this run's documents into gold, removed ones out, in one commit",
         operator=f"{_OPS}:PublishOperator", persists=GOLD_DOCUMENTS),
    Step("export_training", "run", "gold as sharded Parquet + JSONL with a manifest and a dataset card",
         operator="llmdata.operators.export:ExportTrainingOperator"),
)

INPUT = BRONZE_DOCUMENTS


def declared(steps: tuple[Step, ...] | None = None) -> tuple[Step, ...]:
    """``steps``, or the module's :data:`CURATE` as it is now (read at call time, so a deployment or a test that
    extends the list is seen by every function that derives from it)."""
    return steps if steps is not None else CURATE


@dataclass(frozen=True)
class Segment:
    """Steps that run in one task: a run of consecutive per-document steps, or one run-wide step."""

    steps: tuple[Step, ...]

    @property
    def per_document(self) -> bool:
        return self.steps[0].scope == "document"

    @property
    def task_id(self) -> str:
        """``extract``; ``normalize_to_minhash`` for several steps."""
        first, last = self.steps[0].name, self.steps[-1].name
        return first if first == last else f"{first}_to_{last}"

    @property
    def output(self) -> str | None:
        """The table the segment's surviving rows are written to."""
        return self.steps[-1].persists

    def kept_tables(self, keep_intermediate: bool) -> dict[str, str]:
        """{step: table} of the steps whose output this segment writes."""
        kept = {}
        for i, step in enumerate(self.steps):
            last = i == len(self.steps) - 1
            if step.persists and (last or (keep_intermediate and step.pii_free)):
                kept[step.name] = step.persists
        return kept


def segments(steps: tuple[Step, ...] | None = None) -> list[Segment]:
    """``steps`` grouped into tasks, in order."""
    steps = declared(steps)
    groups: list[list[Step]] = []
    for step in steps:
        if step.scope == "document" and groups and groups[-1][-1].scope == "document":
            groups[-1].append(step)
        else:
            groups.append([step])
    return [Segment(tuple(g)) for g in groups]


def validate(steps: tuple[Step, ...] | None = None) -> None:
    """Refuse a list that would lose rows or keep raw text outside bronze."""
    steps = declared(steps)
    names = [s.name for s in steps]
    if len(set(names)) != len(names):
        raise ValueError(f"curate steps must have unique names: {names}")
    for segment in segments(steps):
        if segment.per_document and not segment.output:
            raise ValueError(f"segment {segment.task_id} must end in a step that persists its rows")
        for step in segment.steps:
            if step.persists and not step.pii_free and not step.persists.startswith("bronze."):
                raise ValueError(f"step {step.name} holds raw text: it may only persist to bronze, "
                                 f"not {step.persists}")
        if not segment.per_document and segment.steps[0].operator is None:
            raise ValueError(f"run-wide step {segment.task_id} needs an operator")


def step(name: str, steps: tuple[Step, ...] | None = None) -> Step:
    """The step called ``name``."""
    steps = declared(steps)
    for candidate in steps:
        if candidate.name == name:
            return candidate
    raise KeyError(f"no curate step {name!r}; steps are {[s.name for s in steps]}")


def order(steps: tuple[Step, ...] | None = None) -> list[str]:
    """Step names in order."""
    steps = declared(steps)
    return [s.name for s in steps]


validate()
