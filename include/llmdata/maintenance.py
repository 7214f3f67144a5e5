"""Housekeeping of the lake and the index: snapshot expiry within the audit retention, old collections left
behind by alias swaps, and a freshness check of what consumers read."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from llmdata.config import Settings
from llmdata.lake import Lake
from llmdata.schemas import GOLD_DOCUMENTS, META_OFFSETS, TABLES

DAY_MS = 86_400_000
SWAPS = "_index/alias_swaps.jsonl"


class StaleDataError(RuntimeError):
    """Gold has not changed for longer than the freshness limit; the message says since when."""


@dataclass(frozen=True)
class Expired:
    table: str
    snapshots: list[int]


def expire_snapshots(lake: Lake, retention_days: int, now_ms: int | None = None) -> list[Expired]:
    """Expire snapshots older than ``retention_days`` (the lineage retention: audit reports cite snapshot ids),
    never a table's current snapshot, nor a consumer's offset snapshot or anything committed after it."""
    now_ms = now_ms or int(time.time() * 1000)
    pinned = set(lake.read(META_OFFSETS, columns=["snapshot_id"])["snapshot_id"].to_pylist())
    expired = []
    for name in TABLES:
        table = lake.table(name)
        current = table.current_snapshot()
        # A consumer reads every commit after its offset: nothing from its offset on may go.
        oldest_pinned = min((s.timestamp_ms for s in table.snapshots() if s.snapshot_id in pinned), default=None)
        cutoff = now_ms - retention_days * DAY_MS
        if oldest_pinned is not None:
            cutoff = min(cutoff, oldest_pinned)
        old = [s.snapshot_id for s in table.snapshots() if s.timestamp_ms < cutoff
               and (current is None or s.snapshot_id != current.snapshot_id) and s.snapshot_id not in pinned]
        if old:
            table.maintenance.expire_snapshots().by_ids(old).commit()
            lake.forget(name)
            expired.append(Expired(name, old))
    return expired


def drop_old_collections(lake: Lake, settings: Settings, keep_previous: int = 1) -> list[str]:
    """Drop the collections behind the alias except its target and the ``keep_previous`` collections it pointed
    to most recently (kept for rollback; the swap history is ``_index/alias_swaps.jsonl``)."""
    from llmdata.index.qdrant import open_index

    history = [json.loads(line) for line in (lake.read_file(SWAPS) or b"").decode().splitlines() if line.strip()]
    recent = list(dict.fromkeys(h["previous"] for h in reversed(history) if h.get("previous")))[:keep_previous]
    dropped = []
    with open_index(settings) as index:
        target = index.alias_target(settings.collection)
        for collection in index.client.get_collections().collections:
            name = collection.name
            if name.startswith(f"{settings.collection}__") and name != target and name not in recent:
                index.client.delete_collection(name)
                dropped.append(name)
    return sorted(dropped)


def record_swap(lake: Lake, alias: str, collection: str, previous: str | None) -> None:
    """Append an alias swap to the history :func:`drop_old_collections` reads."""
    entry = json.dumps({"alias": alias, "collection": collection, "previous": previous,
                        "swapped_at": int(time.time() * 1000)})
    lake.write_file(SWAPS, (lake.read_file(SWAPS) or b"") + entry.encode() + b"\n")


def check_freshness(lake: Lake, max_age_hours: float, now_ms: int | None = None) -> float:
    """Hours since gold last changed; raise :class:`StaleDataError` above ``max_age_hours``."""
    now_ms = now_ms or int(time.time() * 1000)
    current = lake.table(GOLD_DOCUMENTS).current_snapshot()
    if current is None:
        raise StaleDataError("gold.documents has never been published; run ingest and curate")
    age = (now_ms - current.timestamp_ms) / 3_600_000
    if age > max_age_hours:
        raise StaleDataError(f"gold.documents last changed {age:.1f} h ago (limit {max_age_hours} h): check the "
                             "ingest and curate DAGs and their sources")
    return age
