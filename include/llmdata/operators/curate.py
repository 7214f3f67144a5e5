"""Curation operators, built from the declared step list (:mod:`llmdata.curation`).

:func:`curate_tasks` turns the list into tasks: each run of per-document steps becomes one mapped
:class:`ShardStepsOperator` that takes its shard through those steps in memory; each run-wide step gets its own
operator below (or in :mod:`llmdata.operators.quality` / :mod:`llmdata.operators.export`).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from pyiceberg.expressions import And, EqualTo, In, Or

from llmdata.changes import ShardSpec, curation_sha256, read_bronze_shard, removed_ids, with_run, with_shard
from llmdata.config import Settings
from llmdata.curation import INPUT, Segment, Step, declared, segments, step
from llmdata.lake import Lake
from llmdata.lineage.datasets import METRIC_COLUMNS, column_lineage, lake_input, lake_output
from llmdata.lineage.facets import (
    DedupRunFacet,
    PiiRunFacet,
    PolicyRunFacet,
    RoutingRunFacet,
    StageRunFacet,
    StepsRunFacet,
)
from llmdata.operators.base import LakeOperator, ShardOperator
from llmdata.schemas import (
    BRONZE_DOCUMENTS,
    GOLD_DOCUMENTS,
    META_BOILERPLATE,
    META_LSH_BUCKETS,
    QUARANTINE,
    QUARANTINE_DOCUMENTS,
    SILVER_DOCUMENTS,
    SILVER_FILTERED,
    SILVER_GATED,
    TABLES,
)
from llmdata.segment import SegmentResult, run_segment, warm_workers
from llmdata.stage import RecordsLostError
from llmdata.steps import StepContext

log = logging.getLogger(__name__)


def input_of(segment: Segment, steps: tuple[Step, ...] | None = None) -> str:
    """The table a segment reads: bronze for the first, else what the segment before it persisted."""
    steps = declared(steps)
    found = segments(steps)
    index = next(i for i, s in enumerate(found) if s.task_id == segment.task_id)
    for earlier in reversed(found[:index]):
        if earlier.per_document and earlier.output:
            return earlier.output
    return INPUT


class ShardStepsOperator(ShardOperator):
    """One shard through a segment of per-document steps, in memory, batch by batch.

    Reads the shard's rows once (its own bronze row groups, or the previous segment's rows of this shard), writes
    the segment's output and its quarantine in one commit each (plus intermediate tables when asked), and
    reports every step's counts in the ``llmdata_steps`` facet.
    """

    keeps_worker_pool = True

    def __init__(self, *, steps: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps = list(steps)

    @property
    def segment(self) -> Segment:
        return Segment(tuple(step(name) for name in self.steps))

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        spec, segment = self.spec, self.segment
        source = input_of(segment)
        ctx = StepContext(settings, run_id, boilerplate=_learned_boilerplate(lake)
                          if any(s.name == "normalize" for s in segment.steps) else {})
        if source == BRONZE_DOCUMENTS:
            version = spec.until
            batches = (with_shard(with_run(b, run_id), spec.shard)
                       for b in read_bronze_shard(lake, spec, settings.batch_rows))
        else:
            version = lake.snapshot_id(source)
            batches = lake.read_batches(source, And(EqualTo("run_id", run_id), EqualTo("shard", spec.shard)),
                                        settings.batch_rows)
        spec.check_policy(curation_sha256(settings))
        started = time.perf_counter()

        def progress(n_batches: int, n_rows: int, so_far: SegmentResult) -> None:
            done = so_far.records_in
            if n_batches % 10 == 1 or n_rows < settings.batch_rows:
                log.info("%s shard %d: batch %d, %d documents in %.1fs (%.1f docs/s)", segment.task_id,
                         spec.shard, n_batches, done, time.perf_counter() - started,
                         done / max(time.perf_counter() - started, 1e-9))

        kept = segment.kept_tables(settings.keep_intermediate)
        owner = {"run_id": run_id, "shard": spec.shard}
        # Kept rows are written as they come (one commit per table at the end): the task holds a buffer, not its
        # shard's output. The lineage metrics need only the numeric signals of the last step's rows.
        staged = {name: lake.staged_replace(table, owner) for name, table in kept.items()}
        last = segment.steps[-1].name
        signals: list[pa.Table] = []

        def sink(name: str, rows: pa.Table) -> None:
            staged[name].write(rows)
            if name == last:
                signals.append(rows.select([c for c in METRIC_COLUMNS if c in rows.column_names]))

        result = run_segment(segment.steps, batches, ctx, kept, progress, workers=settings.workers, sink=sink)
        lineage = {k: v for s in segment.steps for k, v in s.lineage.items()}
        checks = {rule: c for t in result.tallies.values() for rule, c in t.metrics.get("checks", {}).items()}
        for name, table in kept.items():
            snapshot = staged[name].commit(run_id, self.task_id)
            self._outputs.append(lake_output(
                settings, table, snapshot, staged[name].rows,
                extra={"columnLineage": column_lineage(settings, source, lineage)} if lineage else None,
                metrics=(pa.concat_tables(signals) if signals else pa.table({})) if name == last and checks else None,
                assertions=[(rule, c["failed"] == 0, c["failed"]) for rule, c in checks.items()]
                if name == last else None))
        quarantined = result.quarantine(QUARANTINE)
        q_snapshot = self.write_quarantine_rows(lake, quarantined, run_id, owner, [s.name for s in segment.steps])
        self._outputs.append(lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, quarantined.num_rows))
        self._inputs.append(lake_input(settings, source, version, result.records_in))
        self._report_steps(ctx, result, spec)
        return {"task": segment.task_id, "shard": spec.shard, "batches": result.batches, "workers": settings.workers,
                "steps": [t.describe() for t in result.tallies.values()]}

    def _report_steps(self, ctx: StepContext, result: SegmentResult, spec: ShardSpec) -> None:
        tallies = result.tallies
        self._run_facets["llmdata_steps"] = StepsRunFacet(steps=[t.describe() for t in tallies.values()],
                                                          batches=result.batches, shard=spec.shard)
        last = list(tallies.values())[-1]
        self._run_facets["llmdata_stage"] = StageRunFacet(
            stage=self.segment.task_id, records_in=result.records_in, records_out=last.records_out,
            records_quarantined=sum(t.records_quarantined for t in tallies.values()),
            quarantined_by_rule=dict(sum((t.quarantined_by_rule for t in tallies.values()), start=Counter())),
            params={"shard": spec.shard, "n_shards": spec.n_shards, "batches": result.batches})
        for tally in tallies.values():
            log.info("%s: %d in, %d out, %d quarantined %s (%.1fs)", tally.step, tally.records_in,
                     tally.records_out, tally.records_quarantined, dict(tally.quarantined_by_rule) or "",
                     tally.seconds)
        # One routing facet per task: the step whose cost the path decides most (PII redaction: NER on the deep
        # path), else extraction, which chooses the paths; every step's per-path figures are in llmdata_steps.
        routed = next((name for name in ("redact_pii", "extract") if name in tallies), None)
        if routed:
            self._run_facets["llmdata_routing"] = RoutingRunFacet(
                step=routed, paths=tallies[routed].metrics.get("paths", {}),
                rule_hits=tallies["extract"].metrics.get("rule_hits", {}) if "extract" in tallies else {},
                routing=ctx.policy.routing.describe() if routed == "extract" else {})
        if "redact_pii" in tallies:
            metrics, policy = tallies["redact_pii"].metrics, ctx.pii_policy
            self._run_facets["llmdata_pii"] = PiiRunFacet(
                entities=metrics.get("entities", {}), operators=policy.entities,
                documents_with_pii=metrics.get("documents_with_pii", 0),
                documents_dropped=tallies["redact_pii"].records_quarantined,
                policy_version=policy.version, policy_sha256=policy.sha256, engine=policy.describe()["engine"])
        if any(name.startswith("gate_") for name in tallies):
            policy = ctx.policy
            self._run_facets["llmdata_policy"] = PolicyRunFacet(
                name=policy.name, version=policy.version, sha256=policy.sha256, path=policy.path,
                assumptions=policy.assumptions)


def _next_shard_segment(task_id: str) -> Segment | None:
    """The first segment of per-document steps after the task ``task_id`` in the step list."""
    found = segments()
    names = [s.task_id for s in found]
    later = found[names.index(task_id) + 1:] if task_id in names else []
    return next((s for s in later if s.per_document), None)


def _learned_boilerplate(lake: Lake) -> dict[str, set[str]]:
    """Every source's learned boilerplate line keys (keys only: a small table)."""
    from llmdata.transforms.boilerplate import by_source

    learned = lake.read(META_BOILERPLATE, columns=["source_id", "line_key"])
    return by_source(learned["source_id"].to_pylist(), learned["line_key"].to_pylist())


class BoilerplateOperator(LakeOperator):
    """Learn each source's boilerplate lines from the whole run's extracted text (every shard), so what
    normalize strips does not depend on how documents fall into shards."""

    # It streams the run's text and keeps only line-key counts, so the shard workers may stay: while it reads, they
    # load the next segment's models (under ``airflow dags test``, where the pool outlives the extract tasks).
    keeps_worker_pool = True

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.transforms.boilerplate import learn_pairs

        following = _next_shard_segment(self.task_id)
        if following:
            warm_workers(following.steps, StepContext(settings, run_id), settings.workers)
        source = input_of(Segment((step("boilerplate"),)))
        counted = {"rows": 0}

        def columns() -> Iterator[tuple[str, str]]:
            for batch in lake.read_batches(source, EqualTo("run_id", run_id), 1024, columns=["source_id", "text"]):
                counted["rows"] += batch.num_rows
                yield from zip(batch["text"].to_pylist(), batch["source_id"].to_pylist(), strict=True)

        learned = learn_pairs(columns())
        found = [{"source_id": source_id, "line_key": key, "run_id": run_id}
                 for source_id, keys in sorted(learned.items()) for key in sorted(keys)]
        table = pa.Table.from_pylist(found, schema=TABLES[META_BOILERPLATE])
        snapshot = lake.replace(META_BOILERPLATE, table, {"run_id": run_id}, run_id=run_id, writer=self.task_id)
        self._inputs.append(lake_input(settings, source, lake.snapshot_id(source), counted["rows"]))
        self._outputs.append(lake_output(settings, META_BOILERPLATE, snapshot, table.num_rows))
        per_source = {source_id: len(keys) for source_id, keys in sorted(learned.items())}
        self._run_facets["llmdata_stage"] = StageRunFacet(
            stage="boilerplate", records_in=counted["rows"], records_out=counted["rows"], records_quarantined=0,
            params={"lines_learned": per_source, "counted": "distinct texts per source, whole run"})
        log.info("boilerplate: %d documents, lines learned per source %s", counted["rows"], per_source)
        return {"stage": "boilerplate", "documents": counted["rows"], "lines_learned": per_source}


class DedupOperator(LakeOperator):
    """Exact, then near (MinHash LSH) dedup of the whole run (all shards) against itself and earlier runs.

    It decides from the run's ids, text hashes and signatures (the shard tasks computed those), then copies the
    kept rows into ``silver.documents`` a batch at a time: its memory does not grow with the run's text."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.transforms.dedup import judge, split_batch
        from llmdata.transforms.neardup import NearDupParams, decode_signature

        run = EqualTo("run_id", run_id)
        keys = lake.read(SILVER_FILTERED, row_filter=run,
                         columns=["doc_id", "text_sha256", "collected_at", "signature"])
        keys = _with_missing_text(lake, keys, run_id)
        gold_version = lake.snapshot_id(GOLD_DOCUMENTS)
        gold = lake.read(GOLD_DOCUMENTS, columns=["doc_id", "text_sha256"], snapshot_id=gold_version)

        def lookup(bucket_keys: list[str]) -> dict[str, Any]:
            found = lake.read(META_LSH_BUCKETS, row_filter=In("bucket", bucket_keys), columns=["doc_id", "signature"])
            return {d: decode_signature(b) for d, b in zip(found["doc_id"].to_pylist(),
                                                          found["signature"].to_pylist(), strict=True)}

        ctx = StepContext(settings, run_id)
        params = NearDupParams(**ctx.policy.near_dedup)
        started = time.perf_counter()
        verdicts = judge(keys, dict(zip(gold["text_sha256"].to_pylist(), gold["doc_id"].to_pylist(), strict=True)),
                         lookup, params, settings.workers)
        log.info("dedup: %d documents judged in %.1fs: %d exact and %d near duplicates", keys.num_rows,
                 time.perf_counter() - started, verdicts.exact, verdicts.near)
        staged = lake.staged_replace(SILVER_DOCUMENTS, {"run_id": run_id})
        quarantined: list[pa.Table] = []
        for batch in lake.read_batches(SILVER_FILTERED, run, settings.batch_rows):
            kept, dups = split_batch(batch, verdicts)
            staged.write(kept)
            quarantined.append(dups)
        snapshot = staged.commit(run_id, self.task_id)
        dups = pa.concat_tables(quarantined) if quarantined else QUARANTINE.empty_table()
        if staged.rows + dups.num_rows != keys.num_rows:
            raise RecordsLostError(f"dedup: {keys.num_rows} documents judged, {staged.rows} kept and "
                                   f"{dups.num_rows} quarantined")
        index = verdicts.index.append_column("run_id", pa.array([run_id] * verdicts.index.num_rows, pa.string()))
        batch_ids = keys["doc_id"].to_pylist()
        owned = Or(EqualTo("run_id", run_id), In("doc_id", batch_ids)) if batch_ids else EqualTo("run_id", run_id)
        index_snapshot = lake.replace_where(META_LSH_BUCKETS, index, owned, run_id=run_id, writer=self.task_id)
        q_snapshot = self.write_quarantine_rows(lake, dups, run_id, {}, ["dedup"])
        self._inputs += [lake_input(settings, SILVER_FILTERED, lake.snapshot_id(SILVER_FILTERED), keys.num_rows),
                         lake_input(settings, GOLD_DOCUMENTS, gold_version, gold.num_rows)]
        self._outputs += [lake_output(settings, SILVER_DOCUMENTS, snapshot, staged.rows),
                          lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, dups.num_rows),
                          lake_output(settings, META_LSH_BUCKETS, index_snapshot, index.num_rows)]
        params_described = {"exact_duplicates": verdicts.exact, "near_duplicates": verdicts.near,
                            **params.describe()}
        self._run_facets["llmdata_dedup"] = DedupRunFacet(
            method="exact_sha256+minhash_lsh", duplicates=dups.num_rows, clusters=verdicts.clusters,
            params={"exact_key": "text_sha256 of normalised text", "scope": "run + all earlier runs",
                    **params.describe()})
        by_rule = dict(Counter(dups["rule"].to_pylist()))
        self._run_facets["llmdata_stage"] = StageRunFacet(
            stage="dedup", records_in=keys.num_rows, records_out=staged.rows, records_quarantined=dups.num_rows,
            quarantined_by_rule=by_rule, params=params_described)
        log.info("dedup: %d in, %d out, %d quarantined %s", keys.num_rows, staged.rows, dups.num_rows, by_rule or "")
        return {"stage": "dedup", "records_in": keys.num_rows, "records_out": staged.rows,
                "records_quarantined": dups.num_rows, "records_skipped": 0, "quarantined_by_rule": by_rule,
                "clusters": verdicts.clusters, "method": "exact_sha256+minhash_lsh", **params_described}


def _with_missing_text(lake: Lake, keys: pa.Table, run_id: str) -> pa.Table:
    """``keys`` plus the text of the documents that have no signature (rows a shard task of an older release
    wrote), so dedup can hash them itself."""
    missing = keys.filter(pc.is_null(keys["signature"]))
    if not missing.num_rows:
        return keys
    texts = lake.read(SILVER_FILTERED, And(EqualTo("run_id", run_id), In("doc_id", missing["doc_id"].to_pylist())),
                      columns=["doc_id", "text"])
    text_of = dict(zip(texts["doc_id"].to_pylist(), texts["text"].to_pylist(), strict=True))
    return keys.append_column("text", pa.array([text_of.get(d) for d in keys["doc_id"].to_pylist()],
                                               pa.large_string()))


class LateGateOperator(LakeOperator):
    """The policy's late gates over the whole run's deduplicated documents."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.steps import gate_late_step

        ctx = StepContext(settings, run_id)
        rows = lake.read(SILVER_DOCUMENTS, row_filter=EqualTo("run_id", run_id))
        result = gate_late_step(rows, ctx)
        snapshot = lake.replace(SILVER_GATED, result.kept, {"run_id": run_id}, run_id=run_id, writer=self.task_id)
        q_snapshot = self.write_quarantine(lake, result, run_id, {})
        checks = result.metrics["checks"]
        self._inputs.append(lake_input(settings, SILVER_DOCUMENTS, lake.snapshot_id(SILVER_DOCUMENTS), rows.num_rows))
        self._outputs += [
            lake_output(settings, SILVER_GATED, snapshot, result.kept.num_rows, metrics=result.kept,
                        assertions=[(rule, c["failed"] == 0, c["failed"]) for rule, c in checks.items()]),
            lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, result.quarantined.num_rows),
        ]
        policy = ctx.policy
        self._run_facets["llmdata_policy"] = PolicyRunFacet(
            name=policy.name, version=policy.version, sha256=policy.sha256, path=policy.path,
            assumptions=policy.assumptions)
        self._run_facets["llmdata_routing"] = RoutingRunFacet(step="gate_late", paths=result.metrics["paths"])
        return self.record(result, {"stage": "late", "policy": policy.describe()})


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
        import pyarrow.compute as pc

        spec = ShardSpec.from_xcom(self.plan[0])
        removed = removed_ids(lake, spec)
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
        self._inputs += [lake_input(settings, BRONZE_DOCUMENTS, spec.until, len(removed)),
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


def curate_tasks(plan: Any, steps: tuple[Step, ...] | None = None) -> list[Any]:
    """The curate DAG's tasks between plan and commit, one per segment of ``steps``, chained in order."""
    steps = declared(steps)
    tasks: list[Any] = []
    for segment in segments(steps):
        if segment.per_document:
            task = ShardStepsOperator.partial(task_id=segment.task_id,
                                              steps=[s.name for s in segment.steps]).expand(shard=plan)
        else:
            operator = segment.steps[0].operator_class()
            kwargs = {"plan": plan} if "plan" in getattr(operator, "template_fields", ()) else {}
            task = operator(task_id=segment.task_id, **kwargs)
        if tasks:
            tasks[-1] >> task
        tasks.append(task)
    return tasks


def staging_tables(steps: tuple[Step, ...] | None = None) -> list[str]:
    """Tables that hold raw text for the run in progress only: the commit task deletes the run's rows."""
    steps = declared(steps)
    return sorted({s.persists for s in steps if s.persists and not s.pii_free})

