"""Tiered processing paths: each document goes down the fast, standard or deep path.

The quality policy's ``routing`` section lists rules (first match wins) over what is known before any text is
read: the source's sensitivity and id, the mime type, the size, the item's URI. The path decides how deep the
later steps look: the deep path adds NER to PII detection (names, places) and, once the quality layer has
them, every ML check; the fast path runs regex PII and structural checks only. The chosen path is kept on
every row (``route``) and steps report their throughput per path.
"""

from __future__ import annotations

import fnmatch
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

PATHS = ("fast", "standard", "deep")


@dataclass(frozen=True)
class RoutingRule:
    """Send a document down ``path`` when every condition given holds (a list matches any of its values)."""

    name: str
    path: str
    sensitivity: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    mime_types: tuple[str, ...] = ()
    uri_glob: str | None = None
    min_bytes: int | None = None
    max_bytes: int | None = None
    # The quality profile (policy ``profiles``) whose check parameters apply to the documents this rule matches.
    profile: str | None = None

    def matches(self, source_id: str, sensitivity: str, mime_type: str, uri: str, size: int) -> bool:
        return (
            (not self.sensitivity or sensitivity in self.sensitivity)
            and (not self.sources or source_id in self.sources)
            and (not self.mime_types or mime_type in self.mime_types)
            and (self.uri_glob is None or fnmatch.fnmatchcase(uri, self.uri_glob))
            and (self.min_bytes is None or size >= self.min_bytes)
            and (self.max_bytes is None or size <= self.max_bytes)
        )


@dataclass(frozen=True)
class Routing:
    """Ordered routing rules and the path of documents no rule matches."""

    default: str = "standard"
    rules: tuple[RoutingRule, ...] = ()

    @classmethod
    def from_policy(cls, raw: Mapping[str, Any] | None) -> Routing:
        """Build from the policy's (already schema-validated) ``routing`` section."""
        if not raw:
            return cls()
        rules = []
        for spec in raw.get("rules", []):
            when = spec.get("when", {})
            rules.append(RoutingRule(
                name=spec["name"], path=spec["path"], sensitivity=tuple(when.get("sensitivity", ())),
                sources=tuple(when.get("sources", ())), mime_types=tuple(when.get("mime_types", ())),
                uri_glob=when.get("uri_glob"), min_bytes=when.get("min_bytes"), max_bytes=when.get("max_bytes"),
                profile=spec.get("profile")))
        return cls(raw.get("default", "standard"), tuple(rules))

    def route(self, source_id: str, sensitivity: str, mime_type: str, uri: str, size: int) -> tuple[str, str]:
        """(path, rule name) for one document; the rule is ``default`` when none matched."""
        rule = self.match(source_id, sensitivity, mime_type, uri, size)
        return (rule.path, rule.name) if rule else (self.default, "default")

    def match(self, source_id: str, sensitivity: str, mime_type: str, uri: str, size: int) -> RoutingRule | None:
        """The first rule that matches one document, or None."""
        return next((r for r in self.rules if r.matches(source_id, sensitivity, mime_type, uri, size)), None)

    def describe(self) -> dict[str, Any]:
        return {"default": self.default,
                "rules": [{k: v for k, v in vars(r).items() if v not in ((), None)} for r in self.rules]}


def routes_of(rows: pa.Table) -> list[str]:
    """The ``route`` of every row; rows written before routing existed took the standard path."""
    if "route" not in rows.column_names:
        return ["standard"] * rows.num_rows
    return [route or "standard" for route in rows["route"].to_pylist()]


def assign_routes(rows: pa.Table, routing: Routing, sensitivity: Mapping[str, str]) -> tuple[pa.Table, Counter[str]]:
    """``rows`` (bronze-shaped) with ``route`` and ``quality_profile`` columns, and how often each rule decided.

    ``sensitivity`` maps source id to its registry classification; unknown sources count as ``internal``.
    """
    routes, profiles, hits = [], [], Counter()
    columns = zip(rows["source_id"].to_pylist(), rows["mime_type"].to_pylist(), rows["source_uri"].to_pylist(),
                  rows["size_bytes"].to_pylist(), strict=True)
    for source_id, mime, uri, size in columns:
        rule = routing.match(source_id, sensitivity.get(source_id, "internal"), mime or "", uri or "", size or 0)
        routes.append(rule.path if rule else routing.default)
        profiles.append(rule.profile if rule else None)
        hits[rule.name if rule else "default"] += 1
    rows = rows.drop_columns([c for c in ("route", "quality_profile") if c in rows.column_names])
    rows = rows.append_column("route", pa.array(routes, pa.string()))
    return rows.append_column("quality_profile", pa.array(profiles, pa.string())), hits


@dataclass
class PathClock:
    """Documents and seconds per path, for per-path throughput of one step."""

    documents: Counter[str] = field(default_factory=Counter)
    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))

    def timed(self, routes: list[str]) -> Iterator[tuple[int, str]]:
        """Yield (row index, path) and charge the time until the next item to that path."""
        for i, path in enumerate(routes):
            start = time.perf_counter()
            yield i, path
            self.documents[path] += 1
            self.seconds[path] += time.perf_counter() - start

    def add(self, path: str, documents: int, seconds: float) -> None:
        """Charge ``documents`` processed in ``seconds`` to ``path``."""
        self.documents[path] += documents
        self.seconds[path] += seconds

    def report(self) -> dict[str, dict[str, float]]:
        """{path: {documents, seconds, docs_per_s}} for the paths that saw documents."""
        return {
            path: {"documents": self.documents[path], "seconds": round(self.seconds[path], 4),
                   "docs_per_s": round(self.documents[path] / self.seconds[path], 1) if self.seconds[path] else 0.0}
            for path in PATHS if self.documents[path]
        }
