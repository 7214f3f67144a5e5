"""Open the vector index the settings name: a Qdrant server (``LLMDATA_QDRANT_URL``) or the embedded index
(Qdrant Edge shards under ``LLMDATA_QDRANT_PATH``, served by the index service so many processes share it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from llmdata.config import Settings
from llmdata.index.store import PAYLOAD_INDEXES, Hit, VectorIndex, VectorIndexError

__all__ = ["PAYLOAD_INDEXES", "Hit", "VectorIndex", "VectorIndexError", "connect_index", "open_index",
           "shared_index"]
_shared: dict[str, VectorIndex] = {}
_shared_lock = threading.Lock()


def connect_index(settings: Settings) -> VectorIndex:
    """A new connection to the index; close it when done (or use :func:`open_index`)."""
    if settings.qdrant_url:
        from llmdata.index.server import ServerIndex

        return ServerIndex(settings.qdrant_url, settings.qdrant_api_key, options=settings.qdrant_options)
    from llmdata.index.service import EmbeddedIndex

    return EmbeddedIndex(settings.qdrant_folder)


@contextmanager
def open_index(settings: Settings) -> Iterator[VectorIndex]:
    """The index for the duration of a block."""
    index = connect_index(settings)
    try:
        yield index
    finally:
        index.close()


def shared_index(settings: Settings) -> VectorIndex:
    """One long-lived connection per index per process (applications' queries: no connect per call)."""
    key = settings.qdrant_url or str(settings.qdrant_folder)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = connect_index(settings)
        return _shared[key]
