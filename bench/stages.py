"""Per-step throughput of curate on real pages, in-process, with in-run anchors (read ratios, not seconds).

The per-document steps are taken from the declared step list (``llmdata.curation.CURATE``) and run exactly as a
shard task runs them (``llmdata.segment.run_segment``, record batches of ``--batch`` documents); the run-wide
steps (boilerplate, dedup, late gates) run on the whole sample. Pages come from a sources file, sampled with a
seed, so the figures describe documents nobody here wrote:

    python bench/stages.py --sources /work/bench/new/sources.yaml --docs 600 --seed 1
    python bench/stages.py                            # the shipped sources (sample corpus, package READMEs)

Anchors in the same run: datatrove's Gopher quality filter on the same normalised texts, and a plain Parquet
write against an Iceberg commit. The CPU model is printed with the table.
"""

from __future__ import annotations

import argparse
import platform
import random
import subprocess
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

from llmdata.config import load_settings
from llmdata.curation import CURATE, step
from llmdata.ingest import ingest
from llmdata.lake import Lake
from llmdata.schemas import SILVER_DOCUMENTS
from llmdata.segment import run_segment
from llmdata.sources import files
from llmdata.sources.base import SourceState
from llmdata.sources.registry import load_registry
from llmdata.steps import StepContext

ROOT = Path(__file__).resolve().parents[1]


def cpu_model() -> str:
    out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    model = next((line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name")), "")
    cores = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return f"{model or platform.processor()} ({cores} cores)"


def sample(sources_file: Path, n_docs: int, seed: int) -> pa.Table:
    """Bronze rows of ``n_docs`` items drawn with ``seed`` from every files source of ``sources_file``."""
    parts = []
    for source in load_registry(sources_file).sources:
        if source.connector != "files":
            continue
        items = list(files.scan(source.root(), source.options.globs, 20_000_000))
        random.Random(seed).shuffle(items)
        parts.append(ingest(items[: n_docs // 2 or 1], source, SourceState(), "bench").kept)
    return pa.concat_tables(parts)


def run_steps(bronze: pa.Table, ctx: StepContext, workers: int, batch: int
              ) -> tuple[list[tuple[str, int, float, str]], list[float], pa.Table]:
    """Every curate step on ``bronze`` as the DAG's tasks run them, without Airflow or the lake: (per-step rows
    (step, documents, busy seconds, note), wall clock of each task-sized piece, the documents that passed)."""
    rows: list[tuple[str, int, float, str]] = []
    walls: list[float] = []

    def batches(table: pa.Table):
        for start in range(0, table.num_rows, batch):
            yield table.slice(start, batch)

    def segment(steps: tuple, table: pa.Table, keep: str):
        start = time.perf_counter()
        result = run_segment(steps, batches(table), ctx, [keep], workers=workers)
        walls.append(time.perf_counter() - start)
        for tally in result.tallies.values():
            rows.append((tally.step, tally.records_in, tally.seconds, ""))
        return pa.concat_tables(result.kept[keep])

    def run_wide(name: str, table: pa.Table) -> pa.Table:
        start = time.perf_counter()
        result = step(name).function()(table, ctx)
        walls.append(time.perf_counter() - start)
        rows.append((name, table.num_rows, walls[-1], "run-wide"))
        result.metrics.pop("index", None)
        return result.kept

    text = segment((step("extract"),), bronze, "extract")
    run_wide("boilerplate", text)
    shard_steps = tuple(s for s in CURATE if s.scope == "document" and s.name != "extract")
    filtered = segment(shard_steps, text, shard_steps[-1].name)
    for name in ("dedup", "gate_late"):
        filtered = run_wide(name, filtered)
    return rows, walls, filtered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "include" / "sources.yaml")
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1, help="processes for the per-document steps")
    args = parser.parse_args()
    console = Console(width=150)
    settings = load_settings(sources_file=args.sources)
    bronze = sample(args.sources, args.docs, args.seed)
    megabytes = sum(len(c or b"") for c in bronze["content"].to_pylist()) / 1e6
    ctx = StepContext(settings, "bench")
    ctx.policy, ctx.pii_policy, ctx.token_counter  # noqa: B018 - load once, outside the timings, as a task does
    from llmdata.transforms.pii import detect

    detect("warm-up", ctx.pii_policy, settings.pii_spacy_model, ner=True)
    rows, walls, filtered = run_steps(bronze, ctx, args.workers, args.batch)
    total = sum(walls)
    rows.append((f"all curate steps, wall clock ({args.workers} worker(s))", bronze.num_rows, total,
                 f"{megabytes / total:.2f} MB/s of input"))
    rows += anchors(filtered)

    table = Table(title=f"curate steps on {bronze.num_rows} pages ({megabytes:.1f} MB) from {args.sources.name}, "
                        f"seed {args.seed}; CPU {cpu_model()}")
    for column in ("step", "documents", "seconds (busy)", "docs/s", "note"):
        table.add_column(column, justify="left" if column in ("step", "note") else "right")
    for name, n, seconds, note in rows:
        table.add_row(name, str(n), f"{seconds:.2f}", f"{n / seconds:,.0f}" if seconds else "-", note)
    console.print(table)


def anchors(documents: pa.Table) -> list[tuple[str, int, float, str]]:
    """datatrove's Gopher quality filter on the same texts, and Iceberg commit vs plain Parquet write."""
    out = []
    try:
        from datatrove.data import Document
        from datatrove.pipeline.filters import GopherQualityFilter

        docs = [Document(text=t or "", id=str(i)) for i, t in enumerate(documents["text"].to_pylist())]
        gopher = GopherQualityFilter()
        start = time.perf_counter()
        for doc in docs:
            gopher.filter(doc)
        out.append(("anchor: datatrove GopherQualityFilter", len(docs), time.perf_counter() - start, "same texts"))
    except ImportError:
        pass
    with tempfile.TemporaryDirectory() as tmp:
        lake = Lake(load_settings(data_dir=Path(tmp)))
        lake.ensure_all()
        start = time.perf_counter()
        lake.replace(SILVER_DOCUMENTS, documents, {"run_id": "bench"}, "bench", "bench")
        t_lake = time.perf_counter() - start
        start = time.perf_counter()
        pq.write_table(documents, Path(tmp) / "anchor.parquet")
        t_parquet = time.perf_counter() - start
    out.append(("lake commit (Iceberg)", documents.num_rows, t_lake, f"{t_lake / t_parquet:.1f}x a Parquet write"))
    return out


if __name__ == "__main__":
    main()
