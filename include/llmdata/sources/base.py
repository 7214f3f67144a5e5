"""The connector interface every source implements, the item it yields, and the circuit breaker.

A connector streams items in bounded memory: one file, object, page or batch of rows at a time. It never
writes anything; ingestion decides what is new, changed, unchanged or removed.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from llmdata.errors import LlmdataError


@dataclass(frozen=True)
class Item:
    """One fetched item: raw bytes plus where they came from.

    ``version`` is a cheap change token (mtime+size, ETag, watermark) that lets a re-run skip unchanged items
    without downloading them; ``unchanged`` marks such a skipped item. ``problem`` says why an item could not
    be fetched; ``transient`` problems (timeouts, 5xx) count towards the circuit breaker.
    """

    item_key: str
    source_uri: str
    content: bytes | None
    mime_type: str
    modified_at: datetime | None = None
    size_bytes: int = 0
    version: str | None = None
    licence: str | None = None
    problem: str | None = None
    rule: str = "ingest.unreadable"
    transient: bool = False
    unchanged: bool = False


@dataclass(frozen=True)
class Known:
    """What the lake already holds for an item of this source."""

    content_sha256: str
    version: str | None


@dataclass
class SourceState:
    """State of one source before this run: known items by item key, the SQL watermark, and the item keys
    erased on request (never ingested again)."""

    known: Mapping[str, Known] = field(default_factory=dict)
    watermark: str | None = None
    erased: frozenset[str] = frozenset()
    @functools.cached_property
    def sorted_keys(self) -> list[str]:
        return sorted(self.known)

    def keys_under(self, *prefixes: str) -> list[str]:
        """Known item keys starting with any of ``prefixes`` (the records or members of one file): a binary
        search in the sorted keys, so checking every file of a large folder stays linear, not quadratic."""
        import bisect

        found = []
        for prefix in prefixes:
            start = bisect.bisect_left(self.sorted_keys, prefix)
            for key in self.sorted_keys[start:]:
                if not key.startswith(prefix):
                    break
                found.append(key)
        return found


class SourceUnavailableError(LlmdataError, RuntimeError):
    """The source cannot be listed or read at all (unreachable host, rejected credentials, missing folder)."""


class Connector(ABC):
    """A source connector. ``lists_everything`` says whether an item absent from a run was removed."""

    kind: ClassVar[str]
    version: ClassVar[str] = "1"
    lists_everything: ClassVar[bool] = True

    @abstractmethod
    def items(self, state: SourceState) -> Iterator[Item]:
        """Yield the source's items; unchanged ones (by ``version``) may be yielded without content."""

    @abstractmethod
    def lineage_namespace(self) -> str:
        """OpenLineage namespace of the source (``s3://bucket``, ``postgres://host:port``, ``https://host``)."""

    @abstractmethod
    def lineage_name(self) -> str:
        """OpenLineage dataset name within the namespace (a prefix, a path, a table)."""

    def next_watermark(self) -> str | None:
        """The watermark to resume from next run (only watermark-based connectors have one)."""
        return None


class CircuitBreaker:
    """Opens after ``max_failures`` consecutive transient failures; an open breaker stops the source's run."""

    def __init__(self, max_failures: int) -> None:
        self.max_failures = max_failures
        self.consecutive = 0
        self.total = 0
        self.open = False
        self.last_problem: str | None = None

    def record(self, item: Item) -> None:
        if item.problem and item.transient:
            self.consecutive += 1
            self.total += 1
            self.last_problem = item.problem
            if self.consecutive >= self.max_failures:
                self.open = True
        else:
            self.consecutive = 0
