"""The ``s3`` connector: objects under a bucket prefix, with the ETag as change token.

The library takes a ready boto3 S3 client; the operator builds it from an Airflow AWS connection (endpoint
in its extras for MinIO). An unchanged ETag means the object is not downloaded again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError

from llmdata.ids import shard_of
from llmdata.sources.archives import Limits
from llmdata.sources.base import Connector, Item, SourceState, SourceUnavailableError
from llmdata.sources.files import contents, mime_type_of, stamped, unchanged

DENIED = {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "403", "Forbidden"}


class S3Connector(Connector):
    """Objects under ``s3://bucket/prefix``."""

    kind = "s3"

    def __init__(self, client: Any, bucket: str, prefix: str = "", suffixes: list[str] | None = None,
                 max_bytes: int = 20_000_000, text_column: str = "text", shard: int = 0, n_shards: int = 1) -> None:
        self.client, self.bucket, self.prefix = client, bucket, prefix
        self.suffixes = tuple(s.lower() for s in suffixes or [])
        self.max_bytes, self.text_column = max_bytes, text_column
        self.limits = Limits.for_documents(max_bytes)
        self.shard, self.n_shards = shard, n_shards

    def lineage_namespace(self) -> str:
        return f"s3://{self.bucket}"

    def lineage_name(self) -> str:
        return self.prefix or "/"

    def _listing(self) -> Iterator[dict]:
        paginator = self.client.get_paginator("list_objects_v2")
        try:
            for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix):
                yield from page.get("Contents", [])
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            fix = "check the AWS connection's key and secret" if code in DENIED else "check the bucket and prefix"
            raise SourceUnavailableError(f"cannot list s3://{self.bucket}/{self.prefix}: {code}; {fix}") from error
        except (EndpointConnectionError, BotoCoreError) as error:
            raise SourceUnavailableError(
                f"cannot reach the S3 endpoint for s3://{self.bucket}: {error}; check endpoint_url in the "
                "connection extras") from error

    def items(self, state: SourceState) -> Iterator[Item]:
        for entry in self._listing():
            key: str = entry["Key"]
            if key.endswith("/") or (self.suffixes and not key.lower().endswith(self.suffixes)):
                continue
            relative = key[len(self.prefix):].lstrip("/") or key
            if shard_of(relative, self.n_shards) != self.shard:
                continue
            yield from self._object(entry, key, relative, state)

    def _object(self, entry: dict, key: str, relative: str, state: SourceState) -> Iterator[Item]:
        etag = str(entry.get("ETag", "")).strip('"')
        size, modified = int(entry.get("Size", 0)), entry.get("LastModified")
        mime, uri = mime_type_of(key), f"s3://{self.bucket}/{key}"
        skipped = unchanged(state, relative, uri, mime, modified, etag, size)
        if skipped:
            yield from skipped
            return
        if size > self.max_bytes:
            yield Item(relative, uri, None, mime, modified, size, version=etag, rule="ingest.oversized",
                       problem=f"{size} bytes exceeds LLMDATA_MAX_DOCUMENT_BYTES={self.max_bytes}")
            return
        try:
            content = self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except (ClientError, BotoCoreError) as error:
            yield Item(relative, uri, None, mime, modified, size, version=etag, transient=True,
                       rule="ingest.fetch_failed", problem=f"GET s3://{self.bucket}/{key} failed: {error}")
            return
        yield from stamped(contents(relative, uri, key, content, self.text_column, self.limits), modified, etag)
