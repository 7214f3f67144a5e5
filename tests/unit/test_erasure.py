"""Erasure reaches every copy: lake layers and their history, Qdrant, caches, review files, exports."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from llmdata.lake import Lake
from llmdata.operators.erasure import EraseOperator
from llmdata.operators.export import ExportTrainingOperator
from llmdata.operators.ingest import IngestOperator
from llmdata.operators.quality import ReviewOperator
from llmdata.schemas import BRONZE_DOCUMENTS, GOLD_DOCUMENTS
from tests.conftest import ROLLBACK, RUNBOOK, use_files_source
from tests.unit.test_operators import curate_run
from tests.unit.test_rag_operators import _index

MARKER = "Zebulon Quartermaine"


@pytest.fixture
def pipeline_with_a_subject(settings, tmp_path, monkeypatch):
    from llmdata.config import get_settings

    use_files_source(tmp_path, monkeypatch, {
        "runbook.md": "# Backups\n\n" + RUNBOOK,
        "rollback.md": "# Rollbacks\n\n" + ROLLBACK,
        "subject.md": (
            f"# Case notes\n\n{MARKER} asked the support team for help after the nightly invoice export stopped. "
            "The export job reads the billing replica, writes one CSV file per day and uploads it to the partner. "
            "Support checked the job logs, found an expired service account and rotated its credentials. The "
            "customer confirmed the next morning that the files arrived again, and the ticket was closed with a "
            "note to add an alert on missing exports so that the team hears about it before the customer does.\n"),
    })
    settings = get_settings()
    IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i1"})
    curate_run("c1")
    _index("r1")
    ExportTrainingOperator(task_id="export_training").execute({"run_id": "c1"})
    ReviewOperator(task_id="review").execute({"run_id": "c1"})
    return settings


def _copies(root: Path) -> list[str]:
    """Files under ``root`` holding the marker: in any Parquet value, or anywhere in the raw bytes."""
    found = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".parquet":
            table = pq.read_table(path)
            values = [str(v) for column in table.columns for v in column.to_pylist() if v is not None]
            if any(MARKER in v for v in values):
                found.append(str(path))
        elif MARKER.encode() in path.read_bytes():
            found.append(str(path))
    return found


def test_erasure_removes_every_copy_and_the_next_ingest_does_not_bring_it_back(pipeline_with_a_subject):
    settings = pipeline_with_a_subject
    lake = Lake(settings)
    subject = next(r["doc_id"] for r in lake.read(BRONZE_DOCUMENTS).to_pylist() if "subject" in r["source_uri"])
    assert _copies(settings.data_path)  # the search sees the copies that exist before erasure

    summary = EraseOperator(task_id="erase", doc_ids=[subject]).execute({"run_id": "erase-1"})
    assert summary["documents"] == 1 and summary["points_deleted"] >= 1 and summary["files_removed"] > 0
    assert summary["snapshots_expired"][BRONZE_DOCUMENTS]  # the history it altered, by snapshot id
    assert _copies(settings.data_path) == []

    result = IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i2"})
    assert result["records_out"] == 0 and result["erased"] == 1
    curate_run("c2")
    assert subject not in set(lake.read(GOLD_DOCUMENTS)["doc_id"].to_pylist())


def test_an_empty_request_is_refused(settings):
    from llmdata.erasure import ErasureError

    with pytest.raises(ErasureError, match="needs doc_ids, uri_pattern or pii_hash"):
        EraseOperator(task_id="erase").execute({"run_id": "e"})
