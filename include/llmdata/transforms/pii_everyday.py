"""Everyday English words from wordfreq (its English list, offline): "Message Authentication", "Western Europe"
and "Argument Clinic" are capitalised like names in headings and link texts, but every word in them is common.

A run of capitalised words none of which is a common given name (:mod:`llmdata.transforms.pii_given_names`) and
all of which are everyday words is a phrase, not a person ("Larry Hastings" keeps "Larry"; "Müller" and
"Lekhonkhobe" are not everyday words). The list holds words at or above :data:`MIN_ZIPF` (about once per
500,000 words of English text): about 20k words. Built once and cached (:mod:`llmdata.transforms.lexicon`).
"""

from __future__ import annotations

import functools

from llmdata.transforms.lexicon import cached_lexicon

MIN_ZIPF = 3.3


def _from_wordfreq() -> set[str]:
    from wordfreq import iter_wordlist, zipf_frequency

    words: set[str] = set()
    for word in iter_wordlist("en"):
        if zipf_frequency(word, "en") < MIN_ZIPF:
            break  # the list is ordered by frequency
        words.add(word.casefold())
    return words


@functools.cache
def everyday_words() -> frozenset[str]:
    """Case-folded English words at least as common as :data:`MIN_ZIPF`."""
    return cached_lexicon(f"everyday-en-{MIN_ZIPF}", "wordfreq", _from_wordfreq)


def is_everyday(word: str) -> bool:
    """Whether ``word`` is a common English word."""
    return word.casefold() in everyday_words()
