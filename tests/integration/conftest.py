"""Integration fixtures: the real services of tests/services.py, started once per test run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from llmdata.stack.services import Postgres, S3Server, free_port, running_postgres, running_s3

__all__ = ["free_port"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    with running_s3() as server:
        yield server
