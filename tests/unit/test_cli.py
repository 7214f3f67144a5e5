from __future__ import annotations

import pyarrow.parquet as pq
from typer.testing import CliRunner

from llmdata.cli import app
from tests.conftest import ROLLBACK, RUNBOOK

runner = CliRunner()


def test_stages_run_from_the_cli_without_airflow(settings, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "backup.md").write_text("# Backups\n\n" + RUNBOOK)
    (folder / "backup-copy.md").write_text("# Backups\n\n" + RUNBOOK)
    (folder / "rollback.html").write_text(f"<html><body><nav>Home</nav><article><p>{ROLLBACK}</p></article></body>")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 trunc")
    steps = [("ingest", folder, "bronze"), ("extract", "bronze", "extracted"), ("normalize", "extracted", "norm"),
             ("dedup", "norm", "dedup"), ("gate_early", "dedup", "gold"), ("chunk", "gold", "chunks")]
    for stage, source, target in steps:
        src = source if stage == "ingest" else tmp_path / f"{source}.parquet"
        output = tmp_path / f"{target}.parquet"
        result = runner.invoke(app, ["run", stage, "--input", str(src), "--output", str(output)])
        assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "extracted.quarantine.parquet")["rule"].to_pylist() == ["extract.pdf_unreadable"]
    assert pq.read_table(tmp_path / "dedup.quarantine.parquet")["rule"].to_pylist() == ["dedup.exact"]
    assert pq.read_table(tmp_path / "gold.parquet").num_rows == 2
    chunks = pq.read_table(tmp_path / "chunks.parquet")
    assert chunks.num_rows >= 2 and "chunk_id" in chunks.column_names


def test_missing_input_is_a_clear_error(settings, tmp_path):
    result = runner.invoke(app, ["run", "normalize", "--input", str(tmp_path / "nope.parquet"),
                                 "--output", str(tmp_path / "out.parquet")])
    assert result.exit_code == 2
    assert "nope.parquet does not exist" in result.output


def test_validate_passes_on_the_shipped_files(settings):
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "policy default v1.0.0" in result.output


def test_validate_fails_naming_the_broken_policy(settings, tmp_path, monkeypatch):
    from llmdata.config import get_settings

    broken = tmp_path / "broken.yaml"
    broken.write_text('name: x\nversion: "1"\nassumptions: a\ngates: []\n')
    monkeypatch.setenv("LLMDATA_POLICY_FILE", str(broken))
    get_settings.cache_clear()
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "broken.yaml" in result.output and "version" in result.output


def test_search_on_an_empty_index_says_what_to_run(settings):
    result = runner.invoke(app, ["search", "restore postgres"])
    assert result.exit_code == 2
    assert "run the rag_index DAG" in result.output


def test_airflow_env_points_openlineage_at_the_lake(settings):
    result = runner.invoke(app, ["airflow-env"])
    assert result.exit_code == 0
    assert "AIRFLOW__OPENLINEAGE__TRANSPORT" in result.output and "_lineage/events.jsonl" in result.output


def test_stack_up_names_a_taken_api_port_and_starts_nothing(settings, tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["stack", "up", "--root", str(tmp_path / "stack"), "--api-port", str(port)])
    assert result.exit_code == 2
    assert f"port {port} for the Airflow API server is taken" in result.output
    assert not (tmp_path / "stack").exists()


def test_every_declared_step_with_a_row_function_runs_on_parquet_in_order(settings, tmp_path):
    from llmdata.curation import CURATE

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ticket.md").write_text("# Printer jam\n\nReported by Jana Novak (jana.novak@northwind.example), "
                                      "phone +49 30 901820.\n\n" + RUNBOOK)
    (folder / "rollback.md").write_text("# Rollback\n\n" + ROLLBACK)
    source = folder
    for step in ["ingest", *(s.name for s in CURATE if s.apply)]:
        output = tmp_path / f"{step}.parquet"
        result = runner.invoke(app, ["run", step, "-i", str(source), "-o", str(output)])
        assert result.exit_code == 0, (step, result.output)
        source = output
    redacted = pq.read_table(tmp_path / "redact_pii.parquet")["text"].to_pylist()
    assert len(redacted) == 2 and not any("jana.novak@northwind.example" in t for t in redacted)
    assert set(pq.read_table(tmp_path / "annotate.parquet")["lang"].to_pylist()) == {"en"}
    assert (tmp_path / "quality_report.report.html").read_text().count("<img") >= 1
    result = runner.invoke(app, ["run", "publish", "-i", str(source), "-o", str(tmp_path / "gold.parquet")])
    assert result.exit_code == 2 and "runs in the curate DAG" in result.output
    result = runner.invoke(app, ["run", "nonsense", "-i", str(source), "-o", str(tmp_path / "x.parquet")])
    assert result.exit_code == 2 and "redact_pii" in result.output


def test_index_status_lists_collections_and_stop_ends_the_service(settings):
    import numpy as np

    from llmdata.index.qdrant import open_index

    with open_index(settings) as index:
        index.ensure_collection("chunks__abc", 4)
        index.sync_documents("chunks__abc", ["c1", "c2"], np.eye(2, 4, dtype=np.float32),
                             [{"doc_id": "d"}, {"doc_id": "d"}], ["d"])
        index.swap_alias(settings.collection, "chunks__abc")
    status = runner.invoke(app, ["index", "status"])
    assert status.exit_code == 0, status.output
    assert "chunks__abc: 2 points  <- alias" in status.output
    assert "index service stopped" in runner.invoke(app, ["index", "stop"]).output
    assert "no index service was running" in runner.invoke(app, ["index", "stop"]).output
