"""Every per-document step on arbitrary input (any Unicode, any bytes, any declared type): no crash, every record
accounted for (kept or quarantined with a rule), and normalisation a fixpoint."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from llmdata.curation import segments
from llmdata.schemas import BRONZE, conform
from llmdata.segment import run_segment
from llmdata.steps import StepContext, extract_step, normalize_step
from tests.conftest import make_documents

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=600)
# Prose-like text reaches the later steps (the early gates quarantine most random strings).
PROSE = st.lists(st.one_of(st.sampled_from(
    ["Backups run nightly at 02:00.", "Call +49 30 901820 or mail ops@northwind.example.", "Roll back the deploy.",
     "\n\n", "Zoë Ångström reviewed the runbook.", "Ünïcödé ﬁ ligatures — dashes", "IBAN DE89 3704 0044 0532 0130 00",
     "<b>bold</b>", "```\ncode\n```", "ٱلْعَرَبِيَّة", "日本語のテキスト。", "\u200b\u00ad\ufeff"]), TEXT), max_size=40)
# Prose that passes every gate, so arbitrary text appended to it reaches redaction, annotation and minhash.
GOOD = " ".join(
    "Restoring a database from a base backup takes three steps. Stop the server, replace the data directory with "
    f"the backup, and replay the archived write-ahead log up to the moment you need (part {n}). Check the logs "
    "afterwards and keep the old directory until the restored server has answered queries for a day." for n in range(3))
MIMES = ["text/plain", "text/markdown", "text/html", "application/json", "text/x-rst", "application/pdf",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/octet-stream"]
SHARD_STEPS = next(s for s in segments() if s.per_document and s.steps[0].name != "extract").steps
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def bronze_rows(items: list[tuple[str, bytes]]) -> pa.Table:
    return conform(pa.Table.from_pylist([
        {"doc_id": f"d{i}", "source_id": "sample_corpus", "source_uri": f"file:///x/{i}", "item_key": f"{i}",
         "mime_type": mime, "content": content, "size_bytes": len(content), "op": "upsert", "run_id": "r",
         "shard": 0} for i, (mime, content) in enumerate(items)]), BRONZE)


@examples(deadline=None, max_examples=60, suppress_health_check=FIXTURES)
@given(st.lists(st.tuples(st.sampled_from(MIMES), st.one_of(TEXT.map(str.encode), st.binary(max_size=400),
                                                             TEXT.map(lambda t: t.encode("utf-16")))),
                min_size=1, max_size=5))
def test_extract_takes_any_bytes_of_any_declared_type_and_accounts_for_each(settings, items):
    result = extract_step(bronze_rows(items), StepContext(settings, "r"))
    assert result.records_in == result.kept.num_rows + result.quarantined.num_rows == len(items)
    assert all(result.quarantined["rule"].to_pylist()) and all(result.quarantined["reason"].to_pylist())
    assert all(isinstance(t, str) and "\x00" not in t for t in result.kept["text"].to_pylist())


@examples(deadline=None, max_examples=40, suppress_health_check=FIXTURES)
@given(st.lists(st.tuples(st.booleans(), PROSE.map(" ".join)).map(lambda p: f"{GOOD} {p[1]}" if p[0] else p[1]),
                min_size=1, max_size=4), st.sampled_from(["fast", "standard", "deep"]))
def test_the_shard_steps_take_any_unicode_conserve_records_and_normalise_to_a_fixpoint(settings, texts, route):
    rows = make_documents({f"d{i}": t for i, t in enumerate(texts)}, run_id="r", route=route)
    ctx = StepContext(settings, "r")
    result = run_segment(SHARD_STEPS, [rows], ctx, [SHARD_STEPS[-1].name])  # checks in = out + quarantined
    assert result.records_in == len(texts)
    last = result.tallies[SHARD_STEPS[-1].name]
    assert last.records_out == result.rows(SHARD_STEPS[-1].name, pa.schema([])).num_rows
    once = normalize_step(rows, ctx)
    twice = normalize_step(once.kept, ctx)
    assert twice.kept["text"].to_pylist() == once.kept["text"].to_pylist()
    assert once.records_in == once.kept.num_rows + once.quarantined.num_rows


def test_prose_reaches_the_last_shard_step_with_its_signature(settings):
    rows = make_documents({"d0": GOOD, "d1": f"{GOOD} Zoë Ångström, +49 30 901820."}, run_id="r", route="deep")
    result = run_segment(SHARD_STEPS, [rows], StepContext(settings, "r"), [SHARD_STEPS[-1].name])
    kept = result.rows(SHARD_STEPS[-1].name, pa.schema([]))
    assert kept.num_rows == 2 and all(len(s) == 4 * 128 for s in kept["signature"].to_pylist())
    assert "+49 30 901820" not in kept["text"][1].as_py()
