"""Given names of 105 countries from the names dataset (the ``names-dataset`` package: 730k first names seen in
a social network's public profiles, ranked per country), offline; and its family names, to tell a name from a
heading whose words are a given name and an everyday word ("Rose Baker", not "Memory Management").

A name is kept when it ranks among the 2,000 most common of some country and the dataset gives one gender to at
least 80 % of its bearers: about 98k names. Words that are names somewhere ("Data", "The", "None") rank lower or
have no clear gender and fall out. Built once and cached (:mod:`llmdata.transforms.lexicon`).

A given name opens a person's name only with a name-shaped word after it ("Zofia Wróblewska"), and the context
recogniser (:mod:`llmdata.transforms.pii_context`) still rejects runs that read as technical text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from llmdata.transforms.lexicon import cached_lexicon

MAX_RANK = 2000
MIN_GENDER_SHARE = 0.8


def _from_names_dataset(min_gender_share: float) -> set[str]:
    from names_dataset import NameDataset

    names = NameDataset(load_first_names=True, load_last_names=False).first_names
    return {name.casefold() for name, facts in names.items()
            if facts.get("rank") and min(facts["rank"].values()) <= MAX_RANK
            and max((facts.get("gender") or {"": 0.0}).values()) >= min_gender_share}


@functools.cache
def given_names() -> frozenset[str]:
    """Case-folded given names common in some country, with a clear gender."""
    return cached_lexicon(f"given-names-{MAX_RANK}", "names-dataset",
                          functools.partial(_from_names_dataset, MIN_GENDER_SHARE))


@functools.cache
def any_given_names() -> frozenset[str]:
    """Case-folded given names common in some country, unisex ones too (Terry, Leigh, Andrea, Jamie)."""
    return cached_lexicon(f"given-names-any-{MAX_RANK}", "names-dataset", functools.partial(_from_names_dataset, 0.0))


# An acronym's plural or a unit is written with capitals before lower-case letters, a name never is: "APIs",
# "URLs", "CPUs" ("Apis" and "Cpus" are given names somewhere), but "DeShawn", "McKenzie".
ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}[a-z]{1,2}$")


def _in(word: str, names: frozenset[str]) -> bool:
    """Whether ``word`` is in ``names`` as written or without its accents: the dataset's profiles write many
    French and Portuguese names both ways and rank only one of them ("Evariste" for "Évariste")."""
    folded = word.casefold()
    if folded in names:
        return True
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    return bare != folded and bare in names


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a common given name somewhere, with a clear gender: strong enough to open a name."""
    return _in(word, given_names()) and not ACRONYM_PLURAL.match(word)


def may_be_given_name(word: str) -> bool:
    """Whether ``word`` is a common given name somewhere, unisex ones included: enough to keep a run a name."""
    return _in(word, any_given_names()) and not ACRONYM_PLURAL.match(word)


def _family_names_from_names_dataset() -> set[str]:
    from names_dataset import NameDataset

    names = NameDataset(load_first_names=False, load_last_names=True).last_names
    return {name.casefold() for name, facts in names.items()
            if facts.get("rank") and min(facts["rank"].values()) <= MAX_RANK}


@functools.cache
def family_names() -> frozenset[str]:
    """Case-folded family names among the most common of some country."""
    return cached_lexicon(f"family-names-{MAX_RANK}", "names-dataset", _family_names_from_names_dataset)


def is_family_name(word: str) -> bool:
    """Whether ``word`` is a common family name somewhere ("Baker", "Turner", "Nxumalo")."""
    return _in(word, family_names())
