"""Names and places in speech-to-text transcripts, which write every word in lower case.

Capitals are the main sign of a name for every other rule and for the NER model; a transcript of a call has none
("caller: hi my name is maria da silva i'm calling about ..."). What marks a value there is what was said around
it, and two things are said in every call that asks for personal data:

- a speaker naming themself: "my name is …", "my name's …", "this is … speaking";
- an answer to a question asking for one field: the turn after "can you confirm the town on the account" or
  "what's your name please" starts with the value, after "yes", "it's", "that's".

A value runs from the cue over at most five words and stops at a word that belongs to the sentence, not to a name
(:data:`STOP`: "and", "i'm", "calling", "please"); the particles of names and places ("da", "van", "de la") are
not stop words. Only lines without a capital letter are read for self-naming, so written prose and code, which
have capitals, keep to the other rules; the question-and-answer rule reads any turn, since it is the question that
names the field.
"""

from __future__ import annotations

import regex

from llmdata.transforms.pii_everyday import is_everyday
from llmdata.transforms.pii_given_names import is_given_name
from llmdata.transforms.pii_words import TITLES

# Words that end a spoken value: function words, pronouns and their contractions, politeness, fillers, and the
# verbs a caller goes on with ("calling", "ringing").
STOP = frozenset({"a", "about", "after", "again", "also", "am", "an", "and", "any", "are", "as", "at", "be",
                  "because", "been", "before", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
                  "has", "have", "he", "her", "here", "him", "his", "how", "i", "i'd", "i'll", "i'm", "i've", "if",
                  "in", "into", "is", "it", "it's", "its", "just", "like", "me", "my", "no", "not", "now", "of",
                  "off", "ok", "okay", "on", "or", "our", "please", "right", "she", "so", "some", "than", "thank",
                  "thanks", "that", "that's", "the", "their", "them", "then", "there", "they", "this", "to", "too",
                  "um", "uh", "er", "erm", "was", "we", "well", "were", "what", "when", "where", "which", "who",
                  "why", "will", "with", "would", "yeah", "yes", "yep", "you", "your", "sorry", "hello", "hi", "hey",
                  "sure", "actually", "really", "calling", "ringing", "phoning", "speaking", "today", "yesterday",
                  "called", "named", "known", "spelt", "spelled"})

_WORD = r"[\p{L}\p{M}](?:[\p{L}\p{M}'’-]*[\p{L}\p{M}])?(?:-\d+)?"  # "николаевка-2"
# A turn of a transcript: an optional time stamp, a speaker and a colon ("[00:00:06] caller: ...", "agent: ...").
TURN = regex.compile(r"(?m)^[ \t]*(?:\[[\d:.,]+\][ \t]*|\d{1,2}:\d{2}(?::\d{2})?[ \t]+)?"
                     r"(?P<speaker>\p{L}[\p{L}\d.-]{0,20}(?:[ \t][\p{L}\d.-]{1,20})?):[ \t]*(?P<said>[^\n]*)$")
SELF_NAMING = regex.compile(r"(?i)\b(?:my[ \t]+name[ \t]+is|my[ \t]+name['’]s|i[ \t]+am[ \t]+called|"
                            r"this[ \t]+is(?=[ \t]+\S+(?:[ \t]+\S+)?[ \t]+(?:speaking|calling|here)\b))[ \t]+")
# A question asking for one field: "can you confirm the town on the account", "what's your name please"; a thing's
# name ("the name of the module") is not a person's.
_ASKS = (r"(?:\?[ \t]*$|\b(?:confirm|what|where|what['’]s|which|tell|give|spell|may i have|can i have|could i have|"
         r"verify))")
FIELD = regex.compile(r"(?i)\b(?:(?P<person>(?:full[ \t]+|first[ \t]+|last[ \t]+|sur)?name(?![ \t]+of\b))|"
                      r"(?P<place>town|city|village|suburb|locality|place|where[ \t]+(?:do[ \t]+)?you[ \t]+live|"
                      r"where[ \t]+(?:are[ \t]+)?you[ \t]+(?:based|from|calling[ \t]+from)))\b")
# How an answer opens before its value: "yes it's", "yeah that's", "sure it is", "um".
ANSWER_OPENING = regex.compile(r"(?i)^(?:(?:yes|yeah|yep|sure|ok|okay|um|uh|er|erm|so|well|right)[ \t,.]*)*"
                               r"(?:(?:it['’]s|it[ \t]+is|that['’]s|that[ \t]+is|it['’]ll[ \t]+be|my[ \t]+\w+[ \t]+is|"
                               r"i['’]m[ \t]+in|we['’]re[ \t]+in|in)[ \t]+)?")
MAX_WORDS = 5  # "santo domingo de los colorados"
# Characters of code, not of speech: "whoami = 'my name is method'" is a string in an example.
CODE = regex.compile(r"[=(){}<>;\"]|['‘’]my[ \t]+name")
# A title said before the name, which a transcript writes with its full stop: "my name is dr. el khazen".
SPOKEN_TITLE = regex.compile(rf"(?i){TITLES}\.?[ \t]+")


def _value(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The words from ``start`` up to the first stop word, at most :data:`MAX_WORDS`, within ``text[:end]``."""
    first = last = None
    if title := SPOKEN_TITLE.match(text, start, end):
        start = title.end()
    for n, word in enumerate(regex.finditer(_WORD, text, pos=start, endpos=end)):
        between = text[last or start:word.start()]
        if n >= MAX_WORDS or word.group().casefold() in STOP or (last is not None and between.strip(" \t")):
            break  # a comma or a full stop ends a value too
        if first is None:
            if between.strip(" \t"):
                return None
            first = title.start() if title else word.start()
        last = word.end()
    return (first, last) if first is not None else None


def _name_like(value: str) -> bool:
    """Whether ``value`` may be a name: not everyday English words only, unless one of them is a given name
    ("grace", "will" are both). "my name is used as the key" in a code comment is not a caller."""
    words = regex.findall(r"[\p{L}'’-]+", value)
    return any(not is_everyday(w) or is_given_name(w.capitalize()) for w in words)


def spoken_values(text: str) -> list[tuple[int, int, str]]:
    """(start, end, PERSON or LOCATION) of the values a transcript's speakers name: themselves after "my name is"
    on a line without capitals, and the one field the previous turn asked for."""
    found: list[tuple[int, int, str]] = []
    for line in regex.finditer(r"(?m)^[^\n]+$", text):
        if any(ch.isupper() for ch in line.group()) or CODE.search(line.group()):
            continue
        for cue in SELF_NAMING.finditer(text, line.start(), line.end()):
            if (span := _value(text, cue.end(), line.end())) is not None and (
                    SPOKEN_TITLE.match(text, span[0], span[1]) or _name_like(text[span[0]:span[1]])):
                found.append((*span, "PERSON"))
    previous = None
    for turn in TURN.finditer(text):
        asked = previous and regex.search(_ASKS, previous["said"]) and [
            m for m in FIELD.finditer(previous["said"]) if not m.group().isupper()]  # a grammar's NAME token
        if asked and len({"PERSON" if m["person"] else "LOCATION" for m in asked}) == 1 and (
                turn["speaker"] != previous["speaker"]):
            opening = ANSWER_OPENING.match(turn["said"])
            if (span := _value(text, turn.start("said") + opening.end(), turn.end("said"))) is not None:
                found.append((*span, "PERSON" if asked[0]["person"] else "LOCATION"))
        previous = turn
    return found
