"""The anchor: datatrove with the same steps as curate's standard path on the same ``.gz`` files.

Trafilatura extraction, Gopher repetition and quality, C4 and FineWeb quality filters, then all four MinHash
stages (signatures, buckets, clusters, filter), as datatrove's own MinHash example wires them, with ``tasks`` =
``workers`` processes. Prints one JSON line: wall seconds per stage and in total, documents in and out.

Usage: python bench/vs_datatrove.py SLICE_DIR WORK_DIR [--tasks 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import time
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup import MinhashDedupSignature
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupFilter,
)
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.pipeline.writers import JsonlWriter


class GzFilesReader(BaseDiskReader):
    """One document per ``.gz`` file (datatrove ships readers for record files, not for a folder of pages)."""

    name = "gz files"

    def read_file(self, filepath: str):
        with self.data_folder.open(filepath, "rb") as raw, gzip.open(raw, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")
        document = self.get_document_from_dict({"text": text, "id": filepath}, filepath, 0)
        if document:
            yield document


def run(slice_dir: Path, work: Path, tasks: int) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    config = MinhashConfig()
    stages = {
        "read, extract, filter, signatures": [
            GzFilesReader(str(slice_dir), glob_pattern="**/*.gz"),
            Trafilatura(favour_precision=True, timeout=10.0),
            GopherRepetitionFilter(),
            GopherQualityFilter(),
            C4QualityFilter(filter_no_terminal_punct=False, filter_curly_bracket=False, min_words_per_line=1,
                            min_num_sentences=3),  # as the shipped policy sets it for documentation
            FineWebQualityFilter(),
            JsonlWriter(str(work / "filtered")),
            MinhashDedupSignature(output_folder=str(work / "signatures"), config=config),
        ],
        "minhash buckets": [MinhashDedupBuckets(input_folder=str(work / "signatures"),
                                                output_folder=str(work / "buckets"), config=config)],
        "minhash clusters": [MinhashDedupCluster(input_folder=str(work / "buckets"),
                                                 output_folder=str(work / "remove_ids"), config=config)],
        "minhash filter, write": [
            JsonlReader(str(work / "filtered")),
            MinhashDedupFilter(input_folder=str(work / "remove_ids")),
            JsonlWriter(str(work / "deduplicated")),
        ],
    }
    n_tasks = {"minhash buckets": config.num_buckets, "minhash clusters": 1}
    timings = {}
    total = time.perf_counter()
    for name, pipeline in stages.items():
        start = time.perf_counter()
        LocalPipelineExecutor(pipeline=pipeline, tasks=n_tasks.get(name, tasks), workers=tasks,
                              logging_dir=str(work / "logs" / name.replace(" ", "_").replace(",", ""))).run()
        timings[name] = time.perf_counter() - start
    wall = time.perf_counter() - total
    return {"wall_s": wall, "stages": timings, "docs_in": _count_files(slice_dir),
            "docs_filtered": _count_lines(work / "filtered"), "docs_out": _count_lines(work / "deduplicated")}


def _count_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.gz"))


def _count_lines(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*.jsonl.gz"):
        with gzip.open(path, "rt") as handle:
            total += sum(1 for _ in handle)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slice_dir", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--tasks", type=int, default=2)
    args = parser.parse_args()
    print(json.dumps(run(args.slice_dir, args.work, args.tasks)))


if __name__ == "__main__":
    main()
