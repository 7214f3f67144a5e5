"""Quality operators of the whole run: the human review queue and the quality report (drift, bias)."""

from __future__ import annotations

import json
import logging
from typing import Any

import pyarrow as pa
from pyiceberg.expressions import EqualTo, In

from llmdata.config import Settings
from llmdata.lake import Lake
from llmdata.lineage.datasets import lake_input, lake_output
from llmdata.lineage.facets import BiasRunFacet, DecontaminationRunFacet, DriftRunFacet
from llmdata.operators.base import LakeOperator
from llmdata.quality.policy import load_policy
from llmdata.schemas import GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS, REVIEW_QUEUE, SILVER_GATED
from llmdata.stage import StageResult, quarantine

log = logging.getLogger(__name__)
CONSUMER = "curate"


class DriftBlockedError(RuntimeError):
    """The policy blocks publication on drift and this run drifted."""


class ReviewOperator(LakeOperator):
    """Honour the decisions reviewers wrote into the review CSV, then queue this run's borderline documents."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.quality.review import CSV_PATH, borderline, queue_rows, read_decisions, to_csv

        policy = load_policy(settings.policy_file)
        decisions = read_decisions(lake.read_file(CSV_PATH))
        queue = lake.read(REVIEW_QUEUE)
        pending = {r["doc_id"]: r for r in queue.to_pylist() if r["decision"] is None}
        decided = [dict(pending[d], **v, decided_run_id=run_id) for d, v in decisions.items() if d in pending]
        rejected = [d["doc_id"] for d in decided if d["decision"] == "reject"]
        if decided:
            lake.upsert(REVIEW_QUEUE, pa.Table.from_pylist(decided, schema=queue.schema), run_id=run_id,
                        writer=self.task_id)
        # A rejected document leaves gold at publish: quarantine it (from this run's gated rows or from gold).
        rows = lake.read(SILVER_GATED, row_filter=EqualTo("run_id", run_id))
        in_run = rows.filter(pa.array([d in rejected for d in rows["doc_id"].to_pylist()], pa.bool_()))
        from_gold = [d for d in rejected if d not in set(in_run["doc_id"].to_pylist())]
        gold = lake.read(GOLD_DOCUMENTS, row_filter=In("doc_id", from_gold)) if from_gold else rows.slice(0, 0)
        hits = pa.concat_tables([in_run, gold.cast(rows.schema)])
        notes = {d["doc_id"]: d for d in decided}
        result = StageResult("review", hits.num_rows, hits.slice(0, 0), quarantine(
            hits, "review", ["review.rejected"] * hits.num_rows,
            [f"rejected by {notes[d]['reviewer'] or 'a reviewer'}: {notes[d]['note'] or 'no note'}"
             for d in hits["doc_id"].to_pylist()]))
        self.write_quarantine(lake, result, run_id, {})
        # Queue what is borderline now, unless a person already decided on that exact text.
        known = {(r["doc_id"], r["text_sha256"]) for r in lake.read(REVIEW_QUEUE).to_pylist() if r["decision"]}
        candidates = borderline(rows, policy.review)
        candidates = candidates.filter(pa.array([(d, h) not in known for d, h in zip(
            candidates["doc_id"].to_pylist(), candidates["text_sha256"].to_pylist(), strict=True)], pa.bool_()))
        snapshot = lake.upsert(REVIEW_QUEUE, queue_rows(candidates, run_id), run_id=run_id, writer=self.task_id)
        queue = lake.read(REVIEW_QUEUE)
        csv_uri = lake.write_file(CSV_PATH, to_csv(queue))
        self._inputs.append(lake_input(settings, SILVER_GATED, lake.snapshot_id(SILVER_GATED), rows.num_rows))
        self._outputs.append(lake_output(settings, REVIEW_QUEUE, snapshot, queue.num_rows))
        log.info("review: %d decision(s) honoured (%d rejected), %d document(s) queued, %d pending; edit %s",
                 len(decided), len(rejected), candidates.num_rows,
                 sum(1 for d in queue["decision"].to_pylist() if d is None), csv_uri)
        return {"stage": "review", "decided": len(decided), "rejected": len(rejected),
                "queued": candidates.num_rows, "csv": csv_uri}


class QualityReportOperator(LakeOperator):
    """Drift against the previous committed run, bias statistics and the run's quality report (HTML + JSON).

    Runs before publish: a policy that blocks on drift stops the run with nothing published.
    """

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.quality import report
        from llmdata.quality.bias import examine
        from llmdata.quality.drift import compare

        policy = load_policy(settings.policy_file)
        gated = lake.read(SILVER_GATED, row_filter=EqualTo("run_id", run_id))
        previous = lake.offset_run(CONSUMER, "bronze.documents")
        baseline = (lake.read(SILVER_GATED, row_filter=EqualTo("run_id", previous)) if previous
                    else gated.slice(0, 0))
        quarantined = lake.read(QUARANTINE_DOCUMENTS, row_filter=EqualTo("run_id", run_id),
                                columns=["doc_id", "stage", "rule", "gate_results"])
        drift = compare(baseline, gated, policy.drift, previous)
        bias = examine(gated, policy.bias)
        queue = lake.read(REVIEW_QUEUE, columns=["decision", "queued_run_id"])
        review = {"queued_this_run": queue["queued_run_id"].to_pylist().count(run_id),
                  "pending": queue["decision"].to_pylist().count(None),
                  "rejected": queue["decision"].to_pylist().count("reject"),
                  "accepted": queue["decision"].to_pylist().count("accept")}
        content = report.build(run_id, policy.describe(), gated, baseline, quarantined, drift.describe(), bias,
                               review)
        folder = f"{report.REPORT_DIR}/{run_id}"
        json_uri = lake.write_file(f"{folder}/report.json", json.dumps(content, indent=1, default=str).encode())
        html_uri = lake.write_file(f"{folder}/report.html", report.to_html(content).encode())
        statistics = {k: {m: v for m, v in s.items() if m not in ("baseline", "current")}
                      for k, s in drift.signals.items()}
        self._run_facets["llmdata_drift"] = DriftRunFacet(
            baseline_run=previous, n_baseline=baseline.num_rows, n_current=gated.num_rows,
            action=policy.drift.action, alarms=drift.alarms, statistics=statistics, skipped=drift.skipped)
        self._run_facets["llmdata_bias"] = BiasRunFacet(groups=bias["scopes"].get("overall", {}).get("groups", {}),
                                                        notes=policy.bias.notes)
        decontamination = next((c for g in policy.gates for c in g.checks if c.name == "decontamination"), None)
        if decontamination is not None:
            self._run_facets["llmdata_decontamination"] = DecontaminationRunFacet(
                eval_sets=list(decontamination.eval_sets), ngram=decontamination.ngram,
                documents_removed=sum(1 for r in quarantined["rule"].to_pylist() if r.endswith(".decontamination")))
        self._inputs.append(lake_input(settings, SILVER_GATED, lake.snapshot_id(SILVER_GATED), gated.num_rows))
        for alarm in drift.alarms:
            log.warning("drift against run %s: %s", previous, alarm)
        log.info("quality report: %s", html_uri)
        if drift.alarms and policy.drift.action == "block":
            raise DriftBlockedError(f"the policy blocks on drift and this run drifted from run {previous}: "
                                    f"{'; '.join(drift.alarms)}; nothing is published (report: {html_uri})")
        return {"stage": "quality_report", "report": html_uri, "json": json_uri, "drift_alarms": drift.alarms,
                "drift_skipped": drift.skipped, "gated": gated.num_rows}
