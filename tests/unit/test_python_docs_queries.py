"""The retrieval query set on Debian's python3.11-doc: frozen when it was committed, before any tuning.

Changing a question or moving it between halves would let the held-out half be tuned on; a deliberate change
replaces the pinned hash and says why in the commit.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

QUERY_SET = Path(__file__).resolve().parents[2] / "include" / "eval_sets" / "python_docs.jsonl"
PINNED = "00e689f19e7ec4691206907bd991bc8a1fc3d20376bed47f051292eb0537aaf7"


def test_the_query_set_is_the_committed_one() -> None:
    assert hashlib.sha256(QUERY_SET.read_bytes()).hexdigest() == PINNED


def test_half_paraphrased_and_each_kind_split_in_halves() -> None:
    rows = [json.loads(line) for line in QUERY_SET.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 80 and len({r["id"] for r in rows}) == len(rows)
    cells = Counter((r["kind"], r["split"]) for r in rows)
    assert set(cells) == {(k, s) for k in ("direct", "paraphrase") for s in ("dev", "heldout")}
    assert max(cells.values()) - min(cells.values()) <= 1
    assert all(r["expected"] and all(p.endswith(".html") for p in r["expected"]) for r in rows)
    assert all(r.get("answer") for r in rows if r["kind"] == "paraphrase")
