"""Housekeeping of the lake and the index: compaction of small files, snapshot expiry within the audit
retention, orphan-file cleanup, old collections left behind by alias swaps, and a freshness check of what
consumers read (gold and the collection behind the alias)."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

import pyarrow.fs as pafs
from pyiceberg.table import Table

from llmdata.config import Settings
from llmdata.errors import LlmdataError
from llmdata.lake import RUN_PROPERTY, WRITER_PROPERTY, Lake
from llmdata.schemas import BRONZE_DOCUMENTS, GOLD_DOCUMENTS, META_OFFSETS, QUARANTINE_DOCUMENTS
from llmdata.sources.registry import Registry

log = logging.getLogger(__name__)
DAY_MS = 86_400_000
SWAPS = "_index/alias_swaps.jsonl"
# Files below this share of the table's target file size count as small.
SMALL_FILE_SHARE = 0.5
# Iceberg's own default for orphan removal: younger files may belong to a commit still in flight.
ORPHAN_MIN_AGE_MS = 3 * DAY_MS


class StaleDataError(LlmdataError, RuntimeError):
    """Gold has not changed for longer than the freshness limit; the message says since when."""


@dataclass
class Retained:
    """What the raw-layer retention removed: rows per source and table, and the history it expired."""

    limits: dict[str, int]
    rows_deleted: dict[str, dict[str, int]]
    snapshots_expired: dict[str, int]
    files_removed: int


def enforce_raw_retention(lake: Lake, registry: Registry, run_id: str, now_ms: int | None = None) -> Retained:
    """Delete each source's bronze and quarantine rows collected longer ago than its retention (by sensitivity,
    or its own ``raw_retention_days``), then purge the tables' history, as an erasure does: old snapshots would
    otherwise keep the raw text. A live item is simply collected again by the next ingest."""
    from datetime import UTC, datetime

    from pyiceberg.expressions import And, EqualTo, LessThan

    from llmdata.erasure import purge_history

    now_ms = now_ms or int(time.time() * 1000)
    limits = {s.id: days for s in registry.sources if (days := registry.retention_days(s)) is not None}
    deleted: dict[str, dict[str, int]] = {}
    for source_id, days in sorted(limits.items()):
        cutoff = datetime.fromtimestamp((now_ms - days * DAY_MS) / 1000, tz=UTC).isoformat()
        expired = And(EqualTo("source_id", source_id), LessThan("collected_at", cutoff))
        for name in (BRONZE_DOCUMENTS, QUARANTINE_DOCUMENTS):
            n = lake.read(name, row_filter=expired, columns=["doc_id"]).num_rows
            if n:
                lake.delete(name, expired, run_id=run_id, writer="raw_retention")
                deleted.setdefault(source_id, {})[name] = n
    touched = sorted({name for per_table in deleted.values() for name in per_table})
    snapshots, files = {}, 0
    for name in touched:
        older, removed = purge_history(lake, name, run_id)
        snapshots[name], files = len(older), files + removed
    return Retained(limits, deleted, snapshots, files)


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
    for name in lake.names():
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


@dataclass(frozen=True)
class Compacted:
    table: str
    files_rewritten: int
    files_written: int
    rows: int


def compact(lake: Lake, run_id: str, min_files: int = 8) -> list[Compacted]:
    """Bin-pack each table's small data files into target-size files (``write.target-file-size-bytes``).

    Every shard task commits its own small files, so tables fragment run after run. PyIceberg 0.12 has no
    ``rewrite_data_files``; this is that: the small files are read as they are and rewritten, the new snapshot
    swaps them for the new files. Rows are unchanged, so no consumer sees a change (runs are read by the
    ``run_id`` column, gold by content hash), and older snapshots keep the old files until they expire.
    """
    done = []
    for name in lake.names():
        outcome: dict[str, int] = {}

        def rewrite(table: Table, outcome: dict[str, int] = outcome) -> None:
            outcome.clear()
            tasks = _small_file_tasks(table)
            if len(tasks) < min_files:
                return
            from pyiceberg.expressions import AlwaysTrue
            from pyiceberg.io.pyarrow import ArrowScan, _dataframe_to_data_files

            rows = ArrowScan(table.metadata, table.io, table.schema(), AlwaysTrue()).to_table(tasks)
            new_files = list(_dataframe_to_data_files(table.metadata, rows, table.io))
            properties = {RUN_PROPERTY: run_id, WRITER_PROPERTY: "maintenance.compact"}
            with table.transaction() as transaction, \
                    transaction.update_snapshot(snapshot_properties=properties).overwrite() as overwrite:
                for task in tasks:
                    overwrite.delete_data_file(task.file)
                for data_file in new_files:
                    overwrite.append_data_file(data_file)
            outcome.update(rewritten=len(tasks), written=len(new_files), rows=rows.num_rows)

        if lake.snapshot_id(name) is None:
            continue
        lake.commit(name, rewrite)  # plans inside: a retry after a conflict plans again on the new state
        if outcome:
            log.info("%s: compacted %d small files into %d (%d rows)", name, outcome["rewritten"],
                     outcome["written"], outcome["rows"])
            done.append(Compacted(name, outcome["rewritten"], outcome["written"], outcome["rows"]))
    return done


def _small_file_tasks(table: Table) -> list:
    """Scan tasks of the current snapshot's small data files (none when delete files are present: those tables
    are left to a merge-on-read-aware engine)."""
    from pyiceberg.table import TableProperties

    if not table.spec().is_unpartitioned():
        return []  # every table of the contracts is unpartitioned; bins would have to respect partitions
    target = int(table.properties.get(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
                                      TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT))
    tasks = list(table.scan().plan_files())
    if any(task.delete_files for task in tasks):
        return []
    return [task for task in tasks if task.file.file_size_in_bytes < target * SMALL_FILE_SHARE]


def referenced_files(table: Table) -> set[str]:
    """Every file a live snapshot or metadata version of ``table`` needs: metadata, manifest lists, manifests,
    data and delete files."""
    keep = {table.metadata_location, *(entry.metadata_file for entry in table.metadata.metadata_log)}
    keep |= {s.statistics_path for s in table.metadata.statistics}
    for snapshot in table.snapshots():
        keep.add(snapshot.manifest_list)
        for manifest in snapshot.manifests(table.io):
            keep.add(manifest.manifest_path)
            keep |= {e.data_file.file_path for e in manifest.fetch_manifest_entry(table.io, discard_deleted=True)}
    return keep


def remove_orphan_files(lake: Lake, name: str, min_age_ms: int = ORPHAN_MIN_AGE_MS,
                        now_ms: int | None = None) -> list[str]:
    """Delete the files under ``name``'s location that no snapshot or metadata version references (left by
    failed or retried commits and by snapshot expiry), if older than ``min_age_ms``; return their paths."""
    now_ms = now_ms or int(time.time() * 1000)
    table = lake.table(name)
    keep = {_strip_scheme(uri) for uri in referenced_files(table)}
    fs, root = filesystem(lake, table.location())
    removed = []
    for info in fs.get_file_info(pafs.FileSelector(root, recursive=True, allow_not_found=True)):
        if info.type != pafs.FileType.File or info.path in keep:
            continue
        modified_ms = info.mtime.timestamp() * 1000 if info.mtime else 0
        if now_ms - modified_ms >= min_age_ms:
            fs.delete_file(info.path)
            removed.append(info.path)
    lake.forget(name)
    return sorted(removed)


def _strip_scheme(uri: str) -> str:
    return uri.split("://", 1)[1] if "://" in uri else uri


def filesystem(lake: Lake, uri: str) -> tuple[pafs.FileSystem, str]:
    """The Arrow filesystem (local or the lake's S3) and path of a lake URI."""
    if uri.startswith("s3://"):
        s = lake.settings
        fs = pafs.S3FileSystem(access_key=s.s3_access_key_id or None, secret_key=s.s3_secret_access_key or None,
                               endpoint_override=s.s3_endpoint or None, region=s.s3_region)
        return fs, _strip_scheme(uri)
    return pafs.LocalFileSystem(), _strip_scheme(uri)


def drop_old_collections(lake: Lake, settings: Settings, keep_previous: int = 1) -> list[str]:
    """Drop the collections behind the alias except its target and the ``keep_previous`` collections it pointed
    to most recently (kept for rollback; the swap history is ``_index/alias_swaps.jsonl``)."""
    from llmdata.index.qdrant import open_index

    history = [json.loads(line) for line in (lake.read_file(SWAPS) or b"").decode().splitlines() if line.strip()]
    recent = list(dict.fromkeys(h["previous"] for h in reversed(history) if h.get("previous")))[:keep_previous]
    dropped = []
    with open_index(settings) as index:
        target = index.alias_target(settings.collection)
        for name in index.names():
            if name.startswith(f"{settings.collection}__") and name != target and name not in recent:
                index.delete_collection(name)
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


def check_index_freshness(lake: Lake, max_age_hours: float, now_ms: int | None = None) -> float:
    """Hours the index has been behind gold (0 when rag_index has consumed gold's current snapshot); raise
    :class:`StaleDataError` when gold changes have waited for the index longer than ``max_age_hours``."""
    now_ms = now_ms or int(time.time() * 1000)
    current = lake.table(GOLD_DOCUMENTS).current_snapshot()
    if current is None or lake.offset("rag_index", GOLD_DOCUMENTS) == current.snapshot_id:
        return 0.0
    lag = (now_ms - current.timestamp_ms) / 3_600_000
    if lag > max_age_hours:
        raise StaleDataError(f"the collection has not indexed gold snapshot {current.snapshot_id}, committed "
                             f"{lag:.1f} h ago (limit {max_age_hours} h): check the rag_index DAG")
    return lag
