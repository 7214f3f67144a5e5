"""Embedding cache in the lake: a chunk whose text, model, revision and backend are unchanged is never
embedded again (re-chunking, edited documents, a rebuilt collection)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
from pyiceberg.expressions import In

from llmdata.ids import embedding_key
from llmdata.index.embedder import Embedder
from llmdata.lake import Lake
from llmdata.schemas import EMBEDDINGS, META_EMBEDDINGS


def cache_key(embedder: Embedder, text: str) -> str:
    """The cache key of ``text`` under ``embedder``'s model, revision and backend."""
    model = embedder.describe()
    return embedding_key(str(model["model"]), str(model["revision"]), str(model["backend"]), text)


def cached_encode(lake: Lake, embedder: Embedder, texts: list[str], run_id: str, writer: str,
                  progress: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, int]:
    """Vectors of ``texts`` (cached ones read, the rest embedded and stored); and how many were embedded."""
    keys = [cache_key(embedder, t) for t in texts]
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(keys), 5000):
        rows = lake.read(META_EMBEDDINGS, row_filter=In("key", keys[start:start + 5000]), columns=["key", "vector"])
        found |= {k: np.frombuffer(v, dtype="<f4") for k, v in zip(rows["key"].to_pylist(),
                                                                   rows["vector"].to_pylist(), strict=True)}
    missing = sorted({i for i, k in enumerate(keys) if k not in found}, key=lambda i: keys[i])
    unique = list(dict.fromkeys(keys[i] for i in missing))
    first = {keys[i]: i for i in reversed(missing)}
    if unique:
        vectors = embedder.encode([texts[first[k]] for k in unique], progress)
        model = embedder.describe()
        lake.upsert(META_EMBEDDINGS, pa.Table.from_pylist([
            {"key": k, "vector": v.astype("<f4").tobytes(), "model": model["model"], "backend": model["backend"],
             "run_id": run_id} for k, v in zip(unique, vectors, strict=True)], schema=EMBEDDINGS),
            run_id=run_id, writer=writer)
        found |= dict(zip(unique, vectors, strict=True))
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    for i, key in enumerate(keys):
        out[i] = found[key]
    return out, len(unique)
