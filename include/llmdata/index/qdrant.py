"""The Qdrant collection of chunks: created with the model's dimension, kept in sync with gold.

One interface for a Qdrant server (URL + API key) and the embedded local mode. The local mode locks its folder
to one process, so an index is opened per task and closed at the end (use it as a context manager).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from qdrant_client import QdrantClient, models

from llmdata.config import Settings
from llmdata.errors import LlmdataError
from llmdata.ids import point_id

log = logging.getLogger(__name__)
PAYLOAD_INDEXES = ("doc_id", "source_id", "licence", "lang", "allowed_groups")
UPSERT_BATCH = 256
ATTEMPTS = 4
# How long a task waits for the embedded store another task holds (an embed task holds it for one sync).
LOCK_WAIT_SECONDS = 900.0


class VectorIndexError(LlmdataError, RuntimeError):
    """Qdrant is unreachable or refused an operation; the message says which and how to fix it."""


@dataclass(frozen=True)
class Hit:
    """One search result."""

    score: float
    payload: dict[str, Any]


def _retry(what: str, call: Callable[[], Any]) -> Any:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return call()
        except Exception as error:  # qdrant-client raises transport-specific errors
            if attempt == ATTEMPTS:
                raise VectorIndexError(f"Qdrant {what} failed after {attempt} attempts: {error}") from error
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")


def _open_local(folder: Path, wait_seconds: float) -> QdrantClient:
    """Open the embedded store, waiting while another process holds it: under a real executor, tasks of one
    run (mapped shards, the CLI) take turns on it instead of failing."""
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return QdrantClient(path=str(folder))
        except RuntimeError as error:  # qdrant-client: "already accessed by another instance"
            if time.monotonic() >= deadline:
                raise VectorIndexError(
                    f"embedded Qdrant at {folder} stayed locked by another process for {wait_seconds:.0f}s "
                    f"({error}); close it, or set LLMDATA_QDRANT_URL to use a Qdrant server"
                ) from error
            log.info("embedded Qdrant at %s is in use by another process; waiting", folder)
            time.sleep(1 + random.random())


class VectorIndex:
    """A Qdrant collection of chunk vectors, one point per chunk, point id = UUID from chunk_id."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        if settings.qdrant_url:
            self.client = QdrantClient(url=settings.qdrant_url, api_key=settings.qdrant_api_key or None, timeout=30)
            self.location = settings.qdrant_url
        else:
            self.client = _open_local(settings.qdrant_folder, LOCK_WAIT_SECONDS)
            self.location = settings.qdrant_folder.as_uri()

    def close(self) -> None:
        self.client.close()

    # -------------------------------------------------------------- collection
    def ensure_collection(self, name: str, dimension: int) -> None:
        """Create ``name`` (cosine, ``dimension``) with payload indexes, or check that it matches."""
        if _retry("collection_exists", lambda: self.client.collection_exists(name)):
            info = self.client.get_collection(name)
            size = info.config.params.vectors.size  # type: ignore[union-attr]
            if size != dimension:
                raise VectorIndexError(
                    f"collection {name!r} holds {size}-d vectors but the model makes {dimension}-d ones; "
                    "set LLMDATA_COLLECTION to a new name to reindex with the new model"
                )
            return
        _retry("create_collection", lambda: self.client.create_collection(
            name, vectors_config=models.VectorParams(size=dimension, distance=models.Distance.COSINE)))
        if self.settings.qdrant_url:  # local mode has no payload indexes and warns about them
            for field in PAYLOAD_INDEXES:
                self.client.create_payload_index(name, field, models.PayloadSchemaType.KEYWORD, wait=True)

    def exists(self, name: str) -> bool:
        """Whether the collection ``name`` exists."""
        return bool(_retry("collection check", lambda: self.client.collection_exists(name)))

    def count(self, name: str) -> int:
        """Points in collection (or alias) ``name``; 0 when it does not exist."""
        name = self.alias_target(name) or name
        if not self.client.collection_exists(name):
            return 0
        return self.client.count(name, exact=True).count

    # -------------------------------------------------------------- aliases
    def alias_target(self, alias: str) -> str | None:
        """The collection ``alias`` points to, or None."""
        response = _retry("get aliases", lambda: self.client.get_aliases())
        return next((a.collection_name for a in response.aliases if a.alias_name == alias), None)

    def swap_alias(self, alias: str, collection: str) -> str | None:
        """Point ``alias`` at ``collection`` in one atomic operation; returns the previous target (kept for
        rollback). A legacy collection that carries the alias's own name is dropped first (it was built
        before aliases; its replacement is complete and verified by the time this runs)."""
        previous = self.alias_target(alias)
        if previous is None and self.client.collection_exists(alias):
            log.warning("replacing the pre-alias collection %r by alias -> %r", alias, collection)
            _retry("delete legacy collection", lambda: self.client.delete_collection(alias))
        operations: list[Any] = []
        if previous:
            operations.append(models.DeleteAliasOperation(delete_alias=models.DeleteAlias(alias_name=alias)))
        operations.append(models.CreateAliasOperation(
            create_alias=models.CreateAlias(collection_name=collection, alias_name=alias)))
        _retry("swap alias", lambda: self.client.update_collection_aliases(change_aliases_operations=operations))
        return previous

    # -------------------------------------------------------------- sync
    def existing(self, name: str, doc_ids: Sequence[str]) -> dict[str, str | None]:
        """{point id: payload_sha} of the points stored for ``doc_ids``."""
        found: dict[str, str | None] = {}
        if not doc_ids or not self.client.collection_exists(name):
            return found
        for doc_batch in _batches(list(doc_ids), 512):
            flt = models.Filter(must=[models.FieldCondition(key="doc_id", match=models.MatchAny(any=doc_batch))])
            for record in self._scroll(name, flt, ["payload_sha"]):
                found[str(record.id)] = (record.payload or {}).get("payload_sha")
        return found

    def sync_documents(
        self,
        name: str,
        chunk_ids: Sequence[str],
        vectors: np.ndarray,
        payloads: Sequence[dict[str, Any]],
        doc_ids: Sequence[str],
        keep_chunk_ids: Sequence[str] | None = None,
    ) -> dict[str, int]:
        """Upsert the given chunks and delete every other point of ``doc_ids``.

        ``keep_chunk_ids`` (default: ``chunk_ids``) are all the chunks the documents now have, including
        unchanged ones the caller chose not to re-send. New points are upserted first and stale points deleted
        after, so a document is never missing from search while it is replaced. Ids are deterministic, so a
        retried call changes nothing.
        """
        ids = [point_id(c) for c in chunk_ids]
        for start in range(0, len(ids), UPSERT_BATCH):
            points = [
                models.PointStruct(id=pid, vector=vector.tolist(), payload=payload)
                for pid, vector, payload in zip(
                    ids[start:start + UPSERT_BATCH], vectors[start:start + UPSERT_BATCH],
                    payloads[start:start + UPSERT_BATCH], strict=True)
            ]
            _retry("upsert", lambda points=points: self.client.upsert(name, points=points, wait=True))
        keep = {point_id(c) for c in (chunk_ids if keep_chunk_ids is None else keep_chunk_ids)}
        stale_ids = [pid for pid in self.existing(name, doc_ids) if pid not in keep]
        for id_batch in _batches(stale_ids, 1024):
            _retry("delete", lambda b=id_batch: self.client.delete(
                name, points_selector=models.PointIdsList(points=b), wait=True))
        return {"points_upserted": len(ids), "points_deleted": len(stale_ids)}

    def _scroll(self, name: str, flt: models.Filter, fields: list[str] | bool = False) -> Iterator[models.Record]:
        offset = None
        while True:
            records, offset = self.client.scroll(name, scroll_filter=flt, limit=1024, offset=offset,
                                                 with_payload=fields, with_vectors=False)
            yield from records
            if offset is None:
                return

    def centroid(self, name: str, sample: int = 2000) -> np.ndarray | None:
        """Mean of up to ``sample`` stored vectors (unit length), or None for a missing or empty collection."""
        if not self.client.collection_exists(name):
            return None
        records, _ = _retry("read vectors", lambda: self.client.scroll(name, limit=sample, with_vectors=True,
                                                                         with_payload=False))
        if not records:
            return None
        mean = np.mean([np.asarray(r.vector, dtype=np.float32) for r in records], axis=0)
        return mean / (np.linalg.norm(mean) or 1.0)

    def search(self, name: str, vector: np.ndarray, limit: int = 5, where: dict[str, list[str]] | None = None
               ) -> list[Hit]:
        """The ``limit`` nearest chunks to ``vector`` among points whose payload field matches any of the listed
        values for every field in ``where`` (e.g. ``{"source_id": ["wiki"], "allowed_groups": ["*", "hr"]}``)."""
        flt = models.Filter(must=[models.FieldCondition(key=k, match=models.MatchAny(any=list(v)))
                                  for k, v in (where or {}).items()]) if where else None
        response = _retry("query", lambda: self.client.query_points(name, query=vector.tolist(), limit=limit,
                                                                   query_filter=flt, with_payload=True))
        return [Hit(score=float(p.score), payload=dict(p.payload or {})) for p in response.points]


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@contextmanager
def open_index(settings: Settings) -> Iterator[VectorIndex]:
    """Open the index for the duration of a block (releases the embedded store's lock at the end)."""
    index = VectorIndex(settings)
    try:
        yield index
    finally:
        index.close()
