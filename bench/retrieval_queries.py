"""Word overlap of a retrieval query set with its acceptable pages: how much of a question a keyword search
could match. A term is a question word after the index's own BM25 analysis (lower-cased, English stop words
removed, Snowball-stemmed: :func:`llmdata.index.sparse.terms`); a question's share is the fraction of its terms
found in the text of its best acceptable page (extracted the way the pipeline extracts it), and — for questions
that name their ``answer`` (``page#anchor``: the section or API entry that defines what is asked) — in that
passage. Long reference pages hold most everyday words somewhere, so the passage is the stricter measure of
whether a question reuses the manual's wording for the thing it asks about.

    python bench/retrieval_queries.py include/eval_sets/python_docs.jsonl \
        /work/corpora/py311/usr/share/doc/python3.11/html [-v]
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

from lxml import html as lxml_html

from llmdata.index.sparse import terms
from llmdata.transforms.extract import extract_text


def share(query: str, page_terms: set[int]) -> float:
    """Fraction of ``query``'s terms that occur on the page."""
    wanted = terms(query)
    return sum(t in page_terms for t in wanted) / len(wanted) if wanted else 0.0


def passage(root: Path, anchor: str) -> str:
    """The text of the element ``page#id`` names: a whole section, or an API entry's signature and description."""
    page, _, ident = anchor.partition("#")
    tree = lxml_html.fromstring((root / page).read_bytes())
    found = tree.get_element_by_id(ident, None)
    if found is None:
        raise SystemExit(f"{anchor}: no element with that id in {root / page}")
    if found.tag == "dt":  # an API entry: its signature and the description that follows
        found = found.getparent()
    elif found.tag == "span" and found.getparent() is not None:  # a glossary term's anchor
        found = found.getparent().getparent()
    return found.text_content()


def main(query_set: Path, root: Path) -> None:
    rows = [json.loads(line) for line in query_set.read_text(encoding="utf-8").splitlines() if line.strip()]
    pages: dict[str, set[int]] = {}
    for row in rows:
        for page in row["expected"]:
            if page not in pages:
                pages[page] = terms(extract_text((root / page).read_bytes(), "text/html").text)
    by_kind: dict[str, list[float]] = {}
    for row in rows:
        best = max(share(row["query"], pages[p]) for p in row["expected"])
        for group in (row["kind"], f"{row['kind']}/{row['split']}"):
            by_kind.setdefault(f"{group} page", []).append(best)
            if row.get("answer"):
                by_kind.setdefault(f"{group} passage", []).append(
                    max(share(row["query"], terms(passage(root, a))) for a in row["answer"]))
        if row.get("answer") and "-v" in sys.argv:
            print(f"{row['id']} {by_kind[row['kind'] + ' passage'][-1]:.2f} {best:.2f} {row['query']}")
    for kind, values in sorted(by_kind.items()):
        print(f"{kind:30s} n={len(values):3d}  median share of question terms found {statistics.median(values):.2f}"
              f"  (mean {statistics.mean(values):.2f})")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
