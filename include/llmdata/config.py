"""Typed settings: the one home of configuration (``LLMDATA_*`` environment variables).

Every variable is documented in ``.env.example``. A wrong value fails at start-up with a message that names
the variable, never later inside a task.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from llmdata.errors import LlmdataError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
INCLUDE_DIR = PROJECT_ROOT / "include"
ENV_PREFIX = "LLMDATA_"


class SettingsError(LlmdataError, ValueError):
    """A configuration value is missing or wrong; the message names the environment variable."""


HtmlExtractor = Literal["resiliparse", "resiliparse_landmarks", "resiliparse_whole_page", "trafilatura",
                        "trafilatura_fast"]


class Settings(BaseSettings):
    """Platform settings, read from ``LLMDATA_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)

    data_dir: Path = Field(Path("./data"), description="Root for local state (lake, catalog, Qdrant).")
    lake_uri: str = Field("", description="Iceberg warehouse: a folder or s3://bucket/prefix.")
    catalog_uri: str = Field("", description="SQLAlchemy URL of the Iceberg SQL catalog.")
    s3_endpoint: str = Field("", description="S3 endpoint URL for MinIO or another S3 server.")
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    s3_session_token: str = Field("", description="Temporary credentials' session token (an assumed role).")
    s3_region: str = "us-east-1"
    lake_conn_id: str = Field("", description="Airflow connection (aws) with the lake's S3 keys and endpoint; "
                              "overrides the S3 settings inside tasks.")
    catalog_conn_id: str = Field("", description="Airflow connection (postgres) of the Iceberg catalog.")
    qdrant_conn_id: str = Field("", description="Airflow connection (qdrant) with host, port and API key.")
    qdrant_url: str = Field("", description="Qdrant server URL; empty means embedded local mode.")
    qdrant_api_key: str = ""
    qdrant_options: dict[str, Any] = Field(default_factory=dict, description="More qdrant-client arguments for the "
                                           "server (prefix, grpc_port, prefer_grpc, https; JSON); tasks take them "
                                           "from the Qdrant connection.")
    qdrant_path: Path | None = Field(None, description="Folder of the embedded Qdrant (default DATA_DIR/qdrant).")
    collection: str = Field("llmdata_chunks", pattern=r"^[A-Za-z0-9_\-]{1,128}$")
    embedding_model: str = Field("", description="sentence-transformers name or path; empty = packaged model.")
    embedding_batch_size: int = Field(64, ge=1, le=4096)
    embedding_backend: Literal["auto", "torch", "onnx", "openvino"] = Field(
        "auto", description="auto = the fastest backend whose vectors match torch's (cosine >= 0.999).")
    model_cache_dir: Path | None = Field(None, description="ONNX/OpenVINO exports; default DATA_DIR/models.")
    chunk_tokens: int = Field(256, ge=16, le=8192)
    chunk_overlap: int = Field(32, ge=0)
    chunk_context: bool = Field(True, description="Embed each chunk with its page title and section path in front "
                                "(what search shows stays the exact span); a change rebuilds the index.")
    retrieval_file: Path = Field(INCLUDE_DIR / "retrieval.yaml", description="The retrieval pipeline: retrievers, "
                                 "fusion, query rewriting and reranking (retrieve(), llmdata search, the UI).")
    shard_size: int = Field(1000, ge=1, description="At most this many documents per mapped shard.")
    shard_mb: float = Field(32.0, gt=0, description="At most this many MB of fetched content per mapped shard of a "
                            "bronze run. A shard task costs about half a second of Airflow and lake commits "
                            "besides its work, so shards are made big enough (about 20 s of work on one core) "
                            "for that to vanish; see BENCHMARKS.md.")
    max_shards: int = Field(8, ge=1, le=1024)
    task_slots: int = Field(0, ge=0, le=4096, description="Shard tasks the executor runs at once. A run of more "
                            "shards than slots is rounded up to a multiple of them, so its last wave keeps every "
                            "slot busy (3 shards on 2 slots leave one slot idle for a whole shard). 0: Airflow's "
                            "core.parallelism, capped by core.max_active_tasks_per_dag.")
    ingest_batch_mb: float = Field(16.0, gt=0, description="MB of fetched content an ingest task holds before "
                                   "writing it to bronze (one commit per task all the same).")
    batch_rows: int = Field(64, ge=1, le=100_000, description="Documents per in-memory batch of a shard's "
                            "per-document steps (memory grows with it, not with the shard).")
    shard_workers: int = Field(0, ge=0, le=256, description="Processes a shard task spreads its batches over; "
                               "0 = one per CPU of the machine. Set 1 when the executor already runs several "
                               "shards per machine (Celery worker_concurrency > 1).")
    keep_intermediate: bool = Field(False, description="Also keep the output of every per-document step after "
                                    "redact_pii (silver.redacted, silver.annotated); text before redaction is "
                                    "never kept outside bronze.")
    html_extractor: HtmlExtractor = Field(
        "resiliparse", description="Main-text extractor for HTML pages (llmdata.transforms.extract.EXTRACTORS); "
        "bench/extract_eval.py scores each on real pages.")
    max_document_bytes: int = Field(20_000_000, ge=1024)
    sources_file: Path = Field(INCLUDE_DIR / "sources.yaml")
    policy_file: Path = Field(INCLUDE_DIR / "policies" / "quality.yaml")
    pii_policy_file: Path = Field(INCLUDE_DIR / "policies" / "pii.yaml")
    pii_hash_key: str = Field("", description="Secret key of keyed-hash pseudonyms (needed by 'pseudonym').")
    # Off by default: on the evaluation's development splits en_core_web_sm added at most 0.002 recall to the rules
    # and the engine's own model, for half the deep path's time and more false positives (README, "PII").
    pii_spacy_model: str = Field("", description="A general spaCy pipeline (folder or package) with NER whose "
                                 "spans the deep path adds; needed for NRP. Empty: the rules and the engine's model.")
    export_shard_rows: int = Field(50_000, ge=1, description="Rows per file of the training export.")
    export_sample_by_weight: bool = Field(False, description="Keep each document with probability = its weight.")
    ingest_schedule: str = Field("@daily", description="When the ingest DAG runs: a cron expression or preset "
                                 "(@hourly, @daily, ...); 'none' = only when triggered.")
    compact_min_files: int = Field(8, ge=2, description="maintenance compacts a table once it has this many "
                                   "small data files.")
    freshness_hours: float = Field(48, gt=0, description="maintenance fails when gold is older than this.")
    alert_notifiers: str = Field("", description="Where failure and deadline alerts go besides the log: "
                                 "kind:connection_id, comma-separated; kind http, slack or apprise.")
    deadline_minutes: int = Field(0, ge=0, description="Alert when a DAG run is not done this long after "
                                  "queueing; 0 = no deadline (airflow dags test cannot run DAGs that have one).")
    lineage_namespace: str = "llmdata"
    lineage_retention_days: int = Field(190, ge=183, description="Keep lineage events at least this long "
                                        "(AI Act Art. 12/19: six months at least).")
    retries: int = Field(2, ge=0, le=20, description="Task retries in every DAG.")
    retry_delay_seconds: int = Field(60, ge=1)
    task_timeout_minutes: int = Field(60, ge=1)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("lake_uri")
    @classmethod
    def _lake_scheme(cls, value: str) -> str:
        if value and "://" in value and not value.startswith(("s3://", "file://")):
            raise ValueError("must be a folder path, file://… or s3://bucket/prefix")
        if value.startswith("s3://") and len(value) <= len("s3://"):
            raise ValueError("s3:// needs a bucket name")
        return value.rstrip("/")

    @field_validator("qdrant_url", "s3_endpoint")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("catalog_uri")
    @classmethod
    def _sqlalchemy_url(cls, value: str) -> str:
        if value and not value.startswith(("sqlite:///", "postgresql")):
            raise ValueError("must be a sqlite:///… or postgresql+psycopg2://… SQLAlchemy URL")
        return value

    @model_validator(mode="after")
    def _overlap_below_window(self) -> Settings:
        if self.chunk_overlap >= self.chunk_tokens:
            raise ValueError(f"{ENV_PREFIX}CHUNK_OVERLAP must be smaller than {ENV_PREFIX}CHUNK_TOKENS")
        return self

    @property
    def workers(self) -> int:
        """Worker processes for a shard's per-document steps (``shard_workers``, 0 resolved to the CPUs)."""
        import os

        return self.shard_workers or len(os.sched_getaffinity(0))

    # Derived locations. Relative paths resolve against the working directory once, here.
    @property
    def data_path(self) -> Path:
        return self.data_dir.resolve()

    @property
    def warehouse(self) -> str:
        """Warehouse location as a URI PyIceberg understands."""
        if not self.lake_uri:
            return (self.data_path / "lake").as_uri()
        if self.lake_uri.startswith(("s3://", "file://")):
            return self.lake_uri
        return Path(self.lake_uri).resolve().as_uri()

    @property
    def is_s3_lake(self) -> bool:
        return self.warehouse.startswith("s3://")

    @property
    def catalog_url(self) -> str:
        return self.catalog_uri or f"sqlite:///{self.data_path / 'catalog.db'}"

    @property
    def model_cache(self) -> Path:
        return (self.model_cache_dir or self.data_path / "models").resolve()

    @property
    def qdrant_folder(self) -> Path:
        return (self.qdrant_path or self.data_path / "qdrant").resolve()

    @property
    def lineage_uri(self) -> str:
        """Where the OpenLineage file transport appends events (JSONL under the lake's ``_lineage/``).

        The file transport appends, which object stores cannot do; with an s3:// lake the log stays in the
        local data folder (the stack ships events to Marquez over HTTP as well).
        """
        if self.is_s3_lake:
            return f"{(self.data_path / '_lineage' / 'events.jsonl').as_uri()}"
        return f"{self.warehouse}/_lineage/events.jsonl"

    @property
    def lineage_dataset_namespace(self) -> str:
        """OpenLineage dataset namespace of the lake tables: the warehouse location."""
        return self.warehouse

    def s3_options(self) -> dict[str, str]:
        """S3 connection options in the form PyIceberg's FileIO takes."""
        options = {"s3.region": self.s3_region}
        if self.s3_endpoint:
            options["s3.endpoint"] = self.s3_endpoint
        if self.s3_access_key_id:
            options["s3.access-key-id"] = self.s3_access_key_id
            options["s3.secret-access-key"] = self.s3_secret_access_key
        if self.s3_session_token:
            options["s3.session-token"] = self.s3_session_token
        return options


def redacted_url(url: str) -> str:
    """A SQLAlchemy ``url`` without its password, for messages and logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a SQLAlchemy URL: say nothing of it rather than risk a secret
        return "LLMDATA_CATALOG_URI"


def _explain(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        name = f"{ENV_PREFIX}{field.upper()}" if field else "settings"
        lines.append(f"{name}: {item['msg']} (got {item.get('input')!r})")
    return "invalid configuration:\n  " + "\n  ".join(lines) + "\nFix the variable(s) above; see .env.example."


def load_settings(**overrides: object) -> Settings:
    """Read and validate settings; raise :class:`SettingsError` naming the bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(_explain(error)) from None


@functools.cache
def get_settings() -> Settings:
    """Process-wide settings, validated once."""
    return load_settings()
