"""ingest: every registered source -> bronze.documents (one mapped task per source)."""

from __future__ import annotations

from airflow.sdk import dag, task

from llmdata.operators.assets import BRONZE
from llmdata.operators.defaults import dag_args
from llmdata.operators.ingest import IngestOperator


@dag(
    schedule="@daily",
    **dag_args(),
    tags=["llmdata", "ingestion"],
    doc_md=__doc__,
)
def ingest():
    @task
    def list_sources() -> list[str]:
        """Read and validate the source registry at run time (never at parse time)."""
        from llmdata.config import get_settings
        from llmdata.sources.registry import load_registry

        return [s.id for s in load_registry(get_settings().sources_file).sources]

    IngestOperator.partial(task_id="ingest_source", outlets=[BRONZE]).expand(source_id=list_sources())


ingest()
