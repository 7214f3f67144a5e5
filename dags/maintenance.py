"""maintenance: daily housekeeping — freshness of gold and of the collection; raw and quarantine rows past their
source's retention removed; compaction of small files,
snapshot expiry within the audit retention and orphan-file cleanup; collections old alias swaps left behind."""

from __future__ import annotations

from airflow.sdk import dag

from llmdata.operators.defaults import INDEX_POOL, dag_args
from llmdata.operators.maintenance import (
    CompactOperator,
    DropOldCollectionsOperator,
    ExpireSnapshotsOperator,
    FreshnessCheckOperator,
    RawRetentionOperator,
    RemoveOrphanFilesOperator,
)


@dag(schedule="@daily", **dag_args(), tags=["llmdata", "operations"], doc_md=__doc__)
def maintenance():
    FreshnessCheckOperator(task_id="check_freshness")
    retention = RawRetentionOperator(task_id="raw_retention")
    compact = CompactOperator(task_id="compact")
    expire = ExpireSnapshotsOperator(task_id="expire_snapshots")
    orphans = RemoveOrphanFilesOperator(task_id="remove_orphan_files")
    old_collections = DropOldCollectionsOperator(task_id="drop_old_collections", pool=INDEX_POOL)
    retention >> compact >> expire >> orphans >> old_collections


maintenance()
