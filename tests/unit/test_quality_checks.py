"""L2/L3 checks on realistic good and bad documents, and the weight and transform actions."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from llmdata.quality.checks import build_check
from llmdata.quality.gate import GateBlockedError, apply_gates
from llmdata.quality.policy import load_policy
from tests.conftest import ROLLBACK, ROOT, RUNBOOK, make_documents

ARTICLE = f"# Backups\n\n{RUNBOOK}\n\n## Rollbacks\n\n{ROLLBACK}\n"
COOKIE_PAGE = (ARTICLE + "\nThis site uses cookies to improve your experience.\n"
               "Read our privacy policy and terms of use.\n")
LINK_FARM = "\n".join(f"- [Page {i}](https://example.com/{i})" for i in range(80))
SPAM = "\n\n".join(["Buy cheap watches now! Best prices on cheap watches, buy now and save big today."] * 12)
ABUSE = ARTICLE + "\n\nYou are a stupid worthless idiot and everyone on this team hates your garbage code.\n"


def verdicts(check: str, texts: dict[str, str], **params: object) -> dict[str, str | None]:
    docs = make_documents(texts, lang="en")
    v = build_check(check, params).evaluate(docs)
    return {doc: (None if ok else v.reason_of(i)) for i, (doc, ok) in
            enumerate(zip(texts, v.passed.to_pylist(), strict=True))}


def test_gopher_quality_keeps_prose_and_names_the_rule_junk_breaks():
    found = verdicts("gopher_quality", {"article": ARTICLE, "links": LINK_FARM, "hashes": "# " * 60 + RUNBOOK})
    assert found["article"] is None
    assert found["links"] == "Gopher quality: gopher_too_many_bullets"
    assert found["hashes"] == "Gopher quality: gopher_too_many_hashes"


def test_gopher_quality_does_not_apply_its_english_stop_words_to_other_languages():
    german = ("Die Datenbank wird jede Nacht gesichert und die Protokolle werden archiviert. " * 10).strip()
    docs = make_documents({"de": german}, lang="de")
    assert build_check("gopher_quality", {}).evaluate(docs).passed.to_pylist() == [True]
    docs = make_documents({"de": german}, lang="en")
    assert build_check("gopher_quality", {}).evaluate(docs).reason_of(0).endswith("gopher_enough_stop_words")


def test_gopher_repetition_and_fineweb_catch_repeated_spam():
    assert verdicts("gopher_repetition", {"article": ARTICLE, "spam": SPAM}) == {
        "article": None, "spam": "Gopher repetition: dup_para_frac"}
    assert verdicts("fineweb_quality", {"links": LINK_FARM})["links"] == "FineWeb: line_punct_ratio"


def test_toxicity_scores_every_document_and_rejects_abuse():
    docs = make_documents({"article": ARTICLE, "abuse": ABUSE})
    v = build_check("toxicity", {"max_probability": 0.8}).evaluate(docs)
    assert v.passed.to_pylist() == [True, False]
    assert v.scores[0] > 0.8 and v.scores[1] < 0.2


def test_decontamination_rejects_a_copy_of_an_evaluation_item(tmp_path):
    item = json.loads((ROOT / "include" / "eval_sets" / "support_qa.jsonl").read_text().splitlines()[1])
    leaked = f"{RUNBOOK}\n\nFrom the quiz: {item['answer']}"
    found = verdicts("decontamination", {"clean": ARTICLE, "leaked": leaked},
                     eval_sets=["eval_sets/support_qa.jsonl"])
    assert found["clean"] is None and "with an evaluation set" in found["leaked"]
    with pytest.raises(ValueError, match=r"missing\.jsonl"):
        verdicts("decontamination", {"a": ARTICLE}, eval_sets=[str(tmp_path / "missing.jsonl")])



def test_overlap_counting_only_at_reference_heads_counts_what_every_ngram_counts():
    from llmdata.quality.semantic import _eval_heads, _eval_ngrams, _eval_texts, ngrams, overlaps

    paths = (str(ROOT / "include" / "eval_sets" / "support_qa.jsonl"),)
    items = _eval_texts(paths)
    texts = [ARTICLE, f"{RUNBOOK} {items[0]} {items[0]} and then {items[2][:200]}", items[3], "", "one two"]
    for n in (2, 5, 13):
        reference, heads = _eval_ngrams(paths, n), _eval_heads(paths, n)
        counts = [overlaps(t, n, reference, heads) for t in texts]
        assert counts == [len(ngrams(t, n) & reference) for t in texts]
        assert counts[1] > 0 and counts[2] == len(ngrams(items[3], n))


POLICY = """
name: t
version: "1.0.0"
assumptions: test
gates:
  - name: boilerplate
    stage: mid
    action: transform
    checks: [{check: c4_quality, filter_no_terminal_punct: false, filter_curly_bracket: false,
              min_words_per_line: 1, min_num_sentences: 3}]
  - name: repetition
    stage: mid
    action: weight
    checks: [{check: gopher_repetition}]
  - name: quality
    stage: mid
    action: {action}
    checks: [{check: gopher_quality}]
scoring: {min_weight: 0.1}
"""


def policy(tmp_path, action: str = "filter"):
    path = tmp_path / "quality.yaml"
    path.write_text(POLICY.replace("{action}", action))
    return load_policy(path)


def test_transform_strips_boilerplate_lines_then_checks_the_fixed_text(tmp_path):
    docs = make_documents({"page": COOKIE_PAGE, "lorem": "Lorem ipsum dolor sit amet. " * 30 + ARTICLE})
    result = apply_gates(docs, policy(tmp_path), "mid")
    page = result.kept.to_pylist()[0]
    assert "cookies" not in page["text"] and "privacy policy" not in page["text"] and RUNBOOK in page["text"]
    assert page["text_sha256"] != docs["text_sha256"][0].as_py()
    assert result.quarantined["rule"].to_pylist() == ["boilerplate.c4_quality"]
    assert result.quarantined["reason"].to_pylist() == ["C4: lorem_ipsum"]


def test_weight_gate_rejects_nothing_and_lowers_score_and_weight(tmp_path):
    docs = make_documents({"article": ARTICLE, "spam": SPAM + "\n\n" + ARTICLE})
    result = apply_gates(docs, policy(tmp_path), "mid")
    rows = {r["doc_id"]: r for r in result.kept.to_pylist()}
    assert set(rows) == {"article", "spam"} and result.quarantined.num_rows == 0
    assert rows["article"]["quality_score"] == 1.0 and rows["spam"]["quality_score"] == 0.0
    assert rows["spam"]["weight"] == 0.1  # the policy's floor
    assert json.loads(rows["spam"]["gate_results"])["scores"] == {"repetition.gopher_repetition": 0.0}


def test_gate_results_accumulate_across_stages(tmp_path):
    docs = make_documents({"article": ARTICLE}, gate_results=json.dumps({"passed": ["structural.non_empty"]}))
    result = apply_gates(docs, policy(tmp_path), "mid")
    passed = json.loads(result.kept["gate_results"][0].as_py())["passed"]
    assert passed[0] == "structural.non_empty" and "quality.gopher_quality" in passed


def test_block_gate_stops_with_the_document_and_rule(tmp_path):
    docs = pa.concat_tables([make_documents({"good": ARTICLE}), make_documents({"links": LINK_FARM})])
    with pytest.raises(GateBlockedError, match=r"gopher_quality failed for 1 of 2 documents \(first: links, "
                                               r"Gopher quality: gopher_too_many_bullets\)"):
        apply_gates(docs, policy(tmp_path, "block"), "mid")


def test_embedding_outlier_rejects_off_topic_text_once_a_corpus_is_indexed(settings):
    from llmdata.index.embedder import get_embedder
    from llmdata.index.qdrant import open_index

    recipe = "Preheat the oven to 200 degrees. Mix flour, butter and sugar, then bake the cake until golden. " * 3
    docs = make_documents({"runbook": RUNBOOK, "recipe": recipe})
    check = build_check("embedding_outlier", {"min_similarity": 0.15})
    assert check.evaluate(docs).passed.to_pylist() == [True, True]  # nothing indexed yet: nothing to compare
    corpus = [RUNBOOK, ROLLBACK, "Kafka consumer lag alerts page the data team when partitions fall behind."]
    vectors = get_embedder("", 16).encode(corpus)
    with open_index(settings) as index:
        index.ensure_collection(settings.collection, vectors.shape[1])
        index.sync_documents(settings.collection, ["c1", "c2", "c3"], vectors, [{"doc_id": d} for d in "abc"],
                             ["a", "b", "c"])
    v = check.evaluate(docs)
    assert v.passed.to_pylist() == [True, False]
    assert v.reason_of(1).startswith("off-topic: similarity to the corpus -0.")


def test_review_decisions_apply_to_the_text_they_were_made_on():
    from llmdata.quality.review import apply_rejections, read_decisions

    decisions = read_decisions(b"doc_id,decision,reviewer,note\ngold-doc,reject,ann,spam\nnew,,,\n")
    assert decisions == {"gold-doc": {"decision": "reject", "reviewer": "ann", "note": "spam"}}
    gold = make_documents({"gold-doc": RUNBOOK, "kept": ROLLBACK}, run_id="r1")
    this_run = make_documents({"edited": ARTICLE}, run_id="r2")
    rejections = {("gold-doc", gold["text_sha256"][0].as_py()): {"reviewer": "ann", "note": "spam"},
                  ("edited", "sha-of-an-older-version"): {"reviewer": "bob", "note": ""}}
    result = apply_rejections(this_run, gold, rejections, "r2")
    assert result.quarantined["doc_id"].to_pylist() == ["gold-doc"]
    assert result.quarantined["run_id"].to_pylist() == ["r2"]
    assert result.quarantined["reason"].to_pylist() == ["rejected by ann: spam"]


def test_a_review_csv_with_an_unknown_decision_names_the_line():
    from llmdata.quality.review import ReviewFileError, read_decisions

    with pytest.raises(ReviewFileError, match=r"queue.csv line 3: decision 'maybe' for b"):
        read_decisions(b"doc_id,decision\na,accept\nb,maybe\n")
