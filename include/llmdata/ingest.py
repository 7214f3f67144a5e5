"""Ingestion: fetched items into bronze rows with provenance; only new or changed items on a re-run."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc

from llmdata.ids import doc_id, sha256_hex
from llmdata.schemas import BRONZE, conform
from llmdata.sources.files import CONNECTOR, CONNECTOR_VERSION, Item
from llmdata.sources.registry import Source
from llmdata.stage import StageResult, quarantine

STAGE = "ingest"


def current_state(bronze: pa.Table) -> dict[str, str]:
    """Latest content hash per live document of one source, from its bronze rows (deleted ones left out)."""
    if not bronze.num_rows:
        return {}
    ordered = bronze.select(["doc_id", "content_sha256", "op", "collected_at"]).sort_by(
        [("collected_at", "ascending")]
    )
    latest: dict[str, tuple[str, str]] = {}
    for doc, digest, op in zip(
        ordered["doc_id"].to_pylist(), ordered["content_sha256"].to_pylist(), ordered["op"].to_pylist(), strict=True
    ):
        latest[doc] = (digest, op)
    return {doc: digest for doc, (digest, op) in latest.items() if op == "upsert"}


def ingest(items: Iterable[Item], source: Source, previous: dict[str, str], run_id: str) -> StageResult:
    """Bronze rows for new and changed items, tombstones for items gone since ``previous``.

    ``previous`` maps doc_id to the content hash last ingested. Unchanged items are counted and skipped.
    """
    collected_at = datetime.now(UTC)
    rows: list[dict] = []
    rejected: list[dict] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    counts = {"new": 0, "changed": 0, "unchanged": 0, "removed": 0}
    n_items = 0
    for item in items:
        n_items += 1
        document = doc_id(source.id, item.item_key)
        seen.add(document)
        row = {
            "doc_id": document,
            "source_id": source.id,
            "source_uri": item.source_uri,
            "licence": source.licence,
            "collected_at": collected_at,
            "mime_type": item.mime_type,
            "item_key": item.item_key,
            "size_bytes": item.size_bytes,
            "connector": CONNECTOR,
            "connector_version": CONNECTOR_VERSION,
            "run_id": run_id,
            "shard": 0,
        }
        if item.content is None:
            rejected.append(row)
            rule = "ingest.oversized" if "exceeds" in (item.problem or "") else "ingest.unreadable"
            problems.append((rule, item.problem or "could not fetch"))
            continue
        digest = sha256_hex(item.content)
        before = previous.get(document)
        if before == digest:
            counts["unchanged"] += 1
            continue
        counts["new" if before is None else "changed"] += 1
        rows.append(row | {"content": item.content, "content_sha256": digest, "op": "upsert"})
    for document in sorted(set(previous) - seen):
        counts["removed"] += 1
        rows.append(
            {
                "doc_id": document,
                "source_id": source.id,
                "source_uri": "",
                "licence": source.licence,
                "collected_at": collected_at,
                "item_key": "",
                "op": "delete",
                "connector": CONNECTOR,
                "connector_version": CONNECTOR_VERSION,
                "run_id": run_id,
                "shard": 0,
            }
        )
    kept = conform(pa.Table.from_pylist(rows, schema=BRONZE), BRONZE) if rows else BRONZE.empty_table()
    bad = pa.Table.from_pylist([{k: v for k, v in r.items() if k not in ("item_key", "size_bytes", "connector",
                                                                          "connector_version")} for r in rejected])
    quarantined = quarantine(bad, STAGE, [p[0] for p in problems], [p[1] for p in problems])
    return StageResult(
        stage=STAGE,
        records_in=n_items + counts["removed"],
        kept=kept,
        quarantined=quarantined,
        skipped=counts["unchanged"],
        metrics={"items_seen": n_items, **counts, "bytes": int(pc.sum(kept["size_bytes"]).as_py() or 0)},
    )
