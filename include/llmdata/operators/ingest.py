"""Ingest operator: one source into bronze."""

from __future__ import annotations

from typing import Any

from pyiceberg.expressions import And, EqualTo, NotEqualTo

from llmdata.config import Settings
from llmdata.ingest import current_state, ingest
from llmdata.lake import Lake
from llmdata.lineage.datasets import external_input, lake_output
from llmdata.lineage.facets import SourceDatasetFacet
from llmdata.operators.base import LakeOperator
from llmdata.schemas import BRONZE_DOCUMENTS, QUARANTINE_DOCUMENTS
from llmdata.sources import files
from llmdata.sources.registry import Source, load_registry


def source_facet(source: Source) -> SourceDatasetFacet:
    """The licence, ownership and classification facet of a source."""
    c = source.classification
    return SourceDatasetFacet(
        source_id=source.id, connector=source.connector, licence=source.licence, owner=source.owner,
        purpose=source.purpose.strip(), legal_basis=source.legal_basis, velocity=c.velocity,
        structure=c.structure, reliability=c.reliability, sensitivity=c.sensitivity,
    )


class IngestOperator(LakeOperator):
    """Fetch one registered source and write its new, changed and removed items to bronze."""

    template_fields = ("source_id",)

    def __init__(self, *, source_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source_id = source_id

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        source = load_registry(settings.sources_file).get(self.source_id)
        # This run's own rows are left out, so a retry compares with the state before the run, not after it.
        history = lake.read(
            BRONZE_DOCUMENTS,
            row_filter=And(EqualTo("source_id", source.id), NotEqualTo("run_id", run_id)),
            columns=["doc_id", "content_sha256", "op", "collected_at"],
        )
        items = files.scan(source.root(), source.options.globs, settings.max_document_bytes)
        result = ingest(items, source, current_state(history), run_id)
        snapshot = lake.replace(BRONZE_DOCUMENTS, result.kept, {"run_id": run_id, "source_id": source.id},
                                run_id=run_id, writer=self.task_id)
        q_snapshot = self.write_quarantine(lake, result, run_id, {"source_id": source.id})
        self._inputs.append(external_input("file", str(source.root()), {"llmdata_source": source_facet(source)}))
        self._outputs.append(lake_output(settings, BRONZE_DOCUMENTS, snapshot, result.kept.num_rows))
        self._outputs.append(lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, result.quarantined.num_rows))
        return self.record(result, {"source_id": source.id, "connector": source.connector,
                                    "max_document_bytes": settings.max_document_bytes})
