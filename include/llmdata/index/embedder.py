"""Sentence embeddings, offline: sentence-transformers (torch) or the same model exported to ONNX/OpenVINO."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np

from llmdata.index.model import ModelRef, resolve_model

log = logging.getLogger(__name__)
# The exported backends ``auto`` considers; it takes the fastest on the CPU it runs on (or torch, if faster).
PREFERENCE = ("openvino", "onnx")


class Embedder:
    """Encodes texts into L2-normalised vectors with one model on one backend."""

    def __init__(self, model_name: str = "", batch_size: int = 64, backend: str = "torch",
                 export_root: Path | None = None) -> None:
        self.ref: ModelRef = resolve_model(model_name)
        self.batch_size = batch_size
        self._torch = None
        self.exported = None
        self.backend = "torch"
        if backend != "torch":
            self._choose(backend, export_root or Path("data/models"))
        if self.exported is None:
            self.max_seq_length = int(self._torch_model().max_seq_length)
        self.dimension = int(self.encode(["dimension probe"]).shape[1])

    def _torch_model(self):
        if self._torch is None:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # one bar per task log line is noise in Airflow logs
            self._torch = SentenceTransformer(self.ref.path, device="cpu", local_files_only=True)
        return self._torch

    def _torch_encode(self, texts: list[str]) -> np.ndarray:
        return self._torch_model().encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                          convert_to_numpy=True, show_progress_bar=False)

    def _choose(self, backend: str, export_root: Path) -> None:
        """Use ``backend``, or with ``auto`` the fastest on this CPU among those whose vectors match torch's."""
        from llmdata.index.backends import MIN_COSINE, ExportedModel, fastest, verify

        folder = export_root / f"{self.ref.model_id.replace('/', '--')}@{self.ref.revision}"
        max_seq_length = _max_seq_length(self.ref.path)
        verified: dict[str, ExportedModel] = {}
        for candidate in (PREFERENCE if backend == "auto" else (backend,)):
            try:
                model = ExportedModel(candidate, self.ref.path, folder, max_seq_length)
                cosine = verify(model, self._torch_encode, folder)
            except Exception as error:
                if backend != "auto":
                    raise
                log.warning("embedding backend %s unavailable (%s); trying the next", candidate, error)
                continue
            if cosine >= MIN_COSINE:
                verified[candidate] = model
                log.info("embedding backend %s matches torch (min cosine %.5f on the calibration set)", candidate,
                         cosine)
            else:
                log.warning("embedding backend %s rejected: min cosine to torch %.4f < %s", candidate, cosine,
                            MIN_COSINE)
        if backend != "auto" and not verified:
            raise ValueError(f"embedding backend {backend} does not reproduce torch's vectors; use auto or torch")
        choice = backend
        if backend == "auto":
            if not verified:
                return
            choice = fastest({"torch": self._torch_encode} | {k: m.encode for k, m in verified.items()}, folder)
            if choice == "torch":
                return
        self.exported, self.backend, self.max_seq_length = verified[choice], choice, max_seq_length

    def encode(self, texts: list[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Vectors for ``texts`` (rows L2-normalised), calling ``progress(done, total)`` after each batch."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # Batches of texts of like length: a batch is padded to its longest text, so mixing a document's short
        # last chunk with full ones computes padding. Vectors come back in the order of ``texts``.
        order = np.argsort([len(t) for t in texts], kind="stable")
        parts = []
        for start in range(0, len(texts), self.batch_size):
            batch = [texts[i] for i in order[start:start + self.batch_size]]
            parts.append(self.exported.encode(batch) if self.exported else self._torch_encode(batch))
            if progress:
                progress(min(start + self.batch_size, len(texts)), len(texts))
        found = np.vstack(parts).astype(np.float32)
        vectors = np.empty_like(found)
        vectors[order] = found
        return vectors

    def describe(self) -> dict[str, object]:
        """Model identity for lineage, payloads and the embedding cache key."""
        return {"model": self.ref.model_id, "revision": self.ref.revision, "backend": self.backend,
                "dimension": self.dimension}


def _max_seq_length(model_dir: str) -> int:
    import json

    config = Path(model_dir) / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length", 256))
    return 256


@functools.cache
def get_embedder(model_name: str = "", batch_size: int = 64, backend: str = "torch",
                 export_root: str | None = None) -> Embedder:
    """One embedder per process, model and backend (loading and verifying takes seconds)."""
    import torch

    torch.set_num_threads(max(1, torch.get_num_threads()))
    return Embedder(model_name, batch_size, backend, Path(export_root) if export_root else None)


def settings_embedder(settings, batch_size: int | None = None) -> Embedder:
    """The embedder the settings ask for (model, batch size, backend, export cache)."""
    return get_embedder(settings.embedding_model, batch_size or settings.embedding_batch_size,
                        settings.embedding_backend, str(settings.model_cache))
