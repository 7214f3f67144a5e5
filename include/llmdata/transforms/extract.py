"""Text extraction: HTML (trafilatura, boilerplate removed), PDF (pypdf), JSON records, and plain text in any
encoding (charset detection for what is not UTF-8)."""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass

import charset_normalizer
import pyarrow as pa
import trafilatura
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from llmdata.routing import PathClock, routes_of
from llmdata.schemas import DOCUMENT, conform
from llmdata.stage import StageResult, quarantine

STAGE = "extract"
EXTRACTOR_VERSION = "1"

# pypdf and trafilatura log every oddity of every file at WARNING; one line per document is enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("trafilatura").setLevel(logging.ERROR)


class ExtractionError(ValueError):
    """The content cannot be turned into text; ``rule`` names why."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.rule = rule
        self.reason = reason


@dataclass(frozen=True)
class Extracted:
    text: str
    encoding: str | None


_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


def _looks_binary(content: bytes) -> bool:
    sample = content[:8192]
    if b"\x00" in sample:
        return True
    return sum(1 for b in sample if b in _CONTROL_BYTES) > len(sample) * 0.05


def decode(content: bytes) -> Extracted:
    """Decode bytes as UTF-8, or as the encoding charset-normalizer detects; binary data is refused."""
    if not content.strip():
        raise ExtractionError("extract.empty", "the item is empty")
    if _looks_binary(content):
        raise ExtractionError("extract.binary", "content is binary, not text (NUL or control bytes); check the "
                                                "file type")
    try:
        return Extracted(content.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(content).best()
    if best is None or best.encoding is None:
        raise ExtractionError("extract.undecodable", "bytes are not text in any detectable encoding")
    return Extracted(str(best), best.encoding)


def _html(content: bytes) -> Extracted:
    decoded = decode(content)
    text = trafilatura.extract(
        decoded.text, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    if not text:
        raise ExtractionError("extract.no_text", "HTML page has no main text after boilerplate removal")
    return Extracted(text, decoded.encoding)


def _pdf(content: bytes) -> Extracted:
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ExtractionError("extract.pdf_encrypted", "PDF is encrypted; provide a decrypted copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        if isinstance(error, ExtractionError):
            raise
        raise ExtractionError("extract.pdf_unreadable", f"PDF cannot be parsed: {error}") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise ExtractionError("extract.no_text", "PDF has no text layer (scanned?); OCR is not enabled")
    return Extracted(text, None)


def _json_record(content: bytes, text_field: str) -> Extracted:
    decoded = decode(content)
    try:
        record = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        raise ExtractionError("extract.bad_json", f"JSON line does not parse: {error.msg} at {error.pos}") from None
    value = record.get(text_field) if isinstance(record, dict) else None
    if not isinstance(value, str):
        raise ExtractionError("extract.bad_json", f"JSON record has no string field {text_field!r}")
    return Extracted(value, decoded.encoding)


def _docx(content: bytes) -> Extracted:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ExtractionError("extract.docx_unreadable", f"DOCX cannot be opened: {error}") from None
    parts = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        parts.extend(" | ".join(cell.text.strip() for cell in row.cells) for row in table.rows)
    if not parts:
        raise ExtractionError("extract.no_text", "DOCX has no text")
    return Extracted("\n\n".join(parts), None)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def extract_text(content: bytes, mime_type: str, text_field: str = "text") -> Extracted:
    """Text of one item by its mime type; raises :class:`ExtractionError` with a rule and reason."""
    if not content:
        raise ExtractionError("extract.empty", "the item is empty")
    if mime_type == DOCX:
        return _docx(content)
    if mime_type == "text/html":
        return _html(content)
    if mime_type == "application/pdf":
        return _pdf(content)
    if mime_type == "application/json":
        return _json_record(content, text_field)
    if mime_type.startswith("text/"):
        return decode(content)
    raise ExtractionError("extract.unsupported_type", f"no extractor for mime type {mime_type!r}")


def extract(bronze: pa.Table, text_field: str = "text") -> StageResult:
    """Extract text from bronze ``upsert`` rows into silver document rows."""
    texts: list[str | None] = []
    encodings: list[str | None] = []
    ok: list[bool] = []
    rules: list[str] = []
    reasons: list[str] = []
    contents, mimes = bronze["content"].to_pylist(), bronze["mime_type"].to_pylist()
    clock = PathClock()
    for i, _ in clock.timed(routes_of(bronze)):
        content, mime = contents[i], mimes[i]
        try:
            result = extract_text(content or b"", mime or "", text_field)
        except ExtractionError as error:
            texts.append(None)
            encodings.append(None)
            ok.append(False)
            rules.append(error.rule)
            reasons.append(error.reason)
            continue
        texts.append(result.text)
        encodings.append(result.encoding)
        ok.append(True)
    rows = bronze.drop_columns(["content"]).append_column("text", pa.array(texts, pa.large_string()))
    rows = rows.append_column("encoding", pa.array(encodings, pa.string()))
    mask = pa.array(ok, pa.bool_())
    kept = conform(rows.filter(mask), DOCUMENT)
    failed = bronze.filter(pa.compute.invert(mask))
    quarantined = quarantine(failed, STAGE, rules, reasons)
    by_mime: dict[str, int] = {}
    for mime in kept["mime_type"].to_pylist():
        by_mime[mime] = by_mime.get(mime, 0) + 1
    return StageResult(
        STAGE, bronze.num_rows, kept, quarantined, metrics={"extracted_by_mime": by_mime,
                                                            "extractor_version": EXTRACTOR_VERSION,
                                                            "paths": clock.report()}
    )
