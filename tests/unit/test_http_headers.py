"""Parsing of HTTP headers the connector acts on (values, not timing: nothing here sleeps or measures time)."""

from __future__ import annotations

from llmdata.sources.http import retry_after_seconds


def test_retry_after_header_is_parsed_as_delta_seconds_or_an_http_date():
    assert retry_after_seconds("3", 1.0) == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 1.0) == 0.0  # a date in the past: no wait
    assert retry_after_seconds("soon", 1.0) == 1.0  # unparseable: the caller's default
