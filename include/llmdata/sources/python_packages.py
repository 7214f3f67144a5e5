"""The ``python_packages`` connector: the descriptions of the Python distributions installed beside us.

A real document collection that exists offline on every machine with the venv: package READMEs written by
their authors, each with its own licence field.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from llmdata.sources.base import Connector, Item, SourceState


def _licence(meta: metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    declared = (meta.get("License") or "").strip()
    if declared and len(declared) <= 80 and "\n" not in declared and declared.upper() != "UNKNOWN":
        return declared
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return classifiers[0] if classifiers else "unspecified"


class PythonPackagesConnector(Connector):
    """One item per installed distribution: summary and long description as Markdown-ish text."""

    kind = "python_packages"

    def __init__(self, max_chars: int = 6000, min_chars: int = 300, paths: list[str] | None = None) -> None:
        self.max_chars, self.min_chars = max_chars, min_chars
        self.paths = paths or [p for p in sys.path if p.endswith("site-packages")]

    def lineage_namespace(self) -> str:
        return "file"

    def lineage_name(self) -> str:
        return self.paths[0] if self.paths else "site-packages"

    def items(self, state: SourceState) -> Iterator[Item]:
        seen: set[str] = set()
        dists = sorted(metadata.distributions(path=self.paths),
                       key=lambda d: (d.metadata.get("Name") or "").lower())
        for dist in dists:
            meta = dist.metadata
            name, version = meta.get("Name"), meta.get("Version")
            if not name or name.lower() in seen:
                continue
            seen.add(name.lower())
            body = (meta.get_payload() or meta.get("Description") or "").strip()  # type: ignore[attr-defined]
            if len(body) < self.min_chars:
                continue
            text = f"{name} {version}: {meta.get('Summary') or ''}\n\n{body[: self.max_chars]}"
            content = json.dumps({"text": text, "title": f"{name} {version}"}, ensure_ascii=False).encode()
            # PathDistribution keeps its .dist-info folder in _path; there is no public accessor.
            location = Path(str(getattr(dist, "_path", dist.locate_file(""))))
            yield Item(
                item_key=name.lower(), source_uri=f"{location.as_uri()}/METADATA", content=content,
                mime_type="application/json", modified_at=datetime.now(UTC), size_bytes=len(content),
                version=version, licence=_licence(meta),
            )
