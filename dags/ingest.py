"""ingest: every registered source (split into shards if large) -> bronze.documents, then a run summary."""

from __future__ import annotations

from airflow.sdk import dag, task

from llmdata.operators.assets import BRONZE
from llmdata.operators.defaults import dag_args, ingest_schedule
from llmdata.operators.ingest import IngestOperator


@dag(
    schedule=ingest_schedule(),
    **dag_args(),
    tags=["llmdata", "ingestion"],
    doc_md=__doc__,
)
def ingest():
    @task
    def list_sources() -> list[dict]:
        """Read and validate the source registry at run time (never at parse time): one entry per shard."""
        from llmdata.faults import point
        from llmdata.operators.connections import task_settings
        from llmdata.sources.registry import load_registry

        specs = load_registry(task_settings().sources_file).shard_specs()
        point("task.end")
        return specs

    # The bronze event comes once per run, after every shard: one curate run per ingest, not one per shard; and
    # none when bronze did not change, so an unchanged corpus costs one ingest run and nothing downstream.
    @task(trigger_rule="all_done", outlets=[BRONZE])
    def summarize(results: list[dict]) -> dict:
        """One line per source: rows written, quarantined, degraded or not; then seal the lineage log."""
        from airflow.sdk.exceptions import AirflowSkipException

        from llmdata.faults import point
        from llmdata.ingest import summarize_sources
        from llmdata.lineage.chain import seal
        from llmdata.operators.connections import task_settings

        # One request for every shard's summary: iterating asks shard by shard until the API answers 404, which
        # the task SDK logs as an error ("XCom not found") in a run that went well.
        summary = summarize_sources(results[:])
        seal(task_settings())
        point("task.end")
        if not summary["changed"]:
            raise AirflowSkipException("bronze unchanged: no asset event, so curate and rag_index do not run")
        return summary

    ingested = IngestOperator.partial(task_id="ingest_source").expand(source=list_sources())
    summarize(ingested.output)


ingest()
