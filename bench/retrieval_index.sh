#!/usr/bin/env bash
# Index a real manual the way a user does, for `llmdata eval retrieval`: a sources file with one `files` source
# over Debian's python3.11-doc HTML pages, the shipped policies, `airflow dags test` of ingest, curate, rag_index.
#
#   bash bench/retrieval_index.sh OUT_DIR [DAG ...]      # default DAGs: ingest curate rag_index
#   eval "$(bash bench/retrieval_index.sh OUT_DIR --env)"   # then: llmdata eval retrieval --queries ...
#
# The corpus: apt-get download python3.11-doc && dpkg-deb -x python3.11-doc_*.deb "$CORPORA"
# (default CORPORA=/work/corpora/py311).
set -euo pipefail
out="$(realpath -m "$1")"; shift
here="$(realpath "$(dirname "$0")/..")"
html="${CORPORA:-/work/corpora/py311}/usr/share/doc/python3.11/html"
[ -d "$html" ] || { echo "no python3.11-doc HTML at $html: apt-get download python3.11-doc, dpkg-deb -x" >&2; exit 2; }
mkdir -p "$out/logs"
cat > "$out/sources.yaml" <<YAML
sources:
  - id: python_doc
    connector: files
    options: {path: $html, globs: ["**/*.html"]}
    licence: PSF-2.0
    owner: bench@example.com
    purpose: retrieval evaluation on a real manual
    classification: {velocity: batch, structure: unstructured, reliability: guaranteed, sensitivity: public}
YAML
env_lines() {
    echo "export PYTHONPATH=$here/include LLMDATA_DATA_DIR=$out/data AIRFLOW_HOME=$out/airflow"
    echo "export AIRFLOW__CORE__DAGS_FOLDER=$here/dags AIRFLOW__CORE__PLUGINS_FOLDER=$here/plugins"
    echo "export AIRFLOW__CORE__LOAD_EXAMPLES=False HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false"
    echo "export LLMDATA_SOURCES_FILE=$out/sources.yaml LLMDATA_POLICY_FILE=$here/include/policies/quality.yaml"
    echo "export LLMDATA_PII_POLICY_FILE=$here/include/policies/pii.yaml PATH=$here/.venv/bin:\$PATH"
}
if [ "${1:-}" = --env ]; then env_lines; exit 0; fi
eval "$(env_lines)"
cd "$here"
eval "$(llmdata airflow-env)"
[ -f "$out/airflow/airflow.db" ] || airflow db migrate > "$out/logs/db-migrate.log" 2>&1
{ lscpu | grep 'Model name'; nproc; git rev-parse --short HEAD; } > "$out/machine.txt"
for dag in "${@:-ingest curate rag_index}"; do
    for d in $dag; do
        start=$(date +%s)
        airflow dags test "$d" > "$out/logs/$d.log" 2>&1 || true
        grep -q "DagRun Finished: .*state=success" "$out/logs/$d.log" || { echo "$d FAILED: $out/logs/$d.log"; exit 1; }
        echo "$d $(( $(date +%s) - start )) s" | tee -a "$out/wall.txt"
    done
done
