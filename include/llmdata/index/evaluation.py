"""Retrieval evaluation: page-level hit@1/5, MRR@10 and nDCG@10 of a committed query set, per query kind, for
the first stages alone (dense, sparse) and the declared pipeline (hybrid), with bootstrap confidence intervals.

A query set is JSONL: ``{"query": ..., "expected": [page, ...]}``, optionally with ``id``, ``kind`` (e.g.
``direct`` / ``paraphrase``) and ``split`` (``dev`` / ``heldout``). A hit is on an acceptable page when its
source URI ends with one of the names (``library/heapq.html``; one FAQ record: ``faq.jsonl#L3``) or has a path
segment starting with it (a document family: ``postgres-backup`` matches ``wiki/postgres-backup-02.md``). Chunks
are collapsed to their pages in rank order, so a page found by five chunks counts once.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from llmdata.config import Settings
from llmdata.errors import LlmdataError
from llmdata.index.pipeline import RetrievalPipeline
from llmdata.index.store import DENSE, SPARSE, Hit

PAGES = 10  # pages ranked per query: MRR@10 and nDCG@10
CANDIDATE_CHUNKS = 50  # chunks asked for, collapsed to pages
METRICS = ("hit@1", "hit@5", "mrr@10", "ndcg@10")


class QuerySetError(LlmdataError, ValueError):
    """A query set line is not what the evaluation reads; the message names the line."""


@dataclass(frozen=True)
class Query:
    id: str
    query: str
    expected: tuple[str, ...]
    kind: str = "all"
    split: str = ""


@dataclass
class QueryResult:
    query: Query
    pages: list[str]  # the ranked distinct pages (source URIs)
    relevant: list[bool] = field(default_factory=list)

    @property
    def rank(self) -> int | None:
        """1-based rank of the first acceptable page within the ranked pages, or None."""
        return next((i for i, hit in enumerate(self.relevant, 1) if hit), None)

    def scores(self) -> dict[str, float]:
        rank = self.rank
        # Each acceptable name earns a gain once, at the first page it matches: a name for a document family
        # (``postgres-backup``) matches several pages, and counting each would push nDCG above 1.
        unmatched, gains = list(self.query.expected), 0.0
        for i, (page, hit) in enumerate(zip(self.pages[:PAGES], self.relevant, strict=False), 1):
            name = next((e for e in unmatched if relevant(page, e)), None) if hit else None
            if name is not None:
                unmatched.remove(name)
                gains += 1 / math.log2(i + 1)
        ideal = sum(1 / math.log2(i + 1) for i in range(1, min(len(self.query.expected), PAGES) + 1))
        return {"hit@1": float(rank == 1), "hit@5": float(rank is not None and rank <= 5),
                "mrr@10": 1 / rank if rank and rank <= PAGES else 0.0, "ndcg@10": gains / ideal if ideal else 0.0}


def relevant(uri: str, expected: str) -> bool:
    """Whether a hit with ``uri`` is what ``expected`` names (see the module docstring)."""
    return uri.endswith(expected) or re.search(rf"/{re.escape(expected)}(?=[-./]|$)", uri) is not None


def load_queries(path: Path, split: str | None = None) -> list[Query]:
    """The queries of ``path`` (those of ``split`` only, when given; ``dev,heldout`` names several)."""
    splits = {s.strip() for s in split.split(",")} if split else None
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            query = Query(str(item.get("id", number)), item["query"], tuple(item["expected"]),
                          item.get("kind", "all"), item.get("split", ""))
        except (json.JSONDecodeError, KeyError, TypeError):
            raise QuerySetError(f"{path} line {number}: needs JSON with 'query' and a list 'expected'") from None
        if splits is None or query.split in splits:
            queries.append(query)
    if not queries:
        raise QuerySetError(f"{path}: no queries" + (f" in split {split!r}" if split else ""))
    return queries


def pages_of(hits: Sequence[Hit]) -> list[str]:
    """The distinct pages of ``hits`` in rank order."""
    return list(dict.fromkeys(str(h.payload.get("source_uri") or "") for h in hits))[:PAGES]


def standard_variants(pipeline: RetrievalPipeline) -> dict[str, RetrievalPipeline]:
    """dense and sparse (each first stage alone) and hybrid (the pipeline as declared)."""
    return {"dense": pipeline.variant([DENSE]), "sparse": pipeline.variant([SPARSE]), "hybrid": pipeline}


def run_queries(settings: Settings, queries: Sequence[Query], variants: dict[str, RetrievalPipeline],
                progress: Callable[[int, int], None] | None = None) -> dict[str, list[QueryResult]]:
    """Each variant's ranked pages for every query (as an anonymous caller: public chunks only)."""
    from llmdata.index.embedder import settings_embedder
    from llmdata.index.qdrant import shared_index
    from llmdata.index.retrieve import access_filter

    embedder = settings_embedder(settings)
    encode = lru_cache(maxsize=None)(lambda text: embedder.encode([text])[0])
    index, where = shared_index(settings), access_filter(())
    results: dict[str, list[QueryResult]] = {name: [] for name in variants}
    total = len(queries) * len(variants)
    for n, (name, pipeline) in enumerate(variants.items()):
        for i, query in enumerate(queries):
            hits = pipeline.run(index, settings.collection, query.query, encode, CANDIDATE_CHUNKS, where)
            pages = pages_of(hits)
            results[name].append(QueryResult(query, pages, [any(relevant(p, e) for e in query.expected)
                                                            for p in pages]))
            if progress:
                progress(n * len(queries) + i + 1, total)
    return results


@dataclass(frozen=True)
class Estimate:
    mean: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.mean:.3f} [{self.low:.3f}, {self.high:.3f}]"


def bootstrap(values: np.ndarray, resamples: int = 2000, seed: int = 0) -> Estimate:
    """Mean of ``values`` with a percentile bootstrap 95 % interval (queries resampled with replacement)."""
    if not len(values):
        return Estimate(float("nan"), float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(resamples, len(values)))].mean(axis=1)
    return Estimate(float(values.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5)))


def summarise(results: dict[str, list[QueryResult]], resamples: int = 2000) -> dict[str, dict[str, dict]]:
    """{variant: {kind ("all" first): {metric: Estimate, "queries": n}}}."""
    summary: dict[str, dict[str, dict]] = {}
    for name, rows in results.items():
        kinds = ["all", *sorted({r.query.kind for r in rows} - {"all"})]
        summary[name] = {}
        for kind in kinds:
            chosen = [r.scores() for r in rows if kind == "all" or r.query.kind == kind]
            summary[name][kind] = {"queries": len(chosen)} | {
                m: bootstrap(np.array([s[m] for s in chosen]), resamples) for m in METRICS}
    return summary


def paired_difference(results: dict[str, list[QueryResult]], variant: str, baseline: str = "dense",
                      metric: str = "mrr@10", kind: str = "all", resamples: int = 2000) -> Estimate:
    """``variant`` minus ``baseline`` on ``metric``, query by query, with a paired bootstrap 95 % interval."""
    pairs = [(a.scores()[metric], b.scores()[metric]) for a, b in zip(results[variant], results[baseline],
                                                                       strict=True)
             if kind == "all" or a.query.kind == kind]
    return bootstrap(np.array([a - b for a, b in pairs]), resamples)
