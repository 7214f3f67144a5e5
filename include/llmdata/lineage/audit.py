"""The AI Act data report of one curate run (Art. 10(2) and Annex IV 2(d)), built only from lineage events.

Nothing here reads the lake or the policy files: every statement comes from the OpenLineage events the tasks
emitted (standard facets and this project's ``llmdata_*`` facets), so the report can be rebuilt by anyone who
has the log, and rebuilding it from the same events gives the same report.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections import Counter
from typing import Any

from llmdata.curation import order
from llmdata.errors import LlmdataError

REPORT_DIR = "_reports/audit"


class RunNotFoundError(LlmdataError, LookupError):
    """No lineage events for this DAG run."""


IN_MEMORY = "(in memory)"  # between steps that one shard task runs without a lake write


def _dag_run(event: dict[str, Any]) -> str | None:
    facets = event.get("run", {}).get("facets", {})
    return (facets.get("airflow", {}).get("dagRun") or facets.get("airflowDagRun", {}).get("dagRun") or {}).get(
        "run_id")


def _dag(event: dict[str, Any]) -> str:
    return event["job"]["name"].split(".", 1)[0]


def runs(events: list[dict[str, Any]], dag_id: str = "curate") -> list[str]:
    """DAG run ids of ``dag_id`` in the order their events appear."""
    return list(dict.fromkeys(r for e in events if _dag(e) == dag_id and (r := _dag_run(e))))


def build(events: list[dict[str, Any]], run_id: str, record_keeping: dict[str, Any]) -> dict[str, Any]:
    """The report's content for curate run ``run_id`` (JSON-serialisable)."""
    mine = [e for e in events if _dag_run(e) == run_id and "." in e["job"]["name"]]
    if not mine:
        raise RunNotFoundError(f"no lineage events for run {run_id!r}; known curate runs: {runs(events)[-5:]}")
    done = [e for e in mine if e["eventType"] == "COMPLETE"]
    start = min(e["eventTime"] for e in mine)
    previous = [r for r in runs(events) if r != run_id and min(e["eventTime"] for e in events
                                                                if _dag_run(e) == r) < start]
    since = min((e["eventTime"] for e in events if previous and _dag_run(e) == previous[-1]), default="")
    ingests = [e for e in events if _dag(e) == "ingest" and e["eventType"] == "COMPLETE" and since <= e["eventTime"]
               < start]

    def facet(name: str, job: str | None = None) -> list[dict[str, Any]]:
        return [e["run"]["facets"][name] for e in done if name in e["run"]["facets"]
                and (job is None or e["job"]["name"].endswith(f".{job}"))]

    policy = next(iter(facet("llmdata_policy")), {})
    pii = facet("llmdata_pii")
    dedup = next(iter(facet("llmdata_dedup")), {})
    routing = next((f for f in facet("llmdata_routing", "extract") if f.get("routing")), {})
    sources = {}
    for event in ingests:
        for dataset in event.get("inputs", []):
            if "llmdata_source" in dataset.get("facets", {}):
                source = dataset["facets"]["llmdata_source"]
                sources[source["source_id"]] = {k: v for k, v in source.items() if not k.startswith("_")}
    health = [e["run"]["facets"]["llmdata_source_health"] for e in ingests if "llmdata_source_health"
              in e["run"]["facets"]]
    steps: dict[str, dict[str, Any]] = {}

    def entry(name: str) -> dict[str, Any]:
        return steps.setdefault(name, {"step": name, "tasks": 0, "records_in": 0, "records_out": 0,
                                       "records_quarantined": 0, "quarantined_by_rule": Counter(), "params": {},
                                       "inputs": set(), "outputs": set()})

    for event in sorted(done, key=lambda e: e["eventTime"]):
        facets = event["run"]["facets"]
        job = event["job"]["name"].split(".", 1)[1]
        inputs = {d["name"] for d in event.get("inputs", [])}
        outputs = {d["name"] for d in event.get("outputs", [])}
        # A shard segment ran several steps in memory: each gets its own row, the datasets go to its ends.
        parts = facets.get("llmdata_steps", {}).get("steps") or [None]
        for i, part in enumerate(parts):
            row = entry(part["step"] if part else job)
            row["tasks"] += 1
            row["inputs"] |= inputs if i == 0 else {IN_MEMORY}
            row["outputs"] |= outputs if i == len(parts) - 1 else {IN_MEMORY}
            counts = part or facets.get("llmdata_stage")
            if counts:
                for key in ("records_in", "records_out", "records_quarantined"):
                    row[key] += counts.get(key, 0)
                row["quarantined_by_rule"].update(counts.get("quarantined_by_rule", {}))
            if not part and "llmdata_stage" in facets:
                row["params"] = {k: v for k, v in facets["llmdata_stage"].get("params", {}).items() if k != "shard"}
    position = {name: i for i, name in enumerate(["plan", *order(), "commit"])}
    operations = [dict(s, quarantined_by_rule=dict(s["quarantined_by_rule"]), inputs=sorted(s["inputs"]),
                       outputs=sorted(s["outputs"]))
                  for s in sorted(steps.values(), key=lambda s: position.get(s["step"], len(position)))]
    publish = steps.get("publish", {}).get("params", {})
    drift = next(iter(facet("llmdata_drift")), {})
    bias = next(iter(facet("llmdata_bias")), {})
    quarantine = Counter()
    for s in operations:
        quarantine.update(s["quarantined_by_rule"])
    entities = Counter()
    for f in pii:
        entities.update(f.get("entities", {}))
    return {
        "run_id": run_id, "dag": "curate", "started": start, "events": len(mine),
        "a_design_choices": {
            "quality_policy": {k: policy.get(k) for k in ("name", "version", "sha256", "path")},
            "pii_policy": {"version": pii[0]["policy_version"], "sha256": pii[0]["policy_sha256"],
                           "operators": pii[0]["operators"]} if pii else {},
            "routing": routing.get("routing", {}), "dedup": {"method": dedup.get("method"),
                                                              **dedup.get("params", {})},
        },
        "b_collection_and_origin": {
            "sources": sources, "ingest_runs": sorted({r for e in ingests if (r := _dag_run(e))}),
            "personal_data": {s: {"legal_basis": v.get("legal_basis"), "purpose": v.get("purpose")}
                              for s, v in sources.items() if v.get("legal_basis")},
        },
        "c_preparation_operations": operations,
        "d_assumptions": policy.get("assumptions", ""),
        "e_availability_quantity_suitability": {
            "gold_documents": publish.get("gold_documents"), "published_this_run": steps.get("publish", {}).get(
                "records_out"), "languages": publish.get("languages", {}), "sources": publish.get("sources", {}),
            "paths": publish.get("paths", {}), "tokens": publish.get("tokens"),
            "time_range": [publish.get("collected_from"), publish.get("collected_to")],
        },
        "f_g_bias_examination_and_measures": {"groups": bias.get("groups", {}), "measures": bias.get("notes", "")},
        "h_gaps_and_shortcomings": {
            "quarantined_by_rule": dict(quarantine.most_common()),
            "pii_entities_redacted": dict(entities.most_common()),
            "degraded_sources": [h for h in health if h.get("status") != "ok"],
            "drift_alarms": drift.get("alarms", []), "drift_skipped": drift.get("skipped"),
        },
        "annex_iv_2d_datasheet": {
            "name": "gold.documents", "version_this_run": next(
                (d["facets"]["version"]["datasetVersion"] for e in done if e["job"]["name"].endswith(".publish")
                 for d in e.get("outputs", []) if d["name"] == "gold.documents" and "version" in d["facets"]), None),
            "provenance": sorted(sources), "labelling": "none (unlabelled text); quality_score and weight are "
                                                        "computed from the policy's checks",
            "cleaning": [s["step"] for s in operations],
        },
        "record_keeping": record_keeping,
    }


def _png(figure: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def charts(report: dict[str, Any]) -> dict[str, str]:
    """The lineage graph (steps and the datasets between them) and records per step."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = report["c_preparation_operations"]
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(steps) + 1))
    for i, step in enumerate(steps):
        y = len(steps) - i
        ax.text(0.36, y, step["step"], ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "round", "fc": "#d0ebff", "ec": "#1971c2"})
        ax.text(0.02, y, ", ".join(step["inputs"])[:48], ha="left", va="center", fontsize=7, color="#495057")
        ax.text(0.52, y, "→ " + ", ".join(step["outputs"])[:60], ha="left", va="center", fontsize=7,
                color="#2b8a3e")
        if i:
            ax.annotate("", xy=(0.36, y + 0.25), xytext=(0.36, y + 0.75), arrowprops={"arrowstyle": "<-"})
    ax.set_xlim(0, 1)
    ax.set_ylim(0.3, len(steps) + 0.7)
    ax.axis("off")
    out = {"lineage": _png(fig)}
    fig, ax = plt.subplots(figsize=(7, 3))
    names = [s["step"] for s in steps]
    ax.bar(names, [s["records_out"] for s in steps], label="out", color="#2b8a3e")
    ax.bar(names, [s["records_quarantined"] for s in steps], bottom=[s["records_out"] for s in steps],
           label="quarantined", color="#e8590c")
    ax.tick_params(axis="x", rotation=60)
    ax.set_ylabel("records")
    ax.legend()
    out["records"] = _png(fig)
    return out


def _section_rows(value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [(str(k), json.dumps(v, default=str) if not isinstance(v, str) else v) for k, v in value.items()]
    return [("", json.dumps(value, default=str) if not isinstance(value, str) else value)]


SECTIONS = [
    ("a_design_choices", "Art. 10(2)(a) Design choices"),
    ("b_collection_and_origin", "Art. 10(2)(b) Data collection processes and origin"),
    ("c_preparation_operations", "Art. 10(2)(c) Data preparation operations, in order"),
    ("d_assumptions", "Art. 10(2)(d) Assumptions"),
    ("e_availability_quantity_suitability", "Art. 10(2)(e) Availability, quantity and suitability"),
    ("f_g_bias_examination_and_measures", "Art. 10(2)(f)-(g) Bias examination and measures"),
    ("h_gaps_and_shortcomings", "Art. 10(2)(h) Data gaps and shortcomings"),
    ("annex_iv_2d_datasheet", "Annex IV 2(d) Datasheet"),
    ("record_keeping", "Record-keeping (Art. 12)"),
]


def to_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown."""
    lines = [f"# Data report: curate run {report['run_id']}", "", f"Built from {report['events']} lineage events.",
             ""]
    for key, title in SECTIONS:
        lines += [f"## {title}", ""]
        if key == "c_preparation_operations":
            lines += ["| step | tasks | in | out | quarantined | rules |", "|---|---|---|---|---|---|"]
            lines += [f"| {s['step']} | {s['tasks']} | {s['records_in']} | {s['records_out']} | "
                      f"{s['records_quarantined']} | {json.dumps(s['quarantined_by_rule'])} |"
                      for s in report[key]]
        else:
            lines += [f"- **{k}**: {v}" if k else v for k, v in _section_rows(report[key])]
        lines.append("")
    return "\n".join(lines)


def to_html(report: dict[str, Any]) -> str:
    """A self-contained HTML page with the lineage graph and records per step."""
    images = charts(report)
    body = []
    for key, title in SECTIONS:
        body.append(f"<h2>{html.escape(title)}</h2>")
        if key == "c_preparation_operations":
            body.append(f'<img alt="lineage graph" src="data:image/png;base64,{images["lineage"]}">')
            body.append(f'<img alt="records per step" src="data:image/png;base64,{images["records"]}">')
            rows = "".join(f"<tr><td>{html.escape(s['step'])}</td><td>{s['tasks']}</td><td>{s['records_in']}</td>"
                           f"<td>{s['records_out']}</td><td>{s['records_quarantined']}</td>"
                           f"<td>{html.escape(json.dumps(s['quarantined_by_rule']))}</td>"
                           f"<td>{html.escape(json.dumps(s['params'], default=str)[:300])}</td></tr>"
                           for s in report[key])
            body.append("<table><tr><th>step</th><th>tasks</th><th>in</th><th>out</th><th>quarantined</th>"
                        f"<th>rules</th><th>parameters</th></tr>{rows}</table>")
        else:
            rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                           for k, v in _section_rows(report[key]))
            body.append(f"<table>{rows}</table>")
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data report "
            f"{html.escape(report['run_id'])}</title><style>body{{font-family:system-ui,sans-serif;max-width:1000px;"
            "margin:2em auto}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #dee2e6;"
            "padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}</style></head><body>"
            f"<h1>AI Act data report</h1><p>curate run <code>{html.escape(report['run_id'])}</code>, started "
            f"{html.escape(report['started'])}; built from {report['events']} lineage events only.</p>"
            + "".join(body) + "</body></html>")
