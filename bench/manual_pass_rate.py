"""How much of a real manual reaches gold: for a lake that curated one or more documentation sources, the
share of pages that extract to at least ``--min-words`` words whose text reached gold (themselves, or as the
duplicate of a document in gold), per source and per file type, with the rules that stopped the rest.

    python bench/manual_pass_rate.py --data-dir /work/realrun/data --sources /work/realrun/sources.yaml

The pipeline is run the way a user would beforehand (a sources file, the shipped policy, `airflow dags test
ingest` and `curate`); this only reads what that left in the lake.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from llmdata.config import load_settings
from llmdata.lake import Lake
from llmdata.schemas import GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS, SILVER_NORMALIZED

PAGE_SUFFIXES = (".rst.gz", ".rst.txt", ".txt.gz", ".html", ".txt", ".rst")


def kind(uri: str) -> str | None:
    """Page type of a source URI (``.rst.gz``, ``.html``, ``.rst.txt``, ...), None for what is not a page
    (graph sources, stylesheets, scripts)."""
    name = uri.rsplit("/", 1)[-1].lower()
    return next((s for s in PAGE_SUFFIXES if name.endswith(s)), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--min-words", type=int, default=100)
    args = parser.parse_args()
    lake = Lake(load_settings(data_dir=args.data_dir, sources_file=args.sources))
    pages = lake.read(SILVER_NORMALIZED, columns=["doc_id", "source_id", "source_uri", "n_words"]).to_pylist()
    gold = set(lake.read(GOLD_DOCUMENTS, columns=["doc_id"])["doc_id"].to_pylist())
    quarantined = {r["doc_id"]: r for r in lake.read(QUARANTINE_DOCUMENTS,
                                                      columns=["doc_id", "rule", "reason", "dup_of"]).to_pylist()}
    totals: Counter[tuple[str, str]] = Counter()
    reached: Counter[tuple[str, str]] = Counter()
    stopped: dict[str, Counter[str]] = defaultdict(Counter)
    def in_gold(doc: str) -> bool:
        """Whether ``doc`` or the document it duplicates (following dup_of) is in gold."""
        seen = set()
        while doc not in gold and doc not in seen:
            seen.add(doc)
            row = quarantined.get(doc)
            if not (row and row["rule"].startswith("dedup.") and row["dup_of"]):
                return False
            doc = row["dup_of"]
        return doc in gold

    for page in pages:
        suffix = kind(page["source_uri"])
        if (page["n_words"] or 0) < args.min_words or suffix is None:
            continue
        key = (page["source_id"], suffix)
        totals[key] += 1
        row = quarantined.get(page["doc_id"])
        if in_gold(page["doc_id"]):
            reached[key] += 1
        else:
            stopped[page["source_id"]][row["reason"] if row else "not in gold (no quarantine row)"] += 1
    print(f"pages with >= {args.min_words} words that reached gold (itself or as a duplicate of a gold document)")
    for source in sorted({s for s, _ in totals}):
        n = sum(v for (s, _), v in totals.items() if s == source)
        r = sum(v for (s, _), v in reached.items() if s == source)
        print(f"{source:14} {r:6d} / {n:6d} = {r / n:.3f}")
        for (s, suffix), v in sorted(totals.items()):
            if s == source:
                print(f"    {suffix:10} {reached[(s, suffix)]:6d} / {v:6d} = {reached[(s, suffix)] / v:.3f}")
        for reason, count in stopped[source].most_common(6):
            print(f"    stopped: {count:5d}  {reason}")
    n, r = sum(totals.values()), sum(reached.values())
    print(f"{'all':14} {r:6d} / {n:6d} = {r / max(1, n):.3f}")


if __name__ == "__main__":
    main()
