"""The quality report of one curate run: JSON for machines, HTML with charts for people.

Everything in it is counts, distributions and parameters; no document text.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections import Counter
from typing import Any

import pyarrow as pa

REPORT_DIR = "_reports/quality"


def rule_pass_rates(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per rule: documents that passed and failed it, from ``gate_results`` of kept and rejected rows."""
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        results = json.loads(row.get("gate_results") or "{}")
        for outcome in ("passed", "failed"):
            for rule in results.get(outcome, []):
                counts.setdefault(rule, {"passed": 0, "failed": 0})[outcome] += 1
        if row.get("rule") and row.get("stage", "").startswith("gate_"):
            entry = counts.setdefault(row["rule"], {"passed": 0, "failed": 0})
            if row["rule"] not in results.get("failed", []):
                entry["failed"] += 1
    return dict(sorted(counts.items()))


def build(run_id: str, policy: dict[str, Any], gated: pa.Table, baseline: pa.Table, quarantined: pa.Table,
          drift: dict[str, Any], bias: dict[str, Any], review: dict[str, Any]) -> dict[str, Any]:
    """The report's content (JSON-serialisable)."""
    gate_rejects = [r for r in quarantined.to_pylist() if (r.get("stage") or "").startswith("gate_")]
    scores = [s for s in gated["quality_score"].to_pylist() if s is not None]
    return {
        "run_id": run_id,
        "policy": {k: policy[k] for k in ("name", "version", "sha256")},
        "documents": {"gated": gated.num_rows, "quarantined": quarantined.num_rows,
                      "quarantined_by_stage": dict(Counter(quarantined["stage"].to_pylist())),
                      "quarantined_by_rule": dict(Counter(quarantined["rule"].to_pylist()).most_common()),
                      "by_path": dict(Counter(r or "standard" for r in gated["route"].to_pylist())),
                      "by_language": dict(Counter(gated["lang"].to_pylist()).most_common()),
                      "by_source": dict(Counter(gated["source_id"].to_pylist()).most_common())},
        "quality_score": {"values": scores, "baseline": [s for s in baseline["quality_score"].to_pylist()
                                                         if s is not None] if baseline.num_rows else [],
                          "mean": round(sum(scores) / len(scores), 4) if scores else None},
        "weights": {"sum": round(sum(w or 0 for w in gated["weight"].to_pylist()), 2)},
        "rules": rule_pass_rates(gated.to_pylist() + gate_rejects),
        "n_chars": {"current": gated["n_chars"].to_pylist(),
                    "baseline": baseline["n_chars"].to_pylist() if baseline.num_rows else []},
        "drift": drift,
        "bias": bias,
        "review": review,
    }


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def charts(report: dict[str, Any]) -> dict[str, str]:
    """Base64 PNG charts: score histogram, pass rates per rule, length and language drift, bias."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    fig, ax = plt.subplots(figsize=(6, 3))
    q = report["quality_score"]
    ax.hist([q["values"], q["baseline"]] if q["baseline"] else [q["values"]], bins=20, range=(0, 1),
            label=["this run", "previous run"][: 2 if q["baseline"] else 1])
    ax.set_xlabel("quality_score")
    ax.set_ylabel("documents")
    ax.legend()
    out["quality_score"] = _png(fig)

    rules = report["rules"]
    if rules:
        fig, ax = plt.subplots(figsize=(6, 0.35 * len(rules) + 1))
        names = list(rules)
        rates = [r["passed"] / max(1, r["passed"] + r["failed"]) for r in rules.values()]
        ax.barh(names, rates, color=["#2b8a3e" if r == 1 else "#e8590c" for r in rates])
        ax.set_xlim(0, 1)
        ax.set_xlabel("pass rate")
        ax.invert_yaxis()
        out["pass_rates"] = _png(fig)

    fig, ax = plt.subplots(figsize=(6, 3))
    current, baseline = report["n_chars"]["current"], report["n_chars"]["baseline"]
    ax.hist([current, baseline] if baseline else [current], bins=30, log=False,
            label=["this run", "previous run"][: 2 if baseline else 1])
    ax.set_xlabel("characters per document")
    ax.legend()
    out["length_drift"] = _png(fig)

    langs = report["drift"].get("signals", {}).get("lang")
    mix = langs["current"] if langs else {k: v / max(1, report["documents"]["gated"])
                                          for k, v in report["documents"]["by_language"].items()}
    fig, ax = plt.subplots(figsize=(6, 2.5))
    keys = sorted(set(mix) | set(langs["baseline"] if langs else {}))
    ax.bar([k + " now" for k in keys], [mix.get(k, 0) for k in keys], color="#1971c2")
    if langs:
        ax.bar([k + " before" for k in keys], [langs["baseline"].get(k, 0) for k in keys], color="#adb5bd")
    ax.set_ylabel("share of documents")
    out["language_mix"] = _png(fig)

    overall = report["bias"].get("scopes", {}).get("overall")
    if overall:
        fig, axes = plt.subplots(1, len(overall["groups"]), figsize=(6, 2.5), squeeze=False)
        for ax, (group, data) in zip(axes[0], overall["groups"].items(), strict=True):
            ax.bar(list(data["categories"]), [c["per_10k_words"] for c in data["categories"].values()])
            ax.set_title(group)
            ax.set_ylabel("mentions / 10k words")
            ax.tick_params(axis="x", rotation=30)
        out["bias"] = _png(fig)
    return out


def _table(rows: list[list[Any]], head: list[str]) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def to_html(report: dict[str, Any]) -> str:
    """A self-contained HTML page (charts inlined) for one run."""
    images = charts(report)

    def img(key: str, alt: str) -> str:
        return f'<img alt="{alt}" src="data:image/png;base64,{images[key]}">' if key in images else ""

    docs, drift, bias = report["documents"], report["drift"], report["bias"]
    alarms = "".join(f"<li>{html.escape(a)}</li>" for a in drift.get("alarms", [])) or "<li>none</li>"
    alerts = "".join(f"<li>{html.escape(a['message'])}</li>" for a in report.get("rule_alerts", [])) or "<li>none</li>"
    bias_rows = []
    for scope, data in bias.get("scopes", {}).items():
        for group, g in data["groups"].items():
            for category, c in g["categories"].items():
                bias_rows.append([scope, group, category, c["mentions"], c["per_10k_words"], c["documents_share"]])
    rules = [[rule, r["passed"], r["failed"], f"{r['passed'] / max(1, r['passed'] + r['failed']):.1%}"]
             for rule, r in report["rules"].items()]
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Quality report {html.escape(report['run_id'])}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#212529}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #dee2e6;padding:4px 8px;text-align:left}}
h2{{border-bottom:1px solid #dee2e6}}.warn{{color:#c92a2a}}</style></head><body>
<h1>Quality report</h1>
<p>Run <code>{html.escape(report['run_id'])}</code>, policy <b>{html.escape(report['policy']['name'])}</b>
{html.escape(report['policy']['version'])} (sha256 <code>{report['policy']['sha256'][:16]}…</code>)</p>
<h2>Documents</h2>
{_table([[k, v] for k, v in [("passed all gates", docs['gated']), ("quarantined", docs['quarantined']),
                              ("quality_score mean", report['quality_score']['mean']),
                              ("sum of sampling weights", report['weights']['sum'])]], ["", ""])}
{_table([[k, v] for k, v in docs['quarantined_by_rule'].items()], ["quarantine rule", "documents"])}
{_table([[k, v] for k, v in docs['by_path'].items()], ["processing path", "documents"])}
<h2>Rules that quarantined most of a source</h2>
<ul class="warn">{alerts}</ul>
<h2>Quality score</h2>{img('quality_score', 'quality score histogram')}
<h2>Pass rate per gate and rule</h2>{img('pass_rates', 'pass rates')}
{_table(rules, ["rule", "passed", "failed", "pass rate"])}
<h2>Drift against the previous run</h2>
<p>Baseline: {html.escape(str(drift.get('baseline_run')))} ({drift.get('n_baseline', 0)} documents);
{html.escape(drift.get('skipped') or '')}</p>
<ul class="warn">{alarms}</ul>
{_table([[k, json.dumps({m: v for m, v in s.items() if m not in ('baseline', 'current')} or s)]
         for k, s in drift.get('signals', {}).items()], ["signal", "statistics"])}
{img('length_drift', 'length distribution')}{img('language_mix', 'language mix')}
<h2>Bias examination (AI Act Art. 10(2)(f))</h2><p>{html.escape(bias.get('notes', ''))}</p>
{img('bias', 'term group representation')}
{_table(bias_rows, ["scope", "group", "category", "mentions", "per 10k words", "share of documents"])}
<h2>Human review</h2>{_table([[k, v] for k, v in report['review'].items()], ["", ""])}
</body></html>"""
