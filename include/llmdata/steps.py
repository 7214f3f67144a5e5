"""The row functions of the curate steps declared in :mod:`llmdata.curation`: each takes a batch of rows and a
:class:`StepContext` and returns a :class:`~llmdata.stage.StageResult`.

They are the same functions whether a shard task runs them in memory, ``llmdata run STEP`` runs them on a
Parquet file, or a benchmark times them. What a step needs beyond its rows (policies, the token counter, learned
boilerplate, the dedup index) comes from the context, loaded once per task, never per batch.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from llmdata.config import Settings
from llmdata.stage import StageResult

# Looks up near-duplicate candidates: LSH bucket keys -> {doc_id: MinHash signature}.
BucketLookup = Callable[[list[str]], Mapping[str, Any]]


@dataclass
class StepContext:
    """What steps need besides their rows. Heavy things load on first use and are kept for the task."""

    settings: Settings
    run_id: str = "cli"
    # Learned boilerplate line keys per source (the boilerplate step's output, frozen before normalize runs).
    boilerplate: Mapping[str, set[str]] = field(default_factory=dict)
    # Text hashes already in gold -> their doc_id, and the LSH bucket lookup (dedup against earlier runs).
    known_hashes: Mapping[str, str] = field(default_factory=dict)
    lookup_buckets: BucketLookup = field(default=lambda keys: {})

    @functools.cached_property
    def policy(self) -> Any:
        from llmdata.quality.policy import load_policy

        return load_policy(self.settings.policy_file)

    @functools.cached_property
    def pii_policy(self) -> Any:
        from llmdata.transforms.pii import load_pii_policy

        return load_pii_policy(self.settings.pii_policy_file)

    @functools.cached_property
    def sensitivity(self) -> dict[str, str]:
        from llmdata.sources.registry import load_registry

        return {s.id: s.classification.sensitivity for s in load_registry(self.settings.sources_file).sources}

    @functools.cached_property
    def pii_regions(self) -> dict[str, tuple[str, ...]]:
        """Each source's phone regions (its own, or the registry's)."""
        from llmdata.sources.registry import load_registry

        registry = load_registry(self.settings.sources_file)
        return {s.id: registry.regions_for(s) for s in registry.sources}

    @functools.cached_property
    def pii_languages(self) -> dict[str, tuple[str, ...]]:
        """Each source's NER languages (its own, or the registry's)."""
        from llmdata.sources.registry import load_registry

        registry = load_registry(self.settings.sources_file)
        return {s.id: registry.languages_for(s) for s in registry.sources}

    @functools.cached_property
    def token_counter(self) -> Any:
        from llmdata.index.model import resolve_model
        from llmdata.transforms.annotate import load_token_counter

        return load_token_counter(resolve_model(self.settings.embedding_model).path)


def extract_step(rows: pa.Table, ctx: StepContext) -> StageResult:
    """Route every item to its processing path, then extract its text."""
    from llmdata.routing import assign_routes
    from llmdata.transforms.extract import extract

    routed, rule_hits = assign_routes(rows, ctx.policy.routing, ctx.sensitivity)
    result = extract(routed, html_extractor=ctx.settings.html_extractor)
    result.metrics["rule_hits"] = dict(rule_hits)
    return result


def boilerplate_step(rows: pa.Table, ctx: StepContext) -> StageResult:
    """Learn the boilerplate lines of ``rows`` (a whole run); rows pass unchanged. The learned keys are left in
    ``ctx.boilerplate`` for normalize."""
    from llmdata.schemas import QUARANTINE
    from llmdata.transforms.boilerplate import learn

    learned = learn(rows["text"].to_pylist(), rows["source_id"].to_pylist())
    ctx.boilerplate = {source: set(keys) | set(ctx.boilerplate.get(source, ())) for source, keys in learned.items()}
    return StageResult("boilerplate", rows.num_rows, rows, QUARANTINE.empty_table(),
                       metrics={"lines_learned": {s: len(k) for s, k in sorted(learned.items())}})


def normalize_step(rows: pa.Table, ctx: StepContext) -> StageResult:
    from llmdata.transforms.normalize import normalize

    return normalize(rows, ctx.boilerplate)


def _gates(stage: str) -> Callable[[pa.Table, StepContext], StageResult]:
    def gate(rows: pa.Table, ctx: StepContext) -> StageResult:
        from llmdata.quality.gate import apply_gates

        return apply_gates(rows, ctx.policy, stage)

    gate.__doc__ = f"The quality policy's {stage} gates."
    return gate


gate_early_step = _gates("early")
gate_mid_step = _gates("mid")
gate_late_step = _gates("late")


def redact_pii_step(rows: pa.Table, ctx: StepContext) -> StageResult:
    from llmdata.transforms.pii import redact

    settings = ctx.settings
    return redact(rows, ctx.pii_policy, settings.pii_hash_key.encode(), settings.pii_spacy_model, ctx.pii_regions,
                  ctx.pii_languages)


def annotate_step(rows: pa.Table, ctx: StepContext) -> StageResult:
    from llmdata.transforms.annotate import annotate

    return annotate(rows, ctx.token_counter)


def minhash_step(rows: pa.Table, ctx: StepContext) -> StageResult:
    """Each document's MinHash signature in the ``signature`` column (the shard tasks hash their own documents, so
    the run-wide dedup reads signatures, not text); rows pass unchanged otherwise."""
    from llmdata.schemas import QUARANTINE
    from llmdata.transforms.neardup import NearDupParams, signature_column

    params = NearDupParams(**ctx.policy.near_dedup)
    unsigned = rows.drop_columns(["signature"]) if "signature" in rows.column_names else rows
    signed = unsigned.append_column("signature", signature_column(rows["text"], params))
    return StageResult("minhash", rows.num_rows, signed, QUARANTINE.empty_table())


def dedup_step(rows: pa.Table, ctx: StepContext) -> StageResult:
    """Exact then near duplicates of ``rows`` (a whole run) against each other and ``ctx``'s earlier runs.
    The new LSH bucket rows are in ``metrics["index"]`` (a table; the dedup task writes them)."""
    from llmdata.transforms.dedup import judge, split_batch
    from llmdata.transforms.neardup import NearDupParams, keeper_order

    params = NearDupParams(**ctx.policy.near_dedup)
    verdicts = judge(rows, ctx.known_hashes, ctx.lookup_buckets, params, ctx.settings.workers)
    kept, quarantined = split_batch(keeper_order(rows), verdicts)
    return StageResult("dedup", rows.num_rows, kept, quarantined, metrics={
        "exact_duplicates": verdicts.exact, "near_duplicates": verdicts.near, "clusters": verdicts.clusters,
        "index": verdicts.index, **params.describe()})


def review_step(rows: pa.Table, ctx: StepContext) -> StageResult:
    """The run's borderline documents, as the review queue would get them; rows pass unchanged. The queue rows
    are in ``metrics["queue"]`` (a table)."""
    from llmdata.quality.review import borderline, queue_rows
    from llmdata.schemas import QUARANTINE

    queue = queue_rows(borderline(rows, ctx.policy.review), ctx.run_id)
    return StageResult("review", rows.num_rows, rows, QUARANTINE.empty_table(),
                       metrics={"queued": queue.num_rows, "queue": queue})


def quality_report_step(rows: pa.Table, ctx: StepContext) -> StageResult:
    """The quality report of ``rows`` as one run (no baseline, so no drift); rows pass unchanged. The report's
    content is in ``metrics["report"]`` and its HTML in ``metrics["html"]``."""
    from llmdata.quality import report
    from llmdata.quality.bias import examine
    from llmdata.quality.drift import compare
    from llmdata.schemas import QUARANTINE

    policy = ctx.policy
    drift = compare(rows.slice(0, 0), rows, policy.drift, None)
    content = report.build(ctx.run_id, policy.describe(), rows, rows.slice(0, 0), QUARANTINE.empty_table(),
                           drift.describe(), examine(rows, policy.bias), {})
    return StageResult("quality_report", rows.num_rows, rows, QUARANTINE.empty_table(),
                       metrics={"report": content, "html": report.to_html(content)})
