"""L2 statistical checks: Gopher quality and repetition, C4 and FineWeb, with the papers' default thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pyarrow as pa

from llmdata.quality.checks import Check, Verdicts
from llmdata.quality.heuristics import (
    C4Params,
    FineWebParams,
    GopherQualityParams,
    GopherRepetitionParams,
    c4_lines,
    fineweb_quality,
    gopher_quality,
    gopher_repetition,
)
from llmdata.transforms.markup import prose


def _texts(batch: pa.Table) -> list[str]:
    """The prose of each document: word statistics are about language, so fenced code is left out."""
    return [prose(t or "") for t in batch["text"].to_pylist()]


@dataclass(frozen=True)
class GopherQuality(GopherQualityParams, Check):
    """Gopher quality rules: word count, mean word length, symbols, bullets, ellipses, alphabetic words, stop
    words (Rae et al. 2021)."""

    name: ClassVar[str] = "gopher_quality"
    level: ClassVar[str] = "statistical"
    # The stop-word rule is English; documents identified as another language pass this check.
    languages: tuple[str, ...] = ("en",)

    def evaluate(self, batch: pa.Table) -> Verdicts:
        langs = batch["lang"].to_pylist() if "lang" in batch.column_names else ["en"] * batch.num_rows
        return Verdicts.from_rules([gopher_quality(t, self) if (lang or "en") in self.languages else None
                                    for t, lang in zip(_texts(batch), langs, strict=True)], "Gopher quality")


@dataclass(frozen=True)
class GopherRepetition(GopherRepetitionParams, Check):
    """Gopher repetition rules: duplicate lines and paragraphs, top and repeated n-grams (Rae et al. 2021)."""

    name: ClassVar[str] = "gopher_repetition"
    level: ClassVar[str] = "statistical"

    def evaluate(self, batch: pa.Table) -> Verdicts:
        return Verdicts.from_rules([gopher_repetition(t, self) for t in _texts(batch)], "Gopher repetition")


@dataclass(frozen=True)
class C4Quality(C4Params, Check):
    """C4's page rules (lorem ipsum, curly brackets, at least five sentences in kept lines); in a ``transform``
    gate the text also loses the lines C4 drops (no terminal punctuation, javascript, cookie/policy notices)."""

    name: ClassVar[str] = "c4_quality"
    level: ClassVar[str] = "statistical"

    def evaluate(self, batch: pa.Table) -> Verdicts:
        results = [c4_lines(t or "", self) for t in batch["text"].to_pylist()]
        return Verdicts.from_rules([rule for rule, _ in results], "C4", texts=[text for _, text in results])


@dataclass(frozen=True)
class FineWebQuality(FineWebParams, Check):
    """FineWeb rules: lines ending in punctuation, short lines, duplicated line characters, list-like text."""

    name: ClassVar[str] = "fineweb_quality"
    level: ClassVar[str] = "statistical"

    def evaluate(self, batch: pa.Table) -> Verdicts:
        return Verdicts.from_rules([fineweb_quality(t, self) for t in _texts(batch)], "FineWeb")
