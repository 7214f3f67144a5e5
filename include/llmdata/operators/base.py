"""Base of the stage operators: settings, the lake, per-run logging and the lineage reported on completion."""

from __future__ import annotations

import logging
from abc import abstractmethod
from datetime import datetime
from typing import Any

import pyarrow as pa
from airflow.sdk import BaseOperator
from pyiceberg.expressions import And, In

from llmdata import faults
from llmdata.changes import ShardSpec
from llmdata.config import Settings
from llmdata.lake import Lake, owner_filter, service_failure
from llmdata.lineage.facets import StageRunFacet
from llmdata.operators.connections import task_settings
from llmdata.schemas import QUARANTINE_DOCUMENTS
from llmdata.stage import StageResult
from llmdata.workers import release, return_freed_memory

log = logging.getLogger(__name__)


class ReportsLineage:
    """Collects the inputs, outputs and run facets a task reports to OpenLineage when it completes."""

    _inputs: list[Any]
    _outputs: list[Any]
    _run_facets: dict[str, Any]

    def reset_lineage(self) -> None:
        self._inputs, self._outputs, self._run_facets = [], [], {}


class LakeOperator(ReportsLineage, BaseOperator):
    """An operator around one stage. Subclasses implement :meth:`run` and record lineage as they go."""

    ui_color = "#e8f1fb"
    # Whether the process's worker pool (and the models its workers hold) is kept for this task. Shard tasks of
    # per-document steps keep it; any other frees it first, so a run-wide step's working set never sits on top
    # of idle workers' models (they would be loaded again by the next shard task, seconds at most; dedup's
    # signatures 2 s sooner were not worth 0.4 GB more at the peak of a 240 MB run).
    keeps_worker_pool: bool = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.run_started: datetime | None = None
        self.reset_lineage()

    def execute(self, context: Any) -> dict[str, Any]:
        settings = task_settings()
        self.reset_lineage()
        # When the DAG run started: the same for all of its tasks and their retries.
        self.run_started = getattr(context.get("dag_run"), "start_date", None)
        if not self.keeps_worker_pool:
            release()
        try:
            map_index = getattr(context.get("ti"), "map_index", -1)
            faults.point("task.start", map_index=map_index)
            summary = self.run(settings, Lake(settings), str(context["run_id"]))
            faults.point("task.end", map_index=map_index)
            return summary
        except Exception as error:
            explained = service_failure(settings, error)
            if explained is None:
                raise
            log.error("%s", explained)
            raise explained from error
        finally:
            return_freed_memory()  # the next task in this process (``airflow dags test``) starts from less

    @abstractmethod
    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        """Read inputs from the lake, call the stage, write outputs; return the XCom summary."""

    # ---------------------------------------------------------------- helpers
    def record(self, result: StageResult, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Log the stage's counts, add the stage facet and return the summary pushed to XCom."""
        summary = result.summary()
        self._run_facets["llmdata_stage"] = StageRunFacet(
            stage=result.stage,
            records_in=result.records_in,
            records_out=result.kept.num_rows,
            records_quarantined=result.quarantined.num_rows,
            records_skipped=result.skipped,
            quarantined_by_rule=result.quarantine_reasons,
            params=params or {},
        )
        log.info(
            "%s: %d in, %d out, %d quarantined %s, %d skipped",
            result.stage, result.records_in, result.kept.num_rows, result.quarantined.num_rows,
            result.quarantine_reasons or "", result.skipped,
        )
        return summary

    def write_quarantine(self, lake: Lake, result: StageResult, run_id: str, owner: dict[str, Any]) -> int | None:
        """Replace this task's quarantine rows (owner = run, stage and shard or source), their text redacted:
        quarantine is what people browse to fix rules, so raw text stays in bronze."""

        return self.write_quarantine_rows(lake, result.quarantined, run_id, owner, [result.stage])

    def write_quarantine_rows(self, lake: Lake, rows: pa.Table, run_id: str, owner: dict[str, Any],
                              stages: list[str]) -> int | None:
        """Replace this task's quarantine rows of ``stages`` (within ``owner``: run, and shard or nothing) with
        ``rows``, their text redacted."""
        from llmdata.transforms.pii import load_pii_policy, redact_quarantine

        if rows.num_rows:
            settings = lake.settings
            rows = redact_quarantine(rows, load_pii_policy(settings.pii_policy_file), settings.pii_hash_key.encode())
        owned = And(owner_filter({"run_id": run_id, **owner}), In("stage", stages))
        return lake.replace_where(QUARANTINE_DOCUMENTS, rows, owned, run_id=run_id, writer=self.task_id)

    def get_openlineage_facets_on_complete(self, task_instance: Any) -> Any:
        """Inputs and outputs (with Iceberg snapshot versions) and this project's facets."""
        from airflow.providers.openlineage.extractors import OperatorLineage

        return OperatorLineage(inputs=self._inputs, outputs=self._outputs, run_facets=self._run_facets)


class ShardOperator(LakeOperator):
    """An operator mapped over one shard of the run's frozen plan."""

    template_fields = ("shard",)

    def __init__(self, *, shard: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shard = shard

    @property
    def spec(self) -> ShardSpec:
        return ShardSpec.from_xcom(self.shard)
