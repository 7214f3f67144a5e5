"""Static checks of the Docker stack (no Docker engine here): the compose file is complete and consistent."""

from __future__ import annotations

import re

import yaml

from llmdata.config import ENV_PREFIX, Settings
from tests.conftest import ROOT, env_file_values

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yaml").read_text())
SERVICES = COMPOSE["services"]
# One-shot jobs (migrations, bucket creation) exit when done; their dependents wait for successful completion.
ONE_SHOT = {name for name, s in SERVICES.items()
            if any(c.get("condition") == "service_completed_successfully"
                   for other in SERVICES.values() for dep, c in (other.get("depends_on") or {}).items()
                   if dep == name)}


def test_every_long_running_service_has_a_healthcheck():
    missing = [name for name, s in SERVICES.items() if name not in ONE_SHOT and "healthcheck" not in s]
    assert missing == []
    assert {"airflow-init", "minio-init"} == ONE_SHOT


def test_every_image_is_pinned():
    for name, service in SERVICES.items():
        image = service["image"]
        assert ":" in image and not image.endswith((":latest", ":main")), f"{name}: {image}"


def test_every_variable_the_compose_file_uses_is_documented_in_env_example():
    used = set(re.findall(r"(?<!\$)\$\{([A-Z0-9_]+)", (ROOT / "docker-compose.yaml").read_text()))  # $${X}: container
    documented = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert used and used <= documented, sorted(used - documented)


def test_the_pipeline_settings_the_stack_sets_exist_in_the_code():
    env = COMPOSE["x-airflow-common"]["environment"]
    fields = {f"{ENV_PREFIX}{name.upper()}" for name in Settings.model_fields}
    assert {k for k in env if k.startswith(ENV_PREFIX)} <= fields


def test_depends_on_has_no_cycle_and_names_real_services():
    graph = {name: set(s.get("depends_on") or {}) for name, s in SERVICES.items()}
    assert set().union(*graph.values()) <= set(graph)
    done: set[str] = set()
    while graph.keys() - done:
        ready = {n for n in graph.keys() - done if graph[n] <= done}
        assert ready, f"cycle among {sorted(graph.keys() - done)}"
        done |= ready


def test_published_ports_do_not_collide_and_bind_to_localhost():
    ports = [p for s in SERVICES.values() for p in s.get("ports", [])]
    hosts = [p.rsplit(":", 1)[0] for p in ports]
    assert len(hosts) == len(set(hosts))
    assert all(p.startswith("127.0.0.1:") for p in ports)


def test_make_secrets_writes_fresh_values_and_never_overwrites(tmp_path):
    import subprocess
    import sys

    out = tmp_path / ".env"
    for _ in range(2):
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_secrets.py"), "--out", str(out)],
                              capture_output=True, text=True)
    assert done.returncode != 0 and "exists" in done.stderr  # the second run refuses
    values = env_file_values(out)
    from cryptography.fernet import Fernet

    Fernet(values["AIRFLOW_FERNET_KEY"].encode())  # a valid key
    assert values["POSTGRES_PASSWORD"] != "change-me" and len(values["AIRFLOW_JWT_SECRET"]) >= 48
    assert oct(out.stat().st_mode)[-3:] == "600"


def test_lineage_goes_to_marquez_and_to_the_sealed_jsonl_log_at_once():
    import json

    transport = json.loads(COMPOSE["x-airflow-common"]["environment"]["AIRFLOW__OPENLINEAGE__TRANSPORT"])
    assert transport["type"] == "composite"
    kinds = {t["type"]: t for t in transport["transports"].values()}
    assert kinds["http"]["url"] == "http://marquez:5000"
    data_dir = COMPOSE["x-airflow-common"]["environment"]["LLMDATA_DATA_DIR"]
    # With an s3:// lake the file transport writes under the data folder, where the sealing code reads it.
    assert kinds["file"]["log_file_path"] == f"{data_dir}/_lineage/events.jsonl"


def test_the_pipeline_uses_a_least_privilege_minio_user_not_root():
    env = COMPOSE["x-airflow-common"]["environment"]
    assert env["LLMDATA_S3_ACCESS_KEY_ID"] == "${LAKE_ACCESS_KEY}"
    assert "MINIO_ROOT" not in json_dump(env)
    init = " ".join(SERVICES["minio-init"]["command"])
    assert "mc admin user add" in init and "policy attach lake lake-rw" in init
    assert '"s3:PutObject"' in init and "s3:*" not in init


def json_dump(value: object) -> str:
    import json

    return json.dumps(value)


def test_the_airflow_connections_of_the_stack_resolve_to_the_stack_services(settings, monkeypatch):
    from llmdata.config import get_settings
    from llmdata.operators.connections import task_settings

    env = COMPOSE["x-airflow-common"]["environment"]
    for key, value in env.items():
        if key.startswith(("AIRFLOW_CONN_", ENV_PREFIX)) and key != f"{ENV_PREFIX}DATA_DIR":
            monkeypatch.setenv(key, re.sub(r"\$\{(\w+)\}", lambda m: f"secret-{m.group(1).lower()}", str(value)))
    get_settings.cache_clear()
    resolved = task_settings()
    assert resolved.s3_endpoint == "http://minio:9000"
    assert resolved.s3_access_key_id == "secret-lake_access_key"  # the pipeline's MinIO user, not root
    assert resolved.catalog_uri.split("://", 1)[1] == "airflow:secret-postgres_password@postgres:5432/iceberg"
    assert (resolved.qdrant_url, resolved.qdrant_api_key) == ("http://qdrant:6333", "secret-qdrant_api_key")


def test_every_variable_in_env_example_comes_with_a_comment():
    """A variable line belongs to a run of variable lines that a comment introduces."""
    uncommented, described = [], False
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith("#"):
            described = not line.startswith("# ----")  # section rulers name a group, not a variable
        elif not line.strip():
            described = False
        elif re.match(r"^[A-Z0-9_]+=", line) and not described:
            uncommented.append(line.split("=", 1)[0])
    assert uncommented == []


def test_the_admin_password_is_set_by_airflow_init_only():
    common = COMPOSE["x-airflow-common"]["environment"]
    passwords_file = common["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
    # The file lives on the volume every Airflow component mounts, so the api-server reads what init wrote.
    assert passwords_file.startswith(common["LLMDATA_DATA_DIR"] + "/")
    init = SERVICES["airflow-init"]
    assert init["environment"]["AIRFLOW_ADMIN_PASSWORD"] == "${AIRFLOW_ADMIN_PASSWORD}"
    assert passwords_file in " ".join(init["command"]) and "airflow db migrate" in " ".join(init["command"])
    others = [name for name, s in SERVICES.items() if name != "airflow-init"
              and "AIRFLOW_ADMIN_PASSWORD" in json_dump(s.get("environment", {}))]
    assert others == []


def test_marquez_api_and_web_run_together_under_the_lineage_profile():
    api, web = SERVICES["marquez"], SERVICES["marquez-web"]
    assert api["profiles"] == web["profiles"] == ["lineage"]
    assert api["image"].split(":")[1] == web["image"].split(":")[1]  # one Marquez release
    assert web["environment"]["MARQUEZ_HOST"] == "marquez"
    assert web["environment"]["MARQUEZ_PORT"] == api["environment"]["MARQUEZ_PORT"]
    assert api["environment"]["POSTGRES_DB"] == "marquez" and api["environment"]["SEARCH_ENABLED"] == "false"
    assert "CREATE DATABASE marquez" in (ROOT / "docker" / "postgres-init.sql").read_text()


def test_the_image_builds_from_the_pinned_airflow_image_as_non_root_with_cache_friendly_layers():
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[0] == "FROM apache/airflow:3.3.2-python3.11"
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] != "root"
    order = [i for i, line in enumerate(lines) if line.startswith("COPY")]
    copied = [lines[i] for i in order]
    # Requirements first (rebuilt rarely), the project's code after them (rebuilt on every change).
    assert "requirements.txt" in copied[0] and all("requirements.txt" not in c for c in copied[1:])
    installs = " ".join(lines)
    assert installs.index("torch==2.13.0") < installs.index("-r /opt/airflow/requirements.txt")
    assert "resolve_model" in installs  # the build fails if the packaged embedding model cannot load offline


def test_the_build_context_leaves_out_the_venv_the_local_lake_and_secrets():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".venv/", "data/", ".env", ".git/"} <= ignored


def test_the_scheduler_healthcheck_asks_a_health_server_that_is_switched_on():
    env = COMPOSE["x-airflow-common"]["environment"]
    probe = " ".join(SERVICES["airflow-scheduler"]["healthcheck"]["test"])
    # Without the switch the scheduler serves no port 8974 and stays unhealthy forever.
    assert ":8974/health" in probe and env["AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK"] == "true"


def test_both_stacks_parse_unchanged_dag_files_rarely_and_edited_ones_at_once(tmp_path):
    """The DAG processor re-parsed every file every 30 s, 14-20 CPU-seconds of a curate run on 2 cores; the
    interval only spares unchanged files because Airflow's default sort mode parses a modified file at once."""
    from airflow.configuration import conf

    from llmdata.stack.native import stack_env

    env = stack_env(tmp_path, "postgresql://a/b", "postgresql://a/c", "http://127.0.0.1:1", "k", "s", 8080)
    key = "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL"
    assert env[key] == COMPOSE["x-airflow-common"]["environment"][key] == "300"
    assert conf.get("dag_processor", "file_parsing_sort_mode") == "modified_time"
