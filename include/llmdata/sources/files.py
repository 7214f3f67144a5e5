"""The ``files`` connector: a folder of txt, md, html, pdf, docx, jsonl, csv and parquet files.

Record formats (jsonl, csv, parquet) yield one item per record; everything else one item per file. A file
whose size and mtime are unchanged since the last run is not read again.
"""

from __future__ import annotations

import csv
import io
import json
import mimetypes
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from llmdata.ids import shard_of
from llmdata.sources.base import Connector, Item, SourceState

JSON_RECORD = "application/json"
MIME_BY_SUFFIX = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".jsonl": "application/x-ndjson",
    ".ndjson": "application/x-ndjson",
    ".csv": "text/csv",
    ".parquet": "application/vnd.apache.parquet",
}
RECORD_FORMATS = {"application/x-ndjson", "text/csv", "application/vnd.apache.parquet"}


def mime_type_of(name: str) -> str:
    """Mime type by file name (suffix first, then the platform's table)."""
    return MIME_BY_SUFFIX.get(Path(name).suffix.lower()) or mimetypes.guess_type(name)[0] \
        or "application/octet-stream"


def records(content: bytes, mime: str, text_column: str, key: str, uri: str) -> Iterator[Item]:
    """Split a jsonl, csv or parquet file into one item per record (content = the record as JSON)."""
    if mime == "application/x-ndjson":
        for number, line in enumerate(content.splitlines(), start=1):
            if line.strip():
                yield Item(f"{key}#L{number}", f"{uri}#L{number}", line, JSON_RECORD, size_bytes=len(line))
        return
    if mime == "text/csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield Item(key, uri, None, mime, problem="CSV is not UTF-8; re-export it as UTF-8",
                       rule="ingest.bad_structure")
            return
        reader = csv.DictReader(io.StringIO(text))
        rows: Iterator[dict] = iter(reader)
        columns = reader.fieldnames or []
    else:
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(io.BytesIO(content))
        except Exception as error:  # pyarrow raises several types for a damaged file
            yield Item(key, uri, None, mime, problem=f"Parquet file cannot be read: {error}",
                       rule="ingest.bad_structure")
            return
        rows = iter(table.to_pylist())
        columns = table.column_names
    if text_column not in columns:
        yield Item(key, uri, None, mime, rule="ingest.bad_structure",
                   problem=f"no column {text_column!r} (columns: {', '.join(columns) or 'none'}); set the "
                           "source's options.text_column")
        return
    for number, row in enumerate(rows, start=1):
        record = {k: v for k, v in row.items() if v is not None}
        record["text"] = record.pop(text_column, "")
        data = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8")
        yield Item(f"{key}#R{number}", f"{uri}#R{number}", data, JSON_RECORD, size_bytes=len(data))


def stamped(items: Iterator[Item], modified: datetime | None, version: str | None) -> Iterator[Item]:
    """The records of one file or object, stamped with the container's modification time and change token."""
    for item in items:
        yield replace(item, modified_at=modified, version=version)


def unchanged(state: SourceState, key: str, uri: str, mime: str, modified: datetime | None, version: str,
              size: int) -> list[Item]:
    """Items to report as unchanged if the file or object ``key`` has the change token it had last run."""
    if mime in RECORD_FORMATS:
        record_keys = [k for k in state.known if k.startswith(key + "#")]
        if record_keys and all(state.known[k].version == version for k in record_keys):
            return [Item(k, f"{uri}#{k.split('#', 1)[1]}", None, JSON_RECORD, modified, version=version,
                         unchanged=True) for k in record_keys]
        return []
    if key in state.known and state.known[key].version == version:
        return [Item(key, uri, None, mime, modified, size, version=version, unchanged=True)]
    return []


class FilesConnector(Connector):
    """A local or mounted folder."""

    kind = "files"
    version = "2"

    def __init__(self, root: Path, globs: list[str], max_bytes: int, text_column: str = "text",
                 shard: int = 0, n_shards: int = 1) -> None:
        self.root, self.globs, self.max_bytes, self.text_column = root, globs, max_bytes, text_column
        self.shard, self.n_shards = shard, n_shards

    def lineage_namespace(self) -> str:
        return "file"

    def lineage_name(self) -> str:
        return str(self.root)

    def items(self, state: SourceState) -> Iterator[Item]:
        from llmdata.sources.base import SourceUnavailableError

        if not self.root.is_dir():
            raise SourceUnavailableError(f"source folder {self.root} does not exist; fix options.path")
        paths = sorted({p for pattern in self.globs for p in self.root.glob(pattern) if p.is_file()})
        for path in paths:
            relative = path.relative_to(self.root).as_posix()
            if shard_of(relative, self.n_shards) != self.shard:
                continue
            yield from self._file(path, relative, state)

    def _file(self, path: Path, relative: str, state: SourceState) -> Iterator[Item]:
        stat = path.stat()
        version = f"{stat.st_mtime_ns}:{stat.st_size}"
        modified = datetime.fromtimestamp(stat.st_mtime, UTC)
        mime, uri = mime_type_of(path.name), path.as_uri()
        skipped = unchanged(state, relative, uri, mime, modified, version, stat.st_size)
        if skipped:
            yield from skipped
            return
        if stat.st_size > self.max_bytes:
            yield Item(relative, uri, None, mime, modified, stat.st_size, version=version, rule="ingest.oversized",
                       problem=f"{stat.st_size} bytes exceeds LLMDATA_MAX_DOCUMENT_BYTES={self.max_bytes}")
            return
        try:
            content = path.read_bytes()
        except OSError as error:
            yield Item(relative, uri, None, mime, modified, stat.st_size, version=version, transient=True,
                       problem=f"unreadable: {error.strerror}")
            return
        if mime in RECORD_FORMATS:
            yield from stamped(records(content, mime, self.text_column, relative, uri), modified, version)
            return
        yield Item(relative, uri, content, mime, modified, stat.st_size, version=version)


def scan(root: Path, globs: list[str], max_bytes: int) -> Iterator[Item]:
    """Every item under ``root`` (a convenience for the CLI and benchmarks; no incremental state)."""
    yield from FilesConnector(root, globs, max_bytes).items(SourceState())
