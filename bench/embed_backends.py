"""Embedding backends on this machine: torch (sentence-transformers) against ONNX Runtime and OpenVINO exports
of the same local weights, on 256-token chunks in batches of 64. Ratios are against torch in the same run.

Also the embedded Qdrant (qdrant-client local mode): upsert and query speed at a few thousand points.

Usage: python bench/embed_backends.py [--chunks 512] [--points 5000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from llmdata.config import load_settings
from llmdata.index.embedder import Embedder
from llmdata.index.qdrant import open_index

ROOT = Path(__file__).resolve().parents[1]


def chunks(n: int, tokenizer) -> list[str]:
    words = []
    for path in sorted((ROOT / "include" / "sample_corpus" / "wiki").glob("*.md")):
        words += path.read_text(encoding="utf-8").split()
    out, start = [], 0
    while len(out) < n:
        piece = " ".join(words[start % len(words):start % len(words) + 400])
        ids = tokenizer(piece, truncation=True, max_length=254)["input_ids"]
        out.append(tokenizer.decode(ids[1:-1]))
        start += 97
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=512)
    parser.add_argument("--points", type=int, default=5000)
    args = parser.parse_args()
    console = Console(width=140)
    with tempfile.TemporaryDirectory() as tmp:
        reference = Embedder("", 64, "torch")
        texts = chunks(args.chunks, reference._torch_model().tokenizer)
        reference.encode(texts[:64])  # warm-up
        start = time.perf_counter()
        base = reference.encode(texts)
        t_torch = time.perf_counter() - start
        table = Table(title=f"Embedding backends: {len(texts)} chunks of ~256 tokens, batch 64")
        for column in ("backend", "chunks/s", "vs torch", "min cosine to torch", "mean cosine"):
            table.add_column(column, justify="left" if column == "backend" else "right")
        table.add_row("torch", f"{len(texts) / t_torch:,.1f}", "1.00x", "1.00000", "1.00000")
        for backend in ("onnx", "openvino"):
            embedder = Embedder("", 64, backend, Path(tmp))
            embedder.encode(texts[:64])
            start = time.perf_counter()
            vectors = embedder.encode(texts)
            seconds = time.perf_counter() - start
            cosine = np.sum(vectors * base, axis=1)
            table.add_row(backend, f"{len(texts) / seconds:,.1f}", f"{t_torch / seconds:.2f}x",
                          f"{cosine.min():.5f}", f"{cosine.mean():.5f}")
        console.print(table)

        sweep = Table(title="OpenVINO batch size")
        for column in ("batch", "chunks/s"):
            sweep.add_column(column, justify="right")
        for batch in (16, 32, 64, 128):
            embedder = Embedder("", batch, "openvino", Path(tmp))
            start = time.perf_counter()
            embedder.encode(texts)
            sweep.add_row(str(batch), f"{len(texts) / (time.perf_counter() - start):,.1f}")
        console.print(sweep)

        settings = load_settings(data_dir=Path(tmp) / "data")
        rng = np.random.default_rng(0)
        vectors = rng.normal(size=(args.points, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        ids = [f"c{i}" for i in range(args.points)]
        payloads = [{"doc_id": f"d{i // 4}", "source_id": "s", "allowed_groups": ["*"]} for i in range(args.points)]
        with open_index(settings) as index:
            index.ensure_collection("bench", 384)
            start = time.perf_counter()
            index.sync_documents("bench", ids, vectors, payloads, [])
            t_upsert = time.perf_counter() - start
            start = time.perf_counter()
            for q in vectors[:50]:
                index.search("bench", q, 10)
            t_query = (time.perf_counter() - start) / 50
        console.print(f"Embedded Qdrant (qdrant-client local mode): {args.points / t_upsert:,.0f} points/s upsert, "
                      f"{t_query * 1000:.1f} ms per top-10 query at {args.points} points")


if __name__ == "__main__":
    main()
