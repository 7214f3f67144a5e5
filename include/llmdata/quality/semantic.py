"""L3 checks that need a model or reference data: toxicity, evaluation-set contamination, off-topic outliers.

Toxicity uses alt-profanity-check: a linear SVM over word n-grams trained on about 200k human-labelled
comments (Davidson et al. 2017 hate-speech tweets and Wikipedia talk-page comments from Jigsaw's toxic comment
challenge); the fitted model ships inside the package (no download). Contamination is n-gram overlap with the
configured evaluation sets (13-word n-grams by default, as in the GPT-3 paper's decontamination).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pyarrow as pa

from llmdata.quality.checks import Check, Verdicts

_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Toxicity(Check):
    """Reject documents whose worst paragraph the offline classifier calls offensive with probability above
    ``max_probability``; the score is 1 minus that probability."""

    name: ClassVar[str] = "toxicity"
    level: ClassVar[str] = "semantic"
    max_probability: float = 0.8

    def evaluate(self, batch: pa.Table) -> Verdicts:
        from profanity_check import predict_prob  # scikit-learn model: loaded when first needed

        texts = [t or "" for t in batch["text"].to_pylist()]
        # Paragraph by paragraph: one abusive paragraph in a long page must not be averaged away.
        paragraphs = [[p for p in re.split(r"\n\s*\n", t) if p.strip()] or [""] for t in texts]
        flat = [p for ps in paragraphs for p in ps]
        probabilities = predict_prob(flat) if flat else []
        worst, cursor = [], 0
        for ps in paragraphs:
            worst.append(float(max(probabilities[cursor:cursor + len(ps)])))
            cursor += len(ps)
        return Verdicts(pa.array([p <= self.max_probability for p in worst], pa.bool_()),
                        f"offensive language (classifier probability > {self.max_probability})",
                        scores=[1.0 - p for p in worst])


def ngrams(text: str, n: int) -> set[int]:
    """Hashes of the lower-cased word ``n``-grams of ``text``."""
    tokens = _TOKEN.findall(text.lower())
    return {hash(" ".join(tokens[i:i + n])) for i in range(len(tokens) - n + 1)}


def overlaps(text: str, n: int, reference: frozenset[int], heads: frozenset[tuple[str, ...]]) -> int:
    """How many distinct word ``n``-grams of ``text`` are in ``reference`` (hashes as :func:`ngrams` makes them).

    Only n-grams whose first two words begin some reference n-gram (``heads``) are joined and hashed: the same
    count as ``len(ngrams(text, n) & reference)``, without building every n-gram of a long page."""
    if n < 2:
        return len(ngrams(text, n) & reference)
    tokens = _TOKEN.findall(text.lower())
    found = {key for i in range(len(tokens) - n + 1)
             if (tokens[i], tokens[i + 1]) in heads and (key := hash(" ".join(tokens[i:i + n]))) in reference}
    return len(found)


@functools.cache
def _eval_heads(paths: tuple[str, ...], n: int) -> frozenset[tuple[str, ...]]:
    """The first two words of every word ``n``-gram of the evaluation sets."""
    heads: set[tuple[str, ...]] = set()
    for text in _eval_texts(paths):
        tokens = _TOKEN.findall(text.lower())
        heads.update((tokens[i], tokens[i + 1]) for i in range(len(tokens) - n + 1))
    return frozenset(heads)


@functools.cache
def _eval_ngrams(paths: tuple[str, ...], n: int) -> frozenset[int]:
    return frozenset(h for text in _eval_texts(paths) for h in ngrams(text, n))


@functools.cache
def _eval_texts(paths: tuple[str, ...]) -> tuple[str, ...]:
    """Every record of the evaluation sets as one text (all its fields)."""
    found: list[str] = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise ValueError(f"evaluation set {path}: {error.strerror}; fix eval_sets in the policy") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise ValueError(f"evaluation set {path} line {number}: not JSON") from None
            found.append(" ".join(str(v) for v in record.values()) if isinstance(record, dict) else str(record))
    return tuple(found)


@dataclass(frozen=True)
class Decontamination(Check):
    """Reject documents sharing at least ``min_overlaps`` word ``ngram``-grams with an evaluation set (JSONL
    files; every field of a record counts), so benchmarks are not trained on."""

    name: ClassVar[str] = "decontamination"
    level: ClassVar[str] = "semantic"
    eval_sets: tuple[str, ...] = ()
    ngram: int = 13
    min_overlaps: int = 1

    def evaluate(self, batch: pa.Table) -> Verdicts:
        paths = tuple(str(resolve(p)) for p in self.eval_sets)
        reference, heads = _eval_ngrams(paths, self.ngram), _eval_heads(paths, self.ngram)
        shared = [overlaps(t or "", self.ngram, reference, heads) for t in batch["text"].to_pylist()]
        return Verdicts(pa.array([o < self.min_overlaps for o in shared], pa.bool_()),
                        f"shares {self.ngram}-word n-grams with an evaluation set",
                        reasons=[f"shares {o} {self.ngram}-word n-grams with an evaluation set" if o else None
                                 for o in shared])


def resolve(path: str) -> Path:
    """A policy path: absolute, or relative to the project's ``include/`` folder."""
    from llmdata.config import INCLUDE_DIR

    candidate = Path(path)
    return candidate if candidate.is_absolute() else INCLUDE_DIR / candidate


def _corpus_centroid(sample: int) -> object:
    from llmdata.config import get_settings
    from llmdata.index.qdrant import open_index

    settings = get_settings()
    with open_index(settings) as index:
        return index.centroid(settings.collection, sample)


@dataclass(frozen=True)
class EmbeddingOutlier(Check):
    """Reject off-topic documents: cosine similarity of the document's embedding (its first ``max_chars``
    characters, the configured embedding model) to the centroid of the indexed corpus below ``min_similarity``.
    Until the collection holds points there is no corpus to compare with and every document passes."""

    name: ClassVar[str] = "embedding_outlier"
    level: ClassVar[str] = "semantic"
    min_similarity: float = 0.1
    reference_points: int = 2000
    max_chars: int = 2000

    def evaluate(self, batch: pa.Table) -> Verdicts:
        centroid = _corpus_centroid(self.reference_points)
        if centroid is None or not batch.num_rows:
            return Verdicts(pa.array([True] * batch.num_rows, pa.bool_()), "no indexed corpus to compare with yet")
        from llmdata.config import get_settings
        from llmdata.index.embedder import settings_embedder

        texts = [(t or "")[: self.max_chars] for t in batch["text"].to_pylist()]
        vectors = settings_embedder(get_settings(), 32).encode(texts)
        similarity = [float(v @ centroid) for v in vectors]
        return Verdicts(pa.array([s >= self.min_similarity for s in similarity], pa.bool_()),
                        f"off-topic: similarity to the corpus below {self.min_similarity}",
                        reasons=[f"off-topic: similarity to the corpus {s:.2f} < {self.min_similarity}"
                                 if s < self.min_similarity else None for s in similarity])
