"""Curation operators: extract, normalise, deduplicate, gate, publish (bronze -> silver -> gold)."""

from __future__ import annotations

import logging
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from pyiceberg.expressions import And, EqualTo, In, Or

from llmdata.changes import ShardSpec, bronze_changes, bronze_current, in_shard, with_run
from llmdata.config import Settings
from llmdata.lake import Lake
from llmdata.lineage.datasets import column_lineage, lake_input, lake_output
from llmdata.lineage.facets import DedupRunFacet, PiiRunFacet, PolicyRunFacet, RoutingRunFacet, StageRunFacet
from llmdata.operators.base import LakeOperator
from llmdata.quality.gate import apply_gates
from llmdata.quality.policy import load_policy
from llmdata.routing import assign_routes
from llmdata.schemas import (
    BRONZE_DOCUMENTS,
    GOLD_DOCUMENTS,
    META_BOILERPLATE,
    META_LSH_BUCKETS,
    QUARANTINE_DOCUMENTS,
    SILVER_ANNOTATED,
    SILVER_DOCUMENTS,
    SILVER_EXTRACTED,
    SILVER_FILTERED,
    SILVER_GATED,
    SILVER_NORMALIZED,
    SILVER_REDACTED,
    SILVER_SCREENED,
    TABLES,
)
from llmdata.sources.registry import load_registry
from llmdata.stage import StageResult
from llmdata.transforms.dedup import deduplicate_exact, resolve_chains
from llmdata.transforms.normalize import normalize

log = logging.getLogger(__name__)

class ShardOperator(LakeOperator):
    """An operator mapped over one shard of the run's change set."""

    template_fields = ("shard",)

    def __init__(self, *, shard: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shard = shard

    @property
    def spec(self) -> ShardSpec:
        return ShardSpec.from_xcom(self.shard)

    def read_run_shard(self, lake: Lake, table: str, run_id: str) -> Any:
        return lake.read(table, row_filter=And(EqualTo("run_id", run_id), EqualTo("shard", self.spec.shard)))


class ExtractOperator(ShardOperator):
    """Bronze changes of one shard -> extracted text in ``silver.extracted``, each row routed to its path."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.transforms.extract import extract  # trafilatura and pypdf: not at DAG parse time

        spec = self.spec
        routing = load_policy(settings.policy_file).routing
        sensitivity = {s.id: s.classification.sensitivity for s in load_registry(settings.sources_file).sources}
        if spec.full:
            upserts = bronze_current(lake, spec.until)
        else:
            changes = bronze_changes(lake, spec.since, spec.until)
            upserts = changes.filter(pc.equal(changes["op"], "upsert"))
        rows, rule_hits = assign_routes(with_run(in_shard(upserts, spec), run_id), routing, sensitivity)
        result = extract(rows)
        owner = {"run_id": run_id, "shard": spec.shard}
        snapshot = lake.replace(SILVER_EXTRACTED, result.kept, owner, run_id=run_id, writer=self.task_id)
        q_snapshot = self.write_quarantine(lake, result, run_id, {"shard": spec.shard})
        self._inputs.append(lake_input(settings, BRONZE_DOCUMENTS, spec.until, rows.num_rows))
        self._outputs += [lake_output(settings, SILVER_EXTRACTED, snapshot, result.kept.num_rows, extra={
            "columnLineage": column_lineage(settings, BRONZE_DOCUMENTS, {
                "text": ("content", "text extracted from HTML/PDF/DOCX/JSON or decoded", False)})}),
                          lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, result.quarantined.num_rows)]
        self._run_facets["llmdata_routing"] = RoutingRunFacet(
            step="extract", paths=result.metrics["paths"], rule_hits=dict(rule_hits), routing=routing.describe())
        return self.record(result, {"shard": spec.shard, "n_shards": spec.n_shards, "rule_hits": dict(rule_hits)})


class BoilerplateOperator(LakeOperator):
    """Learn each source's boilerplate lines from the whole run's extracted text (every shard), so what
    normalize strips does not depend on how documents fall into shards."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.transforms.boilerplate import learn

        rows = lake.read(SILVER_EXTRACTED, row_filter=EqualTo("run_id", run_id), columns=["source_id", "text"])
        learned = learn(rows["text"].to_pylist(), rows["source_id"].to_pylist())
        found = [{"source_id": source, "line_key": key, "run_id": run_id}
                 for source, keys in sorted(learned.items()) for key in sorted(keys)]
        table = pa.Table.from_pylist(found, schema=TABLES[META_BOILERPLATE])
        snapshot = lake.replace(META_BOILERPLATE, table, {"run_id": run_id}, run_id=run_id, writer=self.task_id)
        self._inputs.append(lake_input(settings, SILVER_EXTRACTED, lake.snapshot_id(SILVER_EXTRACTED), rows.num_rows))
        self._outputs.append(lake_output(settings, META_BOILERPLATE, snapshot, table.num_rows))
        per_source = {source: len(keys) for source, keys in sorted(learned.items())}
        self._run_facets["llmdata_stage"] = StageRunFacet(
            stage="boilerplate", records_in=rows.num_rows, records_out=rows.num_rows, records_quarantined=0,
            params={"lines_learned": per_source, "counted": "distinct texts per source, whole run"})
        log.info("boilerplate: %d documents, lines learned per source %s", rows.num_rows, per_source)
        return {"stage": "boilerplate", "documents": rows.num_rows, "lines_learned": per_source}


class NormalizeOperator(ShardOperator):
    """``silver.extracted`` -> ``silver.normalized`` for one shard, without the sources' boilerplate lines."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        spec = self.spec
        rows = self.read_run_shard(lake, SILVER_EXTRACTED, run_id)
        sources = sorted(set(rows["source_id"].to_pylist()))
        boilerplate: dict[str, set[str]] = {}
        if sources:
            learned = lake.read(META_BOILERPLATE, row_filter=In("source_id", sources),
                                columns=["source_id", "line_key"])
            for source, key in zip(learned["source_id"].to_pylist(), learned["line_key"].to_pylist(), strict=True):
                boilerplate.setdefault(source, set()).add(key)
        result = normalize(rows, boilerplate)
        owner = {"run_id": run_id, "shard": spec.shard}
        snapshot = lake.replace(SILVER_NORMALIZED, result.kept, owner, run_id=run_id, writer=self.task_id)
        q_snapshot = self.write_quarantine(lake, result, run_id, {"shard": spec.shard})
        self._inputs.append(lake_input(settings, SILVER_EXTRACTED, lake.snapshot_id(SILVER_EXTRACTED), rows.num_rows))
        self._outputs += [lake_output(settings, SILVER_NORMALIZED, snapshot, result.kept.num_rows, extra={
            "columnLineage": column_lineage(settings, SILVER_EXTRACTED, {
                "text": ("text", "Unicode repair, NFC, whitespace, boilerplate lines removed", False)})}),
                          lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, result.quarantined.num_rows)]
        return self.record(result, {"shard": spec.shard, "form": "NFC"})


class RedactPIIOperator(ShardOperator):
    """``silver.normalized`` -> ``silver.redacted`` for one shard: PII replaced per the PII policy."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.transforms.pii import load_pii_policy, redact  # presidio: not at DAG parse time

        spec = self.spec
        policy = load_pii_policy(settings.pii_policy_file)
        rows = self.read_run_shard(lake, SILVER_SCREENED, run_id)
        result = redact(rows, policy, settings.pii_hash_key.encode(), settings.pii_spacy_model)
        owner = {"run_id": run_id, "shard": spec.shard}
        snapshot = lake.replace(SILVER_REDACTED, result.kept, owner, run_id=run_id, writer=self.task_id)
        q_snapshot = self.write_quarantine(lake, result, run_id, {"shard": spec.shard})
        self._inputs.append(lake_input(settings, SILVER_SCREENED, lake.snapshot_id(SILVER_SCREENED), rows.num_rows))
        self._outputs += [lake_output(settings, SILVER_REDACTED, snapshot, result.kept.num_rows, extra={
            "columnLineage": column_lineage(settings, SILVER_SCREENED, {
                "text": ("text", "PII replaced per the PII policy", True),
                "pii_counts": ("text", "PII entities counted by type", False)})}),
                          lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, result.quarantined.num_rows)]
        self._run_facets["llmdata_pii"] = PiiRunFacet(
            entities=result.metrics["entities"], operators=policy.entities,
            documents_with_pii=result.metrics["documents_with_pii"], documents_dropped=result.quarantined.num_rows,
            policy_version=policy.version, policy_sha256=policy.sha256)
        self._run_facets["llmdata_routing"] = RoutingRunFacet(step="redact_pii", paths=result.metrics["paths"])
        return self.record(result, {"shard": spec.shard, "pii_policy": policy.describe()})


class AnnotateOperator(ShardOperator):
    """``silver.redacted`` -> ``silver.annotated`` for one shard: language and token counts."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.index.model import resolve_model
        from llmdata.transforms.annotate import annotate
        from llmdata.transforms.chunk import load_tokenizer

        spec = self.spec
        rows = self.read_run_shard(lake, SILVER_REDACTED, run_id)
        model = resolve_model(settings.embedding_model)
        result = annotate(rows, load_tokenizer(model.path))
        snapshot = lake.replace(SILVER_ANNOTATED, result.kept, {"run_id": run_id, "shard": spec.shard},
                                run_id=run_id, writer=self.task_id)
        self._inputs.append(lake_input(settings, SILVER_REDACTED, lake.snapshot_id(SILVER_REDACTED), rows.num_rows))
        self._outputs.append(lake_output(settings, SILVER_ANNOTATED, snapshot, result.kept.num_rows))
        return self.record(result, {"shard": spec.shard, "language_model": "py3langid",
                                    "tokenizer": model.model_id})


class DedupOperator(LakeOperator):
    """Exact, then near (MinHash LSH) dedup of the whole run (all shards) against itself and earlier runs."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.transforms.neardup import NearDupParams, decode_signature, deduplicate_near

        policy = load_policy(settings.policy_file)
        params = NearDupParams(**policy.near_dedup)
        rows = lake.read(SILVER_FILTERED, row_filter=EqualTo("run_id", run_id))
        gold_version = lake.snapshot_id(GOLD_DOCUMENTS)
        gold = lake.read(GOLD_DOCUMENTS, columns=["doc_id", "text_sha256"], snapshot_id=gold_version)
        known = dict(zip(gold["text_sha256"].to_pylist(), gold["doc_id"].to_pylist(), strict=True))
        exact = deduplicate_exact(rows, known)

        def lookup(keys: list[str]) -> dict[str, Any]:
            found = lake.read(META_LSH_BUCKETS, row_filter=In("bucket", keys), columns=["doc_id", "signature"])
            return {d: decode_signature(b) for d, b in zip(found["doc_id"].to_pylist(),
                                                          found["signature"].to_pylist(), strict=True)}

        near, index = deduplicate_near(exact.kept, lookup, params)
        index = index.append_column("run_id", pa.array([run_id] * index.num_rows, pa.string()))
        batch = rows["doc_id"].to_pylist()
        owned = Or(EqualTo("run_id", run_id), In("doc_id", batch)) if batch else EqualTo("run_id", run_id)
        index_snapshot = lake.replace_where(META_LSH_BUCKETS, index, owned, run_id=run_id, writer=self.task_id)
        exact_quarantined = resolve_chains(exact.quarantined, near.quarantined)
        result = StageResult("dedup", rows.num_rows, near.kept, pa.concat_tables([exact_quarantined,
                                                                                 near.quarantined]),
                             metrics={"exact_duplicates": exact.quarantined.num_rows,
                                      "near_duplicates": near.quarantined.num_rows, **params.describe()})
        snapshot = lake.replace(SILVER_DOCUMENTS, result.kept, {"run_id": run_id}, run_id=run_id, writer=self.task_id)
        q_snapshot = self.write_quarantine(lake, result, run_id, {})
        self._inputs += [lake_input(settings, SILVER_FILTERED, lake.snapshot_id(SILVER_FILTERED), rows.num_rows),
                         lake_input(settings, GOLD_DOCUMENTS, gold_version, gold.num_rows)]
        self._outputs += [lake_output(settings, SILVER_DOCUMENTS, snapshot, result.kept.num_rows),
                          lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, result.quarantined.num_rows),
                          lake_output(settings, META_LSH_BUCKETS, index_snapshot, index.num_rows)]
        self._run_facets["llmdata_dedup"] = DedupRunFacet(
            method="exact_sha256+minhash_lsh", duplicates=result.quarantined.num_rows,
            clusters=exact.metrics["clusters"] + near.metrics["near_clusters"],
            params={"exact_key": "text_sha256 of normalised text", "scope": "run + all earlier runs",
                    **params.describe()})
        return self.record(result, {"method": "exact_sha256+minhash_lsh", **params.describe()})


# Where each gate stage reads and writes: early gates before PII redaction (cheap structural checks keep junk
# out of the expensive steps), mid gates once language and tokens are known, late gates after dedup.
GATE_TABLES = {
    "early": (SILVER_NORMALIZED, SILVER_SCREENED),
    "mid": (SILVER_ANNOTATED, SILVER_FILTERED),
    "late": (SILVER_DOCUMENTS, SILVER_GATED),
}


class QualityGateOperator(ShardOperator):
    """Run the policy's gates of one stage (early, mid, late) over one shard."""

    template_fields = ("shard", "stage")

    def __init__(self, *, stage: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if stage not in GATE_TABLES:
            raise ValueError(f"stage must be one of {sorted(GATE_TABLES)}, not {stage!r}")
        self.stage = stage

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        spec = self.spec
        policy = load_policy(settings.policy_file)
        source, target = GATE_TABLES[self.stage]
        rows = self.read_run_shard(lake, source, run_id)
        result = apply_gates(rows, policy, self.stage)
        snapshot = lake.replace(target, result.kept, {"run_id": run_id, "shard": spec.shard}, run_id=run_id,
                                writer=self.task_id)
        q_snapshot = self.write_quarantine(lake, result, run_id, {"shard": spec.shard})
        checks = result.metrics["checks"]
        self._inputs.append(lake_input(settings, source, lake.snapshot_id(source), rows.num_rows))
        self._outputs += [
            lake_output(settings, target, snapshot, result.kept.num_rows, metrics=result.kept,
                        assertions=[(rule, c["failed"] == 0, c["failed"]) for rule, c in checks.items()]),
            lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, result.quarantined.num_rows),
        ]
        self._run_facets["llmdata_policy"] = PolicyRunFacet(
            name=policy.name, version=policy.version, sha256=policy.sha256, path=policy.path,
            assumptions=policy.assumptions)
        self._run_facets["llmdata_routing"] = RoutingRunFacet(step=f"gate_{self.stage}",
                                                              paths=result.metrics["paths"])
        return self.record(result, {"shard": spec.shard, "stage": self.stage, "policy": policy.describe()})


def composition(rows: pa.Table) -> dict[str, Any]:
    """Counts by language, source and path, tokens, and the collection time range of ``rows`` (no text)."""
    from collections import Counter

    times = [t for t in rows["collected_at"].to_pylist() if t is not None]
    return {"languages": dict(Counter(rows["lang"].to_pylist()).most_common()),
            "sources": dict(Counter(rows["source_id"].to_pylist()).most_common()),
            "paths": dict(Counter(rows["route"].to_pylist()).most_common()),
            "tokens": int(sum(t or 0 for t in rows["n_tokens"].to_pylist())),
            "collected_from": min(times).isoformat() if times else None,
            "collected_to": max(times).isoformat() if times else None}


class PublishOperator(LakeOperator):
    """Move this run's gated documents into gold and remove what left its source or was rejected, in one
    commit. It runs only when every gate task succeeded, so a blocking gate publishes nothing."""

    template_fields = ("plan",)

    def __init__(self, *, plan: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        spec = ShardSpec.from_xcom(self.plan[0])
        changes = bronze_changes(lake, spec.since, spec.until)
        removed = changes.filter(pc.equal(changes["op"], "delete"))["doc_id"].to_pylist()
        rejected = lake.read(QUARANTINE_DOCUMENTS, row_filter=EqualTo("run_id", run_id),
                             columns=["doc_id", "stage", "rule"])
        rejected_ids = rejected["doc_id"].to_pylist()
        gated = lake.read(SILVER_GATED, row_filter=EqualTo("run_id", run_id))
        # A reviewer's rejection outranks the gates: those documents are not published even if they passed.
        by_review = set(rejected.filter(pc.equal(rejected["stage"], "review"))["doc_id"].to_pylist())
        gated = gated.filter(pa.array([d not in by_review for d in gated["doc_id"].to_pylist()], pa.bool_()))
        gone = sorted((set(removed) | set(rejected_ids)) - set(gated["doc_id"].to_pylist()))
        snapshot = lake.upsert(GOLD_DOCUMENTS, gated, run_id=run_id, writer=self.task_id, delete_keys=gone)
        if gone:  # what left gold must not keep near-duplicates of it out
            lake.delete(META_LSH_BUCKETS, In("doc_id", gone), run_id=run_id, writer=self.task_id)
        self._inputs += [lake_input(settings, BRONZE_DOCUMENTS, spec.until, changes.num_rows),
                         lake_input(settings, SILVER_GATED, lake.snapshot_id(SILVER_GATED), gated.num_rows)]
        gold_rows = lake.row_count(GOLD_DOCUMENTS)
        self._outputs.append(lake_output(settings, GOLD_DOCUMENTS, snapshot, gold_rows))
        self._run_facets["llmdata_stage"] = StageRunFacet(
            stage="publish", records_in=gated.num_rows, records_out=gated.num_rows, records_quarantined=0,
            params={"gold_documents": gold_rows, "removed": len(gone), **composition(gated)})
        if not gated.num_rows:
            log.warning("publish: nothing to publish this run: %d document(s) quarantined (%s), %d removed at the "
                        "source; gold keeps %d document(s). See quarantine.documents for the reasons.",
                        len(set(rejected_ids)), ", ".join(sorted(set(rejected["rule"].to_pylist()))) or "none",
                        len(removed), gold_rows)
        return {"stage": "publish", "published": gated.num_rows, "removed_at_source": len(removed),
                "rejected_this_run": len(set(rejected_ids)), "gold_snapshot": snapshot,
                "quarantine_stages": sorted(set(rejected["stage"].to_pylist()))}
