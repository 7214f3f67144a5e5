"""This project's custom OpenLineage facets: versioned classes, each with a JSON Schema in ``schemas/``.

Facets carry counts and parameters, never document text or PII. Each later capability adds its facet here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attr
from openlineage.client.generated.base import DatasetFacet, RunFacet

SCHEMA_DIR = Path(__file__).with_name("schemas")
SCHEMA_BASE = "https://llmdata.dev/spec/facets/1-0-0/"


def _schema_url(name: str) -> str:
    return f"{SCHEMA_BASE}{name}.json#/$defs/{name}"


@attr.define
class StageRunFacet(RunFacet):
    """What a stage did: records in, out, quarantined (by rule) and skipped, and its parameters."""

    stage: str
    records_in: int
    records_out: int
    records_quarantined: int
    records_skipped: int = 0
    quarantined_by_rule: dict[str, int] = attr.field(factory=dict)
    params: dict[str, Any] = attr.field(factory=dict)

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("StageRunFacet")


@attr.define
class StepsRunFacet(RunFacet):
    """Per-step counts of a task that ran several curate steps in memory (a shard segment), in step order."""

    steps: list[dict[str, Any]]
    batches: int
    shard: int

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("StepsRunFacet")


@attr.define
class PolicyRunFacet(RunFacet):
    """The quality policy a run enforced: identity, version and content hash."""

    name: str
    version: str
    sha256: str
    path: str
    assumptions: str = ""

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("PolicyRunFacet")


@attr.define
class SourceDatasetFacet(DatasetFacet):
    """A source's licence, ownership, purpose and classification (AI Act Art. 10(2)(b))."""

    source_id: str
    connector: str
    licence: str
    owner: str
    purpose: str
    legal_basis: str | None
    velocity: str
    structure: str
    reliability: str
    sensitivity: str

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("SourceDatasetFacet")


@attr.define
class PiiRunFacet(RunFacet):
    """PII redaction: entity counts and the operator applied to each entity type; never values.

    The counts are of every document the task redacted, including those a later gate quarantines or dedup
    removes (redaction runs before them), so they can exceed the sum of gold's ``pii_counts`` for the run."""

    entities: dict[str, int]
    operators: dict[str, str]
    documents_with_pii: int
    documents_dropped: int
    policy_version: str
    policy_sha256: str
    # The PII engine's version and its libraries' (llmdata.transforms.pii.engine): which detector redacted.
    engine: dict[str, Any] = attr.field(factory=dict)

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("PiiRunFacet")


@attr.define
class DedupRunFacet(RunFacet):
    """Deduplication method, parameters and outcome."""

    method: str
    duplicates: int
    clusters: int
    params: dict[str, Any] = attr.field(factory=dict)

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("DedupRunFacet")


@attr.define
class EmbeddingRunFacet(RunFacet):
    """The embedding model, revision and backend, and where the vectors went."""

    model: str
    revision: str
    backend: str
    dimension: int
    collection: str
    index_location: str
    chunker_version: str

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("EmbeddingRunFacet")


@attr.define
class SourceHealthRunFacet(RunFacet):
    """How a source's ingestion went: ok or degraded (and why), failures, whether removals were inferred."""

    source_id: str
    status: str
    reason: str | None
    transient_failures: int
    removals_detected: bool
    required: bool

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("SourceHealthRunFacet")


@attr.define
class RoutingRunFacet(RunFacet):
    """Tiered paths in one step: documents and throughput per path, and the routing rules that chose them."""

    step: str
    paths: dict[str, dict[str, float]]
    rule_hits: dict[str, int] = attr.field(factory=dict)
    routing: dict[str, Any] = attr.field(factory=dict)

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("RoutingRunFacet")


@attr.define
class DriftRunFacet(RunFacet):
    """Drift of this run's signals against the previous committed run: statistics and alarms."""

    baseline_run: str | None
    n_baseline: int
    n_current: int
    action: str
    alarms: list[str] = attr.field(factory=list)
    statistics: dict[str, Any] = attr.field(factory=dict)
    skipped: str | None = None

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("DriftRunFacet")


@attr.define
class BiasRunFacet(RunFacet):
    """Representation of the policy's term groups (counts and rates only), overall and per source."""

    groups: dict[str, Any]
    notes: str = ""

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("BiasRunFacet")


@attr.define
class DecontaminationRunFacet(RunFacet):
    """Evaluation sets checked for overlap, the n-gram size and how many documents were removed."""

    eval_sets: list[str]
    ngram: int
    documents_removed: int

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("DecontaminationRunFacet")


@attr.define
class ErasureRunFacet(RunFacet):
    """An erasure: how many documents, rows, points, cache entries and files went, and which snapshots it expired
    (the history it altered). Never the erased content or ids of people."""

    reason: str
    documents: int
    rows_deleted: dict[str, int] = attr.field(factory=dict)
    points_deleted: int = 0
    cache_entries_deleted: int = 0
    snapshots_expired: dict[str, list[int]] = attr.field(factory=dict)
    files_removed: int = 0
    exports_removed: list[str] = attr.field(factory=list)

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("ErasureRunFacet")


@attr.define
class RuleAlertRunFacet(RunFacet):
    """Rules that quarantined at least ``min_share`` of a source's records in the run (sources with at least
    ``min_records``): counts only, a likely misconfiguration."""

    min_records: int
    min_share: float
    alerts: list[dict[str, Any]] = attr.field(factory=list)

    @staticmethod
    def _get_schema() -> str:
        return _schema_url("RuleAlertRunFacet")


FACETS: dict[str, type] = {
    "llmdata_rule_alerts": RuleAlertRunFacet,
    "llmdata_source_health": SourceHealthRunFacet,
    "llmdata_stage": StageRunFacet,
    "llmdata_policy": PolicyRunFacet,
    "llmdata_source": SourceDatasetFacet,
    "llmdata_dedup": DedupRunFacet,
    "llmdata_pii": PiiRunFacet,
    "llmdata_embedding": EmbeddingRunFacet,
    "llmdata_routing": RoutingRunFacet,
    "llmdata_drift": DriftRunFacet,
    "llmdata_bias": BiasRunFacet,
    "llmdata_decontamination": DecontaminationRunFacet,
    "llmdata_erasure": ErasureRunFacet,
    "llmdata_steps": StepsRunFacet,
}


def load_schema(facet_key: str) -> dict[str, Any]:
    """The JSON Schema of the custom facet stored under ``facet_key`` in events."""
    name = FACETS[facet_key].__name__
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
