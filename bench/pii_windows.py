"""Pattern PII detection on windows around cheap marks (``llmdata.transforms.pii.CANDIDATES``) against the same
recognizers on the whole text: the spans must be identical; the time is what the windows save.

Texts: real pages (the ``files`` sources of ``--sources``, extracted and normalised as curate does) and the
labelled synthetic documents of ``bench/pii_eval.py`` (every entity planted, four locales).

Usage: python bench/pii_windows.py --sources SOURCES.yaml [--docs 1500] [--seed 1] [--synthetic 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from llmdata.config import load_settings
from llmdata.curation import step
from llmdata.steps import StepContext
from llmdata.transforms import pii

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pii_eval import generate
from stages import cpu_model, sample


def real_texts(sources: Path, n_docs: int, seed: int) -> list[str]:
    """Normalised text of ``n_docs`` sampled pages, as ``redact_pii`` receives it."""
    ctx = StepContext(load_settings(sources_file=sources), "bench")
    rows = step("extract").function()(sample(sources, n_docs, seed), ctx).kept
    return [t for t in step("normalize").function()(rows, ctx).kept["text"].to_pylist() if t]


def spans(texts: list[str], policy: pii.PiiPolicy, windowed: bool) -> tuple[list[list[pii.Span]], float]:
    saved = dict(pii.CANDIDATES)
    if not windowed:
        pii.CANDIDATES.clear()
    try:
        start = time.perf_counter()
        found = [pii.detect(text, policy) for text in texts]
        return found, time.perf_counter() - start
    finally:
        pii.CANDIDATES.update(saved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--synthetic", type=int, default=1000)
    args = parser.parse_args()
    policy = pii.load_pii_policy(load_settings().pii_policy_file)
    pii.detect("warm-up 192.168.0.1 +44 20 7946 0958", policy)
    corpora = {f"real pages ({args.sources.name}, seed {args.seed})": real_texts(args.sources, args.docs, args.seed),
               f"synthetic PII (pii_eval seed {args.seed})": [d.text for d in generate(args.seed, args.synthetic)]}
    table = Table(title=f"pattern PII: windows around marks vs whole text; CPU {cpu_model()}")
    for column in ("texts", "documents", "MB", "spans", "documents with different spans", "whole s", "windows s",
                   "speed-up"):
        table.add_column(column, justify="left" if column == "texts" else "right")
    for name, texts in corpora.items():
        whole, whole_s = spans(texts, policy, windowed=False)
        windowed, windowed_s = spans(texts, policy, windowed=True)
        differ = sum(a != b for a, b in zip(whole, windowed, strict=True))
        table.add_row(name, str(len(texts)), f"{sum(map(len, texts)) / 1e6:.1f}", str(sum(map(len, whole))),
                      str(differ), f"{whole_s:.2f}", f"{windowed_s:.2f}", f"{whole_s / windowed_s:.2f}x")
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
