"""Ingestion: a connector's items into bronze rows with provenance; only new or changed items on a re-run.

Unchanged items are counted and skipped; items gone from a source that lists everything become tombstones
(``op = "delete"``) so curation removes them from gold and the index drops their vectors. A circuit breaker
stops a source after consecutive transient failures; a source that fails or degrades is reported, and removals
are never inferred from a listing that did not finish.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc

from llmdata.ids import doc_id, sha256_hex, shard_of
from llmdata.schemas import BRONZE, conform
from llmdata.sources.base import CircuitBreaker, Connector, Item, Known, SourceState
from llmdata.sources.registry import Source
from llmdata.stage import StageResult, quarantine

STAGE = "ingest"
log = logging.getLogger(__name__)


def current_state(bronze: pa.Table, shard: int = 0, n_shards: int = 1) -> SourceState:
    """Known live items of one source (latest bronze row per item; deleted ones left out), for one shard."""
    if not bronze.num_rows:
        return SourceState()
    ordered = bronze.select(["item_key", "content_sha256", "version", "op", "collected_at"]).sort_by(
        [("collected_at", "ascending")]
    )
    latest: dict[str, tuple[str, str | None, str]] = {}
    for key, digest, version, op in zip(
        ordered["item_key"].to_pylist(), ordered["content_sha256"].to_pylist(), ordered["version"].to_pylist(),
        ordered["op"].to_pylist(), strict=True,
    ):
        latest[key] = (digest, version, op)
    known = {
        key: Known(digest, version)
        for key, (digest, version, op) in latest.items()
        if op == "upsert" and shard_of(key.split("#", 1)[0], n_shards) == shard
    }
    return SourceState(known=known)


def ingest(
    items: Iterable[Item],
    source: Source,
    state: SourceState,
    run_id: str,
    connector: Connector | None = None,
    shard: int = 0,
    breaker: CircuitBreaker | None = None,
    sink: Callable[[pa.Table], None] | None = None,
    batch_bytes: int = 16_000_000,
    collected_at: datetime | None = None,
) -> StageResult:
    """Bronze rows for new and changed items, tombstones for removed ones, quarantine for unreadable ones.

    ``collected_at`` is the run's time (now by default): every shard of a run, and every retry of one, stamps
    the same value, so which of two copies is "collected first" is decided by the run, not by task timing.

    Records in = items seen + items found removed; out = bronze rows; skipped = unchanged items.
    With a ``sink``, the rows go to it in batches of about ``batch_bytes`` of content as they fill, and the kept
    rows come back without their content (it is in the sink): memory follows the batch, not the source.
    """
    collected_at = collected_at or datetime.now(UTC)
    breaker = breaker or CircuitBreaker(source.max_consecutive_failures)
    rows: list[dict] = []
    rejected: list[dict] = []
    seen: set[str] = set()
    counts = {"new": 0, "changed": 0, "unchanged": 0, "removed": 0, "erased": 0}
    n_items = 0
    degraded: str | None = None
    kind = connector.kind if connector else source.connector
    version = connector.version if connector else "1"

    def base(item: Item) -> dict:
        return {
            "doc_id": doc_id(source.id, item.item_key), "source_id": source.id, "source_uri": item.source_uri,
            "licence": item.licence or source.licence, "collected_at": collected_at, "mime_type": item.mime_type,
            "item_key": item.item_key, "size_bytes": item.size_bytes, "version": item.version,
            "connector": kind, "connector_version": version, "run_id": run_id, "shard": shard,
        }

    sent, pending_bytes = 0, 0  # rows already in the sink; content bytes held since

    def flush() -> None:
        nonlocal sent, pending_bytes
        if sink is None or sent == len(rows):
            return
        sink(conform(pa.Table.from_pylist(rows[sent:], schema=BRONZE), BRONZE))
        for row in rows[sent:]:
            row["content"] = None
        sent, pending_bytes = len(rows), 0

    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            break
        except Exception as error:  # the listing itself failed: the source is degraded, nothing more comes
            degraded = f"{type(error).__name__}: {error}"
            log.error("source %s: %s", source.id, degraded)
            break
        n_items += 1
        seen.add(item.item_key)
        breaker.record(item)
        if item.problem:
            rejected.append(base(item) | {"rule": item.rule, "reason": item.problem})
            if breaker.open:
                degraded = (f"circuit breaker opened after {breaker.consecutive} consecutive failures "
                            f"(last: {breaker.last_problem})")
                log.error("source %s: %s", source.id, degraded)
                break
            continue
        if item.item_key in state.erased:  # erased on request (GDPR Art. 17): tombstoned, never re-added
            counts["erased"] += 1
            continue
        known = state.known.get(item.item_key)
        if item.unchanged or item.content is None:
            counts["unchanged"] += 1
            continue
        digest = sha256_hex(item.content)
        if known is not None and known.content_sha256 == digest:
            counts["unchanged"] += 1
            continue
        counts["new" if known is None else "changed"] += 1
        rows.append(base(item) | {"content": item.content, "content_sha256": digest, "op": "upsert"})
        pending_bytes += len(item.content)
        if pending_bytes >= batch_bytes:
            flush()
    lists_everything = connector.lists_everything if connector else True
    if degraded is None and lists_everything:
        for key in sorted(set(state.known) - seen):
            counts["removed"] += 1
            rows.append({
                "doc_id": doc_id(source.id, key), "source_id": source.id, "source_uri": "", "item_key": key,
                "licence": source.licence, "collected_at": collected_at, "op": "delete", "connector": kind,
                "connector_version": version, "run_id": run_id, "shard": shard,
            })
    flush()
    kept = conform(pa.Table.from_pylist(rows, schema=BRONZE), BRONZE) if rows else BRONZE.empty_table()
    bad = pa.Table.from_pylist([{k: v for k, v in r.items() if k not in ("rule", "reason")} for r in rejected])
    quarantined = quarantine(bad, STAGE, [r["rule"] for r in rejected], [r["reason"] for r in rejected])
    return StageResult(
        stage=STAGE,
        records_in=n_items + counts["removed"],
        kept=kept,
        quarantined=quarantined,
        skipped=counts["unchanged"] + counts["erased"],
        metrics={
            "items_seen": n_items, **counts, "bytes": int(pc.sum(kept["size_bytes"]).as_py() or 0),
            "degraded": degraded is not None, "degraded_reason": degraded, "transient_failures": breaker.total,
            "removals_detected": degraded is None and lists_everything,
        },
    )


def summarize_sources(results: Iterable[dict | None]) -> dict:
    """Per-source totals of an ingest run from the mapped tasks' summaries (failed tasks report nothing)."""
    per_source: dict[str, dict] = {}
    for result in results:
        if not result:
            continue
        entry = per_source.setdefault(result["source_id"], {"records_out": 0, "records_quarantined": 0,
                                                            "unchanged": 0, "degraded": False, "shards": 0})
        entry["records_out"] += result["records_out"]
        entry["records_quarantined"] += result["records_quarantined"]
        entry["unchanged"] += result.get("unchanged", 0)
        entry["degraded"] = entry["degraded"] or bool(result.get("degraded"))
        entry["shards"] += 1
    for source_id, entry in sorted(per_source.items()):
        log.info("source %-24s out %6d  quarantined %5d  unchanged %6d  %s", source_id, entry["records_out"],
                 entry["records_quarantined"], entry["unchanged"], "DEGRADED" if entry["degraded"] else "ok")
    return {"sources": per_source, "degraded": sorted(s for s, e in per_source.items() if e["degraded"]),
            "changed": any(e["records_out"] for e in per_source.values())}
