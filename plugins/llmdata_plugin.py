"""Airflow plugin: the AI Act data report as a nav entry and as a tab on every DAG run."""

from __future__ import annotations

from typing import ClassVar

from airflow.plugins_manager import AirflowPlugin

from llmdata.operators.ui import app


class LlmdataPlugin(AirflowPlugin):
    name = "llmdata"
    fastapi_apps: ClassVar[list] = [{"app": app, "url_prefix": "/llmdata", "name": "llmdata data reports"}]
    external_views: ClassVar[list] = [
        {"name": "Data reports", "href": "llmdata/audit/", "destination": "nav", "category": "browse",
         "url_route": "llmdata-data-reports"},
        {"name": "Data report", "href": "llmdata/audit/{DAG_ID}/{RUN_ID}", "destination": "dag_run",
         "url_route": "llmdata-run-report"},
    ]
