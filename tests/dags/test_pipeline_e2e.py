"""End to end: the three DAGs run with `airflow dags test` on a copy of the sample corpus.

The chain runs once per test session (module fixture) and the tests share it; then the corpus is changed (a
document deleted, one edited, one added) and the chain runs again for the tests at the end of this file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml
from pyiceberg.expressions import EqualTo

from llmdata.config import Settings, load_settings
from llmdata.curation import order as curate_order
from llmdata.curation import segments
from llmdata.ids import doc_id
from llmdata.index.qdrant import open_index
from llmdata.lake import Lake
from llmdata.lineage.events import read_events
from llmdata.lineage.facets import FACETS, load_schema
from llmdata.quality.review import CSV_PATH
from llmdata.schemas import (
    BRONZE_DOCUMENTS,
    GOLD_CHUNKS,
    GOLD_DOCUMENTS,
    QUARANTINE_DOCUMENTS,
    REVIEW_QUEUE,
    SILVER_DOCUMENTS,
    SILVER_GATED,
)
from llmdata.stack.native import airflow_env
from tests.conftest import CORPUS, MODEL_CACHE, ROOT, seeded_pii

pytestmark = pytest.mark.e2e
SOURCE = "sample_corpus"
BIN = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin"
DAG_IDS = ("ingest", "curate", "rag_index")


@dataclass
class Pipeline:
    root: Path
    corpus: Path
    env: dict[str, str]
    settings: Settings
    manifest: dict[str, list[str]]

    def run_chain(self, label: str) -> None:
        for dag_id in DAG_IDS:
            log = self.root / f"{label}-{dag_id}.log"
            with log.open("w") as handle:
                done = subprocess.run([str(BIN / "airflow"), "dags", "test", dag_id], env=self.env, stdout=handle,
                                      stderr=subprocess.STDOUT, timeout=900, check=False)
            text = log.read_text()
            if done.returncode != 0 or "state=success" not in text:
                tail = "\n".join(text.splitlines()[-60:])
                pytest.fail(f"airflow dags test {dag_id} ({label}) failed; log {log}:\n{tail}")

    def lake(self) -> Lake:
        return Lake(self.settings)

    def doc(self, item_key: str) -> str:
        return doc_id(SOURCE, item_key)


def migrated_airflow(root: Path, data: Path, registry: Path, extra: dict[str, str]) -> dict[str, str]:
    """The environment of an `airflow dags test` run on lake ``data`` and source registry ``registry`` (with
    what `llmdata airflow-env` exports), its metadata DB under ``root`` migrated."""
    env = airflow_env(root / "airflow") | {
        "LLMDATA_DATA_DIR": str(data), "LLMDATA_SOURCES_FILE": str(registry), "LLMDATA_TASK_TIMEOUT_MINUTES": "10",
        "LLMDATA_MODEL_CACHE_DIR": str(MODEL_CACHE), **extra}
    exports = subprocess.run([str(BIN / "llmdata"), "airflow-env"], env=env, capture_output=True, text=True,
                             check=True).stdout
    for line in exports.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        env[key] = value.strip("'")
    subprocess.run([str(BIN / "airflow"), "db", "migrate"], env=env, capture_output=True, check=True, timeout=600)
    return env


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    root = tmp_path_factory.mktemp("e2e")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    registry = root / "sources.yaml"
    shipped = yaml.safe_load((ROOT / "include" / "sources.yaml").read_text())
    sample = next(s for s in shipped["sources"] if s["id"] == SOURCE)  # the corpus whose MANIFEST we check
    sample["options"]["path"] = str(corpus)
    registry.write_text(yaml.safe_dump({"sources": [sample]}))
    data = root / "data"
    env = migrated_airflow(root, data, registry, {"LLMDATA_RETRIES": "1", "LLMDATA_RETRY_DELAY_SECONDS": "2"})
    settings = load_settings(data_dir=data, sources_file=registry)
    manifest = json.loads((corpus / "MANIFEST.json").read_text())
    pipeline = Pipeline(root, corpus, env, settings, manifest)
    pipeline.run_chain("first")
    return pipeline


# --------------------------------------------------------------------------------------------- first run
def test_a_run_that_goes_well_logs_no_error(pipeline):
    """Quarantined items are warnings; an error line in a successful run sends a user looking for a fault that is
    not there (the task SDK logged "XCom not found" when a mapped task's results were iterated)."""
    errors = [line for log in sorted(pipeline.root.glob("first-*.log")) for line in log.read_text().splitlines()
              if "[error" in line]
    assert errors == []


def test_records_in_equal_records_out_plus_quarantined(pipeline):
    lake = pipeline.lake()
    bronze = lake.read(BRONZE_DOCUMENTS, columns=["doc_id", "op"])
    gold = lake.read(GOLD_DOCUMENTS, columns=["doc_id"])
    quarantined = lake.read(QUARANTINE_DOCUMENTS, columns=["doc_id"])
    expected = sum(len(v) for k, v in pipeline.manifest.items() if k != "seed")
    assert bronze.num_rows == expected >= 150
    assert gold.num_rows + quarantined.num_rows == bronze.num_rows
    assert len(set(gold["doc_id"].to_pylist())) == gold.num_rows


def test_every_clean_document_reaches_gold_once(pipeline):
    gold = set(pipeline.lake().read(GOLD_DOCUMENTS, columns=["doc_id"])["doc_id"].to_pylist())
    quarantined = {r["doc_id"]: r for r in pipeline.lake().read(QUARANTINE_DOCUMENTS).to_pylist()}
    missing = [k for k in pipeline.manifest["clean"] if pipeline.doc(k) not in gold]
    # A clean original may lose to its planted copy (the lowest doc_id wins); then the copy is in gold.
    for key in missing:
        row = quarantined[pipeline.doc(key)]
        assert row["rule"] in {"dedup.exact", "dedup.near"} and row["dup_of"] in gold, key
    assert len(missing) <= len(pipeline.manifest["exact_duplicate"]) + len(pipeline.manifest["near_duplicate"])


def test_planted_problems_are_quarantined_with_the_right_rules(pipeline):
    rows = pipeline.lake().read(QUARANTINE_DOCUMENTS,
                                columns=["doc_id", "stage", "rule", "reason", "dup_of"]).to_pylist()
    by_doc = {r["doc_id"]: r for r in rows}
    for kind, rule in (("exact_duplicate", "dedup.exact"), ("near_duplicate", "dedup.near")):
        for key in pipeline.manifest[kind]:
            # A Markdown page exported as .txt keeps its markup while the .md is read as Markdown: the same
            # words, not the same characters, so dedup finds it as a near duplicate.
            rules = {"dedup.exact", "dedup.near"} if Path(key).suffix != ".md" and kind == "exact_duplicate" \
                else {rule}
            duplicates_of = Counter(r["dup_of"] for r in rows if r["rule"] in rules)
            document = pipeline.doc(key)
            if document in by_doc:
                assert by_doc[document]["rule"] in rules, key
                assert by_doc[document]["reason"].split(" duplicate of ")[0] in {r.split(".")[1] for r in rules}
            else:  # the copy won (lowest doc_id); its original is the one quarantined
                assert duplicates_of[document] == 1, key
    for key in pipeline.manifest["junk"] + pipeline.manifest["unextractable"]:
        assert by_doc[pipeline.doc(key)]["stage"] in {"extract", "gate_early"}, key  # caught before PII work
    for key in pipeline.manifest["contaminated"]:
        assert by_doc[pipeline.doc(key)]["rule"] == "contamination.decontamination", key
    assert Counter(r["stage"] for r in rows) == {"extract": 3, "gate_early": 5, "dedup": 10, "gate_late": 1}


def test_non_english_and_non_utf8_documents_are_kept_and_decoded(pipeline):
    gold = pipeline.lake().read(GOLD_DOCUMENTS, columns=["doc_id", "text", "encoding"])
    texts = dict(zip(gold["doc_id"].to_pylist(), gold["text"].to_pylist(), strict=True))
    legacy = texts[pipeline.doc(pipeline.manifest["non_utf8"][0])]
    assert "Jürgen" in legacy and "€" in legacy and "\ufffd" not in legacy
    for key in pipeline.manifest["non_english"]:
        assert pipeline.doc(key) in texts


def test_html_boilerplate_is_gone_from_silver(pipeline):
    gold = pipeline.lake().read(GOLD_DOCUMENTS, row_filter=EqualTo("mime_type", "text/html"), columns=["text"])
    assert gold.num_rows >= 30
    assert not any("Cookie settings" in t or "Sign in" in t or "Random page" in t for t in gold["text"].to_pylist())
    # The page that is nothing but navigation has no main content: extract quarantines it before any gate.
    nav_only = pipeline.doc("html/nav-only.html")
    rejected = pipeline.lake().read(QUARANTINE_DOCUMENTS, row_filter=EqualTo("doc_id", nav_only))
    assert rejected["rule"].to_pylist() == ["extract.no_text"]


def test_qdrant_holds_exactly_one_point_per_chunk(pipeline):
    chunks = pipeline.lake().read(GOLD_CHUNKS, columns=["chunk_id", "doc_id"])
    with open_index(pipeline.settings) as index:
        assert index.count(pipeline.settings.collection) == chunks.num_rows > 0
    gold_docs = set(pipeline.lake().read(GOLD_DOCUMENTS, columns=["doc_id"])["doc_id"].to_pylist())
    assert set(chunks["doc_id"].to_pylist()) == gold_docs


def test_semantic_search_finds_the_planted_runbook(pipeline):
    from llmdata.index.embedder import get_embedder

    vector = get_embedder("", 16).encode(["how do I restore a PostgreSQL database to a point in time"])[0]
    with open_index(pipeline.settings) as index:
        hits = index.search(pipeline.settings.collection, vector, limit=3)
    # Every top hit is from the PostgreSQL backup runbooks (a wiki page, an FAQ record, a note or the handbook).
    for hit in hits:
        assert "WAL" in hit.payload["text"] or "recovery" in hit.payload["text"], hit.payload["source_uri"]
    assert hits[0].score > 0.5
    assert hits[0].payload["licence"] == "CC-BY-4.0" and hits[0].payload["doc_id"]


def test_summary_reports_layers_paths_and_points(pipeline):
    out = subprocess.run([str(BIN / "llmdata"), "summary"], env=pipeline.env, capture_output=True, text=True,
                         check=True).stdout
    n_tickets = len(pipeline.manifest["pii"])
    assert re.search(rf"Gold documents by processing path: deep {n_tickets}, standard \d+", out), out
    assert "gold.documents" in out and "points" in out


def task_of(step: str) -> str:
    """The curate task that runs ``step`` (several per-document steps share one shard task)."""
    return next(s.task_id for s in segments() if step in [x.name for x in s.steps])


def test_lineage_has_start_and_complete_for_every_task_with_lake_datasets(pipeline):
    events = read_events(pipeline.settings)
    seen = Counter((e["job"]["name"], e["eventType"]) for e in events)
    tasks = {
        "ingest": ["list_sources", "ingest_source"],
        "curate": ["plan", *(segment.task_id for segment in segments()), "commit"],
        "rag_index": ["plan", "chunk", "embed_index", "publish_index", "commit"],
    }
    for dag_id, task_ids in tasks.items():
        for task_id in task_ids:
            assert seen[(f"{dag_id}.{task_id}", "START")] >= 1, f"{dag_id}.{task_id}"
            assert seen[(f"{dag_id}.{task_id}", "COMPLETE")] >= 1, f"{dag_id}.{task_id}"
    gate = next(e for e in events if e["job"]["name"] == "curate.gate_late" and e["eventType"] == "COMPLETE")
    assert {i["name"] for i in gate["inputs"]} == {SILVER_DOCUMENTS}
    assert {o["name"] for o in gate["outputs"]} == {SILVER_GATED, QUARANTINE_DOCUMENTS}
    assert gate["run"]["facets"]["llmdata_policy"]["version"] == "1.0.0"
    publish = next(e for e in events if e["job"]["name"] == "curate.publish" and e["eventType"] == "COMPLETE")
    gold_output = next(o for o in publish["outputs"] if o["name"] == GOLD_DOCUMENTS)
    version = int(gold_output["facets"]["version"]["datasetVersion"])
    assert pipeline.lake().table(GOLD_DOCUMENTS).snapshot_by_id(version) is not None
    mid = [e for e in events if e["job"]["name"] == f"curate.{task_of('gate_mid')}" and e["eventType"] == "COMPLETE"]
    assertions = {a["assertion"] for e in mid for o in e["outputs"]
                  for a in o["facets"].get("dataQualityAssertions", {}).get("assertions", [])}
    assert {"statistical.gopher_quality", "repetition.gopher_repetition", "safety.toxicity"} <= assertions
    report = next(e for e in events if e["job"]["name"] == "curate.quality_report" and e["eventType"] == "COMPLETE")
    assert report["run"]["facets"]["llmdata_decontamination"]["documents_removed"] == 1
    assert report["run"]["facets"]["llmdata_bias"]["groups"]["gender"]
    ingest = next(e for e in events if e["job"]["name"] == "ingest.ingest_source" and e["eventType"] == "COMPLETE")
    assert ingest["inputs"][0]["facets"]["llmdata_source"]["licence"] == "CC-BY-4.0"
    embed = [e for e in events if e["job"]["name"] == "rag_index.embed_index" and e["eventType"] == "COMPLETE"]
    assert any(e["run"]["facets"].get("llmdata_embedding", {}).get("dimension") == 384 for e in embed)


def test_custom_facets_in_events_match_their_schemas_and_carry_no_text(pipeline):
    events = read_events(pipeline.settings)
    checked = 0
    for event in events:
        facet_sets = [event["run"].get("facets", {})]
        facet_sets += [d.get("facets", {}) for d in event.get("inputs", []) + event.get("outputs", [])]
        for facets in facet_sets:
            for key, facet in facets.items():
                if key in FACETS:
                    jsonschema.validate(facet, load_schema(key))
                    checked += 1
    assert checked >= 10
    raw = pipeline.settings.lineage_uri.removeprefix("file://")
    assert "@northwind.example" not in Path(raw).read_text()


# --------------------------------------------------------------------------------------------- second run
@pytest.fixture(scope="module")
def changed(pipeline):
    """Delete one document, edit one, add one; run the chain again."""
    deleted, edited, added = "wiki/redis-cache-01.md", "wiki/kafka-lag-01.md", "wiki/kafka-lag-99.md"
    (pipeline.corpus / deleted).unlink()
    with (pipeline.corpus / edited).open("a") as handle:
        handle.write("\nLag alerts now page the Data team directly instead of the SRE rotation, and the "
                     "dashboard shows lag per partition for the last seven days.\n")
    (pipeline.corpus / added).write_text(
        "# Kafka retention settings\n\n" + " ".join(
            ["Topic retention is set per topic with retention.ms and retention.bytes, and compaction keeps the "
             "latest value per key for changelog topics."] * 4))
    before_points = _points_of(pipeline, pipeline.doc(edited))
    # A reviewer rejects the first queued document in the CSV; the next run must honour it.
    lake = pipeline.lake()
    rows = list(csv.DictReader(io.StringIO(lake.read_file(CSV_PATH).decode())))
    rows[0] |= {"decision": "reject", "reviewer": "qa@example.com", "note": "templated text"}
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    lake.write_file(CSV_PATH, out.getvalue().encode())
    pipeline.run_chain("second")
    return {"deleted": pipeline.doc(deleted), "edited": pipeline.doc(edited), "added": pipeline.doc(added),
            "before_points": before_points, "rejected": rows[0]["doc_id"]}


def _points_of(pipeline: Pipeline, document: str) -> set[str]:
    with open_index(pipeline.settings) as index:
        return set(index.existing(pipeline.settings.collection, [document]))


def test_second_run_ingests_only_what_changed(pipeline, changed):
    lake = pipeline.lake()
    runs = lake.read(BRONZE_DOCUMENTS, columns=["run_id", "op"]).to_pylist()
    latest = max(r["run_id"] for r in runs)
    assert Counter(r["op"] for r in runs if r["run_id"] == latest) == {"upsert": 2, "delete": 1}


def test_removed_document_leaves_gold_and_qdrant(pipeline, changed):
    gold = set(pipeline.lake().read(GOLD_DOCUMENTS, columns=["doc_id"])["doc_id"].to_pylist())
    assert changed["deleted"] not in gold and changed["added"] in gold
    assert _points_of(pipeline, changed["deleted"]) == set()
    assert _points_of(pipeline, changed["added"])


def test_edited_document_is_replaced_not_appended(pipeline, changed):
    gold = pipeline.lake().read(GOLD_DOCUMENTS, row_filter=EqualTo("doc_id", changed["edited"]))
    assert gold.num_rows == 1 and "Lag alerts now page the Data team" in gold["text"][0].as_py()
    chunks = pipeline.lake().read(GOLD_CHUNKS, row_filter=EqualTo("doc_id", changed["edited"]), columns=["chunk_id"])
    points = _points_of(pipeline, changed["edited"])
    assert len(points) == chunks.num_rows
    assert points != changed["before_points"]


def test_collection_still_matches_the_chunks_after_changes(pipeline, changed):
    lake = pipeline.lake()
    with open_index(pipeline.settings) as index:
        assert index.count(pipeline.settings.collection) == lake.read(GOLD_CHUNKS, columns=["chunk_id"]).num_rows
    gold = lake.read(GOLD_DOCUMENTS, columns=["doc_id"])
    assert len(set(gold["doc_id"].to_pylist())) == gold.num_rows
    # Nothing unchanged was quarantined again: the second run saw only the edited and the added document, and
    # the reviewer's rejection.
    rows = lake.read(QUARANTINE_DOCUMENTS, columns=["run_id", "stage"]).to_pylist()
    assert len({r["run_id"] for r in rows if r["stage"] != "review"}) == 1


def test_review_rejection_is_honoured_by_the_next_run(pipeline, changed):
    lake = pipeline.lake()
    assert changed["rejected"] not in set(lake.read(GOLD_DOCUMENTS, columns=["doc_id"])["doc_id"].to_pylist())
    assert _points_of(pipeline, changed["rejected"]) == set()
    row = lake.read(QUARANTINE_DOCUMENTS, row_filter=EqualTo("doc_id", changed["rejected"])).to_pylist()[-1]
    assert (row["rule"], row["reason"]) == ("review.rejected", "rejected by qa@example.com: templated text")
    queue = {r["doc_id"]: r for r in lake.read(REVIEW_QUEUE).to_pylist()}
    assert queue[changed["rejected"]]["decision"] == "reject"


def test_quality_report_and_training_export(pipeline, changed):
    out = subprocess.run([str(BIN / "llmdata"), "report", "quality"], env=pipeline.env, capture_output=True,
                         text=True, check=True).stdout
    assert "statistical.gopher_quality" in out and "drift against run" in out and "report.html" in out
    lake = pipeline.lake()
    run_id = lake.offset_run("curate", BRONZE_DOCUMENTS)
    page = lake.read_file(f"_reports/quality/{run_id}/report.html").decode()
    assert page.count("data:image/png;base64,") >= 4 and "Bias examination" in page
    assert "@northwind.example" not in page
    gold = lake.read(GOLD_DOCUMENTS, columns=["doc_id", "n_tokens"])
    manifest = json.loads(lake.read_file(f"_exports/training/{lake.snapshot_id(GOLD_DOCUMENTS)}/manifest.json"))
    assert manifest["documents"] == gold.num_rows
    assert manifest["tokens"] == sum(gold["n_tokens"].to_pylist())
    assert manifest["policy"]["sha256"] and manifest["by_language"]["en"]["documents"] > 0


def test_no_seeded_pii_value_reaches_gold_chunks_or_qdrant(pipeline):
    patterned, names = seeded_pii()
    values = [*patterned, "@northwind.example", "81.2.69.", *names]
    lake = pipeline.lake()
    texts = lake.read(GOLD_DOCUMENTS, columns=["text"])["text"].to_pylist()
    texts += lake.read(GOLD_CHUNKS, columns=["text"])["text"].to_pylist()
    with open_index(pipeline.settings) as index:
        texts += [json.dumps(payload) for _, payload in index.points(pipeline.settings.collection)]
    # The tickets name a reporter and an assignee; they are routed down the deep path, where NER finds them.
    leaks = [v for v in values if any(v in t for t in texts)]
    assert leaks == []
    pii_tickets = [pipeline.doc(k) for k in pipeline.manifest["pii"]]
    gold = lake.read(GOLD_DOCUMENTS, columns=["doc_id", "pii_counts", "route"]).to_pylist()
    counted = {r["doc_id"]: json.loads(r["pii_counts"]) for r in gold if r["doc_id"] in pii_tickets}
    assert len(counted) == len(pii_tickets)
    assert all(c.get("EMAIL_ADDRESS", 0) >= 2 and c.get("CREDIT_CARD") == 1 and c.get("IBAN_CODE") == 1
               and c.get("PERSON", 0) >= 2 for c in counted.values())
    routes = Counter((r["doc_id"] in pii_tickets, r["route"]) for r in gold)
    assert set(routes) == {(True, "deep"), (False, "standard")}  # one internal source here: no fast path
    events = read_events(pipeline.settings)
    redacting = f"curate.{task_of('redact_pii')}"
    facets = [e["run"]["facets"]["llmdata_pii"] for e in events
              if e["job"]["name"] == redacting and e["eventType"] == "COMPLETE"]
    assert facets and sum(f["entities"].get("CREDIT_CARD", 0) for f in facets) >= 8
    routing = [e["run"]["facets"]["llmdata_routing"] for e in events
               if e["job"]["name"] == redacting and e["eventType"] == "COMPLETE"]
    assert {f["step"] for f in routing} == {"redact_pii"}
    assert sum(f["paths"].get("deep", {}).get("documents", 0) for f in routing) >= len(pii_tickets)
    assert all(m["docs_per_s"] > 0 for f in routing for m in f["paths"].values())


def test_a_decoding_canary_scan_finds_its_control_and_no_seeded_pii_outside_bronze(pipeline):
    """Every table at every snapshot, every file under the data folder and AIRFLOW_HOME (task logs, the metadata
    database), every index payload: decoded, not grepped. The scan first finds a canary planted on purpose."""
    from llmdata.canary import Needles, positive_control, scan_folder, scan_index, scan_lake

    lake = pipeline.lake()
    positive_control(lake)
    patterned, names = seeded_pii()
    needles = Needles([*patterned, *names])
    report = scan_lake(lake, needles)
    data = pipeline.settings.data_path
    report.add(scan_folder(data, needles, skip=[data / "lake" / "bronze"]))  # bronze is read as tables above
    report.add(scan_folder(pipeline.root / "airflow", needles))  # task logs and the metadata database (SQLite)
    report.add(scan_index(pipeline.settings, needles))
    assert report.read[f"lake:{GOLD_DOCUMENTS}"] and report.read["file"] > 50
    assert sum(n for place, n in report.read.items() if place.startswith("index:")) > 100
    assert {h.place for h in report.hits if h.raw_layer} == {f"lake:{BRONZE_DOCUMENTS}"}  # raw text: bronze only
    assert sorted({(h.place, h.where.rsplit("/", 1)[-1]) for h in report.outside_raw_layer}) == []


def test_trace_follows_a_point_back_to_its_source_and_every_step(pipeline, changed):
    ticket = pipeline.doc(pipeline.manifest["pii"][0])
    point = next(iter(_points_of(pipeline, ticket)))
    out = subprocess.run([str(BIN / "llmdata"), "trace", point], env=pipeline.env, capture_output=True, text=True,
                         check=True).stdout
    assert f"{ticket} (found by point id)" in out
    for step in ("extract", "gate_early", "redact_pii", "gate_mid", "dedup", "gate_late", "gold"):
        assert f"  {step}" in out, step
    assert "route deep" in out and "PERSON" in out and "@northwind.example" not in out


def test_lineage_log_is_sealed_and_verifies(pipeline, changed):
    out = subprocess.run([str(BIN / "llmdata"), "audit", "verify"], env=pipeline.env, capture_output=True,
                         text=True, check=True).stdout
    assert out.startswith("ok ") and "sealed batch(es)" in out
    assert int(out.split("ok ")[1].split()[0]) >= 6  # every ingest, curate and rag_index run sealed its events


def test_audit_report_is_built_from_lineage_alone_complete_and_reproducible(pipeline, changed):
    from llmdata.lineage import audit

    events = read_events(pipeline.settings)
    first_curate = audit.runs(events)[0]
    reports = []
    for _ in range(2):
        out = subprocess.run([str(BIN / "llmdata"), "audit", "report", first_curate], env=pipeline.env,
                             capture_output=True, text=True, check=True).stdout
        assert "lineage chain verified" in out
        reports.append(pipeline.lake().read_file(f"_reports/audit/{first_curate}/report.json"))
    assert reports[0] == reports[1]
    report = json.loads(reports[0])
    for key, _title in audit.SECTIONS:
        assert report[key], key
    assert report["b_collection_and_origin"]["sources"]["sample_corpus"]["licence"] == "CC-BY-4.0"
    assert report["d_assumptions"].startswith("The corpus represents")
    assert report["e_availability_quantity_suitability"]["languages"]["en"] > 0
    steps = [s["step"] for s in report["c_preparation_operations"]]
    assert steps == ["plan", *curate_order(), "commit"]  # every declared step, in memory or not, in order
    by_step = {s["step"]: s for s in report["c_preparation_operations"]}
    for step in curate_order()[:8]:  # extract .. minhash: records in = out + quarantined, and they chain
        assert by_step[step]["records_in"] == by_step[step]["records_out"] + by_step[step]["records_quarantined"]
    assert by_step["gate_early"]["records_in"] == by_step["normalize"]["records_out"]
    assert by_step["redact_pii"]["inputs"] == ["(in memory)"]
    page = pipeline.lake().read_file(f"_reports/audit/{first_curate}/report.html").decode()
    assert "Art. 10(2)(h)" in page and page.count("data:image/png;base64,") == 2
    assert "@northwind.example" not in page


def test_erasure_dag_removes_a_ticket_everywhere_and_records_it_without_content(pipeline, changed):
    ticket_key = pipeline.manifest["pii"][-1]
    ticket = pipeline.doc(ticket_key)
    conf = json.dumps({"uri_pattern": f"*/{ticket_key}", "reason": "GDPR Art. 17 request #42"})
    log = pipeline.root / "erasure.log"
    with log.open("w") as handle:
        done = subprocess.run([str(BIN / "airflow"), "dags", "test", "erasure", "--conf", conf], env=pipeline.env,
                              stdout=handle, stderr=subprocess.STDOUT, timeout=900, check=False)
    assert done.returncode == 0 and "state=success" in log.read_text(), log.read_text()[-3000:]
    lake = pipeline.lake()
    for name in (BRONZE_DOCUMENTS, GOLD_DOCUMENTS, GOLD_CHUNKS, QUARANTINE_DOCUMENTS):
        assert lake.read(name, row_filter=EqualTo("doc_id", ticket)).num_rows == 0, name
    assert _points_of(pipeline, ticket) == set()
    events = read_events(pipeline.settings)
    erasure = next(e["run"]["facets"]["llmdata_erasure"] for e in events
                   if e["job"]["name"] == "erasure.erase" and e["eventType"] == "COMPLETE")
    assert erasure["documents"] == 1 and erasure["reason"] == "GDPR Art. 17 request #42"
    assert erasure["snapshots_expired"]["bronze.documents"]
    assert ticket not in json.dumps(erasure) and ticket_key not in json.dumps(erasure)
    # Decoded, everywhere: the ticket's own values (those no other source file holds) are nowhere, bronze included.
    from llmdata.canary import Needles, positive_control, scan_folder, scan_index, scan_lake

    text = (pipeline.corpus / ticket_key).read_text()
    others = [p.read_text(errors="ignore") for p in pipeline.corpus.rglob("*")
              if p.is_file() and p.name != Path(ticket_key).name]
    names = [n for found in re.findall(r"Reported by (.+?) \(|Assigned to (.+?) <", text) for n in found if n]
    mine = {v for v in [*re.findall(r"[\w.+-]+@northwind\.example", text), *names]
            if not any(v in other for other in others)}
    assert mine
    positive_control(lake)
    needles = Needles(sorted(mine))
    report = scan_lake(lake, needles)
    report.add(scan_folder(pipeline.settings.data_path, needles))
    report.add(scan_folder(pipeline.root / "airflow", needles))
    report.add(scan_index(pipeline.settings, needles))
    assert report.read[f"lake:{BRONZE_DOCUMENTS}"] and report.hits == []
