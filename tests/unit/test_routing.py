from __future__ import annotations

import pyarrow as pa
import pytest

from llmdata.quality.gate import apply_gates
from llmdata.quality.policy import PolicyError, load_policy
from llmdata.routing import Routing, assign_routes
from llmdata.transforms.extract import extract
from tests.conftest import ROOT, RUNBOOK, make_documents

POLICY = load_policy(ROOT / "include" / "policies" / "quality.yaml")
SENSITIVITY = {"hr": "confidential", "docs": "public", "wiki": "internal"}


def bronze(rows: list[tuple[str, str, str, int]]) -> pa.Table:
    """Bronze-shaped rows: (source_id, mime_type, source_uri, size_bytes)."""
    return pa.table({
        "source_id": [r[0] for r in rows], "mime_type": [r[1] for r in rows],
        "source_uri": [r[2] for r in rows], "size_bytes": [r[3] for r in rows],
    })


def test_shipped_rules_route_by_sensitivity_and_uri_first_match_wins():
    rows = bronze([
        ("hr", "text/markdown", "file:///hr/contract.md", 900),
        ("wiki", "text/markdown", "file:///corpus/notes/ticket-nw-4100.md", 900),
        ("docs", "text/markdown", "file:///corpus/notes/ticket-1.md", 900),  # public, but a ticket: deep first
        ("docs", "text/html", "file:///docs/index.html", 900),
        ("wiki", "text/markdown", "file:///wiki/runbook.md", 900),
        ("unknown", "text/plain", "file:///x.txt", 10),
    ])
    routed, hits = assign_routes(rows, POLICY.routing, SENSITIVITY)
    assert routed["route"].to_pylist() == ["deep", "deep", "deep", "fast", "standard", "standard"]
    assert hits == {"sensitive_sources": 1, "support_tickets": 2, "public_sources": 1, "default": 2}


def test_size_and_type_conditions_combine():
    routing = Routing.from_policy({"default": "standard", "rules": [
        {"name": "big_pdfs", "path": "fast", "when": {"mime_types": ["application/pdf"], "min_bytes": 1000}},
        {"name": "small", "path": "deep", "when": {"max_bytes": 100}},
    ]})
    rows = bronze([("a", "application/pdf", "u1", 5000), ("a", "application/pdf", "u2", 50),
                   ("a", "text/plain", "u3", 5000)])
    assert assign_routes(rows, routing, {})[0]["route"].to_pylist() == ["fast", "deep", "standard"]


def test_a_rule_with_an_unknown_path_names_file_line_and_field(tmp_path):
    text = (ROOT / "include" / "policies" / "quality.yaml").read_text().replace("path: deep       # + NER",
                                                                               "path: deeper     # + NER")
    path = tmp_path / "quality.yaml"
    path.write_text(text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "path: deeper" in row)
    with pytest.raises(PolicyError, match=rf"line {line}: field routing.rules.0.path"):
        load_policy(path)


def test_gates_check_only_the_documents_of_their_paths(tmp_path):
    path = tmp_path / "quality.yaml"
    path.write_text("""
name: t
version: "1.0.0"
assumptions: test
gates:
  - name: everyone
    stage: early
    action: filter
    checks: [{check: non_empty}]
  - name: thorough
    stage: early
    action: filter
    paths: [deep]
    checks: [{check: min_words, min_words: 1000}]
""")
    docs = pa.concat_tables([make_documents({"f": RUNBOOK}, route="fast"),
                             make_documents({"d": RUNBOOK}, route="deep")])
    result = apply_gates(docs, load_policy(path), "early")
    assert result.kept["doc_id"].to_pylist() == ["f"]
    assert result.quarantined["rule"].to_pylist() == ["thorough.min_words"]
    assert result.metrics["checks"]["everyone.non_empty"] == {"evaluated": 2, "failed": 0}
    assert result.metrics["checks"]["thorough.min_words"] == {"evaluated": 1, "failed": 1}
    assert set(result.metrics["paths"]) == {"fast", "deep"}


def test_extract_keeps_the_route_and_reports_throughput_per_path():
    rows = bronze([("wiki", "text/plain", "u1", 10), ("docs", "text/plain", "u2", 10)])
    rows = rows.append_column("content", pa.array([RUNBOOK.encode(), b""], pa.large_binary()))
    for name, value in (("doc_id", ["a", "b"]), ("run_id", ["r", "r"])):
        rows = rows.append_column(name, pa.array(value))
    rows = rows.append_column("shard", pa.array([0, 0], pa.int32()))
    routed, _ = assign_routes(rows, POLICY.routing, SENSITIVITY)
    result = extract(routed)
    assert result.kept["route"].to_pylist() == ["standard"]
    assert result.quarantined["route"].to_pylist() == ["fast"]
    assert {p: m["documents"] for p, m in result.metrics["paths"].items()} == {"standard": 1, "fast": 1}
