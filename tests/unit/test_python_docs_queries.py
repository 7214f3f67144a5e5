"""The retrieval query set on Debian's python3.11-doc: frozen when it was committed, before any tuning.

Changing a question or moving it between halves would let the held-out half be tuned on; a deliberate change
replaces the pinned hash and says why in the commit. The first 100 questions were split into ``dev`` and
``heldout``; once ``heldout`` had been run it was no longer unseen, so 80 new questions were appended as
``heldout2`` (written and worded before any retrieval run on them) and the first 100 became development data.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

QUERY_SET = Path(__file__).resolve().parents[2] / "include" / "eval_sets" / "python_docs.jsonl"
PINNED = "018fb2e735f8fbfb5f2e8c304b3cb29da5c1e82cde04e9aaf9b82fa15b2e030e"


def test_the_query_set_is_the_committed_one() -> None:
    assert hashlib.sha256(QUERY_SET.read_bytes()).hexdigest() == PINNED


def test_half_paraphrased_and_each_kind_split_in_halves() -> None:
    rows = [json.loads(line) for line in QUERY_SET.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 80 and len({r["id"] for r in rows}) == len(rows)
    cells = Counter((r["kind"], r["split"]) for r in rows)
    assert set(cells) == {(k, s) for k in ("direct", "paraphrase") for s in ("dev", "heldout", "heldout2")}
    for split in ("dev", "heldout", "heldout2"):  # each half (and the new held-out set) is half paraphrased
        assert cells["direct", split] == cells["paraphrase", split]
    assert cells["direct", "heldout2"] >= 40
    assert all(r["expected"] and all(p.endswith(".html") for p in r["expected"]) for r in rows)
    assert all(r.get("answer") for r in rows if r["kind"] == "paraphrase")


def test_splits_are_chosen_alone_or_together() -> None:
    from llmdata.index.evaluation import load_queries

    rows = [json.loads(line) for line in QUERY_SET.read_text(encoding="utf-8").splitlines()]
    alone = load_queries(QUERY_SET, "heldout2")
    together = load_queries(QUERY_SET, "dev, heldout")
    assert {q.id for q in alone} == {r["id"] for r in rows if r["split"] == "heldout2"}
    assert {q.split for q in together} == {"dev", "heldout"}
    assert len(together) == sum(r["split"] in ("dev", "heldout") for r in rows)
