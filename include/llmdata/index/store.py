"""What every vector index backend offers: the embedded one (Qdrant Edge behind the index service) and a Qdrant
server (qdrant-client). Operators, the CLI and ``retrieve()`` see only this interface."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import numpy as np

from llmdata.errors import LlmdataError

PAYLOAD_INDEXES = ("doc_id", "source_id", "licence", "lang", "allowed_groups")
# A collection's named vectors: the chunk as embedded (with its title and section path), its title and section
# path alone (a page- and section-level signal), and BM25 term weights (Qdrant applies IDF at query time).
DENSE, HEADING, SPARSE = "dense", "heading", "bm25"
DENSE_VECTORS = (DENSE, HEADING)
# Collections written before named vectors hold one unnamed dense vector; they answer dense probes only.
LEGACY_VECTOR = ""

SparseVector = tuple[list[int], list[float]]
# What sync_documents takes: the dense vectors alone, or {vector name: one row per chunk}.
PointVectors = np.ndarray | Mapping[str, Any]
Fusion = Literal["rrf", "dbsf"]


class VectorIndexError(LlmdataError, RuntimeError):
    """The index is unreachable or refused an operation; the message says which and how to fix it."""


@dataclass(frozen=True)
class Hit:
    """One search result."""

    score: float
    payload: dict[str, Any]


@dataclass(frozen=True)
class Probe:
    """One retriever's query: a vector for the named vector ``using`` and how many candidates it brings."""

    using: str
    vector: list[float] | SparseVector
    limit: int
    weight: float = 1.0


def named_vectors(vectors: PointVectors) -> dict[str, Any]:
    """``vectors`` as {name: rows}: a bare array is the dense vector of each chunk."""
    return {DENSE: vectors} if isinstance(vectors, np.ndarray) else dict(vectors)


def point_vectors(vectors: dict[str, Any], row: int) -> dict[str, Any]:
    """Row ``row`` of every named vector, dense ones as lists and sparse ones as (indices, values)."""
    out = {}
    for name, rows in vectors.items():
        value = rows[row]
        out[name] = value.tolist() if isinstance(value, np.ndarray) else value
    return out


def paginate(fetch: Callable[[Any], tuple[list[Any], Any]], limit: int | None = None) -> Iterator[Any]:
    """Every record of a scroll, page by page: ``fetch(offset)`` returns a page and the next offset (None at the
    end); stops after ``limit`` records."""
    offset, seen = None, 0
    while True:
        records, offset = fetch(offset)
        for record in records:
            yield record
            seen += 1
            if limit is not None and seen >= limit:
                return
        if offset is None:
            return


class VectorIndex(Protocol):
    """A set of collections of chunk vectors (one point per chunk, point id = UUID from chunk_id) and aliases."""

    location: str

    def close(self) -> None:
        """Release the connection."""

    def ensure_collection(self, name: str, dimension: int) -> None:
        """Create ``name`` with payload indexes and the named vectors (``dense`` and ``heading``: cosine,
        ``dimension``; ``bm25``: sparse with the IDF modifier), or check that it matches."""

    def exists(self, name: str) -> bool:
        """Whether the collection ``name`` exists."""

    def names(self) -> list[str]:
        """Every collection's name."""

    def delete_collection(self, name: str) -> None:
        """Drop ``name`` (and aliases pointing to it)."""

    def count(self, name: str) -> int:
        """Points in collection (or alias) ``name``; 0 when it does not exist."""

    def alias_target(self, alias: str) -> str | None:
        """The collection ``alias`` points to, or None."""

    def swap_alias(self, alias: str, collection: str) -> str | None:
        """Point ``alias`` at ``collection`` atomically; returns the previous target (kept for rollback)."""

    def existing(self, name: str, doc_ids: Sequence[str]) -> dict[str, str | None]:
        """{point id: payload_sha} of the points stored for ``doc_ids``."""

    def points(self, name: str, limit: int | None = None) -> list[tuple[str, dict[str, Any]]]:
        """(point id, payload) of every point of ``name`` (up to ``limit``), for inspection and audits."""

    def sync_documents(self, name: str, chunk_ids: Sequence[str], vectors: PointVectors,
                       payloads: Sequence[dict[str, Any]], doc_ids: Sequence[str],
                       keep_chunk_ids: Sequence[str] | None = None) -> dict[str, int]:
        """Upsert the given chunks (``vectors``: {name: one row per chunk}, or the dense rows alone), then delete
        every other point of ``doc_ids``.

        ``keep_chunk_ids`` (default: ``chunk_ids``) are all the chunks the documents now have, including
        unchanged ones the caller chose not to re-send. Upserts come first, so a document is never missing from
        search while it is replaced; ids are deterministic, so a retried call changes nothing.
        """

    def delete_documents(self, name: str, doc_ids: Sequence[str]) -> int:
        """Delete every point of ``doc_ids``; returns how many there were."""

    def compact(self, name: str) -> None:
        """Make deleted points' bytes leave the disk (erasure)."""

    def wait_built(self, name: str) -> None:
        """Block until the collection's vector index is built (no-op where the server builds it)."""

    def centroid(self, name: str, sample: int = 2000) -> np.ndarray | None:
        """Mean of up to ``sample`` stored vectors (unit length), or None for a missing or empty collection."""

    def search(self, name: str, vector: np.ndarray, limit: int = 5, where: dict[str, list[str]] | None = None
               ) -> list[Hit]:
        """The ``limit`` nearest chunks to the dense ``vector`` among points whose payload matches, for every field
        in ``where``, any of its listed values (e.g. ``{"allowed_groups": ["*", "hr"]}``)."""

    def query(self, name: str, probes: Sequence[Probe], limit: int = 5,
              where: dict[str, list[str]] | None = None, fusion: Fusion = "rrf", rrf_k: int = 60) -> list[Hit]:
        """Hybrid search in one Query API call: each probe is a prefetch (filtered by ``where`` inside Qdrant),
        fused by reciprocal rank (``rrf``, with the probes' weights) or distribution-based score fusion
        (``dbsf``); a single probe is a plain nearest-neighbour query on its vector."""
