"""Word lists built once from a package's data and cached as plain text, keyed by the package's version.

Reading GeoNames' JSON or the names dataset's pickle takes seconds and hundreds of MB: too much for every worker
that redacts. The list is written once to the user's cache folder (``LLMDATA_CACHE_DIR`` or ``~/.cache/llmdata``)
and read from there in a fraction of a second afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path


def cache_folder() -> Path:
    """Where built word lists are kept."""
    return Path(os.environ.get("LLMDATA_CACHE_DIR") or Path.home() / ".cache" / "llmdata")


def cached_lexicon(name: str, package: str, build: Callable[[], set[str]]) -> frozenset[str]:
    """The case-folded words ``build`` makes from ``package``'s data, from the cache when it is there."""
    path = cache_folder() / f"{name}-{package}-{version(package)}.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except OSError:
        pass
    words = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("\n".join(sorted(words)), encoding="utf-8")
        partial.replace(path)  # atomic: parallel workers never read half a list
    except OSError:
        pass  # a read-only home still works, only slower at start-up
    return frozenset(words)
