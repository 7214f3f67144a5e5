"""Quality operators of the whole run: the human review queue and the quality report (drift, bias)."""

from __future__ import annotations

import json
import logging
from typing import Any

import pyarrow as pa
from pyiceberg.expressions import EqualTo, In

from llmdata.config import Settings
from llmdata.errors import LlmdataError
from llmdata.lake import Lake
from llmdata.lineage.datasets import lake_input, lake_output
from llmdata.lineage.facets import BiasRunFacet, DecontaminationRunFacet, DriftRunFacet, RuleAlertRunFacet
from llmdata.operators.base import LakeOperator
from llmdata.quality.policy import load_policy
from llmdata.schemas import GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS, REVIEW_QUEUE, SILVER_GATED

log = logging.getLogger(__name__)
CONSUMER = "curate"


class DriftBlockedError(LlmdataError, RuntimeError):
    """The policy blocks publication on drift and this run drifted."""


class ReviewOperator(LakeOperator):
    """Honour the decisions reviewers wrote into the review CSV, then queue this run's borderline documents."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.quality.review import (
            CSV_PATH,
            apply_rejections,
            borderline,
            queue_rows,
            read_decisions,
            to_csv,
        )

        policy = load_policy(settings.policy_file)
        decisions = read_decisions(lake.read_file(CSV_PATH))
        queue = lake.read(REVIEW_QUEUE)
        pending = {r["doc_id"]: r for r in queue.to_pylist() if r["decision"] is None}
        decided = [dict(pending[d], **v, decided_run_id=run_id) for d, v in decisions.items() if d in pending]
        if decided:
            lake.upsert(REVIEW_QUEUE, pa.Table.from_pylist(decided, schema=queue.schema), run_id=run_id,
                        writer=self.task_id)
        # Every rejection on record applies to the text it was made on, wherever that text still is (this
        # run's gated rows or gold): derived from the table, so a retried task honours it again.
        records = {r["doc_id"]: r for r in queue.to_pylist()} | {d["doc_id"]: d for d in decided}
        rejections = {(r["doc_id"], r["text_sha256"]): r for r in records.values() if r["decision"] == "reject"}
        rows = lake.read(SILVER_GATED, row_filter=EqualTo("run_id", run_id))
        rejected_ids = sorted({d for d, _ in rejections})
        gold = lake.read(GOLD_DOCUMENTS, row_filter=In("doc_id", rejected_ids)) if rejected_ids else rows.slice(0, 0)
        result = apply_rejections(rows, gold, rejections, run_id)
        self.write_quarantine(lake, result, run_id, {})
        # Queue what is borderline now, unless a person already decided on that exact text.
        known = {(r["doc_id"], r["text_sha256"]) for r in records.values() if r["decision"]}
        candidates = borderline(rows, policy.review)
        candidates = candidates.filter(pa.array([(d, h) not in known for d, h in zip(
            candidates["doc_id"].to_pylist(), candidates["text_sha256"].to_pylist(), strict=True)], pa.bool_()))
        snapshot = lake.upsert(REVIEW_QUEUE, queue_rows(candidates, run_id), run_id=run_id, writer=self.task_id)
        queue = lake.read(REVIEW_QUEUE)
        csv_uri = lake.write_file(CSV_PATH, to_csv(queue))
        self._inputs.append(lake_input(settings, SILVER_GATED, lake.snapshot_id(SILVER_GATED), rows.num_rows))
        self._outputs.append(lake_output(settings, REVIEW_QUEUE, snapshot, queue.num_rows))
        log.info("review: %d new decision(s), %d rejected document(s) quarantined, %d queued, %d pending; edit %s",
                 len(decided), result.quarantined.num_rows, candidates.num_rows,
                 sum(1 for d in queue["decision"].to_pylist() if d is None), csv_uri)
        return {"stage": "review", "decided": len(decided), "rejected": result.quarantined.num_rows,
                "queued": candidates.num_rows, "csv": csv_uri}


class QualityReportOperator(LakeOperator):
    """Drift against the previous committed run, bias statistics and the run's quality report (HTML + JSON).

    Runs before publish: a policy that blocks on drift stops the run with nothing published.
    """

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.quality import report
        from llmdata.quality.alerts import MIN_RECORDS, MIN_SHARE, rule_alerts
        from llmdata.quality.bias import examine
        from llmdata.quality.drift import compare

        policy = load_policy(settings.policy_file)
        gated = lake.read(SILVER_GATED, row_filter=EqualTo("run_id", run_id))
        previous = lake.offset_run(CONSUMER, "bronze.documents")
        baseline = (lake.read(SILVER_GATED, row_filter=EqualTo("run_id", previous)) if previous
                    else gated.slice(0, 0))
        quarantined = lake.read(QUARANTINE_DOCUMENTS, row_filter=EqualTo("run_id", run_id),
                                columns=["doc_id", "source_id", "stage", "rule", "gate_results"])
        drift = compare(baseline, gated, policy.drift, previous)
        bias = examine(gated, policy.bias)
        queue = lake.read(REVIEW_QUEUE, columns=["decision", "queued_run_id"])
        review = {"queued_this_run": queue["queued_run_id"].to_pylist().count(run_id),
                  "pending": queue["decision"].to_pylist().count(None),
                  "rejected": queue["decision"].to_pylist().count("reject"),
                  "accepted": queue["decision"].to_pylist().count("accept")}
        alerts = rule_alerts(gated, quarantined)
        for alert in alerts:
            log.warning("misconfiguration? %s", alert["message"])
        content = report.build(run_id, policy.describe(), gated, baseline, quarantined, drift.describe(), bias,
                               review)
        content["rule_alerts"] = alerts
        folder = f"{report.REPORT_DIR}/{run_id}"
        json_uri = lake.write_file(f"{folder}/report.json", json.dumps(content, indent=1, default=str).encode())
        html_uri = lake.write_file(f"{folder}/report.html", report.to_html(content).encode())
        statistics = {k: {m: v for m, v in s.items() if m not in ("baseline", "current")}
                      for k, s in drift.signals.items()}
        self._run_facets["llmdata_drift"] = DriftRunFacet(
            baseline_run=previous, n_baseline=baseline.num_rows, n_current=gated.num_rows,
            action=policy.drift.action, alarms=drift.alarms, statistics=statistics, skipped=drift.skipped)
        self._run_facets["llmdata_rule_alerts"] = RuleAlertRunFacet(
            min_records=MIN_RECORDS, min_share=MIN_SHARE,
            alerts=[{k: v for k, v in a.items() if k != "message"} for a in alerts])
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
                "rule_alerts": [a["message"] for a in alerts],
                "drift_skipped": drift.skipped, "gated": gated.num_rows}
