"""Sentence embeddings with sentence-transformers, offline."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import numpy as np

from llmdata.index.model import ModelRef, resolve_model

log = logging.getLogger(__name__)
BACKEND = "torch"


class Embedder:
    """Encodes texts into L2-normalised vectors with one model."""

    def __init__(self, model_name: str = "", batch_size: int = 64) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # one bar per task log line is noise in Airflow logs

        self.ref: ModelRef = resolve_model(model_name)
        self.batch_size = batch_size
        self.model = SentenceTransformer(self.ref.path, device="cpu", local_files_only=True)
        get_dimension = getattr(self.model, "get_embedding_dimension", None) or \
            self.model.get_sentence_embedding_dimension
        self.dimension = int(get_dimension())
        self.max_seq_length = int(self.model.max_seq_length)

    def encode(self, texts: list[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Vectors for ``texts`` (rows L2-normalised), calling ``progress(done, total)`` after each batch."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start:start + self.batch_size]
            parts.append(self.model.encode(batch, batch_size=self.batch_size, normalize_embeddings=True,
                                           convert_to_numpy=True, show_progress_bar=False))
            if progress:
                progress(min(start + self.batch_size, len(texts)), len(texts))
        return np.vstack(parts).astype(np.float32)

    def describe(self) -> dict[str, object]:
        """Model identity for lineage and payloads."""
        return {"model": self.ref.model_id, "revision": self.ref.revision, "backend": BACKEND,
                "dimension": self.dimension}


@functools.cache
def get_embedder(model_name: str = "", batch_size: int = 64) -> Embedder:
    """One embedder per process and model (loading the weights takes seconds)."""
    import torch

    torch.set_num_threads(max(1, torch.get_num_threads()))
    return Embedder(model_name, batch_size)
