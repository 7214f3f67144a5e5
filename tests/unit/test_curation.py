"""The declared step list: everything that names the curate order is derived from it, shards run it in memory
(in one process or several, with the same result), and the plan hands each shard its own row groups."""

from __future__ import annotations

import dataclasses
import json
import re

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from openlineage.client.serde import Serde
from typer.testing import CliRunner

from llmdata import curation
from llmdata.curation import Step, segments, step
from llmdata.lake import Lake
from llmdata.schemas import DOCUMENT, GOLD_DOCUMENTS, QUARANTINE, conform
from llmdata.stage import StageResult
from tests.conftest import ROLLBACK, RUNBOOK, make_documents, use_files_source

TICKET = re.compile(r"\bINC-\d{4,}\b")


def mask_incident_numbers(rows: pa.Table, ctx) -> StageResult:
    """A deployment's own step: incident numbers become ``INC-<n>`` (they identify customers in this company)."""
    texts = [TICKET.sub("INC-<n>", t or "") for t in rows["text"].to_pylist()]
    masked = sum(len(TICKET.findall(t or "")) for t in rows["text"].to_pylist())
    kept = rows.set_column(rows.schema.get_field_index("text"), "text", pa.array(texts, pa.large_string()))
    return StageResult("mask_incident_numbers", rows.num_rows, kept, QUARANTINE.empty_table(),
                       metrics={"masked": masked})


MASK = Step("mask_incident_numbers", "document", "incident numbers masked",
            apply="tests.unit.test_curation:mask_incident_numbers",
            lineage={"text": ("text", "incident numbers masked", True)})


@pytest.fixture
def extended(monkeypatch):
    """The shipped list with MASK inserted after redact_pii."""
    at = curation.order().index("redact_pii") + 1
    steps = (*curation.CURATE[:at], MASK, *curation.CURATE[at:])
    monkeypatch.setattr(curation, "CURATE", steps)
    return steps


def test_a_step_added_to_the_list_reaches_the_dag_the_run_the_cli_the_trace_and_the_report(
        settings, extended, tmp_path, monkeypatch):
    # the DAG
    from airflow.sdk import DAG

    from llmdata.lineage import audit
    from llmdata.operators.curate import curate_tasks
    from llmdata.operators.ingest import IngestOperator
    from llmdata.trace import trace
    from tests.unit.test_operators import curate_run

    with DAG("probe", schedule=None):
        tasks = curate_tasks([{"since": None, "until": None, "shard": 0, "n_shards": 1, "full": 0, "plan": None}])
    shard_task = next(t for t in tasks if "mask_incident_numbers" in getattr(t, "partial_kwargs", {}).get("steps", []))
    assert shard_task.partial_kwargs["steps"] == ["normalize", "gate_early", "redact_pii", "mask_incident_numbers",
                                                  "annotate", "gate_mid", "minhash"]
    # a run: gold has the numbers masked, the shard facet counts the step between its neighbours
    use_files_source(tmp_path, monkeypatch, {"incident.md": f"# Incident INC-20417\n\n{RUNBOOK}",
                                             "rollback.md": f"# Rollback\n\n{ROLLBACK}"})
    IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i1"})
    facets: dict[str, list] = {}
    curate_run("c1", facets)
    gold = Lake(settings).read(GOLD_DOCUMENTS).to_pylist()
    assert any("INC-<n>" in r["text"] for r in gold) and not any(TICKET.search(r["text"]) for r in gold)
    # the trace of a gold document lists it between its neighbours
    traced = [s["step"] for s in trace(Lake(settings), gold[0]["doc_id"], "llmdata_chunks")["steps"]]
    assert traced[traced.index("redact_pii"):traced.index("annotate") + 1] == [
        "redact_pii", "mask_incident_numbers", "annotate"]
    facet = json.loads(Serde.to_json(facets[shard_task.task_id][0].run_facets["llmdata_steps"]))
    assert [s["step"] for s in facet["steps"]][2:5] == ["redact_pii", "mask_incident_numbers", "annotate"]
    assert facet["steps"][3]["records_in"] == facet["steps"][3]["records_out"] == 2
    # the audit report orders it where the list puts it
    event = {"eventType": "COMPLETE", "eventTime": "2026-12-02T10:00:00Z",
             "job": {"name": f"curate.{shard_task.task_id}"}, "inputs": [], "outputs": [],
             "run": {"facets": {"airflowDagRun": {"dagRun": {"run_id": "c1"}}, "llmdata_steps": facet}}}
    report = audit.build([event], "c1", {})
    assert [s["step"] for s in report["c_preparation_operations"]] == [
        "normalize", "gate_early", "redact_pii", "mask_incident_numbers", "annotate", "gate_mid", "minhash"]
    # the CLI runs it on a Parquet file
    source = tmp_path / "in.parquet"
    pq.write_table(conform(pa.table({"doc_id": ["d1"], "source_id": ["wiki"], "source_uri": ["file:///x"],
                                     "text": ["Escalated as INC-99881 to on-call."], "run_id": ["r"],
                                     "shard": pa.array([0], pa.int32())}), DOCUMENT), source)
    from llmdata.cli import app

    result = CliRunner().invoke(app, ["run", "mask_incident_numbers", "-i", str(source), "-o",
                                      str(tmp_path / "out.parquet")])
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "out.parquet")["text"].to_pylist() == ["Escalated as INC-<n> to on-call."]


def test_the_list_refuses_raw_text_outside_bronze_and_segments_without_output():
    leaky = dataclasses.replace(step("normalize"), persists="silver.normalized_copy")
    with pytest.raises(ValueError, match="may only persist to bronze"):
        curation.validate((step("extract"), leaky, step("minhash")))
    with pytest.raises(ValueError, match="must end in a step that persists"):
        curation.validate((step("extract"), step("normalize")))
    assert [s.task_id for s in segments()][:3] == ["extract", "boilerplate", "normalize_to_minhash"]


def test_a_shard_in_worker_processes_gives_the_rows_of_one_process(settings, tmp_path):
    from llmdata.segment import run_segment
    from llmdata.steps import StepContext

    pages = {f"d{i:02}": f"# Page {i}\n\n{RUNBOOK if i % 2 else ROLLBACK} Contact maria.lopez{i}@northwind.example."
             for i in range(14)} | {"d14": "TODO: ask ana.ruiz@northwind.example", "d15": ""}
    rows = make_documents(pages, run_id="r", route="standard")
    shard_steps = next(s for s in segments() if s.task_id == "normalize_to_minhash").steps

    def batches():
        for start in range(0, rows.num_rows, 3):
            yield rows.slice(start, 3)

    results = [run_segment(shard_steps, batches(), StepContext(settings, "r"), ["gate_mid"], workers=n)
               for n in (1, 2)]
    one, two = (r.rows("gate_mid", DOCUMENT) for r in results)
    assert one.num_rows == two.num_rows > 0 and one.drop_columns(["gate_results"]).equals(
        two.drop_columns(["gate_results"]))
    assert all("@northwind.example" not in t for t in two["text"].to_pylist())
    for name in [s.name for s in shard_steps]:
        a, b = (r.tallies[name].describe() for r in results)
        assert {k: v for k, v in a.items() if k not in ("seconds", "paths")} == {
            k: v for k, v in b.items() if k not in ("seconds", "paths")}
        assert {p: m["documents"] for p, m in a.get("paths", {}).items()} == {
            p: m["documents"] for p, m in b.get("paths", {}).items()}
    for result in results:  # rejected before redact_pii, redacted where it was rejected
        rejected = {r["doc_id"]: r for r in result.quarantine(QUARANTINE).to_pylist()}
        assert "northwind" not in rejected[rows["doc_id"][14].as_py()]["text"]
        assert json.loads(rejected[rows["doc_id"][14].as_py()]["pii_counts"]) == {"EMAIL_ADDRESS": 1}
    assert results[1].records_in == rows.num_rows == (
        results[1].tallies["gate_mid"].records_out + sum(t.records_quarantined for t in results[1].tallies.values()))


def test_shard_counts_fill_the_executors_slots_and_never_exceed_the_documents():
    from llmdata.changes import plan_shards

    assert plan_shards(3000, 1000, 8) == 3
    assert plan_shards(3000, 1000, 8, slots=2) == 4  # two full waves, not a third shard alone
    assert plan_shards(3000, 1000, 8, slots=3) == plan_shards(3000, 1000, 8, slots=16) == 3
    assert plan_shards(7000, 1000, 8, slots=3) == 8  # max_shards still caps it
    assert plan_shards(2, 1000, 8, n_bytes=400_000_000, shard_mb=32) == 2  # no empty shards for huge documents


def test_the_plan_gives_each_shard_whole_row_groups_and_every_change_once(settings, tmp_path, monkeypatch):
    from llmdata.changes import ShardSpec, freeze_bronze_plan, read_bronze_shard, removed_ids, write_plan
    from llmdata.operators.ingest import IngestOperator

    folder = use_files_source(tmp_path, monkeypatch, {f"page-{i:02}.md": f"# Page {i}\n\n{RUNBOOK} {i}"
                                                      for i in range(40)})
    lake = Lake(settings)
    with lake.table("bronze.documents").transaction() as transaction:  # row groups of 5 items: 8 of them
        transaction.set_properties({"write.parquet.row-group-limit": "5"})
    IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i1"})
    until = lake.snapshot_id("bronze.documents")
    plan, n_shards = freeze_bronze_plan(lake, None, until, False, shard_size=10, max_shards=4)
    assert n_shards == 4 and plan.num_rows == 40
    content = pc.sum(plan["bytes"]).as_py()
    by_size, n_by_size = freeze_bronze_plan(lake, None, until, False, 1000, 8, shard_mb=content / 3.5 / 1e6)
    assert n_by_size == 4 and sorted(by_size["doc_id"].to_pylist()) == sorted(plan["doc_id"].to_pylist())
    assert freeze_bronze_plan(lake, None, until, False, 1000, 8, shard_mb=content / 1e6)[1] == 1
    # 3 shards' worth on 2 task slots: 4 shards, so the second wave does not leave a slot idle
    assert freeze_bronze_plan(lake, None, until, False, 1000, 8, shard_mb=content / 2.5 / 1e6, slots=2)[1] == 4
    assert freeze_bronze_plan(lake, None, until, False, 1000, 8, shard_mb=content / 2.5 / 1e6, slots=4)[1] == 3
    groups = plan.group_by(["file", "row_group"]).aggregate([("shard", "count_distinct")])
    assert pc.max(groups["shard_count_distinct"]).as_py() == 1  # a row group belongs to one shard
    path = write_plan(lake, "curate", "c1", plan)
    seen = []
    for k in range(n_shards):
        spec = ShardSpec(None, until, k, n_shards, False, path)
        seen += [d for batch in read_bronze_shard(lake, spec, 4) for d in batch["doc_id"].to_pylist()]
    assert sorted(seen) == sorted(plan["doc_id"].to_pylist())  # every change read once, by one shard
    (folder / "page-07.md").unlink()
    IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i2"})
    later, _ = freeze_bronze_plan(lake, until, lake.snapshot_id("bronze.documents"), False, 10, 4)
    assert later.filter(pc.equal(later["op"], "upsert")).num_rows == 0
    spec = ShardSpec(until, lake.snapshot_id("bronze.documents"), 0, 1, False, write_plan(lake, "curate", "c2", later))
    assert len(removed_ids(lake, spec)) == 1


@pytest.mark.parametrize("change", ["quality policy", "PII engine"])
def test_a_shard_refuses_a_policy_or_engine_changed_after_the_plan(settings, tmp_path, monkeypatch, change):
    from llmdata.changes import PlanError
    from llmdata.config import get_settings
    from llmdata.operators.curate import ShardStepsOperator
    from llmdata.operators.ingest import IngestOperator
    from llmdata.operators.plan import PlanShardsOperator
    from llmdata.transforms import pii

    use_files_source(tmp_path, monkeypatch, {"runbook.md": f"# Backups\n\n{RUNBOOK}"})
    IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i1"})
    shards = PlanShardsOperator(task_id="plan", consumer="curate", table="bronze.documents", mode="appended",
                                reprocess_on_policy_change=True).execute({"run_id": "c1"})
    if change == "quality policy":
        edited = tmp_path / "quality.yaml"
        edited.write_text(get_settings().policy_file.read_text().replace("version:", "# edited mid-run\nversion:", 1))
        monkeypatch.setenv("LLMDATA_POLICY_FILE", str(edited))
        get_settings.cache_clear()
    else:  # a worker upgraded mid-run
        monkeypatch.setattr(pii, "ENGINE_VERSION", pii.ENGINE_VERSION + 1)
    with pytest.raises(PlanError, match="quality or PII policy, or the PII engine, changed while this run"):
        ShardStepsOperator(task_id="extract", steps=["extract"], shard=shards[0]).execute({"run_id": "c1"})


def test_the_readme_shows_the_step_list_as_declared(settings):
    from pathlib import Path

    from llmdata.cli import app

    result = CliRunner().invoke(app, ["steps", "--markdown"])
    assert result.exit_code == 0 and result.output.count("\n") == len(curation.CURATE) + 2
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert result.output.strip() in readme, "README's step table is stale: paste `llmdata steps --markdown`"


def test_intermediate_tables_are_kept_only_when_asked_and_only_after_redaction(settings, tmp_path, monkeypatch):
    from llmdata.config import get_settings
    from llmdata.operators.ingest import IngestOperator
    from tests.unit.test_operators import curate_run

    ticket = f"# Printer jam\n\nReported by Jana Novak (jana.novak@northwind.example).\n\n{RUNBOOK}"
    use_files_source(tmp_path, monkeypatch, {"ticket.md": ticket, "rollback.md": f"# Rollback\n\n{ROLLBACK}"})
    IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i1"})
    curate_run("c1")
    lake = Lake(get_settings())
    assert lake.row_count("silver.redacted") == lake.row_count("silver.annotated") == 0
    assert lake.row_count("bronze.extracted") == 0 and len(list(lake.table("bronze.extracted").snapshots())) <= 1

    monkeypatch.setenv("LLMDATA_KEEP_INTERMEDIATE", "true")
    monkeypatch.setenv("LLMDATA_DATA_DIR", str(tmp_path / "kept"))
    get_settings.cache_clear()
    IngestOperator(task_id="ingest", source="wiki").execute({"run_id": "i1"})
    curate_run("c1")
    lake = Lake(get_settings())
    redacted = lake.read("silver.redacted")["text"].to_pylist()
    assert len(redacted) == lake.row_count("silver.annotated") == 2
    assert not any("jana.novak@northwind.example" in t for t in redacted)
    assert not set(lake.names()) & {"silver.extracted", "silver.normalized", "silver.screened"}


def test_workers_never_re_run_the_main_script_of_the_task_process(tmp_path):
    """Under an Airflow executor the task's main script is ``airflow``, which its children cannot import (no
    database URL): a worker that re-ran it died and failed every shard (found by the stack test)."""
    import subprocess
    import sys

    script = tmp_path / "task.py"
    script.write_text("if __name__ != '__main__':\n    raise SystemExit('the main script ran again in a worker')\n"
                      "import math\nfrom llmdata.workers import parallel_map\n"
                      "print(parallel_map(math.sqrt, [1.0, 4.0, 9.0], 2))\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "[1.0, 2.0, 3.0]", done.stderr[-2000:]


def test_workers_end_with_a_task_process_that_ends_with_os_exit(tmp_path):
    """Airflow's task runner ends a task process with ``os._exit``: no pool shutdown runs. Its workers must not
    outlive it (found as eight orphaned pairs of 0.2 GB workers after a test run)."""
    import json
    import subprocess
    import sys
    import time
    from pathlib import Path

    script, found = tmp_path / "task.py", tmp_path / "pids.json"
    script.write_text("import json, os\nfrom llmdata.workers import submit\n"
                      "pids = sorted({submit(2, os.getpid).result() for _ in range(8)})\n"
                      f"open({str(found)!r}, 'w').write(json.dumps(pids))\n"
                      "os._exit(0)\n")
    # no pipes: a worker that outlived the script would hold them open and hang the wait
    done = subprocess.run([sys.executable, str(script)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=120, check=False)
    assert done.returncode == 0
    pids = json.loads(found.read_text())
    assert pids
    deadline = time.monotonic() + 30  # the watchdog looks once a second
    while any(Path(f"/proc/{pid}").exists() for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]


def test_quarantine_rows_without_text_never_load_presidio(settings):
    """A task whose quarantine holds only empty texts (extract.no_text) must not pay Presidio's seconds of imports
    (spaCy, torch, transformers) in its own process."""
    import subprocess
    import sys

    code = (
        "import sys, pyarrow as pa\n"
        "from llmdata.schemas import QUARANTINE, conform\n"
        "from pathlib import Path\n"
        "from llmdata.transforms.pii import load_pii_policy, redact_quarantine\n"
        f"policy = load_pii_policy(Path({str(settings.pii_policy_file)!r}))\n"
        "rows = conform(pa.table({'doc_id': ['a'], 'text': [''], 'rule': ['extract.no_text']}), QUARANTINE)\n"
        "redact_quarantine(rows, policy, b'k')\n"
        "print('presidio_analyzer' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
