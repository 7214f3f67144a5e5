from __future__ import annotations

import itertools

import pytest

from llmdata.index.model import resolve_model
from llmdata.transforms.chunk import ChunkParams, chunk, load_tokenizer, split_text
from tests.conftest import ROLLBACK, RUNBOOK, make_documents


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(resolve_model("").path)


def test_no_chunk_exceeds_the_model_window(tokenizer):
    text = "\n\n".join([RUNBOOK, ROLLBACK] * 6)
    params = ChunkParams(max_tokens=64, overlap=8)
    spans = split_text(text, tokenizer, params)
    assert len(spans) > 3
    for start, end, n_tokens in spans:
        assert n_tokens <= 62
        encoded = tokenizer(text[start:end], add_special_tokens=True)["input_ids"]
        assert len(encoded) <= 64


def test_chunks_cover_the_whole_document_with_overlap(tokenizer):
    text = " ".join([RUNBOOK] * 4)
    spans = split_text(text, tokenizer, ChunkParams(max_tokens=48, overlap=8))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end, _), (start, _, _) in itertools.pairwise(spans):
        assert start < end  # consecutive windows overlap, nothing falls between them


def test_chunk_ids_are_deterministic_and_rows_carry_provenance(tokenizer):
    docs = make_documents({"a": RUNBOOK, "b": ROLLBACK})
    params = ChunkParams(max_tokens=48, overlap=8)
    result, first = chunk(docs, tokenizer, params)
    _, second = chunk(docs, tokenizer, params)
    assert first["chunk_id"].to_pylist() == second["chunk_id"].to_pylist()
    assert len(set(first["chunk_id"].to_pylist())) == first.num_rows
    row = first.to_pylist()[0]
    assert row["source_uri"].startswith("file:///wiki/") and row["licence"] == "CC-BY-4.0"
    assert row["chunker_version"] == params.version
    assert result.kept.num_rows == 2 and result.metrics["chunks"] == first.num_rows


def test_a_document_without_tokens_is_quarantined(tokenizer):
    result, chunks = chunk(make_documents({"a": RUNBOOK, "blank": "   "}), tokenizer, ChunkParams())
    assert result.quarantine_reasons == {"chunk.no_tokens": 1}
    assert set(chunks["doc_id"].to_pylist()) == {"a"}


def test_chunks_break_at_headings_and_carry_title_and_section(tokenizer):
    text = f"# Backup runbook\n\n## Taking backups\n\n{RUNBOOK}\n\n## Rolling back\n\n{ROLLBACK}"
    _result, chunks = chunk(make_documents({"d": text}), tokenizer, ChunkParams(max_tokens=128, overlap=16))
    rows = chunks.to_pylist()
    assert {r["title"] for r in rows} == {"Backup runbook"}
    sections = [r["section"] for r in rows]
    assert sections[0] in {"Backup runbook", "Taking backups"} and sections[-1] == "Rolling back"
    rollback = [r for r in rows if r["section"] == "Rolling back"]
    assert rollback and all(r["text"].lstrip().startswith(("## Rolling back", "When", "A readiness", "Set", "After"))
                            for r in rollback)
    assert not any("## Rolling back" in r["text"] and "Point-in-time" in r["text"] for r in rows)


def test_a_chunk_section_is_its_heading_path_below_the_title(tokenizer):
    text = (f"# heapq\n\nIntro.\n\n## Basic Examples\n\n{RUNBOOK}\n\n### Priority queues\n\n{ROLLBACK}\n\n"
            f"## Theory\n\n{RUNBOOK}")
    _result, chunks = chunk(make_documents({"d": text}), tokenizer, ChunkParams(max_tokens=64, overlap=0))
    sections = list(dict.fromkeys(chunks["section"].to_pylist()))
    assert sections == ["heapq", "Basic Examples", "Basic Examples › Priority queues", "Theory"]


def test_windows_prefer_paragraph_ends_to_cutting_sentences(tokenizer):
    paragraphs = [RUNBOOK, ROLLBACK, RUNBOOK.replace("PostgreSQL", "MySQL")]
    text = "\n\n".join(paragraphs)
    spans = split_text(text, tokenizer, ChunkParams(max_tokens=140, overlap=0))
    for _start, end, _ in spans[:-1]:
        assert text[end - 1] in ".!?"
