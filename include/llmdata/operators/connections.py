"""Settings for a task, with credentials from Airflow connections read through the providers' own hooks.

``LLMDATA_LAKE_CONN_ID`` (an ``aws`` connection: ``AwsBaseHook`` resolves keys, assumed roles, session tokens and
the ``endpoint_url`` extra), ``LLMDATA_CATALOG_CONN_ID`` (``postgres``: ``PostgresHook``'s SQLAlchemy URL with the
connection's extras, ``sslmode`` or ``application_name`` included) and ``LLMDATA_QDRANT_CONN_ID`` (``qdrant``:
``QdrantHook``, with its ``url``, ``prefix``, ``grpc_port``, ``prefer_gprc`` and ``https`` extras) override the
``LLMDATA_*`` values — so credentials can live in any Airflow secrets backend, and the connection forms and their
Test buttons in the UI are the providers'.
"""

from __future__ import annotations

from typing import Any

from llmdata.config import Settings, get_settings, load_settings

# What a qdrant-client built by QdrantHook carries that a server connection needs (host/port or url, not both).
QDRANT_OPTIONS = ("url", "host", "port", "grpc_port", "prefer_grpc", "https", "prefix")


def sqlalchemy_url(conn_id: str) -> str:
    """The SQLAlchemy URL of a database connection, from its provider's hook, with the connection's driver extras
    (what the hook itself would pass to the driver: ``sslmode``, ``application_name``, ``options``…) as query
    parameters, which SQLAlchemy hands to the driver."""
    from airflow.sdk import BaseHook

    hook = BaseHook.get_connection(conn_id).get_hook()
    url = hook.sqlalchemy_url
    ignored = set(getattr(hook, "ignored_extra_options", ()))
    extras = {key: str(value).lower() if isinstance(value, bool) else str(value)
              for key, value in (hook.connection.extra_dejson or {}).items()
              if key not in ignored and isinstance(value, str | int | float | bool)}
    return url.update_query_dict(extras).render_as_string(hide_password=False)


def lake_credentials(conn_id: str, settings: Settings) -> dict[str, Any]:
    """The lake's S3 settings from an ``aws`` connection, as ``AwsBaseHook`` resolves it (keys in the login or in
    the extras, an assumed role's temporary keys and session token, ``endpoint_url``, ``region_name``)."""
    from airflow.providers.amazon.aws.hooks.base_aws import AwsBaseHook

    hook = AwsBaseHook(aws_conn_id=conn_id, client_type="s3")
    credentials = hook.get_credentials()
    config = hook.conn_config
    return {"s3_access_key_id": credentials.access_key or "", "s3_secret_access_key": credentials.secret_key or "",
            "s3_session_token": credentials.token or "",
            "s3_endpoint": config.endpoint_url or settings.s3_endpoint,
            "s3_region": config.region_name or hook.conn_region_name or settings.s3_region}


def qdrant_server(conn_id: str) -> dict[str, Any]:
    """The Qdrant server settings from a ``qdrant`` connection: the client ``QdrantHook`` builds, its options."""
    from airflow.providers.qdrant.hooks.qdrant import QdrantHook

    client = QdrantHook(conn_id=conn_id).get_conn()
    try:
        given = client.init_options
    finally:
        client.close()
    options = {k: given[k] for k in QDRANT_OPTIONS if given.get(k) not in (None, "")}
    if options.get("url"):
        options = {k: v for k, v in options.items() if k not in ("host", "port")}
        shown = options["url"]
    else:
        shown = f"{'https' if options.get('https') else 'http'}://{options.get('host', 'localhost')}:" \
                f"{options.get('port', 6333)}"
    return {"qdrant_url": shown, "qdrant_api_key": given.get("api_key") or "", "qdrant_options": options}


def task_settings() -> Settings:
    """The settings every operator runs with (connections resolved at run time, never at parse time)."""
    settings = get_settings()
    updates: dict[str, object] = {}
    if settings.lake_conn_id:
        updates |= lake_credentials(settings.lake_conn_id, settings)
    if settings.catalog_conn_id:
        updates["catalog_uri"] = sqlalchemy_url(settings.catalog_conn_id)
    if settings.qdrant_conn_id:
        updates |= qdrant_server(settings.qdrant_conn_id)
    if not updates:
        return settings
    return load_settings(**(settings.model_dump() | updates))
