"""Normalisation: mojibake repair, NFC, control characters, whitespace, and the source's boilerplate lines."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import ftfy
import pyarrow as pa
import pyarrow.compute as pc

from llmdata.ids import sha256_hex
from llmdata.schemas import DOCUMENT, conform
from llmdata.stage import StageResult, quarantine
from llmdata.transforms.boilerplate import strip

STAGE = "normalize"

# C0/C1 controls except tab and newline, plus zero-width and BOM characters that break tokenisation.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORD = re.compile(r"\w+")
# Repair mojibake but keep the author's typography (curly quotes, ligatures are real text, not damage).
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, normalization="NFC")


def normalize_text(text: str) -> str:
    """Mojibake repaired (ftfy), NFC, no control characters, single spaces, trimmed lines, one blank line max.

    Repeated until nothing changes (a repair can expose more mojibake), so normalising twice changes nothing.
    """
    for _ in range(4):
        fixed = _normalize_once(text)
        if fixed == text:
            break
        text = fixed
    return text


# What ftfy can change in pure-ASCII text: HTML entities and terminal escapes (mojibake needs non-ASCII bytes;
# line breaks and control characters are handled below anyway).
_ASCII_FTFY_WORK = re.compile(r"&[#A-Za-z0-9]+;|\x1b")


def _needs_ftfy(text: str) -> bool:
    return not text.isascii() or _ASCII_FTFY_WORK.search(text) is not None


def _fix(text: str) -> str:
    """ftfy's repair, line by line as ftfy itself works, skipping the lines where it can change nothing (ASCII
    without entities or escapes): on technical manuals that is most lines, and ftfy costs ~35 µs a line."""
    if not _needs_ftfy(text):
        return text
    # ftfy decides once per text whether HTML entities are markup to unescape: not when the text holds a "<".
    config = FTFY_CONFIG._replace(unescape_html=False) if "<" in text else FTFY_CONFIG
    return "\n".join(ftfy.fix_text(line, config) if _needs_ftfy(line) else line for line in text.split("\n"))


def _normalize_once(text: str) -> str:
    text = _fix(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def normalize(documents: pa.Table, boilerplate: Mapping[str, set[str]] | None = None) -> StageResult:
    """Normalise ``text`` and strip the source's boilerplate lines (learned run-wide, see
    :mod:`llmdata.transforms.boilerplate`); add ``text_sha256``, ``n_chars``, ``n_words``.

    Documents with no text left are quarantined; stripping boilerplate alone never empties one.
    """
    boilerplate = boilerplate or {}
    texts, removed = [], 0
    for text, source in zip(documents["text"].to_pylist(), documents["source_id"].to_pylist(), strict=True):
        cleaned, n = strip(normalize_text(text or ""), boilerplate.get(source, set()))
        texts.append(cleaned)
        removed += n
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
                       metrics={"chars_out": int(pc.sum(kept["n_chars"]).as_py() or 0),
                                "boilerplate_lines_removed": removed})
