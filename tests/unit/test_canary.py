"""The canary scan decodes what it reads: compressed Parquet at every snapshot, gzip, SQLite, index payloads."""

from __future__ import annotations

import gzip
import sqlite3

import pytest

from llmdata.canary import Needles, positive_control, scan_folder, scan_lake
from llmdata.lake import Lake
from llmdata.schemas import BRONZE_EXTRACTED, SILVER_DOCUMENTS
from tests.conftest import ROLLBACK, RUNBOOK, make_documents

CANARY = "canary-7f3a9e21-mail@leak.example"


def test_the_positive_control_is_found_and_leaves_nothing_behind(settings):
    lake = Lake(settings)
    planted = positive_control(lake)
    assert planted.startswith("CANARY-")
    assert not [t for t in lake.catalog.list_tables("scratch")]


def test_a_canary_is_found_in_any_snapshot_and_bronze_hits_are_the_raw_layer(settings):
    lake = Lake(settings)
    leaked = make_documents({"a": f"{RUNBOOK} Mail {CANARY} today.", "b": ROLLBACK}, run_id="r1")
    lake.replace(SILVER_DOCUMENTS, leaked, {"run_id": "r1"}, run_id="r1", writer="test")
    clean = make_documents({"a": RUNBOOK, "b": ROLLBACK}, run_id="r1")
    lake.replace(SILVER_DOCUMENTS, clean, {"run_id": "r1"}, run_id="r1", writer="test")  # current: no canary
    assert not any(CANARY in (t or "") for t in lake.read(SILVER_DOCUMENTS)["text"].to_pylist())
    lake.replace(BRONZE_EXTRACTED, leaked, {"run_id": "r1"}, run_id="r1", writer="test")
    report = scan_lake(lake, Needles([CANARY, "never-written-value"]))
    places = {h.place for h in report.outside_raw_layer}
    assert places == {f"lake:{SILVER_DOCUMENTS}"}  # the older snapshot still holds it
    assert {h.place for h in report.hits if h.raw_layer} == {f"lake:{BRONZE_EXTRACTED}"}
    assert {h.canary for h in report.hits} == {CANARY}
    assert report.read[f"lake:{SILVER_DOCUMENTS}"] == 2


def test_files_are_decoded_gzip_sqlite_and_json_escapes(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "events.jsonl.gz").write_bytes(gzip.compress(f'{{"reason": "{CANARY}"}}'.encode()))
    database = sqlite3.connect(folder / "storage.sqlite")
    database.execute("CREATE TABLE points (id TEXT, payload BLOB)")
    database.execute("INSERT INTO points VALUES (?, ?)", ("p1", f"text {CANARY}".encode()))
    database.commit()
    database.close()
    accented = "Zoë Ångström-Canary"
    (folder / "facet.json").write_text('{"name": "Zo\\u00eb \\u00c5ngstr\\u00f6m-Canary"}')
    (folder / "clean.txt").write_text("nothing here")
    report = scan_folder(folder, Needles([CANARY, accented]))
    found = {(h.where.split("/")[-1].split(" ")[0], h.canary) for h in report.hits}
    assert ("events.jsonl.gz", CANARY) in found and ("storage.sqlite", CANARY) in found
    assert ("facet.json", accented) in found
    assert not any("clean.txt" in h.where for h in report.hits) and report.read["file"] == 4


def test_short_canaries_are_refused():
    with pytest.raises(ValueError, match="at least 6"):
        Needles(["abc"])


def test_the_cli_proves_its_control_then_fails_naming_where_a_value_leaked(settings, tmp_path):
    from typer.testing import CliRunner

    from llmdata.cli import app

    values = tmp_path / "canaries.txt"
    values.write_text(f"{CANARY}\n\nnever-written-value\n")
    lake = Lake(settings)
    rows = make_documents({"a": f"{RUNBOOK} Mail {CANARY} today."}, run_id="r1")
    lake.replace(BRONZE_EXTRACTED, rows, {"run_id": "r1"}, run_id="r1", writer="test")
    clean = CliRunner().invoke(app, ["audit", "canaries", "--values", str(values)])
    assert clean.exit_code == 0, clean.output
    assert "positive control" in clean.output and "none outside bronze (1 hit(s) in the raw layer)" in clean.output
    lake.write_file("_reports/quality/r1/report.json", f'{{"example": "{CANARY}"}}'.encode())
    leaked = CliRunner().invoke(app, ["audit", "canaries", "--values", str(values)])
    assert leaked.exit_code == 2
    assert "report.json" in leaked.output and "1 seeded value(s) found outside bronze" in leaked.output
    assert CANARY not in leaked.output  # where, never what
