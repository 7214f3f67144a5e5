"""Per-stage throughput on the sample corpus, with in-run anchors (ratios, not absolute seconds).

A second table gives each processing path's throughput through the steps that differ by path (PII
redaction and the gates of every stage): every document forced down one path, then the corpus as the shipped
rules route it.

Usage: python bench/stages.py [--copies N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

from llmdata.config import load_settings
from llmdata.index.embedder import get_embedder
from llmdata.index.model import resolve_model
from llmdata.ingest import ingest
from llmdata.lake import Lake
from llmdata.quality.gate import apply_gates
from llmdata.quality.policy import load_policy
from llmdata.routing import PATHS, assign_routes
from llmdata.schemas import SILVER_DOCUMENTS
from llmdata.sources import files
from llmdata.sources.base import SourceState
from llmdata.sources.registry import load_registry
from llmdata.transforms.annotate import annotate
from llmdata.transforms.chunk import ChunkParams, chunk, load_tokenizer
from llmdata.transforms.dedup import deduplicate_exact
from llmdata.transforms.extract import extract
from llmdata.transforms.neardup import NearDupParams, deduplicate_near
from llmdata.transforms.normalize import normalize
from llmdata.transforms.pii import detect, load_pii_policy, redact

ROOT = Path(__file__).resolve().parents[1]


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="replicate the corpus N times")
    args = parser.parse_args()
    console = Console(width=140)
    source = load_registry(ROOT / "include" / "sources.yaml").get("sample_corpus")
    items = list(files.scan(source.root(), source.options.globs, 20_000_000))
    replicated = [replace(it, item_key=f"{i}/{it.item_key}") for i in range(args.copies) for it in items]
    rows: list[tuple[str, int, float, str]] = []
    bronze, t = timed(lambda: ingest(replicated, source, SourceState(), "bench").kept)
    rows.append(("ingest", bronze.num_rows, t, ""))
    sensitivity = {s.id: s.classification.sensitivity for s in load_registry(ROOT / "include" / "sources.yaml").sources}
    policy = load_policy(ROOT / "include" / "policies" / "quality.yaml")
    bronze, rule_hits = assign_routes(bronze, policy.routing, sensitivity)
    extracted, t = timed(lambda: extract(bronze).kept)
    rows.append(("extract", bronze.num_rows, t, ""))
    normalized, t = timed(lambda: normalize(extracted).kept)
    rows.append(("normalize", extracted.num_rows, t, ""))
    pii_policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    settings = load_settings()
    detect("warm-up", pii_policy, settings.pii_spacy_model, ner=True)  # recognizers are built once per process
    redacted, t = timed(lambda: redact(normalized, pii_policy, b"", settings.pii_spacy_model).kept)
    rows.append(("redact_pii (Presidio, offline, as routed)", normalized.num_rows, t, ""))
    tokenizer = load_tokenizer(resolve_model("").path)
    annotated, t = timed(lambda: annotate(redacted, tokenizer).kept)
    rows.append(("annotate (language + tokens)", redacted.num_rows, t, ""))
    exact, t = timed(lambda: deduplicate_exact(annotated, {}).kept)
    rows.append(("dedup (exact)", annotated.num_rows, t, ""))
    (near, _), t = timed(lambda: deduplicate_near(exact, lambda keys: {}, NearDupParams()))
    deduped = near.kept
    rows.append(("dedup (MinHash LSH)", exact.num_rows, t, f"{near.quarantined.num_rows} near duplicates"))
    gold, t = timed(lambda: apply_gates(apply_gates(apply_gates(deduped, policy, "early").kept, policy, "mid").kept,
                                        policy, "late").kept)
    rows.append(("gates early + mid + late (as routed)", deduped.num_rows, t, ""))
    (_, chunks), t = timed(lambda: chunk(gold, tokenizer, ChunkParams()))
    rows.append(("chunk", gold.num_rows, t, f"{chunks.num_rows} chunks"))

    with tempfile.TemporaryDirectory() as tmp:
        lake = Lake(load_settings(data_dir=Path(tmp)))
        lake.ensure_all()
        _, t_lake = timed(lambda: lake.replace(SILVER_DOCUMENTS, deduped, {"run_id": "bench"}, "bench", "bench"))
        _, t_parquet = timed(lambda: pq.write_table(deduped, Path(tmp) / "anchor.parquet"))
    rows.append(("lake commit (Iceberg)", deduped.num_rows, t_lake,
                 f"{t_lake / t_parquet:.1f}x a plain Parquet write"))

    embedder = get_embedder("", 64)
    texts = chunks["text"].to_pylist()[:512]
    embedder.encode(texts[:8])  # warm-up
    _, t_ours = timed(lambda: embedder.encode(texts))
    _, t_raw = timed(lambda: embedder.model.encode(texts, batch_size=64, normalize_embeddings=True))
    rows.append(("embed (torch)", len(texts), t_ours, f"{t_ours / t_raw:.2f}x raw sentence-transformers"))

    table = Table(title=f"llmdata stages on the sample corpus x{args.copies}")
    for column in ("stage", "records", "seconds", "records/s", "vs anchor"):
        table.add_column(column, justify="left" if column in ("stage", "vs anchor") else "right")
    for name, n, seconds, note in rows:
        table.add_row(name, str(n), f"{seconds:.2f}", f"{n / seconds:,.0f}" if seconds else "-", note)
    console.print(table)
    console.print(path_table(normalized, pii_policy, policy, settings.pii_spacy_model, rule_hits))


def path_table(documents: pa.Table, pii_policy: Any, policy: Any, spacy_model: str, rule_hits: Any) -> Table:
    """Throughput of the path-dependent steps with every document on one path, and as routed."""
    table = Table(title="Processing paths: gate_early + redact_pii + gate_mid + gate_late (the steps that differ)")
    for column in ("path", "documents", "seconds", "docs/s", "vs fast"):
        table.add_column(column, justify="left" if column == "path" else "right")
    rates = {}
    variants = [(path, documents.set_column(documents.schema.get_field_index("route"), "route",
                                            pa.array([path] * documents.num_rows, pa.string()))) for path in PATHS]
    variants.append((f"as routed {dict(rule_hits)}", documents))
    for name, rows in variants:
        def steps(rows: pa.Table = rows) -> pa.Table:
            screened = apply_gates(rows, policy, "early").kept
            filtered = apply_gates(redact(screened, pii_policy, b"", spacy_model).kept, policy, "mid").kept
            return apply_gates(filtered, policy, "late").kept

        _, seconds = timed(steps)
        rates[name] = rows.num_rows / seconds
        table.add_row(name, str(rows.num_rows), f"{seconds:.2f}", f"{rates[name]:,.0f}",
                      f"{rates[name] / rates['fast']:.2f}x")
    return table


if __name__ == "__main__":
    main()
