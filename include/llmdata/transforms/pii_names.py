"""Second look at what the NER model calls an organisation: a span shaped like a person's name is a name.

The small English spaCy model labels many names ORG, especially non-English ones after a preposition
("opened by Jeanne-Aurore Tessier from the support team"). Over-redacting an organisation costs little;
leaking a name does not. So an ORG span becomes PERSON when every token is a capitalised word, a name particle
(de, van, von, ...) or a title or degree (Dr., Herr, B.Sc.), and none is an organisation word (Bank, GmbH,
Team, ...) or an acronym. Its precision on text without names is measured in ``bench/pii_eval.py``.
"""

from __future__ import annotations

import functools
import re

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from llmdata.transforms.pii_everyday import is_everyday
from llmdata.transforms.pii_given_names import is_family_name, is_given_name, may_be_given_name
from llmdata.transforms.pii_places import is_place
from llmdata.transforms.pii_words import (
    BUILDING_WORDS,
    CASELESS_WORD,
    HONORIFICS,
    ROLE_NOUN,
    SETTLEMENT_START,
    STREET_TYPE,
    header_word,
)

PARTICLES = {"de", "du", "des", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "zu", "y",
             "bin", "al", "ter", "ten", "dos", "das"}
TITLES = {"mr", "mrs", "ms", "dr", "prof", "herr", "frau", "mme", "mlle", "m", "sir", "dame", "ing", "dipl",
          "univ.prof", "b.sc", "m.sc", "b.a", "m.a", "b.eng", "m.eng", "phd", "mba", "jr", "sr", "ii", "iii",
          # the honorifics of pii_context.TITLES, lower-cased, and Latin American "Lic."
          "miss", "mx", "sra", "srta", "sig", "sig.ra", "dott", "dott.ssa", "mag", "pan", "pani", "panna", "pane",
          "paní", "mgr", "bc", "judr", "mudr", "mvdr", "phdr", "rndr", "paeddr", "thdr", "doc", "dra", "dña", "doña",
          "fru", "fröken", "rouva", "herra", "dl", "dna", "dnul", "hr", "dhr", "mevr", "mw", "mej", "lic", "licda"
          } | {h.lower() for h in HONORIFICS}
ORGANISATION_WORDS = {
    "inc", "ltd", "llc", "gmbh", "ag", "sa", "sarl", "plc", "corp", "corporation", "co", "company", "group",
    "holding", "holdings", "bank", "team", "teams", "university", "universität", "université", "institute",
    "foundation", "service", "services", "system", "systems", "solutions", "technologies", "technology", "labs",
    "lab", "cloud", "engineering", "platform", "security", "support", "finance", "operations", "department",
    "committee", "council", "ministry", "agency", "association", "partners", "international", "networks",
    "software", "data", "analytics", "consulting", "capital", "insurance", "media", "health", "hospital",
    "school", "college", "club", "office", "board", "union", "trust", "fund", "airlines", "motors", "energy",
    "version", "release", "server", "api", "app", "connect", "store", "project", "centre", "center", "care",
    "returns", "desk", "helpdesk", "sales", "traders", "trading", "industries", "enterprises", "logistics",
    "manufacturing", "retail", "ventures", "supplies", "imports", "exports", "studios",
    # a certificate authority's name ("Acme Issuing CA 2", "Let's Encrypt Authority X3")
    "ca", "issuing", "authority", "intermediate", "certification",
}
# A capitalised word with lower-case letters (so not an acronym); McCarthy, O'Neil and Anne-Marie included.
# Any script's letters: Šoštanj, Kalvėnas and Łódź are written with letters outside Latin-1.
# A word of a script without letter case is name-shaped too (pii_words): cues and the NER model decide there.
WORD = regex.compile(rf"^(?:\p{{Lu}}\p{{Ll}}*(?:[-'’]?\p{{Lu}}?\p{{Ll}}+)+|{CASELESS_WORD})$")


def looks_like_a_name(span: str, min_names: int = 2) -> bool:
    """True when ``span`` has the shape of a personal name (see the module docstring)."""
    tokens = span.replace(",", " ").split()
    names = 0
    titled = bool(tokens) and tokens[0].rstrip(".").lower() in TITLES
    for token in tokens:
        bare = token.rstrip(".").lower()
        if bare in ORGANISATION_WORDS:
            return False
        if bare in TITLES or token.lower() in PARTICLES:
            continue
        if not WORD.match(token):
            return False
        names += 1
    # A title is as good as a given name: "Mrs Lember", "Dr. Webb".
    # Spanish and Portuguese names run to five or six ("María Eugenia María Teresa Camacho").
    return min_names <= names + titled and 1 <= names <= 6


# A lone word is a name only after a greeting, a title or "by"/"ask": the small model also calls Docker, Redis
# and Platform people.
CUE = re.compile(r"(?i)(?:\b(?:thanks|thank you|hi|hello|dear|by|cc|ask|asked|contact|mr|mrs|ms|dr|herr|frau)"
                 r"\b\W{0,3})$")
# Places are capitalised words; cloud regions (eu-west-1) and acronyms (CI, GB) are not places people live in.
# Up to six words, the later ones capitalised or a place name's particle ("San Antonio de la Montaña", "Frankfurt am
# Main", "Nové Mesto nad Váhom"), and a name in brackets after it ("Entronque de Matehuala (El Huizache)").
PLACE_PARTICLES = PARTICLES | {"los", "las", "el", "am", "im", "an", "sur", "sous", "en", "nad", "pod", "u", "upon",
                               "on", "sul", "al", "e", "i", "do", "ob", "pri", "při", "na", "bei", "ve", "aan", "op",
                               "bij", "zum", "zur", "les", "lès", "dei", "of", "af"}
_PLACE_PARTICLE = "|".join(sorted(PLACE_PARTICLES, key=len, reverse=True))
PLACE = regex.compile(rf"^(?:\p{{Lu}}\p{{Ll}}[\w'’.–-]*|{CASELESS_WORD})"
                      rf"(?:[ \t]+(?:(?:{_PLACE_PARTICLE})(?=[ \t])|\p{{Lu}}[\w'’.–-]*|{CASELESS_WORD})){{0,5}}"
                      r"(?:[ \t]+\([\p{Lu}][^()\n\d]{1,40}\))?$")
# Products, systems and standards the small model calls people or places in technical text.
TECHNICAL_TERMS = {
    "windows", "linux", "unix", "unixes", "posix", "macos", "android", "ios", "python", "java", "javascript",
    "unicode", "fortran", "cobol", "perl", "ruby", "rust", "kotlin", "scala", "haskell", "erlang", "docker",
    "kubernetes", "redis", "postgres", "postgresql", "mysql", "sqlite", "oracle", "github", "gitlab", "debian",
    "ubuntu", "fedora", "freebsd", "openbsd", "solaris", "aix", "cygwin", "mingw", "emscripten", "wasi", "jython",
    "ironpython", "pypy", "cython", "numpy", "scipy", "tkinter", "tk", "tcl", "qt", "gtk", "xml", "html", "json",
    "none", "true", "false", "null", "utf", "ascii", "latin", "base", "home", "enter", "overview", "example",
    "examples", "objects", "functions", "types", "module", "modules", "class", "classes", "method", "methods",
    # vendors and tools whose names head a product's ("Microsoft Installer", "Borland Compiler", "Netscape Mail")
    "microsoft", "netscape", "borland", "mozilla", "ibm", "qualcomm", "intel", "adobe", "google", "apache",
    "nginx", "emacs", "vim", "markdown", "ecmascript", "distutils", "setuptools", "cpython", "gnu", "gnome",
    "gnumeric", "kde", "keccak", "pyrex", "pyodide", "rmail", "enum", "enums", "sqlalchemy",
}
# Code identifiers: an inner capital after a lower-case letter (BufferedIOBase, PyModuleDef, NumPy), except the
# name prefixes that have one (McCarthy, MacLeod, DeWitt, LaToya, VanDyke, FitzGerald, O'Neil).
_IDENTIFIER = regex.compile(r"[_\d]|\p{Ll}(?<!^Mc)(?<!^Mac)(?<!^De)(?<!^Di)(?<!^Da)(?<!^La)(?<!^Le)(?<!^Van)"
                            r"(?<!^Von)(?<!^Fitz)\p{Lu}")
_ELISION = re.compile(r"^[OoDdLl]['’]")  # O'McCadden, D'Angelo: the prefix before a name's own capital
_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.S)
_LOWER_WORD = regex.compile(r"(?<![\w.])\p{Ll}[\p{Ll}'’-]+")


@functools.lru_cache(maxsize=8)
def document_evidence(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words the document also writes in lower case, words inside its code spans and blocks), case-folded.

    A capitalised word the same document also writes in lower case is a common word in a heading or at a
    sentence start ("Argument Clinic", "Sequence Patterns"); one that appears in code is an identifier.
    """
    code = " ".join(match.group(0) for match in _CODE.finditer(text))
    lower = frozenset(word.casefold() for word in _LOWER_WORD.findall(_CODE.sub(" ", text)))
    return lower, frozenset(word.casefold() for word in re.findall(r"[^\W\d_][\w'’-]*", code))


POSSESSIVE = re.compile(r"['’](?:s\b)?$")


def not_personal(text: str, start: int, end: int, strict: bool = True) -> bool:
    """Whether the capitalised span ``text[start:end]`` reads as technical text, not a name or a place: it spans
    lines, holds a technical term or a word in the document's code, or (``strict``) a code identifier, or every one
    of its words is written in lower case elsewhere in the document. Not strict is for spans with a cue as good
    as "the X office", where invented town names ("VillaArriba") and common words ("Mill Hill") are still places."""
    span = text[start:end]
    if "\n" in span:
        return True
    lower, code = document_evidence(text)
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", span) if w[0].isupper()]
    if not words:
        return False
    folded = [POSSESSIVE.sub("", w.casefold()) for w in words]  # "Perl’s", "IBM’s DeveloperWorks"
    if any(f in TECHNICAL_TERMS or f in code for f in folded):
        return True
    return strict and (any(_IDENTIFIER.search(part) for w in words for part in _ELISION.sub("", w).split("-"))
                       or all(f in lower for f in folded))


# Regions larger than anyone's address, and the words that make them: "Western Europe", "Central Asia".
REGION_WORDS = {"western", "eastern", "central", "northern", "southern", "north", "south", "east", "west", "middle",
                "far", "near", "europe", "asia", "africa", "america", "americas", "oceania", "antarctica", "arctic",
                "pacific", "atlantic", "mediterranean", "scandinavia", "balkans", "caribbean", "latin"}
CONTINENTS = REGION_WORDS - {"western", "eastern", "central", "northern", "southern", "north", "south", "east", "west",
                              "middle", "far", "near", "latin"}
# A people or a language, not a place: "Macedonian", "Byelorussian", "Japanese", "Danish".
DEMONYM = re.compile(r"^\w{3,}(?:ian|ean|ese|ish)$")


@functools.cache
def language_names() -> frozenset[str]:
    """Case-folded English names of the ISO 639-1 languages ("Icelandic", "Kazakh", "Urdu"), from pycountry."""
    import pycountry

    return frozenset(re.split(r"[;(,]", language.name)[0].strip().casefold()
                     for language in pycountry.languages if hasattr(language, "alpha_2"))


def is_language(span: str) -> bool:
    """Whether ``span`` is the name of a language: a table of encodings or locales lists them, and a few share
    their name with a hamlet in the gazetteer ("English", Indiana)."""
    return span.strip().casefold() in language_names()


@functools.cache
def calendar_words() -> frozenset[str]:
    """Case-folded month and weekday names, wide and abbreviated, in every language CLDR has (babel): a calendar
    printed in Dutch or German ("Maart", "Juli", "Oktober") names no place."""
    from babel import Locale, localedata

    words: set[str] = set()
    for identifier in localedata.locale_identifiers():
        if "_" in identifier:
            continue  # a language's territories repeat its names
        locale = Locale.parse(identifier)
        for table in (locale.months, locale.days):
            for width in ("wide", "abbreviated"):
                for names in table.get("format", {}).get(width, {}), table.get("stand-alone", {}).get(width, {}):
                    words.update(name.casefold().rstrip(".") for name in names.values())
    return frozenset(words)


def date_words(span: str) -> bool:
    """Whether ``span`` is a date's words: "Tue Nov" in "Tue Nov  3 10:12:44 CET 2026" ("June May" is a name)."""
    words = span.split()
    return len(words) > 1 and all(calendar_word(w) for w in words) and not all(is_given_name(w) for w in words)


def calendar_word(span: str) -> bool:
    """Whether ``span`` is one word naming a month or a weekday in some language."""
    return len(span.split()) == 1 and span.strip().casefold().rstrip(".") in calendar_words()


# Words that open a sentence or a reference before a capitalised term: "See Memory Views", "Use Futurize".
_OPENERS = {"see", "use", "given", "whether", "using", "via", "per", "unlike", "like", "since"}


def term_shaped(span: str) -> bool:
    """Whether ``span``, found without a cue, reads as a term or a heading rather than a name: it opens with a word
    like "See" or "Use", or ends in the plural of an everyday word ("Built-in Constants", "Standard Encodings")
    after words none of which is a common given name ("Bill Gates" and "Tyra Banks" stay names, and so does a
    title's "Dr Fields")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", span) if w[0].isupper()]
    if not words or words[0].rstrip(".").casefold() in TITLES:
        return False
    if words[0].casefold() in _OPENERS or words[-1].endswith("APIs"):
        return True
    last = words[-1]
    plural = len(words) > 1 and len(last) > 3 and last.endswith("s") and (is_everyday(last[:-1]) or (
        last.endswith("es") and is_everyday(last[:-2])))
    return plural and not any(is_given_name(w.split("-")[0]) for w in words[:-1])


JOB_TITLE_END = regex.compile(rf"(?i)\b{ROLE_NOUN}s?$")


# How a job title starts when its first word is also somebody's given name ("Senior", "Chase", "Major").
SENIORITY = frozenset({"senior", "junior", "chief", "principal", "deputy", "regional", "general", "staff", "lead"})


def job_title(span: str) -> bool:
    """Whether ``span`` is a job title: everyday words ending in a role, the first no given name but for a rank
    ("Senior Account Manager", not "Anna Manager")."""
    words = regex.findall(r"[\p{L}]+", span)
    return (len(words) > 1 and bool(JOB_TITLE_END.search(span)) and all(is_everyday(w) for w in words)
            and (words[0].casefold() in SENIORITY or not is_given_name(words[0])))


def everyday_phrase(span: str) -> bool:
    """Whether every capitalised word of ``span`` is an everyday English word and none is a common given name
    ("Message Authentication", not "Larry Hastings": :mod:`llmdata.transforms.pii_everyday`), or one of its words
    names a continent or an ocean ("Western Europe")."""
    words = [w for w in re.findall(r"[^\W\d_]+", span) if w[0].isupper()]
    if any(w.casefold() in CONTINENTS for w in words):
        return True
    return bool(words) and all(is_everyday(w) for w in words) and not any(may_be_given_name(w) for w in words)


def heading_words(words: list[str]) -> bool:
    """Whether capitalised words read as a heading's or a label's, not a name: every one an everyday English word,
    the last no given or family name anywhere ("Memory Management": "Memory" is a common given name in Zimbabwe;
    "Rose Baker" is a name)."""
    return (bool(words) and all(is_everyday(w.casefold()) for w in words) and not may_be_given_name(words[-1])
            and not is_family_name(words[-1]))


FIELD_LABEL_END = re.compile(r"[ \t]*:(?!:)")


def field_label(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens its line and ends at a colon, in heading words: a field's label ("File
    Size      : 2.4 MB", "Public Key Algorithm: rsaEncryption"), not a chat's speaker."""
    line_start = text.rfind("\n", 0, start) + 1
    return (not text[line_start:start].strip() and bool(FIELD_LABEL_END.match(text, end))
            and heading_words(text[start:end].split()))


# A form's field label, possessive and all: "Importer's reference:", "f Employee's address  12 Station Road".
FORM_LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[A-Za-z\d]{1,2}[.)]?[ \t]+)?$")
FORM_LABEL_AFTER = re.compile(r"(?:['’]s)?(?:[ \t]+[a-z]+){1,4}[ \t]*(?::|[ ]{2,}|\t)")


def form_label(text: str, start: int, end: int) -> bool:
    """Whether the one word ``text[start:end]`` opens a form's field label: a possessive at a line's start followed
    by lower-case words and a separator. NER models read an agent noun there as a place or a person."""
    span = text[start:end]
    possessive = span.endswith(("'s", "’s"))
    return (len(span.split()) == 1 and (possessive or text.startswith(("'s", "’s"), end))
            and bool(FORM_LABEL_BEFORE.search(text, max(0, start - 8), start))
            and bool(FORM_LABEL_AFTER.match(text, end - 2 if possessive else end)))


# A house number before a name that ends in a street word: "7 Mission Lane" is where someone lives, not who.
HOUSE_NUMBER_BEFORE = regex.compile(r"\b\d+[\p{L}]?[ \t]+$")
STREET_END = regex.compile(rf"(?i)\b{STREET_TYPE}\.?$")


# The street's type first and the house number after, as Spanish, Italian and Portuguese write it ("Calle Mayor 12").
STREET_START = regex.compile(rf"(?i){STREET_TYPE}\.?[ \t]")
HOUSE_NUMBER_AFTER = regex.compile(r"[ \t]+\d+[\p{L}]?\b")


def street(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a street's name after its house number ("7 Mission Lane"), or before it with
    its type first ("Calle Comercio 214")."""
    return bool((STREET_END.search(text[start:end]) and HOUSE_NUMBER_BEFORE.search(text, max(0, start - 8), start))
                or (STREET_START.match(text, start, end) and HOUSE_NUMBER_AFTER.match(text, end)))


# A span cut at a hyphen before a lower-case word is one part of a compound word: "Keyword-only", "Init-only".
COMPOUND_AFTER = regex.compile(r"-\p{Ll}")


def plausible(entity: str, text: str, start: int, end: int) -> bool:
    """Whether an NER span of ``entity`` in ``text`` has the shape of one (names and places, see above)."""
    span = text[start:end]
    if span.endswith("-") and COMPOUND_AFTER.match(text, end - 1):
        return False
    if calendar_word(span) and (entity == "LOCATION" or (entity == "PERSON" and not is_given_name(span.strip()))):
        return False  # "Maart", "Oktober" ("June" and "Juma" stay names)
    if date_words(span):
        return False
    if entity in ("PERSON", "LOCATION") and (form_label(text, start, end) or header_word(span)
                                             or field_label(text, start, end)):
        return False  # "Name:", and a column's name in an export of any language ("الاسم", "ښار")
    from llmdata.transforms.pii_context import header_cell  # the context rules build on this module

    if entity in ("PERSON", "LOCATION") and header_cell(text, start, end):
        return False  # "Carte" beside "Client", "Ville" and "Téléphone": a column's name
    if entity in ("PERSON", "LOCATION") and not_personal(text, start, end):
        return False
    if (entity in ("PERSON", "LOCATION") and everyday_phrase(span) and not (entity == "LOCATION" and is_place(span))
            and span.split()[0].rstrip(".").lower() not in TITLES):
        return False
    if entity == "LOCATION" and (all(w.casefold() in REGION_WORDS for w in span.split()) or DEMONYM.match(span)
                                 or is_language(span)):
        return False
    if entity == "PERSON" and (term_shaped(span) or street(text, start, end) or job_title(span)
                               or span.split()[0].casefold() in BUILDING_WORDS):
        return False
    if entity == "PERSON":
        words = re.findall(r"\w+", span)
        if all(DEMONYM.match(w) for w in words) and not all(is_given_name(w) for w in words):
            return False  # "Russian, Serbian": languages listed, not a person ("Christian Julian" is one)
        return looks_like_a_name(span) or (looks_like_a_name(span, 1) and bool(CUE.search(text[max(0, start - 16):
                                                                                                  start])))
    if entity == "LOCATION":  # "село Херсон": the settlement word is not shaped like a name
        settlement = SETTLEMENT_START.match(span)
        return bool(PLACE.match(span[settlement.end() if settlement else 0:])) and not any(ch.isdigit() for ch in span)
    return True


class NameShapedOrgRecognizer(EntityRecognizer):
    """PERSON for the NER model's ORG spans that look like a personal name."""

    def __init__(self, score: float = 0.5) -> None:
        super().__init__(supported_entities=["PERSON"], name="LlmdataNameShapedOrgRecognizer",
                         supported_language="en")
        self.score = score

    def load(self) -> None:
        """Nothing to load: the spans come from the NER pass."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        if "PERSON" not in entities or nlp_artifacts is None:
            return []
        return [
            RecognizerResult("PERSON", span.start_char, span.end_char, self.score)
            for span in nlp_artifacts.entities
            if span.label_ == "ORGANIZATION" and looks_like_a_name(span.text) and not everyday_phrase(span.text)
            and not not_personal(text, span.start_char, span.end_char)
        ]
