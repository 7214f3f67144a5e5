"""BM25 term vectors for the keyword side of hybrid search, from Qdrant's own analyser (qdrant-edge-py's
``Bm25``: Unicode word tokens, lower-cased, English stop words removed, Snowball stemming).

Points store term-frequency weights only (k, b and the average length are applied here); the collection's
sparse vector has Qdrant's IDF modifier, so the inverse document frequency comes from the collection itself at
query time and stays right as documents are added and removed. Queries weigh each distinct term 1.0.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

SPARSE_VECTOR = "bm25"
# Term saturation and length normalisation are the textbook values; the average length is a chunk's, in terms
# (a 256-token chunk of documentation keeps about 130 terms once stop words and punctuation are gone).
K1, B, AVG_LEN = 1.2, 0.75, 130.0
VERSION = f"bm25-en-k{K1}-b{B}-l{AVG_LEN:g}"

SparseVector = tuple[list[int], list[float]]
_WORD = re.compile(r"[^\W_]+")  # the analyser splits words at underscores too


@cache
def _model() -> Any:
    import qdrant_edge as q  # not at DAG parse time: the operators import this module for VERSION

    return q.Bm25(q.Bm25Config(k=K1, b=B, avg_len=AVG_LEN, language="english"))


def document_vector(text: str) -> SparseVector:
    """A chunk's term weights (saturated term frequency, length-normalised)."""
    vector = _model().embed_document(text)
    return list(vector.indices), [float(v) for v in vector.values]


def query_vector(text: str) -> SparseVector:
    """A query's terms, each weighted 1.0."""
    vector = _model().embed_query(text)
    return list(vector.indices), [float(v) for v in vector.values]


def terms(text: str) -> set[int]:
    """The distinct analysed terms of ``text`` (ids as the index stores them)."""
    return set(_model().embed_query(text).indices)


@cache
def _word_term(word: str) -> int | None:
    indices = _model().embed_query(word).indices
    return indices[0] if len(indices) == 1 else None


def term_sequence(text: str) -> list[int]:
    """``text``'s analysed terms in reading order (stop words dropped), for phrase matching."""
    return [t for word in _WORD.findall(text) if (t := _word_term(word.lower())) is not None]
