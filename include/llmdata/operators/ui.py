"""The Airflow UI's data-report pages: a FastAPI app the plugin mounts under ``/llmdata``.

Every route asks the API server's auth manager (plugin endpoints are public by default) whether the signed-in
user may read the runs of the DAG it shows — the report list, those of ``curate`` — exactly as Airflow's own
DAG-run endpoints do: a user who cannot see the DAG in the UI gets 403 here too. Reports are built from the
lineage log on request and cached in the lake.
"""

from __future__ import annotations

import html
import json
from typing import Annotated, Any

from airflow.api_fastapi.auth.managers.models.resource_details import DagAccessEntity
from airflow.api_fastapi.core_api.security import get_user, requires_access_dag
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI(title="llmdata data reports")
User = Annotated[Any, Depends(get_user)]
REPORTED_DAG = "curate"  # data reports are written for curate runs
# The auth manager's answer to "may this user read the runs of that DAG?" (of the path's DAG; of curate's).
can_read_runs = requires_access_dag("GET", DagAccessEntity.RUN)
can_read_curate_runs = requires_access_dag("GET", DagAccessEntity.RUN, param_dag_id=REPORTED_DAG)


def _report_html(run_id: str) -> str:
    from llmdata.config import get_settings
    from llmdata.lake import Lake
    from llmdata.lineage import audit
    from llmdata.lineage.events import read_events

    settings = get_settings()
    lake = Lake(settings)
    cached = lake.read_file(f"{audit.REPORT_DIR}/{run_id}/report.html")
    if cached is not None:
        return cached.decode()
    content = audit.build(read_events(settings), run_id, {"log": settings.lineage_uri,
                                                          "retention_days": settings.lineage_retention_days})
    page = audit.to_html(content)
    lake.write_file(f"{audit.REPORT_DIR}/{run_id}/report.json", json.dumps(content, sort_keys=True,
                                                                           default=str).encode())
    lake.write_file(f"{audit.REPORT_DIR}/{run_id}/report.html", page.encode())
    return page


@app.get("/audit/", response_class=HTMLResponse,
         dependencies=[Depends(can_read_curate_runs)])
def list_reports(user: User) -> str:
    """Every curate run in the lineage log, linking to its report."""
    from llmdata.config import get_settings
    from llmdata.lineage import audit
    from llmdata.lineage.events import read_events

    runs = audit.runs(read_events(get_settings()))
    items = "".join(f'<li><a href="curate/{html.escape(r)}">{html.escape(r)}</a></li>' for r in reversed(runs))
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>Data reports</title></head><body>"
            f"<h1>AI Act data reports</h1><p>Signed in as {html.escape(str(user.get_name()))}.</p>"
            f"<ul>{items or '<li>no curate run yet</li>'}</ul></body></html>")


@app.get("/audit/{dag_id}/{run_id}", response_class=HTMLResponse,
         dependencies=[Depends(can_read_runs)])
def run_report(dag_id: str, run_id: str, user: User) -> str:
    """The data report of one curate run (the tab on each DAG run)."""
    from llmdata.lineage.audit import RunNotFoundError

    if dag_id != REPORTED_DAG:
        return (f"<p>Data reports are written for curate runs; {html.escape(dag_id)} feeds or follows them. "
                "Open the curate run's tab.</p>")
    try:
        return _report_html(run_id)
    except RunNotFoundError as error:
        return f"<p>{html.escape(str(error))}</p>"
