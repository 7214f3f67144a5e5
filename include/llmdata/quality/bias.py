"""Bias examination (AI Act Art. 10(2)(f)): how often configured term groups appear, per source and overall.

A term group is, e.g., gender with the categories female and male, each a list of words. For each category the
report gives the share of documents mentioning it and mentions per 10,000 words, and the ratio between the most
and the least mentioned category, so a reviewer sees imbalances; the policy carries the notes on mitigation.
Counts only: no text leaves this module.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class BiasPolicy:
    """Term groups (group -> category -> words) and the policy's notes on mitigation."""

    groups: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    notes: str = ""


def examine(rows: pa.Table, policy: BiasPolicy) -> dict[str, Any]:
    """Representation statistics of every term group, overall and per source."""
    lookup = {w.lower(): (group, category) for group, categories in policy.groups.items()
              for category, words in categories.items() for w in words}
    scopes: dict[str, dict[str, Any]] = defaultdict(lambda: {"documents": 0, "words": 0, "mentions": Counter(),
                                                             "documents_mentioning": Counter()})
    for text, source in zip(rows["text"].to_pylist(), rows["source_id"].to_pylist(), strict=True):
        tokens = [t.lower() for t in _WORD.findall(text or "")]
        found = Counter(lookup[t] for t in tokens if t in lookup)
        for scope in ("overall", f"source:{source}"):
            stats = scopes[scope]
            stats["documents"] += 1
            stats["words"] += len(tokens)
            stats["mentions"].update(found)
            stats["documents_mentioning"].update(set(found))
    result: dict[str, Any] = {"notes": policy.notes, "scopes": {}}
    for scope, stats in sorted(scopes.items()):
        groups = {}
        for group, categories in policy.groups.items():
            per = {c: {"mentions": stats["mentions"][(group, c)],
                       "per_10k_words": round(10_000 * stats["mentions"][(group, c)] / max(1, stats["words"]), 2),
                       "documents_share": round(stats["documents_mentioning"][(group, c)] / max(1, stats["documents"]),
                                                4)}
                   for c in categories}
            counts = [v["mentions"] for v in per.values()]
            groups[group] = {"categories": per,
                             "max_min_ratio": round(max(counts) / min(counts), 2) if min(counts) else None}
        result["scopes"][scope] = {"documents": stats["documents"], "words": stats["words"], "groups": groups}
    return result
