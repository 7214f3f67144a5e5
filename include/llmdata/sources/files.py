"""The ``files`` connector: a folder of txt, md, rst, html, pdf, docx, jsonl, csv and parquet files, also
compressed (``.gz``, ``.bz2``, ``.xz``, ``.zst``) or inside ``.zip`` / ``.tar`` archives.

Record formats (jsonl, csv, parquet) yield one item per record, archives one per member
(``archive!member``); everything else one item per file. A file whose size and mtime are unchanged since the
last run is not read again. Nothing outside the configured root is read: a link that resolves outside it is
quarantined as ``ingest.outside_root``, a FIFO, socket or device as ``ingest.not_a_file``, and linked folders
are not descended into.
"""

from __future__ import annotations

import csv
import io
import json
import mimetypes
import os
import re
import stat as stat_mode
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from llmdata.ids import shard_of
from llmdata.sources.archives import (
    MEMBER_SEPARATOR,
    ArchiveBombError,
    ArchiveDamagedError,
    Limits,
    is_container,
    open_container,
)
from llmdata.sources.base import Connector, Item, SourceState

JSON_RECORD = "application/json"
MIME_BY_SUFFIX = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".rst": "text/x-rst",
    ".rest": "text/x-rst",
    ".adoc": "text/asciidoc",
    ".asciidoc": "text/asciidoc",
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


ARCHIVE_MIME = "application/x-archive"


def mime_type_of(name: str) -> str:
    """Mime type by file name (suffix first, then the platform's table); Sphinx's ``page.rst.txt`` sources
    are reStructuredText, and compressed files and archives are :data:`ARCHIVE_MIME` until opened."""
    lower = name.lower()
    if is_container(lower):
        return ARCHIVE_MIME
    if lower.endswith(".rst.txt"):
        return "text/x-rst"
    return MIME_BY_SUFFIX.get(Path(lower).suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def contents(key: str, uri: str, name: str, content: bytes, text_column: str, limits: Limits) -> Iterator[Item]:
    """The items one fetched file or object holds: itself, its records (jsonl, csv, parquet) or, for a
    compressed file or an archive, what it holds, opened within ``limits``."""
    mime = mime_type_of(name)
    if mime == ARCHIVE_MIME:
        yield from _container(key, uri, name, content, text_column, limits)
    elif mime in RECORD_FORMATS:
        yield from records(content, mime, text_column, key, uri)
    else:
        yield Item(key, uri, content, mime, size_bytes=len(content))


def _container(key: str, uri: str, name: str, content: bytes, text_column: str, limits: Limits) -> Iterator[Item]:
    members = []
    try:
        members = list(open_container(name, content, limits))
    except ArchiveBombError as error:
        yield Item(key, uri, None, ARCHIVE_MIME, size_bytes=len(content), rule="ingest.archive_bomb",
                   problem=str(error))
        return
    except ArchiveDamagedError as error:
        yield Item(key, uri, None, ARCHIVE_MIME, size_bytes=len(content), rule="ingest.bad_structure",
                   problem=str(error))
        return
    if not members:
        yield Item(key, uri, None, ARCHIVE_MIME, size_bytes=len(content), rule="ingest.bad_structure",
                   problem="archive holds no files")
        return
    for member in members:
        member_key = f"{key}{MEMBER_SEPARATOR}{member.name}" if member.name else key
        member_uri = f"{uri}{MEMBER_SEPARATOR}{member.name}" if member.name else uri
        inner_mime = mime_type_of(member.mime_name)
        if member.content is None:
            yield Item(member_key, member_uri, None, inner_mime, rule=member.rule or "ingest.unreadable",
                       problem=member.problem)
        elif inner_mime in RECORD_FORMATS:
            yield from records(member.content, inner_mime, text_column, member_key, member_uri)
        else:
            yield Item(member_key, member_uri, member.content, inner_mime, size_bytes=len(member.content))


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
    if mime in RECORD_FORMATS or mime == ARCHIVE_MIME:
        inner_keys = state.keys_under(key + "#", key + MEMBER_SEPARATOR)
        if key in state.known:
            inner_keys.append(key)
        if inner_keys and all(state.known[k].version == version for k in inner_keys):
            return [Item(k, uri + k[len(key):], None, mime_type_of(k), modified, version=version, unchanged=True)
                    for k in inner_keys]
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
        self.limits = Limits.for_documents(max_bytes)
        self.patterns = [glob_pattern(g) for g in globs]

    def lineage_namespace(self) -> str:
        return "file"

    def lineage_name(self) -> str:
        return str(self.root)

    def items(self, state: SourceState) -> Iterator[Item]:
        from llmdata.sources.base import SourceUnavailableError

        if not self.root.is_dir():
            raise SourceUnavailableError(f"source folder {self.root} does not exist; fix options.path")
        for relative in self._listing():
            if shard_of(relative, self.n_shards) != self.shard:
                continue
            yield from self._file(self.root / relative, relative, state)

    def _listing(self) -> list[str]:
        """Paths under the root (relative, POSIX) that match a glob, without descending into linked folders."""
        found = []
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            dirs.sort()
            base = Path(folder).relative_to(self.root)
            for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                relative = (base / name).as_posix()
                if any(p.fullmatch(relative) for p in self.patterns) and not os.path.isdir(os.path.join(folder, name)):
                    found.append(relative)
        return sorted(found)

    def _resolve(self, path: Path, relative: str) -> tuple[Path, os.stat_result] | Item:
        """The real path and status of ``path``, or the quarantine item saying why it must not be read
        (outside the root, broken, not a regular file)."""
        uri = path.as_uri()
        real = Path(os.path.realpath(path))
        root = Path(os.path.realpath(self.root))
        if real != root and root not in real.parents:
            return Item(relative, uri, None, mime_type_of(path.name), rule="ingest.outside_root",
                        problem=f"links to {real}, outside the source folder {root}; not read. Copy the file "
                                "into the folder if it belongs to this source")
        try:
            status = os.stat(real)
        except OSError as error:
            return Item(relative, uri, None, mime_type_of(path.name), rule="ingest.unreadable",
                        problem=f"broken link or unreadable: {error.strerror}")
        mode = status.st_mode
        if not stat_mode.S_ISREG(mode):
            kind = ("FIFO" if stat_mode.S_ISFIFO(mode) else "socket" if stat_mode.S_ISSOCK(mode)
                    else "device" if stat_mode.S_ISCHR(mode) or stat_mode.S_ISBLK(mode) else "special file")
            return Item(relative, uri, None, mime_type_of(path.name), rule="ingest.not_a_file",
                        problem=f"is a {kind}, not a regular file; not read")
        return real, status

    def _file(self, path: Path, relative: str, state: SourceState) -> Iterator[Item]:
        resolved = self._resolve(path, relative)
        if isinstance(resolved, Item):
            yield resolved
            return
        real, stat = resolved
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
            content = read_regular(str(real))
        except OSError as error:
            yield Item(relative, uri, None, mime, modified, stat.st_size, version=version, transient=True,
                       problem=f"unreadable: {error.strerror}")
            return
        yield from stamped(contents(relative, uri, path.name, content, self.text_column, self.limits), modified,
                           version)


def read_regular(path: str) -> bytes:
    """The bytes of the regular file at ``path``, refusing (OSError) anything that became a link, FIFO or
    device since it was checked: opened without following links and without blocking, then checked again."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat_mode.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def glob_pattern(glob: str) -> re.Pattern[str]:
    """A glob over relative POSIX paths as a regex: ``**/`` is any number of folders, ``*`` and ``?`` stay within
    one name, ``[...]`` is a class. ``**/*.md`` matches ``a.md`` and ``x/y/a.md``, as ``Path.glob`` does."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 2:]:
            end = glob.index("]", i + 2)
            body = glob[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out))


def scan(root: Path, globs: list[str], max_bytes: int) -> Iterator[Item]:
    """Every item under ``root`` (a convenience for the CLI and benchmarks; no incremental state)."""
    yield from FilesConnector(root, globs, max_bytes).items(SourceState())
