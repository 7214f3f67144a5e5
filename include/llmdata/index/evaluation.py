"""Retrieval evaluation: hit@k and mean reciprocal rank of a committed query set against the collection.

A query set is JSONL: ``{"query": ..., "expected": [name, ...]}``; a hit is relevant when its source URI ends
with one of the names (one FAQ record: ``faq.jsonl#L3``) or has a path segment starting with it (a document
family: ``postgres-backup`` matches ``wiki/postgres-backup-02.md``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from llmdata.config import Settings
from llmdata.index.retrieve import retrieve


@dataclass(frozen=True)
class QueryResult:
    query: str
    rank: int | None  # 1-based rank of the first relevant hit within k, or None
    top: str


def relevant(uri: str, expected: str) -> bool:
    """Whether a hit with ``uri`` is what ``expected`` names (see the module docstring)."""
    return uri.endswith(expected) or re.search(rf"/{re.escape(expected)}(?=[-./]|$)", uri) is not None


def evaluate_retrieval(settings: Settings, query_set: Path, k: int = 5) -> tuple[list[QueryResult], dict[str, float]]:
    """Per-query first relevant rank and the summary metrics (hit@1, hit@k, MRR@k)."""
    results = []
    for number, line in enumerate(query_set.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            query, expected = item["query"], item["expected"]
        except (json.JSONDecodeError, KeyError):
            raise ValueError(f"{query_set} line {number}: needs JSON with 'query' and 'expected'") from None
        hits = retrieve(query, settings, k=k)
        ranks = [i for i, h in enumerate(hits, 1) if any(relevant(h.payload.get("source_uri") or "", e)
                                                          for e in expected)]
        results.append(QueryResult(query, ranks[0] if ranks else None,
                                   hits[0].payload.get("source_uri", "") if hits else ""))
    n = len(results) or 1
    metrics = {"queries": len(results), "hit@1": sum(r.rank == 1 for r in results) / n,
               f"hit@{k}": sum(r.rank is not None for r in results) / n,
               f"mrr@{k}": sum(1 / r.rank for r in results if r.rank) / n}
    return results, {key: round(v, 3) for key, v in metrics.items()}
