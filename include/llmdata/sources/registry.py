"""The source registry (``include/sources.yaml``), schema-validated with pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from llmdata.config import PROJECT_ROOT


class RegistryError(ValueError):
    """The source registry is unreadable or an entry is invalid; the message names the entry and field."""


class Classification(BaseModel):
    """How a source behaves and how sensitive it is; sensitivity drives later processing depth."""

    model_config = ConfigDict(extra="forbid")
    velocity: Literal["batch", "stream"] = "batch"
    structure: Literal["structured", "semi", "unstructured"] = "unstructured"
    reliability: Literal["guaranteed", "best-effort"] = "best-effort"
    sensitivity: Literal["public", "internal", "confidential", "restricted"] = "internal"


class FilesOptions(BaseModel):
    """Options of the ``files`` connector."""

    model_config = ConfigDict(extra="forbid")
    path: str = Field(description="Folder, relative to the project root or absolute.")
    globs: list[str] = Field(default_factory=lambda: ["**/*"])
    jsonl_text_field: str = "text"


class Source(BaseModel):
    """One registry entry."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]{0,63}$")
    connector: Literal["files"]
    options: FilesOptions
    licence: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    purpose: str = Field(min_length=1, description="Why the data is collected (AI Act Art. 10(2)(b)).")
    legal_basis: str | None = Field(None, description="For personal data: GDPR Art. 6 basis.")
    required: bool = False
    classification: Classification = Field(default_factory=Classification)

    def root(self) -> Path:
        """The folder this source reads, resolved against the project root."""
        path = Path(self.options.path)
        return path if path.is_absolute() else PROJECT_ROOT / path


class Registry(BaseModel):
    """All sources, by id."""

    model_config = ConfigDict(extra="forbid")
    sources: list[Source]

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
