"""curate: bronze changes -> extract -> learn boilerplate (run-wide) -> normalise -> early gates -> redact PII
-> language + tokens -> mid gates
-> dedup -> late gates -> human review -> quality report (drift, bias) -> publish to gold -> training export."""

from __future__ import annotations

from airflow.sdk import dag

from llmdata.operators.assets import BRONZE, GOLD
from llmdata.operators.curate import (
    AnnotateOperator,
    BoilerplateOperator,
    DedupOperator,
    ExtractOperator,
    NormalizeOperator,
    PublishOperator,
    QualityGateOperator,
    RedactPIIOperator,
)
from llmdata.operators.defaults import dag_args
from llmdata.operators.export import ExportTrainingOperator
from llmdata.operators.plan import CommitOffsetOperator, PlanShardsOperator
from llmdata.operators.quality import QualityReportOperator, ReviewOperator

CONSUMER = "curate"


@dag(
    schedule=[BRONZE],
    **dag_args(),
    tags=["llmdata", "curation"],
    doc_md=__doc__,
)
def curate():
    plan = PlanShardsOperator(task_id="plan", consumer=CONSUMER, table="bronze.documents", mode="appended",
                              reprocess_on_policy_change=True)
    extracted = ExtractOperator.partial(task_id="extract").expand(shard=plan.output)
    boilerplate = BoilerplateOperator(task_id="boilerplate")
    normalized = NormalizeOperator.partial(task_id="normalize").expand(shard=plan.output)
    screened = QualityGateOperator.partial(task_id="gate_early", stage="early").expand(shard=plan.output)
    redacted = RedactPIIOperator.partial(task_id="redact_pii").expand(shard=plan.output)
    annotated = AnnotateOperator.partial(task_id="annotate").expand(shard=plan.output)
    filtered = QualityGateOperator.partial(task_id="gate_mid", stage="mid").expand(shard=plan.output)
    dedup = DedupOperator(task_id="dedup")
    gated = QualityGateOperator.partial(task_id="gate_late", stage="late").expand(shard=plan.output)
    review = ReviewOperator(task_id="review")
    report = QualityReportOperator(task_id="quality_report")
    publish = PublishOperator(task_id="publish", plan=plan.output)
    export = ExportTrainingOperator(task_id="export_training")
    commit = CommitOffsetOperator(
        task_id="commit", consumer=CONSUMER, table="bronze.documents", plan=plan.output, record_policy=True,
        outlets=[GOLD]
    )
    extracted >> boilerplate >> normalized >> screened >> redacted >> annotated >> filtered >> dedup >> gated
    gated >> review >> report >> publish >> export >> commit


curate()
