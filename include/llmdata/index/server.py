"""The index on a Qdrant server, through qdrant-client (the stack's path; the same calls work on Qdrant Cloud)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
from qdrant_client import QdrantClient, models

from llmdata.ids import point_id
from llmdata.index.store import (
    DENSE,
    DENSE_VECTORS,
    PAYLOAD_INDEXES,
    SPARSE,
    Fusion,
    Hit,
    PointVectors,
    Probe,
    VectorIndexError,
    named_vectors,
    paginate,
    point_vectors,
)
from llmdata.retrying import TRANSIENT_NETWORK, is_transient_network, retrying

log = logging.getLogger(__name__)
UPSERT_BATCH = 256
ATTEMPTS = 4


def _retry(what: str, call: Callable[[], Any]) -> Any:
    """``call`` under the transient-network policy: a refused or dropped connection or a 5xx is retried; a 4xx
    (a wrong collection, a bad request) or a bug in our code is raised at once."""
    try:
        for attempt in retrying(f"Qdrant {what}", ATTEMPTS, TRANSIENT_NETWORK):
            with attempt:
                return call()
    except Exception as error:
        if is_transient_network(error):
            raise VectorIndexError(f"Qdrant {what} failed after {ATTEMPTS} attempts: {error}") from error
        raise
    raise AssertionError("unreachable")


def client_arguments(url: str, api_key: str = "", options: dict[str, Any] | None = None) -> dict[str, Any]:
    """qdrant-client arguments for a server: ``options`` from the Airflow connection (QdrantHook: host/port or
    url, prefix, gRPC, https) replace ``url``; the API key either way."""
    return {**(options or {"url": url}), "api_key": api_key or None}


def _filter(where: dict[str, list[str]] | None) -> models.Filter | None:
    if not where:
        return None
    return models.Filter(must=[models.FieldCondition(key=k, match=models.MatchAny(any=list(v)))
                               for k, v in where.items()])


class ServerIndex:
    """Collections on a Qdrant server (URL + API key)."""

    def __init__(self, url: str, api_key: str = "", client: QdrantClient | None = None,
                 options: dict[str, Any] | None = None) -> None:
        # ``client``: an already configured qdrant-client (tests pass its in-memory mode, which speaks the same
        # API as a server: no server binary runs here). ``options``: qdrant-client arguments from the Airflow
        # connection (QdrantHook: host/port or url, prefix, gRPC, https), which replace ``url``.
        self.client = client or QdrantClient(**client_arguments(url, api_key, options), timeout=30)
        self.location = url
        self._layouts: dict[str, bool] = {}

    def close(self) -> None:
        self.client.close()

    # -------------------------------------------------------------- collections
    def _named(self, name: str) -> bool:
        """Whether ``name`` has named vectors (False: one unnamed dense vector, written before hybrid search)."""
        if name not in self._layouts:
            vectors = _retry("get collection", lambda: self.client.get_collection(name)).config.params.vectors
            self._layouts[name] = isinstance(vectors, dict)
        return self._layouts[name]

    def ensure_collection(self, name: str, dimension: int) -> None:
        if _retry("collection_exists", lambda: self.client.collection_exists(name)):
            vectors = self.client.get_collection(name).config.params.vectors
            size = (vectors[DENSE] if isinstance(vectors, dict) else vectors).size  # type: ignore[union-attr,index]
            if size != dimension:
                raise VectorIndexError(
                    f"collection {name!r} holds {size}-d vectors but the model makes {dimension}-d ones; "
                    "set LLMDATA_COLLECTION to a new name to reindex with the new model")
            return
        _retry("create_collection", lambda: self.client.create_collection(
            name, vectors_config={v: models.VectorParams(size=dimension, distance=models.Distance.COSINE)
                                  for v in DENSE_VECTORS},
            sparse_vectors_config={SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)}))
        for key in PAYLOAD_INDEXES:
            self.client.create_payload_index(name, key, models.PayloadSchemaType.KEYWORD, wait=True)

    def exists(self, name: str) -> bool:
        return bool(_retry("collection check", lambda: self.client.collection_exists(name)))

    def names(self) -> list[str]:
        return sorted(c.name for c in _retry("list collections", self.client.get_collections).collections)

    def delete_collection(self, name: str) -> None:
        self._layouts.pop(name, None)
        _retry("delete collection", lambda: self.client.delete_collection(name))

    def count(self, name: str) -> int:
        name = self.alias_target(name) or name
        if not self.exists(name):
            return 0
        return self.client.count(name, exact=True).count

    # -------------------------------------------------------------- aliases
    def alias_target(self, alias: str) -> str | None:
        response = _retry("get aliases", self.client.get_aliases)
        return next((a.collection_name for a in response.aliases if a.alias_name == alias), None)

    def swap_alias(self, alias: str, collection: str) -> str | None:
        previous = self.alias_target(alias)
        if previous is None and self.exists(alias):
            # A collection carrying the alias's own name predates aliases; its replacement is verified by now.
            log.warning("replacing the pre-alias collection %r by alias -> %r", alias, collection)
            self.delete_collection(alias)
        operations: list[Any] = []
        if previous:
            operations.append(models.DeleteAliasOperation(delete_alias=models.DeleteAlias(alias_name=alias)))
        operations.append(models.CreateAliasOperation(
            create_alias=models.CreateAlias(collection_name=collection, alias_name=alias)))
        _retry("swap alias", lambda: self.client.update_collection_aliases(change_aliases_operations=operations))
        return previous

    # -------------------------------------------------------------- points
    def _scroll(self, name: str, flt: models.Filter | None, fields: list[str] | bool = False,
                limit: int | None = None) -> Iterator[models.Record]:
        return paginate(lambda offset: _retry("scroll", lambda: self.client.scroll(
            name, scroll_filter=flt, limit=1024, offset=offset, with_payload=fields, with_vectors=False)), limit)

    def existing(self, name: str, doc_ids: Sequence[str]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        if not doc_ids or not self.exists(name):
            return found
        for start in range(0, len(doc_ids), 512):
            flt = _filter({"doc_id": list(doc_ids[start:start + 512])})
            for record in self._scroll(name, flt, ["payload_sha"]):
                found[str(record.id)] = (record.payload or {}).get("payload_sha")
        return found

    def points(self, name: str, limit: int | None = None) -> list[tuple[str, dict[str, Any]]]:
        return [(str(r.id), dict(r.payload or {})) for r in self._scroll(name, None, True, limit)]

    def sync_documents(self, name: str, chunk_ids: Sequence[str], vectors: PointVectors,
                       payloads: Sequence[dict[str, Any]], doc_ids: Sequence[str],
                       keep_chunk_ids: Sequence[str] | None = None) -> dict[str, int]:
        ids = [point_id(c) for c in chunk_ids]
        named, layout = named_vectors(vectors), self._named(name) if ids else True
        for start in range(0, len(ids), UPSERT_BATCH):
            end = min(start + UPSERT_BATCH, len(ids))
            points = [models.PointStruct(id=ids[i], vector=_client_vectors(point_vectors(named, i), layout),
                                         payload=payloads[i]) for i in range(start, end)]
            _retry("upsert", lambda points=points: self.client.upsert(name, points=points, wait=True))
        keep = {point_id(c) for c in (chunk_ids if keep_chunk_ids is None else keep_chunk_ids)}
        stale = [pid for pid in self.existing(name, doc_ids) if pid not in keep]
        self._delete(name, stale)
        return {"points_upserted": len(ids), "points_deleted": len(stale)}

    def _delete(self, name: str, ids: list[str]) -> None:
        for start in range(0, len(ids), 1024):
            batch = ids[start:start + 1024]
            _retry("delete", lambda b=batch: self.client.delete(
                name, points_selector=models.PointIdsList(points=b), wait=True))

    def delete_documents(self, name: str, doc_ids: Sequence[str]) -> int:
        ids = list(self.existing(name, doc_ids))
        self._delete(name, ids)
        return len(ids)

    def compact(self, name: str) -> None:
        """The server's vacuum optimizer rewrites segments with deleted points on its own schedule."""

    def wait_built(self, name: str) -> None:
        """The server builds its HNSW index in the background by itself."""

    def centroid(self, name: str, sample: int = 2000) -> np.ndarray | None:
        if not self.exists(name):
            return None
        named = self._named(name)
        records, _ = _retry("read vectors", lambda: self.client.scroll(
            name, limit=sample, with_vectors=[DENSE] if named else True, with_payload=False))
        if not records:
            return None
        mean = np.mean([np.asarray(r.vector[DENSE] if named else r.vector, dtype=np.float32)  # type: ignore[index]
                        for r in records], axis=0)
        return mean / (np.linalg.norm(mean) or 1.0)

    def search(self, name: str, vector: np.ndarray, limit: int = 5, where: dict[str, list[str]] | None = None
               ) -> list[Hit]:
        return self.query(name, [Probe(DENSE, np.asarray(vector).tolist(), limit)], limit, where)

    def query(self, name: str, probes: Sequence[Probe], limit: int = 5,
              where: dict[str, list[str]] | None = None, fusion: Fusion = "rrf", rrf_k: int = 60) -> list[Hit]:
        name = self.alias_target(name) or name
        named = self._named(name)
        if not named:  # written before named vectors: its one dense vector answers dense probes
            probes = [p for p in probes if p.using == DENSE]
        if not probes:
            return []
        flt = _filter(where)

        def vector(probe: Probe) -> Any:
            return models.SparseVector(indices=probe.vector[0], values=probe.vector[1]) \
                if isinstance(probe.vector, tuple) else list(probe.vector)

        def using(probe: Probe) -> str | None:
            return probe.using if named else None

        if len(probes) == 1:
            call = lambda: self.client.query_points(  # noqa: E731
                name, query=vector(probes[0]), using=using(probes[0]), limit=limit, query_filter=flt,
                with_payload=True)
        else:
            fused = (models.RrfQuery(rrf=models.Rrf(k=rrf_k, weights=[p.weight for p in probes]))
                     if fusion == "rrf" else models.FusionQuery(fusion=models.Fusion.DBSF))
            prefetch = [models.Prefetch(query=vector(p), using=using(p), limit=p.limit, filter=flt) for p in probes]
            call = lambda: self.client.query_points(  # noqa: E731
                name, prefetch=prefetch, query=fused, limit=limit, query_filter=flt, with_payload=True)
        response = _retry("query", call)
        return [Hit(score=float(p.score), payload=dict(p.payload or {})) for p in response.points]


def _client_vectors(vectors: dict[str, Any], named: bool) -> Any:
    """A point's vectors as qdrant-client takes them (sparse ones as ``SparseVector``)."""
    if not named:
        return vectors[DENSE]
    return {k: models.SparseVector(indices=v[0], values=v[1]) if isinstance(v, tuple) else v
            for k, v in vectors.items()}
