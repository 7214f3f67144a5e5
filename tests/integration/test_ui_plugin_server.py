"""The data-report plugin inside a real Airflow API server: login through the auth manager, then the pages."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from llmdata.stack.native import airflow_env
from llmdata.stack.services import free_port
from tests.conftest import ROOT

BIN = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin"


def _get(url: str, token: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def api_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("airflow-ui")
    data = root / "data"
    log = data / "lake" / "_lineage" / "events.jsonl"
    log.parent.mkdir(parents=True)
    run = {"airflow": {"dagRun": {"run_id": "manual__ui", "dag_id": "curate"}}}
    log.write_text(json.dumps({
        "eventType": "COMPLETE", "eventTime": "2026-11-22T10:00:00Z", "job": {"name": "curate.gate_early"},
        "run": {"facets": run | {"llmdata_stage": {"stage": "gate_early", "records_in": 5, "records_out": 4,
                                                   "records_quarantined": 1,
                                                   "quarantined_by_rule": {"structural.min_words": 1}}}},
        "inputs": [{"name": "silver.normalized"}], "outputs": [{"name": "silver.screened"}]}) + "\n")
    port = free_port()
    # Two viewers in two teams (the Simple auth manager's multi-team mode): the DAGs folder belongs to team
    # "data", so dana may read curate's runs and webb may not.
    bundles = [{"name": "dags-folder", "classpath": "airflow.dag_processing.bundles.local.LocalDagBundle",
                "kwargs": {"path": str(ROOT / "dags")}, "team_name": "data"}]
    env = airflow_env(root / "airflow") | {
        "LLMDATA_DATA_DIR": str(data), "AIRFLOW__CORE__MULTI_TEAM": "True",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin,dana:viewer:data,webb:viewer:web",
        "AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_CONFIG_LIST": json.dumps(bundles),
        "AIRFLOW__API__HOST": "127.0.0.1", "AIRFLOW__API__PORT": str(port),
    }
    setup = (["db", "migrate"], ["teams", "create", "data"], ["teams", "create", "web"], ["dags", "reserialize"],
             ["dags", "trigger", "curate", "--run-id", "manual__ui"])
    for command in setup:
        subprocess.run([str(BIN / "airflow"), *command], env=env, check=True, capture_output=True, timeout=300)
    server = subprocess.Popen([str(BIN / "airflow"), "api-server", "--port", str(port)], env=env,
                              stdout=(root / "api-server.log").open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if _get(f"{base}/api/v2/monitor/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        else:
            pytest.fail(f"api-server did not start; log: {(root / 'api-server.log').read_text()[-2000:]}")
        passwords = json.loads((root / "airflow" / "simple_auth_manager_passwords.json.generated").read_text())
        tokens = {}
        for user in ("admin", "dana", "webb"):
            body = json.dumps({"username": user, "password": passwords[user]}).encode()
            request = urllib.request.Request(f"{base}/auth/token", data=body,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                tokens[user] = json.loads(response.read())["access_token"]
        root.joinpath("tokens.json").write_text(json.dumps(tokens))
        yield base, tokens["admin"], root
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_plugin_pages_need_an_airflow_login(api_server):
    base, _, _ = api_server
    assert _get(f"{base}/llmdata/audit/")[0] == 401
    assert _get(f"{base}/llmdata/audit/curate/manual__ui")[0] == 401


def test_a_logged_in_user_sees_the_run_list_and_the_run_report(api_server):
    base, token, _ = api_server
    status, page = _get(f"{base}/llmdata/audit/", token)
    assert status == 200 and "manual__ui" in page and "Signed in as admin" in page
    status, page = _get(f"{base}/llmdata/audit/curate/manual__ui", token)
    assert status == 200 and "Art. 10(2)(c)" in page and "structural.min_words" in page


def test_the_report_is_shown_only_to_users_who_may_read_the_dag(api_server):
    """The auth manager decides per DAG, as for Airflow's own DAG-run pages: dana's team owns the DAGs, webb's
    does not."""
    base, _, root = api_server
    tokens = json.loads((root / "tokens.json").read_text())
    assert _get(f"{base}/api/v2/dags/curate", tokens["webb"])[0] == 403  # Airflow itself refuses webb too
    for path in ("/llmdata/audit/", "/llmdata/audit/curate/manual__ui"):
        status, page = _get(base + path, tokens["dana"])
        assert status == 200 and "manual__ui" in page, path
        status, page = _get(base + path, tokens["webb"])
        assert status == 403 and "manual__ui" not in page, path


def test_the_ui_lists_the_nav_entry_and_the_dag_run_tab(api_server):
    base, token, _ = api_server
    status, body = _get(f"{base}/api/v2/plugins", token)
    assert status == 200
    views = {v["url_route"]: v for p in json.loads(body)["plugins"] for v in p.get("external_views", [])}
    assert views["llmdata-run-report"]["destination"] == "dag_run"
    assert views["llmdata-data-reports"]["destination"] == "nav"


CHROMIUM = Path("/usr/bin/chromium")


def test_the_run_tab_shows_the_report_in_a_real_browser(api_server):
    """Headless Chromium: log in through the auth manager's form, open the curate run's tab, read the report."""
    from playwright.sync_api import sync_playwright

    base, _, root = api_server
    assert CHROMIUM.exists(), "Chromium missing: make test installs Debian's chromium"
    password = json.loads((root / "airflow" / "simple_auth_manager_passwords.json.generated").read_text())["admin"]
    artifacts = ROOT / "data" / "test-artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/")
        page.wait_for_selector("input[name=username]", timeout=60_000)
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", password)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "login" not in url, timeout=60_000)
        page.goto(f"{base}/dags/curate/runs/manual__ui/plugin/llmdata-run-report")
        frame = None
        for _ in range(60):
            frame = next((f for f in page.frames if "llmdata/audit/curate/manual__ui" in f.url), None)
            if frame is not None and "Art. 10(2)(c)" in frame.content():
                break
            page.wait_for_timeout(500)
        page.screenshot(path=str(artifacts / "ui-data-report-tab.png"), full_page=True)
        assert frame is not None, page.content()[:2000]
        assert "Art. 10(2)(c)" in frame.content() and "structural.min_words" in frame.content()
        browser.close()


def test_the_connection_test_button_reaches_qdrant_through_the_provider_hook(api_server, qdrant_listener):
    """The Qdrant provider's connection type, tested by the API server (what the form's Test button calls)."""
    base, token, _ = api_server
    port, seen = qdrant_listener
    body = json.dumps({"connection_id": "llmdata_qdrant", "conn_type": "qdrant", "host": "127.0.0.1",
                       "port": port, "extra": json.dumps({"prefix": "svc"})}).encode()
    request = urllib.request.Request(f"{base}/api/v2/connections/test", data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    assert answer["status"] is True, answer
    assert "/svc/collections" in [path for path, _ in seen]
