"""The ``files`` connector: a folder of txt, md, html, pdf and jsonl files, streamed item by item."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

CONNECTOR = "files"
CONNECTOR_VERSION = "1"

MIME_BY_SUFFIX = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".jsonl": "application/x-ndjson",
    ".ndjson": "application/x-ndjson",
}
JSON_RECORD = "application/json"


@dataclass(frozen=True)
class Item:
    """One fetched item: raw bytes plus where they came from. A jsonl line is an item of its own."""

    item_key: str
    source_uri: str
    content: bytes | None
    mime_type: str
    modified_at: datetime
    size_bytes: int
    problem: str | None = None  # why the item could not be fetched, if it could not


def _mime_type(path: Path) -> str:
    return MIME_BY_SUFFIX.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def scan(root: Path, globs: list[str], max_bytes: int) -> Iterator[Item]:
    """Yield every item under ``root`` matching ``globs``, in a stable order, one file in memory at a time."""
    if not root.is_dir():
        raise FileNotFoundError(f"source folder {root} does not exist")
    paths = sorted({p for pattern in globs for p in root.glob(pattern) if p.is_file()})
    for path in paths:
        relative = path.relative_to(root).as_posix()
        stat = path.stat()
        modified = datetime.fromtimestamp(stat.st_mtime, UTC)
        mime = _mime_type(path)
        if stat.st_size > max_bytes:
            yield Item(relative, path.as_uri(), None, mime, modified, stat.st_size,
                       problem=f"{stat.st_size} bytes exceeds LLMDATA_MAX_DOCUMENT_BYTES={max_bytes}")
            continue
        try:
            content = path.read_bytes()
        except OSError as error:
            yield Item(relative, path.as_uri(), None, mime, modified, stat.st_size, problem=f"unreadable: {error}")
            continue
        if mime == "application/x-ndjson":
            for number, line in enumerate(content.splitlines(), start=1):
                if line.strip():
                    yield Item(f"{relative}#L{number}", f"{path.as_uri()}#L{number}", line, JSON_RECORD,
                               modified, len(line))
            continue
        yield Item(relative, path.as_uri(), content, mime, modified, stat.st_size)
