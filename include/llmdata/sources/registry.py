"""The source registry (``include/sources.yaml``), schema-validated with pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from llmdata.config import PROJECT_ROOT
from llmdata.errors import LlmdataError

# Phone regions looked for when neither the source nor the registry names any: the countries whose locales the
# evaluation covers (bench/pii_corpus.py) and their neighbours. International (+...) numbers need none.
DEFAULT_PII_REGIONS = ("US", "CA", "GB", "IE", "DE", "AT", "CH", "FR", "BE", "LU", "NL", "ES", "PT", "IT", "PL",
                       "CZ", "SE", "DK", "NO", "FI", "AU")


def check_regions(regions: list[str]) -> list[str]:
    """``regions`` upper-cased, or a ValueError naming the ones libphonenumber does not know."""
    import phonenumbers

    upper = [r.upper() for r in regions]
    unknown = sorted(set(upper) - phonenumbers.SUPPORTED_REGIONS)
    if unknown:
        raise ValueError(f"unknown phone region(s) {unknown}: use ISO 3166 alpha-2 codes such as DE, FR, GB, US")
    return upper


# Languages whose names and places the deep path looks for with NER, and the spaCy pipeline of each beyond English
# (English: the engine's own model, plus LLMDATA_PII_SPACY_MODEL's pipeline if set). German, Spanish, ... have no
# pipeline on PyPI: their names and places are found by the context rules, the gazetteer
# (llmdata.transforms.pii_context) and the engine's own model.
DEFAULT_PII_LANGUAGES = ("en",)
NER_PIPELINES = {"fr": "fr_core_news_md"}


def check_languages(languages: list[str]) -> list[str]:
    """``languages`` lower-cased, or a ValueError naming the ones no NER pipeline is known for."""
    lower = [language.lower() for language in languages]
    unknown = sorted(set(lower) - {"en", *NER_PIPELINES})
    if unknown:
        raise ValueError(f"no NER pipeline for language(s) {unknown}: use {['en', *sorted(NER_PIPELINES)]} "
                         "(other languages' names and places are found by context rules without NER)")
    return lower


class RegistryError(LlmdataError, ValueError):
    """The source registry is unreadable or an entry is invalid; the message names the entry and field."""


class Classification(BaseModel):
    """How a source behaves and how sensitive it is; sensitivity drives later processing depth."""

    model_config = ConfigDict(extra="forbid")
    velocity: Literal["batch", "stream"] = "batch"
    structure: Literal["structured", "semi", "unstructured"] = "unstructured"
    reliability: Literal["guaranteed", "best-effort"] = "best-effort"
    sensitivity: Literal["public", "internal", "confidential", "restricted"] = "internal"


class FilesOptions(BaseModel):
    """Options of the ``files`` connector: a folder (txt, md, html, pdf, docx, jsonl, csv, parquet)."""

    model_config = ConfigDict(extra="forbid")
    path: str = Field(description="Folder, relative to the project root or absolute.")
    globs: list[str] = Field(default_factory=lambda: ["**/*"])
    text_column: str = Field("text", description="Text field of jsonl records and csv/parquet rows.")
    shards: int = Field(1, ge=1, le=256, description="Split the source over this many mapped tasks.")

    @field_validator("globs")
    @classmethod
    def _inside_the_folder(cls, globs: list[str]) -> list[str]:
        for glob in globs:
            parts = glob.replace("\\", "/").split("/")
            if glob.startswith(("/", "~")) or ".." in parts:
                raise ValueError(f"glob {glob!r} reaches outside the source folder; globs are relative to "
                                 "options.path and may not use '..' or start with '/'")
        return globs


class S3Options(BaseModel):
    """Options of the ``s3`` connector: objects under a bucket prefix (MinIO or any S3 server)."""

    model_config = ConfigDict(extra="forbid")
    bucket: str = Field(min_length=3)
    prefix: str = ""
    suffixes: list[str] = Field(default_factory=list, description="Only keys ending so (empty = all).")
    aws_conn_id: str = Field("aws_default", description="Airflow connection; endpoint_url in its extras.")
    text_column: str = "text"
    shards: int = Field(1, ge=1, le=256)


class Pagination(BaseModel):
    """How an HTTP API pages: by page number, offset, cursor in the body, or a Link header."""

    model_config = ConfigDict(extra="forbid")
    style: Literal["none", "page", "offset", "cursor", "link"] = "none"
    page_param: str = "page"
    start_page: int = 1
    offset_param: str = "offset"
    limit_param: str = "limit"
    page_size: int = Field(100, ge=1)
    cursor_param: str = "cursor"
    cursor_path: str = Field("$.next_cursor", description="JSONPath of the next cursor in the body.")


class FieldMap(BaseModel):
    """JSONPath expressions from one API record to document fields."""

    model_config = ConfigDict(extra="forbid")
    id: str = "$.id"
    text: str = "$.text"
    title: str | None = None
    url: str | None = None
    updated_at: str | None = None


class HttpOptions(BaseModel):
    """Options of the ``http`` connector: a JSON REST API."""

    model_config = ConfigDict(extra="forbid")
    url: str = Field(pattern=r"^https?://")
    http_conn_id: str | None = Field(None, description="Airflow HTTP connection, read by HttpHook: its auth "
                                     "type and login/password, its extras as request headers.")
    params: dict[str, str | int] = Field(default_factory=dict)
    records_path: str = Field("$[*]", description="JSONPath of the records in a response body.")
    fields: FieldMap = Field(default_factory=FieldMap)
    pagination: Pagination = Field(default_factory=Pagination)
    timeout_seconds: float = Field(10.0, gt=0)
    max_retries: int = Field(5, ge=0, le=20)
    max_pages: int = Field(10_000, ge=1)
    max_retry_after_seconds: float = Field(60.0, gt=0)


class SqlOptions(BaseModel):
    """Options of the ``sql`` connector: one table, read incrementally by a watermark column."""

    model_config = ConfigDict(extra="forbid")
    conn_id: str | None = Field(None, description="Airflow connection of the database.")
    url: str | None = Field(None, description="SQLAlchemy URL (for use without Airflow); prefer conn_id.")
    table: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    db_schema: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    id_column: str = "id"
    text_column: str = "text"
    watermark_column: str = "updated_at"
    title_column: str | None = None
    batch_size: int = Field(500, ge=1, le=100_000)
    max_retries: int = Field(5, ge=0, le=20)


class PythonPackagesOptions(BaseModel):
    """Options of the ``python_packages`` connector: descriptions of the installed Python distributions."""

    model_config = ConfigDict(extra="forbid")
    max_chars: int = Field(6000, ge=200, description="Keep the first N characters of each description.")
    min_chars: int = Field(300, ge=0, description="Skip distributions with shorter descriptions.")


OPTIONS: dict[str, type[BaseModel]] = {
    "files": FilesOptions,
    "s3": S3Options,
    "http": HttpOptions,
    "sql": SqlOptions,
    "python_packages": PythonPackagesOptions,
}


class Source(BaseModel):
    """One registry entry."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]{0,63}$")
    connector: Literal["files", "s3", "http", "sql", "python_packages"]
    options: FilesOptions | S3Options | HttpOptions | SqlOptions | PythonPackagesOptions
    licence: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    purpose: str = Field(min_length=1, description="Why the data is collected (AI Act Art. 10(2)(b)).")
    legal_basis: str | None = Field(None, description="For personal data: GDPR Art. 6 basis.")
    required: bool = Field(False, description="A required source that fails or degrades fails the run.")
    max_consecutive_failures: int = Field(5, ge=1, description="Circuit breaker: open after this many.")
    classification: Classification = Field(default_factory=Classification)
    allowed_groups: list[str] = Field(
        default_factory=lambda: ["*"],
        description="Groups whose members may retrieve this source's chunks; '*' = every caller.")
    raw_retention_days: int | None = Field(
        None, ge=1, description="Days this source's raw rows (bronze) and quarantine rows are kept; overrides the "
        "registry's raw_retention_days for the source's sensitivity.")
    pii_regions: list[str] | None = Field(
        None, description="Regions (ISO 3166 alpha-2) whose national phone numbers this source's text holds; "
        "overrides the registry's pii_regions. International (+...) numbers are found whatever they are.")

    pii_languages: list[str] | None = Field(
        None, description="Languages of this source's text whose NER pipelines look for names and places on the "
        "deep path (en, fr); overrides the registry's pii_languages.")

    @field_validator("pii_regions")
    @classmethod
    def _known_regions(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else check_regions(value)

    @field_validator("pii_languages")
    @classmethod
    def _known_languages(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else check_languages(value)

    @model_validator(mode="before")
    @classmethod
    def _options_for_connector(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("options"), dict) and data.get("connector") in OPTIONS:
            data = dict(data)
            try:
                data["options"] = OPTIONS[data["connector"]].model_validate(data["options"])
            except ValidationError as error:
                raise ValueError("; ".join(
                    f"options.{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())) from None
        return data

    @property
    def shards(self) -> int:
        """How many mapped tasks ingest this source (only listing connectors can be split)."""
        return getattr(self.options, "shards", 1)

    def root(self) -> Path:
        """The folder a ``files`` source reads, resolved against the project root."""
        if not isinstance(self.options, FilesOptions):
            raise RegistryError(f"source {self.id!r} is not a files source")
        path = Path(self.options.path)
        return path if path.is_absolute() else PROJECT_ROOT / path


class Registry(BaseModel):
    """All sources, by id."""

    model_config = ConfigDict(extra="forbid")
    sources: list[Source]
    # Days raw rows are kept, by sensitivity; a sensitivity not listed keeps them until an erasure.
    raw_retention_days: dict[Literal["public", "internal", "confidential", "restricted"], int] = Field(
        default_factory=dict)
    # Regions whose national phone numbers every source's text may hold, unless the source says otherwise.
    pii_regions: list[str] = Field(default_factory=lambda: list(DEFAULT_PII_REGIONS))
    # Languages of every source's text, unless the source says otherwise.
    pii_languages: list[str] = Field(default_factory=lambda: list(DEFAULT_PII_LANGUAGES))

    @field_validator("pii_regions")
    @classmethod
    def _known_regions(cls, value: list[str]) -> list[str]:
        return check_regions(value)

    @field_validator("pii_languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        return check_languages(value)

    def regions_for(self, source: Source) -> tuple[str, ...]:
        """The phone regions of ``source``'s text."""
        return tuple(source.pii_regions if source.pii_regions is not None else self.pii_regions)

    def languages_for(self, source: Source) -> tuple[str, ...]:
        """The languages whose NER pipelines look at ``source``'s text on the deep path."""
        return tuple(source.pii_languages if source.pii_languages is not None else self.pii_languages)

    def retention_days(self, source: Source) -> int | None:
        """How long ``source``'s raw and quarantine rows are kept (None: until erased)."""
        if source.raw_retention_days is not None:
            return source.raw_retention_days
        return self.raw_retention_days.get(source.classification.sensitivity)

    def shard_specs(self) -> list[dict[str, str | int]]:
        """One mapping entry per (source, shard) for the ingest DAG."""
        return [{"source_id": s.id, "shard": k, "n_shards": s.shards} for s in self.sources for k in range(s.shards)]

    def get(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise RegistryError(f"no source {source_id!r} in the registry; known: {[s.id for s in self.sources]}")


def load_registry(path: Path) -> Registry:
    """Read and validate the registry at ``path``."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: source registry not found; set LLMDATA_SOURCES_FILE") from None
    except yaml.YAMLError as error:
        raise RegistryError(f"{path}: not valid YAML: {error}") from None
    try:
        registry = Registry.model_validate(raw)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            location = list(item["loc"])
            entry = ""
            if len(location) >= 2 and location[0] == "sources" and isinstance(location[1], int):
                index = location[1]
                entries = raw.get("sources", []) if isinstance(raw, dict) else []
                name = entries[index].get("id", f"#{index}") if index < len(entries) else f"#{index}"
                entry = f"source {name!r}: "
                location = location[2:]
            problems.append(f"{entry}{'.'.join(map(str, location)) or 'entry'}: {item['msg']}")
        raise RegistryError(f"{path}: invalid source registry:\n  " + "\n  ".join(problems)) from None
    ids = [source.id for source in registry.sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RegistryError(f"{path}: duplicate source ids {duplicates}")
    return registry
