from __future__ import annotations

import json

import pyarrow as pa
import pytest

from llmdata.quality.checks import LengthBounds, MinWords, RequiredMetadata, ValidText, build_check
from llmdata.quality.gate import GateBlockedError, apply_gates
from llmdata.quality.policy import PolicyError, load_policy
from tests.conftest import ROLLBACK, ROOT, RUNBOOK, make_documents

POLICY = ROOT / "include" / "policies" / "quality.yaml"


def test_min_words_rejects_short_documents_with_a_reason():
    docs = make_documents({"long": RUNBOOK, "short": "TODO: fix later"})
    verdicts = MinWords(min_words=20).evaluate(docs)
    assert verdicts.passed.to_pylist() == [True, False]
    assert verdicts.reason == "fewer than 20 words"


def test_valid_text_rejects_number_dumps_and_mojibake():
    dump = " | ".join(str(n) for n in range(400))
    mojibake = RUNBOOK.replace("e", "\ufffd")
    docs = make_documents({"ok": RUNBOOK, "dump": dump, "bad": mojibake})
    assert ValidText().evaluate(docs).passed.to_pylist() == [True, False, False]


def test_length_bounds_and_required_metadata():
    docs = make_documents({"a": RUNBOOK, "b": "short"}, licence=None)
    assert LengthBounds(min_chars=100, max_chars=10_000).evaluate(docs).passed.to_pylist() == [True, False]
    assert RequiredMetadata(fields_required=("licence",)).evaluate(docs).passed.to_pylist() == [False, False]


def test_build_check_rejects_unknown_checks_and_parameters():
    with pytest.raises(ValueError, match="unknown check 'perplexity'"):
        build_check("perplexity", {})
    with pytest.raises(ValueError, match="no parameter"):
        build_check("min_words", {"max_words": 3})


def test_shipped_policy_loads_with_version_hash_and_assumptions():
    policy = load_policy(POLICY)
    assert policy.version == "1.0.0" and len(policy.sha256) == 64
    assert "represents" in policy.assumptions
    assert [g.name for g in policy.gates_at("early")] == ["structural"]


def test_filter_gate_quarantines_with_gate_and_check_as_rule():
    docs = make_documents({"good": RUNBOOK + " " + ROLLBACK, "tiny": "Lorem ipsum Lorem ipsum"})
    result = apply_gates(docs, load_policy(POLICY), "early")
    assert result.kept["doc_id"].to_pylist() == ["good"]
    assert result.quarantined["rule"].to_pylist() == ["structural.length_bounds"]
    assert result.quarantined["stage"].to_pylist() == ["gate_early"]
    passed = json.loads(result.kept["gate_results"][0].as_py())["passed"]
    assert "structural.min_words" in passed
    assert result.metrics["policy_sha256"] == load_policy(POLICY).sha256


def _write(tmp_path, text):
    path = tmp_path / "policy.yaml"
    path.write_text(text)
    return path


def test_block_gate_fails_naming_the_check(tmp_path):
    path = _write(tmp_path, """name: strict
version: "1.0.0"
assumptions: Runbooks only.
gates:
  - name: must_be_long
    stage: early
    action: block
    checks:
      - check: min_words
        min_words: 30
""")
    docs = make_documents({"a": RUNBOOK, "b": "too short to publish"})
    with pytest.raises(GateBlockedError, match="min_words failed for 1 of 2"):
        apply_gates(docs, load_policy(path), "early")


def test_broken_policy_names_file_line_and_field(tmp_path):
    path = _write(tmp_path, """name: broken
version: "1.0.0"
assumptions: Runbooks.
gates:
  - name: structural
    stage: early
    action: delete
    checks:
      - check: non_empty
""")
    with pytest.raises(PolicyError) as error:
        load_policy(path)
    message = str(error.value)
    assert str(path) in message and "line 7" in message and "gates.0.action" in message


def test_policy_with_unknown_check_parameter_names_the_line(tmp_path):
    path = _write(tmp_path, """name: broken
version: "1.0.0"
assumptions: Runbooks.
gates:
  - name: structural
    stage: early
    action: filter
    checks:
      - check: non_empty
      - check: min_words
        minimum: 3
""")
    with pytest.raises(PolicyError, match=r"line 10: gates.0.checks.1: check 'min_words' has no parameter"):
        load_policy(path)


def test_policy_that_is_not_yaml(tmp_path):
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(_write(tmp_path, "name: [unclosed\n"))


def test_allowed_languages_uses_the_identified_language_and_score():
    from llmdata.quality.checks import AllowedLanguages

    docs = make_documents({"en": RUNBOOK, "de": "Sicherung", "weak": ROLLBACK})
    docs = docs.set_column(docs.schema.get_field_index("lang"), "lang", pa.array(["en", "de", "en"]))
    docs = docs.set_column(docs.schema.get_field_index("lang_score"), "lang_score", pa.array([0.99, 0.99, 0.4]))
    verdicts = AllowedLanguages(languages=("en",), min_score=0.5).evaluate(docs)
    assert verdicts.passed.to_pylist() == [True, False, False]
