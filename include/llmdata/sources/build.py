"""Build a connector for a registry entry from ready clients (the operator resolves Airflow connections)."""

from __future__ import annotations

from typing import Any

from llmdata.sources.base import Connector
from llmdata.sources.files import FilesConnector
from llmdata.sources.http import HttpConnector
from llmdata.sources.python_packages import PythonPackagesConnector
from llmdata.sources.registry import (
    FilesOptions,
    HttpOptions,
    PythonPackagesOptions,
    S3Options,
    Source,
    SqlOptions,
)
from llmdata.sources.s3 import S3Connector
from llmdata.sources.sql import SqlConnector


def build_connector(
    source: Source,
    max_bytes: int,
    shard: int = 0,
    n_shards: int = 1,
    s3_client: Any = None,
    http_session: Any = None,
    sql_url: str | None = None,
) -> Connector:
    """The connector of ``source`` for one shard; clients and URLs come from the caller."""
    options = source.options
    if isinstance(options, FilesOptions):
        return FilesConnector(source.root(), options.globs, max_bytes, options.text_column, shard, n_shards)
    if isinstance(options, S3Options):
        if s3_client is None:
            raise ValueError(f"source {source.id!r}: an S3 client is needed (from connection {options.aws_conn_id})")
        return S3Connector(s3_client, options.bucket, options.prefix, options.suffixes, max_bytes,
                           options.text_column, shard, n_shards)
    if isinstance(options, HttpOptions):
        return HttpConnector(options, session=http_session)
    if isinstance(options, SqlOptions):
        url = sql_url or options.url
        if not url:
            raise ValueError(f"source {source.id!r}: set options.conn_id (an Airflow connection) or options.url")
        return SqlConnector(url, options)
    if isinstance(options, PythonPackagesOptions):
        return PythonPackagesConnector(options.max_chars, options.min_chars)
    raise ValueError(f"source {source.id!r}: no connector for {source.connector!r}")
