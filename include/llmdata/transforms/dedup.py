"""Dedup of a run: exact duplicates on the normalised text hash, then near duplicates (MinHash LSH), within the
run and against the curated corpus.

:func:`judge` decides from each document's id, text hash, collection time and signature alone, so the run-wide
task never holds the run's text; :func:`split_batch` then sorts rows into kept and quarantined a batch at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from llmdata.schemas import DOCUMENT, QUARANTINE, conform
from llmdata.stage import StageResult, quarantine
from llmdata.transforms.neardup import (
    RULE_NEAR,
    IndexLookup,
    NearDupParams,
    index_rows,
    keeper_order,
    near_duplicates,
    near_reason,
    signatures_of,
)

STAGE = "dedup"
RULE_EXACT = "dedup.exact"


def deduplicate_exact(documents: pa.Table, known: Mapping[str, str]) -> StageResult:
    """Keep the first document per ``text_sha256``; quarantine the rest with ``dup_of`` set.

    ``known`` maps text hashes already in the curated corpus to their doc_id; a document whose text is known
    under another doc_id is a duplicate, while a new version of the same doc_id is not. Within the run the
    lowest doc_id wins, so the choice does not depend on shard order.
    """
    ordered = documents.sort_by([("doc_id", "ascending")])
    dup_of = exact_duplicates(ordered["doc_id"].to_pylist(), ordered["text_sha256"].to_pylist(), known)
    keep = [d is None for d in dup_of]
    rows = ordered.drop_columns(["dup_of"]) if "dup_of" in ordered.column_names else ordered
    rows = rows.append_column("dup_of", pa.array(dup_of, pa.string()))
    mask = pa.array(keep, pa.bool_())
    kept = conform(rows.filter(mask), DOCUMENT)
    dups = rows.filter(pa.compute.invert(mask))
    reasons = [f"exact duplicate of {d}" for d in dups["dup_of"].to_pylist()]
    quarantined = quarantine(dups, STAGE, [RULE_EXACT] * dups.num_rows, reasons)
    return StageResult(STAGE, documents.num_rows, kept, quarantined,
                       metrics={"method": "exact_sha256", "clusters": len({d for d in dup_of if d})})


def exact_duplicates(doc_ids: list[str], digests: list[str | None], known: Mapping[str, str]) -> list[str | None]:
    """For documents in doc_id order, the document each one exactly duplicates (None where it is kept)."""
    first: dict[str | None, str] = {}
    dup_of: list[str | None] = []
    for doc, digest in zip(doc_ids, digests, strict=True):
        original = known.get(digest) if digest is not None else None
        if original is not None and original != doc:
            dup_of.append(original)
        elif digest in first:
            dup_of.append(first[digest])
        else:
            first[digest] = doc
            dup_of.append(None)
    return dup_of


def resolve_chains(exact: pa.Table, near: pa.Table) -> pa.Table:
    """Exact duplicates whose original then lost to a near duplicate point at the document that was kept:
    ``dup_of`` always names a document that stays (the reason keeps the exact twin)."""
    if not exact.num_rows or not near.num_rows:
        return exact
    kept_for = dict(zip(near["doc_id"].to_pylist(), near["dup_of"].to_pylist(), strict=True))
    dup_of, reasons = [], []
    for twin, reason in zip(exact["dup_of"].to_pylist(), exact["reason"].to_pylist(), strict=True):
        target = twin
        while target in kept_for:
            target = kept_for[target]
        dup_of.append(target)
        reasons.append(reason if target == twin else f"{reason}, itself a near duplicate of {target}")
    exact = exact.set_column(exact.schema.get_field_index("dup_of"), "dup_of", pa.array(dup_of, pa.string()))
    exact = exact.set_column(exact.schema.get_field_index("reason"), "reason", pa.array(reasons, pa.string()))
    return conform(exact, QUARANTINE)


@dataclass
class Verdicts:
    """Which documents of a run are duplicates (of which kept document, by which rule, why), and the LSH index
    rows of the near-dedup keepers."""

    dup_of: dict[str, str] = field(default_factory=dict)
    rule: dict[str, str] = field(default_factory=dict)
    reason: dict[str, str] = field(default_factory=dict)
    index: pa.Table | None = None
    exact: int = 0
    near: int = 0
    clusters: int = 0


def judge(keys: pa.Table, known: Mapping[str, str], lookup: IndexLookup, params: NearDupParams,
          workers: int = 1) -> Verdicts:
    """Decide a run's duplicates from ``keys`` (doc_id, text_sha256, collected_at, and signature or text): exact
    first (the lowest doc_id keeps a text), then near among the exact keepers (the earliest keeps a cluster). An
    exact duplicate whose original is then a near duplicate points at the document that stays."""
    by_id = keys.sort_by([("doc_id", "ascending")])
    doc_ids = by_id["doc_id"].to_pylist()
    exact = exact_duplicates(doc_ids, by_id["text_sha256"].to_pylist(), known)
    survivors = keeper_order(by_id.filter(pa.array([d is None for d in exact], pa.bool_())))
    near_ids = survivors["doc_id"].to_pylist()
    sigs = signatures_of(survivors, params, workers)
    near, similarity = near_duplicates(near_ids, sigs, lookup, params)
    verdicts = Verdicts(exact=sum(d is not None for d in exact), near=sum(d is not None for d in near),
                        clusters=len({d for d in exact if d}) + len({d for d in near if d}))
    for doc, target, score in zip(near_ids, near, similarity, strict=True):
        if target is not None:
            verdicts.dup_of[doc], verdicts.rule[doc] = target, RULE_NEAR
            verdicts.reason[doc] = near_reason(target, score)
    for doc, twin in zip(doc_ids, exact, strict=True):
        if twin is None:
            continue
        target = twin
        while target in verdicts.dup_of and verdicts.rule[target] == RULE_NEAR:
            target = verdicts.dup_of[target]
        reason = f"exact duplicate of {twin}"
        verdicts.dup_of[doc], verdicts.rule[doc] = target, RULE_EXACT
        verdicts.reason[doc] = reason if target == twin else f"{reason}, itself a near duplicate of {target}"
    kept = [i for i, d in enumerate(near) if d is None]
    verdicts.index = index_rows([near_ids[i] for i in kept], [sigs[i] for i in kept], params) if kept else \
        index_rows([], np.zeros((0, params.num_perm), np.uint32), params)
    return verdicts


def split_batch(rows: pa.Table, verdicts: Verdicts) -> tuple[pa.Table, pa.Table]:
    """``rows`` (any batch of the run) as (kept documents, quarantine rows with ``dup_of`` and the reason)."""
    dup = pc.is_in(rows["doc_id"], pa.array(list(verdicts.dup_of), pa.string()))
    kept = conform(rows.filter(pc.invert(dup)), DOCUMENT)
    dups = rows.filter(dup)
    ids = dups["doc_id"].to_pylist()
    dups = dups.drop_columns(["dup_of"]).append_column("dup_of", pa.array([verdicts.dup_of[d] for d in ids],
                                                                          pa.string()))
    quarantined = quarantine(dups, STAGE, [verdicts.rule[d] for d in ids], [verdicts.reason[d] for d in ids])
    return kept, quarantined
