"""Versioned collections behind an alias: a model or chunker change builds a new collection and swaps the alias
only after it is complete and verified, so search never sees a half-built index; the old one stays for rollback.

Applications and ``llmdata search`` use the alias (``LLMDATA_COLLECTION``); writes go to the physical collection
named after the fingerprint of what produced its vectors.
"""

from __future__ import annotations

import hashlib

from llmdata.config import Settings
from llmdata.index import sparse
from llmdata.index.model import resolve_model
from llmdata.index.store import DENSE_VECTORS, SPARSE
from llmdata.index.texts import CONTEXT_VERSION
from llmdata.transforms.chunk import ChunkParams


def chunk_params(settings: Settings) -> ChunkParams:
    """The chunking parameters the settings ask for."""
    return ChunkParams(max_tokens=settings.chunk_tokens, overlap=settings.chunk_overlap)


def index_layout(settings: Settings) -> str:
    """The collection's named vectors, the BM25 analyser and what the vectors are computed from."""
    context = CONTEXT_VERSION if settings.chunk_context else "plain"
    return f"{'+'.join(DENSE_VECTORS)}+{SPARSE}:{sparse.VERSION}:{context}"


def fingerprint(settings: Settings) -> str:
    """Short hash of the model (id and revision), the chunker version and the index layout: what makes vectors
    comparable."""
    model = resolve_model(settings.embedding_model)
    raw = f"{model.model_id}\x1f{model.revision}\x1f{chunk_params(settings).version}\x1f{index_layout(settings)}"
    return hashlib.sha256(raw.encode()).hexdigest()[:10]


def physical_collection(settings: Settings) -> str:
    """The collection this configuration writes to: ``<alias>__<fingerprint>``."""
    return f"{settings.collection}__{fingerprint(settings)}"
