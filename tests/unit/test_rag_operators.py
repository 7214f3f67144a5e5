"""rag_index operators on a real lake and the embedded Qdrant: incremental sync and alias rebuilds."""

from __future__ import annotations

from llmdata.index.collections import physical_collection
from llmdata.index.qdrant import open_index
from llmdata.index.retrieve import retrieve
from llmdata.lake import Lake
from llmdata.operators.plan import CommitOffsetOperator, PlanShardsOperator
from llmdata.operators.rag import ChunkOperator, EmbedIndexOperator, PublishIndexOperator
from llmdata.schemas import GOLD_CHUNKS, GOLD_DOCUMENTS
from tests.conftest import ROLLBACK, RUNBOOK, make_documents


def _index(run_id: str, before_publish=None) -> list[dict]:
    plan = PlanShardsOperator(task_id="plan", consumer="rag_index", table=GOLD_DOCUMENTS, mode="keyed",
                              rebuild_on_index_change=True)
    shards = plan.execute({"run_id": run_id})
    summaries = []
    for shard in shards:
        ChunkOperator(task_id="chunk", shard=shard).execute({"run_id": run_id})
        summaries.append(EmbedIndexOperator(task_id="embed_index", shard=shard).execute({"run_id": run_id}))
    if before_publish:
        before_publish()
    PublishIndexOperator(task_id="publish_index").execute({"run_id": run_id})
    CommitOffsetOperator(task_id="commit", consumer="rag_index", table=GOLD_DOCUMENTS, plan=shards).execute(
        {"run_id": run_id})
    return summaries


def test_second_run_on_unchanged_gold_embeds_and_writes_nothing(settings):
    lake = Lake(settings)
    lake.upsert(GOLD_DOCUMENTS, make_documents({"backup": RUNBOOK, "rollback": ROLLBACK}), "c1", "test")
    first = _index("r1")
    assert sum(s["chunks_embedded"] for s in first) == lake.row_count(GOLD_CHUNKS) > 0
    second = _index("r2")
    assert [(s["chunks_embedded"], s["points_upserted"], s["points_deleted"]) for s in second] == [(0, 0, 0)]


def test_a_chunker_change_rebuilds_into_a_new_collection_and_swaps_the_alias_when_complete(settings, monkeypatch):
    from llmdata.config import get_settings

    lake = Lake(settings)
    lake.upsert(GOLD_DOCUMENTS, make_documents({"backup": RUNBOOK * 3, "rollback": ROLLBACK * 3}), "c1", "test")
    _index("r1")
    old = physical_collection(settings)
    monkeypatch.setenv("LLMDATA_CHUNK_TOKENS", "64")
    monkeypatch.setenv("LLMDATA_CHUNK_OVERLAP", "8")
    get_settings.cache_clear()
    new_settings = get_settings()
    new = physical_collection(new_settings)
    assert new != old

    def still_answering_from_the_old_collection() -> None:
        with open_index(new_settings) as index:
            assert index.alias_target(new_settings.collection) == old
        assert retrieve("restore postgres from WAL", new_settings, k=1)[0].payload["doc_id"] == "backup"

    summaries = _index("r2", before_publish=still_answering_from_the_old_collection)
    assert sum(s["points_upserted"] for s in summaries) == lake.row_count(GOLD_CHUNKS)  # all into the new one
    assert sum(s["chunks_embedded"] for s in summaries) > 0  # new chunk texts (repeats come from the cache)
    with open_index(new_settings) as index:
        assert index.alias_target(new_settings.collection) == new
        assert index.count(new_settings.collection) == lake.row_count(GOLD_CHUNKS)
        assert index.count(old) > 0  # kept for rollback


def test_one_changed_and_one_removed_document_touch_exactly_their_points(settings):
    lake = Lake(settings)
    lake.upsert(GOLD_DOCUMENTS, make_documents({"backup": RUNBOOK, "rollback": ROLLBACK, "keep": RUNBOOK + " x"}),
                "c1", "test")
    _index("r1")
    before = {r["doc_id"]: r for r in lake.read(GOLD_CHUNKS).to_pylist()}
    edited = make_documents({"backup": RUNBOOK + "\n\nRestores are tested every quarter by the on-call engineer."})
    lake.upsert(GOLD_DOCUMENTS, edited, "c2", "test", delete_keys=["rollback"])
    summaries = _index("r2")
    after = lake.read(GOLD_CHUNKS).to_pylist()
    backup_chunks = [c for c in after if c["doc_id"] == "backup"]
    assert sum(s["points_upserted"] for s in summaries) == len(backup_chunks)  # only the edited document's
    assert sum(s["points_deleted"] for s in summaries) >= 1  # the removed document's point(s) and stale chunks
    with open_index(settings) as index:
        stored = index.existing(physical_collection(settings), ["rollback", "backup", "keep"])
    assert len(stored) == len(after) and "rollback" not in {c["doc_id"] for c in after}
    assert before["keep"]["chunk_id"] in {c["chunk_id"] for c in after}
