"""ingest: every registered source -> bronze.documents (one mapped task per source)."""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import dag, task

from llmdata.operators.assets import BRONZE
from llmdata.operators.defaults import default_args
from llmdata.operators.ingest import IngestOperator


@dag(
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
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
