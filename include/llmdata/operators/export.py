"""The training export task: gold as sharded Parquet + JSONL with a manifest and a dataset card."""

from __future__ import annotations

from typing import Any

from llmdata.config import Settings
from llmdata.lake import Lake
from llmdata.lineage.datasets import lake_input
from llmdata.operators.base import LakeOperator
from llmdata.quality.policy import load_policy
from llmdata.schemas import GOLD_DOCUMENTS


class ExportTrainingOperator(LakeOperator):
    """Export the gold snapshot this run published (idempotent: keyed by the snapshot id)."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from openlineage.client.event_v2 import OutputDataset

        from llmdata.export import EXPORT_DIR, ExportParams, export_training

        policy = load_policy(settings.policy_file)
        manifest = export_training(lake, policy.describe(), ExportParams(
            shard_rows=settings.export_shard_rows, sample_by_weight=settings.export_sample_by_weight))
        snapshot = manifest["gold_snapshot_id"]
        self._inputs.append(lake_input(settings, GOLD_DOCUMENTS, snapshot, manifest["sampling"]["documents_in_gold"]))
        self._outputs.append(OutputDataset(namespace=settings.lineage_dataset_namespace,
                                           name=f"{EXPORT_DIR}/{snapshot}"))
        return {"stage": "export_training", "gold_snapshot_id": snapshot, "documents": manifest["documents"],
                "tokens": manifest["tokens"], "folder": lake.file_uri(f"{EXPORT_DIR}/{snapshot}")}
