"""Agreement of our Gopher, C4 and FineWeb decisions with datatrove's on the same documents, in one run.

Documents: the sample corpus (extracted and normalised), the long descriptions of the installed Python
distributions (real text nobody here wrote) and synthetic junk of the kinds these rules exist for (link farms,
repeated spam, symbol soup, lorem ipsum, bullet lists). Both sides get the papers' default thresholds.
Prints, per filter, how often the two keep/drop decisions agree, the confusion counts, and the speed ratio.

Usage: python bench/quality_agreement.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from llmdata.ingest import ingest
from llmdata.quality.heuristics import (
    C4Params,
    FineWebParams,
    GopherQualityParams,
    GopherRepetitionParams,
    c4_lines,
    fineweb_quality,
    gopher_quality,
    gopher_repetition,
)
from llmdata.sources import files
from llmdata.sources.base import SourceState
from llmdata.sources.python_packages import PythonPackagesConnector
from llmdata.sources.registry import load_registry
from llmdata.transforms.extract import extract
from llmdata.transforms.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]


def junk(rng: random.Random) -> list[str]:
    words = ["the", "data", "team", "backup", "restore", "cluster", "service", "deploy", "alert", "metric", "page",
             "owner"]
    out = []
    for i in range(200):
        kind = i % 5
        if kind == 0:
            out.append("\n".join(f"- [{rng.choice(words)} {j}](https://example.com/{j})" for j in range(60)))
        elif kind == 1:
            out.append("\n\n".join([" ".join(rng.choice(words) for _ in range(15)) + "!"] * rng.randint(5, 20)))
        elif kind == 2:
            out.append(" ".join(rng.choice(["#", "...", "$$$", "@@", "##", "…"]) for _ in range(300)))
        elif kind == 3:
            out.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * rng.randint(5, 30))
        else:
            out.append(" ".join(rng.choice(words) for _ in range(rng.randint(5, 40))))
    return out


def documents() -> list[str]:
    source = load_registry(ROOT / "include" / "sources.yaml").get("sample_corpus")
    items = list(files.scan(source.root(), source.options.globs, 20_000_000))
    items += list(PythonPackagesConnector(max_chars=20_000, min_chars=200).items(SourceState()))
    bronze = ingest(items, source, SourceState(), "bench").kept
    texts = normalize(extract(bronze).kept).kept["text"].to_pylist()
    return [t for t in texts if t] + junk(random.Random(1))


def timed(decide: Callable[[str], bool], texts: list[str]) -> tuple[list[bool], float]:
    start = time.perf_counter()
    decisions = [decide(t) for t in texts]
    return decisions, time.perf_counter() - start


def main() -> None:
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    def theirs(filter_: object) -> Callable[[str], bool]:
        def decide(text: str) -> bool:
            verdict = filter_.filter(Document(text=text, id="x"))
            return verdict if isinstance(verdict, bool) else verdict[0]
        return decide

    texts = documents()
    theirs(GopherQualityFilter())("warm up the word tokenizer " * 20)  # loads spaCy once, outside the timing
    pairs = [
        ("Gopher quality", lambda t: gopher_quality(t, GopherQualityParams()) is None, theirs(GopherQualityFilter())),
        ("Gopher repetition", lambda t: gopher_repetition(t, GopherRepetitionParams()) is None,
         theirs(GopherRepetitionFilter())),
        ("C4 (page rules)", lambda t: c4_lines(t, C4Params())[0] is None, theirs(C4QualityFilter())),
        ("FineWeb", lambda t: fineweb_quality(t, FineWebParams()) is None, theirs(FineWebQualityFilter())),
    ]
    table = Table(title=f"Keep/drop agreement with datatrove on {len(texts)} documents")
    for column in ("filter", "agreement", "both keep", "both drop", "only we drop", "only datatrove drops",
                   "ours docs/s", "datatrove docs/s", "speed ratio"):
        table.add_column(column, justify="left" if column == "filter" else "right")
    for name, ours, reference in pairs:
        a, t_ours = timed(ours, texts)
        b, t_ref = timed(reference, texts)
        both_keep = sum(x and y for x, y in zip(a, b, strict=True))
        both_drop = sum(not x and not y for x, y in zip(a, b, strict=True))
        only_ours = sum(not x and y for x, y in zip(a, b, strict=True))
        only_ref = sum(x and not y for x, y in zip(a, b, strict=True))
        table.add_row(name, f"{(both_keep + both_drop) / len(texts):.3f}", str(both_keep), str(both_drop),
                      str(only_ours), str(only_ref), f"{len(texts) / t_ours:,.0f}", f"{len(texts) / t_ref:,.0f}",
                      f"{t_ref / t_ours:.1f}x")
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
