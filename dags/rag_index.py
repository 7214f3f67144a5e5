"""rag_index: gold changes -> token-aware chunks -> embeddings -> Qdrant (upsert new, delete stale) -> alias."""

from __future__ import annotations

from airflow.sdk import dag

from llmdata.operators.assets import CHUNKS_INDEX, GOLD
from llmdata.operators.defaults import INDEX_POOL, dag_args
from llmdata.operators.plan import CommitOffsetOperator, PlanShardsOperator
from llmdata.operators.rag import ChunkOperator, EmbedIndexOperator, PublishIndexOperator

CONSUMER = "rag_index"


@dag(
    schedule=[GOLD],
    **dag_args(),
    tags=["llmdata", "rag"],
    doc_md=__doc__,
)
def rag_index():
    plan = PlanShardsOperator(task_id="plan", consumer=CONSUMER, table="gold.documents", mode="keyed",
                              rebuild_on_index_change=True)
    chunked = ChunkOperator.partial(task_id="chunk").expand(shard=plan.output)
    indexed = EmbedIndexOperator.partial(task_id="embed_index").expand(shard=plan.output)
    commit = CommitOffsetOperator(
        task_id="commit", consumer=CONSUMER, table="gold.documents", plan=plan.output, outlets=[CHUNKS_INDEX]
    )
    publish = PublishIndexOperator(task_id="publish_index", pool=INDEX_POOL)
    chunked >> indexed >> publish >> commit


rag_index()
