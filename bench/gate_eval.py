"""Do real manuals pass the shipped gates, and does junk still fail? An evaluation with a held-out split.

    python bench/gate_eval.py --split dev       # tune here: linux-doc-6.1 pages, synthetic junk seed 1
    python bench/gate_eval.py --split heldout   # report this: python3.11-doc pages, junk seed 2, the sample
                                                # corpus's planted junk and the hostile corpus's junk

Positives are the pages of a Debian documentation package (unpacked with ``apt-get download`` +
``dpkg-deb -x`` under ``--corpora``) that normalise to at least ``--min-words`` words; negatives are junk
documents. Each runs in-process through the real stages on the standard path: extract, boilerplate, normalize,
redact_pii (pattern recognisers), annotate, then the early and mid gates of the policy (the shipped one unless
``--policy`` says otherwise; the early gates run after redaction here, so that several policies can share one
prepared set with ``--cache``). A page passes when it survives every gate; duplicates are not judged here
(dedup is not a quality gate).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pyarrow as pa

from llmdata.ingest import ingest
from llmdata.quality.gate import apply_gates
from llmdata.quality.policy import load_policy
from llmdata.sources.base import SourceState
from llmdata.sources.files import scan
from llmdata.sources.registry import Source
from llmdata.transforms.boilerplate import learn
from llmdata.transforms.extract import extract
from llmdata.transforms.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
PACKAGES = {"dev": "linux-doc-6.1", "heldout": "python3.11"}
PAGE_SUFFIXES = (".html", ".rst.gz", ".rst.txt", ".txt.gz", ".txt", ".rst")


def negatives(split: str) -> list[str]:
    """Junk texts: synthetic junk (seed 1 for dev, 2 for held-out); held-out adds junk written by others."""
    from quality_agreement import junk

    texts = junk(random.Random(1 if split == "dev" else 2))
    if split == "heldout":
        manifest = json.loads((ROOT / "include" / "sample_corpus" / "MANIFEST.json").read_text())
        texts += [(ROOT / "include" / "sample_corpus" / key).read_text(errors="replace") for key in manifest["junk"]]
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run([sys.executable, str(ROOT / "scripts" / "make_hostile_corpus.py"), folder], check=True,
                           capture_output=True)
            expected = json.loads((Path(folder) / "EXPECTED.json").read_text())
            for key, outcome in expected["cases"]["shared_drive"].items():
                path = Path(folder) / "shared_drive" / key
                if outcome.startswith(("structural.", "statistical.")) and path.is_file():
                    texts.append(path.read_text(errors="replace"))
    return texts


def prepared(bronze: pa.Table, cache: Path | None) -> tuple[pa.Table, Counter[str]]:
    """The policy-independent steps (extract, boilerplate, normalize, redact_pii, annotate) on the standard
    path: (rows ready for the gates, quarantine reasons so far). Cached, so several policies can be compared."""
    import pyarrow.parquet as pq

    from llmdata.config import get_settings
    from llmdata.index.model import resolve_model
    from llmdata.transforms.annotate import annotate
    from llmdata.transforms.chunk import load_tokenizer
    from llmdata.transforms.pii import load_pii_policy, redact

    if cache is not None and cache.exists():
        table = pq.read_table(cache)
        return table, Counter(json.loads(table.schema.metadata[b"reasons"]))
    settings = get_settings()
    reasons: Counter[str] = Counter()
    rows = bronze.append_column("route", pa.array(["standard"] * bronze.num_rows, pa.string()))
    texts = rows
    for step in (extract,
                 lambda t: normalize(t, learn(t["text"].to_pylist(), t["source_id"].to_pylist())),
                 lambda t: redact(t, load_pii_policy(settings.pii_policy_file), b"bench", ""),
                 lambda t: annotate(t, load_tokenizer(resolve_model(settings.embedding_model).path))):
        result = step(texts)
        reasons.update(Counter(result.quarantined["reason"].to_pylist()))
        texts = result.kept
    if cache is not None:
        pq.write_table(texts.replace_schema_metadata({"reasons": json.dumps(reasons)}), cache)
    return texts, reasons


def gated(rows: pa.Table, policy_path: Path, reasons: Counter[str]) -> pa.Table:
    """``rows`` through the early and mid gates of the policy; adds the rejections to ``reasons``."""
    policy = load_policy(policy_path)
    for stage in ("early", "mid"):
        result = apply_gates(rows, policy, stage)
        reasons.update(Counter(result.quarantined["reason"].to_pylist()))
        rows = result.kept
    return rows


def bronze_of(items: list, source_id: str) -> pa.Table:
    source = Source.model_validate({"id": source_id, "connector": "files", "options": {"path": "."},
                                    "licence": "unknown", "owner": "bench@example.com", "purpose": "evaluation"})
    return ingest(items, source, SourceState(), "eval").kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout"], required=True)
    parser.add_argument("--corpora", type=Path, default=Path("/work/corpora/root/usr/share/doc"))
    parser.add_argument("--policy", type=Path, default=ROOT / "include" / "policies" / "quality.yaml")
    parser.add_argument("--min-words", type=int, default=100)
    parser.add_argument("--cache", action="store_true",
                        help="keep the prepared pages in the temp folder to compare policies quickly")
    args = parser.parse_args()
    folder = args.corpora / PACKAGES[args.split]
    if not folder.is_dir():
        sys.exit(f"{folder} is missing: apt-get download linux-doc-6.1 python3.11-doc && dpkg-deb -x each into "
                 f"{args.corpora.parents[2]}")
    start = time.perf_counter()
    items = [i for i in scan(folder, ["**/*"], 20_000_000)
             if i.content is not None and i.item_key.lower().endswith(PAGE_SUFFIXES)]
    cache = Path(tempfile.gettempdir()) / f"llmdata-gate-eval-{args.split}.parquet" if args.cache else None
    rows, rules = prepared(bronze_of(items, "manual"), cache)
    # Judge only pages that extract to min_words: what a reader would call a page of the manual.
    pages = set(rows.filter(pa.compute.greater_equal(rows["n_words"], args.min_words))["source_uri"].to_pylist())
    kept_keys = set(gated(rows, args.policy, rules)["source_uri"].to_pylist())
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for item in items:
        if item.source_uri in pages:
            suffix = next(s for s in PAGE_SUFFIXES if item.item_key.lower().endswith(s))
            total[suffix] += 1
            passed[suffix] += item.source_uri in kept_keys
    junk_texts = negatives(args.split)
    junk_items = [type(items[0])(f"junk-{k}.txt", f"file:///junk/{k}.txt", t.encode(), "text/plain",
                                 size_bytes=len(t)) for k, t in enumerate(junk_texts)]
    junk_rows, junk_reasons = prepared(bronze_of(junk_items, "junk"), None)
    junk_kept = gated(junk_rows, args.policy, junk_reasons)
    n_pages, n_passed = sum(total.values()), sum(passed.values())
    print(f"split {args.split}: {PACKAGES[args.split]} pages with >= {args.min_words} words, policy {args.policy.name}"
          f" ({time.perf_counter() - start:.0f} s)")
    for suffix in sorted(total):
        print(f"  {suffix:9} {passed[suffix]:6d} / {total[suffix]:6d} pass = {passed[suffix] / total[suffix]:.3f}")
    print(f"  pages     {n_passed:6d} / {n_pages:6d} pass = {n_passed / max(1, n_pages):.3f}")
    print(f"  junk      {len(junk_texts) - junk_kept.num_rows:6d} / {len(junk_texts):6d} caught = "
          f"{1 - junk_kept.num_rows / len(junk_texts):.3f}")
    print("  rules that stopped pages:")
    for reason, count in rules.most_common(10):
        print(f"    {count:6d}  {reason}")


if __name__ == "__main__":
    main()
