"""Human review (L4): borderline documents go to a queue a person works through in a spreadsheet.

The queue is an Iceberg table (``review.queue``) and a CSV export of it beside the tables
(``_review/queue.csv``). A reviewer fills in ``decision`` (accept or reject), ``reviewer`` and ``note``; the
next curate run reads the CSV, records the decisions in the table and honours them: a rejected document leaves
gold (and is quarantined with rule ``review.rejected``), an accepted one is never queued again.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pyarrow as pa

from llmdata.changes import with_run
from llmdata.errors import LlmdataError
from llmdata.ids import unit_draw
from llmdata.quality.policy import ReviewPolicy
from llmdata.schemas import REVIEW, conform
from llmdata.stage import StageResult, quarantine

CSV_PATH = "_review/queue.csv"
CSV_COLUMNS = ["doc_id", "source_uri", "quality_score", "signals", "decision", "reviewer", "note"]
DECISIONS = ("accept", "reject")


class ReviewFileError(LlmdataError, ValueError):
    """The review CSV has a value the pipeline cannot honour; the message names the row and the fix."""


def borderline(rows: pa.Table, policy: ReviewPolicy) -> pa.Table:
    """The sampled share of ``rows`` whose quality_score lies in the policy's band (deterministic per doc)."""
    low, high = policy.band
    keep = []
    for doc_id, score in zip(rows["doc_id"].to_pylist(), rows["quality_score"].to_pylist(), strict=True):
        keep.append(score is not None and low <= score <= high and unit_draw(policy.seed, doc_id) < policy.share)
    return rows.filter(pa.array(keep, pa.bool_()))


def queue_rows(rows: pa.Table, run_id: str) -> pa.Table:
    """Review-queue rows for documents ``rows``."""
    now = datetime.now(UTC)
    records = []
    for row in rows.to_pylist():
        scores = json.loads(row.get("gate_results") or "{}").get("scores", {})
        records.append({
            "doc_id": row["doc_id"], "source_id": row["source_id"], "source_uri": row["source_uri"],
            "text_sha256": row["text_sha256"], "quality_score": row["quality_score"],
            "signals": "; ".join(f"{rule}={score}" for rule, score in sorted(scores.items()) if score < 1),
            "queued_run_id": run_id, "queued_at": now,
        })
    return conform(pa.Table.from_pylist(records, schema=REVIEW) if records else REVIEW.empty_table(), REVIEW)


def to_csv(queue: pa.Table) -> bytes:
    """The queue as a CSV a person edits (pending first)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in sorted(queue.to_pylist(), key=lambda r: (r["decision"] is not None, r["doc_id"])):
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in CSV_COLUMNS})
    return out.getvalue().encode("utf-8")


def read_decisions(data: bytes | None) -> dict[str, dict[str, str]]:
    """{doc_id: {decision, reviewer, note}} for the rows a person decided."""
    if not data:
        return {}
    decisions = {}
    for number, row in enumerate(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))), start=2):
        decision = (row.get("decision") or "").strip().lower()
        if not decision:
            continue
        if decision not in DECISIONS:
            raise ReviewFileError(f"{CSV_PATH} line {number}: decision {decision!r} for {row.get('doc_id')}; "
                                  f"write one of {', '.join(DECISIONS)} or leave it empty")
        decisions[row["doc_id"]] = {"decision": decision, "reviewer": (row.get("reviewer") or "").strip(),
                                    "note": (row.get("note") or "").strip()}
    return decisions


def apply_rejections(rows: pa.Table, gold: pa.Table, rejections: dict[tuple[str, str], dict], run_id: str
                     ) -> StageResult:
    """Quarantine (rule ``review.rejected``) every document of this run's ``rows`` or of ``gold`` whose
    (doc_id, text_sha256) a reviewer rejected; a new version of a rejected document is not affected."""
    in_run = set(rows["doc_id"].to_pylist())
    others = gold.filter(pa.array([d not in in_run for d in gold["doc_id"].to_pylist()], pa.bool_()))
    candidates = pa.concat_tables([rows, others.cast(rows.schema)])
    keys = list(zip(candidates["doc_id"].to_pylist(), candidates["text_sha256"].to_pylist(), strict=True))
    hits = with_run(candidates.filter(pa.array([k in rejections for k in keys], pa.bool_())), run_id)
    reasons = []
    for key in zip(hits["doc_id"].to_pylist(), hits["text_sha256"].to_pylist(), strict=True):
        decision = rejections[key]
        reasons.append(f"rejected by {decision['reviewer'] or 'a reviewer'}: {decision['note'] or 'no note'}")
    return StageResult("review", hits.num_rows, hits.slice(0, 0),
                       quarantine(hits, "review", ["review.rejected"] * hits.num_rows, reasons))
