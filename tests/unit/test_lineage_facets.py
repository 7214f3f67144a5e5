from __future__ import annotations

import json

import jsonschema
import pytest
from openlineage.client.serde import Serde

from llmdata.lineage.datasets import lake_output
from llmdata.lineage.facets import (
    FACETS,
    BiasRunFacet,
    DecontaminationRunFacet,
    DedupRunFacet,
    DriftRunFacet,
    EmbeddingRunFacet,
    ErasureRunFacet,
    PiiRunFacet,
    PolicyRunFacet,
    RoutingRunFacet,
    RuleAlertRunFacet,
    SourceDatasetFacet,
    SourceHealthRunFacet,
    StageRunFacet,
    StepsRunFacet,
    load_schema,
)

EXAMPLES = {
    "llmdata_rule_alerts": RuleAlertRunFacet(min_records=20, min_share=0.9, alerts=[
        {"source_id": "chat", "rule": "structural.length_bounds", "quarantined": 24, "records": 25, "share": 0.96}]),
    "llmdata_stage": StageRunFacet(stage="dedup", records_in=10, records_out=8, records_quarantined=2,
                                   quarantined_by_rule={"dedup.exact": 2}, params={"method": "exact"}),
    "llmdata_steps": StepsRunFacet(steps=[{"step": "normalize", "records_in": 10, "records_out": 9,
                                           "records_quarantined": 1, "quarantined_by_rule": {"normalize.empty": 1},
                                           "seconds": 0.5}], batches=1, shard=0),
    "llmdata_policy": PolicyRunFacet(name="default", version="1.0.0", sha256="a" * 64, path="policy.yaml"),
    "llmdata_source": SourceDatasetFacet(source_id="wiki", connector="files", licence="MIT", owner="me",
                                         purpose="tests", legal_basis=None, velocity="batch", structure="semi",
                                         reliability="guaranteed", sensitivity="internal"),
    "llmdata_source_health": SourceHealthRunFacet(source_id="api", status="degraded", reason="breaker open",
                                                  transient_failures=5, removals_detected=False, required=False),
    "llmdata_pii": PiiRunFacet(entities={"EMAIL_ADDRESS": 3}, operators={"EMAIL_ADDRESS": "placeholder"},
                               documents_with_pii=2, documents_dropped=0, policy_version="1.0.0",
                               policy_sha256="b" * 64),
    "llmdata_dedup": DedupRunFacet(method="exact_sha256", duplicates=2, clusters=1),
    "llmdata_embedding": EmbeddingRunFacet(model="m", revision="r", backend="torch", dimension=384,
                                           collection="c", index_location="file:///q", chunker_version="v"),
    "llmdata_routing": RoutingRunFacet(step="redact_pii", paths={"deep": {"documents": 3, "seconds": 0.5,
                                                                          "docs_per_s": 6.0}},
                                       rule_hits={"default": 3}),
    "llmdata_drift": DriftRunFacet(baseline_run=None, n_baseline=40, n_current=35, action="warn",
                                   alarms=["lang mix: PSI 0.412"], statistics={"lang": {"psi": 0.412}}),
    "llmdata_bias": BiasRunFacet(groups={"gender": {"female": {"mentions": 3}}}, notes="n"),
    "llmdata_decontamination": DecontaminationRunFacet(eval_sets=["eval_sets/qa.jsonl"], ngram=13,
                                                       documents_removed=1),
    "llmdata_erasure": ErasureRunFacet(reason="GDPR Art. 17", documents=1, rows_deleted={"gold.documents": 1},
                                       snapshots_expired={"gold.documents": [1, 2]}, files_removed=3),
}


@pytest.mark.parametrize("key", sorted(FACETS))
def test_every_custom_facet_validates_against_its_shipped_json_schema(key):
    facet = json.loads(Serde.to_json(EXAMPLES[key]))
    jsonschema.validate(facet, load_schema(key))
    assert facet["_schemaURL"].endswith(f"{type(EXAMPLES[key]).__name__}.json#/$defs/{type(EXAMPLES[key]).__name__}")


def test_schema_rejects_a_facet_carrying_text():
    facet = json.loads(Serde.to_json(EXAMPLES["llmdata_stage"]))
    facet["sample_text"] = "Reported by Anna Schneider (anna.schneider@northwind.example)"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(facet, load_schema("llmdata_stage"))


def test_lake_output_records_the_snapshot_as_dataset_version(settings):
    dataset = json.loads(Serde.to_json(lake_output(settings, "gold.documents", 42, rows=7,
                                                   assertions=[("structural.min_words", False, 3)])))
    assert dataset["name"] == "gold.documents"
    assert dataset["namespace"] == settings.warehouse
    assert dataset["facets"]["version"]["datasetVersion"] == "42"
    assert dataset["outputFacets"]["outputStatistics"]["rowCount"] == 7
    assert dataset["facets"]["dataQualityAssertions"]["assertions"][0]["success"] is False
    assert {f["name"] for f in dataset["facets"]["schema"]["fields"]} >= {"doc_id", "text", "run_id"}


def test_gate_outputs_carry_quality_metrics_of_the_numeric_signals(settings):
    from tests.conftest import ROLLBACK, RUNBOOK, make_documents

    rows = make_documents({"a": RUNBOOK, "b": ROLLBACK}, quality_score=0.5, weight=0.5)
    dataset = json.loads(Serde.to_json(lake_output(settings, "silver.gated", 7, rows=2, metrics=rows)))
    metrics = dataset["facets"]["dataQualityMetrics"]
    assert metrics["rowCount"] == 2
    assert metrics["columnMetrics"]["quality_score"]["max"] == 0.5
    assert metrics["columnMetrics"]["n_chars"]["min"] == min(len(RUNBOOK), len(ROLLBACK))


def test_column_lineage_marks_redaction_as_masking(settings):
    from llmdata.lineage.datasets import column_lineage

    facet = json.loads(Serde.to_json(column_lineage(settings, "silver.screened", {
        "text": ("text", "PII replaced per the PII policy", True)})))
    field = facet["fields"]["text"]["inputFields"][0]
    assert (field["name"], field["field"]) == ("silver.screened", "text")
    assert field["transformations"][0]["masking"] is True
