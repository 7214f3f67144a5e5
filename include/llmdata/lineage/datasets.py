"""OpenLineage datasets for lake tables and sources, with standard facets and the Iceberg snapshot as version."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from openlineage.client.event_v2 import InputDataset, OutputDataset
from openlineage.client.facet_v2 import (
    column_lineage_dataset,
    data_quality_assertions_dataset,
    data_quality_metrics_dataset,
    dataset_version_dataset,
    input_statistics_input_dataset,
    output_statistics_output_dataset,
    schema_dataset,
)

from llmdata.config import Settings
from llmdata.schemas import TABLES


def schema_facet(schema: pa.Schema) -> schema_dataset.SchemaDatasetFacet:
    """The standard schema facet of an Arrow schema."""
    return schema_dataset.SchemaDatasetFacet(
        fields=[schema_dataset.SchemaDatasetFacetFields(name=f.name, type=str(f.type)) for f in schema]
    )


def _facets(table: str, snapshot_id: int | None, extra: dict[str, Any] | None) -> dict[str, Any]:
    facets: dict[str, Any] = {"schema": schema_facet(TABLES[table])}
    if snapshot_id is not None:
        facets["version"] = dataset_version_dataset.DatasetVersionDatasetFacet(datasetVersion=str(snapshot_id))
    return facets | (extra or {})


METRIC_COLUMNS = ("quality_score", "weight", "n_chars", "n_tokens", "lang_score")


def quality_metrics(rows: pa.Table) -> data_quality_metrics_dataset.DataQualityMetricsDatasetFacet:
    """Standard data-quality metrics of the numeric document signals in ``rows`` (no text)."""
    import pyarrow.compute as pc

    columns = {}
    for name in METRIC_COLUMNS:
        if name not in rows.column_names:
            continue
        values = rows[name]
        valid = pc.drop_null(values)
        quantiles = {}
        if len(valid):
            for q, v in zip((0.1, 0.5, 0.9), pc.quantile(valid, q=[0.1, 0.5, 0.9]).to_pylist(), strict=True):
                quantiles[str(q)] = round(float(v), 4)
        columns[name] = data_quality_metrics_dataset.ColumnMetrics(
            nullCount=values.null_count, count=float(len(valid)),
            sum=round(float(pc.sum(valid).as_py() or 0), 4),
            min=float(pc.min(valid).as_py()) if len(valid) else None,
            max=float(pc.max(valid).as_py()) if len(valid) else None, quantiles=quantiles)
    return data_quality_metrics_dataset.DataQualityMetricsDatasetFacet(columnMetrics=columns, rowCount=rows.num_rows)


def column_lineage(settings: Settings, source: str, fields: dict[str, tuple[str, str, bool]]
                   ) -> column_lineage_dataset.ColumnLineageDatasetFacet:
    """Column lineage from ``source``: {output field: (input field, what was done, whether it masks values)}."""
    return column_lineage_dataset.ColumnLineageDatasetFacet(fields={
        out: column_lineage_dataset.Fields(inputFields=[column_lineage_dataset.InputField(
            namespace=settings.lineage_dataset_namespace, name=source, field=field,
            transformations=[column_lineage_dataset.Transformation(type="DIRECT", subtype="TRANSFORMATION",
                                                                   description=description, masking=masking)])])
        for out, (field, description, masking) in fields.items()})


def lake_input(
    settings: Settings, table: str, snapshot_id: int | None, rows: int | None = None,
    extra: dict[str, Any] | None = None,
) -> InputDataset:
    """An input lake table as read at ``snapshot_id``."""
    input_facets = {}
    if rows is not None:
        input_facets["inputStatistics"] = input_statistics_input_dataset.InputStatisticsInputDatasetFacet(
            rowCount=rows)
    return InputDataset(namespace=settings.lineage_dataset_namespace, name=table,
                        facets=_facets(table, snapshot_id, extra), inputFacets=input_facets)


def lake_output(
    settings: Settings, table: str, snapshot_id: int | None, rows: int | None = None,
    extra: dict[str, Any] | None = None, assertions: list[tuple[str, bool, int]] | None = None,
    metrics: pa.Table | None = None,
) -> OutputDataset:
    """An output lake table at the snapshot the write committed, with row count and quality assertions."""
    output_facets: dict[str, Any] = {}
    if rows is not None:
        output_facets["outputStatistics"] = output_statistics_output_dataset.OutputStatisticsOutputDatasetFacet(
            rowCount=rows)
    facets = _facets(table, snapshot_id, extra)
    if metrics is not None:
        facets["dataQualityMetrics"] = quality_metrics(metrics)
    if assertions:
        facets["dataQualityAssertions"] = data_quality_assertions_dataset.DataQualityAssertionsDatasetFacet(
            assertions=[
                data_quality_assertions_dataset.Assertion(assertion=name, success=ok, column="text",
                                                          actual=str(failed))
                for name, ok, failed in assertions
            ]
        )
    return OutputDataset(namespace=settings.lineage_dataset_namespace, name=table, facets=facets,
                         outputFacets=output_facets)


def external_input(namespace: str, name: str, facets: dict[str, Any] | None = None) -> InputDataset:
    """A dataset outside the lake (a source folder, an API, a database table)."""
    return InputDataset(namespace=namespace, name=name, facets=facets or {})


def collection_output(location: str, collection: str, points: int | None = None) -> OutputDataset:
    """The Qdrant collection as an output dataset."""
    output_facets = {}
    if points is not None:
        output_facets["outputStatistics"] = output_statistics_output_dataset.OutputStatisticsOutputDatasetFacet(
            rowCount=points)
    return OutputDataset(namespace=location if "://" in location else f"qdrant://{location}", name=collection,
                         outputFacets=output_facets)
