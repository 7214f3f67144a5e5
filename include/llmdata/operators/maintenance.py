"""Maintenance tasks: compaction, snapshot expiry, orphan files, old collections, freshness."""

from __future__ import annotations

import logging
from typing import Any

from llmdata.config import Settings
from llmdata.lake import Lake
from llmdata.operators.base import LakeOperator

log = logging.getLogger(__name__)


class CompactOperator(LakeOperator):
    """Merge each table's small files (one per shard and run) into target-size files; rows stay the same."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.maintenance import compact

        done = compact(lake, run_id, min_files=settings.compact_min_files)
        return {"stage": "compact", "compacted": {c.table: {"files_rewritten": c.files_rewritten,
                                                             "files_written": c.files_written, "rows": c.rows}
                                                   for c in done}}


class RawRetentionOperator(LakeOperator):
    """Remove raw (bronze) and quarantine rows older than their source's retention, with their history."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.lineage.datasets import lake_output
        from llmdata.lineage.facets import StageRunFacet
        from llmdata.maintenance import enforce_raw_retention
        from llmdata.sources.registry import load_registry

        done = enforce_raw_retention(lake, load_registry(settings.sources_file), run_id)
        removed = sum(n for per_table in done.rows_deleted.values() for n in per_table.values())
        for name in sorted({t for per_table in done.rows_deleted.values() for t in per_table}):
            self._outputs.append(lake_output(settings, name, lake.snapshot_id(name), lake.row_count(name)))
        self._run_facets["llmdata_stage"] = StageRunFacet(
            stage="raw_retention", records_in=removed, records_out=0, records_quarantined=0,
            params={"retention_days": done.limits, "rows_deleted": done.rows_deleted,
                    "snapshots_expired": done.snapshots_expired, "files_removed": done.files_removed})
        log.info("raw retention: %d row(s) past their source's limit removed %s; limits %s", removed,
                 done.rows_deleted, done.limits or "none set")
        return {"stage": "raw_retention", "rows_deleted": done.rows_deleted, "limits": done.limits}


class RemoveOrphanFilesOperator(LakeOperator):
    """Delete files under the tables that no snapshot references any more (expired history, failed commits)."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.maintenance import remove_orphan_files

        removed = {name: len(remove_orphan_files(lake, name)) for name in lake.names()}
        log.info("removed %d orphan file(s): %s", sum(removed.values()), {k: v for k, v in removed.items() if v})
        return {"stage": "remove_orphan_files", "removed": {k: v for k, v in removed.items() if v}}


class ExpireSnapshotsOperator(LakeOperator):
    """Expire snapshots older than the audit retention, keeping current and consumer-pinned ones."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.maintenance import expire_snapshots

        expired = expire_snapshots(lake, settings.lineage_retention_days)
        for item in expired:
            log.info("%s: expired %d snapshot(s) older than %d days", item.table, len(item.snapshots),
                     settings.lineage_retention_days)
        return {"stage": "expire_snapshots", "expired": {e.table: len(e.snapshots) for e in expired}}


class DropOldCollectionsOperator(LakeOperator):
    """Drop collections left behind by alias swaps, keeping the latest previous one for rollback."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.maintenance import drop_old_collections

        dropped = drop_old_collections(lake, settings)
        log.info("dropped %d old collection(s): %s", len(dropped), dropped)
        return {"stage": "drop_old_collections", "dropped": dropped}


class FreshnessCheckOperator(LakeOperator):
    """Fail (and alert through the DAG's failure callback) when gold is older than the freshness limit or the
    collection has not indexed gold's latest changes within it."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.maintenance import check_freshness, check_index_freshness

        age = check_freshness(lake, settings.freshness_hours)
        lag = check_index_freshness(lake, settings.freshness_hours)
        return {"stage": "freshness", "gold_age_hours": round(age, 2), "index_lag_hours": round(lag, 2)}
