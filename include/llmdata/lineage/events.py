"""Reading the OpenLineage events the file transport appended to the lake's ``_lineage/`` folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pyiceberg.io import load_file_io

from llmdata.config import Settings


def _file_io(settings: Settings):
    return load_file_io({}, settings.lineage_uri)


def ensure_lineage_folder(settings: Settings) -> None:
    """Create the local ``_lineage/`` folder (the file transport does not; object stores need none)."""
    if settings.lineage_uri.startswith("file://"):
        Path(settings.lineage_uri.removeprefix("file://")).parent.mkdir(parents=True, exist_ok=True)


def airflow_lineage_env(settings: Settings) -> dict[str, str]:
    """Airflow's OpenLineage settings for ``settings``: the file transport appending to the lineage log."""
    ensure_lineage_folder(settings)
    transport = {"type": "file", "log_file_path": settings.lineage_uri.removeprefix("file://"), "append": True}
    return {"AIRFLOW__OPENLINEAGE__TRANSPORT": json.dumps(transport),
            "AIRFLOW__OPENLINEAGE__NAMESPACE": settings.lineage_namespace}


def read_uri(uri: str) -> bytes | None:
    """Bytes of a file beside the log (local or object store), or None."""
    source = load_file_io({}, uri).new_input(uri)
    if not source.exists():
        return None
    with source.open() as handle:
        return handle.read()


def write_uri(uri: str, data: bytes) -> None:
    """Replace a file beside the log."""
    if uri.startswith("file://"):
        Path(uri.removeprefix("file://")).parent.mkdir(parents=True, exist_ok=True)
    with load_file_io({}, uri).new_output(uri).create(overwrite=True) as handle:
        handle.write(data)


def read_raw(settings: Settings) -> bytes:
    """The event log as written (empty when absent)."""
    return read_uri(settings.lineage_uri) or b""


def read_events(settings: Settings) -> list[dict[str, Any]]:
    """All lineage events, oldest first; an absent log is an empty list. Unparseable lines are skipped."""
    io = _file_io(settings)
    source = io.new_input(settings.lineage_uri)
    if not source.exists():
        return []
    with source.open() as handle:
        data = handle.read().decode("utf-8")
    events = []
    for line in data.splitlines():
        if line.strip():
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return events
