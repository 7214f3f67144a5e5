"""Report of ``bench/curate_real.sh`` runs: curate MB/s of input, peak memory, tasks and fixed per-task cost.

    python bench/curate_report.py OUT_DIR TINY_OUT_DIR [OUT_DIR TINY_OUT_DIR ...]

Each pair is one version of the code on the real corpus and on one page per source (TINY=1). On one page every
task's time is fixed cost (opening the catalog, policies, lineage, Airflow's own bookkeeping). ``airflow dags test``
runs every task in one process, so the first tasks also pay the process's imports once: the per-task fixed cost is
the median task time plus the median wait between tasks, and the one-off rest is shown on its own. Shares of the big
run's wall clock: per task, the per-task cost times the big run's task count; one-off, what the process pays once
(Airflow's in-process API on the first task, model loading); fixed, both together.
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
from datetime import datetime
from pathlib import Path

import pyarrow.compute as pc
from rich.console import Console
from rich.table import Table

from llmdata.config import load_settings
from llmdata.lake import Lake


def wall(out: Path, dag: str) -> float:
    for line in (out / "wall.txt").read_text().splitlines():
        parts = line.split()
        if parts[0] == dag:
            return float(parts[-1])
    raise LookupError(f"{out}: no {dag} run in wall.txt")


def peak_memory_gb(out: Path, dag: str) -> tuple[float | None, float]:
    """(peak summed PSS of the process tree, peak RSS of the largest process by GNU time), in GB."""
    samples = out / "logs" / f"{dag}.mem"
    pss = None
    if samples.exists():
        fields = [line.split() for line in samples.read_text().splitlines()]
        values = [float(f[1]) for f in fields if len(f) == 2]
        pss = max(values) / 1e6 if values else None
    rss = next(float(line.split(":")[1]) for line in (out / "logs" / f"{dag}.time").read_text().splitlines()
               if "Maximum resident set size" in line) / 1e6
    return pss, rss


def tasks(out: Path) -> list[tuple[str, float, float]]:
    """(task, start, end) of every curate task instance, from the lineage log."""
    events = [json.loads(line) for line in (out / "data" / "lake" / "_lineage" / "events.jsonl").read_text()
              .splitlines() if line.strip()]
    spans: dict[str, dict[str, float]] = {}
    for event in events:
        name = event["job"]["name"]
        if not name.startswith("curate."):
            continue
        moment = datetime.fromisoformat(event["eventTime"].replace("Z", "+00:00")).timestamp()
        spans.setdefault(event["run"]["runId"], {"task": name})[event["eventType"]] = moment
    return [(s["task"], s["START"], s["COMPLETE"]) for s in spans.values() if "START" in s and "COMPLETE" in s]


def fixed_cost(tiny: Path) -> tuple[float, float]:
    """(seconds per task, one-off seconds per run) on one page: median task time plus median wait before a task,
    and what the run took beyond that many tasks at that cost (the process's first imports)."""
    found = sorted(tasks(tiny), key=lambda t: t[1])
    durations = [end - start for _, start, end in found]
    gaps = [max(0.0, b[1] - a[2]) for a, b in itertools.pairwise(found)]
    per_task = statistics.median(durations) + (statistics.median(gaps) if gaps else 0.0)
    return per_task, sum(durations) + sum(gaps) - per_task * len(found)


def megabytes(out: Path) -> float:
    lake = Lake(load_settings(data_dir=out / "data"))
    bronze = lake.read("bronze.documents", columns=["size_bytes", "op"])
    return pc.sum(pc.filter(bronze["size_bytes"], pc.equal(bronze["op"], "upsert"))).as_py() / 1e6


def main() -> None:
    pairs = [(Path(a), Path(b)) for a, b in zip(sys.argv[1::2], sys.argv[2::2], strict=True)]
    table = Table(title="curate on real documentation (airflow dags test curate)")
    for column in ("run", "code", "CPU", "input MB", "curate s", "MB/s", "tasks", "fixed s/task", "per-task share",
                   "one-off s", "fixed share", "peak PSS tree GB", "peak RSS GB"):
        table.add_column(column, justify="left" if column in ("run", "code", "CPU") else "right")
    for out, tiny in pairs:
        machine = (out / "machine.txt").read_text().split("\n")
        mb, seconds = megabytes(out), wall(out, "curate")
        n_tasks, (per_task, one_off) = len(tasks(out)), fixed_cost(tiny)
        pss, rss = peak_memory_gb(out, "curate")
        table.add_row(out.name, machine[2], machine[0].split(":", 1)[-1].strip(), f"{mb:.1f}", f"{seconds:.0f}",
                      f"{mb / seconds:.2f}", str(n_tasks), f"{per_task:.2f}", f"{per_task * n_tasks / seconds:.1%}",
                      f"{one_off:.1f}",
                      f"{(per_task * n_tasks + one_off) / seconds:.1%}", f"{pss:.2f}" if pss else "-", f"{rss:.2f}")
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
