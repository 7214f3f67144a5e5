"""IBANs checked against the SWIFT IBAN registry (``python-stdnum``) and ISO 7064 mod 97-10.

Presidio's ``IbanRecognizer`` carries its own table of country formats, which lacks countries that joined the
registry since (Russia, 2023) and countries that use IBANs outside it (Iran, Algeria and other "partial IBAN"
countries): a third of the IBANs in a Russian and Iranian held-out text went through untouched. Here an IBAN is
either in its country's registered format (stdnum's copy of the registry), or any ISO 3166 country code with
check digits that hold, 12 to 34 characters long. The second rule also takes account numbers written as IBANs
in a length the registry does not give their country (a bank's own account format behind a "GB" prefix, a
Thai "IBAN" of 14 characters, as Faker writes them for many locales): the check digits are what keep random
codes out (a random string passes one time in 97), and a number somebody wrote with valid check digits is an
account number whatever its length.
"""

from __future__ import annotations

import functools
import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum import iban, numdb
from stdnum.util import isdigits

SCORE = 1.0
MIN_LENGTH, MAX_LENGTH = 12, 34  # ISO 13616's shortest is 15 (Norway); see the module docstring
# A country code, two check digits, then letters and digits, written compact or in groups split by one space
# ("DE89 3704 0044 0532 0130 00"); lower case is not an IBAN as people write it.
CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){8,32}")
# A tag after the value ends it ("<w:t>GB54 RDDR 5670 …</w:t>"); a machine-readable zone's "<" filler does not.
MARKUP = re.compile(r"</?[A-Za-z][\w:.-]*(?:[\s/>])")
# A word and a slash glued before a candidate: a key's id ("rsa4096/…") or a path's segment, not an account field.
KEY_BEFORE = re.compile(r"[A-Za-z0-9]/\Z")


@functools.cache
def _registered(country: str) -> bool:
    """Whether the IBAN registry (stdnum's copy) lists ``country``."""
    return bool(numdb.get("iban").info(country)[0][1])


@functools.cache
def _iso_country(code: str) -> bool:
    import pycountry

    return pycountry.countries.get(alpha_2=code) is not None


def registered(compact: str) -> bool:
    """Whether ``compact`` is an IBAN in its country's registered format, not only one whose check digits hold."""
    return _registered(compact[:2]) and iban.is_valid(compact)


def valid(compact: str) -> bool:
    """Whether ``compact`` (no spaces) is an IBAN: registered format, or an ISO country with valid check digits."""
    if not MIN_LENGTH <= len(compact) <= MAX_LENGTH or not isdigits(compact[2:4]):
        return False
    country = compact[:2]
    if registered(compact):
        return True
    return _iso_country(country) and iban.mod_97_10.is_valid(compact[4:] + compact[:4])


def find(text: str) -> list[tuple[int, int]]:
    """(start, end) of each IBAN in ``text``: the longest valid prefix of each candidate that ends a word, so a
    grouped IBAN followed by more capitals or digits ("... 3000 15 3 NOTICES") still ends where it ends. After a
    word and a slash ("rsa4096/CF753971799D0D7C", a key's id; a path's segment) only the registered format counts:
    there the check digits alone hold one time in 97. SWIFT's account line (":59:/GA17…") is no such slash."""
    found = []
    for match in CANDIDATE.finditer(text):
        ends = [i + 1 for i in range(match.start(), match.end()) if text[i].isalnum()]
        for count in range(min(len(ends), MAX_LENGTH), MIN_LENGTH - 1, -1):
            end = ends[count - 1]
            if end < len(text) and (text[end].isalnum() or (text[end] == "<" and not MARKUP.match(text, end))):
                continue  # inside a word, or a passport's machine-readable zone ("BW88684573HTI8511283F2803238<<")
            compact = text[match.start():end].replace(" ", "").replace("\u00a0", "")
            if valid(compact) and (not KEY_BEFORE.search(text, max(0, match.start() - 2), match.start())
                                   or registered(compact)):
                found.append((match.start(), end))
                break
    return found


class IbanRegistryRecognizer(EntityRecognizer):
    """IBAN_CODE spans whose format the registry accepts or whose check digits hold (module docstring)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["IBAN_CODE"], name="LlmdataIbanRecognizer", supported_language="en")

    def load(self) -> None:
        """Nothing to load: the registry is read on first use."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """One result per IBAN in ``text``."""
        return [RecognizerResult("IBAN_CODE", start, end, SCORE) for start, end in find(text)]
