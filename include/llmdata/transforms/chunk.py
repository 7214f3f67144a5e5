"""Token-aware chunking with the embedding model's own tokenizer, so no chunk is truncated when embedded."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from llmdata.ids import chunk_id, sha256_hex
from llmdata.schemas import CHUNK, conform
from llmdata.stage import StageResult, quarantine

STAGE = "chunk"
CHUNKER_VERSION = "structured-3"  # 3: section is the heading path, not only the nearest heading
SECTION_SEPARATOR = " › "
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


_HEADING_MD = re.compile(r"^#{1,6}\s+\S")
_SENTENCE_END = {".", "!", "?"}


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    heading: bool


def lines_of(text: str) -> list[Line]:
    """The lines of ``text`` with their spans, headings marked (Markdown ``#`` or a short title-like line that
    stands alone between blank lines)."""
    lines, position = [], 0
    raw = text.split("\n")
    for i, line in enumerate(raw):
        stripped = line.strip()
        alone = (i == 0 or not raw[i - 1].strip()) and (i + 1 == len(raw) or not raw[i + 1].strip())
        title_like = (0 < len(stripped) <= 80 and stripped[-1] not in ".!?:;,)" and any(c.isalpha() for c in stripped)
                      and alone)
        lines.append(Line(position, position + len(line), bool(_HEADING_MD.match(stripped)) or title_like))
        position += len(line) + 1
    return lines


def heading_text(text: str, line: Line) -> str:
    return text[line.start:line.end].strip().lstrip("#").strip()


def heading_level(text: str, line: Line) -> int:
    """1-6 for a Markdown heading; 7 for a title-like line (below every Markdown level)."""
    marks = len(text[line.start:line.end].strip()) - len(text[line.start:line.end].strip().lstrip("#"))
    return marks if 1 <= marks <= 6 else 7


def section_paths(text: str, headings: list[Line]) -> list[str]:
    """For each heading, the path of headings it sits under, itself last, without the page title (the first
    heading): ``Basic Examples › Priority Queue Implementation Notes``. The title's own path is the title."""
    paths, stack = [], []  # stack: (level, heading text) of the headings enclosing the current one
    for i, line in enumerate(headings):
        level = heading_level(text, line)
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading_text(text, line)))
        inner = [name for _, name in stack[1:]] if i and stack[0][1] == heading_text(text, headings[0]) else \
            [name for _, name in stack]
        paths.append(SECTION_SEPARATOR.join(inner))
    return paths


def _break_strength(text: str, offsets: list[tuple[int, int]], i: int, heading_starts: set[int]) -> int:
    """How good a place token ``i`` is to start a chunk: 3 heading, 2 paragraph, 1 sentence, 0 none."""
    start = offsets[i][0]
    gap = text[offsets[i - 1][1]:start]
    if any(h <= start and h >= offsets[i - 1][1] for h in heading_starts) or start in heading_starts:
        return 3
    if gap.count("\n") >= 2:
        return 2
    if text[offsets[i - 1][0]:offsets[i - 1][1]] in _SENTENCE_END or "\n" in gap:
        return 1
    return 0


def split_text(text: str, tokenizer, params: ChunkParams) -> list[tuple[int, int, int]]:
    """Split ``text`` into (char_start, char_end, n_tokens) windows of at most ``max_tokens`` - 2 tokens.

    Windows end at the strongest boundary in their second half — a heading, else a paragraph, else a sentence —
    and the next window re-reads up to ``overlap`` tokens, starting at a sentence start when it can, but never
    across a heading. Spans are exact character ranges of ``text``.
    """
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False, verbose=False)
    offsets = [tuple(o) for o in encoding["offset_mapping"]]
    if not offsets:
        return []
    n = len(offsets)
    window = params.max_tokens - SPECIAL_TOKENS
    heading_starts = {line.start for line in lines_of(text) if line.heading}
    strength = [3] + [_break_strength(text, offsets, i, heading_starts) for i in range(1, n)]
    spans = []
    start = 0
    while start < n:
        limit = min(start + window, n)
        end = limit
        if limit < n:
            best = max(range(start + max(1, window // 2), limit + 1), key=lambda i: (strength[i], i))
            if strength[best] > 0:
                end = best
        spans.append((offsets[start][0], offsets[end - 1][1], end - start))
        if end >= n:
            break
        next_start = end
        if params.overlap and strength[end] < 3:
            floor = max(start + 1, end - params.overlap)
            sentence_starts = [i for i in range(floor, end) if strength[i] >= 1]
            next_start = sentence_starts[0] if sentence_starts else floor
        start = next_start
    return spans


def chunk(documents: pa.Table, tokenizer, params: ChunkParams) -> tuple[StageResult, pa.Table]:
    """Chunk gold documents into chunk rows.

    The result counts documents (kept = chunked); a document that yields no token is quarantined. The chunk
    rows are returned beside it.
    """
    rows = []
    empty: list[str] = []
    columns = ["doc_id", "text", "source_id", "source_uri", "licence", "run_id", "shard"]
    for doc in documents.select(columns + (["lang"] if "lang" in documents.column_names else [])).to_pylist():
        text = doc["text"] or ""
        spans = split_text(text, tokenizer, params)
        if not spans:
            empty.append(doc["doc_id"])
            continue
        headings = [line for line in lines_of(text) if line.heading]
        paths = section_paths(text, headings)
        title = heading_text(text, headings[0]) if headings else text.strip().split("\n", 1)[0][:120]
        for seq, (start, end, n_tokens) in enumerate(spans):
            piece = text[start:end]
            current = [i for i, h in enumerate(headings) if h.start <= start]
            rows.append({
                "title": title, "section": paths[current[-1]] if current else title,
                "chunk_id": chunk_id(doc["doc_id"], start, end, params.version),
                "doc_id": doc["doc_id"], "seq": seq, "text": piece, "n_tokens": n_tokens,
                "char_start": start, "char_end": end, "text_sha256": sha256_hex(piece),
                "chunker_version": params.version, "source_id": doc["source_id"],
                "source_uri": doc["source_uri"], "licence": doc["licence"], "lang": doc.get("lang"),
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
