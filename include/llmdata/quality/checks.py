"""Quality checks: each is its parameters plus one pure method over an Arrow table.

A check answers one question per row (pass or not, and why not). The gate, not the check, decides what a
failure means (block, filter, ...). Checks register by name so policies can list them.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, fields
from typing import ClassVar

import pyarrow as pa
import pyarrow.compute as pc

REGISTRY: dict[str, type[Check]] = {}


@dataclass(frozen=True)
class Verdicts:
    """Per-row pass/fail of one check, with the reason a failing row carries into quarantine.

    ``reasons`` refines ``reason`` per row where a check has several rules (Gopher's ten); ``scores`` (0..1,
    higher is better) feed the composite quality score where a check measures more than pass/fail; ``texts``
    is the fixed text of a check that also repairs (used by ``transform`` gates).
    """

    passed: pa.BooleanArray
    reason: str
    reasons: list[str | None] | None = None
    scores: list[float] | None = None
    texts: list[str] | None = None

    @classmethod
    def where(cls, condition: pa.Array | pa.ChunkedArray, reason: str) -> Verdicts:
        """Rows pass where ``condition`` is true; nulls fail."""
        array = condition.combine_chunks() if isinstance(condition, pa.ChunkedArray) else condition
        return cls(pc.fill_null(array, False), reason)

    @classmethod
    def from_rules(cls, rules: list[str | None], reason: str, **extra: object) -> Verdicts:
        """Rows pass where no rule was broken; a failing row's reason names the rule it broke."""
        return cls(pa.array([r is None for r in rules], pa.bool_()), reason,
                   reasons=[f"{reason}: {r}" if r else None for r in rules], **extra)  # type: ignore[arg-type]

    def reason_of(self, row: int) -> str:
        """Why row ``row`` failed."""
        return (self.reasons[row] if self.reasons and self.reasons[row] else None) or self.reason

    def score_of(self, row: int) -> float:
        """Row ``row``'s score: the check's own, else 1 for a pass and 0 for a failure."""
        if self.scores is not None:
            return self.scores[row]
        return 1.0 if self.passed[row].as_py() else 0.0


@dataclass(frozen=True)
class Check(ABC):
    """Base of all checks; subclasses set ``name`` and implement :meth:`evaluate`."""

    name: ClassVar[str] = ""
    level: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name:
            REGISTRY[cls.name] = cls

    @abstractmethod
    def evaluate(self, batch: pa.Table) -> Verdicts:
        """Per-row verdicts of this check over ``batch``."""

    def params(self) -> dict[str, object]:
        """The check's parameters (for lineage and reports)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class NonEmpty(Check):
    """Reject documents with no text."""

    name: ClassVar[str] = "non_empty"
    level: ClassVar[str] = "structural"

    def evaluate(self, batch: pa.Table) -> Verdicts:
        return Verdicts.where(pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(batch["text"])), 0), "empty text")


@dataclass(frozen=True)
class LengthBounds(Check):
    """Reject documents shorter than ``min_chars`` or longer than ``max_chars`` characters."""

    name: ClassVar[str] = "length_bounds"
    level: ClassVar[str] = "structural"
    min_chars: int = 200
    max_chars: int = 1_000_000

    def evaluate(self, batch: pa.Table) -> Verdicts:
        n = pc.utf8_length(batch["text"])
        ok = pc.and_(pc.greater_equal(n, self.min_chars), pc.less_equal(n, self.max_chars))
        return Verdicts.where(ok, f"length outside [{self.min_chars}, {self.max_chars}] characters")


@dataclass(frozen=True)
class MinWords(Check):
    """Reject documents shorter than ``min_words`` words (Gopher, Rae et al. 2021)."""

    name: ClassVar[str] = "min_words"
    level: ClassVar[str] = "structural"
    min_words: int = 50

    def evaluate(self, batch: pa.Table) -> Verdicts:
        n_words = pc.list_value_length(pc.utf8_split_whitespace(batch["text"]))
        return Verdicts.where(pc.greater_equal(n_words, self.min_words), f"fewer than {self.min_words} words")


_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class ValidText(Check):
    """Reject text that is mostly not letters, or full of U+FFFD replacement characters (bad decoding)."""

    name: ClassVar[str] = "valid_text"
    level: ClassVar[str] = "structural"
    min_alpha_ratio: float = 0.6
    max_replacement_ratio: float = 0.001

    def evaluate(self, batch: pa.Table) -> Verdicts:
        from llmdata.transforms.markup import prose

        ok = []
        for text in batch["text"].to_pylist():
            text = prose(text or "") or text or ""
            visible = sum(1 for ch in text if not ch.isspace()) or 1
            letters = len(_LETTER.findall(text))
            bad = text.count("\ufffd")
            ok.append(letters / visible >= self.min_alpha_ratio and bad / visible <= self.max_replacement_ratio)
        return Verdicts.where(
            pa.array(ok, pa.bool_()),
            f"letters below {self.min_alpha_ratio:.0%} of visible characters or replacement characters above "
            f"{self.max_replacement_ratio:.1%}",
        )


@dataclass(frozen=True)
class RequiredMetadata(Check):
    """Reject documents missing provenance fields (e.g. a licence)."""

    name: ClassVar[str] = "required_metadata"
    level: ClassVar[str] = "structural"
    fields_required: tuple[str, ...] = ("licence", "source_uri")

    def evaluate(self, batch: pa.Table) -> Verdicts:
        ok = pa.array([True] * batch.num_rows, pa.bool_())
        for column in self.fields_required:
            values = batch[column]
            present = pc.and_(pc.is_valid(values), pc.greater(pc.utf8_length(pc.cast(values, pa.string())), 0))
            ok = pc.and_(ok, pc.fill_null(present, False))
        return Verdicts.where(ok, f"missing one of {', '.join(self.fields_required)}")


@dataclass(frozen=True)
class AllowedMimeTypes(Check):
    """Reject documents whose source mime type is not on the list."""

    name: ClassVar[str] = "allowed_mime_types"
    level: ClassVar[str] = "structural"
    mime_types: tuple[str, ...] = ("text/plain", "text/markdown", "text/x-rst", "text/asciidoc", "text/html",
                                   "application/pdf", "application/json",
                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    def evaluate(self, batch: pa.Table) -> Verdicts:
        allowed = pa.array(list(self.mime_types), pa.string())
        return Verdicts.where(pc.is_in(batch["mime_type"], allowed), "mime type not allowed")


@dataclass(frozen=True)
class AllowedLanguages(Check):
    """Reject documents whose identified language is not on the list (the policy's language scope)."""

    name: ClassVar[str] = "allowed_languages"
    level: ClassVar[str] = "statistical"
    languages: tuple[str, ...] = ("en",)
    min_score: float = 0.0

    def evaluate(self, batch: pa.Table) -> Verdicts:
        ok = pc.and_(pc.is_in(batch["lang"], pa.array(list(self.languages), pa.string())),
                     pc.greater_equal(batch["lang_score"], self.min_score))
        return Verdicts.where(ok, f"language not in {', '.join(self.languages)}")


def _frozen(value: object) -> object:
    """YAML lists as tuples, nested too, so checks stay hashable values."""
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def build_check(name: str, params: dict[str, object]) -> Check:
    """Instantiate the registered check ``name`` with ``params``; unknown names and parameters fail clearly."""
    import llmdata.quality.semantic
    import llmdata.quality.statistical  # noqa: F401  (registers its checks)

    if name not in REGISTRY:
        raise ValueError(f"unknown check {name!r}; known: {', '.join(sorted(REGISTRY))}")
    cls = REGISTRY[name]
    known = {f.name for f in fields(cls)}
    unknown = set(params) - known
    if unknown:
        raise ValueError(f"check {name!r} has no parameter(s) {sorted(unknown)}; it takes {sorted(known)}")
    converted = {k: _frozen(v) for k, v in params.items()}
    return cls(**converted)  # type: ignore[arg-type]


@dataclass(frozen=True)
class DominantLine(Check):
    """Reject text in which one repeated line makes up ``max_share`` or more of the characters: a line pasted
    thousands of times is spam on every path, however well its one line reads."""

    name: ClassVar[str] = "dominant_line"
    level: ClassVar[str] = "structural"
    max_share: float = 0.5

    def evaluate(self, batch: pa.Table) -> Verdicts:
        from collections import Counter

        ok, reasons = [], []
        for text in batch["text"].to_pylist():
            lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
            total = sum(len(line) for line in lines)
            line, count = Counter(lines).most_common(1)[0] if lines else ("", 0)
            share = count * len(line) / total if total else 0.0
            bad = count >= 2 and share >= self.max_share
            ok.append(not bad)
            reasons.append(f"one line repeated {count} times makes up {share:.0%} of the text" if bad else None)
        return Verdicts(pa.array(ok, pa.bool_()), f"one line makes up {self.max_share:.0%} or more of the text",
                        reasons=reasons)
