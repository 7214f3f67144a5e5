"""Leave-one-split-out check of the engine's NER (issue 17): trained without ``--test``, does it find the names and
places of that split, whose shapes and locales it never saw, where the rules do not?

The model is trained as ``bench/pii_ner_train.py`` trains the shipped one, but on ``--train`` only, and the
engine is pointed at it. Scored by ``pii_eval.score`` (a value is caught when every letter and digit of it is
inside a span): the deep path without the model (the rules, and LLMDATA_PII_SPACY_MODEL's pipeline if set), with
it (its spans pass the same name and place shape checks as a general pipeline's), and the model's raw spans added
without those checks. Never point ``--test`` at a held-out split that has not been reported: that is its one run.

Usage: python bench/pii_ner_experiment.py --negatives DIR [--train dev heldout heldout2 heldout3] [--test heldout4]
                                          [--out DIR | --model DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import spacy
from pii_corpus import ENTITIES, HELD_OUT, SPLITS, Document, generate
from pii_eval import Detector, ours, score, summary
from pii_ner_train import locales_of, negatives, positives, random_records, train
from spacy.util import fix_random_seed

from llmdata.transforms import pii_ner
from llmdata.transforms.pii_ner import LABELS


def raw_model(text: str, document: Document) -> list[tuple[int, int, str]]:
    """The model's spans, unchecked."""
    return [(r.start, r.end, r.entity_type) for r in pii_ner.find(text)]


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
    parser.add_argument("--negatives", type=Path, help="folder of real HTML documentation pages (to train)")
    parser.add_argument("--negative-count", type=int, default=3000)
    parser.add_argument("--random-records", type=int, default=6000)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--model", type=Path, help="a model this script trained before (--out): score it again")
    parser.add_argument("--out", type=Path, help="keep the trained model here")
    args = parser.parse_args()
    if args.test in args.train:
        parser.error("the test split must not be trained on")
    if not args.model and not args.negatives:
        parser.error("to train, name --negatives")
    if args.test in HELD_OUT:
        print(f"note: {args.test} is held out; this is its one run")
    with tempfile.TemporaryDirectory() as folder:
        pii_ner.MODEL_DIR = args.model or args.out or Path(folder)
        if not args.model:
            fix_random_seed(0)
            nlp = spacy.blank("xx")
            ner = nlp.add_pipe("ner")
            for label in LABELS:
                ner.add_label(label)
            clean, _ = negatives(nlp, args.negatives, args.negative_count, 0)
            shuffled = random_records(nlp, locales_of(args.train), args.random_records, 0)
            train(positives(nlp, args.train, args.per_split, 0) + shuffled + clean, nlp, args.epochs, 0)
            nlp.to_disk(pii_ner.MODEL_DIR)
        rules, engine = ours(ner=True, trained_ner=False), ours(ner=True)
        documents = generate(args.test)
        for name, detector in (("rules", rules), ("engine", engine), ("rules + raw model", union(rules, raw_model))):
            figures = summary(score(documents, detector, ENTITIES))
            shown = {e: round(f["recall"], 4) for e, f in figures["by_entity"].items() if e in LABELS}
            print(f"{args.test} / {name}: {shown}, all values {figures['recall']:.4f}, "
                  f"precision {figures['precision']:.4f}, {figures['docs_per_s']} docs/s", flush=True)


if __name__ == "__main__":
    main()
