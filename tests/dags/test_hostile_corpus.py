"""The hostile-input corpus (scripts/make_hostile_corpus.py) through ingest, curate and rag_index with
`airflow dags test`: records in = out + quarantined, every case has the outcome written in the generator,
good plain-text files reach gold with their text, and nothing from outside the source folders is read."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from llmdata.config import load_settings
from llmdata.ids import doc_id
from llmdata.lake import Lake
from llmdata.schemas import BRONZE_DOCUMENTS, GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS
from llmdata.transforms.normalize import normalize_text
from tests.conftest import ROOT
from tests.dags.test_pipeline_e2e import Pipeline, migrated_airflow

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pipeline, dict, Lake]:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_hostile_corpus.py"), str(corpus)], check=True)
    expected = json.loads((corpus / "EXPECTED.json").read_text())
    registry = root / "sources.yaml"
    registry.write_text(yaml.safe_dump({"sources": [
        {"id": source, "connector": "files", "options": {"path": str(corpus / source)}, "licence": "CC-BY-4.0",
         "owner": "qa@example.com", "purpose": "hostile inputs"} for source in ("shared_drive", "support_tickets")]}))
    data = root / "data"
    env = migrated_airflow(root, data, registry, {
        "LLMDATA_RETRIES": "0", "LLMDATA_MAX_DOCUMENT_BYTES": str(expected["max_document_bytes"])})
    settings = load_settings(data_dir=data, sources_file=registry)
    pipeline = Pipeline(root, corpus, env, settings, {})
    pipeline.run_chain("hostile")
    return pipeline, expected, Lake(settings)


def _outcomes(lake: Lake) -> dict[str, str]:
    gold = set(lake.read(GOLD_DOCUMENTS, columns=["doc_id"])["doc_id"].to_pylist())
    rules = {r["doc_id"]: r["rule"] for r in lake.read(QUARANTINE_DOCUMENTS, columns=["doc_id", "rule"]).to_pylist()}
    return {d: "gold" for d in gold} | rules


def test_records_in_equal_records_out_plus_quarantined(hostile):
    _, expected, lake = hostile
    bronze = lake.read(BRONZE_DOCUMENTS, columns=["doc_id"])["doc_id"].to_pylist()
    ingest_quarantined = lake.read(QUARANTINE_DOCUMENTS, columns=["doc_id", "stage"]).to_pylist()
    n_cases = sum(len(v) for v in expected["cases"].values()) + sum(len(g["items"]) for g in expected["groups"])
    assert n_cases >= 40
    assert len(bronze) + sum(1 for r in ingest_quarantined if r["stage"] == "ingest") == n_cases
    assert len(_outcomes(lake)) == n_cases


def test_every_hostile_case_has_the_outcome_written_before_the_run(hostile):
    _, expected, lake = hostile
    outcomes = _outcomes(lake)
    wrong = {f"{source}/{key}": (want, outcomes.get(doc_id(source, key)))
             for source, cases in expected["cases"].items() for key, want in cases.items()
             if outcomes.get(doc_id(source, key)) != want}
    assert wrong == {}
    for group in expected["groups"]:
        got = sorted(outcomes[doc_id(group["source"], key)] for key in group["items"])
        assert got == sorted(["gold"] * group["gold"] + group["rules"])


def test_good_files_reach_gold_with_their_text(hostile):
    _, expected, lake = hostile
    gold = {r["doc_id"]: r["text"] for r in lake.read(GOLD_DOCUMENTS, columns=["doc_id", "text"]).to_pylist()}
    for key, text in expected["good_text"].items():
        assert gold[doc_id("shared_drive", key)] == normalize_text(text), key


def test_nothing_from_outside_a_source_folder_is_in_the_lake(hostile):
    pipeline, _, lake = hostile
    with open("/etc/passwd", "rb") as handle:
        passwd = handle.read()[:40]
    contents = lake.read(BRONZE_DOCUMENTS, columns=["content"])["content"].to_pylist()
    assert not any(c and (passwd in c or b"a file beside the source folder" in c or b"written outside" in c)
                   for c in contents)
    quarantined = lake.read(QUARANTINE_DOCUMENTS, columns=["content"])["content"].to_pylist()
    assert all(c is None for c in quarantined)  # quarantine keeps no fetched bytes
    assert not (pipeline.corpus.parent / "escape.txt").exists()


def test_short_records_pass_and_the_garbage_record_does_not(hostile):
    _, expected, lake = hostile
    outcomes = _outcomes(lake)
    tickets = expected["cases"]["support_tickets"]
    kept = sum(outcomes[doc_id("support_tickets", k)] == "gold" for k, v in tickets.items() if v == "gold")
    assert kept / sum(v == "gold" for v in tickets.values()) >= 0.95
