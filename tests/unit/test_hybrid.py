"""Hybrid retrieval: BM25 beside the dense vector in one collection, fused in Qdrant's Query API, the declared
pipeline around it, and the evaluation that compares strategies."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from llmdata.index.pipeline import (
    RetrievalPipeline,
    RetrievalPipelineError,
    aggregate_pages,
    load_retrieval_pipeline,
    strip_question,
)
from llmdata.index.rerank import LexicalReranker
from llmdata.index.sparse import document_vector, query_vector, term_sequence
from llmdata.index.store import DENSE, HEADING, SPARSE, Hit, Probe

DIM = 8
TEXTS = {
    "heap": "heapq.heappop pops and returns the smallest item from the heap, keeping the heap invariant.",
    "lock": "A primitive lock is a synchronization primitive that is not owned by a particular thread.",
    "json": "json.dumps serializes an object to a JSON formatted str; indent pretty-prints it.",
    "secret": "Salary bands: the pot of money HR keeps for engineers.",
}


def _unit(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).normal(size=DIM).astype(np.float32)
    return vector / np.linalg.norm(vector)


def _fill(index, name: str = "c") -> dict[str, np.ndarray]:
    dense = {doc: _unit(i) for i, doc in enumerate(TEXTS)}
    index.ensure_collection(name, DIM)
    docs = list(TEXTS)
    index.sync_documents(name, [f"{d}-1" for d in docs], {
        DENSE: np.stack([dense[d] for d in docs]), HEADING: np.stack([dense[d] for d in docs]),
        SPARSE: [document_vector(TEXTS[d]) for d in docs]}, [
        {"doc_id": d, "text": TEXTS[d], "allowed_groups": ["hr"] if d == "secret" else ["*"]} for d in docs], docs)
    return dense


def _docs(hits: list[Hit]) -> list[str]:
    return [h.payload["doc_id"] for h in hits]


def test_bm25_finds_the_keyword_the_dense_vector_misses_and_fusion_keeps_both(index):
    dense = _fill(index)
    keywords = Probe(SPARSE, query_vector("smallest heap item"), 10)
    assert _docs(index.query("c", [keywords], 2))[0] == "heap"
    near_lock = Probe(DENSE, dense["lock"].tolist(), 10)
    assert _docs(index.query("c", [near_lock], 1)) == ["lock"]
    for fusion in ("rrf", "dbsf"):
        fused = _docs(index.query("c", [near_lock, keywords], 2, fusion=fusion))
        assert set(fused) == {"lock", "heap"}
    # The weight of a retriever in RRF decides which one's first hit leads.
    weighted = index.query("c", [Probe(DENSE, dense["lock"].tolist(), 10, 0.2), Probe(
        SPARSE, query_vector("smallest heap item"), 10, 5.0)], 2)
    assert _docs(weighted)[0] == "heap"


def test_every_retriever_is_filtered_by_the_callers_groups(index):
    dense = _fill(index)
    probes = [Probe(SPARSE, query_vector("salary money heap"), 10), Probe(DENSE, dense["secret"].tolist(), 10)]
    anyone = _docs(index.query("c", probes, 5, {"allowed_groups": ["*", "engineering"]}))
    assert "secret" not in anyone and anyone
    assert _docs(index.query("c", probes, 1, {"allowed_groups": ["*", "hr"]})) == ["secret"]


def test_sparse_vectors_follow_updates_and_deletes(index):
    _fill(index)
    keywords = [Probe(SPARSE, query_vector("pretty-prints JSON"), 10)]
    assert _docs(index.query("c", keywords, 1)) == ["json"]
    index.sync_documents("c", ["json-2"], {DENSE: _unit(9)[None], HEADING: _unit(9)[None],
                                           SPARSE: [document_vector("YAML is another format entirely.")]},
                         [{"doc_id": "json", "text": "YAML"}], ["json"])
    assert "json" not in _docs(index.query("c", keywords, 4))
    index.delete_documents("c", ["heap"])
    assert "heap" not in _docs(index.query("c", [Probe(SPARSE, query_vector("smallest heap"), 10)], 4))


def test_a_collection_from_before_named_vectors_answers_dense_probes(settings):
    from llmdata.index.qdrant import open_index

    with open_index(settings) as index:
        _fill(index, "new")
    # An old collection: one unnamed vector, as the first release wrote it (collection.json without "layout").
    import json

    import qdrant_edge as q

    from llmdata.index.service import stop_service

    stop_service(settings.qdrant_folder)
    root = settings.qdrant_folder / "edge" / "collections" / "old"
    shard = q.EdgeShard.create(str(root / "v1"), q.EdgeConfig(vectors={"": q.EdgeVectorParams(
        size=DIM, distance=q.Distance.Cosine)}))
    shard.update(q.UpdateOperation.upsert_points([q.Point(1, {"": _unit(1).tolist()}, {"doc_id": "lock"})]))
    shard.flush()
    shard.close()
    (root / "collection.json").write_text(json.dumps({"dimension": DIM, "current": "v1"}))
    with open_index(settings) as index:
        hits = index.query("old", [Probe(DENSE, _unit(1).tolist(), 5), Probe(SPARSE, query_vector("lock"), 5)], 1)
        assert _docs(hits) == ["lock"]
        assert index.centroid("old") is not None


def test_the_lexical_reranker_rewards_the_phrase_and_the_title():
    hits = [Hit(0.9, {"doc_id": "a", "title": "threading", "section": "Lock Objects",
                      "text": "a lock that heaps items pop smallest"}),
            Hit(0.8, {"doc_id": "b", "title": "heapq — Heap queue algorithm", "section": "heapq",
                      "text": "Pop and return the smallest item from the heap."})]
    assert _docs(LexicalReranker().rerank("return the smallest item from the heap", hits)) == ["b", "a"]
    assert _docs(LexicalReranker(phrase_boost=0, title_boost=0).rerank("smallest item", hits)) == ["a", "b"]
    assert _docs(LexicalReranker().rerank("the of and", hits)) == ["a", "b"]  # stop words only: order kept


def test_a_page_with_several_good_chunks_outranks_one_lucky_chunk():
    hits = [Hit(0.90, {"doc_id": "lucky", "seq": 1}), Hit(0.85, {"doc_id": "page", "seq": 4}),
            Hit(0.80, {"doc_id": "page", "seq": 2}), Hit(0.70, {"doc_id": "other", "seq": 1}),
            Hit(0.60, {"doc_id": "page", "seq": 9})]
    ranked = aggregate_pages(hits, evidence=3, weight=0.5)
    assert [(h.payload["doc_id"], h.payload["seq"]) for h in ranked] == [
        ("page", 4), ("page", 2), ("page", 9), ("lucky", 1), ("other", 1)]
    assert ranked[0].score == pytest.approx(0.85 + 0.5 * (0.80 + 0.60))
    assert len(ranked) == len(hits)  # reordered, nothing dropped
    # evidence=1 or weight=0: each page is its best chunk, so the first-stage order stands
    assert [h.payload["doc_id"] for h in aggregate_pages(hits, evidence=1)][:2] == ["lucky", "page"]
    assert [h.payload["doc_id"] for h in aggregate_pages(hits, weight=0)][:2] == ["lucky", "page"]
    # only the page's best `evidence` chunks count: a page of many weak chunks does not win by volume
    weak = [Hit(0.9, {"doc_id": "a"})] + [Hit(0.3, {"doc_id": "b"})] * 20
    assert aggregate_pages(weak, evidence=2, weight=1.0)[0].payload["doc_id"] == "a"


def test_the_pipeline_aggregates_in_the_index_and_the_variants_do_not(index):
    dense = _fill(index)
    near_json = 0.45 * dense["heap"] + 0.55 * dense["json"]  # json's one chunk is nearer than any of heap's
    index.sync_documents("c", ["heap-2", "heap-3"], {
        DENSE: np.stack([dense["heap"]] * 2), HEADING: np.stack([dense["heap"]] * 2),
        SPARSE: [document_vector(TEXTS["heap"])] * 2}, [
        {"doc_id": "heap", "text": TEXTS["heap"], "allowed_groups": ["*"]}] * 2, ["heap"],
        keep_chunk_ids=["heap-1", "heap-2", "heap-3"])
    plain = RetrievalPipeline.model_validate({"retrievers": [{"name": "d", "vector": "dense"}]})
    paged = RetrievalPipeline.model_validate({"retrievers": [{"name": "d", "vector": "dense"}],
                                              "aggregate": {"evidence": 3, "weight": 0.5}})
    encode = lambda _query: near_json / np.linalg.norm(near_json)  # noqa: E731
    assert _docs(plain.run(index, "c", "q", encode, 4)) == ["json", "heap", "heap", "heap"]
    assert _docs(paged.run(index, "c", "q", encode, 4)) == ["heap", "heap", "heap", "json"]
    assert "page(3, x0.5)" in paged.describe() and paged.variant([DENSE]).aggregate is None


def test_terms_in_reading_order_split_identifiers_like_the_index():
    assert term_sequence("functools.lru_cache maxsize") == term_sequence("functools lru cache maxsize")
    assert len(term_sequence("the heap and the lock")) == 2


def test_strip_question_keeps_what_is_asked():
    assert strip_question("How do I create a virtual environment?") == "create a virtual environment"
    assert strip_question("Is there a way to pause my script?") == "pause my script"
    assert strip_question("json.dumps indent") == "json.dumps indent"
    assert strip_question("How do I ?") == "How do I ?"  # nothing would be left: the query stays


def test_a_broken_pipeline_file_names_the_line_and_field(tmp_path):
    path = tmp_path / "retrieval.yaml"
    path.write_text("version: 1\nretrievers:\n  - {name: dense, vector: dense, k: 50}\n"
                    "  - {name: kw, vector: keywords}\nfusion: {method: rrf}\n")
    with pytest.raises(RetrievalPipelineError, match=r"line 4: field retrievers\.1\.vector"):
        load_retrieval_pipeline(path)
    path.write_text("retrievers: [{name: d, vector: dense}]\nrerank: {step: nosuch}\n")
    with pytest.raises(RetrievalPipelineError, match=r"line 2: field rerank: unknown reranker 'nosuch'"):
        load_retrieval_pipeline(path)
    path.write_text("retrievers: [{name: d, vector: dense}, {name: d, vector: bm25}]\n")
    with pytest.raises(RetrievalPipelineError, match="distinct"):
        load_retrieval_pipeline(path)
    with pytest.raises(RetrievalPipelineError, match="LLMDATA_RETRIEVAL_FILE"):
        load_retrieval_pipeline(tmp_path / "missing.yaml")


def test_the_shipped_pipeline_loads_and_a_reranker_class_plugs_in_by_import_path(tmp_path):
    from llmdata.config import INCLUDE_DIR

    shipped = load_retrieval_pipeline(INCLUDE_DIR / "retrieval.yaml")
    assert {r.vector for r in shipped.retrievers} >= {"dense", "bm25"}
    path = tmp_path / "retrieval.yaml"
    path.write_text("retrievers: [{name: d, vector: dense}]\n"
                    "rerank: {step: 'llmdata.index.rerank:LexicalReranker', phrase_boost: 2.0}\n")
    assert load_retrieval_pipeline(path).reranker == LexicalReranker(phrase_boost=2.0)


def test_metrics_and_the_paired_bootstrap():
    from llmdata.index.evaluation import Query, QueryResult, bootstrap, paired_difference

    query = Query("1", "q", ("a.html", "b.html"))
    result = QueryResult(query, ["x", "a.html", "b.html"], [False, True, True])
    scores = result.scores()
    assert result.rank == 2 and scores["hit@1"] == 0 and scores["hit@5"] == 1 and scores["mrr@10"] == 0.5
    assert scores["ndcg@10"] == pytest.approx((1 / np.log2(3) + 1 / np.log2(4)) / (1 + 1 / np.log2(3)))
    assert QueryResult(query, ["x"], [False]).scores() == {"hit@1": 0, "hit@5": 0, "mrr@10": 0, "ndcg@10": 0}
    family = Query("2", "q", ("wiki/backup", "faq.jsonl#L1"))  # a family name matches several pages, once
    pages = ["file:///wiki/backup-01.md", "file:///wiki/backup-02.md", "file:///x/faq.jsonl#L1"]
    ndcg = QueryResult(family, pages, [True, True, True]).scores()["ndcg@10"]
    assert ndcg == pytest.approx((1 + 1 / np.log2(4)) / (1 + 1 / np.log2(3))) and ndcg <= 1
    estimate = bootstrap(np.array([1.0, 0.0] * 50))
    assert estimate.low < 0.5 < estimate.high and estimate.mean == 0.5
    better = {"dense": [QueryResult(query, ["x", "a.html"], [False, True])] * 20,
              "hybrid": [QueryResult(query, ["a.html"], [True])] * 20}
    difference = paired_difference(better, "hybrid")
    assert difference.mean == pytest.approx(0.5) and difference.low == pytest.approx(0.5)


def test_eval_retrieval_reports_what_the_pipeline_file_declares(settings, tmp_path, monkeypatch):
    """A team changes retrieval.yaml and sees it in `llmdata eval retrieval`: here a keyword-only pipeline
    finds an identifier the (deliberately useless) dense side cannot."""
    from llmdata.cli import app
    from llmdata.index.embedder import settings_embedder
    from llmdata.index.qdrant import open_index

    embedder = settings_embedder(settings, 16)
    with open_index(settings) as index:
        index.ensure_collection(settings.collection, embedder.dimension)
        docs = list(TEXTS)
        same = np.tile(embedder.encode(["unrelated"])[0], (len(docs), 1))
        index.sync_documents(settings.collection, [f"{d}-1" for d in docs], {
            DENSE: same, HEADING: same, SPARSE: [document_vector(TEXTS[d]) for d in docs]},
            [{"doc_id": d, "text": TEXTS[d], "source_uri": f"file:///docs/{d}.html", "allowed_groups": ["*"]}
             for d in docs], docs)
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "1", "query": "heappop smallest", "expected": ["heap.html"], "kind": "direct"}\n'
                       '{"id": "2", "query": "pretty-print JSON", "expected": ["json.html"], "kind": "direct"}\n')
    keywords = tmp_path / "keywords.yaml"
    keywords.write_text("retrievers: [{name: kw, vector: bm25, k: 10}]\n")
    result = CliRunner().invoke(app, ["eval", "retrieval", "--queries", str(queries), "--pipeline", str(keywords),
                                      "--resamples", "200", "--json", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    import json

    report = json.loads((tmp_path / "out.json").read_text())
    assert report["pipelines"]["hybrid"] == "kw(10)"
    assert report["summary"]["hybrid"]["all"]["mrr@10"]["mean"] == 1.0
    assert report["summary"]["sparse"]["all"]["mrr@10"]["mean"] == 1.0
    monkeypatch.setenv("LLMDATA_RETRIEVAL_FILE", str(keywords))
    from llmdata.config import get_settings

    get_settings.cache_clear()
    search = CliRunner().invoke(app, ["search", "heappop smallest", "-k", "1"])
    assert search.exit_code == 0 and "heap.html" in search.output
