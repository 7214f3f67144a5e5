"""Reading the OpenLineage events the file transport appended to the lake's ``_lineage/`` folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from llmdata.config import Settings
from llmdata.files import read_uri


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


def read_raw(settings: Settings) -> bytes:
    """The event log as written (empty when absent)."""
    return read_uri(settings.lineage_uri) or b""


def read_events(settings: Settings) -> list[dict[str, Any]]:
    """All lineage events, oldest first; an absent log is an empty list. Unparseable lines are skipped."""
    data = read_raw(settings).decode("utf-8")
    events = []
    for line in data.splitlines():
        if line.strip():
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return events
