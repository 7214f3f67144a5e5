"""Retrieval for applications: semantic search with provenance filters and access control.

Every point carries its source's sensitivity and ``allowed_groups`` (from the source registry; ``*`` means every
caller). :func:`retrieve` takes the caller's groups and filters inside Qdrant, so a chunk the caller may not see
is never returned — not even as a lower-ranked hit.
"""

from __future__ import annotations

from collections.abc import Sequence

from llmdata.config import Settings
from llmdata.index.embedder import settings_embedder
from llmdata.index.qdrant import Hit, shared_index

EVERYONE = "*"


def retrieve(query: str, settings: Settings, groups: Sequence[str] = (), k: int = 5,
             source: str | None = None, licence: str | None = None) -> list[Hit]:
    """The ``k`` chunks nearest to ``query`` that a member of ``groups`` may see (optionally one source or
    licence), best first."""
    where = {"allowed_groups": [EVERYONE, *groups]}
    if source:
        where["source_id"] = [source]
    if licence:
        where["licence"] = [licence]
    vector = settings_embedder(settings).encode([query])[0]
    return shared_index(settings).search(settings.collection, vector, k, where)
