"""The "before" flame graph: the per-document steps of release 36e7fe1 on sampled linux-doc pages, in-process.

    git worktree add /tmp/old 36e7fe1
    PYTHONPATH=/tmp/old/include py-spy record -r 25 -o bench/profiles/curate-steps-before.svg -- \\
        .venv/bin/python bench/profiles/before_36e7fe1.py /work/bench/new/sources.yaml 400

It uses only functions that release already had (extract, normalize, apply_gates, redact, annotate).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from llmdata.config import load_settings
from llmdata.index.model import resolve_model
from llmdata.ingest import ingest
from llmdata.quality.gate import apply_gates
from llmdata.quality.policy import load_policy
from llmdata.routing import assign_routes
from llmdata.sources import files
from llmdata.sources.base import SourceState
from llmdata.sources.registry import load_registry
from llmdata.transforms.annotate import annotate
from llmdata.transforms.chunk import load_tokenizer
from llmdata.transforms.extract import extract
from llmdata.transforms.normalize import normalize
from llmdata.transforms.pii import detect, load_pii_policy, redact

ROOT = Path(__file__).resolve().parents[2]


def main(sources: Path, n_docs: int) -> None:
    source = load_registry(sources).get("linux_doc")
    items = list(files.scan(source.root(), source.options.globs, 20_000_000))
    random.Random(1).shuffle(items)
    bronze = ingest(items[:n_docs], source, SourceState(), "bench").kept
    policy = load_policy(ROOT / "include" / "policies" / "quality.yaml")
    bronze, _ = assign_routes(bronze, policy.routing, {"linux_doc": "internal"})

    def timed(name: str, step: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        kept = step()
        seconds = time.perf_counter() - start
        print(f"{name:12s} {seconds:7.2f}s {bronze.num_rows / seconds:8.1f} docs/s")
        return kept

    settings = load_settings()
    pii = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    detect("warm-up", pii, settings.pii_spacy_model, ner=True)
    tokenizer = load_tokenizer(resolve_model("").path)
    extracted = timed("extract", lambda: extract(bronze).kept)
    normalized = timed("normalize", lambda: normalize(extracted).kept)
    screened = timed("gate_early", lambda: apply_gates(normalized, policy, "early").kept)
    redacted = timed("redact", lambda: redact(screened, pii, b"k", settings.pii_spacy_model).kept)
    annotated = timed("annotate", lambda: annotate(redacted, tokenizer).kept)
    timed("gate_mid", lambda: apply_gates(annotated, policy, "mid").kept)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
