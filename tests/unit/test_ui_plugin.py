"""The data-report pages: authenticated users only, content built from the lineage log."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from llmdata.operators.ui import app, can_read_curate_runs, can_read_runs, get_user


class _User:
    def get_name(self) -> str:
        return "auditor"


def test_report_pages_refuse_anonymous_callers():
    client = TestClient(app)
    assert client.get("/audit/").status_code == 401
    assert client.get("/audit/curate/some-run").status_code == 401


def test_an_authenticated_user_gets_the_list_and_a_run_report(settings):
    log = Path(settings.lineage_uri.removeprefix("file://"))
    log.parent.mkdir(parents=True, exist_ok=True)
    dag_run = {"airflow": {"dagRun": {"run_id": "manual__1", "dag_id": "curate"}}}
    events = [
        {"eventType": "COMPLETE", "eventTime": "2026-11-22T10:00:00Z", "job": {"name": "curate.extract"},
         "run": {"facets": dag_run | {"llmdata_stage": {"stage": "extract", "records_in": 3, "records_out": 2,
                                                        "records_quarantined": 1,
                                                        "quarantined_by_rule": {"extract.bad_json": 1}}}},
         "inputs": [{"name": "bronze.documents"}], "outputs": [{"name": "silver.extracted"}]},
    ]
    log.write_text("".join(json.dumps(e) + "\n" for e in events))
    # Who may read which DAG is the auth manager's call, tested in a real API server
    # (tests/integration/test_ui_plugin_server.py); here, a user it lets through.
    app.dependency_overrides[get_user] = _User
    app.dependency_overrides[can_read_runs] = app.dependency_overrides[can_read_curate_runs] = lambda: None
    try:
        client = TestClient(app)
        listing = client.get("/audit/")
        assert listing.status_code == 200 and 'href="curate/manual__1"' in listing.text
        page = client.get("/audit/curate/manual__1")
        assert page.status_code == 200 and "Art. 10(2)(c)" in page.text and "extract.bad_json" in page.text
        assert "feeds or follows" in client.get("/audit/ingest/manual__0").text
    finally:
        app.dependency_overrides.clear()


def test_the_plugin_registers_the_app_a_nav_entry_and_a_dag_run_tab():
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("llmdata_plugin", ROOT / "plugins" / "llmdata_plugin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plugin = module.LlmdataPlugin
    assert plugin.fastapi_apps[0]["url_prefix"] == "/llmdata"
    assert {v["destination"] for v in plugin.external_views} == {"nav", "dag_run"}
    tab = next(v for v in plugin.external_views if v["destination"] == "dag_run")
    assert tab["href"] == "llmdata/audit/{DAG_ID}/{RUN_ID}" and not tab["href"].startswith("/")
