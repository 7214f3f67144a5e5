from __future__ import annotations

import json
from pathlib import Path

import pytest

from llmdata.ingest import current_state, ingest
from llmdata.sources import files
from llmdata.sources.registry import FilesOptions, RegistryError, Source, load_registry
from tests.conftest import ROOT, RUNBOOK


def _source(path: Path) -> Source:
    return Source(id="wiki", connector="files", options=FilesOptions(path=str(path)), licence="CC-BY-4.0",
                  owner="team@example.com", purpose="tests")


def _scan(path: Path, max_bytes: int = 10_000_000) -> list[files.Item]:
    return list(files.scan(path, ["**/*"], max_bytes))


def test_jsonl_lines_are_items_of_their_own(tmp_path):
    (tmp_path / "faq.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n')
    (tmp_path / "page.html").write_text("<p>x</p>")
    items = _scan(tmp_path)
    assert [(i.item_key, i.mime_type) for i in items] == [
        ("faq.jsonl#L1", "application/json"), ("faq.jsonl#L3", "application/json"), ("page.html", "text/html")]


def test_oversized_file_is_quarantined_with_the_fix_named(tmp_path):
    (tmp_path / "big.txt").write_text(RUNBOOK * 10)
    result = ingest(_scan(tmp_path, max_bytes=100), _source(tmp_path), {}, "r1")
    assert result.kept.num_rows == 0
    assert result.quarantine_reasons == {"ingest.oversized": 1}
    assert "LLMDATA_MAX_DOCUMENT_BYTES" in result.quarantined["reason"][0].as_py()


def test_rerun_ingests_only_new_and_changed_items_and_tombstones_removed_ones(tmp_path):
    (tmp_path / "a.md").write_text("# A\n" + RUNBOOK)
    (tmp_path / "b.md").write_text("# B\n" + RUNBOOK)
    (tmp_path / "c.md").write_text("# C\n" + RUNBOOK)
    source = _source(tmp_path)
    first = ingest(_scan(tmp_path), source, {}, "r1")
    assert first.metrics["new"] == 3 and first.kept.num_rows == 3

    (tmp_path / "b.md").write_text("# B changed\n" + RUNBOOK)
    (tmp_path / "c.md").unlink()
    (tmp_path / "d.md").write_text("# D\n" + RUNBOOK)
    second = ingest(_scan(tmp_path), source, current_state(first.kept), "r2")
    assert {k: second.metrics[k] for k in ("new", "changed", "unchanged", "removed")} == {
        "new": 1, "changed": 1, "unchanged": 1, "removed": 1}
    ops = dict(zip(second.kept["item_key"].to_pylist(), second.kept["op"].to_pylist(), strict=True))
    assert ops == {"b.md": "upsert", "d.md": "upsert", "": "delete"}
    assert second.records_in == second.kept.num_rows + second.quarantined.num_rows + second.skipped


def test_bronze_rows_carry_provenance(tmp_path):
    (tmp_path / "a.md").write_text(RUNBOOK)
    row = ingest(_scan(tmp_path), _source(tmp_path), {}, "r1").kept.to_pylist()[0]
    assert row["source_id"] == "wiki" and row["licence"] == "CC-BY-4.0"
    assert row["source_uri"] == (tmp_path / "a.md").as_uri()
    assert row["content"] == RUNBOOK.encode() and len(row["content_sha256"]) == 64
    assert row["collected_at"] is not None and row["connector_version"]


def test_doc_ids_are_stable_across_runs(tmp_path):
    (tmp_path / "a.md").write_text(RUNBOOK)
    one = ingest(_scan(tmp_path), _source(tmp_path), {}, "r1").kept["doc_id"].to_pylist()
    two = ingest(_scan(tmp_path), _source(tmp_path), {}, "r2").kept["doc_id"].to_pylist()
    assert one == two


def test_registry_error_names_the_entry_and_field(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n  - id: wiki\n    connector: files\n    options: {path: x}\n    licence: MIT\n"
        "    owner: me\n    purpose: tests\n    classification: {sensitivity: secret}\n"
    )
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    assert "source 'wiki'" in str(error.value) and "classification.sensitivity" in str(error.value)


def test_registry_rejects_duplicate_ids_and_bad_yaml(tmp_path):
    path = tmp_path / "sources.yaml"
    entry = "  - {id: a, connector: files, options: {path: x}, licence: MIT, owner: me, purpose: p}\n"
    path.write_text("sources:\n" + entry + entry)
    with pytest.raises(RegistryError, match="duplicate source ids"):
        load_registry(path)
    path.write_text("sources: [\n")
    with pytest.raises(RegistryError, match="not valid YAML"):
        load_registry(path)


def test_shipped_registry_is_valid_and_points_at_the_sample_corpus():
    registry = load_registry(ROOT / "include" / "sources.yaml")
    source = registry.get("sample_corpus")
    assert source.root().is_dir()
    manifest = json.loads((source.root() / "MANIFEST.json").read_text())
    assert len(manifest["clean"]) >= 150
