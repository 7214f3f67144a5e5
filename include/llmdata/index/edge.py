"""The embedded index engine: collections as Qdrant Edge shards (HNSW, payload indexes) in one folder.

Only one process may open a shard, so this engine runs inside the index service (:mod:`llmdata.index.service`),
which every task, the CLI and ``retrieve()`` talk to. Edge's ``optimize()`` (the HNSW build) holds the GIL for
its whole run — a minute at 100k points — so it never runs here: a child process builds the index on a copy of
the shard while this one keeps answering and writing, then the copy replays the writes made meanwhile and takes
over (:meth:`Collection.build`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import qdrant_edge as q

from llmdata.ids import point_id
from llmdata.index.store import (
    DENSE,
    DENSE_VECTORS,
    LEGACY_VECTOR,
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

log = logging.getLogger(__name__)
UPSERT_BATCH = 512
# Unindexed points above which a background HNSW build starts: brute force over 10k 384-d points is ≈ 7 ms.
BUILD_THRESHOLD = int(os.environ.get("LLMDATA_INDEX_BUILD_THRESHOLD", "10000"))
# A build waits for a pause in the writes (they come in bursts, one per shard task): on two cores a build that
# competes with a stream of upserts halves it. Past BURST_LIMIT x the threshold it starts anyway, so brute force
# over unindexed points stays bounded.
QUIET_SECONDS = 1.0
BURST_LIMIT = 10


LAYOUT = "named-1"  # collection.json's "layout": named dense vectors + BM25; absent in older collections


def _config(dimension: int, named: bool = True) -> q.EdgeConfig:
    # Builds run only when this engine decides (BUILD_THRESHOLD), and then index every segment however small.
    dense = DENSE_VECTORS if named else (LEGACY_VECTOR,)
    return q.EdgeConfig(
        vectors={name: q.EdgeVectorParams(size=dimension, distance=q.Distance.Cosine) for name in dense},
        sparse_vectors={SPARSE: q.EdgeSparseVectorParams(modifier=q.Modifier.Idf)} if named else None,
        optimizers=q.EdgeOptimizersConfig(indexing_threshold=1))


def _edge_vectors(vectors: dict[str, Any], named: bool) -> dict[str, Any]:
    """A point's vectors as Edge takes them: sparse ones as ``SparseVector``; a legacy collection keeps its one
    unnamed dense vector."""
    if not named:
        return {LEGACY_VECTOR: vectors[DENSE]}
    return {name: q.SparseVector(*value) if isinstance(value, tuple) else value for name, value in vectors.items()}


def _create(path: Path, dimension: int, named: bool = True) -> q.EdgeShard:
    shard = q.EdgeShard.create(str(path), _config(dimension, named))
    for key in PAYLOAD_INDEXES:
        shard.update(q.UpdateOperation.create_field_index(key, q.PayloadSchemaType.Keyword))
    return shard


def _rewrite(source: q.EdgeShard, target: Path, dimension: int, named: bool) -> None:
    """A new shard at ``target`` holding ``source``'s live points and nothing else: deleted points stay behind
    in segments and in the write-ahead log until then."""
    shard = _create(target, dimension, named)
    records = paginate(lambda offset: source.scroll(q.ScrollRequest(offset=offset, limit=1024, with_payload=True,
                                                                    with_vector=True)))
    batch: list[q.Point] = []
    for record in records:
        vector = record.vector if isinstance(record.vector, dict) else {LEGACY_VECTOR: record.vector}
        batch.append(q.Point(record.id, vector, record.payload or {}))
        if len(batch) == 1024:
            shard.update(q.UpdateOperation.upsert_points(batch))
            batch = []
    if batch:
        shard.update(q.UpdateOperation.upsert_points(batch))
    shard.flush()
    shard.close()


def _write_json(path: Path, value: Any) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(value, indent=1))
    os.replace(tmp, path)  # readers see the old file or the new one, never half of one


def _filter(where: dict[str, list[str]] | None) -> q.Filter | None:
    if not where:
        return None
    return q.Filter(must=[q.FieldCondition(key=k, match=q.MatchAny(any=list(v))) for k, v in where.items()])


@dataclass
class _Generation:
    """One on-disk version of a collection's shard and the reads in flight on it."""

    shard: q.EdgeShard
    path: Path
    readers: int = 0


@dataclass
class Collection:
    """A collection: its current shard generation, a write lock, and the writes to replay after a build."""

    name: str
    folder: Path
    dimension: int
    current: _Generation
    named: bool = True  # False: a collection from before named vectors (one unnamed dense vector)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    readers_done: threading.Condition = field(default_factory=threading.Condition)
    pending: list[tuple[str, Any]] | None = None  # set while a build runs
    building: threading.Thread | None = None
    unindexed_after_build: int = 0  # what a build could not index (e.g. writes replayed after it)
    last_write: float = 0.0

    # ------------------------------------------------------------------ reads
    def read(self) -> _ReadLease:
        return _ReadLease(self)

    # ------------------------------------------------------------------ writes
    def apply(self, kind: str, arg: Any) -> None:
        """Apply one write (``upsert``: points; ``delete``: point ids) and remember it if a build is running."""
        with self.write_lock:
            _apply(self.current.shard, kind, arg, self.named)
            self.last_write = time.monotonic()
            if self.pending is not None:
                self.pending.append((kind, arg))

    def unindexed(self) -> int:
        info = self.current.shard.info()
        return max(0, info.points_count - info.indexed_vectors_count)

    def build_due(self, limit: int = 1) -> bool:
        return self.building is None and self.unindexed() - self.unindexed_after_build >= BUILD_THRESHOLD * limit

    def build(self, rewrite: bool = False, wait: bool = False) -> bool:
        """Build the HNSW index on a copy in a child process, then swap it in (with ``rewrite`` the copy holds
        the live points only, so deleted ones leave the disk). Returns False when a build is already running."""
        with self.write_lock:
            if self.building is not None:
                return False
            self.current.shard.flush()
            target = self.folder / f"v{time.time_ns()}"
            if rewrite:
                _rewrite(self.current.shard, target, self.dimension, self.named)
            else:
                shutil.copytree(self.current.path, target)
            self.pending = []
            self.building = threading.Thread(target=self._build, args=(target,), daemon=False,
                                             name=f"build-{self.name}")
            self.building.start()
        if wait:
            self.building.join()
        return True

    def _build(self, target: Path) -> None:
        started = time.monotonic()
        child = subprocess.run([sys.executable, "-m", "llmdata.index.edge", str(target)], capture_output=True,
                               text=True)
        try:
            if child.returncode != 0:
                raise VectorIndexError(f"index build of {self.name!r} failed: {child.stderr.strip()[-2000:]}")
            shard = q.EdgeShard.load(str(target))
            with self.write_lock:
                for kind, arg in self.pending or []:
                    _apply(shard, kind, arg, self.named)
                shard.flush()
                old, self.current = self.current, _Generation(shard, target)
                self.pending = None
                self.unindexed_after_build = self.unindexed()
                _write_json(self.folder / "collection.json", {"dimension": self.dimension, "current": target.name}
                            | ({"layout": LAYOUT} if self.named else {}))
            self._retire(old)
            log.info("collection %s: index built in %.1fs", self.name, time.monotonic() - started)
        except Exception:
            log.exception("collection %s: index build failed; the current shard stays", self.name)
            with self.write_lock:
                self.pending = None
            shutil.rmtree(target, ignore_errors=True)
        finally:
            self.building = None

    def _retire(self, old: _Generation) -> None:
        with self.readers_done:
            self.readers_done.wait_for(lambda: old.readers == 0)
        old.shard.close()
        shutil.rmtree(old.path, ignore_errors=True)

    def close(self) -> None:
        if self.building is not None:
            self.building.join()
        self.current.shard.flush()
        self.current.shard.close()


class _ReadLease:
    """Pins the current generation for one read, so a build that finishes meanwhile does not close it."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def __enter__(self) -> q.EdgeShard:
        with self.collection.readers_done:
            self.generation = self.collection.current
            self.generation.readers += 1
        return self.generation.shard

    def __exit__(self, *exc: object) -> None:
        with self.collection.readers_done:
            self.generation.readers -= 1
            self.collection.readers_done.notify_all()


def _apply(shard: q.EdgeShard, kind: str, arg: Any, named: bool) -> None:
    if kind == "upsert":  # arg: (point id, {vector name: vector} or the dense vector alone, payload)
        shard.update(q.UpdateOperation.upsert_points(
            [q.Point(pid, _edge_vectors(vectors if isinstance(vectors, dict) else {DENSE: vectors}, named), payload)
             for pid, vectors, payload in arg]))
    elif kind == "delete":
        shard.update(q.UpdateOperation.delete_points(list(arg)))
    else:
        raise ValueError(kind)


class EdgeEngine:
    """Collections and aliases in ``root`` (``collections/<name>/v<N>/`` shards, ``aliases.json``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "collections").mkdir(parents=True, exist_ok=True)
        self.collections: dict[str, Collection] = {}
        self.lock = threading.Lock()  # guards the collection table and the aliases
        aliases = root / "aliases.json"
        # This process is the only writer: aliases are read once and written through, not read per search.
        self.aliases: dict[str, str] = json.loads(aliases.read_text()) if aliases.exists() else {}
        for folder in sorted((root / "collections").iterdir()):
            if (folder / "collection.json").exists():
                self._load(folder)

    def _load(self, folder: Path) -> Collection:
        meta = json.loads((folder / "collection.json").read_text())
        path = folder / meta["current"]
        for stale in folder.glob("v*"):  # a build interrupted by a crash leaves its copy behind
            if stale != path:
                shutil.rmtree(stale, ignore_errors=True)
        collection = Collection(folder.name, folder, int(meta["dimension"]),
                                _Generation(q.EdgeShard.load(str(path)), path), named=meta.get("layout") == LAYOUT)
        self.collections[folder.name] = collection
        return collection

    def _find(self, name: str) -> Collection | None:
        """The collection ``name`` (or the alias ``name``) points to, if it exists."""
        return self.collections.get(self.aliases.get(name, name))

    def _get(self, name: str) -> Collection:
        found = self._find(name)
        if found is None:
            raise VectorIndexError(f"no collection {self.aliases.get(name, name)!r} in the embedded index at "
                                   f"{self.root}; run the rag_index DAG to build it")
        return found

    def close(self) -> None:
        for collection in self.collections.values():
            collection.close()

    def building(self) -> bool:
        return any(c.building is not None for c in self.collections.values())

    # -------------------------------------------------------------- collections
    def ensure_collection(self, name: str, dimension: int) -> None:
        with self.lock:
            if name in self.collections:
                if self.collections[name].dimension != dimension:
                    raise VectorIndexError(
                        f"collection {name!r} holds {self.collections[name].dimension}-d vectors but the model "
                        f"makes {dimension}-d ones; set LLMDATA_COLLECTION to a new name to reindex")
                return
            folder = self.root / "collections" / name
            path = folder / f"v{time.time_ns()}"
            shard = _create(path, dimension)
            shard.flush()
            _write_json(folder / "collection.json", {"dimension": dimension, "current": path.name, "layout": LAYOUT})
            self.collections[name] = Collection(name, folder, dimension, _Generation(shard, path))

    def exists(self, name: str) -> bool:
        return name in self.collections

    def names(self) -> list[str]:
        return sorted(self.collections)

    def delete_collection(self, name: str) -> None:
        with self.lock:
            collection = self.collections.pop(name, None)
            if collection is None:
                return
            self.aliases = {a: c for a, c in self.aliases.items() if c != name}
            _write_json(self.root / "aliases.json", self.aliases)
        collection.close()
        shutil.rmtree(collection.folder, ignore_errors=True)

    def count(self, name: str) -> int:
        collection = self._find(name)
        if collection is None:
            return 0
        with collection.read() as shard:
            return shard.count(q.CountRequest(exact=True))

    # -------------------------------------------------------------- aliases
    def alias_target(self, alias: str) -> str | None:
        return self.aliases.get(alias)

    def swap_alias(self, alias: str, collection: str) -> str | None:
        with self.lock:
            previous = self.aliases.get(alias)
            self.aliases = {**self.aliases, alias: collection}
            _write_json(self.root / "aliases.json", self.aliases)
        return previous

    # -------------------------------------------------------------- points
    def existing(self, name: str, doc_ids: Sequence[str]) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        if not doc_ids or self._find(name) is None:
            return found
        for start in range(0, len(doc_ids), 512):
            for record in self.scroll(name, {"doc_id": list(doc_ids[start:start + 512])}, ["payload_sha"]):
                found[str(record.id)] = (record.payload or {}).get("payload_sha")
        return found

    def scroll(self, name: str, where: dict[str, list[str]] | None = None, fields: list[str] | bool = True,
               vectors: bool = False, limit: int | None = None) -> Iterator[q.Record]:
        """Every point matching ``where`` (up to ``limit``), in id order."""
        collection = self._get(name)
        selector = q.PayloadSelector.Include(fields) if isinstance(fields, list) else fields

        def page(offset: Any) -> tuple[list[q.Record], Any]:
            with collection.read() as shard:
                return shard.scroll(q.ScrollRequest(offset=offset, limit=1024, filter=_filter(where),
                                                    with_payload=selector, with_vector=vectors))

        return paginate(page, limit)

    def points(self, name: str, limit: int | None = None) -> list[tuple[str, dict[str, Any]]]:
        return [(str(r.id), dict(r.payload or {})) for r in self.scroll(name, limit=limit)]

    def sync_documents(self, name: str, chunk_ids: Sequence[str], vectors: PointVectors,
                       payloads: Sequence[dict[str, Any]], doc_ids: Sequence[str],
                       keep_chunk_ids: Sequence[str] | None = None) -> dict[str, int]:
        collection = self._get(name)
        ids = [point_id(c) for c in chunk_ids]
        named = named_vectors(vectors)
        for start in range(0, len(ids), UPSERT_BATCH):
            end = min(start + UPSERT_BATCH, len(ids))
            collection.apply("upsert", [(ids[i], point_vectors(named, i), payloads[i]) for i in range(start, end)])
        keep = {point_id(c) for c in (chunk_ids if keep_chunk_ids is None else keep_chunk_ids)}
        stale = [pid for pid in self.existing(name, doc_ids) if pid not in keep]
        _delete(collection, stale)
        self._maybe_build(collection)
        return {"points_upserted": len(ids), "points_deleted": len(stale)}

    def delete_documents(self, name: str, doc_ids: Sequence[str]) -> int:
        collection = self._get(name)
        ids = list(self.existing(name, doc_ids))
        _delete(collection, ids)
        return len(ids)

    def compact(self, name: str) -> None:
        """Rewrite the collection without its deleted points (erasure: their payloads leave the disk)."""
        collection = self._get(name)
        while not collection.build(rewrite=True, wait=True):
            time.sleep(0.2)  # a build that started before the deletes may still hold them: run another after it

    def _maybe_build(self, collection: Collection) -> None:
        if collection.build_due(BURST_LIMIT):
            collection.build()

    def build_when_quiet(self) -> None:
        """Start the builds that are due on collections no one has written to for ``QUIET_SECONDS`` (the
        service calls this every second)."""
        for collection in list(self.collections.values()):
            if time.monotonic() - collection.last_write >= QUIET_SECONDS and collection.build_due():
                collection.build()

    def wait_built(self, name: str) -> None:
        """Block until no build of ``name`` is running and none is due (benchmarks, tests)."""
        collection = self._get(name)
        while True:
            thread = collection.building
            if thread is not None:
                thread.join()
            elif collection.build_due():
                collection.build(wait=True)
            else:
                return

    def centroid(self, name: str, sample: int = 2000) -> np.ndarray | None:
        if self._find(name) is None:
            return None
        vectors = [np.asarray(_vector(r), dtype=np.float32) for r in self.scroll(name, None, False, True, sample)]
        if not vectors:
            return None
        mean = np.mean(vectors, axis=0)
        return mean / (np.linalg.norm(mean) or 1.0)

    def search(self, name: str, vector: np.ndarray, limit: int = 5, where: dict[str, list[str]] | None = None
               ) -> list[Hit]:
        return self.query(name, [Probe(DENSE, np.asarray(vector).tolist(), limit)], limit, where)

    def query(self, name: str, probes: Sequence[Probe], limit: int = 5,
              where: dict[str, list[str]] | None = None, fusion: Fusion = "rrf", rrf_k: int = 60) -> list[Hit]:
        collection = self._get(name)
        if not collection.named:  # written before named vectors: its one dense vector answers dense probes
            probes = [Probe(LEGACY_VECTOR, p.vector, p.limit, p.weight) for p in probes if p.using == DENSE]
        if not probes:
            return []
        flt = _filter(where)

        def nearest(probe: Probe) -> q.Query:
            vector = q.SparseVector(*probe.vector) if isinstance(probe.vector, tuple) else list(probe.vector)
            return q.Query.Nearest(vector, using=probe.using)

        if len(probes) == 1:
            request = q.QueryRequest(query=nearest(probes[0]), limit=limit, filter=flt, with_payload=True)
        else:
            fused = (q.Fusion.Rrf(k=rrf_k, weights=[p.weight for p in probes]) if fusion == "rrf"
                     else q.Fusion.Dbsf())
            request = q.QueryRequest(prefetches=[q.Prefetch(p.limit, query=nearest(p), filter=flt) for p in probes],
                                     query=fused, limit=limit, filter=flt, with_payload=True)
        with collection.read() as shard:
            points = shard.query(request)
        return [Hit(score=float(p.score), payload=dict(p.payload or {})) for p in points]


def _delete(collection: Collection, ids: list[str]) -> None:
    for start in range(0, len(ids), 1024):
        collection.apply("delete", ids[start:start + 1024])


def _vector(record: q.Record) -> list[float]:
    """A point's dense vector (the unnamed one in a legacy collection)."""
    vector = record.vector
    if not isinstance(vector, dict):
        return vector
    return vector[DENSE] if DENSE in vector else vector[LEGACY_VECTOR]


def _build_main(path: str) -> None:
    """Child process: load the copy, build its index, flush."""
    shard = q.EdgeShard.load(path)
    shard.optimize()
    shard.flush()
    shard.close()


if __name__ == "__main__":
    _build_main(sys.argv[1])
