"""Retrieval for applications: the declared retrieval pipeline with provenance filters and access control.

Every point carries its source's sensitivity and ``allowed_groups`` (from the source registry; ``*`` means every
caller). :func:`retrieve` takes the caller's groups and filters inside Qdrant on every retriever, so a chunk the
caller may not see is never returned — not even as a lower-ranked candidate of one retriever.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from llmdata.config import Settings
from llmdata.index.embedder import settings_embedder
from llmdata.index.pipeline import RetrievalPipeline, load_retrieval_pipeline
from llmdata.index.qdrant import Hit, shared_index

EVERYONE = "*"


@lru_cache(maxsize=8)
def _pipeline(path: Path, mtime_ns: int) -> RetrievalPipeline:
    return load_retrieval_pipeline(path)


def settings_pipeline(settings: Settings) -> RetrievalPipeline:
    """The pipeline of ``LLMDATA_RETRIEVAL_FILE`` (read again when the file changes)."""
    path = settings.retrieval_file
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0  # load_retrieval_pipeline names the problem
    return _pipeline(path, mtime)


def access_filter(groups: Sequence[str], source: str | None = None, licence: str | None = None
                  ) -> dict[str, list[str]]:
    """The payload filter every retriever applies: the caller's groups (and optionally a source or licence)."""
    where = {"allowed_groups": [EVERYONE, *groups]}
    if source:
        where["source_id"] = [source]
    if licence:
        where["licence"] = [licence]
    return where


def retrieve(query: str, settings: Settings, groups: Sequence[str] = (), k: int = 5,
             source: str | None = None, licence: str | None = None,
             pipeline: RetrievalPipeline | None = None) -> list[Hit]:
    """The ``k`` best chunks for ``query`` that a member of ``groups`` may see (optionally one source or
    licence), best first, by ``pipeline`` (default: the settings' ``retrieval.yaml``)."""
    embedder = settings_embedder(settings)
    return (pipeline or settings_pipeline(settings)).run(shared_index(settings), settings.collection, query,
                                                         lambda text: embedder.encode([text])[0], k,
                                                         access_filter(groups, source, licence))
