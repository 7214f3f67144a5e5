#!/usr/bin/env bash
# Curate throughput on real documentation, the way a user runs it: a sources file with two `files` sources,
# the shipped policy, `airflow dags test ingest` then `airflow dags test curate`, each under /usr/bin/time -v.
#
#   bash bench/curate_real.sh OUT_DIR [CODE_DIR]
#
# OUT_DIR gets its own lake, Airflow home and logs; CODE_DIR (default: this checkout) is the code measured, so
# an older release can be measured in the same session (git worktree add /tmp/old <commit>). The corpus is
# Debian's linux-doc-6.1 and python3.11-doc unpacked under $CORPORA (default /work/corpora):
#   apt-get download linux-doc-6.1 python3.11-doc && for f in *.deb; do dpkg-deb -x "$f" "$CORPORA"; done
# Files read: the HTML pages and the Sphinx reST sources (_sources/*.rst.txt) of both manuals.
# With TINY=1 both sources hold one page each (copied to OUT_DIR/tiny): every task's time is then its fixed cost.
# Memory: the summed PSS of the whole process tree (workers included) is sampled every second.
# Then `python bench/curate_report.py OUT_DIR [TINY_OUT_DIR]` prints MB/s, peak memory and the fixed per-task cost.
set -euo pipefail
out="$(realpath -m "$1")"
code="$(realpath "${2:-$(dirname "$0")/..}")"
corpora="${CORPORA:-/work/corpora}"
here="$(realpath "$(dirname "$0")/..")"
mkdir -p "$out/logs"
linux="$corpora/usr/share/doc/linux-doc-6.1"; python="$corpora/usr/share/doc/python3.11"
if [ "${TINY:-0}" = 1 ]; then
    mkdir -p "$out/tiny/linux" "$out/tiny/python"
    cp "$linux/html/admin-guide/initrd.html" "$out/tiny/linux/"
    cp "$python/html/library/json.html" "$out/tiny/python/"
    linux="$out/tiny/linux"; python="$out/tiny/python"
fi
source_entry() {  # id, folder, licence: a files source over the HTML pages and reST sources of one manual
    printf '  - id: %s\n    connector: files\n    options: {path: %s, globs: ["**/*.html", "**/*.rst.txt"]}\n' "$1" "$2"
    printf '    licence: %s\n    owner: bench@example.com\n    purpose: benchmark on real documentation\n' "$3"
    printf '    classification: {velocity: batch, structure: unstructured, reliability: guaranteed, sensitivity: internal}\n'
}
{ echo "sources:"; source_entry linux_doc "$linux" GPL-2.0; source_entry python_doc "$python" PSF-2.0; } \
    > "$out/sources.yaml"
export PYTHONPATH="$code/include" LLMDATA_DATA_DIR="$out/data" AIRFLOW_HOME="$out/airflow"
export AIRFLOW__CORE__DAGS_FOLDER="$code/dags" AIRFLOW__CORE__PLUGINS_FOLDER="$code/plugins"
export AIRFLOW__CORE__LOAD_EXAMPLES=False AIRFLOW__CORE__UNIT_TEST_MODE=False HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export TOKENIZERS_PARALLELISM=false PYTHONWARNINGS=ignore::DeprecationWarning
export LLMDATA_SOURCES_FILE="$out/sources.yaml" LLMDATA_POLICY_FILE="$code/include/policies/quality.yaml"
export LLMDATA_PII_POLICY_FILE="$code/include/policies/pii.yaml"
export PATH="$here/.venv/bin:$PATH"
cd "$code"
eval "$(llmdata airflow-env)"
airflow db migrate > "$out/logs/db-migrate.log" 2>&1
{ lscpu | grep 'Model name'; nproc; git -C "$code" rev-parse --short HEAD; } > "$out/machine.txt"
for dag in ingest curate; do
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$out/logs/$dag.time" airflow dags test "$dag" > "$out/logs/$dag.log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do  # summed PSS (kB) of the process tree, once a second
        tree=$(pstree -p -T "$pid" 2>/dev/null | grep -o '([0-9]*)' | tr -d '()' || true)  # processes, not threads
        echo "$(date +%s) $(for p in $tree; do awk '/^Pss:/ {print $2}' /proc/$p/smaps_rollup 2>/dev/null; done \
            | paste -sd+ | bc || true)" >> "$out/logs/$dag.mem"
        sleep 1
    done
    wait "$pid" || true
    echo "$dag $start $(echo "$(date +%s.%N) - $start" | bc)" >> "$out/wall.txt"
    grep -q "DagRun Finished: .*state=success" "$out/logs/$dag.log" || { echo "$dag FAILED: $out/logs/$dag.log"; exit 1; }
done
echo "done: $out"
