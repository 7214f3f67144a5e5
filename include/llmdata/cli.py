"""The ``llmdata`` command: run one stage without Airflow, search the index, validate config, summarise the lake.

A failure prints one line naming the service or item, the setting and the fix; add --verbose for the traceback.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import click
import pyarrow as pa
import pyarrow.parquet as pq
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from typer.core import TyperGroup

from llmdata.config import SettingsError, get_settings
from llmdata.curation import order as curate_order
from llmdata.errors import LlmdataError, first_line
from llmdata.health import reachability, require

VERBOSE = "--verbose"
_verbose = False


class _Commands(TyperGroup):
    """Every command's failure as one line naming what failed and the fix, exit code 2; the traceback only with
    ``--verbose``."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as error:
            if _verbose:
                raise
            if isinstance(error, LlmdataError):  # our own errors already name the item and the fix
                message = str(error)
            else:
                message = f"{type(error).__name__}: {first_line(error)} (run again with {VERBOSE} for the traceback)"
            _fail(message)


app = typer.Typer(cls=_Commands, add_completion=False, no_args_is_help=True, help=__doc__)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def stages() -> list[str]:
    """What ``llmdata run`` runs: ingest, every curate step in its declared order, then rag_index's chunk."""
    return ["ingest", *curate_order(), "chunk"]


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code=2)


def _existing_lake(settings=None):
    """The lake the settings name, refusing to create one where a reading command expected data."""
    from llmdata.lake import Lake

    settings = settings or get_settings()
    require(settings, lake=True)
    return Lake(settings)


def _read(path: Path) -> pa.Table:
    if not path.exists():
        _fail(f"input {path} does not exist")
    return pq.read_table(path)


@app.command()
def run(
    stage: Annotated[str, typer.Argument(help="ingest, a curate step (see `llmdata steps`), or chunk.")],
    input: Annotated[Path, typer.Option("--input", "-i", help="Parquet file (a folder for ingest).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Parquet file for kept rows.")],
    source_id: Annotated[str, typer.Option(help="Source id recorded on ingested rows.")] = "local",
    licence: Annotated[str, typer.Option(help="Licence recorded on ingested rows.")] = "unknown",
    run_id: Annotated[str, typer.Option(help="Run id recorded on rows.")] = "cli",
) -> None:
    """Run one STAGE on local files, without Airflow. Rejected rows go to OUTPUT.quarantine.parquet."""
    if stage not in stages():
        _fail(f"no stage {stage!r}; choose one of {', '.join(stages())}")
    try:
        settings = get_settings()
    except SettingsError as error:
        _fail(str(error))
    result, extra = _run_stage(stage, input, output, settings, source_id, licence, run_id)
    output.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(extra if extra is not None else result.kept, output)
    quarantine_path = output.with_name(output.stem + ".quarantine.parquet")
    from llmdata.transforms.pii import load_pii_policy, redact_quarantine

    pq.write_table(redact_quarantine(result.quarantined, load_pii_policy(settings.pii_policy_file),
                                     settings.pii_hash_key.encode()), quarantine_path)
    table = Table(title=f"llmdata run {stage}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in result.summary().items():
        table.add_row(key, json.dumps(value) if isinstance(value, dict) else str(value))
    console.print(table)
    console.print(f"kept -> {output}\nquarantined -> {quarantine_path}")


def _run_stage(stage: str, input: Path, output: Path, settings, source_id: str, licence: str, run_id: str):
    if stage == "ingest":
        from llmdata.ingest import ingest
        from llmdata.sources.base import SourceState
        from llmdata.sources.files import FilesConnector
        from llmdata.sources.registry import FilesOptions, Source

        if not input.is_dir():
            _fail(f"ingest reads a folder; {input} is not one")
        source = Source(id=source_id, connector="files", options=FilesOptions(path=str(input.resolve())),
                        licence=licence, owner="cli", purpose="local run")
        connector = FilesConnector(source.root(), ["**/*"], settings.max_document_bytes)
        with Progress(console=err, transient=True) as progress:
            task = progress.add_task("reading", total=None)
            items = []
            for item in connector.items(SourceState()):
                items.append(item)
                progress.advance(task)
        return ingest(items, source, SourceState(), run_id, connector), None
    rows = _read(input)
    if stage == "chunk":
        return _chunk(rows, settings)
    from llmdata.curation import step
    from llmdata.steps import StepContext

    declared = step(stage)
    if declared.apply is None:
        _fail(f"{declared.name} writes the lake ({declared.persists or 'its files'}): it runs in the curate DAG "
              f"(airflow dags test curate), not on a file")
    ctx = StepContext(settings, run_id)
    if declared.name == "normalize":
        from llmdata.transforms.boilerplate import learn

        # The input file is the run: boilerplate is learned over all of it, as the DAG learns over all shards.
        ctx.boilerplate = learn(rows["text"].to_pylist(), rows["source_id"].to_pylist())
    result = declared.function()(rows, ctx)
    if "index" in result.metrics:  # dedup: the new LSH bucket rows are for the lake, not the terminal
        result.metrics.pop("index")
    if "queue" in result.metrics:  # the rows pass on; the queue they would make goes beside them
        queue_path = output.with_name(output.stem + ".queue.parquet")
        pq.write_table(result.metrics.pop("queue"), queue_path)
        result.metrics["queue_file"] = str(queue_path)
    if "html" in result.metrics:
        page = Path(str(output.with_suffix("")) + ".report.html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(result.metrics.pop("html"), encoding="utf-8")
        result.metrics.pop("report")
        result.metrics["report_html"] = str(page)
    return result, None


def _chunk(rows: pa.Table, settings):
    from llmdata.index.model import resolve_model
    from llmdata.transforms.chunk import ChunkParams, chunk, load_tokenizer

    tokenizer = load_tokenizer(resolve_model(settings.embedding_model).path)
    return chunk(rows, tokenizer, ChunkParams(settings.chunk_tokens, settings.chunk_overlap))


@app.command()
def steps(
    markdown: Annotated[bool, typer.Option(help="Print a Markdown table (the README's is made with this).")] = False,
) -> None:
    """The declared curate steps, in order: which task runs each, what it keeps, and where raw text may be."""
    from llmdata.curation import declared, segments

    settings = get_settings()
    task_of = {s.name: seg.task_id for seg in segments() for s in seg.steps}
    kept = {name: table for seg in segments() for name, table in seg.kept_tables(settings.keep_intermediate).items()}
    rows = [(s.name, task_of[s.name] + (" (per shard)" if s.scope == "document" else ""), kept.get(s.name, "-"),
             "yes" if s.pii_free else "no (bronze only)", s.summary) for s in declared()]
    header = ("step", "task", "writes", "PII-free", "what it does")
    if markdown:
        sys.stdout.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
        for row in rows:
            sys.stdout.write("| " + " | ".join(f"`{c}`" if i in (0, 1, 2) and c != "-" else c
                                               for i, c in enumerate(row)) + " |\n")
        return
    table = Table(title="curate steps (llmdata.curation.CURATE)")
    for column in header:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console.print(table)


@app.command()
def search(
    query: str,
    limit: Annotated[int, typer.Option("--limit", "-k", min=1, max=100)] = 5,
    source: Annotated[str | None, typer.Option(help="Only chunks of this source id.")] = None,
    licence: Annotated[str | None, typer.Option(help="Only chunks under this licence.")] = None,
    group: Annotated[list[str] | None, typer.Option(help="Caller's group(s), for access-controlled sources.")] = None,
) -> None:
    """Semantic search over the Qdrant collection: ranked hits with source and score."""
    for rank, hit in enumerate(_search(query, limit, source, licence, group or []), start=1):
        console.print(f"[bold]{rank}.[/] {hit.score:.3f}  [magenta]{hit.payload.get('source_id')}[/]  "
                      f"[cyan]{hit.payload.get('source_uri')}[/]")
        console.print(f"   {_snippet(hit.payload.get('text', ''))}")


def _search(query: str, limit: int, source: str | None = None, licence: str | None = None,
            groups: list[str] | None = None):
    from llmdata.index.pipeline import RetrievalPipelineError
    from llmdata.index.retrieve import retrieve

    settings = get_settings()
    _require_collection(settings)
    try:
        return retrieve(query, settings, groups or [], limit, source, licence)
    except RetrievalPipelineError as error:
        _fail(str(error))


def _snippet(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@app.command()
def validate() -> None:
    """Check settings, the source registry, every policy file and that the services the settings name answer;
    exit 2 naming each problem."""
    from llmdata.config import INCLUDE_DIR
    from llmdata.quality.policy import PolicyError, load_policy
    from llmdata.sources.registry import RegistryError, load_registry

    problems = []
    try:
        settings = get_settings()
    except SettingsError as error:
        _fail(str(error))
    try:
        registry = load_registry(settings.sources_file)
        console.print(f"[green]ok[/] {settings.sources_file}: {len(registry.sources)} source(s)")
    except RegistryError as error:
        problems.append(str(error))
    from llmdata.transforms.pii import PiiPolicyError, load_pii_policy

    try:
        pii = load_pii_policy(settings.pii_policy_file)
        console.print(f"[green]ok[/] {settings.pii_policy_file}: PII policy v{pii.version}, "
                      f"{len(pii.entities)} entities")
    except PiiPolicyError as error:
        problems.append(str(error))
    pii_path = settings.pii_policy_file.resolve()
    policies = sorted({settings.policy_file.resolve(), *(p.resolve() for p in (INCLUDE_DIR / "policies").glob("*.yaml")
                                                         if p.resolve() != pii_path)})
    for path in policies:
        try:
            policy = load_policy(path)
            console.print(f"[green]ok[/] {path}: policy {policy.name} v{policy.version}, {len(policy.gates)} gate(s)")
        except Exception as error:  # PolicyError plus anything a broken file provokes
            problems.append(str(error) if isinstance(error, PolicyError) else f"{path}: {error}")
    for check in reachability(settings):
        if check.ok:
            console.print(f"[green]ok[/] {check.service}: {check.where}")
        else:
            problems.append(check.problem)
    if problems:
        for problem in problems:
            err.print(f"[bold red]invalid:[/] {escape(problem)}", highlight=False)
        raise typer.Exit(code=2)


@app.command()
def summary(
    query: Annotated[list[str] | None, typer.Option(help="Semantic search(es) shown at the end.")] = None,
) -> None:
    """What the pipeline produced: documents per layer, quarantine reasons, points, lineage events, a search."""
    from llmdata.index.qdrant import open_index
    from llmdata.lineage.events import read_events
    from llmdata.schemas import GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS, TABLES

    settings = get_settings()
    lake = _existing_lake(settings)
    require(settings, index=True)
    layers = Table(title="Lake (Apache Iceberg)")
    for column in ("table", "rows", "snapshot id"):
        layers.add_column(column, justify="right" if column != "table" else "left")
    for name in TABLES:
        if name.startswith("meta."):
            continue
        layers.add_row(name, str(lake.row_count(name)), str(lake.snapshot_id(name) or "-"))
    console.print(layers)
    gold = lake.read(GOLD_DOCUMENTS, columns=["source_id", "route"])
    by_source = Counter(gold["source_id"].to_pylist())
    console.print("Gold documents by source: " + ", ".join(f"{s} {n}" for s, n in sorted(by_source.items())))
    by_path = Counter(route or "standard" for route in gold["route"].to_pylist())
    console.print("Gold documents by processing path: " + ", ".join(f"{p} {n}" for p, n in sorted(by_path.items())))
    reasons = Counter(lake.read(QUARANTINE_DOCUMENTS, columns=["rule"])["rule"].to_pylist())
    quarantined = Table(title="Quarantined by rule")
    quarantined.add_column("rule")
    quarantined.add_column("documents", justify="right")
    for rule, count in reasons.most_common():
        quarantined.add_row(rule, str(count))
    console.print(quarantined)
    with open_index(settings) as index:
        points = index.count(settings.collection)
    console.print(f"Qdrant collection [bold]{settings.collection}[/] ({index.location}): [bold]{points}[/] points")
    events = read_events(settings)
    kinds = Counter(e.get("eventType") for e in events)
    embeds = [e for e in events if e["job"]["name"] == "rag_index.embed_index" and e.get("eventType") == "COMPLETE"]
    if embeds:
        last_run = embeds[-1]["run"]["facets"].get("parent", {}).get("run", {}).get("runId")
        latest = [e for e in embeds if e["run"]["facets"].get("parent", {}).get("run", {}).get("runId") == last_run]
        params = [e["run"]["facets"].get("llmdata_stage", {}).get("params", {}) for e in latest]
        total = Counter()
        for p in params:
            total.update({k: p.get(k, 0) for k in ("chunks_embedded", "points_upserted", "points_deleted",
                                                   "points_unchanged")})
        backend = next((p["backend"] for p in params if p.get("backend")), "-")
        console.print(f"Last rag_index run: {total['chunks_embedded']} chunks embedded (backend {backend}), "
                      f"points {total['points_upserted']} upserted, {total['points_deleted']} deleted, "
                      f"{total['points_unchanged']} unchanged")
    console.print(f"OpenLineage events in {settings.lineage_uri}: [bold]{len(events)}[/] "
                  + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for text in query or [] if points else []:
        console.print(f"\nTop 3 for [italic]{text!r}[/]:")
        for rank, hit in enumerate(_search(text, 3), start=1):
            console.print(f"  {rank}. {hit.score:.3f} [cyan]{hit.payload.get('source_id')}[/] "
                          f"{hit.payload.get('source_uri')}")
            console.print(f"     {_snippet(hit.payload.get('text', ''))}")


eval_app = typer.Typer(no_args_is_help=True, help="Evaluations against the built index.")
app.add_typer(eval_app, name="eval")


@eval_app.command("retrieval")
def eval_retrieval(
    queries: Annotated[Path, typer.Option("--queries", "--query-set", help="JSONL: query, expected pages, and "
                                          "optionally id, kind, split.")] = Path("include/eval_sets/retrieval.jsonl"),
    split: Annotated[str | None, typer.Option(help="Only these splits (dev; several: dev,heldout).")] = None,
    pipeline: Annotated[Path | None, typer.Option(help="Retrieval pipeline; default LLMDATA_RETRIEVAL_FILE.")] = None,
    compare: Annotated[list[str] | None, typer.Option(help="Another pipeline to score beside them: NAME=FILE "
                                                      "(repeatable).")] = None,
    resamples: Annotated[int, typer.Option(min=100, help="Bootstrap resamples for the 95 % intervals.")] = 2000,
    per_query: Annotated[bool, typer.Option("--per-query", help="Also list each query's first relevant rank.")]
    = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write every figure and rank here.")] = None,
) -> None:
    """Page-level hit@1/5, MRR@10 and nDCG@10 per query kind, for dense, sparse and the declared (hybrid)
    pipeline, with bootstrap 95 % intervals and the paired difference to dense."""
    from llmdata.index.evaluation import (
        METRICS,
        QuerySetError,
        load_queries,
        paired_difference,
        run_queries,
        standard_variants,
        summarise,
    )
    from llmdata.index.pipeline import RetrievalPipelineError, load_retrieval_pipeline

    settings = get_settings()
    try:
        chosen = load_queries(queries, split)
        declared = load_retrieval_pipeline(pipeline or settings.retrieval_file)
        variants = standard_variants(declared)
        for item in compare or []:
            name, _, file = item.partition("=")
            if not file:
                _fail(f"--compare {item!r}: write NAME=FILE")
            variants[name] = load_retrieval_pipeline(Path(file))
    except (QuerySetError, RetrievalPipelineError) as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{queries}: cannot read the query set ({error.strerror}); pass --queries")
    _require_collection(settings)
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("querying", total=len(chosen) * len(variants))
        results = run_queries(settings, chosen, variants,
                              lambda done, total: progress.update(task, completed=done))
    summary = summarise(results, resamples)
    title = f"Retrieval on {queries.name}" + (f" ({split})" if split else "") + f", {len(chosen)} queries"
    table = Table(title=title, caption="mean [bootstrap 95 % interval]; pages ranked after collapsing chunks")
    for column in ("variant", "kind", "n", *METRICS):
        table.add_column(column)
    for name, kinds in summary.items():
        for kind, figures in kinds.items():
            table.add_row(name, kind, str(figures["queries"]), *(str(figures[m]) for m in METRICS))
    console.print(table)
    differences = {}
    for name in variants:
        if name == "dense":
            continue
        for kind in summary[name]:
            difference = paired_difference(results, name, "dense", "mrr@10", kind, resamples)
            differences[f"{name}-dense/{kind}"] = difference
            console.print(f"MRR@10 {name} - dense ({kind}): {difference}")
    for name, pipeline_ in variants.items():
        console.print(f"[dim]{name}: {pipeline_.describe()}[/]")
    if per_query:
        ranks = Table(title="First acceptable page's rank")
        for column in ("id", "kind", "query", *variants):
            ranks.add_column(column)
        for i, query in enumerate(chosen):
            ranks.add_row(query.id, query.kind, query.query, *(str(results[v][i].rank or "-") for v in variants))
        console.print(ranks)
    if json_out:
        json_out.write_text(json.dumps({
            "queries": str(queries), "split": split, "pipelines": {n: p.describe() for n, p in variants.items()},
            "summary": {n: {k: {m: (v.__dict__ if m != "queries" else v) for m, v in f.items()}
                            for k, f in kinds.items()} for n, kinds in summary.items()},
            "differences": {k: v.__dict__ for k, v in differences.items()},
            "ranks": {n: {r.query.id: r.rank for r in rows} for n, rows in results.items()}}, indent=1))


def _require_collection(settings) -> None:
    from llmdata.index.qdrant import shared_index

    require(settings, index=True)
    if not shared_index(settings).count(settings.collection):
        _fail(f"collection {settings.collection!r} is empty or missing; run the rag_index DAG first")


@app.command("trace")
def trace_command(identifier: Annotated[str, typer.Argument(help="doc_id, chunk_id or Qdrant point id")]) -> None:
    """Provenance of one document: source, runs, every step and gate, and where it lives now."""
    from llmdata.trace import TraceNotFoundError, trace

    settings = get_settings()
    try:
        found = trace(_existing_lake(settings), identifier, settings.collection)
    except TraceNotFoundError as error:
        _fail(str(error))
    source = found["source"] or {}
    console.print(f"[bold]{found['doc_id']}[/] (found by {found['identified_by']} id) from source "
                  f"[magenta]{source.get('source_id')}[/] {source.get('source_uri')} licence {source.get('licence')}")
    for row in found["ingested"]:
        console.print(f"  ingested  run {row['run_id']}: {row['op']} at {row['collected_at']} "
                      f"(version {row['version']})")
    for step in found["steps"]:
        extra = f" route {step['route']}" if step["route"] else ""
        extra += f" PII {step['pii_counts']}" if step["pii_counts"] else ""
        console.print(f"  {step['step']:<10} run {step['run_id']} -> {step['table']}{extra}")
    for row in found["quarantined"]:
        console.print(f"  [red]quarantined[/] run {row['run_id']} at {row['stage']}: {row['rule']} ({row['reason']})")
    gold = found["gold"]
    if gold:
        console.print(f"  gold      run {gold['run_id']}: path {gold['route']}, lang {gold['lang']}, quality_score "
                      f"{gold['quality_score']}, weight {gold['weight']}; gates passed: "
                      f"{', '.join(gold['gates'].get('passed', []))}")
    where = found["lives_in"]
    console.print(f"  lives in  {where['lake']} ({', '.join(where['tables'])}); {where['chunks']} chunk(s) as points "
                  f"in collection {where['collection']}")


audit_app = typer.Typer(no_args_is_help=True, help="The tamper-evident lineage log and the AI Act data report.")
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the lineage log against its hash chain and the head kept in the catalog database."""
    from llmdata.lineage.chain import ChainBrokenError, verify

    try:
        result = verify(get_settings())
    except ChainBrokenError as error:
        _fail(f"lineage log does not verify: {error}")
    console.print(f"[green]ok[/] {result['batches']} sealed batch(es), {result['events_sealed']} events sealed, "
                  f"{result['events_unsealed']} not yet sealed; head {str(result['head'])[:16]}…; "
                  f"log {result['log']}; retention {result['retention_days']} days")
    if result["archived_batches"] is not None:
        console.print(f"{result['archived_batches']} of {result['batches']} batches copied to the warehouse match.")


@audit_app.command("canaries")
def audit_canaries(
    values: Annotated[Path, typer.Option("--values", help="seeded PII values, one per line")],
    airflow_home: Annotated[Path | None, typer.Option(help="scan its task logs and (SQLite) metadata database")] = None,
    airflow_db: Annotated[str | None, typer.Option(help="SQLAlchemy URL of Airflow's metadata database")] = None,
) -> None:
    """Look for seeded PII values everywhere a run leaves data, decoded: every lake table at every snapshot, the
    files beside the tables and in the data folder, every index payload, Airflow's logs and database. A canary
    planted in a scratch table must be found first. Exit status 2 when a value is found outside bronze."""
    from llmdata.canary import (
        Needles,
        positive_control,
        scan_database,
        scan_folder,
        scan_index,
        scan_lake,
        scan_warehouse_files,
    )

    settings = get_settings()
    canaries = [line.strip() for line in values.read_text().splitlines() if line.strip()]
    try:
        needles = Needles(canaries)
    except ValueError as error:
        _fail(f"{values}: {error}")
    lake = _existing_lake(settings)
    positive_control(lake)
    console.print("[green]ok[/] positive control: the canary planted in a scratch table was found")
    report = scan_lake(lake, needles)
    report.add(scan_warehouse_files(lake, needles))
    report.add(scan_folder(settings.data_path, needles, skip=[settings.data_path / "lake" / "bronze"]))
    report.add(scan_index(settings, needles))
    if airflow_home:
        report.add(scan_folder(airflow_home, needles))
    if airflow_db:
        report.add(scan_database(airflow_db, needles))
    table = Table("place", "items read", "hits")
    hits = Counter(h.place for h in report.hits)
    for place, count in sorted(report.read.items()):
        table.add_row(place, str(count), str(hits.get(place, 0)))
    console.print(table)
    leaks = report.outside_raw_layer
    for hit in leaks[:50]:
        err.print(f"[red]found[/] a seeded value in {hit.place}: {hit.where}")
    if leaks:
        _fail(f"{len(leaks)} seeded value(s) found outside bronze")
    console.print(f"[green]ok[/] {len(canaries)} value(s): none outside bronze "
                  f"({sum(1 for h in report.hits if h.raw_layer)} hit(s) in the raw layer)")


@audit_app.command("report")
def audit_report(
    run_id: Annotated[str | None, typer.Argument(help="curate run id; default: the latest in the lineage log")] = None,
) -> None:
    """Write the AI Act data report (HTML, JSON, Markdown) of a curate run, built only from lineage events."""
    from llmdata.lineage import audit
    from llmdata.lineage.chain import ChainBrokenError, verify
    from llmdata.lineage.events import read_events

    settings = get_settings()
    events = read_events(settings)
    run_id = run_id or next(iter(audit.runs(events)[-1:]), None)
    if not run_id:
        _fail("no curate run in the lineage log yet; run the curate DAG (make demo)")
    try:
        chain = verify(settings)
    except ChainBrokenError as error:
        chain = {"verified": False, "error": str(error)}
    keeping = {"log": settings.lineage_uri, "retention_days": settings.lineage_retention_days,
               "chain_head": chain.get("head"), "chain_batches": chain.get("batches"),
               "verified": chain.get("verified", True), "error": chain.get("error")}
    try:
        content = audit.build(events, run_id, keeping)
    except audit.RunNotFoundError as error:
        _fail(str(error))
    lake = _existing_lake(settings)
    folder = f"{audit.REPORT_DIR}/{run_id}"
    lake.write_file(f"{folder}/report.json", json.dumps(content, indent=1, sort_keys=True, default=str).encode())
    lake.write_file(f"{folder}/report.md", audit.to_markdown(content).encode())
    uri = lake.write_file(f"{folder}/report.html", audit.to_html(content).encode())
    steps = content["c_preparation_operations"]
    console.print(f"[bold]AI Act data report[/] for curate run {run_id}: {len(steps)} steps, "
                  f"{content['e_availability_quantity_suitability']['gold_documents']} gold documents, "
                  f"{sum(content['h_gaps_and_shortcomings']['quarantined_by_rule'].values())} quarantined; "
                  f"lineage chain {'verified' if keeping['verified'] else 'BROKEN'}")
    console.print(f"written: {uri} (+ report.json, report.md)")


@audit_app.command("seal")
def audit_seal() -> None:
    """Seal the events appended since the last seal (the DAGs do this at the end of every run)."""
    from llmdata.lineage.chain import seal

    sealed = seal(get_settings())
    console.print(f"sealed batch {sealed.batch}: events {sealed.from_line + 1}-{sealed.to_line}" if sealed
                  else "nothing new to seal")


erasure_app = typer.Typer(no_args_is_help=True, help="GDPR erasure helpers (the erasure DAG does the work).")
app.add_typer(erasure_app, name="erasure")


@erasure_app.command("hash")
def erasure_hash(
    entity: Annotated[str, typer.Option(help="PII entity type, e.g. EMAIL_ADDRESS")],
    value: Annotated[str, typer.Option(prompt=True, hide_input=True, help="the value (prompted, not echoed)")],
) -> None:
    """Print the keyed hash of a PII value, to pass as the erasure DAG's pii_hash (the value is never stored)."""
    from llmdata.erasure import pii_hash

    settings = get_settings()
    if not settings.pii_hash_key:
        _fail("LLMDATA_PII_HASH_KEY is empty; use the key the pipeline pseudonymises with")
    console.print(pii_hash(entity, value, settings.pii_hash_key.encode()))


report_app = typer.Typer(no_args_is_help=True, help="Reports of curate runs.")
app.add_typer(report_app, name="report")


@report_app.command("quality")
def report_quality(
    run_id: Annotated[str | None, typer.Argument(help="Curate run id; default: the last committed run.")] = None,
) -> None:
    """Summarise a run's quality report (the HTML with charts is beside it in the lake)."""
    from llmdata.quality.report import REPORT_DIR

    lake = _existing_lake()
    run_id = run_id or lake.offset_run("curate", "bronze.documents")
    if not run_id:
        _fail("no committed curate run yet; run the curate DAG (make demo) or name a RUN_ID")
    data = lake.read_file(f"{REPORT_DIR}/{run_id}/report.json")
    if data is None:
        _fail(f"no quality report for run {run_id!r}; list them under {lake.file_uri(REPORT_DIR)}")
    report = json.loads(data)
    docs = report["documents"]
    console.print(f"[bold]Quality report[/] run {run_id}, policy {report['policy']['name']} "
                  f"{report['policy']['version']} ({report['policy']['sha256'][:12]}…)")
    console.print(f"passed all gates: [bold]{docs['gated']}[/], quarantined: {docs['quarantined']}, "
                  f"mean quality_score: {report['quality_score']['mean']}, by path: {docs['by_path']}")
    rules = Table(title="Gates and rules")
    for column in ("rule", "passed", "failed", "pass rate"):
        rules.add_column(column, justify="left" if column == "rule" else "right")
    for rule, counts in report["rules"].items():
        total = counts["passed"] + counts["failed"]
        rules.add_row(rule, str(counts["passed"]), str(counts["failed"]), f"{counts['passed'] / max(1, total):.1%}")
    console.print(rules)
    drift = report["drift"]
    console.print(f"drift against run {drift['baseline_run']}: " + (
        drift["skipped"] or ("; ".join(drift["alarms"]) if drift["alarms"] else "no alarm")))
    overall = report["bias"].get("scopes", {}).get("overall", {}).get("groups", {})
    for group, data in overall.items():
        console.print(f"bias {group}: " + ", ".join(f"{c} {v['mentions']} mentions ({v['per_10k_words']}/10k words)"
                                                   for c, v in data["categories"].items()))
    console.print(f"review queue: {report['review']}")
    console.print(f"HTML report with charts: {lake.file_uri(f'{REPORT_DIR}/{run_id}/report.html')}")


index_app = typer.Typer(no_args_is_help=True, help="The embedded index and its service.")
app.add_typer(index_app, name="index")


@index_app.command("status")
def index_status() -> None:
    """Collections, their points and the alias, from the embedded index service (started if none runs) or the
    Qdrant server."""
    from llmdata.index.qdrant import open_index

    settings = get_settings()
    with open_index(settings) as index:
        target = index.alias_target(settings.collection)
        console.print(f"index {index.location}: alias {settings.collection} -> {target or '(none)'}")
        for name in index.names():
            console.print(f"  {name}: {index.count(name):,} points{'  <- alias' if name == target else ''}")


@index_app.command("stop")
def index_stop() -> None:
    """Stop the embedded index service (after a running build); the next caller starts it again."""
    from llmdata.index.service import stop_service

    settings = get_settings()
    if settings.qdrant_url:
        _fail("the index is a Qdrant server (LLMDATA_QDRANT_URL): there is no embedded service to stop")
    stopped = stop_service(settings.qdrant_folder)
    console.print("index service stopped" if stopped else "no index service was running")


stack_app = typer.Typer(no_args_is_help=True, help="The native stack (the compose stack without Docker).")
app.add_typer(stack_app, name="stack")
PIPELINE_DAGS = ("ingest", "curate", "rag_index")


@stack_app.command("up")
def stack_up(
    root: Annotated[Path | None, typer.Option(help="State folder; default DATA_DIR/stack.")] = None,
    api_port: Annotated[int, typer.Option(help="Airflow UI and REST API.")] = 8080,
    postgres_port: Annotated[int, typer.Option(help="PostgreSQL (Airflow metadata + Iceberg catalog).")] = 15432,
    s3_port: Annotated[int, typer.Option(help="SeaweedFS S3 (the lake); port + 10000 is its gRPC.")] = 18333,
    run_pipeline: Annotated[bool, typer.Option(help="Unpause ingest, curate and rag_index at start.")] = True,
) -> None:
    """Start Postgres, SeaweedFS (S3) and Airflow (under supervisord) on 127.0.0.1 and keep them up until Ctrl-C."""
    import signal
    import time
    from contextlib import ExitStack

    from llmdata.stack.native import Ports, running_stack

    # Stop cleanly on Ctrl-C and on SIGTERM (service managers, `kill`): the servers are shut down either way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    root = root or get_settings().data_path / "stack"
    with ExitStack() as resources:
        with console.status("starting PostgreSQL, SeaweedFS and Airflow (first start migrates the database)…"):
            try:
                stack = resources.enter_context(running_stack(root, Ports(api_port, postgres_port, s3_port)))
            except RuntimeError as error:  # a taken port, a server that did not start (StackError)
                _fail(str(error))
        api = stack.api()
        env_file = root / "stack.env"
        env_file.write_text(stack.env_file())
        if run_pipeline:
            api.wait_for_dags(set(PIPELINE_DAGS))
            for dag_id in PIPELINE_DAGS:
                api.set_paused(dag_id, False)
        console.print(f"[bold green]Stack up[/]: Airflow {stack.api_url} (user {api.username}, password "
                      f"{api.password}); lake {stack.env['LLMDATA_LAKE_URI']} on {stack.env['LLMDATA_S3_ENDPOINT']}; "
                      f"Airflow metadata and Iceberg catalog in PostgreSQL on 127.0.0.1:{postgres_port}; "
                      f"embedded Qdrant in {stack.settings().qdrant_folder}.")
        if run_pipeline:
            console.print("ingest, curate and rag_index are unpaused: ingest runs now, the others follow its assets.")
        console.print(f"Use the CLI against it: [bold]source {env_file}[/] then e.g. llmdata summary. "
                      f"Logs: {root}/airflow-services/logs (restarts in supervisord.log). Ctrl-C stops everything.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            console.print("stopping…")


@app.command("airflow-env")
def airflow_env() -> None:
    """Print the Airflow environment (OpenLineage transport, namespace) derived from the settings, for `eval`."""
    from llmdata.lineage.events import airflow_lineage_env

    for key, value in airflow_lineage_env(get_settings()).items():
        sys.stdout.write(f"export {key}={shlex.quote(value)}\n")


@app.command("airflow-pools")
def airflow_pools() -> None:
    """Create (or update) the Airflow pools the DAGs use; run after `airflow db migrate`."""
    import subprocess

    from llmdata.operators.defaults import POOLS

    for name, (slots, description) in POOLS.items():
        subprocess.run(["airflow", "pools", "set", name, str(slots), description], check=True,
                       stdout=subprocess.DEVNULL)
        console.print(f"pool {name}: {slots} slot(s)")


def main(argv: list[str] | None = None) -> None:
    """The ``llmdata`` command (``--verbose`` may stand anywhere on the line)."""
    global _verbose
    args = list(sys.argv[1:] if argv is None else argv)
    _verbose = VERBOSE in args
    app(args=[a for a in args if a != VERBOSE], prog_name="llmdata")


if __name__ == "__main__":
    main()
