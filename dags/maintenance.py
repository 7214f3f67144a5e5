"""maintenance: daily housekeeping — freshness of gold, snapshot expiry within the audit retention, and the
collections old alias swaps left behind."""

from __future__ import annotations

from airflow.sdk import dag

from llmdata.operators.defaults import dag_args
from llmdata.operators.maintenance import (
    DropOldCollectionsOperator,
    ExpireSnapshotsOperator,
    FreshnessCheckOperator,
)


@dag(schedule="@daily", **dag_args(), tags=["llmdata", "operations"], doc_md=__doc__)
def maintenance():
    FreshnessCheckOperator(task_id="check_freshness")
    ExpireSnapshotsOperator(task_id="expire_snapshots") >> DropOldCollectionsOperator(task_id="drop_old_collections")


maintenance()
