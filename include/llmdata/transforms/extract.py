"""Text extraction: HTML (main text by Resiliparse by default, or trafilatura), reStructuredText and Markdown (docutils,
markdown-it-py), PDF (pypdf), DOCX, JSON records, and plain text in any encoding (byte-order marks, UTF-16/32,
charset detection for legacy code pages). Code blocks of every markup come out fenced with ``` lines."""

from __future__ import annotations

import functools
import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

import charset_normalizer
import pyarrow as pa
from charset_normalizer.md import mess_ratio
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from llmdata.errors import LlmdataError
from llmdata.routing import PathClock, routes_of
from llmdata.schemas import DOCUMENT, conform
from llmdata.stage import StageResult, quarantine
from llmdata.transforms.markup import FENCE, markdown_to_text, rst_to_text

STAGE = "extract"
EXTRACTOR_VERSION = "3"

# pypdf and trafilatura log every oddity of every file at WARNING; one line per document is enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("trafilatura").setLevel(logging.ERROR)


class ExtractionError(LlmdataError, ValueError):
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
# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _looks_binary(content: bytes) -> bool:
    sample = content[:8192]
    if b"\x00" in sample:
        return True
    return sum(1 for b in sample if b in _CONTROL_BYTES) > len(sample) * 0.05


def _wide_encoding(content: bytes) -> str | None:
    """UTF-16/UTF-32 without a byte-order mark, told by where the NUL bytes fall in mostly-ASCII text.

    Latin, Cyrillic, Greek and most other scripts put a NUL in every other byte (UTF-16) or three of four
    (UTF-32) at fixed positions; binary formats scatter them. Only a clean decode is taken as proof.
    """
    sample = content[:8192]
    if len(sample) < 8 or sample.count(0) < len(sample) // 4:
        return None
    sample = sample[: len(sample) - len(sample) % 4]
    columns = [sample[k::4].count(0) / (len(sample) // 4) for k in range(4)]
    candidates = []
    if columns[1] > 0.9 and columns[2] > 0.9 and columns[3] > 0.9:
        candidates.append("utf-32-le")
    if columns[0] > 0.9 and columns[1] > 0.9 and columns[2] > 0.9:
        candidates.append("utf-32-be")
    odd, even = (columns[1] + columns[3]) / 2, (columns[0] + columns[2]) / 2
    if odd > 0.5 and even < 0.05:
        candidates.append("utf-16-le")
    if even > 0.5 and odd < 0.05:
        candidates.append("utf-16-be")
    for encoding in candidates:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _readable(text):
            return encoding
    return None


def _readable(text: str) -> bool:
    """Whether decoded text reads as text: no NUL, and printable or white space for 95 % of its first 4,096
    characters."""
    sample = text[:4096]
    return "\x00" not in sample and sum(ch.isprintable() or ch.isspace() for ch in sample) >= 0.95 * len(sample)


def decode(content: bytes) -> Extracted:
    """Decode bytes as text: a byte-order mark first (UTF-8/16/32), then UTF-16/32 without one, UTF-8, and
    the legacy code page charset-normalizer detects; only then is what is left refused as binary."""
    if not content.strip():
        raise ExtractionError("extract.empty", "the item is empty")
    for mark, encoding in BOMS:
        if content.startswith(mark):
            try:
                text = content.decode(encoding).removeprefix("\ufeff")
            except UnicodeDecodeError:
                break  # a mark followed by something else: judge the bytes as they are
            if _readable(text):  # not NULs behind two bytes that happen to be a mark (found by a property test)
                return Extracted(text, encoding.removesuffix("-sig"))
            break
    wide = _wide_encoding(content)
    if wide is not None:
        return Extracted(content.decode(wide), wide)
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
    # On short Western text the detector cannot tell Windows-1252 from Baltic or DOS code pages (their letters
    # differ only in the bytes used); the most common legacy encoding wins when it reads at least as cleanly.
    if best.encoding != "cp1252":
        try:
            western = content.decode("cp1252")
        except UnicodeDecodeError:
            western = None
        if western is not None and mess_ratio(western, 1.0) <= best.chaos:
            return Extracted(western, "cp1252")
    return Extracted(str(best), best.encoding)


def trafilatura_text(html: str, fast: bool = False) -> str:
    """Main text by trafilatura, as Markdown (fenced ``<pre>`` blocks, ``#`` headings)."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True,
                               deduplicate=False, output_format="markdown", fast=fast) or ""


_HEADINGS = "h1, h2, h3, h4, h5, h6"
_INLINE_CODE = "code, kbd, samp, tt"


# Page furniture by HTML5 element and ARIA landmark role: what ``resiliparse_landmarks`` leaves out.
LANDMARKS = ("nav", "header", "footer", "aside", "form", "[role=navigation]", "[role=banner]", "[role=contentinfo]",
             "[role=search]", "[role=complementary]", "[hidden]", "[aria-hidden=true]")


def resiliparse_text(html: str, main_content: bool = True, skip: tuple[str, ...] | None = None) -> str:
    """Main text by Resiliparse (Lexbor's DOM, C++ main-content rules), written the way :func:`trafilatura_text`
    writes it: ``<pre>`` blocks fenced with ``` lines, headings marked ``#``, inline code in backticks."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(html)
    if tree.body is None:
        return ""
    # Iterating a DOMCollection is quadratic in Resiliparse 2.0 (9 s on a 0.7 MB page); a slice copies it at once.
    for pre in tree.body.query_selector_all("pre")[:]:
        pre.text = f"{FENCE}\n{pre.text.strip(chr(10))}\n{FENCE}"
    for heading in tree.body.query_selector_all(_HEADINGS)[:]:
        heading.insert_before(tree.create_text_node("#" * int(heading.tag[1]) + " "), heading.first_child)
    for code in tree.body.query_selector_all(_INLINE_CODE)[:]:
        if code.parent is not None and code.parent.tag != "pre" and code.text.strip():
            code.text = f"`{code.text.strip()}`"
    return extract_plain_text(tree, preserve_formatting=True, main_content=main_content, alt_texts=False,
                              comments=False, skip_elements=list(skip) if skip else None)


# HTML extractors by name (``LLMDATA_HTML_EXTRACTOR``); ``bench/extract_eval.py`` scores each against real pages.
EXTRACTORS: dict[str, Callable[[str], str]] = {
    "resiliparse": resiliparse_text,
    "trafilatura": trafilatura_text,
    "trafilatura_fast": functools.partial(trafilatura_text, fast=True),
    "resiliparse_whole_page": functools.partial(resiliparse_text, main_content=False),
    "resiliparse_landmarks": functools.partial(resiliparse_text, main_content=False, skip=LANDMARKS),
}


def _html(content: bytes, extractor: str) -> Extracted:
    decoded = decode(content)
    text = EXTRACTORS[extractor](decoded.text)
    if not text.strip():
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
MARKUP = {"text/x-rst": rst_to_text, "text/markdown": markdown_to_text}


def extract_text(content: bytes, mime_type: str, text_field: str = "text",
                 html_extractor: str = "resiliparse") -> Extracted:
    """Text of one item by its mime type (HTML by ``html_extractor``, a name in :data:`EXTRACTORS`); raises
    :class:`ExtractionError` with a rule and reason."""
    if not content:
        raise ExtractionError("extract.empty", "the item is empty")
    if mime_type == DOCX:
        return _docx(content)
    if mime_type == "text/html":
        return _html(content, html_extractor)
    if mime_type == "application/pdf":
        return _pdf(content)
    if mime_type == "application/json":
        return _json_record(content, text_field)
    if mime_type in MARKUP:
        decoded = decode(content)
        return Extracted(MARKUP[mime_type](decoded.text), decoded.encoding)
    if mime_type.startswith("text/"):
        return decode(content)
    raise ExtractionError("extract.unsupported_type", f"no extractor for mime type {mime_type!r}")


def extract(bronze: pa.Table, text_field: str = "text", html_extractor: str = "resiliparse") -> StageResult:
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
            result = extract_text(content or b"", mime or "", text_field, html_extractor)
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
                                                            "html_extractor": html_extractor,
                                                            "paths": clock.report()}
    )
