"""The stack without Docker: the compose file's parts started natively on 127.0.0.1.

PostgreSQL (Debian's package) holds Airflow's metadata and the Iceberg catalog, SeaweedFS stands in for MinIO as
the S3 warehouse, Qdrant runs embedded (no Qdrant server binary is on the registries here; the compose stack runs
the server), and supervisord runs Airflow's api-server, scheduler, dag-processor and triggerer against Postgres
with the LocalExecutor, restarting any that exits (llmdata.stack.supervised). ``make stack`` keeps its state under
``DATA_DIR/stack``; ``make stack-test`` starts a throwaway one and drives the DAG chain through the REST API.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from llmdata.config import ENV_PREFIX, PROJECT_ROOT, Settings, load_settings
from llmdata.errors import LlmdataError
from llmdata.operators.defaults import POOLS
from llmdata.stack.api import AirflowAPI
from llmdata.stack.services import Postgres, S3Server, free_port, is_free, running_postgres, running_s3
from llmdata.stack.supervised import SupervisedAirflow, supervised_airflow

BUCKET = "llmdata-lake"
ADMIN = "admin"
PASSWORDS_FILE = "simple_auth_manager_passwords.json.generated"
COMPONENTS = ("metadatabase", "scheduler", "triggerer", "dag_processor")


class StackError(LlmdataError, RuntimeError):
    """A part of the native stack did not start; the message names it and its log."""


@dataclass(frozen=True)
class Ports:
    """Where the stack listens on 127.0.0.1 (0 = any free port)."""

    api: int = 8080
    postgres: int = 15432
    s3: int = 18333  # SeaweedFS also takes this + 10000 for gRPC


@dataclass(frozen=True)
class NativeStack:
    """A running native stack: its folder, the environment every Airflow component and task sees, the API."""

    root: Path
    env: dict[str, str]
    api_url: str
    postgres: Postgres | None = None  # Airflow's metadata, the Iceberg catalog (and any SQL source of a test)
    s3: S3Server | None = None  # the warehouse
    airflow: SupervisedAirflow | None = None  # its components, their logs and restarts

    def api(self) -> AirflowAPI:
        """A REST client logged in as the admin user (the API server generated its password)."""
        passwords = json.loads((Path(self.env["AIRFLOW_HOME"]) / PASSWORDS_FILE).read_text())
        return AirflowAPI(self.api_url, ADMIN, passwords[ADMIN])

    def settings(self) -> Settings:
        """The pipeline's settings inside the stack (S3 lake, Postgres catalog)."""
        return _settings(self.env)

    def env_file(self) -> str:
        """``export`` lines that point the ``llmdata`` CLI at this stack."""
        import shlex

        keys = sorted(k for k in self.env if k.startswith(("LLMDATA_", "AIRFLOW_HOME", "AIRFLOW__DATABASE")))
        return "".join(f"export {k}={shlex.quote(self.env[k])}\n" for k in keys)


def airflow_env(airflow_home: Path) -> dict[str, str]:
    """This process's environment without any ``LLMDATA_*``/``AIRFLOW*`` value, plus what every Airflow
    process of this repository needs: its home, these DAGs and plugins, no examples, no model hub."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LLMDATA_", "AIRFLOW"))}
    return env | {
        "PATH": f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
        "AIRFLOW_HOME": str(airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(PROJECT_ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__TEST_CONNECTION": "Enabled",  # the connection forms' Test button, as in the compose stack
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }


def stack_env(root: Path, postgres_url: str, catalog_url: str, s3_endpoint: str, s3_key: str, s3_secret: str,
              api_port: int, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the native stack: Airflow against Postgres, the pipeline against S3 + Postgres."""
    from llmdata.lineage.events import airflow_lineage_env

    env = airflow_env(root / "airflow") | {
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        # Two cores here: a few tasks at a time, each shard task is already batch-parallel inside.
        "AIRFLOW__CORE__PARALLELISM": "4",
        # Re-parse an unchanged DAG file every 5 minutes, not every 30 s: parsing took 14-20 CPU-seconds of a 2-core
        # machine per curate run. An edited DAG file is still parsed at once (file_parsing_sort_mode=modified_time).
        "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "300",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{ADMIN}:admin",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": postgres_url,
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(api_port),
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{api_port}",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
        "LLMDATA_DATA_DIR": str(root / "data"),
        "LLMDATA_LAKE_URI": f"s3://{BUCKET}/warehouse",
        "LLMDATA_CATALOG_URI": catalog_url,
        "LLMDATA_S3_ENDPOINT": s3_endpoint,
        "LLMDATA_S3_ACCESS_KEY_ID": s3_key,
        "LLMDATA_S3_SECRET_ACCESS_KEY": s3_secret,
        "LLMDATA_DEADLINE_MINUTES": "180",  # deadline alerts, as in the compose stack
    }
    env |= overrides or {}
    return env | airflow_lineage_env(_settings(env))


def _settings(env: dict[str, str]) -> Settings:
    """The settings an environment's ``LLMDATA_*`` values make."""
    return load_settings(**{k.removeprefix(ENV_PREFIX).lower(): v for k, v in env.items()
                            if k.startswith(ENV_PREFIX)})


@contextmanager
def running_stack(root: Path, ports: Ports | None = None, overrides: dict[str, str] | None = None,
                  persist: bool = True, startup_timeout: float = 300) -> Iterator[NativeStack]:
    """Start Postgres, SeaweedFS and Airflow's components; stop them all at the end.

    With ``persist`` the servers keep their data under ``root`` and a restart continues from it; without it
    (tests) Postgres and SeaweedFS live in temporary folders deleted at the end.
    """
    ports = ports or Ports()
    if ports.api and not is_free(ports.api):
        raise StackError(f"port {ports.api} for the Airflow API server is taken (another `make stack` or "
                         "`make airflow`?); stop it or choose another port (llmdata stack up --api-port)")
    root = root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        postgres = stack.enter_context(running_postgres(root / "postgres" if persist else None,
                                                        ports.postgres or None))
        s3 = stack.enter_context(running_s3(root / "s3" if persist else None, ports.s3 or None))
        s3.create_bucket(BUCKET)
        api_port = ports.api or free_port()
        env = stack_env(root, postgres.create_database("airflow"), postgres.create_database("iceberg"),
                        s3.endpoint, s3.access_key, s3.secret_key, api_port, overrides)
        Path(env["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
        _airflow(env, root, "db", "migrate")
        for name, (slots, description) in POOLS.items():
            _airflow(env, root, "pools", "set", name, str(slots), description)
        airflow = stack.enter_context(supervised_airflow(root / "airflow-services", env))
        api_url = f"http://127.0.0.1:{api_port}"
        _wait_healthy(api_url, airflow, startup_timeout)
        yield NativeStack(root, env, api_url, postgres, s3, airflow)


def _airflow(env: dict[str, str], root: Path, *args: str) -> None:
    done = subprocess.run([str(Path(sys.executable).with_name("airflow")), *args], env=env, capture_output=True,
                          text=True, timeout=900)
    if done.returncode != 0:
        (root / "airflow-setup.log").write_text(done.stdout + done.stderr)
        raise StackError(f"airflow {' '.join(args)} failed; log {root / 'airflow-setup.log'}:\n"
                         f"{(done.stdout + done.stderr)[-2000:]}")


def _wait_healthy(api_url: str, airflow: SupervisedAirflow, timeout: float) -> None:
    """Wait until the API answers and every component reports healthy."""
    deadline = time.monotonic() + timeout
    status: dict = {}
    while time.monotonic() < deadline:
        if airflow.process.poll() is not None:
            raise StackError(f"supervisord exited with {airflow.process.returncode}:\n{airflow.tail()}")
        try:
            status = httpx.get(f"{api_url}/api/v2/monitor/health", timeout=5).json()
            if all((status.get(c) or {}).get("status") == "healthy" for c in COMPONENTS):
                return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(2)
    raise StackError(f"Airflow at {api_url} not healthy within {timeout:.0f}s ({status}):\n{airflow.tail()}")
