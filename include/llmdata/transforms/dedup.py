"""Exact deduplication on the normalised text hash, within a run and against the curated corpus."""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from llmdata.schemas import DOCUMENT, QUARANTINE, conform
from llmdata.stage import StageResult, quarantine

STAGE = "dedup"
RULE_EXACT = "dedup.exact"


def deduplicate_exact(documents: pa.Table, known: Mapping[str, str]) -> StageResult:
    """Keep the first document per ``text_sha256``; quarantine the rest with ``dup_of`` set.

    ``known`` maps text hashes already in the curated corpus to their doc_id; a document whose text is known
    under another doc_id is a duplicate, while a new version of the same doc_id is not. Within the run the
    lowest doc_id wins, so the choice does not depend on shard order.
    """
    ordered = documents.sort_by([("doc_id", "ascending")])
    first: dict[str, str] = {}
    keep: list[bool] = []
    dup_of: list[str | None] = []
    for doc, digest in zip(ordered["doc_id"].to_pylist(), ordered["text_sha256"].to_pylist(), strict=True):
        original = known.get(digest)
        if original is not None and original != doc:
            keep.append(False)
            dup_of.append(original)
        elif digest in first:
            keep.append(False)
            dup_of.append(first[digest])
        else:
            first[digest] = doc
            keep.append(True)
            dup_of.append(None)
    rows = ordered.drop_columns(["dup_of"]) if "dup_of" in ordered.column_names else ordered
    rows = rows.append_column("dup_of", pa.array(dup_of, pa.string()))
    mask = pa.array(keep, pa.bool_())
    kept = conform(rows.filter(mask), DOCUMENT)
    dups = rows.filter(pa.compute.invert(mask))
    reasons = [f"exact duplicate of {d}" for d in dups["dup_of"].to_pylist()]
    quarantined = quarantine(dups, STAGE, [RULE_EXACT] * dups.num_rows, reasons)
    return StageResult(STAGE, documents.num_rows, kept, quarantined,
                       metrics={"method": "exact_sha256", "clusters": len({d for d in dup_of if d})})


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
