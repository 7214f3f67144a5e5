#!/usr/bin/env bash
# `make airflow`: Airflow 3 standalone (api-server, scheduler, dag-processor, triggerer) on 127.0.0.1:8080
# with this repository's DAGs. The admin password is printed at start and kept in
# $AIRFLOW_HOME/simple_auth_manager_passwords.json.generated.
set -euo pipefail
mkdir -p "$AIRFLOW_HOME"
eval "$(llmdata airflow-env)"
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW__API__PORT=8080
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS="admin:admin"
echo "Airflow UI: http://127.0.0.1:8080  user: admin  password: see $AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
airflow db migrate > "$AIRFLOW_HOME/db-migrate.log" && llmdata airflow-pools
exec airflow standalone
