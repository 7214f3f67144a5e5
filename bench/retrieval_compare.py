"""Paired comparison of two `llmdata eval retrieval --json` runs of the same questions on two indexes — e.g. chunks
embedded with their title and section path (the default) against chunks alone (``LLMDATA_CHUNK_CONTEXT=false``),
which no pipeline file can express because it changes what is indexed.

    python bench/retrieval_compare.py CONTEXT.json PLAIN.json [--variant dense]

Prints MRR@10 of both per query kind and the difference (first minus second) with a paired bootstrap 95 % interval.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from llmdata.index.evaluation import PAGES, bootstrap, load_queries


def reciprocal(rank: int | None) -> float:
    return 1 / rank if rank and rank <= PAGES else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("--variant", default="dense", help="dense, sparse or hybrid")
    args = parser.parse_args()
    runs = [json.loads(Path(path).read_text(encoding="utf-8")) for path in (args.first, args.second)]
    ranks = [dict(run["ranks"][args.variant]) for run in runs]
    if set(ranks[0]) != set(ranks[1]):
        raise SystemExit("the two runs did not answer the same questions")
    kinds_of = {q.id: q.kind for q in load_queries(Path(runs[0]["queries"]), runs[0]["split"])}
    for kind in ("all", *sorted(set(kinds_of.values()))):
        ids = [q for q in ranks[0] if kind == "all" or kinds_of.get(q) == kind]
        first = np.array([reciprocal(ranks[0][q]) for q in ids])
        second = np.array([reciprocal(ranks[1][q]) for q in ids])
        print(f"{args.variant:7s} {kind:10s} n={len(ids):3d}  {first.mean():.3f} vs {second.mean():.3f}  "
              f"difference {bootstrap(first - second)}")


if __name__ == "__main__":
    main()
