"""Whole-file reads and writes on a local path or an object store (reports, exports, lineage copies)."""

from __future__ import annotations

from pathlib import Path

from pyiceberg.io import load_file_io


def read_uri(uri: str, properties: dict[str, str] | None = None) -> bytes | None:
    """Bytes of ``uri`` (``file://`` or ``s3://``; ``properties`` are the S3 options), or None when absent."""
    source = load_file_io(properties or {}, uri).new_input(uri)
    if not source.exists():
        return None
    with source.open() as handle:
        return handle.read()


def write_uri(uri: str, data: bytes, properties: dict[str, str] | None = None) -> None:
    """Write (replace) ``uri`` with ``data``, creating local folders as needed."""
    if uri.startswith("file://"):
        Path(uri.removeprefix("file://")).parent.mkdir(parents=True, exist_ok=True)
    with load_file_io(properties or {}, uri).new_output(uri).create(overwrite=True) as handle:
        handle.write(data)
