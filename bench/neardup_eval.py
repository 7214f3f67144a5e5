"""Recall and precision of near-duplicate detection on planted near-duplicates at known Jaccard similarity.

Base documents are Faker prose (no two alike); near-duplicates are copies with random word edits, their exact
shingle Jaccard to the original measured; "far" variants (Jaccard 0.3-0.6) must not be flagged.
Usage: python bench/neardup_eval.py [--docs 2000] [--planted 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime

import pyarrow as pa
from faker import Faker
from rich.console import Console
from rich.table import Table

from llmdata.ids import sha256_hex
from llmdata.schemas import DOCUMENT, conform
from llmdata.transforms.neardup import NearDupParams, deduplicate_near, shingles


def exact_jaccard(a: str, b: str, size: int) -> float:
    sa, sb = shingles(a, size), shingles(b, size)
    return len(sa & sb) / len(sa | sb)


def edited(text: str, share: float, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split()
    for i in rng.sample(range(len(words)), max(1, int(len(words) * share))):
        words[i] = rng.choice(vocabulary)
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--planted", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    fake = Faker("en_US")
    fake.seed_instance(args.seed)
    params = NearDupParams()
    base = {f"base-{i:05d}": " ".join(fake.paragraphs(nb=rng.randint(3, 6))) for i in range(args.docs)}
    vocabulary = list({w for t in list(base.values())[:200] for w in t.split()})
    texts = dict(base)
    truth: dict[str, tuple[str, float]] = {}
    for i in range(args.planted):
        original = rng.choice(list(base))
        for kind, shares in (("near", (0.005, 0.03)), ("far", (0.12, 0.25))):
            variant = edited(base[original], rng.uniform(*shares), rng, vocabulary)
            key = f"zz-{kind}-{i:04d}"  # sorts after the originals, so the original is the keeper
            texts[key] = variant
            truth[key] = (original, exact_jaccard(base[original], variant, params.shingle))
    now = datetime(2026, 11, 1, tzinfo=UTC)
    rows = [{"doc_id": k, "source_id": "bench", "source_uri": k, "collected_at": now, "text": t,
             "text_sha256": sha256_hex(t), "run_id": "bench", "shard": 0} for k, t in texts.items()]
    table = conform(pa.Table.from_pylist(rows), DOCUMENT)
    start = time.perf_counter()
    result, _ = deduplicate_near(table, lambda keys: {}, params)
    seconds = time.perf_counter() - start
    flagged = dict(zip(result.quarantined["doc_id"].to_pylist(), result.quarantined["dup_of"].to_pylist(),
                       strict=True))
    should = [k for k, (_, j) in truth.items() if j >= params.threshold]
    caught = [k for k in should if k in flagged]
    correct = [k for k, d in flagged.items() if exact_jaccard(texts[k], texts[d], params.shingle) >= 0.7]
    far_flagged = [k for k, (_, j) in truth.items() if j < 0.6 and k in flagged]
    report = Table(title=f"Near dedup (MinHash LSH {params.describe()}), {len(texts)} docs, seed {args.seed}")
    for column in ("measure", "value"):
        report.add_column(column, justify="left" if column == "measure" else "right")
    report.add_row("planted pairs with Jaccard >= 0.8", str(len(should)))
    report.add_row("recall at Jaccard >= 0.8", f"{len(caught) / max(1, len(should)):.3f}")
    report.add_row("flagged documents", str(len(flagged)))
    report.add_row("precision (flagged pair has Jaccard >= 0.7)", f"{len(correct) / max(1, len(flagged)):.3f}")
    report.add_row("far variants (Jaccard < 0.6) flagged", str(len(far_flagged)))
    report.add_row("docs/s (signatures + LSH + verification)", f"{len(texts) / seconds:,.0f}")
    Console(width=120).print(report)


if __name__ == "__main__":
    main()
