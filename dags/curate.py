"""curate: bronze changes -> the steps declared in llmdata.curation.CURATE -> gold.

plan freezes the run (bronze snapshots, each shard's row groups, removed ids); then one task per segment of the
step list: `extract` per shard (raw text staged in bronze), `boilerplate` over the run, `normalize_to_minhash`
per shard (normalize, early gates, PII redaction, language + tokens, mid gates, in memory), `dedup`,
`gate_late`, `review`, `quality_report`, `publish`, `export_training`; commit records the offset and drops the
staged raw text."""

from __future__ import annotations

from airflow.sdk import chain, dag

from llmdata.curation import INPUT
from llmdata.operators.assets import BRONZE, GOLD
from llmdata.operators.curate import curate_tasks, staging_tables
from llmdata.operators.defaults import dag_args
from llmdata.operators.plan import CommitOffsetOperator, PlanShardsOperator

CONSUMER = "curate"


@dag(
    schedule=[BRONZE],
    **dag_args(),
    tags=["llmdata", "curation"],
    doc_md=__doc__,
)
def curate():
    plan = PlanShardsOperator(task_id="plan", consumer=CONSUMER, table=INPUT, mode="appended",
                              reprocess_on_policy_change=True)
    steps = curate_tasks(plan.output)  # one task per segment of llmdata.curation.CURATE, chained in order
    commit = CommitOffsetOperator(task_id="commit", consumer=CONSUMER, table=INPUT, plan=plan.output,
                                  record_policy=True, drop_run_rows=staging_tables(), outlets=[GOLD])
    chain(plan, steps[0])
    chain(steps[-1], commit)


curate()
