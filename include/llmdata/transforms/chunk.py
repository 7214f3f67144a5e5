"""Token-aware chunking with the embedding model's own tokenizer, so no chunk is truncated when embedded."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from llmdata.ids import chunk_id, sha256_hex
from llmdata.schemas import CHUNK, conform
from llmdata.stage import StageResult, quarantine

STAGE = "chunk"
CHUNKER_VERSION = "tok-window-1"
SPECIAL_TOKENS = 2  # [CLS] and [SEP] take room in the model's window


@dataclass(frozen=True)
class ChunkParams:
    """Window size and overlap in model tokens."""

    max_tokens: int = 256
    overlap: int = 32

    @property
    def version(self) -> str:
        return f"{CHUNKER_VERSION}:{self.max_tokens}:{self.overlap}"


@functools.cache
def load_tokenizer(model_path: str):
    """The model's fast tokenizer (offline)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model_path, local_files_only=True, use_fast=True)


def _window_end(text: str, offsets: list[tuple[int, int]], start: int, end: int) -> int:
    """Pull a window's end back to a sentence or line end in its last quarter, if there is one."""
    if end >= len(offsets):
        return len(offsets)
    floor = start + (end - start) * 3 // 4
    for i in range(end - 1, floor, -1):
        char_end = offsets[i][1]
        piece = text[offsets[i][0]:char_end]
        if piece in {".", "!", "?", ":"} or text[char_end:char_end + 1] == "\n":
            return i + 1
    return end


def _window_start(text: str, offsets: list[tuple[int, int]], start: int, end: int) -> int:
    """Start the next window at a sentence or line start inside the overlap, if there is one."""
    for i in range(max(start + 1, 1), end):
        previous = text[offsets[i - 1][0]:offsets[i - 1][1]]
        if previous in {".", "!", "?"} or "\n" in text[offsets[i - 1][1]:offsets[i][0]]:
            return i
    return start


def split_text(text: str, tokenizer, params: ChunkParams) -> list[tuple[int, int, int]]:
    """Split ``text`` into (char_start, char_end, n_tokens) windows of at most ``max_tokens`` tokens."""
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False, verbose=False)
    offsets = [tuple(o) for o in encoding["offset_mapping"]]
    if not offsets:
        return []
    window = params.max_tokens - SPECIAL_TOKENS
    spans = []
    start = 0
    while start < len(offsets):
        end = _window_end(text, offsets, start, min(start + window, len(offsets)))
        spans.append((offsets[start][0], offsets[end - 1][1], end - start))
        if end >= len(offsets):
            break
        start = _window_start(text, offsets, max(end - params.overlap, start + 1), end)
    return spans


def chunk(documents: pa.Table, tokenizer, params: ChunkParams) -> tuple[StageResult, pa.Table]:
    """Chunk gold documents into chunk rows.

    The result counts documents (kept = chunked); a document that yields no token is quarantined. The chunk
    rows are returned beside it.
    """
    rows = []
    empty: list[str] = []
    columns = ["doc_id", "text", "source_id", "source_uri", "licence", "run_id", "shard"]
    for doc in documents.select(columns).to_pylist():
        spans = split_text(doc["text"] or "", tokenizer, params)
        if not spans:
            empty.append(doc["doc_id"])
            continue
        for seq, (start, end, n_tokens) in enumerate(spans):
            piece = doc["text"][start:end]
            rows.append({
                "chunk_id": chunk_id(doc["doc_id"], start, end, params.version),
                "doc_id": doc["doc_id"], "seq": seq, "text": piece, "n_tokens": n_tokens,
                "char_start": start, "char_end": end, "text_sha256": sha256_hex(piece),
                "chunker_version": params.version, "source_id": doc["source_id"],
                "source_uri": doc["source_uri"], "licence": doc["licence"],
                "run_id": doc["run_id"], "shard": doc["shard"],
            })
    chunks = conform(pa.Table.from_pylist(rows, schema=CHUNK), CHUNK) if rows else CHUNK.empty_table()
    is_empty = pc.is_in(documents["doc_id"], pa.array(empty, pa.string()))
    no_chunks = documents.filter(is_empty)
    quarantined = quarantine(no_chunks, STAGE, ["chunk.no_tokens"] * len(empty),
                             ["document produced no tokens"] * len(empty))
    result = StageResult(
        STAGE, documents.num_rows, documents.filter(pc.invert(is_empty)), quarantined,
        metrics={"chunks": chunks.num_rows, "chunker_version": params.version,
                 "max_tokens": params.max_tokens, "overlap": params.overlap},
    )
    return result, chunks
