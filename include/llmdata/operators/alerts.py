"""Failure and deadline alerts through Airflow Notifiers.

Every alert is logged (:class:`LogNotifier`); ``LLMDATA_ALERT_NOTIFIERS`` adds the providers' own notifiers, each
given as ``kind:connection_id`` so credentials stay in Airflow connections:

* ``http:llmdata_alerts`` — a JSON POST through the HTTP provider's ``HttpNotifier`` (an incoming webhook of
  Teams, Opsgenie, Mattermost…: the connection's host is the webhook URL);
* ``slack:llmdata_slack`` — ``SlackWebhookNotifier`` (a Slack incoming-webhook connection);
* ``apprise:llmdata_apprise`` — ``AppriseNotifier`` (any of Apprise's services, configured in the connection).

Alerts carry ids and the error's first 500 characters, never data.
"""

from __future__ import annotations

import logging
from typing import Any

from airflow.sdk import BaseNotifier

from llmdata.config import get_settings
from llmdata.errors import LlmdataError

log = logging.getLogger("llmdata.alerts")

# Rendered by each notifier against the failed task's context (Jinja, like an operator's templated fields).
# The sandbox hides an exception's class; its repr (pprint) names it: RuntimeError('...').
FAILURE_TEXT = ("llmdata task failed: {{ ti.dag_id }}.{{ ti.task_id }} run {{ run_id }} (try {{ ti.try_number }}): "
                "{{ exception | pprint | truncate(500) }}")
DEADLINE_TEXT = "llmdata DAG run late: {{ dag_run.dag_id }} {{ dag_run.run_id }} still not finished after its deadline"
KINDS = ("http", "slack", "apprise")


class AlertConfigError(LlmdataError, ValueError):
    """``LLMDATA_ALERT_NOTIFIERS`` names a notifier that cannot be built; the message says which and why."""


class LogNotifier(BaseNotifier):
    """One ERROR line, ``ALERT <text>``, in the task's (or the triggerer's) log: the alert that always arrives."""

    template_fields = ("text",)

    def __init__(self, text: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.text = text

    def notify(self, context: Any) -> None:
        log.error("ALERT %s", self.text)

    async def async_notify(self, context: Any) -> None:
        self.notify(context)


def _payload(text: str) -> dict[str, str]:
    """The JSON an incoming webhook gets: ``text`` (what Slack, Teams and Mattermost display) and the ids."""
    return {"text": text, "dag_id": "{{ ti.dag_id if ti else dag_run.dag_id }}",
            "task_id": "{{ ti.task_id if ti else '' }}", "run_id": "{{ run_id or dag_run.run_id }}"}


def build_notifier(spec: str, text: str) -> BaseNotifier:
    """The notifier ``kind:connection_id`` sending ``text`` (a Jinja template over the callback's context)."""
    kind, _, conn_id = spec.strip().partition(":")
    if kind not in KINDS or not conn_id:
        raise AlertConfigError(f"LLMDATA_ALERT_NOTIFIERS: {spec!r} is not kind:connection_id with kind one of "
                               f"{', '.join(KINDS)} (e.g. http:llmdata_alerts)")
    try:
        if kind == "http":
            from airflow.providers.http.notifications.http import HttpNotifier

            return HttpNotifier(http_conn_id=conn_id, json=_payload(text),
                                headers={"Content-Type": "application/json"})
        if kind == "slack":
            from airflow.providers.slack.notifications.slack_webhook import SlackWebhookNotifier

            return SlackWebhookNotifier(slack_webhook_conn_id=conn_id, text=text)
        from airflow.providers.apprise.notifications.apprise import AppriseNotifier

        return AppriseNotifier(apprise_conn_id=conn_id, title="llmdata alert", body=text)
    except ImportError as error:
        raise AlertConfigError(f"LLMDATA_ALERT_NOTIFIERS: {spec!r} needs apache-airflow-providers-{kind} "
                               f"({error})") from None


def notifiers(text: str) -> list[BaseNotifier]:
    """The log notifier and every notifier ``LLMDATA_ALERT_NOTIFIERS`` names, each sending ``text``."""
    specs = [s for s in get_settings().alert_notifiers.split(",") if s.strip()]
    return [LogNotifier(text), *(build_notifier(spec, text) for spec in specs)]


def failure_notifiers() -> list[BaseNotifier]:
    """``on_failure_callback`` of every task."""
    return notifiers(FAILURE_TEXT)


async def deadline_missed(context: dict[str, Any] | None = None, **kwargs: Any) -> None:
    """Deadline alert (runs in the triggerer): the DAG run has not finished ``LLMDATA_DEADLINE_MINUTES`` after it
    was queued — a stuck source, a lost worker or a backlog. Same notifiers as failures; one that fails to deliver
    is logged and does not stop the others."""
    context = dict(context or {})
    context.setdefault("dag_run", None)
    context.setdefault("ti", None)
    context.setdefault("run_id", None)
    for notifier in notifiers(DEADLINE_TEXT):
        notifier.context = context  # the async protocol reads the context from the notifier
        try:
            await notifier
        except Exception as error:  # an alert that cannot be delivered must not hide the others
            log.error("alert through %s failed: %s", type(notifier).__name__, error)
