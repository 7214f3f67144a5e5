"""Compressed files and archives, opened in bounded memory: ``.gz``, ``.bz2``, ``.xz``, ``.zst`` streams and
``.zip`` / ``.tar`` (also ``.tar.gz``, ``.tgz``, ``.tar.bz2``, ``.tar.xz``, ``.tar.zst``) members.

A compressed file keeps its key and takes the mime type of the name without the suffix (``intro.rst.gz`` is
reStructuredText). Archive members become items keyed ``archive!member``. Every decompression streams through
a budget, so a bomb stops at the limit instead of filling memory and is quarantined as
``ingest.archive_bomb``; members whose names leave the archive (``../``, absolute paths), links and device
members are quarantined as ``ingest.outside_root`` and ``ingest.not_a_file``.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import posixpath
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

import zstandard

STREAM_SUFFIXES = (".gz", ".bz2", ".xz", ".zst")
TAR_SUFFIXES = (".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst")
ARCHIVE_SUFFIXES = (".zip", *TAR_SUFFIXES)
MEMBER_SEPARATOR = "!"
CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What one compressed file or archive may expand to.

    ``max_item_bytes`` caps one decompressed document (the same cap as an uncompressed file), ``max_total_bytes``
    everything one archive expands to, ``max_members`` its member count and ``max_ratio`` how many times larger
    than its compressed size a stream may grow (text compresses 3-10x; bombs 1,000x and more).
    """

    max_item_bytes: int
    max_total_bytes: int
    max_members: int = 10_000
    max_ratio: float = 200.0
    max_depth: int = 2

    @classmethod
    def for_documents(cls, max_item_bytes: int) -> Limits:
        """The default limits for documents of at most ``max_item_bytes``."""
        return cls(max_item_bytes=max_item_bytes, max_total_bytes=max(50 * max_item_bytes, 1 << 30))


class ArchiveBombError(ValueError):
    """A stream or archive expanded past a limit."""


class ArchiveDamagedError(ValueError):
    """A stream or archive cannot be read (truncated, corrupt, wrong format)."""


@dataclass(frozen=True)
class Member:
    """One file out of a compressed stream or an archive, or why it was refused (``rule`` and ``problem``).

    ``name`` is its path inside the container (empty for the one file of a compressed stream, which keeps the
    container's key); ``mime_name`` is the name whose suffix says what it holds (``a.rst`` for ``a.rst.gz``).
    """

    name: str
    mime_name: str
    content: bytes | None
    rule: str | None = None
    problem: str | None = None


def is_container(name: str) -> bool:
    """Whether ``name`` is a compressed file or an archive."""
    lower = name.lower()
    return lower.endswith(STREAM_SUFFIXES) or lower.endswith(ARCHIVE_SUFFIXES)


def inner_name(name: str) -> str:
    """The name of what a compressed stream holds: ``a.rst.gz`` -> ``a.rst``."""
    lower = name.lower()
    if lower.endswith(".tgz"):
        return name[:-4] + ".tar"
    for suffix in STREAM_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _stream_reader(name: str, raw: IO[bytes]) -> IO[bytes]:
    lower = name.lower()
    if lower.endswith((".gz", ".tgz")):
        return gzip.GzipFile(fileobj=raw)
    if lower.endswith(".bz2"):
        return bz2.BZ2File(raw)
    if lower.endswith(".xz"):
        return lzma.LZMAFile(raw)
    return zstandard.ZstdDecompressor().stream_reader(raw)


class Budget:
    """Bytes one archive (or stream) may still expand to; shared by its members and nested streams."""

    def __init__(self, limits: Limits, compressed_size: int) -> None:
        self.limits = limits
        self.left = int(min(limits.max_total_bytes, max(compressed_size * limits.max_ratio, limits.max_ratio * 4096)))
        self.members = 0

    def read(self, reader: IO[bytes], what: str) -> bytes:
        """All of ``reader``, refusing to go past the item cap or the archive's remaining budget."""
        cap = min(self.limits.max_item_bytes, self.left)
        parts, size = [], 0
        while chunk := reader.read(min(CHUNK, cap + 1 - size)):
            parts.append(chunk)
            size += len(chunk)
            if size > cap:
                which = ("LLMDATA_MAX_DOCUMENT_BYTES" if cap == self.limits.max_item_bytes
                         else f"{self.limits.max_ratio:g}x its compressed size or {self.limits.max_total_bytes} "
                              "bytes in all")
                raise ArchiveBombError(f"{what} expands past {cap} bytes ({which}); if it is genuine, unpack it "
                                       "into the source folder")
        self.left -= size
        return b"".join(parts)

    def count(self, what: str) -> None:
        self.members += 1
        if self.members > self.limits.max_members:
            raise ArchiveBombError(f"{what} has more than {self.limits.max_members} members; split it or unpack it "
                                   "into the source folder")


def open_container(name: str, content: bytes, limits: Limits) -> Iterator[Member]:
    """The files inside the compressed file or archive ``name``. Raises :class:`ArchiveBombError` when a limit
    is passed and :class:`ArchiveDamagedError` when it cannot be read."""
    import zlib

    try:
        yield from _open(name, content, Budget(limits, len(content)), depth=0)
    except (OSError, EOFError, lzma.LZMAError, zlib.error, zipfile.BadZipFile, tarfile.TarError,
            zstandard.ZstdError) as error:
        raise ArchiveDamagedError(f"cannot be decompressed ({error}); re-create or re-download it") from None


def _open(name: str, content: bytes, budget: Budget, depth: int) -> Iterator[Member]:
    lower = name.lower()
    if lower.endswith(".zip"):
        yield from _zip(name, content, budget, depth)
    elif lower.endswith(TAR_SUFFIXES):
        yield from _tar(name, content, budget, depth)
    else:
        with _stream_reader(name, io.BytesIO(content)) as reader:
            data = budget.read(reader, name)
        yield from _file("", inner_name(name), data, budget, depth)


def _file(member: str, mime_name: str, data: bytes, budget: Budget, depth: int) -> Iterator[Member]:
    """A file found in a container; one that is itself compressed or an archive is opened too (up to
    ``max_depth`` levels), its members named ``member!inner``."""
    if not is_container(mime_name):
        yield Member(member, mime_name, data)
        return
    if depth + 1 > budget.limits.max_depth:
        yield Member(member, mime_name, None, "ingest.archive_bomb",
                     f"archives nested deeper than {budget.limits.max_depth} levels are not opened")
        return
    for inner in _open(mime_name, data, budget, depth + 1):
        path = MEMBER_SEPARATOR.join(p for p in (member, inner.name) if p)
        yield Member(path, inner.mime_name, inner.content, inner.rule, inner.problem)


def escapes(member: str) -> bool:
    """Whether an archive member's name would land outside the folder it is unpacked into ("zip slip")."""
    normal = posixpath.normpath(member.replace("\\", "/"))
    return member.startswith(("/", "\\")) or (len(member) > 1 and member[1] == ":") or normal == ".." \
        or normal.startswith("../")


def _checked(name: str, member: str, is_file: bool, read: Callable[[], IO[bytes]], budget: Budget,
             depth: int) -> Iterator[Member]:
    budget.count(name)
    if escapes(member):
        yield Member(member, member, None, "ingest.outside_root",
                     f"archive member name {member!r} points outside the archive (zip slip); not read")
        return
    if not is_file:
        yield Member(member, member, None, "ingest.not_a_file",
                     "archive member is a link or device, not a regular file; not read")
        return
    with read() as reader:
        data = budget.read(reader, f"{name}{MEMBER_SEPARATOR}{member}")
    yield from _file(member, member, data, budget, depth)


def _zip(name: str, content: bytes, budget: Budget, depth: int) -> Iterator[Member]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                budget.count(name)
                yield Member(info.filename, info.filename, None, "ingest.unreadable",
                             "archive member is encrypted; provide a decrypted copy")
                continue
            # Symlinks in zip files are flagged in the Unix mode bits of external_attr.
            mode = info.external_attr >> 16
            regular = mode == 0 or (mode & 0o170000) in (0, 0o100000)
            yield from _checked(name, info.filename, regular, lambda i=info: archive.open(i), budget, depth)


def _tar(name: str, content: bytes, budget: Budget, depth: int) -> Iterator[Member]:
    raw: IO[bytes] = io.BytesIO(content)
    if name.lower().endswith((".tar.zst",)):
        raw = zstandard.ZstdDecompressor().stream_reader(raw)
        mode = "r|"
    else:
        mode = "r|*"
    with tarfile.open(fileobj=raw, mode=mode) as archive:
        for info in archive:
            if info.isdir():
                continue
            extracted = archive.extractfile(info) if info.isreg() else None
            yield from _checked(name, info.name, info.isreg(), lambda f=extracted: _closing(f), budget, depth)


def _closing(reader: IO[bytes] | None) -> IO[bytes]:
    return reader if reader is not None else io.BytesIO(b"")
