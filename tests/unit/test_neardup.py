from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from llmdata.transforms.neardup import NearDupParams, decode_signature, deduplicate_near
from tests.conftest import ROLLBACK, RUNBOOK, make_documents

PARAMS = NearDupParams()


def edit(text: str, share: float, seed: int) -> str:
    rng = random.Random(seed)
    words = text.split()
    for i in rng.sample(range(len(words)), max(1, int(len(words) * share))):
        words[i] = rng.choice(["cluster", "replica", "archive", "restore", "backup"])
    return " ".join(words)


def no_index(keys):
    return {}


def test_a_lightly_edited_copy_is_a_near_duplicate_of_the_original():
    docs = make_documents({"a": RUNBOOK + " " + ROLLBACK, "b": edit(RUNBOOK + " " + ROLLBACK, 0.02, 1),
                           "c": ROLLBACK})
    result, index = deduplicate_near(docs, no_index, PARAMS)
    assert sorted(result.kept["doc_id"].to_pylist()) == ["a", "c"]
    assert result.quarantined["dup_of"].to_pylist() == ["a"]
    assert result.quarantined["rule"].to_pylist() == ["dedup.near"]
    assert "estimated Jaccard" in result.quarantined["reason"][0].as_py()
    assert set(index["doc_id"].to_pylist()) == {"a", "c"}
    assert index.num_rows == 2 * PARAMS.bands


def test_heavily_edited_text_is_not_a_duplicate():
    docs = make_documents({"a": RUNBOOK, "b": edit(RUNBOOK, 0.5, 2)})
    assert deduplicate_near(docs, no_index, PARAMS)[0].kept.num_rows == 2


def test_incremental_run_finds_the_duplicate_of_an_earlier_run_without_recomputing_it():
    _, index = deduplicate_near(make_documents({"old": RUNBOOK + " " + ROLLBACK}), no_index, PARAMS)
    stored = {(b, d): s for b, d, s in zip(index["bucket"].to_pylist(), index["doc_id"].to_pylist(),
                                           index["signature"].to_pylist(), strict=True)}
    asked: list[list[str]] = []

    def lookup(keys):
        asked.append(keys)
        return {d: decode_signature(s) for (b, d), s in stored.items() if b in set(keys)}

    second, _ = deduplicate_near(make_documents({"new": edit(RUNBOOK + " " + ROLLBACK, 0.02, 3)}, run_id="r2"),
                                 lookup, PARAMS)
    assert second.quarantined["dup_of"].to_pylist() == ["old"]
    assert len(asked) == 1 and len(asked[0]) == PARAMS.bands  # only the new document's buckets were looked up


def test_a_new_version_of_the_same_document_is_not_its_own_duplicate():
    _, index = deduplicate_near(make_documents({"a": RUNBOOK}), no_index, PARAMS)
    signature = decode_signature(index["signature"][0].as_py())
    result, _ = deduplicate_near(make_documents({"a": RUNBOOK + " Updated."}), lambda keys: {"a": signature}, PARAMS)
    assert result.kept["doc_id"].to_pylist() == ["a"]


@settings(deadline=None, max_examples=25)
@given(st.permutations(["a", "b", "c", "d"]), st.integers(0, 1000))
def test_dedup_is_order_independent_and_idempotent(order, seed):
    texts = {"a": RUNBOOK, "b": edit(RUNBOOK, 0.02, seed), "c": ROLLBACK, "d": edit(ROLLBACK, 0.02, seed + 1)}
    docs = make_documents({k: texts[k] for k in order})
    result, _ = deduplicate_near(docs, no_index, PARAMS)
    canonical, _ = deduplicate_near(make_documents({k: texts[k] for k in sorted(texts)}), no_index, PARAMS)
    # A random 2 % edit can land just under the threshold, so whether b and d go is not fixed; that the
    # outcome does not depend on the order, and that the originals are the keepers, is.
    assert sorted(result.kept["doc_id"].to_pylist()) == sorted(canonical.kept["doc_id"].to_pylist())
    assert {"a", "c"} <= set(result.kept["doc_id"].to_pylist())
    again, _ = deduplicate_near(result.kept, no_index, PARAMS)
    assert again.kept.num_rows == result.kept.num_rows


def test_dedup_decides_from_stored_signatures_as_it_would_from_the_text():
    import pytest

    from llmdata.transforms.dedup import judge, split_batch
    from llmdata.transforms.neardup import signature_column

    base = RUNBOOK + " " + ROLLBACK
    # b nearly copies a; d is a's exact twin under a later id; e exactly copies b, which loses to a
    docs = make_documents({"a": base, "b": edit(base, 0.02, 4), "c": ROLLBACK, "d": base, "e": edit(base, 0.02, 4)})
    signed = docs.append_column("signature", signature_column(docs["text"], PARAMS))
    keys = signed.select(["doc_id", "text_sha256", "collected_at", "signature"])  # what the dedup task reads
    from_signatures, from_text = judge(keys, {}, no_index, PARAMS), judge(docs, {}, no_index, PARAMS)
    assert from_signatures.dup_of == from_text.dup_of == {"b": "a", "d": "a", "e": "a"}
    assert from_signatures.reason == from_text.reason
    assert from_signatures.reason["e"].startswith("exact duplicate of b, itself a near duplicate of a")
    assert from_signatures.index.equals(from_text.index)
    kept, quarantined = split_batch(signed.slice(1, 3), from_signatures)  # any batch: b, c, d
    assert kept["doc_id"].to_pylist() == ["c"] and "signature" not in kept.column_names
    assert quarantined["doc_id"].to_pylist() == ["b", "d"] and quarantined["dup_of"].to_pylist() == ["a", "a"]
    # a signature of another policy's size is not misread: it is computed again from the text, or refused
    other = NearDupParams(num_perm=64, bands=8)
    assert judge(signed, {}, no_index, other).dup_of == judge(docs, {}, no_index, other).dup_of
    with pytest.raises(ValueError, match="no signature of 64 permutations"):
        judge(keys, {}, no_index, other)
