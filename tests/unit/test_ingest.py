from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from llmdata.ingest import current_state, ingest
from llmdata.sources.base import CircuitBreaker, Item, SourceState
from llmdata.sources.files import FilesConnector
from llmdata.sources.registry import FilesOptions, RegistryError, Source, load_registry
from llmdata.transforms.extract import extract
from tests.conftest import ROOT, RUNBOOK


def _source(path: Path, **extra) -> Source:
    return Source(id="wiki", connector="files", options=FilesOptions(path=str(path)), licence="CC-BY-4.0",
                  owner="team@example.com", purpose="tests", **extra)


def _run(path: Path, state: SourceState | None = None, run_id: str = "r1", max_bytes: int = 10_000_000):
    connector = FilesConnector(path, ["**/*"], max_bytes)
    state = state or SourceState()
    return ingest(connector.items(state), _source(path), state, run_id, connector)


def test_record_files_yield_one_item_per_record(tmp_path):
    (tmp_path / "faq.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n')
    (tmp_path / "rows.csv").write_text("id,body\n1,first row\n2,second row\n")
    pq.write_table(pa.table({"text": ["p1", "p2"], "n": [1, 2]}), tmp_path / "rows.parquet")
    result = _run(tmp_path)
    keys = sorted(result.kept["item_key"].to_pylist())
    assert keys == ["faq.jsonl#L1", "faq.jsonl#L3", "rows.parquet#R1", "rows.parquet#R2"]
    # the CSV has no "text" column: one quarantine row naming the columns and the fix
    assert result.quarantine_reasons == {"ingest.bad_structure": 1}
    reason = result.quarantined["reason"][0].as_py()
    assert "no column 'text'" in reason and "id, body" in reason and "options.text_column" in reason


def test_oversized_file_is_quarantined_with_the_fix_named(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * (50 * 1024 * 1024))
    result = _run(tmp_path, max_bytes=20_000_000)
    assert result.kept.num_rows == 0
    assert result.quarantine_reasons == {"ingest.oversized": 1}
    assert "LLMDATA_MAX_DOCUMENT_BYTES" in result.quarantined["reason"][0].as_py()


def test_rerun_ingests_only_new_and_changed_items_and_tombstones_removed_ones(tmp_path):
    for name in "abc":
        (tmp_path / f"{name}.md").write_text(f"# {name}\n" + RUNBOOK)
    first = _run(tmp_path)
    assert first.metrics["new"] == 3 and first.kept.num_rows == 3

    (tmp_path / "b.md").write_text("# B changed\n" + RUNBOOK)
    (tmp_path / "c.md").unlink()
    (tmp_path / "d.md").write_text("# D\n" + RUNBOOK)
    second = _run(tmp_path, current_state(first.kept), "r2")
    assert {k: second.metrics[k] for k in ("new", "changed", "unchanged", "removed")} == {
        "new": 1, "changed": 1, "unchanged": 1, "removed": 1}
    ops = dict(zip(second.kept["item_key"].to_pylist(), second.kept["op"].to_pylist(), strict=True))
    assert ops == {"b.md": "upsert", "d.md": "upsert", "c.md": "delete"}
    assert second.records_in == second.kept.num_rows + second.quarantined.num_rows + second.skipped


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(RUNBOOK)
    (tmp_path / "faq.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n')
    first = _run(tmp_path)
    reads: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or original(self))
    second = _run(tmp_path, current_state(first.kept), "r2")
    assert reads == [] and second.skipped == 3 and second.kept.num_rows == 0


def test_bronze_rows_carry_provenance(tmp_path):
    (tmp_path / "a.md").write_text(RUNBOOK)
    row = _run(tmp_path).kept.to_pylist()[0]
    assert row["source_id"] == "wiki" and row["licence"] == "CC-BY-4.0"
    assert row["source_uri"] == (tmp_path / "a.md").as_uri()
    assert row["content"] == RUNBOOK.encode() and len(row["content_sha256"]) == 64
    assert row["collected_at"] is not None and row["connector"] == "files" and row["connector_version"] == "2"
    assert row["version"]


def test_bad_files_end_as_quarantine_rows_naming_the_item(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "latin1.txt").write_bytes(("Grüße aus Köln. " * 20).encode("latin-1"))
    (tmp_path / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (tmp_path / "records.jsonl").write_text('{"text": "fine"}\n{"text": broken\n')
    bronze = _run(tmp_path).kept
    result = extract(bronze)
    rules = dict(zip(result.quarantined["source_uri"].to_pylist(), result.quarantined["rule"].to_pylist(),
                     strict=True))
    by_name = {uri.rsplit("/", 1)[1]: rule for uri, rule in rules.items()}
    assert by_name == {"empty.txt": "extract.empty", "junk.txt": "extract.binary",
                       "truncated.pdf": "extract.pdf_unreadable", "records.jsonl#L2": "extract.bad_json"}
    kept = dict(zip(result.kept["source_uri"].to_pylist(), result.kept["text"].to_pylist(), strict=True))
    assert "Grüße aus Köln" in next(v for k, v in kept.items() if k.endswith("latin1.txt"))
    assert result.records_in == result.kept.num_rows + result.quarantined.num_rows


def test_circuit_breaker_stops_the_source_and_no_removals_are_inferred():
    source = Source(id="api", connector="files", options=FilesOptions(path="/x"), licence="MIT", owner="me",
                    purpose="t", max_consecutive_failures=3)
    failing = [Item(f"k{i}", f"file:///k{i}", None, "text/plain", problem="timeout", transient=True)
               for i in range(10)]
    state = SourceState(known={"old": None})  # type: ignore[dict-item]
    result = ingest(iter(failing), source, state, "r1", breaker=CircuitBreaker(3))
    assert result.metrics["degraded"] is True and "circuit breaker opened" in result.metrics["degraded_reason"]
    assert result.quarantined.num_rows == 3  # the rest were never requested
    assert result.metrics["removed"] == 0 and result.metrics["removals_detected"] is False


def test_a_listing_that_fails_midway_degrades_the_source_without_tombstones(tmp_path):
    def items():
        yield Item("a", "file:///a", b"alpha text", "text/plain")
        raise ConnectionError("listing interrupted")

    state = SourceState(known={"b": None})  # type: ignore[dict-item]
    result = ingest(items(), _source(tmp_path), state, "r1")
    assert result.metrics["degraded_reason"] == "ConnectionError: listing interrupted"
    assert result.kept["op"].to_pylist() == ["upsert"]


def test_per_item_licence_overrides_the_source_licence(tmp_path):
    items = [Item("pkg", "file:///pkg", b"text", "text/plain", licence="MIT")]
    assert ingest(items, _source(tmp_path), SourceState(), "r1").kept["licence"].to_pylist() == ["MIT"]


def test_registry_error_names_the_entry_and_field(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n  - id: wiki\n    connector: files\n    options: {path: x}\n    licence: MIT\n"
        "    owner: me\n    purpose: tests\n    classification: {sensitivity: secret}\n"
    )
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    assert "source 'wiki'" in str(error.value) and "classification.sensitivity" in str(error.value)


def test_registry_validates_options_of_each_connector(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - {id: api, connector: http, options: {url: 'ftp://x'}, licence: MIT, owner: me,"
                    " purpose: p}\n")
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    assert "source 'api'" in str(error.value) and "options.url" in str(error.value)


@pytest.mark.parametrize(("field", "registry_value", "source_value", "expected", "bad", "message"), [
    ("pii_regions", "[de, at]", "[DK]", [("DE", "AT"), ("DK",)], "[UK]", "unknown phone region(s) ['UK']"),
    ("pii_languages", "[en]", "[EN, fr]", [("en",), ("en", "fr")], "[de]",
     "no NER pipeline for language(s) ['de']"),
])
def test_pii_regions_and_languages_come_from_the_source_or_the_registry_and_unknown_ones_are_refused(
        tmp_path, field, registry_value, source_value, expected, bad, message):
    path = tmp_path / "sources.yaml"
    entry = "{{id: {id}, connector: files, options: {{path: x}}, licence: MIT, owner: me, purpose: p{extra}}}"
    path.write_text(f"{field}: {registry_value}\nsources:\n  - " + entry.format(id="a", extra="") + "\n  - "
                    + entry.format(id="b", extra=f", {field}: {source_value}") + "\n")
    registry = load_registry(path)
    of = registry.regions_for if field == "pii_regions" else registry.languages_for
    assert [of(s) for s in registry.sources] == expected
    path.write_text("sources:\n  - " + entry.format(id="c", extra=f", {field}: {bad}") + "\n")
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    assert "source 'c'" in str(error.value) and message in str(error.value)


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
    assert {s["source_id"] for s in registry.shard_specs()} == {s.id for s in registry.sources}


def test_installed_python_packages_are_a_real_offline_collection():
    from llmdata.sources.python_packages import PythonPackagesConnector

    items = list(PythonPackagesConnector(max_chars=2000, min_chars=300).items(SourceState()))
    by_key = {i.item_key: i for i in items}
    assert len(items) > 50 and "pyarrow" in by_key
    record = json.loads(by_key["pyarrow"].content)
    assert record["text"].startswith("pyarrow ") and len(record["text"]) <= 2000 + 200
    assert by_key["pyarrow"].licence and by_key["pyarrow"].source_uri.endswith("/METADATA")
    assert len({i.licence for i in items}) > 3
