"""The PII engine's own NER: a small spaCy pipeline trained for names and places in records and messages.

A general English pipeline such as ``en_core_web_sm`` learnt names from news prose; the context rules find them
where a cue or a field says so. In record shapes neither was written for (an LDIF entry, an SMS log, a hotel
registration) both miss towns and foreign names. This pipeline was trained on generated records of many shapes and
locales and on real documentation paragraphs as text without any (``bench/pii_ner_train.py`` rebuilds it; its
``meta.json`` says from what). It runs on the deep path beside the other detectors; its files' hash is part of the
engine's identity, so a retrained model re-redacts gold on the next curate run.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Any

LABELS = ("PERSON", "LOCATION")
MODEL_DIR = Path(__file__).with_name("pii_ner")
SCORE = 0.7  # below the validated patterns' scores: a checked e-mail or IBAN outranks the model's guess


def model_sha256() -> str:
    """sha256 over the model's files (names and bytes), or "absent"."""
    return _sha256(MODEL_DIR)


@functools.cache
def _sha256(folder: Path) -> str:
    if not folder.is_dir():
        return "absent"
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@functools.cache
def _pipeline(folder: Path) -> Any:
    import spacy

    from llmdata.transforms.pii import PiiPolicyError

    try:
        return spacy.load(folder)
    except OSError as error:
        raise PiiPolicyError(f"the PII engine's NER model is missing or unreadable at {folder} ({error}): "
                             "reinstall the package, or rebuild it with bench/pii_ner_train.py") from None


def find(text: str) -> list:
    """PERSON and LOCATION results of the model on ``text``, as Presidio results (loaded once per process).
    ``MODEL_DIR`` is read at each call so an experiment can point the engine at a candidate model."""
    from presidio_analyzer import RecognizerResult

    found = []
    for entity in _pipeline(MODEL_DIR)(text).ents:
        span = trim(text, entity.start_char, entity.end_char) if entity.label_ in LABELS else None
        if span and not (entity.label_ == "LOCATION" and (everyday(text[span[0]:span[1]])
                                                         or described(text[span[0]:span[1]]))):
            found.append(RecognizerResult(entity.label_, *span, SCORE))
    return found


def everyday(span: str) -> bool:
    """Whether every capitalised word of ``span`` is an everyday English word: in documentation the model calls
    headings and terms places ("New", "Lock", "Record"), and a few hamlets of those names are in the gazetteer, so
    a place the model alone found needs one word that is not everyday (the context rules still find "moved to
    Reading")."""
    from llmdata.transforms.pii_everyday import is_everyday

    words = [w for w in re.findall(r"[^\W\d_]+", span) if w[0].isupper()]
    # a plural counts as its singular: "Queues", "Kernels", "Bytes" head sections and lists
    return bool(words) and all(is_everyday(w) or (w.endswith("s") and is_everyday(w[:-1])) for w in words)


# A word made into an adjective or a kind: "Perl-style", "Maildir-specific", "Emacs-like".
_DESCRIBED = re.compile(r"\w-[a-z]{3,}(?![\w-])")


def described(span: str) -> bool:
    """Whether ``span`` holds a word whose last hyphenated part is a lower-case word ("Perl-style"): that is how
    documentation turns a name into an adjective; a place's hyphenated parts are names or particles
    ("Ivry-sur-Seine")."""
    return bool(_DESCRIBED.search(span))


# A field's label and its leader ("Consignee ......... ", "Approver:", a tab) before the value.
_LEADER = re.compile(r".*(?:\.{2,}|[:\t|=])[ \t]*", re.S)
_WORD = re.compile(r"\S+")


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The model's span without what it took in on a shape it never saw: a field's label before the value, and
    lower-case words at either end ("the Savska Ves depot" is the place "Savska Ves"; particles are kept inside:
    "San Carmen los Bajos"); None when nothing is left."""
    from llmdata.transforms.pii_names import PLACE_PARTICLES  # imports Presidio: not for model_sha256's callers
    from llmdata.transforms.pii_words import SETTLEMENT_START

    leader = _LEADER.match(text, start, end)
    if leader:
        start = leader.end()
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]

    def dropped(word: tuple[int, int], particles: set[str] = PLACE_PARTICLES) -> bool:
        token = text[word[0]:word[1]]
        return token[0].islower() and token.lower() not in particles

    while words and dropped(words[-1], set()):  # "San Nancy los altos depot": a particle ends no place
        words.pop()
    while words and dropped(words[0]) and not SETTLEMENT_START.match(text, words[0][0], end):
        words.pop(0)  # but "село Херсон" keeps its settlement word
    return (words[0][0], words[-1][1]) if words else None
