"""Settings for a task: the ``LLMDATA_*`` values, with the lake's, the catalog's and Qdrant's credentials taken
from Airflow connections when ``LLMDATA_LAKE_CONN_ID`` / ``LLMDATA_CATALOG_CONN_ID`` / ``LLMDATA_QDRANT_CONN_ID``
name them — so they can live in any Airflow secrets backend (Vault, AWS Secrets Manager, ``AIRFLOW_CONN_*``)."""

from __future__ import annotations

from airflow.sdk import BaseHook

from llmdata.config import Settings, get_settings, load_settings


def task_settings() -> Settings:
    """The settings every operator runs with (connections resolved at run time, never at parse time)."""
    settings = get_settings()
    updates: dict[str, object] = {}
    if settings.lake_conn_id:
        lake = BaseHook.get_connection(settings.lake_conn_id)  # conn_type aws: keys + endpoint_url in extra
        extra = lake.extra_dejson or {}
        updates |= {"s3_access_key_id": lake.login or "", "s3_secret_access_key": lake.password or "",
                    "s3_endpoint": extra.get("endpoint_url", settings.s3_endpoint),
                    "s3_region": extra.get("region_name", settings.s3_region)}
    if settings.catalog_conn_id:
        catalog = BaseHook.get_connection(settings.catalog_conn_id)  # conn_type postgres
        updates["catalog_uri"] = catalog.get_uri().replace("postgres://", "postgresql+psycopg2://", 1)
    if settings.qdrant_conn_id:
        qdrant = BaseHook.get_connection(settings.qdrant_conn_id)  # conn_type qdrant: host, port, API key
        scheme = "https" if (qdrant.extra_dejson or {}).get("https") else "http"
        updates |= {"qdrant_url": f"{scheme}://{qdrant.host}:{qdrant.port or 6333}",
                    "qdrant_api_key": qdrant.password or ""}
    if not updates:
        return settings
    return load_settings(**(settings.model_dump() | updates))
