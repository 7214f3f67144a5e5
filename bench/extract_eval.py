"""How well HTML extractors recover a page's main text, measured on real Sphinx sites against the page's own source.

Sphinx ships each page's reStructuredText source beside its HTML (``html/_sources/X.rst.txt`` for ``html/X.html``),
so every page of Debian's ``linux-doc-6.1`` and ``python3.11-doc`` comes with a reference nobody here wrote: the
text of its source (``rst_to_text``). An extractor's output is scored by bag-of-words precision (how much of what
it returned is in the source: navigation, sidebars and footers lower it) and recall (how much of the source it
returned). Generated content (``kernel-doc`` API text, autosummary tables) is in the HTML but not the source: it
lowers precision for every extractor alike, so read the differences between extractors, not the absolute value.

Pages are split by seed into a tuning half and a held-out half; choices (an extractor's options) are made on the
tuning half only, and the held-out half is what gets reported:

    python bench/extract_eval.py /work/corpora/usr/share/doc/linux-doc-6.1/html \
        /work/corpora/usr/share/doc/python3.11/html --pages 600 --seed 1 [--split tune|held_out]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from llmdata.transforms.extract import EXTRACTORS, decode
from llmdata.transforms.markup import rst_to_text

WORD = re.compile(r"\w+")


def pairs(roots: list[Path]) -> list[tuple[Path, Path]]:
    """(HTML page, its reST source) for every page of the Sphinx builds under ``roots``."""
    found = []
    for root in roots:
        for source in sorted((root / "_sources").rglob("*.rst.txt")):
            page = root / source.relative_to(root / "_sources").with_suffix("").with_suffix(".html")
            if page.exists():
                found.append((page, source))
    return found


def split_of(page: Path, seed: int) -> str:
    """``tune`` or ``held_out``, fixed by the page's path and the seed (not by its position in a listing)."""
    digest = hashlib.sha256(f"{seed}:{page.name}:{page.parent.name}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "held_out"


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD.findall(text))


def score(extracted: str, reference: Counter[str]) -> tuple[float, float]:
    """Bag-of-words (precision, recall) of ``extracted`` against the reference's words."""
    got = words(extracted)
    common = sum((got & reference).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(reference.values()) if reference else 0.0
    return precision, recall


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("roots", nargs="+", type=Path, help="Sphinx html/ directories (with _sources/)")
    parser.add_argument("--pages", type=int, default=600, help="pages drawn from the split")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--split", choices=["tune", "held_out"], default="held_out")
    parser.add_argument("--min-words", type=int, default=50, help="skip pages whose source has fewer words")
    args = parser.parse_args()

    chosen = [p for p in pairs(args.roots) if split_of(p[0], args.seed) == args.split]
    random.Random(args.seed).shuffle(chosen)
    extractors: dict[str, Callable[[str], str]] = dict(EXTRACTORS)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    megabytes, used = 0.0, 0
    for page, source in chosen:
        if used == args.pages:
            break
        reference = words(rst_to_text(decode(source.read_bytes()).text))
        if sum(reference.values()) < args.min_words:
            continue
        content = page.read_bytes()
        html = decode(content).text
        megabytes += len(content) / 1e6
        used += 1
        for name, extractor in extractors.items():
            start = time.perf_counter()
            try:
                text = extractor(html)
            except Exception:  # an extractor that fails on a page scores zero there
                text = ""
            seconds[name] += time.perf_counter() - start
            results[name].append(score(text or "", reference))

    table = Table(title=f"HTML extraction against the page's own reST source: {used} {args.split} pages "
                        f"({megabytes:.1f} MB), seed {args.seed}")
    for column in ("extractor", "precision (mean)", "recall (mean)", "F1 (mean)", "F1 (median)",
                   "pages F1 < 0.5", "MB/s", "speed vs trafilatura"):
        table.add_column(column, justify="left" if column == "extractor" else "right")
    base = seconds.get("trafilatura") or 1.0
    for name, scores in results.items():
        if not scores:
            continue
        f1s = [f1(p, r) for p, r in scores]
        table.add_row(name, f"{statistics.mean(p for p, _ in scores):.3f}",
                      f"{statistics.mean(r for _, r in scores):.3f}", f"{statistics.mean(f1s):.3f}",
                      f"{statistics.median(f1s):.3f}", str(sum(1 for f in f1s if f < 0.5)),
                      f"{megabytes / seconds[name]:.1f}", f"{base / seconds[name]:.1f}x")
    Console().print(table)


if __name__ == "__main__":
    main()
