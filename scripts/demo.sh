#!/usr/bin/env bash
# Runs the three DAGs with `airflow dags test` on the embedded defaults, then prints what they produced.
# Called by `make demo` (which sets AIRFLOW_HOME, the DAGs folder and LLMDATA_* defaults).
set -euo pipefail
query="${1:-how do I restore a PostgreSQL database to a point in time}"
query2="${2:-parse command line arguments and options in a Python program}"
logs="${LLMDATA_DATA_DIR:-data}/logs"
mkdir -p "$logs" "$AIRFLOW_HOME"
eval "$(llmdata airflow-env)"

llmdata validate
echo "==> migrating the Airflow metadata DB (SQLite under $AIRFLOW_HOME)"
airflow db migrate > "$logs/db-migrate.log" 2>&1 || { tail -40 "$logs/db-migrate.log"; exit 1; }
llmdata airflow-pools >> "$logs/db-migrate.log"

for dag in ingest curate rag_index; do
    start=$(date +%s)
    printf '==> airflow dags test %-10s ' "$dag"
    if airflow dags test "$dag" > "$logs/$dag.log" 2>&1 && grep -q "DagRun Finished: .*state=success" "$logs/$dag.log"; then
        echo "ok ($(( $(date +%s) - start ))s, log: $logs/$dag.log)"
    else
        echo "FAILED (log: $logs/$dag.log)"
        grep -E "ERROR|Error|error:" "$logs/$dag.log" | tail -20
        exit 1
    fi
done
echo
llmdata summary --query "$query" --query "$query2"
echo
llmdata report quality
echo
llmdata eval retrieval
echo
llmdata audit verify
llmdata audit report
