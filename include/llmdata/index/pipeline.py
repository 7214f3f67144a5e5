"""The retrieval pipeline, declared in ``retrieval.yaml``: query rewriting, retrievers, fusion, reranking.

``retrieve()``, ``llmdata search``, the Airflow UI and ``llmdata eval retrieval`` all run the pipeline the
settings name (``LLMDATA_RETRIEVAL_FILE``), so a team changes its retrieval strategy in config and sees the
effect in the evaluation. Every retriever is a prefetch of one Query API call, filtered inside Qdrant by the
caller's groups; the fusion happens in Qdrant too, the reranking here on the fused candidates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from llmdata.errors import LlmdataError
from llmdata.index.sparse import query_vector
from llmdata.index.store import SPARSE, Hit, Probe, VectorIndex


class RetrievalPipelineError(LlmdataError, ValueError):
    """The retrieval pipeline file is broken; the message names the file, line and field."""


# ------------------------------------------------------------------------------------------- query rewriting
_QUESTION = re.compile(
    r"^\s*(?:(?:please|hi|hello)[,!]?\s+)*(?:(?:how|what|where|which|why|when)\s+(?:do|does|can|should|would|is|are)"
    r"\s+(?:i|we|you|one)\s+|how\s+(?:to|can|do)\s+|what(?:'s| is| are)\s+(?:the\s+)?(?:best\s+)?(?:way\s+to\s+)?"
    r"|is\s+there\s+(?:a\s+)?(?:way\s+to\s+)?|i\s+(?:want|need|would\s+like)\s+to\s+)", re.IGNORECASE)


def strip_question(query: str) -> str:
    """Drop the question's scaffolding ("how do I", "is there a way to", a final "?"), which tells a dense model
    the text is a question rather than what it is about."""
    stripped = _QUESTION.sub("", query).strip().rstrip("?").strip()
    return stripped or query


REWRITERS: dict[str, Callable[[str], str]] = {"strip_question": strip_question}


# ------------------------------------------------------------------------------------------------- the config
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Retriever(_Strict):
    """One first-stage retriever: a named vector of the collection and how many candidates it brings."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    vector: Literal["dense", "heading", "bm25"] = Field(description="dense: the chunk in context; heading: its "
                                                        "title and section path; bm25: keywords")
    k: int = Field(50, ge=1, le=1000)
    weight: float = Field(1.0, gt=0, description="Its weight in reciprocal rank fusion: Qdrant scores rank r "
                          "(from 0) as 1 / ((r + 1) / weight + k - 1), so a small weight keeps only its first hits.")


class FusionConfig(_Strict):
    method: Literal["rrf", "dbsf"] = "rrf"
    k: int = Field(60, ge=1, description="RRF's rank constant.")


class RerankConfig(_Strict):
    model_config = ConfigDict(extra="allow", frozen=True)
    step: str = Field(description="A shipped reranker (lexical) or 'package.module:Class'.")
    candidates: int = Field(30, ge=1, le=1000, description="How many fused candidates it reorders.")


class AggregateConfig(_Strict):
    """Rank pages by all their evidence, not by their single best chunk: a page that several fused candidates
    come from is more likely what was asked about than one lucky chunk of an unrelated page."""

    by: Literal["page"] = Field("page", description="page: the chunks of one source document")
    candidates: int = Field(100, ge=1, le=1000, description="How many fused chunks count as evidence.")
    evidence: int = Field(3, ge=1, le=50, description="How many of a page's best chunks count.")
    weight: float = Field(0.5, ge=0, description="Weight of a page's supporting chunks beside its best one.")


class RetrievalPipeline(_Strict):
    """A retrieval strategy (see the module docstring)."""

    version: int = 1
    rewrite: list[Literal["strip_question"]] = Field(default_factory=list)
    retrievers: list[Retriever] = Field(min_length=1)
    fusion: FusionConfig = Field(default_factory=FusionConfig)
    aggregate: AggregateConfig | None = None
    rerank: RerankConfig | None = None

    @model_validator(mode="after")
    def _distinct_names(self) -> RetrievalPipeline:
        names = [r.name for r in self.retrievers]
        if len(set(names)) != len(names):
            raise ValueError(f"retriever names must be distinct: {names}")
        return self

    @property
    def reranker(self) -> Any:
        """The reranking step, built once per configuration (None without one)."""
        if self.rerank is None:
            return None
        return _reranker(self.rerank.step, tuple(sorted((self.rerank.model_extra or {}).items())))

    def variant(self, vectors: Sequence[str]) -> RetrievalPipeline:
        """The first stage alone with only the retrievers of ``vectors``, no rewriting or reranking (what
        ``llmdata eval retrieval`` calls dense or sparse)."""
        kept = [r for r in self.retrievers if r.vector in vectors]
        if not kept:
            kept = [Retriever(name=vectors[0], vector=vectors[0])]  # type: ignore[arg-type]
        return self.model_copy(update={"retrievers": kept, "rewrite": [], "aggregate": None, "rerank": None})

    def describe(self) -> str:
        """One line: ``rewrite > dense(50) + bm25(50) > rrf(k=60) > page(3) > lexical(30)``."""
        parts = [" + ".join(f"{r.name}({r.k}{f', x{r.weight:g}' if r.weight != 1 else ''})"
                            for r in self.retrievers)]
        if len(self.retrievers) > 1:
            parts.append(f"{self.fusion.method}" + (f"(k={self.fusion.k})" if self.fusion.method == "rrf" else ""))
        if self.rewrite:
            parts.insert(0, "+".join(self.rewrite))
        if self.aggregate:
            parts.append(f"{self.aggregate.by}({self.aggregate.evidence}, x{self.aggregate.weight:g})")
        if self.rerank:
            parts.append(f"{self.rerank.step}({self.rerank.candidates})")
        return " > ".join(parts)

    # ------------------------------------------------------------------------------------------- running it
    def run(self, index: VectorIndex, collection: str, query: str, encode: Callable[[str], np.ndarray],
            k: int = 5, where: dict[str, list[str]] | None = None) -> list[Hit]:
        """The ``k`` best chunks for ``query``: rewrite, one fused Query API call, aggregate by page, rerank."""
        for step in self.rewrite:
            query = REWRITERS[step](query)
        dense = encode(query).tolist() if any(r.vector != SPARSE for r in self.retrievers) else None
        sparse = query_vector(query) if any(r.vector == SPARSE for r in self.retrievers) else None
        probes = [Probe(r.vector, sparse if r.vector == SPARSE else dense, r.k, r.weight)  # type: ignore[arg-type]
                  for r in self.retrievers]
        if sparse is not None and not sparse[0]:  # nothing but stop words: the keyword side has no opinion
            probes = [p for p in probes if p.using != SPARSE] or probes
        limit = max(k, self.rerank.candidates if self.rerank else 0,
                    self.aggregate.candidates if self.aggregate else 0)
        hits = index.query(collection, probes, limit, where, self.fusion.method, self.fusion.k)
        if self.aggregate is not None:
            hits = aggregate_pages(hits[:self.aggregate.candidates], self.aggregate.evidence,
                                   self.aggregate.weight) + hits[self.aggregate.candidates:]
        if self.reranker is not None:
            hits = self.reranker.rerank(query, hits[:self.rerank.candidates]) + hits[self.rerank.candidates:]
        return hits[:k]


def aggregate_pages(hits: Sequence[Hit], evidence: int = 3, weight: float = 0.5) -> list[Hit]:
    """``hits`` grouped by page, pages best first: a page scores its best chunk plus ``weight`` x the scores of
    its next ``evidence - 1`` chunks. Within a page the chunks keep their order; each hit's score becomes its
    page's. Scores must be higher-is-better and comparable across hits (one fused list)."""
    pages: dict[str, list[Hit]] = {}
    for hit in hits:
        pages.setdefault(str(hit.payload.get("doc_id") or hit.payload.get("source_uri") or ""), []).append(hit)
    scored = [(page[0].score + weight * sum(h.score for h in page[1:evidence]), order, page)
              for order, page in enumerate(pages.values())]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [replace(hit, score=round(score, 6)) for score, _, page in scored for hit in page]


@lru_cache(maxsize=32)
def _reranker(step: str, options: tuple[tuple[str, Any], ...]) -> Any:
    from llmdata.index.rerank import build_reranker

    return build_reranker(step, dict(options))


def load_retrieval_pipeline(path: Path) -> RetrievalPipeline:
    """Read and validate the pipeline at ``path``; :class:`RetrievalPipelineError` names what is wrong and where."""
    from llmdata.quality.policy import yaml_line

    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except OSError as error:
        raise RetrievalPipelineError(f"{path}: cannot read the retrieval pipeline ({error.strerror}); set "
                                     "LLMDATA_RETRIEVAL_FILE") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise RetrievalPipelineError(f"{path}{f' line {mark.line + 1}' if mark else ''}: not valid YAML: "
                                     f"{getattr(error, 'problem', error)}") from None
    if not isinstance(raw, dict):
        raise RetrievalPipelineError(f"{path}: needs a mapping with 'retrievers' (see include/retrieval.yaml)")
    try:
        pipeline = RetrievalPipeline.model_validate(raw)
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            location = [p for p in problem["loc"] if not isinstance(p, str) or p in _fields(raw, problem["loc"])]
            field = ".".join(map(str, problem["loc"])) or "(top level)"
            problems.append(f"{path} line {yaml_line(text, location) or '?'}: field {field}: {problem['msg']}")
        raise RetrievalPipelineError("\n".join(problems)) from None
    try:
        pipeline.reranker  # noqa: B018 - a reranker that cannot be built is a config error, found at load
    except (ValueError, TypeError) as error:
        raise RetrievalPipelineError(f"{path} line {yaml_line(text, ['rerank']) or '?'}: field rerank: {error}") \
            from None
    return pipeline


def _fields(raw: Any, loc: tuple[Any, ...]) -> set[str]:
    """The mapping keys along ``loc`` that exist in the file (pydantic adds model names to union locations)."""
    keys, node = set(), raw
    for part in loc:
        if isinstance(node, dict) and part in node:
            keys.add(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
    return keys
