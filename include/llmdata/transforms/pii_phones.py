"""Phone numbers found by libphonenumber (the ``phonenumbers`` package), in the regions a source declares.

Hand-written phone patterns leaked numbers written without separators in national format and left international
prefixes such as ``+33 (0)`` beside the placeholder. libphonenumber knows every region's numbering plan: its
matcher finds international numbers in any region and national ones in the regions it is given, and the span it
returns covers the whole number, prefix and extension included. Numbers that are possible (right length for the
region) but not valid (no such range) are still a person's number as typed, so they count, with a lower score.
"""

from __future__ import annotations

import functools
import itertools
import re

import phonenumbers
import regex
from phonenumbers import Leniency, PhoneNumberMatcher
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from llmdata.sources.registry import check_regions
from llmdata.transforms.pii import SHORT_PHONE_WORDS
from llmdata.transforms.pii_context import label_above, table_columns
from llmdata.transforms.pii_words import PHONE_HEADERS

VALID_SCORE = 0.7
POSSIBLE_SCORE = 0.4
# Seven or more digits, at most two of a phone number's separators apart: where a phone number can be at all.
# A run never starts inside a code glued to letters: "x3705 022 103 3648" is an extension column, then a number.
DIGIT_RUN = regex.compile(r"(?<![^\W\d_]\d*)\d(?:[ \t.\-/()x+\u00a0]{0,2}\d){6,}")
CODE_BEFORE = regex.compile(r"[^\W\d_]\d+[ \t]{1,2}$")
# Dates and times have a phone number's digits but are not one; a decimal number is one only after a cue.
# A date or an IPv4 address stands apart from other digits: "+61.7.6791.1575" holds "61.7.6791" but is a number.
# Three or more slashed figures, one a decimal, are timings (Postfix's "delays=0.1/0/0.4/0.7").
NOT_A_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}|(?<![\d+.])\d{1,2}[./]\d{1,2}[./]\d{2,4}(?![\d.])|"
                         r"\d{1,2}:\d{2}(?::\d{2})?|(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])|"
                         r"(?<![\d./])(?=[\d/]*\.\d)\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?){2,}(?![\d./])")
# A year, a slash or hyphen, then a serial: how claims, invoices and tickets are numbered.
YEAR_REFERENCE = re.compile(r"(?:19|20)\d{2}[/-]\d{3,8}")
DECIMAL = re.compile(r"\d+[.,]\d+")
DATE_RUN = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}")
MIN_DIGITS = 7
# A national number without a trunk "0" and shorter than nine digits is as often an order, build or invoice
# number: it needs one of these words (in the default regions' languages) shortly before it.
BARE_MIN_DIGITS = 9
COUNTING_STEP = 10
# Five or six digits right after a phone word: a short national number, as Luxembourg's landlines are ("Tel: 44 55
# 66", "call 876998"). Only a plan that has such numbers makes one valid; "line 12345" is a traceback's.
SHORT_RUN = re.compile(r"(?<![\w+.,\-/])\d(?:[ \-]?\d){4,5}(?!\w|[ \-.,]?\d)")
# "call Ms Cisneros on 312 044", "call the tenant on 712 790": who is called may stand between the word and "on".
# A key's "=" and a quote count as its separator: "phone=22074", 'phone = "22610"' (logfmt, TOML), and a JSON key
# may say "number": '"mobileNumber":"218-032"'. TeX's tie is a space: "tel.~20-526" in a .bib note. Spoken, "my
# number is" means the phone.
SHORT_CUE = regex.compile(rf"(?i)\b(?:{SHORT_PHONE_WORDS})(?:[ _-]?(?:number|no|nr|num))?\b\.?[\"']?[ \t~]*[:=]?"
                          r"[ \t]*[\"']?"
                          r"(?:(?:again[ \t]+)?(?:from|on|at)[ \t]+)?$"
                          r"|\b(?:call|ring|phone|reach|text)[ \t]+(?:[\p{L}\p{M}'’.-]+[ \t]+){1,4}(?:on|at)[ \t]+$"
                          r"|\b(?:my|our|his|her|their)[ \t]+number[ \t]+is[ \t]+$")
# Words that name a phone and nothing else: they cue a number inside a code block too, and at the end of a longer
# key ("SUPPORT_PHONE=" in a .env file), where "call", "line" or "number" would not ("ORDER_NUMBER=").
_PHONE_NAMES = (r"(?:phone|telephone|tel|mobile?|fax|sms|whatsapp|pager|telefon|handy|téléphone|teléfono|móvil|"
                r"telefono|"
                r"cellulare|telefoon|telemóvel|telefone|puhelin|тел|телефон)(?:e|s|es|en|a|o)?")
CONTEXT = re.compile(rf"(?i)(?<=_){_PHONE_NAMES}|--page\b|\b(?:phone|telephone|tel|call|callback|call back|reach|"
                     r"reached|mobile?|mob|cell|cel|celular|fax|sms|"
                     r"whatsapp|line|contact|ring|dial|rückruf|erreichbar|joignable|rappel|"
                     r"number|telefon|handy|mobil|téléphone|portable|teléfono|móvil|telefono|cellulare|telefoon|"
                     r"mobiel|komórka|telemóvel|telefone|puhelin|číslo|тел|телефон|моб|мобильный|сотовый|"
                     r"հեռ|հեռախոս|בטלפון|טלפון|נייד|تلفن|موبایل|همراه|voicemail|rang|texted)(?:e|s|es|en|a|o)?"
                     r"(?:\b|(?=[A-Z_]))")  # "telephoneNumber", "mobile_no"
# In a code block "call", "line", "number", "contact" and "cell" are programming words ("makes 11 recursive calls",
# "call_stack.py:23"): there only a word that names a phone cues a number.
CODE_CUE = re.compile(rf"(?i)\b{_PHONE_NAMES}(?:\b|(?=[A-Z_]))|--page\b")  # "notify --page 771-5458": a pager
# A number alone in parentheses right after a name ("Owner traced: Anna Berg (0612 345 678)"): a contact's number.
AFTER_NAME = regex.compile(r"(?:\p{Lu}|\p{Lo})[\p{L}\p{M}'’-]*[ \t]+\($")
# Numbers written in a phone's own notation that libphonenumber's plans reject (a digit too many or too few for
# the country, an area code no plan assigns) are still what a person typed as a phone number: "+" and a country
# code, or North America's 3-3-4 groups ("1-167-979-9157x98339", Faker writes such). E.164 allows 15 digits.
PLUS_NUMBER = re.compile(r"(?<![\w+.\-/])\+\d{1,3}(?:[ .\-\u00a0]?\(\d{1,4}\)|[ .\-\u00a0]?\d{1,6}){1,6}"
                         r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?")
NANP_NUMBER = re.compile(r"(?<![\w+.\-/])(?:1[-. ])?(?:\(\d{3}\)[ ]?|\d{3}[-.])\d{3}[-.]\d{4}"
                         r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?")
E164_DIGITS = range(8, 16)
EXTENSION = re.compile(r"(?i)x|ext")
CONTEXT_CHARS = 40
ANOTHER_NUMBER = re.compile(r"\d(?:[ ./-]?\d){2,}")  # "4839201", "39 15 00 08"
# A label naming another kind of number right before one: "Frequent flyer XQ 881 204 776", "Booking no. 0612 3456".
# Written without a "+", such a number is that label's, whatever its digits look like.
OTHER_NUMBER_LABEL = re.compile(r"(?i)(?:\b(?:frequent[ -]?flyer|flyer|loyalty|membership|member|booking|"
                                r"reservation|confirmation|order|invoice|inv|policy|claim|passport|licen[cs]e|tracking|"
                                r"ticket|pnr|account|acct|employee|student|case|ref|reference|serial|iban|bic|"
                                r"sort code|mrn|medical record|hospital number|chart|trl|trailer|record count|"
                                r"checksum|sequence|seq|batch|control|timestamp|epoch|[a-z]+[_-]time|unix[ ]?time|date)"
                                r"(?:[ \t]+(?:no\.?|nr\.?|number|#|id))?[ \t]*[:#]?[ \t]*(?:[A-Z]{2,3}[ \t-]?)?"
                                # an ADIF field of a date or a time: "<QSO_DATE:8>20261128"
                                r"|<\w*(?:date|time)\w*:\d+(?::[a-z])?>"
                                # a URI's or a SIP header's parameter: ";tag=1928301774", ";branch=…"
                                r"|;[a-z][\w-]*=)$")
# A contact's number right after their e-mail address ("jan@example.no / 26975225", "a@b.dk, 79356646").
AFTER_EMAIL = re.compile(r"@[\w.-]+\.\w{2,}[ \t]*(?:[,;/|]|or|oder|ou|o|of|eller)?[ \t]*\(?$")
# A header line with a phone column in it: only then are the text's tables read (most texts have none).
# A "contact" column holds a name or a number (pii_context.table_columns tells them apart by their letters); a
# fixed-width table's cells are two or more spaces apart.
PHONE_HEADER = re.compile(r"(?im)(?:^|[,;\t|>]|  )[ \t]*[\"']?(?:\w+[ _])?(?:phone|tel|telephone|mobile|cell|telefon|"
                          rf"téléphone|teléfono|telefono|telefoon|puhelin|contact|{PHONE_HEADERS})"
                          r"(?:[ _]?(?:number|no|nr))?[\"']?[ \t]*(?:[,;\t|<]|  |$)")
# How people group a phone number: two or more groups of two to four digits split by spaces ("76 64 21 03",
# "5886 5333", "936 93 354"), not thousands ("1 249 000": every group after the first has three digits).
PHONE_GROUPS = re.compile(r"\(?\d{2,4}\)?(?:[ \u00a0]\d{2,4})+")
# Numbers glued to code: a hex literal (0x00000254), a negative or decimal number (-2147483648, 1652342830.36),
# part of an identifier or a version. A phone number stands apart from the characters around it.
GLUED_BEFORE = re.compile(r"(?:[\w]|(?<=\d)\.|(?:^|(?<=[\s(\[=,]|[^\W\d_]))-)\Z")  # "TT-2026-004417" too
GLUED_AFTER = re.compile(r"^(?:[\w]|\.\d)")
FENCE = re.compile(r"```")
# An EDIFACT communication segment: COM+number:qualifier' (TE telephone, FX fax, MB mobile). Its "+" separates
# elements and is no international prefix; the qualifier is the number's cue.
EDIFACT_COM = re.compile(r"(?m)^COM\+(?P<number>(?:\?.|[^:'?\n]){4,40}):(?:TE|FX|MB)'")
HEX = re.compile(r"0[xX][0-9a-fA-F]")
# A syslog message's own id after the program's tag: Postfix's queue id ("postfix/qmgr[1200]: 5704850798: removed")
# is hexadecimal and sometimes all digits.
SYSLOG_ID_BEFORE = re.compile(r"\w\[\d+\]:[ \t]$")


class PhoneNumbersRecognizer(EntityRecognizer):
    """PHONE_NUMBER spans from libphonenumber's matcher: the whole text in the first region, then each digit run
    no number explains in the other regions, until one of them does."""

    def __init__(self, regions: tuple[str, ...]) -> None:
        self.regions = tuple(check_regions(list(regions)))
        super().__init__(supported_entities=["PHONE_NUMBER"], name="LlmdataPhoneNumbersRecognizer",
                         supported_language="en")

    def load(self) -> None:
        """Nothing to load: libphonenumber's metadata loads on first use."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        if "PHONE_NUMBER" not in entities:
            return []
        found: dict[tuple[int, int], float] = {}
        first, *others = self.regions
        columns = tuple((a, b) for a, b, entity in table_columns(text) if entity == "PHONE_NUMBER"
                        ) if PHONE_HEADER.search(text) else ()
        if "COM+" in text:
            coms = list(EDIFACT_COM.finditer(text))
            for com in coms:
                text = text[:com.start() + 3] + " " + text[com.start() + 4:]
            columns += tuple(com.span("number") for com in coms)
        # International numbers match in any region; the first region's matcher also finds its national ones.
        self._match(text, 0, first, found, text, columns)
        for run in DIGIT_RUN.finditer(text):
            if DATE_RUN.fullmatch(run.group()) or any(s <= run.start() and run.end() <= e for s, e in found):
                continue
            # A national number of another region: only the run (and an opening parenthesis) is searched again,
            # in the regions where a number can have its length (most runs are order numbers and amounts).
            start = max(0, run.start() - 1)
            digits = re.split(r"x", run.group(), maxsplit=1)[0]
            count = sum(ch.isdigit() for ch in digits)
            # After a code the whole-text matcher read as part of the number ("x3705 022 …"), the first region too.
            for region in self.regions if CODE_BEFORE.search(text, max(0, run.start() - 12), run.start()) else others:
                if _possible_length(region, count, digits) and self._match(text[start:run.end()], start, region,
                                                                          found, text, columns):
                    break
        self._short(text, found, columns)
        _whole_international(text, found)
        _shaped(text, found)
        return [RecognizerResult("PHONE_NUMBER", start, end, score) for (start, end), score in found.items()]

    def _short(self, text: str, found: dict[tuple[int, int], float], columns: tuple[tuple[int, int], ...]) -> None:
        """Add the short national numbers (:data:`SHORT_RUN`) right after a phone word, or in a phone column's
        cell, that a region's plan calls valid."""
        for run in SHORT_RUN.finditer(text):
            span = run.span()
            if any(a < span[1] and span[0] < b for a, b in found) or not (
                    SHORT_CUE.search(text, max(0, span[0] - CONTEXT_CHARS), span[0])
                    or _in_cells(span, columns)):
                continue
            count = sum(ch.isdigit() for ch in run.group())
            for region in self.regions:
                if count in _lengths(region)[0] and phonenumbers.is_valid_number(phonenumbers.parse(run.group(),
                                                                                                    region)):
                    found[span] = VALID_SCORE
                    break

    @staticmethod
    def _match(snippet: str, offset: int, region: str, found: dict[tuple[int, int], float],
               text: str | None = None, columns: tuple[tuple[int, int], ...] = ()) -> bool:
        """Add the phone numbers of ``region`` in ``snippet`` (at ``offset`` of ``text``) to ``found``; a number in
        one of the ``columns`` cells (a CSV column named for phones) has its cue."""
        text = snippet if text is None else text
        added = False
        for match in PhoneNumberMatcher(snippet, region, leniency=Leniency.POSSIBLE):
            # "(0612 345 678)": the matcher takes the opening parenthesis in and leaves the closing one out
            opening = int(match.raw_string.startswith("(") and ")" not in match.raw_string)
            span = (offset + match.start + opening, offset + match.end)
            # The cue is for the nearest number: "tel. 0612 345 678. Order 4839201" gives the order number none.
            before = ANOTHER_NUMBER.split(text[max(0, span[0] - CONTEXT_CHARS):span[0]])[-1]
            if span in found or GLUED_BEFORE.search(text[max(0, span[0] - 2):span[0]]) or GLUED_AFTER.match(
                    text[span[1]:span[1] + 2]) or (text.startswith(":", span[1]) and SYSLOG_ID_BEFORE.search(
                    text, max(0, span[0] - 24), span[0])):
                continue
            if not match.raw_string.startswith("+") and (OTHER_NUMBER_LABEL.search(before)
                                                         or _beside_cells(text, span, columns)):
                continue
            cue = bool(CONTEXT.search(before) or AFTER_EMAIL.search(before)
                       or _in_cells(span, columns)
                       or _after_name(text, span) or CONTEXT.search(label_above(text, span[0])))
            if score := _score(match.raw_string, match.number, cue):
                found[span] = score
                added = True
        return added


# A number written internationally: "+", a country code, then digits in groups.
INTERNATIONAL = regex.compile(r"(?<![\w+])\+\d{1,3}(?:[ .-]?\d){7,14}(?![\w.]?\d)")


def _whole_international(text: str, found: dict[tuple[int, int], float]) -> None:
    """Widen a number found only in part to the international number it is in: "+225 123479983" has nine digits
    after its country code, fewer than Côte d'Ivoire's plan has since 2021, and Austria's plan reads them as a
    national number of its own. The "+225" is as much the person's as the rest."""
    for match in INTERNATIONAL.finditer(text):
        span = match.span()
        inside = [(a, b) for a, b in found if a < span[1] and span[0] < b]
        if inside and all(span[0] <= a and b <= span[1] for a, b in inside) and span not in inside:
            found[span] = max(found.pop(key) for key in inside)


def _in_cells(span: tuple[int, int], cells: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``span`` lies inside one of ``cells`` (a phone column's cells: the number's cue)."""
    return any(a <= span[0] and span[1] <= b for a, b in cells)


def _beside_cells(text: str, span: tuple[int, int], cells: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``span`` is on the row of a phone column's cell but outside it: a row's phone is in its phone column,
    and the other numbers of the row are its id, its amounts, its other fields ("D   6835830782 TOMÁS ...")."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    return any(line_start <= a and b <= line_end for a, b in cells) and not _in_cells(span, cells)


def _shaped(text: str, found: dict[tuple[int, int], float]) -> None:
    """Add the numbers written in a phone's notation (:data:`PLUS_NUMBER`, :data:`NANP_NUMBER`) that no plan
    explains to ``found``; one with a "+" and a code no country has needs a phone word before it."""
    if "+" not in text and "-" not in text and "." not in text:
        return
    for pattern in (PLUS_NUMBER, NANP_NUMBER):
        for match in pattern.finditer(text):
            start, end = match.span()
            raw = match.group()
            main = EXTENSION.split(raw, maxsplit=1)[0]
            if (any(a < end and start < b for a, b in found) or GLUED_AFTER.match(text, end)
                    or NOT_A_PHONE.search(main) or _padding(main)
                    or (not raw.startswith("+") and OTHER_NUMBER_LABEL.search(text, max(0, start - CONTEXT_CHARS),
                                                                             start))):
                continue
            if pattern is PLUS_NUMBER:
                digits = re.sub(r"\D", "", main)
                before = ANOTHER_NUMBER.split(text[max(0, start - CONTEXT_CHARS):start])[-1]
                if len(digits) not in E164_DIGITS or not (_country_code(digits) or CONTEXT.search(before)):
                    continue
            found[(start, end)] = POSSIBLE_SCORE


# The limits of machine integers, which documentation and logs print as ranges ("from -2147483648 to 2147483647",
# "[0,4294967295]"): ten digits or more that some plan would dial.
INTEGER_LIMITS = frozenset(str(2**bits + delta) for bits in (31, 32, 63, 64) for delta in (-1, 0))


def _padding(raw: str) -> bool:
    """Whether every digit of ``raw`` is the same one (0000000000), or ``raw`` is a machine integer's limit
    (2147483647): padding and bounds, not numbers anyone has."""
    return len({ch for ch in raw if ch.isdigit()}) == 1 or raw.strip() in INTEGER_LIMITS


def _country_code(digits: str) -> bool:
    """Whether ``digits`` (after the "+") open with a country calling code some country has."""
    return any(int(digits[:n]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE for n in (1, 2, 3))


def _after_name(text: str, span: tuple[int, int]) -> bool:
    """Whether the number at ``span`` fills the parentheses after a name."""
    return bool(AFTER_NAME.search(text, max(0, span[0] - CONTEXT_CHARS), span[0]) and text.startswith(")", span[1]))


@functools.cache
def _lengths(region: str) -> tuple[frozenset[int], str]:
    """(possible lengths of a national number in ``region``, its trunk prefix) from libphonenumber's metadata."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    general = metadata.general_desc
    return (frozenset(general.possible_length) | frozenset(general.possible_length_local_only),
            metadata.national_prefix or "")


def _possible_length(region: str, count: int, digits: str) -> bool:
    """Whether ``count`` digits (``digits`` as written) can be a national number of ``region``, with or without
    its trunk prefix."""
    lengths, prefix = _lengths(region)
    bare = digits.lstrip("( ")
    return count in lengths or bool(prefix and bare.startswith(prefix) and count - len(prefix) in lengths)


def code_number(text: str, start: int, end: int, cue: re.Pattern[str] = CODE_CUE) -> bool:
    """Whether the number at ``text[start:end]`` sits in a fenced code block (```) without its "+" or a word of
    ``cue`` (a phone word) before it, or is glued to the code around it (0x1f, -2147483648, 873.9000000000001):
    digits in code are data, hashes and seeds, far more often than a phone or card number."""
    if GLUED_BEFORE.search(text, max(0, start - 2), start) or GLUED_AFTER.match(text, end):
        return True
    return (not text.startswith("+", start) and len(FENCE.findall(text, 0, start)) % 2 == 1
            and not cue.search(text, max(0, start - CONTEXT_CHARS), start))


def _score(raw: str, number: phonenumbers.PhoneNumber, cue: bool) -> float:
    """How sure a match is a phone number (0: it is not). Without a "+" or a trunk "0" only a valid number
    counts, and when it is shorter than nine digits, only when written in a phone's groups or with a cue (a phone
    word before it, an e-mail address just before it, a phone column)."""
    if sum(ch.isdigit() for ch in raw) < MIN_DIGITS or HEX.match(raw):
        return 0.0
    if NOT_A_PHONE.search(raw.strip()) or (DECIMAL.fullmatch(raw.strip()) and not cue):  # "Mobile: 91.442959"
        return 0.0
    if _padding(raw):
        return 0.0
    if YEAR_REFERENCE.fullmatch(raw.strip()) and not cue:  # "Claim 2026/77812", "ref 2026-004417"
        return 0.0
    valid = phonenumbers.is_valid_number(number)
    digits = sum(ch.isdigit() for ch in raw)
    if not raw.lstrip("(").startswith(("+", "0")):  # national, without a trunk prefix: 8 digits in DK and NO
        # Four or more groups of one length counting up in small steps ("10 11 12 13 14", "100 101 103 106") are
        # an enumeration, not a number written in groups ("39 15 00 08" is Danish, so is "43 52 53 72").
        groups = re.findall(r"\d+", EXTENSION.split(raw, maxsplit=1)[0])
        if (len(groups) >= 4 and len({len(g) for g in groups}) == 1
                and all(0 < int(b) - int(a) <= COUNTING_STEP for a, b in itertools.pairwise(groups))):
            return 0.0
        grouped = bool(PHONE_GROUPS.fullmatch(raw.strip())) and not all(len(g) == 3 for g in groups[1:])
        if valid and (digits >= BARE_MIN_DIGITS or cue or grouped):
            return VALID_SCORE
        # A number as a person typed it, with a cue, though no range of the region has it ("Mobile: 327.10925").
        return POSSIBLE_SCORE if cue and phonenumbers.is_possible_number(number) else 0.0
    return VALID_SCORE if valid else POSSIBLE_SCORE
