"""erasure (GDPR Art. 17): remove documents everywhere — lake layers and their history, Qdrant, caches, exports —
verify nothing remains, and tombstone them so the next ingest does not bring them back."""

from __future__ import annotations

from airflow.sdk import Param, dag

from llmdata.operators.defaults import INDEX_POOL, dag_args
from llmdata.operators.erasure import EraseOperator


@dag(
    schedule=None,
    **dag_args(),
    tags=["llmdata", "gdpr"],
    render_template_as_native_obj=True,  # doc_ids stays a list
    doc_md=__doc__,
    params={
        "doc_ids": Param([], type="array", description="doc_ids to erase"),
        "uri_pattern": Param("", type="string", description="source-URI glob, e.g. file:///corpus/hr/*"),
        "pii_hash": Param("", type="string", description="keyed hash of a PII value (llmdata erasure hash)"),
        "reason": Param("GDPR Art. 17 request", type="string"),
    },
)
def erasure():
    EraseOperator(task_id="erase", pool=INDEX_POOL, doc_ids="{{ params.doc_ids }}",
                  uri_pattern="{{ params.uri_pattern }}", pii_hash="{{ params.pii_hash }}",
                  reason="{{ params.reason }}")


erasure()
