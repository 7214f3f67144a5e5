"""Experiment for issue 17: does a statistical NER trained on the development shapes find names and places in a
split whose shapes and locales it never saw, where the context rules do not?

A blank multilingual spaCy pipeline with one NER component (PERSON, LOCATION) is trained on ``--train`` splits of
``bench/pii_corpus.py`` and scored on ``--test`` by ``pii_eval.score`` (a value is caught when every letter
and digit of it is inside a span): the rule engine's deep path, the trained NER, and their union.
Precision on clean documentation is not measured here. Never point ``--test`` at a held-out split that has not
been reported: that is its one run.

Usage: python bench/pii_ner_experiment.py [--train dev heldout heldout2 heldout3] [--test heldout4]
                                          [--per-split 2000] [--epochs 2] [--out DIR]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import spacy
from pii_corpus import ENTITIES, HELD_OUT, SPLITS, Document, generate
from pii_eval import Detector, ours, score, summary
from spacy.training import Example
from spacy.util import filter_spans, minibatch

LABELS = ("PERSON", "LOCATION")


def train(splits: list[str], per_split: int, epochs: int) -> spacy.Language:
    """A blank multilingual NER trained on ``per_split`` shuffled documents of each split."""
    nlp = spacy.blank("xx")
    ner = nlp.add_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    examples = []
    for split in splits:
        documents = generate(split)
        random.Random(0).shuffle(documents)
        for document in documents[:per_split]:
            reference = nlp.make_doc(document.text)
            spans = [reference.char_span(v.start, v.end, label=v.entity, alignment_mode="expand")
                     for v in document.values if v.entity in LABELS]
            reference.ents = filter_spans([s for s in spans if s is not None])
            examples.append(Example(nlp.make_doc(document.text), reference))
    optimizer = nlp.initialize(lambda: examples)
    for epoch in range(epochs):
        random.Random(epoch).shuffle(examples)
        losses: dict[str, float] = {}
        start = time.perf_counter()
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
        print(f"epoch {epoch}: loss {losses['ner']:.0f}, {time.perf_counter() - start:.0f} s on {len(examples)} "
              "documents", flush=True)
    return nlp


def ner_detector(nlp: spacy.Language) -> Detector:
    """The trained pipeline as a ``pii_eval`` detector."""
    def run(text: str, document: Document) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    return run


def union(*detectors: Detector) -> Detector:
    """Every span any of ``detectors`` finds."""
    def run(text: str, document: Document) -> list[tuple[int, int, str]]:
        return [span for detector in detectors for span in detector(text, document)]
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", nargs="+", choices=list(SPLITS), default=["dev", "heldout", "heldout2", "heldout3"])
    parser.add_argument("--test", choices=list(SPLITS), default="heldout4")
    parser.add_argument("--per-split", type=int, default=2000)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--out", type=Path, help="save the trained pipeline here")
    args = parser.parse_args()
    if args.test in args.train:
        parser.error("the test split must not be trained on")
    if args.test in HELD_OUT:
        print(f"note: {args.test} is held out; this is its one run")
    nlp = train(args.train, args.per_split, args.epochs)
    if args.out:
        nlp.to_disk(args.out)
    rules, ner = ours(ner=True), ner_detector(nlp)
    documents = generate(args.test)
    for name, detector in (("rules", rules), ("ner", ner), ("union", union(rules, ner))):
        figures = summary(score(documents, detector, ENTITIES))
        shown = {e: round(f["recall"], 4) for e, f in figures["by_entity"].items() if e in LABELS}
        print(f"{args.test} / {name}: {shown}, all values {figures['recall']:.4f}", flush=True)

if __name__ == "__main__":
    main()
