"""Provenance trace of one document, chunk or Qdrant point: where it came from, every step it went through in
every run, the gates it passed, and where it lives now."""

from __future__ import annotations

import json
from typing import Any

from pyiceberg.expressions import EqualTo

from llmdata.curation import Step, declared
from llmdata.errors import LlmdataError
from llmdata.ids import point_id
from llmdata.lake import Lake
from llmdata.lineage.audit import IN_MEMORY
from llmdata.schemas import BRONZE_DOCUMENTS, GOLD_CHUNKS, GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS, TABLES


def persisted_steps(steps: tuple[Step, ...] | None = None) -> list[tuple[str, list[str]]]:
    """(table, the steps since the previous such table) for every PII-free table a curate step writes.

    Steps run in memory leave no table: a row in a table has passed every step since the table before it (the
    per-step counts of the others are in the lineage facets)."""
    steps = declared(steps)
    found, pending = [], []
    for step in steps:
        pending.append(step.name)
        table = step.persists
        if table and step.pii_free and table != GOLD_DOCUMENTS and {"doc_id", "route"} <= set(TABLES[table].names):
            found.append((table, pending))
            pending = []
    return found


class TraceNotFoundError(LlmdataError, LookupError):
    """No document, chunk or point has this id."""


def resolve(lake: Lake, identifier: str) -> tuple[str, str]:
    """(doc_id, what the identifier was: document, chunk or point)."""
    if lake.read(BRONZE_DOCUMENTS, row_filter=EqualTo("doc_id", identifier), columns=["doc_id"]).num_rows:
        return identifier, "document"
    chunks = lake.read(GOLD_CHUNKS, columns=["chunk_id", "doc_id"]).to_pylist()
    for chunk in chunks:
        if identifier in (chunk["chunk_id"], point_id(chunk["chunk_id"])):
            return chunk["doc_id"], "chunk" if identifier == chunk["chunk_id"] else "point"
    raise TraceNotFoundError(f"{identifier!r} is no doc_id, chunk_id or Qdrant point id in this lake")


def trace(lake: Lake, identifier: str, collection: str) -> dict[str, Any]:
    """Everything the lake records about the document behind ``identifier`` (no text)."""
    doc_id, kind = resolve(lake, identifier)
    bronze = lake.read(BRONZE_DOCUMENTS, row_filter=EqualTo("doc_id", doc_id),
                       columns=["source_id", "source_uri", "licence", "collected_at", "op", "run_id", "connector",
                                "version", "content_sha256"]).sort_by("collected_at").to_pylist()
    found: dict[tuple[str, str], dict] = {}
    for table, _ in persisted_steps():
        for row in lake.read(table, row_filter=EqualTo("doc_id", doc_id),
                             columns=["run_id", "route", "lang", "pii_counts"]).to_pylist():
            found[(row["run_id"], table)] = row
    steps = []
    for run_id in dict.fromkeys(run for run, _ in found):
        pending: list[str] = []
        for table, names in persisted_steps():
            pending += names
            row = found.get((run_id, table))
            if row is None:
                continue
            for name in pending:
                last = name == pending[-1]
                steps.append({"run_id": run_id, "step": name, "table": table if last else IN_MEMORY,
                              "route": row["route"], "lang": row["lang"],
                              "pii_counts": json.loads(row["pii_counts"] or "{}") if last else {}})
            pending = []
    rejected = lake.read(QUARANTINE_DOCUMENTS, row_filter=EqualTo("doc_id", doc_id),
                         columns=["run_id", "stage", "rule", "reason"]).to_pylist()
    gold = lake.read(GOLD_DOCUMENTS, row_filter=EqualTo("doc_id", doc_id),
                     columns=["run_id", "route", "lang", "quality_score", "weight", "gate_results"]).to_pylist()
    chunks = lake.read(GOLD_CHUNKS, row_filter=EqualTo("doc_id", doc_id), columns=["chunk_id"]).to_pylist()
    current = gold[0] if gold else None
    return {
        "doc_id": doc_id, "identified_by": kind,
        "source": {k: bronze[-1][k] for k in ("source_id", "source_uri", "licence", "connector")} if bronze else None,
        "ingested": [{k: str(r[k]) for k in ("run_id", "op", "collected_at", "version", "content_sha256")}
                     for r in bronze],
        "steps": steps,
        "quarantined": rejected,
        "gold": None if current is None else {
            "run_id": current["run_id"], "route": current["route"], "lang": current["lang"],
            "quality_score": current["quality_score"], "weight": current["weight"],
            "gates": json.loads(current["gate_results"] or "{}")},
        "lives_in": {"lake": lake.settings.warehouse, "tables": sorted({s["table"] for s in steps} - {IN_MEMORY}
                                                                       | ({GOLD_DOCUMENTS} if current else set())),
                     "chunks": len(chunks), "collection": collection,
                     "points": [point_id(c["chunk_id"]) for c in chunks]},
    }
