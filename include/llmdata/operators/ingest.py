"""Ingest operator: one shard of one registered source into bronze; credentials from Airflow connections."""

from __future__ import annotations

from typing import Any

from pyiceberg.expressions import And, EqualTo, NotEqualTo

from llmdata.config import Settings
from llmdata.erasure import erased_item_keys
from llmdata.errors import LlmdataError
from llmdata.ingest import current_state, ingest
from llmdata.lake import Lake
from llmdata.lineage.datasets import external_input, lake_output
from llmdata.lineage.facets import SourceDatasetFacet, SourceHealthRunFacet
from llmdata.operators.base import LakeOperator
from llmdata.schemas import BRONZE_DOCUMENTS, QUARANTINE_DOCUMENTS
from llmdata.sources.registry import HttpOptions, S3Options, Source, SqlOptions, load_registry


class SourceFailedError(LlmdataError, RuntimeError):
    """A required source failed or degraded; the run must not look successful."""


def source_facet(source: Source) -> SourceDatasetFacet:
    """The licence, ownership and classification facet of a source."""
    c = source.classification
    return SourceDatasetFacet(
        source_id=source.id, connector=source.connector, licence=source.licence, owner=source.owner,
        purpose=source.purpose.strip(), legal_basis=source.legal_basis, velocity=c.velocity,
        structure=c.structure, reliability=c.reliability, sensitivity=c.sensitivity,
    )


def _clients(source: Source) -> dict[str, Any]:
    """Ready clients for the connector, built from Airflow connections (never from the registry)."""
    options = source.options
    if isinstance(options, S3Options):
        from airflow.providers.amazon.aws.hooks.s3 import S3Hook

        return {"s3_client": S3Hook(aws_conn_id=options.aws_conn_id).get_conn()}
    if isinstance(options, HttpOptions) and options.http_conn_id:
        from airflow.providers.http.hooks.http import HttpHook

        # The hook's session: the connection's auth type and credentials, its headers and extra options.
        return {"http_session": HttpHook(method="GET", http_conn_id=options.http_conn_id).get_conn()}
    if isinstance(options, SqlOptions) and options.conn_id:
        from llmdata.operators.connections import sqlalchemy_url

        return {"sql_url": sqlalchemy_url(options.conn_id)}
    return {}


class IngestOperator(LakeOperator):
    """Fetch one shard of one registered source and write its new, changed and removed items to bronze."""

    template_fields = ("source",)

    def __init__(self, *, source: dict[str, Any] | str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.sources.build import build_connector
        from llmdata.sources.sql import SqlConnector, latest_watermark

        spec = self.source if isinstance(self.source, dict) else {"source_id": self.source}
        shard, n_shards = int(spec.get("shard", 0)), int(spec.get("n_shards", 1))
        source = load_registry(settings.sources_file).get(spec["source_id"])
        # This run's own rows are left out, so a retry compares with the state before the run, not after it.
        history = lake.read(
            BRONZE_DOCUMENTS,
            row_filter=And(EqualTo("source_id", source.id), NotEqualTo("run_id", run_id)),
            columns=["item_key", "content_sha256", "version", "op", "collected_at"],
        )
        state = current_state(history, shard, n_shards)
        state.erased = frozenset(erased_item_keys(lake, source.id))
        connector = build_connector(source, settings.max_document_bytes, shard, n_shards, **_clients(source))
        if isinstance(connector, SqlConnector):
            state.watermark = latest_watermark(history["version"].to_pylist())
        owner = {"run_id": run_id, "source_id": source.id, "shard": shard}
        staged = lake.staged_replace(BRONZE_DOCUMENTS, owner, buffer_bytes=0)  # ingest sizes its batches by content
        result = ingest(connector.items(state), source, state, run_id, connector, shard, sink=staged.write,
                        batch_bytes=int(settings.ingest_batch_mb * 1e6), collected_at=self.run_started)
        snapshot = staged.commit(run_id, self.task_id)
        q_snapshot = self.write_quarantine(lake, result, run_id, {"source_id": source.id, "shard": shard})
        health = SourceHealthRunFacet(
            source_id=source.id, status="degraded" if result.metrics["degraded"] else "ok",
            reason=result.metrics["degraded_reason"], transient_failures=result.metrics["transient_failures"],
            removals_detected=result.metrics["removals_detected"], required=source.required,
        )
        self._run_facets["llmdata_source_health"] = health
        self._inputs.append(external_input(connector.lineage_namespace(), connector.lineage_name(),
                                           {"llmdata_source": source_facet(source)}))
        self._outputs.append(lake_output(settings, BRONZE_DOCUMENTS, snapshot, result.kept.num_rows))
        self._outputs.append(lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot, result.quarantined.num_rows))
        summary = self.record(result, {"source_id": source.id, "connector": source.connector, "shard": shard,
                                       "n_shards": n_shards, "max_document_bytes": settings.max_document_bytes})
        summary |= {"source_id": source.id, "shard": shard, "required": source.required}
        if result.metrics["degraded"] and source.required:
            raise SourceFailedError(
                f"required source {source.id!r} (shard {shard}) degraded: {result.metrics['degraded_reason']}. "
                f"{result.kept.num_rows} rows were kept in bronze; fix the source or set required: false.")
        return summary
