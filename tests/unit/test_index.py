from __future__ import annotations

import numpy as np
import pytest

from llmdata.ids import point_id
from llmdata.index.qdrant import VectorIndexError, open_index

DIM = 8


def _vectors(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _payloads(doc: str, n: int) -> list[dict]:
    return [{"doc_id": doc, "seq": i, "source_id": "wiki", "licence": "MIT", "text": f"{doc} chunk {i}"}
            for i in range(n)]


def test_point_ids_are_uuids_derived_from_chunk_ids():
    assert point_id("abc") == point_id("abc") != point_id("abd")
    assert len(point_id("abc")) == 36


def test_sync_replaces_a_changed_document_and_deletes_its_stale_points(index):
    index.ensure_collection("c", DIM)
    index.sync_documents("c", ["a1", "a2", "a3"], _vectors(3), _payloads("a", 3), ["a"])
    index.sync_documents("c", ["b1"], _vectors(1, 1), _payloads("b", 1), ["b"])
    assert index.count("c") == 4
    result = index.sync_documents("c", ["a1", "a9"], _vectors(2, 2), _payloads("a", 2), ["a"])
    assert result == {"points_upserted": 2, "points_deleted": 2}
    assert index.count("c") == 3


def test_retried_sync_does_not_duplicate_vectors(index):
    index.ensure_collection("c", DIM)
    for _ in range(3):
        index.sync_documents("c", ["a1", "a2"], _vectors(2), _payloads("a", 2), ["a"])
    assert index.count("c") == 2


def test_removed_document_loses_all_its_points(index):
    index.ensure_collection("c", DIM)
    index.sync_documents("c", ["a1", "a2"], _vectors(2), _payloads("a", 2), ["a"])
    index.sync_documents("c", [], np.zeros((0, DIM), np.float32), [], ["a"])
    assert index.count("c") == 0


def test_search_returns_the_nearest_payload(index):
    vectors = _vectors(3)
    index.ensure_collection("c", DIM)
    index.sync_documents("c", ["a1", "a2", "a3"], vectors, _payloads("a", 3), ["a"])
    hits = index.search("c", vectors[1], limit=1)
    assert hits[0].payload["seq"] == 1 and hits[0].score == pytest.approx(1.0, abs=1e-5)


def test_dimension_mismatch_tells_the_user_to_use_a_new_collection(index):
    index.ensure_collection("c", DIM)
    with pytest.raises(VectorIndexError, match="LLMDATA_COLLECTION"):
        index.ensure_collection("c", DIM * 2)


def test_the_alias_moves_atomically_and_dropping_a_collection_leaves_the_others(index):
    index.ensure_collection("chunks__v1", DIM)
    index.ensure_collection("chunks__v2", DIM)
    index.sync_documents("chunks__v2", ["a1"], _vectors(1), _payloads("a", 1), ["a"])
    assert index.swap_alias("chunks", "chunks__v1") is None
    assert index.swap_alias("chunks", "chunks__v2") == "chunks__v1"
    assert index.alias_target("chunks") == "chunks__v2" and index.count("chunks") == 1
    index.delete_collection("chunks__v1")
    assert index.names() == ["chunks__v2"] and index.exists("chunks__v2") and not index.exists("chunks__v1")


def test_a_document_deleted_by_id_leaves_every_other_point(index):
    index.ensure_collection("c", DIM)
    index.sync_documents("c", ["a1", "a2", "b1"], _vectors(3), _payloads("a", 2) + _payloads("b", 1), ["a", "b"])
    assert index.delete_documents("c", ["a"]) == 2
    index.compact("c")
    assert [payload["doc_id"] for _, payload in index.points("c")] == ["b"]
    assert index.centroid("c") is not None and index.centroid("missing") is None


def test_connections_come_and_go_while_the_index_stays(settings):
    with open_index(settings) as index:
        index.ensure_collection("c", DIM)
        index.sync_documents("c", ["a1"], _vectors(1), _payloads("a", 1), ["a"])
    with open_index(settings) as one, open_index(settings) as two:  # many clients at once
        assert one.count("c") == two.count("c") == 1


READER = """
import json, sys, time
import numpy as np
from llmdata.config import get_settings
from llmdata.index.qdrant import open_index
answers, errors = 0, []
with open_index(get_settings()) as index:
    deadline = time.monotonic() + float(sys.argv[1])
    while time.monotonic() < deadline:
        try:
            answers += len(index.search("c", np.ones(8, np.float32), limit=1)) > 0
        except Exception as error:
            errors.append(str(error))
print(json.dumps({"answers": answers, "errors": errors[:3]}))
"""


def test_other_processes_query_while_a_run_writes(settings):
    import json
    import subprocess
    import sys

    with open_index(settings) as index:
        index.ensure_collection("c", DIM)
        index.sync_documents("c", ["seed"], _vectors(1), _payloads("seed", 1), ["seed"])
        readers = [subprocess.Popen([sys.executable, "-c", READER, "6"], stdout=subprocess.PIPE, text=True)
                   for _ in range(2)]
        written = 0
        for batch in range(40):  # the writer keeps syncing while both readers query
            ids = [f"d{batch}-{i}" for i in range(50)]
            index.sync_documents("c", ids, _vectors(50, batch), _payloads(f"d{batch}", 50), [f"d{batch}"])
            written += 50
        outcomes = [json.loads(r.communicate(timeout=120)[0]) for r in readers]
        assert index.count("c") == written + 1
    assert all(o["errors"] == [] and o["answers"] > 0 for o in outcomes), outcomes


def test_a_background_index_build_keeps_the_writes_made_while_it_ran(settings, monkeypatch):
    import time

    monkeypatch.setenv("LLMDATA_INDEX_BUILD_THRESHOLD", "300")  # read by the service this test starts
    vectors = _vectors(700, 3)
    with open_index(settings) as index:
        index.ensure_collection("c", DIM)
        index.sync_documents("c", [f"a{i}" for i in range(400)], vectors[:400], _payloads("a", 400), ["a"])
        time.sleep(1.5)  # a pause in the writes: the service starts the build that is due
        # The build runs in a child process; these land in the old shard meanwhile and must reach the built one.
        index.sync_documents("c", [f"b{i}" for i in range(300)], vectors[400:], _payloads("b", 300), ["b"])
        index.delete_documents("c", ["a"])
        index.wait_built("c")
        assert index.count("c") == 300
        hits = index.search("c", vectors[450], limit=1)
    assert hits[0].payload["doc_id"] == "b" and hits[0].payload["seq"] == 50
    shards = list((settings.qdrant_folder / "edge" / "collections" / "c").glob("v*"))
    assert len(shards) == 1  # the old generation is gone once the new one serves


def test_compaction_removes_erased_payloads_from_the_disk(settings):
    secret = "Erasable-Canary-7Q2X"
    with open_index(settings) as index:
        index.ensure_collection("c", DIM)
        payloads = [p | {"text": f"{secret} {i}"} for i, p in enumerate(_payloads("gone", 20))]
        index.sync_documents("c", [f"g{i}" for i in range(20)], _vectors(20), payloads, ["gone"])
        index.sync_documents("c", ["k1"], _vectors(1, 9), _payloads("kept", 1), ["kept"])
        assert index.delete_documents("c", ["gone"]) == 20
        index.compact("c")
        assert index.count("c") == 1 and index.existing("c", ["gone"]) == {}
    on_disk = [p for p in (settings.qdrant_folder / "edge").rglob("*") if p.is_file()
               and secret.encode() in p.read_bytes()]
    assert on_disk == []


def test_a_service_that_cannot_start_names_its_log_and_the_fix(settings):
    folder = settings.qdrant_folder / "edge" / "collections" / "broken"
    folder.mkdir(parents=True)
    (folder / "collection.json").write_text('{"dimension": 8, "current": "v-missing"}')
    with pytest.raises(VectorIndexError, match=r"(?s)exited with 1.*LLMDATA_QDRANT_URL"), \
            open_index(settings) as index:
        index.count("c")


def test_a_folder_another_process_holds_makes_a_clear_unavailable_error(settings):
    import fcntl

    from llmdata.index.service import _state

    with open(_state(settings.qdrant_folder) / ".owner.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(VectorIndexError, match="unavailable: another process holds its folder"), \
                open_index(settings) as index:
            index.count("c")
    with open_index(settings) as index:  # once let go, the next call starts a service as usual
        assert index.names() == []


def test_unchanged_chunks_are_neither_re_embedded_nor_re_upserted(settings):
    from llmdata.index.cache import cached_encode
    from llmdata.index.embedder import get_embedder
    from llmdata.lake import Lake

    lake = Lake(settings)
    embedder = get_embedder("", 16, "torch")
    texts = ["Point-in-time recovery replays WAL.", "kubectl rollout undo returns to the previous ReplicaSet."]
    first, embedded = cached_encode(lake, embedder, texts, "r1", "test")
    assert embedded == 2
    again, embedded = cached_encode(lake, embedder, [*texts, "A new chunk."], "r2", "test")
    assert embedded == 1
    assert np.allclose(again[:2], first)
    with open_index(settings) as index:
        index.ensure_collection("c", 384)
        payloads = [{"doc_id": "a", "payload_sha": f"s{i}"} for i in range(2)]
        index.sync_documents("c", ["a1", "a2"], first, payloads, ["a"])
        assert index.existing("c", ["a"]) == {point_id("a1"): "s0", point_id("a2"): "s1"}
        # a2 unchanged (same payload hash) and not re-sent; a1 changed; a3 gone from the document
        result = index.sync_documents("c", ["a1"], first[:1], [{"doc_id": "a", "payload_sha": "s9"}], ["a"],
                                      keep_chunk_ids=["a1", "a2"])
        assert result == {"points_upserted": 1, "points_deleted": 0}
        assert index.count("c") == 2


def test_retrieve_never_returns_what_the_callers_groups_may_not_see(settings):
    from llmdata.index.embedder import settings_embedder
    from llmdata.index.retrieve import retrieve

    embedder = settings_embedder(settings, 16)
    texts = ["Salary bands for engineers in 2026 are set by HR.", "How to restore PostgreSQL from WAL archives."]
    with open_index(settings) as index:
        index.ensure_collection(settings.collection, embedder.dimension)
        index.sync_documents(settings.collection, ["hr1", "wiki1"], embedder.encode(texts), [
            {"doc_id": "hr", "source_id": "hr", "licence": "internal", "allowed_groups": ["hr"], "text": texts[0]},
            {"doc_id": "wiki", "source_id": "wiki", "licence": "CC-BY-4.0", "allowed_groups": ["*"],
             "text": texts[1]}], ["hr", "wiki"])
    anyone = retrieve("salary bands", settings, groups=["engineering"], k=5)
    assert [h.payload["doc_id"] for h in anyone] == ["wiki"]
    hr = retrieve("salary bands", settings, groups=["hr"], k=5)
    assert hr[0].payload["doc_id"] == "hr"
    assert [h.payload["doc_id"] for h in retrieve("salary", settings, ["hr"], 5, licence="CC-BY-4.0")] == ["wiki"]


def test_retrieval_relevance_matches_families_and_single_records():
    from llmdata.index.evaluation import relevant

    assert relevant("file:///c/wiki/postgres-backup-02.md", "postgres-backup")
    assert relevant("file:///c/faq/faq.jsonl#L3", "faq.jsonl#L3")
    assert not relevant("file:///c/faq/faq.jsonl#L13", "faq.jsonl#L1")
    assert not relevant("file:///c/wiki/k8s-rollback-01.md", "postgres-backup")
