"""Text behind an escaping notation or a print layout, decoded for detection, with each character's place in the
source.

A name in a JSON log written with ``ensure_ascii`` reads ``Ben\\u00edtez``; in an RTF letter ``Ben\\'edtez``; in a
form-urlencoded body ``Ana+Ben%C3%ADtez``; in a quoted-printable mail ``Ben=C3=ADtez``. No rule that reads words
sees a name there, and a model sees a code. :func:`decode` gives the text its reader sees, and for every decoded
character the source span it came from, so a value found in the decoded text is redacted in the source: the whole
escape sequence, never half of one. The decoded text is read instead of the source, not beside it, so a
document costs no more to scan for being escaped; text with none of these notations is not decoded (``None``).

A console captured with its colours glues a value to a code (``=\\x1b[35m4111 …``); a mail sends its text part in
base64; a man page writes ``P\\('erez``; a passport's machine-readable zone writes ``ZELAYA<CALIX<<ANA<MARIA``.
Each is read as its reader sees it: the codes print nothing, the base64 is decoded (each character traced to the
base64 characters that carry its bits), the roff escapes print their glyphs, the zone's name field reads as
"surname: …" and "given names: …".

Labels printed two or three across (a sheet of mailing labels, ``pdftotext -layout`` of one) are read a column at a
time: "Calle Comercio 214      Casilla 4410" is two street lines, and the town under each is under a street line.
"""

from __future__ import annotations

import base64
import codecs
import html
import json
import quopri
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from llmdata.transforms.pii_everyday import is_everyday
from llmdata.transforms.pii_given_names import may_be_given_name

# "\u" and four hex digits, as JSON, JavaScript and Java write a character outside ASCII (a surrogate pair for one
# beyond the BMP).
JSON_ESCAPE = re.compile(r"(?<!\\)\\u([0-9a-fA-F]{4})(?:\\u([dD][c-fC-F][0-9a-fA-F]{2}))?")
RTF = re.compile(r"\A\s*\{\\rtf1")  # an RTF document opens with its header
RTF_CODEPAGE = re.compile(r"\\ansicpg(\d+)")
# One RTF token: a hex byte, a Unicode escape with its fallback count, an escaped symbol, a control word (with the
# one space that ends it), a group brace, or a run of text.
RTF_TOKEN = re.compile(r"\\'(?P<hex>[0-9a-fA-F]{2})|\\u(?P<code>-?\d+) ?|\\(?P<symbol>[\\{}~_-])"
                       r"|\\(?P<word>[a-zA-Z]+)(?P<arg>-?\d+)? ?|\\\*|(?P<brace>[{}])|(?P<text>[^\\{}]+|\\)")
# Control words that print as a line break or a tab; every other one prints nothing.
RTF_BREAKS = {"par": "\n", "line": "\n", "row": "\n", "cell": "\t", "tab": "\t"}
# Groups whose text is not printed and holds nobody's data: font and colour tables, styles, pictures. A field's
# instruction (HYPERLINK "mailto:…") stays: it is read for what it names.
RTF_HIDDEN = {"fonttbl", "colortbl", "stylesheet", "info", "pict", "themedata", "xmlnstbl"}
# Runs of %XX that decode as multi-byte UTF-8, and a whole form-urlencoded run (key=value&key=value) or a URL's
# query, where "+" is a space.
PERCENT_RUN = re.compile(r"(?:%[0-9a-fA-F]{2})+")
# A form body or a query: after "?", a space, a line's start or the quote of a string holding it (a HAR file's
# postData.text); a browser writes a quote inside a value as %22, so a quote ends the run.
FORM_RUN = re.compile(r'(?:(?<=[?\s"])|^)[\w.\[\]-]+=[^\s&#"]*(?:&[\w.\[\]-]+=[^\s&#"]*)+', re.MULTILINE)
# Quoted-printable: declared in a MIME header, or =XX runs that decode as multi-byte UTF-8 without one.
QP_DECLARED = re.compile(r"^content-transfer-encoding:\s*quoted-printable\s*$", re.IGNORECASE | re.MULTILINE)
QP_RUN = re.compile(r"(?:=[0-9A-F]{2})+")
QP_TOKEN = re.compile(r"=\r?\n|(?:=[0-9A-F]{2})+")

# A MIME encoded word in a mail header (RFC 2047): "From: =?UTF-8?Q?Ana_Ben=C3=ADtez?= <ana@…>", or in base64.
ENCODED_WORD = re.compile(r"=\?(?P<charset>[\w.-]+)(?:\*[\w-]+)?\?(?P<encoding>[QqBb])\?(?P<data>[^?\s]*)\?=")
# Length-prefixed and serialised records, read as "label: value" lines: ADIF logs ("<NAME:14>Mamy Ramaroson",
# "<QTH:11>Ankazotsara", the station's town), PHP's serialised sessions ('s:4:"city";s:7:"Ivokely";').
ADIF = re.compile(r"(?i)<eo[hr]>")
ADIF_TAG = re.compile(r"<(?P<field>[A-Za-z_]+):(?P<length>\d+)(?::[A-Za-z])?>")
ADIF_LABELS = {"name": "name", "name_intl": "name", "my_name": "name", "contacted_op": "name", "qth": "city",
               "qth_intl": "city", "my_city": "city", "my_city_intl": "city", "address": "address",
               "address_intl": "address", "email": "e-mail", "comment": "comment", "comment_intl": "comment"}
# HL7 v2 segments (pipe-delimited, "^" between components): the fields that hold a person's name (XPN), an address
# (XAD), a phone (XTN) or a birth date (a compact date no phone rule should take), by segment and field number,
# read as label lines ("name: Copa José", "city: Sucre").
HL7 = re.compile(r"(?m)^MSH\|")
HL7_FIELDS = {"PID": {5: "name", 6: "name", 7: "birth date", 9: "name", 11: "address", 13: "phone", 14: "phone"},
              "NK1": {2: "name", 4: "address", 5: "phone", 6: "phone", 16: "birth date"},
              "GT1": {3: "name", 5: "address", 6: "phone", 7: "phone", 8: "birth date"},
              "IN1": {16: "name", 18: "birth date", 19: "address"}}
HL7_ADDRESS = ("", "", "city", "state", "postcode", "country")  # street lines print as they are, unlabelled
# Columns of a layout printed two or three across: cells split by two or more spaces, each column starting at the
# same place on (all but one of) at least three lines, every column holding values (a house number, a phone, an
# e-mail address), which a key and value layout's column of labels does not.
LABEL_GAP = re.compile(r" {2,}")
ACROSS_MIN_LINES = 3
ACROSS_MIN_COLUMN = 16
ACROSS_VALUE = re.compile(r"\d{3}|@")
# Terminal control sequences a captured console keeps: CSI (colours, "\x1b[35m", erase line "\x1b[2K"), OSC (a
# window title, a hyperlink) and the two-character ones. A terminal prints none of them, so a value glued to one
# ("=\x1b[35m4111 1111 …") has no word boundary until they are gone.
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# A MIME part in base64 (RFC 2045): its headers, a blank line, lines of base64 up to a blank line or a boundary.
BASE64_PART = re.compile(r"(?im)^content-transfer-encoding:[ \t]*base64[ \t]*\r?\n(?:[^\r\n]+\r?\n)*?\r?\n"
                         r"(?P<body>(?:[A-Za-z0-9+/=]+(?:\r?\n|\Z))+)")
BASE64_CONTENT_TYPE = re.compile(r"(?im)^content-type:[ \t]*(?P<type>[\w.+-]+/[\w.+-]+)")
# roff, the source of man pages: a request line (".TH", ".SH") opens it; escapes print one character or none.
ROFF = re.compile(r"(?m)^\.(?:TH|SH|SS|PP|IP|TP|nf|fi|B|I|BR)\b")
ROFF_ESCAPE = re.compile(r"\\(?:\((?P<two>..)|\[(?P<named>[^\]\n]{1,12})\]|f(?:\[[^\]\n]*\]|\(..|.)|(?P<one>.))")
# The combining marks of the accents roff and TeX both write with these characters.
ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303"}
ROFF_ACCENTS = {**ACCENTS, ":": "\u0308", ",": "\u0327"}
ROFF_GLYPHS = {"aq": "'", "dq": '"', "em": "\u2014", "en": "\u2013", "hy": "-", "lq": "\u201c", "rq": "\u201d",
               "oq": "\u2018", "cq": "\u2019", "bu": "\u2022", "co": "\u00a9", "rg": "\u00ae", "ss": "\u00df",
               "ae": "\u00e6", "AE": "\u00c6", "o/": "\u00f8", "O/": "\u00d8", "aa": "\u00e5", "AA": "\u00c5"}
ROFF_ONE = {"-": "-", "e": "\\", "\\": "\\", " ": " ", "~": " ", "&": "", "|": "", "^": "", "c": "", "%": "",
            ".": ".", "'": "'", "`": "`"}
# The machine-readable zone of a passport or an identity card (ICAO 9303): the name field of a TD3 or TD2 first
# line ("P<HNDZELAYA<CALIX<<ANA<MARIA<<<") or of a TD1 card's third line, family names, "<<", given names.
MRZ_FIRST_LINE = re.compile(r"(?m)^(?P<head>[PIAC][A-Z<][A-Z<]{3})(?P<name>[A-Z<]{31,39})$")
MRZ_TD1_NAME = re.compile(r"(?m)(?<=[A-Z0-9<]{30}\n)(?P<name>[A-Z<]{30})$")
PHP_PAIR = re.compile(r's:\d+:"(?P<key>[\w .-]{1,40})";(?:s:\d+:"(?P<value>.*?)";|i:(?P<int>-?\d+);)')

# Office Open XML text (Word's document.xml, a slide's DrawingML): words live in <w:t> / <a:t> runs, which a spell-
# check mark or a change of language splits mid-name ("<w:t>Hugues</w:t></w:r><w:proofErr …/><w:r><w:t> </w:t>…").
# A scanned card's labels as OCR misreads them, an "l" read as "1", "I" or "|": "Te1.:", "TéI.", "Mobi1e", "E-mai1".
OCR_LABEL = re.compile(r"\b(?:T[eé][1I|]|Ce[1I|]{1,2}|Mobi[1I|]e|E-?mai[1I|])(?=[\s.:])")
# Asterisk's call detail records (cdr-csv's Master.csv): accountcode, src, dst, dcontext, clid, channel, … with
# every field quoted; src is the caller's number, clid their caller ID ('"Name" <number>', quotes doubled).
CDR_LINE = re.compile(r'(?m)^"[^"\n]*","(?P<src>[^"\n]*)","[^"\n]*","[^"\n]*",'
                      r'"(?:""(?P<quoted>[^"\n]*)""|(?P<name>[^"<\n]*?))[ ]*(?:<(?P<number>[^>"\n]*)>)?",'
                      r'"(?:SIP|PJSIP|IAX2|DAHDI|Local|Skype|Console)/')
# An address written against harvesters, as list archives do: "ana.copa at example.com", "ana (at) example.com",
# "ana [at] example [dot] com". The bare word "at" needs a local part no English word is ("look at python.org").
_AT_DOT = r"(?:\.|[ ]?\[dot\][ ]?|[ ]?\(dot\)[ ]?)"
AT_ADDRESS = re.compile(rf"(?<![\w.%+-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+-]{{1,63}})[ ]?"
                        rf"(?P<at>\(at\)|\[at\]|[ ]at[ ])[ ]?"
                        rf"(?P<domain>[A-Za-z0-9-]{{1,63}}(?:{_AT_DOT}[A-Za-z0-9-]{{1,63}})*{_AT_DOT}[a-z]{{2,12}})"
                        r"(?![\w.-]*\w)")
AT_DOT = re.compile(r"[ ]?[\[(]dot[\])][ ]?")
# TeX's accents in a .bib or .tex file kept in ASCII: {\'e}, \'{e}, {\"u}, {\c c}, {\~n}.
TEX_ACCENT = re.compile(r"\{\\(?P<a>['`^\"~=.])\s*(?P<b>[A-Za-z])\}|\\(?P<c>['`^\"~=.])\{(?P<d>[A-Za-z])\}"
                        r"|\{\\(?P<e>[cvuHkr])[ ]?\{?(?P<f>[A-Za-z])\}?\}")
TEX_MARKS = {**ACCENTS, '"': "\u0308", "=": "\u0304", ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306",
             "H": "\u030b", "k": "\u0328", "r": "\u030a"}
# A ZPL label (^XA … ^XZ) prints the data of its ^FD … ^FS fields, one a line; after ^FH each byte outside ASCII
# (and the indicator itself, "_" by default) is written as the indicator and two hex digits ("Ben_C3_ADtez").
ZPL_BARCODE = re.compile(r"\^B[0-9A-Z]")
ZPL_FIELD = re.compile(r"(?:\^FH(?P<indicator>[^\^]?))?\^FD(?P<data>[^\^]*)\^FS")
# A BibTeX entry's fields that name people or a place: author = {Family, Given and Given Family}, address = {Town}.
BIB_FIELD = re.compile(r"(?mi)^[ \t]*(?P<key>author|editor|address|location)[ \t]*=[ \t]*"
                       r"\{(?P<value>[^\n]*)\},?[ \t]*$")
# pg_dump's plain format: COPY table (columns) FROM stdin; tab-separated rows up to "\.".
COPY_BLOCK = re.compile(r"(?m)^COPY [\w.\"]+ \((?P<columns>[^)]*)\) FROM stdin;\n(?P<rows>(?:.*\n)*?)\\\.$")
# Tags and nothing else between two pieces of a value read from markup (Decoded.source_spans).
XML_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-z]+);")
MARKUP_GAP = re.compile(r"(?:<[^<>]*>)+")
OOXML = re.compile(r"<(?:w|a):t[\s>]|<sst[\s>]")
OOXML_TOKEN = re.compile(r"<[?!][^>]*>|<(?P<close>/)?(?P<name>[\w:.-]+)(?P<attrs>[^>]*?)(?P<empty>/)?>|(?P<text>[^<]+)")
OOXML_TEXT = {"w:t", "a:t", "w:delText", "w:instrText"}  # instrText: a field's instruction ("HYPERLINK mailto:…")
OOXML_BREAKS = {"w:tab": "\t", "w:br": "\n", "w:cr": "\n", "a:br": "\n"}
# OpenDocument (LibreOffice's content.xml): paragraphs and headings, a table's cells and rows; <text:s text:c="3"/>
# writes spaces, and an empty cell repeated stands for that many cells.
ODF = re.compile(r"<text:[ph][\s>]")
ODF_CELLS = {"table:table-cell", "table:covered-table-cell"}
ODF_REPEATED = re.compile(r'table:number-columns-repeated="(\d+)"')
ODF_SPACES = re.compile(r'text:c="(\d+)"')
# Who made a tracked change or a comment is somebody: w:author="Ana Copa".
OOXML_AUTHOR = re.compile(r'\bw:author="(?P<author>[^"]+)"')
# ASC X12 EDI (834 enrolments, 837 claims, 270 eligibility): segments end with "~", elements split by the
# character after "ISA". A person's name is NM1's third and fourth elements when its second is "1", family name
# first; a town is N4's first; PER holds a contact's name and numbers, each after its qualifier.
# A SWIFT MT message's text block: ":tag:" fields, each up to the next tag or the block's end ("-}"). The ordering
# customer (50F/K) and the beneficiary (59/59F) are an optional "/account" line, then name and address lines of 35
# characters at most, the town usually last; the structured options number them ("1/" name, "3/CC/" town).
SWIFT_FIELD = re.compile(r"(?m)^:(?P<tag>50[FK]|59F?):(?P<body>.*(?:\n(?!:\d{2}[A-Z]?:|-\})[^\n]*)*)")
SWIFT_BLOCK = re.compile(r"\{4:\s*\n:20:")
SWIFT_NUMBERED = re.compile(r"([123])/(?:[A-Z]{2}/)?")  # 50F/59F: "1/" name, "2/" street, "3/CC/" town
# A zone file's SOA and RP records write a mailbox as a domain name, its first unescaped dot standing for "@"
# (RFC 1035 5.1, RFC 1183 2.2): "hostmaster.example.com." is hostmaster@example.com, "ana\\.silva.example.com."
# ana.silva@example.com.
ZONE_MAILBOX = re.compile(r"(?m)^[^\s;]*[ \t]+(?:\d+[ \t]+)?(?:IN[ \t]+)?(?:\d+[ \t]+)?"
                          r"(?:(?P<soa>SOA)[ \t]+[^\s;]+[ \t]+|RP[ \t]+)"
                          r"(?P<mailbox>(?:[^\s.;\\]|\\.)+(?:\.[A-Za-z0-9-]+)+)\.?")
# The SOA's serial after its mailbox, a date and a counter ("2026110301"): a number no one calls.
SOA_SERIAL = re.compile(r"[ \t]*\(?\s*(?P<serial>\d+)\b")
# A passwd(5) line of a person's account (uid 1000 … 65533: system accounts and "nobody" name no one), its GECOS
# field the full name, the room, the work and home phones and anything else, comma-separated (chfn(1)).
PASSWD_LINE = re.compile(r"(?m)^[a-z_][\w.-]*\$?:[^:\n]*:(?P<uid>\d+):\d+:(?P<gecos>[^:\n]*,[^:\n]*):[^:\n]*:[^:\n]*$")
GECOS_LABELS = ("name", "room", "work phone", "home phone", "other")
# A MARC record as MarcEdit's mnemonic form ("=100  1\\$aFamily, Given,$eauthor.") or yaz-marcdump's lines
# ("100 1  $a Family, Given, $e author.") write it: a tag, two indicators, "$" and a code before each subfield.
MARC_LINE = re.compile(r"(?m)^(?:=(?P<tag>\d{3})  (?P<indicators>[\\ \d#]{2})|(?P<plain_tag>\d{3}) "
                       r"(?P<plain_indicators>[ \d#]{2}) )(?P<body>\$.*)$")
MARC_SUBFIELD = re.compile(r"\$(?P<code>[a-z0-9]) ?(?P<value>[^$\n]*)")
MARC_TRIM = re.compile(r"[\s,.:;/=\[\]]+$")
# Which subfields of which fields hold a person or a place: personal names (main entry, subject, added entry,
# series), the statement of responsibility, the place of publication or production, the source of acquisition.
MARC_NAMES = {"100", "600", "700", "800"}
MARC_LABELS = {("245", "c"): "name", ("260", "a"): "city", ("264", "a"): "city", ("541", "a"): "name",
               ("752", "d"): "city"}
X12 = re.compile(r"(?:\A|~)\s*(?:ISA|GS|ST)(?P<separator>[*|^])")
X12_SEGMENT = re.compile(r"(?m)(?:^|(?<=~))\s*(?P<id>[A-Z][A-Z0-9]{1,2})(?=[*|^])(?P<body>[^~]*)")
X12_PHONES = {"TE", "HP", "WP", "CP", "BN", "FX", "EX", "TL", "AP"}
# Control numbers and references: labelled so that no phone rule takes their digits for a number to call.
X12_NUMBERS = {"ISA": {13: "control number"}, "IEA": {2: "control number"}, "GS": {6: "control number"},
               "GE": {2: "control number"}, "ST": {2: "control number"}, "SE": {2: "control number"},
               "REF": {2: "reference"}, "BGN": {2: "reference"}}

@dataclass(frozen=True)
class Decoded:
    """Decoded text and, for each of its characters, the (start, end) of the source text it came from."""

    text: str
    sources: tuple[tuple[int, int], ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the decoded characters ``start`` … ``end``: every escape they came from, whole (a
        column read apart runs backwards in the source where it meets the next one: the widest span is taken)."""
        sources = self.sources[start:end]
        return min(a for a, _ in sources), max(b for _, b in sources)

    def source_spans(self, start: int, end: int, source: str) -> list[tuple[int, int]]:
        """Like :meth:`source_span`, but split where only markup lies between two pieces in ``source`` (a name over
        two Word runs): each piece that holds a letter or a digit, so that redacting them leaves the tags whole."""
        pieces: list[tuple[int, int]] = []
        for a, b in self.sources[start:end]:
            if pieces and a > pieces[-1][1] and MARKUP_GAP.fullmatch(source, pieces[-1][1], a):
                pieces.append((a, b))
            elif pieces:
                pieces[-1] = (min(pieces[-1][0], a), max(pieces[-1][1], b))
            else:
                pieces.append((a, b))
        return [(a, b) for a, b in pieces if any(ch.isalnum() for ch in source[a:b])] or [self.source_span(start, end)]


class _Builder:
    """Decoded text built piece by piece, each piece with its source span."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.sources: list[tuple[int, int]] = []

    def put(self, text: str, start: int, end: int) -> None:
        """``text`` decoded from source[start:end]; each of its characters is traced to the whole span."""
        for ch in text:
            self.chars.append(ch)
            self.sources.append((start, end))

    def copy(self, source: str, start: int, end: int) -> None:
        """source[start:end] unchanged, character for character."""
        for i in range(start, end):
            self.chars.append(source[i])
            self.sources.append((i, i + 1))

    def labelled(self, source: str, at: int, start: int, end: int, label: str) -> int:
        """source[at:start] unchanged, then source[start:end] on a line of its own after ``label``; returns ``end``,
        where copying goes on."""
        self.copy(source, at, start)
        self.put(f"\n{label}: ", start, start)
        self.copy(source, start, end)
        self.put("\n", end, end)
        return end

    def extend(self, end: int) -> None:
        """The last character's source runs on to ``end`` (an RTF escape's fallback character is part of it)."""
        if self.sources:
            self.sources[-1] = (self.sources[-1][0], end)

    def result(self) -> Decoded:
        return Decoded("".join(self.chars), tuple(self.sources))

    def finish(self, source: str, at: int) -> Decoded | None:
        """The decoded text with the rest of ``source`` from ``at`` unchanged; None when nothing was decoded
        (``at`` is still 0)."""
        if not at:
            return None
        self.copy(source, at, len(source))
        return self.result()


def _utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 text with at least one character outside ASCII, else None (not a notation worth reading:
    "%20" or "=3D" alone say nothing about a value)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if not text.isascii() else None


# A Jupyter notebook keeps each line of a cell's source and of an output's text as a JSON string of its own
# ('       "0   Ana Copa  Kellé  61278528\\n",'): read as the lines they print, a DataFrame's text table is a table
# again and a markdown cell is prose.
NOTEBOOK = re.compile(r'"nbformat"\s*:')
NOTEBOOK_LINE = re.compile(r'(?m)^[ \t]*"(?P<body>(?:[^"\\\n]|\\.)*)",?[ \t]*$')
JSON_STRING_ESCAPE = re.compile(r'\\(?:u[0-9a-fA-F]{4}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?|["\\/bfnrt])')


def _notebook(text: str) -> Decoded | None:
    if not NOTEBOOK.search(text):
        return None
    out, at = _Builder(), 0
    for line in NOTEBOOK_LINE.finditer(text):
        out.copy(text, at, line.start())  # the indentation and the quotes print nothing
        start, end = line.span("body")
        at = start
        for escape in JSON_STRING_ESCAPE.finditer(text, start, end):
            out.copy(text, at, escape.start())
            out.put(_json_character(escape), *escape.span())
            at = escape.end()
        out.copy(text, at, end)
        at = line.end()
        if text.endswith("\\n", start, end) and text.startswith("\n", at):
            at += 1  # the string's own "\n" ended the printed line; the file's line break prints nothing
    return out.finish(text, at)


# Character references and XML's entities, where markup keeps text in attributes and text nodes (an Android SMS
# backup: 'body="Hi, it&apos;s Ana Copa"'): read as the characters they print, so "it's" cues the name.
def _entities(text: str) -> Decoded | None:
    if "&" not in text:
        return None
    return _substituted(text, XML_ENTITY, lambda match: printed if (printed := html.unescape(match[0])) != match[0]
                        else None)


# JSON kept as a string inside JSON (a HAR response body, a queue message in a log record): its quotes escaped once
# more ('{\\"customer\\":\\"Ana Copa\\"}'), read as the JSON it holds so its keys name their values.
NESTED_JSON = re.compile(r'\\"[\w .-]{1,40}\\"\s*:')
NESTED_JSON_ESCAPE = re.compile(r'\\(["\\])')


def _nested_json(text: str) -> Decoded | None:
    if not NESTED_JSON.search(text):
        return None
    return _substituted(text, NESTED_JSON_ESCAPE, lambda match: match[1])


# A list of name/value pairs, as HAR files, cloud tags and form serialisers write fields ('{"name": "city", "value":
# "Dalaba"}', '{"Key": "Owner", "Value": "Ana Copa"}'): each pair read as "city: Dalaba", the field's name a label,
# not a "name" field's value (a header called "X-Forwarded-For" is nobody).
NAME_VALUE_PAIR = re.compile(r'"(?:[Nn]ame|[Kk]ey)"\s*:\s*"(?P<label>[\w .-]{1,40})"\s*,\s*"[Vv]alue"\s*:\s*'
                             r'"(?P<value>(?:[^"\\\n]|\\.)*)"')


def _name_value_pairs(text: str) -> Decoded | None:
    if '"value"' not in text and '"Value"' not in text:  # no copy of the document to lower-case it
        return None
    out, at = _Builder(), 0
    for pair in NAME_VALUE_PAIR.finditer(text):
        start, end = pair.span("value")
        if end > start:
            out.copy(text, at, pair.start())
            out.put(f'"\n{pair["label"].replace("_", " ")}: ', pair.start(), start)
            out.copy(text, start, end)
            out.put('\n"', end, pair.end())
            at = pair.end()
    return out.finish(text, at)


# Advanced SubStation Alpha subtitles (Aegisub, libass): a Dialogue line's fifth field names the speaker (or a role:
# "Agent", "Sign"), and its text glues override blocks ("{\\i1}") and line breaks ("\\N", soft "\\n", hard space
# "\\h") to the words. Format and Style lines print nothing ("Format: Name, Fontname, …" names columns).
ASS_LAYOUT = re.compile(r"(?m)^(?:Format|Style): .*$")
ASS_EVENT = re.compile(r"(?m)^(?:Dialogue|Comment): (?:[^,\n]*,){4}(?P<name>[^,\n]*),(?:[^,\n]*,){4}(?P<text>.*)$")
ASS_ESCAPE = re.compile(r"\{[^{}\n]*\}|\\[Nnh]")
ASS_PRINTED = {"\\N": " ", "\\n": " ", "\\h": "\u00a0"}  # a subtitle's line break is inside its sentence


def _ass(text: str) -> Decoded | None:
    if "[Events]" not in text or "Dialogue: " not in text:
        return None
    out, at = _Builder(), 0
    for layout in ASS_LAYOUT.finditer(text):
        out.copy(text, at, layout.start())
        out.put("", *layout.span())
        at = layout.end()
    for event in ASS_EVENT.finditer(text, at):
        name_start, name_end = event.span("name")
        speaker = text[name_start:name_end].strip()
        if speaker and not (" " not in speaker and is_everyday(speaker) and not may_be_given_name(speaker)):
            at = out.labelled(text, at, name_start, name_end, "name")
        out.copy(text, at, event.start("text"))
        at = event.start("text")
        for escape in ASS_ESCAPE.finditer(text, at, event.end("text")):
            out.copy(text, at, escape.start())
            out.put(ASS_PRINTED.get(escape[0], ""), *escape.span())
            at = escape.end()
    return out.finish(text, at)


# A reference manager's RIS export ("AU  - Family, Given", "CY  - " the place of publication, "AD  - " the author's
# address): each tag read as the field it is.
RIS = re.compile(r"(?m)^TY  - ")
RIS_LINE = re.compile(r"(?m)^(?P<tag>[A-Z][A-Z0-9])  - (?P<value>.*?)[ \t]*$")
RIS_NAMES = {"AU", "A1", "A2", "A3", "A4", "ED"}
RIS_LABELS = {"CY": "city", "PP": "city"}
RIS_ADDRESS_PLACE = re.compile(r",[ \t]*(?P<place>[^,;@\d\n]*[^,;@\d\s])[ \t]*(?=;|$)", re.MULTILINE)


def _ris(text: str) -> Decoded | None:
    if not RIS.search(text):
        return None
    out, at = _Builder(), 0
    for line in RIS_LINE.finditer(text):
        start, end = line.span("value")
        if end <= start:
            continue
        if line["tag"] in RIS_NAMES:
            at = _inverted_name(text, at, start, end, out)
        elif label := RIS_LABELS.get(line["tag"]):
            at = out.labelled(text, at, start, end, label)
        elif line["tag"] == "AD":  # "Institution, Town; e-mail": an address part ends with its place
            for place in RIS_ADDRESS_PLACE.finditer(text, start, end):
                at = out.labelled(text, at, *place.span("place"), "city")
    return out.finish(text, at)


def _json(text: str) -> Decoded | None:
    if "\\u" not in text:
        return None
    return _substituted(text, JSON_ESCAPE, _json_character)


def _json_character(match: re.Match[str]) -> str:
    ch = json.loads(f'"{match[0]}"')  # json joins a surrogate pair; a lone surrogate is no character
    return "\ufffd" if 0xD800 <= ord(ch[0]) <= 0xDFFF else ch


def _substituted(text: str, pattern: re.Pattern[str], printed: Callable[[re.Match[str]], str | None]
                 ) -> Decoded | None:
    """``text`` with each match of ``pattern`` replaced by what ``printed`` says it prints (None: left as it is),
    each printed character traced to the whole match; None when nothing was replaced."""
    out, at = _Builder(), 0
    for match in pattern.finditer(text):
        replacement = printed(match)
        if replacement is None:
            continue
        out.copy(text, at, match.start())
        out.put(replacement, *match.span())
        at = match.end()
    return out.finish(text, at)


def _rtf(text: str) -> Decoded | None:
    if not RTF.search(text):
        return None
    codepage = RTF_CODEPAGE.search(text)
    try:
        decoder = codecs.getdecoder(f"cp{codepage[1]}" if codepage else "cp1252")
    except LookupError:
        decoder = codecs.getdecoder("cp1252")
    out = _Builder()
    depth, hidden_at, skip = 0, 0, 0  # group depth; the depth of a hidden group being skipped (0: none)
    for token in RTF_TOKEN.finditer(text):
        start, end = token.span()
        if token["brace"]:
            depth += 1 if token["brace"] == "{" else -1
            if hidden_at and depth < hidden_at:
                hidden_at = 0
            continue
        if token["word"] in RTF_HIDDEN and not hidden_at:
            hidden_at = depth
        if hidden_at:
            continue
        if skip and (token["hex"] or token["text"]):  # the fallback after \uN, one character by default
            skip -= 1
            out.extend(end if token["hex"] else start + 1)
            if token["text"] and len(token["text"]) > 1:
                out.copy(text, start + 1, end)
            continue
        if token["hex"]:
            out.put(decoder(bytes([int(token["hex"], 16)]))[0], start, end)
        elif token["code"]:
            out.put(chr(int(token["code"]) % 65536), start, end)
            skip = 1
        elif token["symbol"]:
            out.put({"~": "\u00a0", "_": "-", "-": ""}.get(token["symbol"], token["symbol"]), start, end)
        elif token["word"]:
            if token["word"] in RTF_BREAKS:
                out.put(RTF_BREAKS[token["word"]], start, end)
        elif token["text"]:
            for i in range(start, end):  # RTF ignores the source's own line breaks
                if text[i] not in "\r\n":
                    out.copy(text, i, i + 1)
    return out.result()


def _percent(text: str) -> Decoded | None:
    forms = [m.span() for m in FORM_RUN.finditer(text)] if "&" in text and "=" in text else []
    runs = [m for m in PERCENT_RUN.finditer(text) if _utf8(bytes.fromhex(m[0].replace("%", "")))]
    if not runs and not any("+" in text[s:e] or "%" in text[s:e] for s, e in forms):
        return None
    out, at = _Builder(), 0
    for form_start, form_end in forms:
        _multibyte_runs(text, at, form_start, out)
        _form(text, form_start, form_end, out)
        at = form_end
    _multibyte_runs(text, at, len(text), out)
    return out.result()


def _multibyte_runs(text: str, start: int, end: int, out: _Builder) -> None:
    """Outside a form run only %XX runs that decode as multi-byte UTF-8 are read: "100%" in prose stays."""
    at = start
    for run in PERCENT_RUN.finditer(text, start, end):
        data = bytes.fromhex(run[0].replace("%", ""))
        decoded = _utf8(data)
        if decoded is not None:
            out.copy(text, at, run.start())
            _trace(decoded, data, run.start(), 3, out)
            at = run.end()
    out.copy(text, at, end)


def _form(text: str, start: int, end: int, out: _Builder) -> None:
    """A form body or a query as its fields: "full_name=Ana+Ben%C3%ADtez&city=…" reads "full_name: Ana Benítez",
    then "city: …" on the next line; "+" is a space and every %XX a byte."""
    at, pair_start = start, True
    for token in re.finditer(r"(?:%[0-9a-fA-F]{2})+|[+&=]", text[start:end]):
        token_start, token_end = token.start() + start, token.end() + start
        out.copy(text, at, token_start)
        kind = token[0]
        if kind == "&":
            out.put("\n", token_start, token_end)
            pair_start = True
        elif kind == "=":
            out.put(": " if pair_start else "=", token_start, token_end)
            pair_start = False
        elif kind == "+":
            out.put(" ", token_start, token_end)
        else:
            data = bytes.fromhex(kind.replace("%", ""))
            _trace(data.decode("utf-8", errors="replace"), data, token_start, 3, out)
        at = token_end
    out.copy(text, at, end)


def _trace(decoded: str, data: bytes, start: int, width: int, out: _Builder) -> None:
    """Each character decoded from ``data`` (escaped ``width`` source characters per byte, from ``start``),
    traced to the escapes of its own bytes."""
    at = start
    for ch in decoded:
        size = len(ch.encode("utf-8", errors="replace")) if ch != "\ufffd" else 1
        out.put(ch, at, at + size * width)
        at += size * width


def _quoted_printable(text: str) -> Decoded | None:
    declared = QP_DECLARED.search(text)
    if "=" not in text or (not declared and not any(_utf8(bytes.fromhex(m[0].replace("=", "")))
                                                     for m in QP_RUN.finditer(text))):
        return None
    body = declared.end() if declared else 0
    out, at = _Builder(), body
    out.copy(text, 0, body)
    for match in QP_TOKEN.finditer(text, body):
        start, end = match.span()
        if match[0][1] in "\r\n":
            out.copy(text, at, start)  # a soft line break prints nothing
            at = end
            continue
        data = bytes.fromhex(match[0].replace("=", ""))
        decoded = data.decode("utf-8", errors="replace") if declared else _utf8(data)
        if decoded is None:
            continue
        out.copy(text, at, start)
        _trace(decoded, data, start, 3, out)
        at = end
    out.copy(text, at, len(text))
    return out.result()


def _encoded_words(text: str) -> Decoded | None:
    if "=?" not in text:
        return None
    return _substituted(text, ENCODED_WORD, _encoded_word)  # the whole word stands for each of its characters


def _encoded_word(word: re.Match[str]) -> str | None:
    try:
        data = (base64.b64decode(word["data"] + "=" * (-len(word["data"]) % 4))
                if word["encoding"] in "Bb" else quopri.decodestring(word["data"].encode(), header=True))
        return data.decode(word["charset"], errors="replace")
    except (LookupError, ValueError):
        return None


def _adif(text: str) -> Decoded | None:
    if not ADIF.search(text) or not ADIF_TAG.search(text):
        return None
    out, at = _Builder(), 0
    for tag in ADIF_TAG.finditer(text):
        if tag.start() < at:
            continue  # inside the previous field's value
        out.copy(text, at, tag.start())
        field = tag["field"].lower()
        out.put(f"\n{ADIF_LABELS.get(field, field.replace('_', ' '))}: ", *tag.span())
        at = min(len(text), tag.end() + int(tag["length"]))
        out.copy(text, tag.end(), at)
    out.copy(text, at, len(text))
    return out.result()


def _hl7(text: str) -> Decoded | None:
    if not HL7.search(text):
        return None
    out, at = _Builder(), 0
    for segment in re.finditer(r"(?m)^(PID|NK1|GT1|IN1)\|[^\r\n]*", text):
        fields = HL7_FIELDS[segment[1]]
        bars = [segment.start() + i for i, ch in enumerate(segment[0]) if ch == "|"]
        for number, bar in enumerate(bars, start=1):
            kind = fields.get(number)
            if kind is None:
                continue
            end = bars[number] if number < len(bars) else segment.end()
            if end == bar + 1:
                continue  # an empty field
            out.copy(text, at, bar)
            out.put(f"\n{kind}: " if kind != "address" else "\n", bar, bar + 1)
            _hl7_field(text, bar + 1, end, kind, out)
            out.put("\n", end, end)
            at = end
    return out.finish(text, at)


def _hl7_field(text: str, start: int, end: int, kind: str, out: _Builder) -> None:
    """One field's components: a name's and a phone's one space apart, an address's each on its labelled line."""
    parts = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^^~]+|[\^~]", text[start:end])]
    component = 0
    for part_start, part_end in parts:
        piece = text[part_start:part_end]
        if piece == "~":  # a repetition: another name, address or number
            component = 0
            if kind != "address":
                out.put(f"\n{kind}: ", part_start, part_end)
            continue
        if piece == "^":
            component += 1
            if kind != "address" and out.chars and out.chars[-1] not in " :":
                out.put(" ", part_start, part_end)  # the first separator of a run only
            continue
        if kind == "address":
            label = HL7_ADDRESS[component] if component < len(HL7_ADDRESS) else "address"
            out.put(f"{label}: " if label else "", part_start, part_start)
            out.copy(text, part_start, part_end)
            out.put("\n", part_end, part_end)
        else:
            out.copy(text, part_start, part_end)


def _ooxml(text: str) -> Decoded | None:
    if not OOXML.search(text):
        return None
    out, inside, cell, cell_start = _Builder(), 0, 0, 0
    texts = OOXML_TEXT | ({"t"} if "<sst" in text else set())  # a workbook's shared strings: <si><t>…</t></si>
    for token in OOXML_TOKEN.finditer(text):
        start, end = token.span()
        if token["text"] is not None:
            if inside or token["text"].strip():  # text outside a run (XML quoted in a mail) is read too
                _unescaped(text, start, end, out)
            continue
        name = token["name"]
        if name is None:  # a declaration or a comment
            continue
        if author := OOXML_AUTHOR.search(token["attrs"] or ""):
            out.put("\nauthor: ", start, start)
            _unescaped(text, token.start("attrs") + author.start("author"), token.start("attrs") + author.end("author"),
                       out)
            out.put("\n", end, end)
        if name in texts and not token["empty"]:
            inside += -1 if token["close"] else 1
            inside = max(inside, 0)
        elif name in OOXML_BREAKS and not token["close"]:
            out.put(OOXML_BREAKS[name], start, end)
        elif name == "w:tc":
            cell += -1 if token["close"] else 1
            if token["close"]:
                out.put("\t", start, end)
            cell_start = len(out.chars)
        elif token["close"] and (name in ("w:tr", "si") or (name in ("w:p", "a:p") and not cell)):
            out.put("\n", start, end)
        elif name == "w:p" and cell and not token["close"] and len(out.chars) > cell_start:
            out.put(" ", start, end)  # a cell's second paragraph: one cell, one line
    return out.result()


def _odf(text: str) -> Decoded | None:
    if not ODF.search(text):
        return None
    out, paragraph, cell, cell_start = _Builder(), 0, False, 0
    column, written = 0, 0  # the next cell's column in its row; the column after the last cell written
    for token in OOXML_TOKEN.finditer(text):
        start, end = token.span()
        if token["text"] is not None:
            if paragraph or token["text"].strip():
                _unescaped(text, start, end, out)
            continue
        name, attrs = token["name"], token["attrs"] or ""
        if name in ("text:p", "text:h") and not token["empty"]:
            paragraph = max(paragraph + (-1 if token["close"] else 1), 0)
            if token["close"] and not cell:
                out.put("\n", start, end)
            elif not token["close"] and cell and len(out.chars) > cell_start:
                out.put(" ", start, end)  # a cell's second paragraph: one cell, one line
        elif name == "text:s":
            out.put(" " * int(count[1] if (count := ODF_SPACES.search(attrs)) else 1), start, end)
        elif name in ("text:tab", "text:line-break"):
            out.put("\t" if name == "text:tab" else "\n", start, end)
        elif name in ODF_CELLS and token["empty"]:
            column += int(count[1]) if (count := ODF_REPEATED.search(attrs)) else 1
        elif name in ODF_CELLS and not token["close"]:
            # Cells are tab-separated as in a TSV export; a row's trailing empty cells write nothing, so every row
            # is as wide as its last value.
            out.put("\t" * min(column - written + (1 if column else 0), 64), start, start)
            cell, cell_start = True, len(out.chars)
        elif name in ODF_CELLS:
            cell, column, written = False, column + 1, column + 1
        elif name == "table:table-row" and token["close"]:
            out.put("\n", start, end)
            column = written = 0
    return out.result()


def _unescaped(text: str, start: int, end: int, out: _Builder) -> None:
    """XML text ``text[start:end]``: character references and entities printed as their characters."""
    at = start
    for entity in XML_ENTITY.finditer(text, start, end):
        out.copy(text, at, entity.start())
        out.put(html.unescape(entity[0]), *entity.span())
        at = entity.end()
    out.copy(text, at, end)


def _swift(text: str) -> Decoded | None:
    if not SWIFT_BLOCK.search(text):
        return None
    out, at = _Builder(), 0
    for field in SWIFT_FIELD.finditer(text):
        lines, position = [], field.start("body")
        for line in field["body"].split("\n"):
            if line.strip() and not line.startswith("/"):  # an account line names no one
                lines.append((position, position + len(line.rstrip())))
            position += len(line) + 1
        for number, (start, end) in enumerate(lines):
            line = text[start:end]
            if structured := SWIFT_NUMBERED.match(line):
                if structured[1] != "2":  # 2/ is the street
                    at = out.labelled(text, at, start + structured.end(), end,
                                      "name" if structured[1] == "1" else "city")
            elif number == 0:
                at = out.labelled(text, at, start, end, "name")
            elif number == len(lines) - 1 and not any(ch.isdigit() for ch in line):
                at = out.labelled(text, at, start, end, "city")
    return out.finish(text, at)


def _zone_mailboxes(text: str) -> Decoded | None:
    if "SOA" not in text and "RP" not in text:
        return None
    out, at = _Builder(), 0
    for record in ZONE_MAILBOX.finditer(text):
        start, end = record.span("mailbox")
        local = re.match(r"(?:[^.\\]|\\.)+", record["mailbox"])[0]
        out.copy(text, at, start)
        out.put(local.replace("\\", "") + "@" + record["mailbox"][len(local) + 1:], start, end)
        at = end
        if record["soa"] and (serial := SOA_SERIAL.match(text, record.end())):
            at = out.labelled(text, at, *serial.span("serial"), "serial")
    return out.finish(text, at)


def _passwd(text: str) -> Decoded | None:
    if ":x:" not in text and ":*:" not in text:
        return None
    out, at = _Builder(), 0
    for line in PASSWD_LINE.finditer(text):
        if not 1000 <= int(line["uid"]) < 65534:
            continue
        start = line.start("gecos")
        for number, field in enumerate(line["gecos"].split(",")):
            if field.strip():
                at = out.labelled(text, at, start, start + len(field), GECOS_LABELS[min(number, 4)])
            start += len(field) + 1
    return out.finish(text, at)


def _inverted_name(text: str, at: int, start: int, end: int, out: _Builder) -> int:
    """A catalogue's "Family, Given" as a form's two fields, or as a name when it has no comma; returns ``end``."""
    comma = text.find(", ", start, end)
    if comma > start:
        at = out.labelled(text, at, start, comma, "surname")
        return out.labelled(text, at, comma + 2, end, "given names")
    return out.labelled(text, at, start, end, "name")


def _marc(text: str) -> Decoded | None:
    if "$" not in text:
        return None
    out, at = _Builder(), 0
    for line in MARC_LINE.finditer(text):
        tag = line["tag"] or line["plain_tag"]
        surname_first = (line["indicators"] or line["plain_indicators"])[0] == "1"
        for subfield in MARC_SUBFIELD.finditer(text, line.start("body"), line.end("body")):
            start = subfield.start("value")
            end = start + len(MARC_TRIM.sub("", subfield["value"]))
            if end <= start:
                continue
            if tag in MARC_NAMES and subfield["code"] == "a":
                at = (_inverted_name(text, at, start, end, out) if surname_first
                      else out.labelled(text, at, start, end, "name"))
            elif label := MARC_LABELS.get((tag, subfield["code"])):
                at = out.labelled(text, at, start, end, label)
    return out.finish(text, at)


def _x12(text: str) -> Decoded | None:
    opening = X12.search(text)
    if not opening:
        return None
    separator = opening["separator"]
    out, at = _Builder(), 0
    for segment in X12_SEGMENT.finditer(text):
        marks = [segment.start("body") + i for i, ch in enumerate(segment["body"]) if ch == separator]
        elements = segment["body"].split(separator)  # elements[n] is the segment's n-th element
        for number, label in _x12_labels(segment["id"], elements):
            if number >= len(elements) or not elements[number].strip():
                continue
            mark = marks[number - 1]
            at = out.labelled(text, at, mark + 1, marks[number] if number < len(marks) else segment.end(), label)
    return out.finish(text, at)


def _x12_labels(kind: str, elements: list[str]) -> list[tuple[int, str]]:
    """(element number, label) of the elements of one X12 segment that a reader would label."""
    if kind == "NM1":
        return [(3, "surname"), (4, "given names"), (5, "middle name")] if elements[2:3] == ["1"] else []
    if kind == "N4":
        return [(1, "city")]
    if kind == "PER":
        return [(2, "name")] + [(n + 1, "phone") for n in (3, 5, 7) if n < len(elements)
                                and elements[n] in X12_PHONES]
    return list(X12_NUMBERS.get(kind, {}).items())


def _ocr_labels(text: str) -> Decoded | None:
    return _substituted(text, OCR_LABEL, lambda label: re.sub(r"[1I|]", "l", label[0]))


def _cdr(text: str) -> Decoded | None:
    out, at = _Builder(), 0
    for line in CDR_LINE.finditer(text):
        for group, label in (("src", "phone"), ("quoted", "name"), ("name", "name"), ("number", "phone")):
            if line.start(group) >= 0 and line[group].strip():
                at = out.labelled(text, at, *line.span(group), label)
    return out.finish(text, at)


def _at_addresses(text: str) -> Decoded | None:
    if " at " not in text and "(at)" not in text and "[at]" not in text:
        return None
    from llmdata.transforms.pii_everyday import is_everyday

    def printed(match: re.Match[str]) -> str | None:
        local = match["local"]
        # "khill at yahoo.com" is an address, "look at docs.python.org" and "Qt at qt.io" are not
        if match["at"] == " at " and (is_everyday(local) or not re.search(r"[._+\d-]|[a-z]{4}", local)
                                      or local[0].isupper()):
            return None
        return f"{local}@{AT_DOT.sub('.', match['domain'])}"

    return _substituted(text, AT_ADDRESS, printed)


def _tex_accents(text: str) -> Decoded | None:
    if "\\" not in text:
        return None

    def printed(match: re.Match[str]) -> str:
        mark, letter = next((match[a], match[b]) for a, b in (("a", "b"), ("c", "d"), ("e", "f")) if match[a])
        return unicodedata.normalize("NFC", letter + TEX_MARKS[mark])

    return _substituted(text, TEX_ACCENT, printed)


def _zpl(text: str) -> Decoded | None:
    if "^XA" not in text or "^FD" not in text:
        return None
    out = _Builder()
    for field in ZPL_FIELD.finditer(text):
        start, end = field.span("data")
        if ZPL_BARCODE.search(text, text.rfind("^FO", 0, field.start()) + 1, field.start()):
            continue  # a barcode's data is printed as bars
        indicator = field["indicator"]
        if indicator is None:
            out.copy(text, start, end)
        else:
            at = start
            for run in re.finditer(rf"(?:{re.escape(indicator or '_')}[0-9A-Fa-f]{{2}})+", field["data"]):
                out.copy(text, at, start + run.start())
                data = bytes.fromhex(run[0].replace(indicator or "_", ""))
                out.put(data.decode("utf-8", errors="replace"), start + run.start(), start + run.end())
                at = start + run.end()
            out.copy(text, at, end)
        out.put("\n", end, field.end())
    return out.result() if out.chars else None


def _bibtex(text: str) -> Decoded | None:
    if "@" not in text or "= {" not in text.replace("={", "= {"):
        return None
    out, at = _Builder(), 0
    for field in BIB_FIELD.finditer(text):
        start = field.start("value")
        out.copy(text, at, field.start())
        if field["key"].lower() in ("address", "location"):
            out.put("city: ", field.start(), start)
            out.copy(text, start, field.end("value"))
        else:
            for name in re.finditer(r"(?:^| and )(?P<name>(?:(?! and ).)+)", field["value"]):
                out.put("\nname: ", start + name.start(), start + name.start("name"))
                out.copy(text, start + name.start("name"), start + name.end())
        out.put("\n", field.end("value"), field.end())
        at = field.end()
    return out.finish(text, at)


def _copy_dump(text: str) -> Decoded | None:
    if "FROM stdin;" not in text:
        return None
    out, at = _Builder(), 0
    for block in COPY_BLOCK.finditer(text):
        columns = [c.strip().strip('"').replace("_", " ") for c in block["columns"].split(",")]
        line_start = block.start("rows")
        for line in block["rows"].splitlines(keepends=True):
            cell_start = line_start
            for number, cell in enumerate(line.rstrip("\n").split("\t")):
                if number < len(columns) and cell not in ("", "\\N"):
                    at = out.labelled(text, at, cell_start, cell_start + len(cell), columns[number])
                cell_start += len(cell) + 1
            line_start += len(line)
    return out.finish(text, at)


def _php(text: str) -> Decoded | None:
    pairs = list(PHP_PAIR.finditer(text)) if 's:' in text else []
    if len(pairs) < 2:
        return None
    out, at = _Builder(), 0
    for pair in pairs:
        out.copy(text, at, pair.start())
        value = "value" if pair["value"] is not None else "int"
        out.put(f"\n{pair['key']}: ", pair.start(), pair.start(value))
        out.copy(text, pair.start(value), pair.end(value))
        at = pair.end()  # the closing quote and semicolon print nothing
    out.copy(text, at, len(text))
    return out.result()


def _label_cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of the cells of ``line`` between runs of two or more spaces; none when it opens with a space or
    holds a tab (an indented or tab-separated line is no row of labels)."""
    if not line or line[0] == " " or "\t" in line:
        return []
    cells, at = [], 0
    for gap in LABEL_GAP.finditer(line.rstrip()):
        cells.append((at, gap.start()))
        at = gap.end()
    return [*cells, (at, len(line.rstrip()))]


def _across(lines: list[tuple[int, list[tuple[int, int]]]], text: str) -> bool:
    """Whether the rows ``lines`` (offset, cells) are labels printed across: aligned columns, each with values."""
    if len(lines) < ACROSS_MIN_LINES or any(text.startswith(("//", "#", "/*", "--", ";"), at + a)
                                            for at, cells in lines for a, _ in cells):
        return False  # code with its comments aligned
    for column in range(len(lines[0][1])):
        start, count = Counter(cells[column][0] for _, cells in lines).most_common(1)[0]
        if column and (start < ACROSS_MIN_COLUMN or count < len(lines) - 1):
            return False
        values = sum(bool(ACROSS_VALUE.search(text, at + cells[column][0], at + cells[column][1]))
                     for at, cells in lines)
        if values < 2:
            return False
    return True


def _columns(text: str) -> Decoded | None:
    if "   " not in text:
        return None
    out, at, found = _Builder(), 0, False
    rows: list[tuple[int, list[tuple[int, int]]]] = []
    offset = 0
    for line in [*text.split("\n"), ""]:
        cells = _label_cells(line)
        if rows and (len(cells) != len(rows[0][1]) or not 2 <= len(cells) <= 3):
            if _across(rows, text):
                first, last = rows[0][0], rows[-1][0] + rows[-1][1][-1][1]
                out.copy(text, at, first)
                for column in range(len(rows[0][1])):
                    for row_at, row_cells in rows:
                        start, end = row_at + row_cells[column][0], row_at + row_cells[column][1]
                        out.copy(text, start, end)
                        out.put("\n", end, end)
                    out.put("\n", last, last)
                at, found = last, True
            rows = []
        if 2 <= len(cells) <= 3:
            rows.append((offset, cells))
        offset += len(line) + 1
    if not found:
        return None
    out.copy(text, at, len(text))
    return out.result()


def _ansi(text: str) -> Decoded | None:
    if "\x1b" not in text:
        return None
    return _substituted(text, ANSI, lambda _: "")  # a control sequence prints nothing


def _base64_parts(text: str) -> Decoded | None:
    """Each text part of a MIME message sent in base64 as its reader sees it; each decoded character traced to the
    base64 characters that carry its bits (a line break inside them is part of the span)."""
    if "base64" not in text.lower():
        return None
    out, at = _Builder(), 0
    for part in BASE64_PART.finditer(text):
        headers = text[text.rfind("\n\n", 0, part.start()) + 1:part.start("body")]
        content_type = BASE64_CONTENT_TYPE.search(headers)
        if content_type and not content_type["type"].lower().startswith(("text/", "message/")):
            continue  # an attachment: a PDF's bytes are nobody's text
        body_start = part.start("body")
        places = [body_start + i for i, ch in enumerate(part["body"]) if ch not in "\r\n="]
        encoded = "".join(text[i] for i in places)
        try:
            data = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
            decoded = data.decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            continue
        out.copy(text, at, body_start)
        byte = 0
        for ch in decoded:
            size = len(ch.encode("utf-8"))
            first, last = byte * 8 // 6, min(len(places), ((byte + size) * 8 + 5) // 6) - 1
            out.put(ch, places[first], places[last] + 1)
            byte += size
        out.put("\n", part.end("body"), part.end("body"))
        at = part.end("body")
    return out.finish(text, at)


def _roff(text: str) -> Decoded | None:
    if "\\" not in text or not ROFF.search(text):
        return None
    return _substituted(text, ROFF_ESCAPE, _roff_glyph)


def _roff_glyph(escape: re.Match[str]) -> str:
    two, named, one = escape["two"], escape["named"], escape["one"]
    if two and two[0] in ROFF_ACCENTS and two[1].isalpha():  # \('e: a letter and its accent
        return unicodedata.normalize("NFC", two[1] + ROFF_ACCENTS[two[0]])
    if two or (named and not named.startswith("u")):
        return ROFF_GLYPHS.get(two or named, "")
    if named:  # \[u00ED]
        try:
            return "".join(chr(int(code, 16)) for code in named[1:].split("_"))
        except ValueError:
            return ""
    if one is not None:
        return ROFF_ONE.get(one, one)
    return ""  # a font change: \fB, \fR, \f[C]


def _mrz(text: str) -> Decoded | None:
    """The name field of a machine-readable zone as a form prints it: "surname: ZELAYA CALIX" and
    "given names: ANA MARIA", each letter traced to its place in the zone, each filler "<" to its own."""
    if "<<" not in text:
        return None
    out, at = _Builder(), 0
    for match in sorted([*MRZ_FIRST_LINE.finditer(text), *MRZ_TD1_NAME.finditer(text)], key=lambda m: m.start()):
        start, end = match.span("name")
        name = text[start:end]
        split = name.find("<<")
        if split <= 0 or start < at:
            continue
        out.copy(text, at, start)
        out.put("\nsurname: ", start, start)
        _mrz_words(text, start, start + split, out)
        given_end = start + len(name.rstrip("<"))
        if given_end > start + split + 2:
            out.put("\ngiven names: ", start + split, start + split + 2)
            _mrz_words(text, start + split + 2, given_end, out)
        out.put("\n", given_end, end)
        at = end
    return out.finish(text, at)


def _mrz_words(text: str, start: int, end: int, out: _Builder) -> None:
    for i in range(start, end):
        out.put(" " if text[i] == "<" else text[i], i, i + 1)


def decode(text: str) -> Decoded | None:
    """``text`` as its reader sees it when it carries terminal colour codes, base64 MIME parts, roff, RTF, a Jupyter
    notebook's lines, ASS subtitles, RIS records, JSON ``\\u`` escapes, JSON inside a JSON string, name/value pairs,
    XML character references, Office Open XML runs, OpenDocument paragraphs and cells, MIME encoded words,
    percent-encoding, quoted-printable, an ADIF log, PHP-serialised data, HL7 or X12 segments, SWIFT MT fields, MARC
    records, a zone file's mailboxes, passwd GECOS fields, call detail records, ZPL labels, TeX accents, BibTeX
    fields, addresses written "user at domain", pg_dump COPY rows, a machine-readable zone, labels misread by OCR or
    labels printed across (each notation read in turn, so a JSON string holding a URL's query is read twice); None
    when it carries none of them."""
    found: Decoded | None = None
    for notation in (_ansi, _base64_parts, _roff, _rtf, _ooxml, _odf, _notebook, _ass, _ris, _json, _nested_json,
                     _name_value_pairs, _entities, _encoded_words, _percent, _quoted_printable, _zpl, _tex_accents,
                     _bibtex, _at_addresses, _copy_dump, _adif, _php, _hl7, _x12, _swift, _marc, _zone_mailboxes,
                     _passwd, _cdr, _mrz, _ocr_labels, _columns):
        decoded = notation(found.text if found else text)
        if decoded is None or decoded.text == (found.text if found else text):
            continue
        if found is not None:  # trace back through the earlier reading to the source
            decoded = Decoded(decoded.text, tuple((found.sources[s][0], found.sources[e - 1][1])
                                                  for s, e in decoded.sources))
        found = decoded
    return found
