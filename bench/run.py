"""`make bench`: every throughput, memory and latency figure of BENCHMARKS.md from one run on real documents.

Debian's documentation (linux-doc-6.1, python3.11-doc, postgresql-doc-15) is fetched with apt-get, unpacked with
dpkg-deb and cut into slices of 15, 60 and 240 MB of distinct pages stored as ``.gz`` (bench/corpus.py). Then,
the way a user runs it (a sources file, the shipped policies, ``airflow dags test``):

1. ingest + curate on each slice: wall clock, peak memory per DAG (summed PSS of the process tree, largest
   process RSS), dedup rate;
2. datatrove with the same steps on the 60 MB slice, same number of processes (bench/vs_datatrove.py);
3. the same step list called directly on the same bronze rows (what Airflow and the lake cost);
4. a re-run on unchanged input (ingest, curate, rag_index);
5. curate with one worker process against two;
6. rag_index: chunks/s of the whole DAG and of its embedding, against the raw backend on the same chunks and
   against the CPU's fp32 peak;
7. the embedded index at 10k and 100k points, and ``retrieve()`` in a fresh process on the bench's index.

Results go to BENCH_DIR/results.json and, rendered, into BENCHMARKS.md between the ``make bench`` markers, with
a chart (bench/charts/make-bench.png).

Usage: python bench/run.py [--out data/bench] [--skip-index] [--render-only]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ensure_corpora, make_slices
from stages import cpu_model

ROOT = Path(__file__).resolve().parents[1]
FACTORS = (1, 4, 16)
MAIN = 4  # the slice every comparison runs on


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------------------------------------- DAG runs
class MemorySampler(threading.Thread):
    """Peak summed PSS of a process tree and peak RSS of its largest process, sampled every half second."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak_pss = 0
        self.peak_rss = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            pss = 0
            for process in processes:
                try:
                    info = process.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                pss += info.pss
                self.peak_rss = max(self.peak_rss, info.rss)
            self.peak_pss = max(self.peak_pss, pss)


def write_sources(out: Path, slice_dir: Path) -> Path:
    """A sources file with one ``files`` source over the slice's ``.gz`` files."""
    sources = out / "sources.yaml"
    sources.write_text(
        "sources:\n  - id: debian_docs\n    connector: files\n"
        f"    options: {{path: {slice_dir}, globs: [\"**/*.gz\"]}}\n"
        "    licence: GPL-2.0-or-later\n    owner: bench@example.com\n    purpose: benchmark on real documentation\n"
        "    classification: {velocity: batch, structure: unstructured, reliability: guaranteed, "
        "sensitivity: internal}\n")
    return sources


def bench_env(out: Path, slice_dir: Path, airflow_home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    sources = write_sources(out, slice_dir)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LLMDATA_", "AIRFLOW"))}
    env |= {
        "LLMDATA_DATA_DIR": str(out / "data"), "LLMDATA_SOURCES_FILE": str(sources),
        "LLMDATA_POLICY_FILE": str(ROOT / "include/policies/quality.yaml"),
        "LLMDATA_PII_POLICY_FILE": str(ROOT / "include/policies/pii.yaml"),
        "AIRFLOW_HOME": str(airflow_home), "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false", "PYTHONWARNINGS": "ignore::DeprecationWarning",
        "PATH": f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
    } | (extra or {})
    lineage = subprocess.run([str(Path(sys.executable).with_name("llmdata")), "airflow-env"], env=env,
                             capture_output=True, text=True, check=True).stdout
    for key, value in re.findall(r"export (\w+)=(.*)", lineage):
        env[key] = value.strip("'")
    return env


def run_dag(dag: str, env: dict[str, str], logs: Path) -> dict[str, float]:
    """``airflow dags test DAG`` with its wall clock and peak memory; fails loudly when the run fails."""
    logs.mkdir(parents=True, exist_ok=True)
    log_file = logs / f"{dag}-{int(time.time())}.log"
    start = time.perf_counter()
    with log_file.open("w") as handle:
        process = subprocess.Popen([str(Path(sys.executable).with_name("airflow")), "dags", "test", dag], env=env,
                                   stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT)
        sampler = MemorySampler(process.pid)
        sampler.start()
        process.wait()
        sampler.done.set()
        sampler.join()
    wall = time.perf_counter() - start
    if "state=success" not in log_file.read_text(errors="replace").split("DagRun Finished")[-1][:400]:
        raise RuntimeError(f"airflow dags test {dag} failed; see {log_file}")
    return {"wall_s": wall, "peak_pss_gb": sampler.peak_pss / 1e9, "peak_rss_gb": sampler.peak_rss / 1e9}


def lake_counts(out: Path) -> dict[str, float]:
    import pyarrow.compute as pc

    from llmdata.config import load_settings
    from llmdata.lake import Lake
    from llmdata.schemas import BRONZE_DOCUMENTS, GOLD_CHUNKS, GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS

    lake = Lake(load_settings(data_dir=out / "data"))
    bronze = lake.read(BRONZE_DOCUMENTS, columns=["size_bytes", "op"])
    upserts = pc.filter(bronze["size_bytes"], pc.equal(bronze["op"], "upsert"))
    rules = lake.read(QUARANTINE_DOCUMENTS, columns=["rule"])["rule"].to_pylist()
    dedup = sum(1 for r in rules if r and r.startswith("dedup"))
    return {"mb": pc.sum(upserts).as_py() / 1e6, "bronze_docs": len(upserts), "gold_docs":
            lake.row_count(GOLD_DOCUMENTS), "quarantined": len(rules), "dedup_removed": dedup,
            "dedup_rate": dedup / max(1, len(upserts)), "gold_chunks": lake.row_count(GOLD_CHUNKS)}


def stage_params(out: Path, job: str, run_index: int = -1) -> list[dict[str, Any]]:
    """The ``llmdata_stage`` params of every COMPLETE event of ``job`` in the DAG run ``run_index``."""
    events = [json.loads(line) for line in (out / "data/lake/_lineage/events.jsonl").read_text().splitlines()
              if line.strip()]
    done = [e for e in events if e["job"]["name"] == job and e.get("eventType") == "COMPLETE"]
    parents = list(dict.fromkeys(e["run"]["facets"].get("parent", {}).get("run", {}).get("runId") for e in done))
    if not parents:
        return []
    chosen = parents[run_index]
    return [e["run"]["facets"].get("llmdata_stage", {}).get("params", {}) for e in done
            if e["run"]["facets"].get("parent", {}).get("run", {}).get("runId") == chosen]


# ---------------------------------------------------------------------------------------------- pieces
def direct_steps(out: Path, workers: int) -> dict[str, float]:
    """The declared step list called directly on the bronze rows the DAG run read (no Airflow, no lake writes)."""
    from stages import run_steps

    from llmdata.config import load_settings
    from llmdata.lake import Lake
    from llmdata.schemas import BRONZE_DOCUMENTS
    from llmdata.steps import StepContext
    from llmdata.transforms.pii import detect

    settings = load_settings(data_dir=out / "data", sources_file=out / "sources.yaml",
                             policy_file=ROOT / "include/policies/quality.yaml",
                             pii_policy_file=ROOT / "include/policies/pii.yaml")
    bronze = Lake(settings).read(BRONZE_DOCUMENTS)
    bronze = bronze.filter(bronze["op"].to_numpy(zero_copy_only=False) == "upsert")
    ctx = StepContext(settings, "bench-direct")
    start = time.perf_counter()
    ctx.policy, ctx.pii_policy, ctx.token_counter  # noqa: B018 - loaded once, as a task does
    detect("warm-up", ctx.pii_policy, settings.pii_spacy_model, ner=True)
    setup = time.perf_counter() - start
    try:
        _, walls, kept = run_steps(bronze, ctx, workers, settings.batch_rows)
    finally:
        from llmdata.workers import release

        release()  # the pool's processes hold the models: they must not idle through the rest of the bench
    return {"wall_s": sum(walls) + setup, "setup_s": setup, "docs": bronze.num_rows, "kept": kept.num_rows}


def embedding_figures(out: Path, sample: int) -> dict[str, Any]:
    """Our embedder against the raw backend on the same chunks (in index order, batches of the same size), and
    both against the CPU's fp32 peak."""
    import numpy as np

    from llmdata.config import load_settings
    from llmdata.index.embedder import settings_embedder
    from llmdata.lake import Lake
    from llmdata.schemas import GOLD_CHUNKS

    settings = load_settings(data_dir=out / "data")
    texts = Lake(settings).read(GOLD_CHUNKS, columns=["text"])["text"].to_pylist()
    texts = [texts[i] for i in np.random.default_rng(1).permutation(len(texts))[:sample]]
    embedder = settings_embedder(settings)
    raw = embedder.exported.encode if embedder.exported else embedder._torch_encode
    batch = embedder.batch_size
    raw(texts[:batch])
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        raw(texts[i:i + batch])
    t_raw = time.perf_counter() - start
    start = time.perf_counter()
    embedder.encode(texts)
    t_ours = time.perf_counter() - start
    tokenizer = embedder.exported.tokenizer if embedder.exported else embedder._torch_model().tokenizer
    lengths = [len(ids) for ids in tokenizer(texts, truncation=True, max_length=embedder.max_seq_length)["input_ids"]]
    flops = sum(flops_per_chunk(n) for n in lengths)
    peak, how = cpu_peak_flops()
    roof = sgemm_roof()
    return {"backend": embedder.backend, "chunks": len(texts), "mean_tokens": sum(lengths) / len(lengths),
            "raw_chunks_s": len(texts) / t_raw, "ours_chunks_s": len(texts) / t_ours,
            "gflop_per_chunk": flops / len(texts) / 1e9, "achieved_gflops": flops / t_ours / 1e9,
            "peak_gflops": peak / 1e9, "peak_how": how, "ceiling_chunks_s": peak / (flops / len(texts)),
            "sgemm_gflops": roof / 1e9, "sgemm_chunks_s": roof / (flops / len(texts))}


def sgemm_roof(n: int = 4096) -> float:
    """fp32 FLOP/s a large matrix product reaches here (numpy's BLAS, every core): the practical roof."""
    import numpy as np

    a = np.random.default_rng(0).random((n, n), dtype=np.float32)
    a @ a
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        a @ a
        best = min(best, time.perf_counter() - start)
    return 2 * n**3 / best


def flops_per_chunk(tokens: int, layers: int = 6, hidden: int = 384, ffn: int = 1536) -> float:
    """Forward-pass FLOPs of a BERT-style encoder (all-MiniLM-L6-v2's shape) on ``tokens`` tokens."""
    weights = 4 * hidden * hidden + 2 * hidden * ffn  # Q, K, V, output projections and the feed-forward pair
    return layers * (2 * weights * tokens + 4 * tokens * tokens * hidden)


def cpu_peak_flops() -> tuple[float, str]:
    """fp32 peak of the cores this process may use: FMA width from the CPU flags, clock from lscpu."""
    info = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    flags = fields.get("Flags", "")
    per_cycle = 64 if " avx512f" in flags else 32 if " avx2" in flags and " fma" in flags else 16
    mhz = float(fields.get("CPU max MHz", "0").strip() or 0) or float(fields.get("BogoMIPS", "0").strip()) / 2
    cores = len(os.sched_getaffinity(0))
    unit = {64: "AVX-512", 32: "AVX2 FMA"}.get(per_cycle, "SSE")
    return cores * mhz * 1e6 * per_cycle, f"{cores} cores x {mhz / 1000:.2f} GHz x {per_cycle} fp32 FLOP/cycle ({unit})"


def executor_run(root: Path, slice_dir: Path, parallelism: int, models: Path) -> dict[str, Any]:
    """ingest + curate on the native stack (Airflow on Postgres, LocalExecutor, lake on S3), driven
    through the REST API, with ``parallelism`` task slots and one process per shard task."""
    from datetime import datetime

    from llmdata.stack.native import Ports, running_stack

    overrides = {"LLMDATA_SOURCES_FILE": str(write_sources(root, slice_dir)), "LLMDATA_INGEST_SCHEDULE": "none",
                 "LLMDATA_SHARD_WORKERS": "1", "AIRFLOW__CORE__PARALLELISM": str(parallelism),
                 "LLMDATA_MODEL_CACHE_DIR": str(models)}
    with running_stack(root, Ports(0, 0, 0), overrides, persist=False) as stack:
        api = stack.api()
        api.wait_for_dags({"ingest", "curate"})
        for dag_id in ("ingest", "curate"):
            api.set_paused(dag_id, False)
        runs = {"ingest": api.wait_for_run("ingest", api.trigger("ingest"))}
        runs["curate"] = api.wait_for_run("curate")  # started by the scheduler from ingest's asset event
        # The same corpus again, as a schedule would: ingest alone runs (bronze unchanged, no asset event).
        runs["ingest_again"] = api.wait_for_run("ingest", api.trigger("ingest"))
        time.sleep(15)  # a few scheduler loops: a curate run would have been created by now
        curate_after = len(api.runs("curate"))
        summarize = {t["task_id"]: t["state"] for t in api.task_instances(
            "ingest", runs["ingest_again"]["dag_run_id"])}.get("summarize")

    def seconds(run: dict[str, Any]) -> float:
        return (datetime.fromisoformat(run["end_date"]) - datetime.fromisoformat(run["start_date"])).total_seconds()

    bad = {d: r["state"] for d, r in runs.items() if r["state"] != "success"}
    if bad:
        raise RuntimeError(f"native stack runs failed: {bad}; logs under {root}")
    return {dag: {"wall_s": seconds(run)} for dag, run in runs.items()} | {
        "curate_runs_after_rerun": curate_after, "rerun_summarize": summarize}


def datatrove(slice_dir: Path, work: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(ROOT / "bench/vs_datatrove.py"), str(slice_dir), str(work),
                           "--tasks", "2"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def html_only(slice_dir: Path) -> Path:
    """The slice's HTML pages alone (hard links), beside it."""
    target = slice_dir.with_name(f"{slice_dir.name}-html")
    if not target.exists():
        tmp = target.with_suffix(".tmp")
        for path in sorted(slice_dir.rglob("*.html.gz")):
            link = tmp / path.relative_to(slice_dir)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, link)
        tmp.rename(target)
    return target


def retrieve_latency(out: Path) -> dict[str, float]:
    """``retrieve()`` in a fresh process on the bench's index: first call (loads the model, starts or reaches the
    index service), then 60 questions warm."""
    code = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from llmdata.config import load_settings
from llmdata.index.retrieve import retrieve
settings = load_settings(data_dir=Path(sys.argv[1]))
questions = ["how do I configure a network bridge", "what does the json module do", "restore a database dump",
             "kernel parameters for memory", "write a context manager", "vacuum a table", "mount a filesystem",
             "asyncio event loop", "create an index concurrently", "debug a kernel oops", "parse command line options",
             "set up replication"]
retrieve(questions[0], settings)
first = time.perf_counter() - t0
lat = []
for i in range(60):
    s = time.perf_counter(); retrieve(questions[i % len(questions)] + f" {i}", settings)
    lat.append((time.perf_counter() - s) * 1000)
lat.sort()
print(json.dumps({"first_s": first, "p50_ms": lat[len(lat) // 2], "p99_ms": lat[int(len(lat) * 0.99)]}))
"""
    done = subprocess.run([sys.executable, "-c", code, str(out / "data")], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def index_latency(work: Path) -> list[dict[str, Any]]:
    import index_latency as il

    rows = []
    for backend, sizes in (("service", (10_000, 100_000)), ("client", (10_000,))):
        for n in sizes:
            vectors, payloads = il.points(n)
            folder = work / f"{backend}-{n}"
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
            folder.parent.mkdir(parents=True, exist_ok=True)
            log(f"index latency: {backend} at {n:,} points")
            built = {"service": il.build_service, "client": il.build_client}[backend](folder, vectors, payloads)
            found = il.query_fresh(backend, folder)
            row = {"backend": backend, "points": n, **built, **found}
            if backend == "service":
                row |= il.service_extras(folder, n)
                from llmdata.index.service import stop_service

                stop_service(folder)
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------- the run
def run(out: Path, skip_index: bool, base_mb: float, resume: bool) -> dict[str, Any]:
    saved = out / "results.json"
    results: dict[str, Any] = json.loads(saved.read_text()) if resume and saved.exists() else {}
    results.setdefault("cpu", cpu_model())
    results.setdefault("started", time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    results.setdefault("commit", subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                                capture_output=True, text=True).stdout.strip())
    log(f"corpora and slices under {out} (CPU {results['cpu']})")
    slices = make_slices(ensure_corpora(out / "corpora"), out / f"slices-{base_mb:g}mb", base_mb, list(FACTORS))
    results["slices"] = {f: {k: v for k, v in s.items() if k != "folder"} for f, s in slices.items()}
    airflow_home = out / "airflow"
    airflow_home.mkdir(parents=True, exist_ok=True)
    first_env = bench_env(out, slices[1]["folder"], airflow_home)
    subprocess.run([str(Path(sys.executable).with_name("airflow")), "db", "migrate"], env=first_env, check=True,
                   capture_output=True)

    def fresh(name: str) -> Path:
        import shutil

        folder = out / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def step(key: str, what: str, work: Any) -> None:
        """Run one piece unless a resumed run has it; save the results after each."""
        if key in results:
            log(f"{what}: kept from the interrupted run")
            return
        log(what)
        results[key] = work()
        (out / "results.json").write_text(json.dumps(results, indent=1, default=str))

    def size_run(factor: int) -> dict[str, Any]:
        run_dir = fresh(f"run-{factor}x")
        env = bench_env(run_dir, slices[factor]["folder"], airflow_home)
        row: dict[str, Any] = {dag: run_dag(dag, env, run_dir / "logs") for dag in ("ingest", "curate")}
        row["counts"] = lake_counts(run_dir)
        log(f"{factor}x: {row}")
        return row

    for factor in FACTORS:
        step(f"size_{factor}x", f"{factor}x: ingest + curate", lambda factor=factor: size_run(factor))
    results["sizes"] = {f: results[f"size_{f}x"] for f in FACTORS}
    main_dir = out / f"run-{MAIN}x"
    main_env = bench_env(main_dir, slices[MAIN]["folder"], airflow_home)

    step("datatrove", "datatrove on the same slice", lambda: datatrove(slices[MAIN]["folder"], out / "datatrove"))

    def html_run(factor: int) -> dict[str, Any]:
        # datatrove's extractor reads HTML only (it drops the reST sources without a cost), so the like-for-like
        # comparison is on the slice's HTML pages: both pipelines, the same .gz files.
        html = html_only(slices[factor]["folder"])
        html_dir = fresh(f"run-{factor}x-html")
        html_env = bench_env(html_dir, html, airflow_home)
        row: dict[str, Any] = {dag: run_dag(dag, html_env, html_dir / "logs") for dag in ("ingest", "curate")}
        row["counts"] = lake_counts(html_dir)
        row["datatrove"] = datatrove(html, out / f"datatrove-html-{factor}x")
        return row

    big = max(FACTORS)
    step("html", f"ingest + curate and datatrove on the {MAIN}x slice's HTML pages", lambda: html_run(MAIN))
    step("html_16x", f"ingest + curate and datatrove on the {big}x slice's HTML pages", lambda: html_run(big))
    step("direct", "the step list called directly", lambda: direct_steps(main_dir, workers=2))
    step("direct_16x", f"the step list called directly on the {big}x slice",
         lambda: direct_steps(out / f"run-{big}x", workers=2))

    def rag_run() -> dict[str, Any]:
        row = run_dag("rag_index", main_env, main_dir / "logs")
        params = stage_params(main_dir, "rag_index.embed_index")
        return row | {"chunks_embedded": sum(p.get("chunks_embedded", 0) for p in params),
                      "embed_seconds": sum(p.get("embed_seconds", 0.0) for p in params), **lake_counts(main_dir)}

    step("rag_index", "rag_index", rag_run)
    step("embedding", "embedding against the raw backend", lambda: embedding_figures(main_dir, sample=1000))

    def rerun_run() -> dict[str, Any]:
        big_dir = out / f"run-{big}x"
        rerun: dict[str, Any] = {"factor": big, "ingest": run_dag("ingest", bench_env(
            big_dir, slices[big]["folder"], airflow_home), big_dir / "logs")}
        last_log = max((big_dir / "logs").glob("ingest-*.log"), key=lambda p: p.stat().st_mtime)
        rerun["downstream_skipped"] = "bronze unchanged: no asset event" in last_log.read_text(errors="replace")
        rerun["rag_index"] = run_dag("rag_index", main_env, main_dir / "logs")  # forced: what it does on no change
        rerun["chunks_embedded"] = sum(p.get("chunks_embedded", 0)
                                       for p in stage_params(main_dir, "rag_index.embed_index"))
        return rerun

    step("rerun", "re-run on unchanged input", rerun_run)

    def one_worker_run() -> dict[str, Any]:
        one_dir = fresh(f"run-{MAIN}x-1worker")
        one_env = bench_env(one_dir, slices[MAIN]["folder"], airflow_home, {"LLMDATA_SHARD_WORKERS": "1"})
        return {dag: run_dag(dag, one_env, one_dir / "logs") for dag in ("ingest", "curate")}

    step("one_worker", "one worker against two", one_worker_run)
    step("executor", "LocalExecutor on the native stack: parallelism 1, then 2", lambda: {
        p: executor_run(fresh(f"stack-p{p}"), slices[MAIN]["folder"], p, out / "models") for p in (1, 2)})
    if not skip_index:
        step("index", "embedded index latency", lambda: index_latency(out / "index"))
        step("retrieve", "retrieve() in a fresh process", lambda: retrieve_latency(main_dir))
    (out / "results.json").write_text(json.dumps(results, indent=1, default=str))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "bench")
    parser.add_argument("--skip-index", action="store_true")
    parser.add_argument("--base-mb", type=float, default=15.0, help="the 1x slice (a smaller one: a quick check)")
    parser.add_argument("--render-only", action="store_true", help="render BENCH_DIR/results.json again")
    parser.add_argument("--resume", action="store_true", help="keep the pieces an interrupted run finished")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = (json.loads((out / "results.json").read_text()) if args.render_only
               else run(out, args.skip_index, args.base_mb, args.resume))
    if not args.render_only:
        results["bench_minutes"] = results.get("bench_minutes", 0) + (time.perf_counter() - started) / 60
        (out / "results.json").write_text(json.dumps(results, indent=1, default=str))
    from report import render, render_readme

    render(results, ROOT / "BENCHMARKS.md", ROOT / "bench" / "charts" / "make-bench.png")
    render_readme(results, ROOT / "README.md")
    log("BENCHMARKS.md updated")


if __name__ == "__main__":
    main()
