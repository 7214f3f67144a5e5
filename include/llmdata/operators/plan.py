"""Planning and bookkeeping operators: split a change set into shards; record what a DAG consumed."""

from __future__ import annotations

import logging
from typing import Any, Literal

from airflow.sdk import BaseOperator
from pyiceberg.expressions import EqualTo

from llmdata import faults
from llmdata.changes import ShardSpec, freeze_bronze_plan, freeze_keyed_plan, gold_changes, write_plan
from llmdata.lake import Lake
from llmdata.lineage.datasets import lake_input
from llmdata.operators.base import ReportsLineage
from llmdata.operators.connections import task_settings

log = logging.getLogger(__name__)


def executor_slots() -> int:
    """Task instances of one DAG run the executor runs at once, as Airflow's configuration bounds them."""
    from airflow.configuration import conf

    return min(conf.getint("core", "parallelism"), conf.getint("core", "max_active_tasks_per_dag"))


class PlanShardsOperator(ReportsLineage, BaseOperator):
    """Freeze the change set a run processes (snapshots ``since``..``until``) and split it into shards.

    Returns one small dict per shard for dynamic task mapping. The offset moves only when the run commits,
    so a failed run is re-planned from the same snapshot.
    """

    template_fields = ("consumer", "table")

    def __init__(self, *, consumer: str, table: str, mode: Literal["appended", "keyed"],
                 reprocess_on_policy_change: bool = False, rebuild_on_index_change: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.consumer, self.table, self.mode = consumer, table, mode
        self.reprocess_on_policy_change = reprocess_on_policy_change
        self.rebuild_on_index_change = rebuild_on_index_change
        self.reset_lineage()

    def execute(self, context: Any) -> list[dict[str, int | None]]:
        settings = task_settings()
        lake = Lake(settings)
        lake.ensure_all()
        since = lake.offset(self.consumer, self.table)
        until = lake.snapshot_id(self.table)
        full = False
        policy_sha256 = None
        if self.reprocess_on_policy_change:
            from llmdata.changes import curation_sha256

            policy_sha256 = curation_sha256(settings)
        if self.reprocess_on_policy_change and since is not None:
            applied = lake.offset_policy(self.consumer, self.table)
            full = applied != policy_sha256
            if full:
                log.warning("%s: the quality policy, the PII policy or the PII engine differ from the ones last "
                            "applied (%s, now %s): re-evaluating every live document", self.consumer,
                            (applied or "none")[:12], policy_sha256[:12])
        if self.rebuild_on_index_change and since is not None:
            from llmdata.index.collections import physical_collection
            from llmdata.index.qdrant import open_index

            wanted = physical_collection(settings)
            with open_index(settings) as index:
                current = index.alias_target(settings.collection)
            if current != wanted:
                log.warning("%s: alias %s points to %s but model/chunker now give %s: rebuilding the index from "
                            "all of gold; the alias moves when the new collection is complete",
                            self.consumer, settings.collection, current, wanted)
                since = None  # every gold document is a change
        slots = settings.task_slots or executor_slots()
        if self.mode == "appended":
            plan, n_shards = freeze_bronze_plan(lake, since, until, full, settings.shard_size, settings.max_shards,
                                                settings.shard_mb, slots)
        else:
            plan, n_shards = freeze_keyed_plan(gold_changes(lake, since, until), settings.shard_size,
                                               settings.max_shards, slots)
        path = write_plan(lake, self.consumer, str(context["run_id"]), plan)
        log.info("%s: %d changes in %s since snapshot %s (up to %s) -> %d shard(s); plan %s",
                 self.consumer, plan.num_rows, self.table, since, until, n_shards, lake.file_uri(path))
        self.reset_lineage()
        self._inputs.append(lake_input(settings, self.table, until, plan.num_rows))
        faults.point("task.end")
        return [ShardSpec(since, until, k, n_shards, full, path, policy_sha256).to_xcom() for k in range(n_shards)]


class CommitOffsetOperator(BaseOperator):
    """Record that ``consumer`` has consumed ``table`` up to the planned snapshot."""

    template_fields = ("consumer", "table", "plan")

    def __init__(self, *, consumer: str, table: str, plan: Any, record_policy: bool = False,
                 drop_run_rows: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.consumer, self.table, self.plan, self.record_policy = consumer, table, plan, record_policy
        self.drop_run_rows = tuple(drop_run_rows)

    def execute(self, context: Any) -> dict[str, Any]:
        spec = ShardSpec.from_xcom(self.plan[0])
        settings = task_settings()
        policy_sha256 = None
        if self.record_policy:  # the policies the run was planned under (a plan of an older release has none)
            from llmdata.changes import curation_sha256

            policy_sha256 = spec.policy or curation_sha256(settings)
        lake = Lake(settings)
        run_id = str(context["run_id"])
        lake.commit_offset(self.consumer, self.table, spec.until, run_id, policy_sha256)
        for table in self.drop_run_rows:  # raw text staged for this run only (see llmdata.curation)
            from llmdata.erasure import purge_history

            lake.delete(table, EqualTo("run_id", run_id), run_id=run_id, writer=self.task_id)
            expired, files = purge_history(lake, table, run_id)
            log.info("%s: this run's staged raw text deleted, with its history (%d snapshots, %d files)", table,
                     len(expired), files)
        from llmdata.lineage.chain import seal

        sealed = seal(settings)  # the events of this run so far; this task's own are sealed by the next run
        if sealed:
            log.info("lineage sealed: batch %d, events %d-%d, hash %s", sealed.batch, sealed.from_line + 1,
                     sealed.to_line, sealed.hash[:16])
        faults.point("task.end")
        return {"consumer": self.consumer, "table": self.table, "snapshot_id": spec.until}
