"""Property-based tests of the normaliser and the chunker."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmdata.index.model import resolve_model
from llmdata.transforms.chunk import ChunkParams, chunk, load_tokenizer, split_text
from llmdata.transforms.normalize import normalize_text
from tests.conftest import make_documents

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
PROSE = st.lists(st.sampled_from(["Backups run nightly.", "Restore from WAL.", "Roll back the deploy.",
                                  "\n\n", "Check the replica lag", "ümlaut café", "1234", "-"]), max_size=80)


@settings(deadline=None, max_examples=200)
@given(TEXT)
def test_normalisation_is_idempotent_and_leaves_no_controls(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert not any(ord(c) < 32 and c != "\n" for c in once)
    assert "\n\n\n" not in once and once == once.strip()


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PROSE, st.integers(24, 80), st.integers(0, 12))
def test_chunks_cover_the_text_with_exact_spans_and_stable_ids(pieces, window, overlap):
    text = " ".join(pieces).strip()
    tokenizer = load_tokenizer(resolve_model("").path)
    params = ChunkParams(max_tokens=window, overlap=min(overlap, window - 3))
    spans = split_text(text, tokenizer, params)
    if not text.strip():
        assert spans == []
        return
    words = text.split()
    covered = "".join(text[s:e] for s, e, _ in spans)
    assert all(w in covered or any(w in text[s:e] for s, e, _ in spans) for w in words if len(w) > 1)
    assert all(n <= window - 2 for _, _, n in spans)
    assert spans[0][0] <= len(text) - len(text.lstrip()) + 1 and spans[-1][1] >= len(text.rstrip()) - 1
    _, first = chunk(make_documents({"d": text}), tokenizer, params)
    _, second = chunk(make_documents({"d": text}), tokenizer, params)
    assert first["chunk_id"].to_pylist() == second["chunk_id"].to_pylist()
    assert all(text[r["char_start"]:r["char_end"]] == r["text"] for r in first.to_pylist())
