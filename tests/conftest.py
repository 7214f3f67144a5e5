"""Shared fixtures: an isolated lake per test, the sample corpus, realistic small documents."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "include" / "sample_corpus"

# Tests never reach a model hub or the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
MODEL_CACHE = Path(tempfile.gettempdir()) / f"llmdata-test-models-{os.getuid()}"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Settings pointing at a fresh data folder (lake, catalog, Qdrant) under tmp_path."""
    from llmdata.config import get_settings

    for key in list(os.environ):
        if key.startswith("LLMDATA_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("LLMDATA_DATA_DIR", str(tmp_path / "data"))
    # The index service a test starts leaves soon after the test (it serves one tmp folder).
    monkeypatch.setenv("LLMDATA_INDEX_IDLE_SECONDS", "15")
    # Model exports are per model revision, not per test: share them across the session.
    monkeypatch.setenv("LLMDATA_MODEL_CACHE_DIR", str(MODEL_CACHE))
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def lake(settings: object) -> object:
    from llmdata.lake import Lake

    lake = Lake(settings)  # type: ignore[arg-type]
    lake.ensure_all()
    return lake


@pytest.fixture(params=["embedded", "server"])
def index(request, settings):
    """Each interface test runs on the embedded index (Qdrant Edge behind the service) and on the server path
    (ServerIndex's qdrant-client calls, against qdrant-client's in-memory mode: no Qdrant binary runs here)."""
    import warnings

    from llmdata.index.qdrant import open_index

    if request.param == "embedded":
        with open_index(settings) as opened:
            yield opened
        return
    from qdrant_client import QdrantClient

    from llmdata.index.server import ServerIndex

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # in-memory mode notes that payload indexes have no effect in it
        server = ServerIndex("memory://", client=QdrantClient(location=":memory:"))
        yield server
    server.close()


def make_documents(texts: dict[str, str], run_id: str = "run-1", shard: int = 0, **extra: object) -> pa.Table:
    """Document rows (silver schema) for ``{doc_id: text}``."""
    from llmdata.ids import sha256_hex
    from llmdata.schemas import DOCUMENT, conform

    rows = [
        {
            "doc_id": doc,
            "source_id": "wiki",
            "source_uri": f"file:///wiki/{doc}.md",
            "licence": "CC-BY-4.0",
            "collected_at": datetime(2026, 11, 1, tzinfo=UTC),
            "content_sha256": sha256_hex(text),
            "mime_type": "text/markdown",
            "text": text,
            "text_sha256": sha256_hex(text),
            "n_chars": len(text),
            "n_words": len(text.split()),
            "run_id": run_id,
            "shard": shard,
            **extra,
        }
        for doc, text in texts.items()
    ]
    return conform(pa.Table.from_pylist(rows), DOCUMENT)


RUNBOOK = (
    "Every production PostgreSQL cluster takes a nightly base backup with pg_basebackup and streams its "
    "write-ahead log to the archive bucket. Point-in-time recovery replays archived WAL segments on top of the "
    "latest base backup until the recovery target time you choose. Before restoring, stop the application "
    "writers so no new transactions race the recovery. A backup that has never been restored is not a backup, "
    "so the platform team restores one cluster every week into a scratch instance and runs consistency checks."
)
ROLLBACK = (
    "When a rollout of the billing service goes wrong, run kubectl rollout undo to return to the previous "
    "ReplicaSet. A readiness probe that checks the real dependencies keeps broken pods out of the Service "
    "endpoints during a rolling update. Set maxUnavailable to zero and maxSurge to one for stateful front ends so "
    "capacity never drops during a deploy. After the rollback, open an incident ticket and attach the events."
)


def use_files_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Path:
    """Make a ``files`` source ``wiki`` over ``files`` ({name: content}, written to tmp_path/corpus) the whole
    source registry; return the corpus folder."""
    from llmdata.config import get_settings

    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content)
    registry = tmp_path / "sources.yaml"
    registry.write_text(f"sources:\n  - id: wiki\n    connector: files\n    options: {{path: {folder}}}\n"
                        "    licence: CC-BY-4.0\n    owner: me@example.com\n    purpose: tests\n")
    monkeypatch.setenv("LLMDATA_SOURCES_FILE", str(registry))
    get_settings.cache_clear()
    return folder


def env_file_values(path: Path) -> dict[str, str]:
    """``NAME=value`` lines of a .env file (comments and blank lines skipped)."""
    import re

    return dict(line.split("=", 1) for line in path.read_text().splitlines() if re.match(r"^[A-Z0-9_]+=", line))


def seeded_pii(corpus: Path = CORPUS) -> tuple[list[str], list[str]]:
    """The PII values the sample corpus seeds: (cards, IBANs, phones and e-mail addresses; reporters' and
    assignees' names, which only NER on the deep path finds)."""
    import importlib.util
    import json
    import re

    spec = importlib.util.spec_from_file_location("corpus", ROOT / "scripts" / "make_sample_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    manifest = json.loads((corpus / "MANIFEST.json").read_text())
    tickets = [(corpus / key).read_text() for key in manifest["pii"]]
    emails = {e for text in tickets for e in re.findall(r"[\w.+-]+@northwind\.example", text)}
    names = {name for text in tickets for found in re.findall(r"Reported by (.+?) \(|Assigned to (.+?) <", text)
             for name in found if name}
    assert len(names) >= 8 and len(emails) >= 8
    return [*module.CARDS, *module.IBANS, *(p.split(" ext")[0] for p in module.PHONES), *sorted(emails)], \
        sorted(names)
