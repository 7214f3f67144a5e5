"""Reranking steps: reorder a retrieval's best candidates with evidence the first stage does not use.

A reranker is any object with ``rerank(query, hits) -> hits``. :class:`LexicalReranker` ships here: it rewards
candidates that contain the question's words *in the question's order* (an exact phrase, which bag-of-words BM25
and a pooled embedding both ignore) and whose page title or section path names what is asked. A cross-encoder
plugs in the same way — ``rerank: {step: "mypackage.rerankers:CrossEncoderReranker", model: /models/ms-marco}``
in ``retrieval.yaml``; the class is built with the remaining keys as keyword arguments.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any, Protocol

from llmdata.index.sparse import term_sequence
from llmdata.index.store import Hit
from llmdata.index.texts import heading


class Reranker(Protocol):
    """What a reranking step offers."""

    def rerank(self, query: str, hits: Sequence[Hit]) -> list[Hit]:
        """``hits`` reordered best first (scores replaced by the reranker's)."""


def _bigrams(terms: Sequence[int]) -> set[tuple[int, int]]:
    return set(pairwise(terms))


@dataclass(frozen=True)
class LexicalReranker:
    """Score = first-stage rank prior + ``phrase_boost`` x share of the question's adjacent term pairs found
    adjacent in the chunk + ``title_boost`` x share of the question's terms in the title and section path.

    The prior falls linearly from 1 (first) to 0 (last candidate), so a boost moves a candidate past others only
    when the evidence is strong; the weights are tuned on the development half of the query set."""

    phrase_boost: float = 0.5
    title_boost: float = 0.5

    def rerank(self, query: str, hits: Sequence[Hit]) -> list[Hit]:
        wanted = term_sequence(query)
        if not wanted or not hits:
            return list(hits)
        pairs, unique = _bigrams(wanted), set(wanted)
        scored = []
        for rank, hit in enumerate(hits):
            prior = 1.0 - rank / len(hits)
            text_terms = term_sequence(str(hit.payload.get("text") or ""))
            phrase = len(pairs & _bigrams(text_terms)) / len(pairs) if pairs else 0.0
            place = set(term_sequence(heading(hit.payload.get("title"), hit.payload.get("section"))))
            title = len(unique & place) / len(unique)
            scored.append((prior + self.phrase_boost * phrase + self.title_boost * title, rank, hit))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [replace(hit, score=round(score, 6)) for score, _, hit in scored]


RERANKERS: dict[str, type] = {"lexical": LexicalReranker}


def build_reranker(step: str, options: dict[str, Any]) -> Reranker:
    """The reranker named ``step`` (a shipped one, or ``module:Class``) built with ``options``."""
    if step in RERANKERS:
        return RERANKERS[step](**options)
    module, _, name = step.partition(":")
    if not name:
        raise ValueError(f"unknown reranker {step!r}: use one of {', '.join(RERANKERS)} or 'package.module:Class'")
    try:
        cls = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise ValueError(f"reranker {step!r} cannot be imported: {error}") from None
    return cls(**options)
