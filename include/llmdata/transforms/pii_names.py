"""Second look at what the NER model calls an organisation: a span shaped like a person's name is a name.

The small English spaCy model labels many names ORG, especially non-English ones after a preposition
("opened by Jeanne-Aurore Tessier from the support team"). Over-redacting an organisation costs little;
leaking a name does not. So an ORG span becomes PERSON when every token is a capitalised word, a name particle
(de, van, von, ...) or a title or degree (Dr., Herr, B.Sc.), and none is an organisation word (Bank, GmbH,
Team, ...) or an acronym. Its precision on text without names is measured in ``bench/pii_eval.py``.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

PARTICLES = {"de", "du", "des", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "zu", "y",
             "bin", "al", "ter", "ten", "dos", "das"}
TITLES = {"mr", "mrs", "ms", "dr", "prof", "herr", "frau", "mme", "mlle", "m", "sir", "dame", "ing", "dipl",
          "univ.prof", "b.sc", "m.sc", "b.a", "m.a", "b.eng", "m.eng", "phd", "mba", "jr", "sr", "ii", "iii"}
ORGANISATION_WORDS = {
    "inc", "ltd", "llc", "gmbh", "ag", "sa", "sarl", "plc", "corp", "corporation", "co", "company", "group",
    "holding", "holdings", "bank", "team", "teams", "university", "universität", "université", "institute",
    "foundation", "service", "services", "system", "systems", "solutions", "technologies", "technology", "labs",
    "lab", "cloud", "engineering", "platform", "security", "support", "finance", "operations", "department",
    "committee", "council", "ministry", "agency", "association", "partners", "international", "networks",
    "software", "data", "analytics", "consulting", "capital", "insurance", "media", "health", "hospital",
    "school", "college", "club", "office", "board", "union", "trust", "fund", "airlines", "motors", "energy",
    "version", "release", "server", "api", "app", "connect", "store", "project",
}
# A capitalised word with lower-case letters (so not an acronym); McCarthy, O'Neil and Anne-Marie included.
WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]*(?:[-'’]?[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)+$")


def looks_like_a_name(span: str, min_names: int = 2) -> bool:
    """True when ``span`` has the shape of a personal name (see the module docstring)."""
    tokens = span.replace(",", " ").split()
    names = 0
    for token in tokens:
        bare = token.rstrip(".").lower()
        if bare in ORGANISATION_WORDS:
            return False
        if bare in TITLES or token.lower() in PARTICLES:
            continue
        if not WORD.match(token):
            return False
        names += 1
    return min_names <= names <= 4


# A lone word is a name only after a greeting, a title or "by"/"ask": the small model also calls Docker, Redis
# and Platform people.
CUE = re.compile(r"(?i)(?:\b(?:thanks|thank you|hi|hello|dear|by|cc|ask|asked|contact|mr|mrs|ms|dr|herr|frau)"
                 r"\b\W{0,3})$")
# Places are capitalised words; cloud regions (eu-west-1) and acronyms (CI, GB) are not places people live in.
PLACE = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þa-zß-ÿ][\w'’.-]*){0,3}$")


def plausible(entity: str, text: str, start: int, end: int) -> bool:
    """Whether an NER span of ``entity`` in ``text`` has the shape of one (names and places, see above)."""
    span = text[start:end]
    if entity == "PERSON":
        return looks_like_a_name(span) or (looks_like_a_name(span, 1) and bool(CUE.search(text[max(0, start - 16):
                                                                                                  start])))
    if entity == "LOCATION":
        return bool(PLACE.match(span)) and not any(ch.isdigit() for ch in span)
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
            if span.label_ == "ORGANIZATION" and looks_like_a_name(span.text)
        ]
