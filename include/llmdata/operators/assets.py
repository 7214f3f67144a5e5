"""Airflow Assets of the lake tables that chain the DAGs."""

from __future__ import annotations

from airflow.sdk import Asset

BRONZE = Asset(name="bronze.documents", uri="iceberg://llmdata/bronze/documents", group="llmdata")
GOLD = Asset(name="gold.documents", uri="iceberg://llmdata/gold/documents", group="llmdata")
CHUNKS_INDEX = Asset(name="qdrant.chunks", uri="qdrant://llmdata/chunks", group="llmdata")
