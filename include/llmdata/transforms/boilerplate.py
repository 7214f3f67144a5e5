"""Boilerplate lines: navigation, footers and legal notices that recur across a source's documents.

A line is boilerplate for a source when it is at least 20 characters long and appears in at least ``min_docs``
*distinct* documents making up at least ``min_share`` of the source's distinct documents. Counting distinct
texts means copies of one document never make each other's lines boilerplate (copies are dedup's job), and
learning over the whole run, not one shard, makes the decision the same however items fall into shards.
Lines once learned for a source are kept (``meta.boilerplate``), so a later run with a few changed documents
strips what the first run stripped.

Stripping never takes a document's body: it stops short of removing half of a document's characters or all
of its lines, and then leaves the document as it is.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

_SPACES = re.compile(r"\s+")
MIN_LINE_CHARS = 20
MAX_REMOVED_SHARE = 0.5


def line_key(line: str) -> str:
    """A line's identity for boilerplate: SHA-256 of its NFC form with whitespace collapsed."""
    if not line.isascii():  # NFC leaves ASCII as it is
        line = unicodedata.normalize("NFC", line)
    normal = _SPACES.sub(" ", line).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def learn(texts: Iterable[str], sources: Iterable[str], min_docs: int = 3, min_share: float = 0.3
          ) -> dict[str, set[str]]:
    """Boilerplate line keys per source among ``texts`` (each distinct text counted once)."""
    return learn_pairs(zip(texts, sources, strict=True), min_docs, min_share)


def learn_pairs(pairs: Iterable[tuple[str, str]], min_docs: int = 3, min_share: float = 0.3) -> dict[str, set[str]]:
    """:func:`learn` over (text, source) pairs, read once: texts are not kept, only line-key counts."""
    seen: set[tuple[str, str]] = set()
    per_source: dict[str, Counter[str]] = defaultdict(Counter)
    sizes: Counter[str] = Counter()
    for text, source in pairs:
        digest = hashlib.sha256((text or "").encode("utf-8")).hexdigest()
        if (source, digest) in seen:
            continue
        seen.add((source, digest))
        sizes[source] += 1
        per_source[source].update({line_key(line) for line in (text or "").split("\n")
                                   if len(line.strip()) >= MIN_LINE_CHARS})
    return {source: {key for key, n in counts.items() if n >= min_docs and n >= min_share * sizes[source]}
            for source, counts in per_source.items()}


def by_source(sources: Iterable[str], keys: Iterable[str]) -> dict[str, set[str]]:
    """Learned line keys grouped by source, from the columns of ``meta.boilerplate``."""
    found: dict[str, set[str]] = {}
    for source, key in zip(sources, keys, strict=True):
        found.setdefault(source, set()).add(key)
    return found


def strip(text: str, boilerplate: set[str]) -> tuple[str, int]:
    """(``text`` without its boilerplate lines, lines removed); unchanged if that would take its body."""
    if not boilerplate or not text:
        return text, 0
    lines = text.split("\n")
    kept = [line for line in lines
            if len(line.strip()) < MIN_LINE_CHARS or line_key(line) not in boilerplate]
    removed = len(lines) - len(kept)
    if not removed:
        return text, 0
    body = "\n".join(kept).strip()
    if not body or len(body) < (1 - MAX_REMOVED_SHARE) * len(text.strip()):
        return text, 0
    return re.sub(r"\n{3,}", "\n\n", body), removed
