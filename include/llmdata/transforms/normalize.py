"""Normalisation: NFC, control characters and whitespace, so equal texts hash equal."""

from __future__ import annotations

import re
import unicodedata

import pyarrow as pa
import pyarrow.compute as pc

from llmdata.ids import sha256_hex
from llmdata.schemas import DOCUMENT, conform
from llmdata.stage import StageResult, quarantine

STAGE = "normalize"

# C0/C1 controls except tab and newline, plus zero-width and BOM characters that break tokenisation.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORD = re.compile(r"\w+")


def normalize_text(text: str) -> str:
    """NFC, no control characters, single spaces, trimmed lines, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def normalize(documents: pa.Table) -> StageResult:
    """Normalise ``text``; add ``text_sha256``, ``n_chars`` and ``n_words``. Empty results are quarantined."""
    texts = [normalize_text(t or "") for t in documents["text"].to_pylist()]
    rows = documents.set_column(documents.schema.get_field_index("text"), "text", pa.array(texts, pa.large_string()))
    rows = rows.drop_columns([c for c in ("text_sha256", "n_chars", "n_words") if c in rows.column_names])
    rows = rows.append_column("text_sha256", pa.array([sha256_hex(t) for t in texts], pa.string()))
    rows = rows.append_column("n_chars", pa.array([len(t) for t in texts], pa.int64()))
    rows = rows.append_column("n_words", pa.array([len(_WORD.findall(t)) for t in texts], pa.int64()))
    empty = pc.equal(rows["n_chars"], 0)
    kept = conform(rows.filter(pc.invert(empty)), DOCUMENT)
    dropped = rows.filter(empty)
    quarantined = quarantine(
        dropped, STAGE, ["normalize.empty"] * dropped.num_rows, ["no text left after normalisation"] * dropped.num_rows
    )
    return StageResult(STAGE, documents.num_rows, kept, quarantined,
                       metrics={"chars_out": int(pc.sum(kept["n_chars"]).as_py() or 0)})
