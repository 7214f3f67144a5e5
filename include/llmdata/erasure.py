"""GDPR Art. 17 erasure: remove every copy of the matching documents, including the lake's history.

A request names documents by id, by a source-URI glob, or by the keyed hash of a PII value (the same HMAC the
``pseudonym`` operator uses, so the value itself never has to be written anywhere: ``llmdata erasure hash``).
Erasure removes the rows from every layer (bronze, silver, gold, chunks, quarantine, review queue, dedup index),
their Qdrant points in every collection behind the alias, their embedding-cache entries and any training export
that held them; then, for each table it touched, it rewrites the current data into a fresh snapshot, expires
every older snapshot and deletes the data and manifest files no snapshot references any more. That is the one
operation allowed to alter history, and the result lists which snapshots it expired. A tombstone keeps the next
ingest from bringing the items back.
"""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
from pyiceberg.expressions import AlwaysTrue, EqualTo, In

from llmdata.config import Settings
from llmdata.errors import LlmdataError
from llmdata.ids import embedding_key, keyed_hash
from llmdata.lake import SCHEMAS, Lake
from llmdata.maintenance import filesystem
from llmdata.schemas import (
    BRONZE_DOCUMENTS,
    ERASURES,
    GOLD_CHUNKS,
    GOLD_DOCUMENTS,
    META_BOILERPLATE,
    META_EMBEDDINGS,
    META_ERASURES,
    QUARANTINE_DOCUMENTS,
    REVIEW_QUEUE,
    SILVER_NORMALIZED,
)

log = logging.getLogger(__name__)
BACKENDS = ("torch", "onnx", "openvino")


class ErasureError(LlmdataError, RuntimeError):
    """The request is malformed or erasure could not complete; the message names the fix."""


pii_hash = keyed_hash  # the digest in a value's pseudonym ``<ENTITY_digest>``


@dataclass(frozen=True)
class ErasureRequest:
    doc_ids: tuple[str, ...] = ()
    uri_pattern: str | None = None
    pii_hash: str | None = None
    reason: str = "GDPR Art. 17 request"

    def validate(self) -> None:
        if not (self.doc_ids or self.uri_pattern or self.pii_hash):
            raise ErasureError("an erasure request needs doc_ids, uri_pattern or pii_hash")


@dataclass
class ErasureResult:
    doc_ids: list[str]
    rows_deleted: dict[str, int] = field(default_factory=dict)
    points_deleted: int = 0
    cache_entries_deleted: int = 0
    snapshots_expired: dict[str, list[int]] = field(default_factory=dict)
    files_removed: int = 0
    exports_removed: list[str] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        """Counts and versions only: never the erased content."""
        return {"documents": len(self.doc_ids), "rows_deleted": self.rows_deleted,
                "points_deleted": self.points_deleted, "cache_entries_deleted": self.cache_entries_deleted,
                "snapshots_expired": self.snapshots_expired, "files_removed": self.files_removed,
                "exports_removed": self.exports_removed}


def find(lake: Lake, request: ErasureRequest, settings: Settings) -> list[dict[str, str]]:
    """The documents (doc_id, source_id, item_key) the request matches."""
    request.validate()
    bronze = lake.read(BRONZE_DOCUMENTS, columns=["doc_id", "source_id", "item_key", "source_uri"]).to_pylist()
    wanted = set(request.doc_ids)
    if request.uri_pattern:
        wanted |= {r["doc_id"] for r in bronze if r["source_uri"] and fnmatch.fnmatchcase(r["source_uri"],
                                                                                            request.uri_pattern)}
    if request.pii_hash:
        wanted |= _by_pii_hash(lake, request.pii_hash, settings)
    seen: dict[str, dict[str, str]] = {}
    for row in bronze:
        if row["doc_id"] in wanted:
            seen[row["doc_id"]] = {"doc_id": row["doc_id"], "source_id": row["source_id"], "item_key": row["item_key"]}
    return sorted(seen.values(), key=lambda r: r["doc_id"])


def _by_pii_hash(lake: Lake, digest: str, settings: Settings) -> set[str]:
    """Documents holding a PII value with this keyed hash: detected again in the pre-redaction text (never
    written out), or present as its pseudonym in later layers."""
    from llmdata.transforms.pii import detect, load_pii_policy

    if not settings.pii_hash_key:
        raise ErasureError("erasure by PII hash needs LLMDATA_PII_HASH_KEY (the key the hash was made with)")
    key = settings.pii_hash_key.encode()
    policy = load_pii_policy(settings.pii_policy_file)
    found = set()
    for doc_id, text in _texts_before_redaction(lake, settings):
        if f"_{digest}>" in text or any(pii_hash(s.entity, text[s.start:s.end], key) == digest
                                        for s in detect(text, policy, settings.pii_spacy_model)):
            found.add(doc_id)
    for name in (GOLD_DOCUMENTS, QUARANTINE_DOCUMENTS):  # pseudonyms of the value in redacted text
        rows = lake.read(name, columns=["doc_id", "text"])
        found |= {d for d, t in zip(rows["doc_id"].to_pylist(), rows["text"].to_pylist(), strict=True)
                  if t and f"_{digest}>" in t}
    return found


def _texts_before_redaction(lake: Lake, settings: Settings) -> Iterator[tuple[str, str]]:
    """(doc_id, text as curate saw it before redaction) of every live bronze item. Such text is never kept
    outside bronze, so it is made again here: extract and normalize (with the learned boilerplate) in memory."""
    from llmdata.steps import StepContext, extract_step, normalize_step
    from llmdata.transforms.boilerplate import by_source

    learned = lake.read(META_BOILERPLATE, columns=["source_id", "line_key"])
    ctx = StepContext(settings, "erasure", boilerplate=by_source(learned["source_id"].to_pylist(),
                                                                 learned["line_key"].to_pylist()))
    for batch in lake.read_batches(BRONZE_DOCUMENTS, EqualTo("op", "upsert"), settings.batch_rows):
        normalized = normalize_step(extract_step(batch, ctx).kept, ctx).kept
        yield from zip(normalized["doc_id"].to_pylist(), (t or "" for t in normalized["text"].to_pylist()),
                       strict=False)
    for legacy in (SILVER_NORMALIZED,):  # a lake of the previous release may still hold it
        if legacy in lake.names():
            for batch in lake.read_batches(legacy, AlwaysTrue(), 1024, columns=["doc_id", "text"]):
                yield from zip(batch["doc_id"].to_pylist(), (t or "" for t in batch["text"].to_pylist()),
                               strict=True)


def erase(lake: Lake, settings: Settings, targets: list[dict[str, str]], request: ErasureRequest,
          run_id: str) -> ErasureResult:
    """Remove every copy of ``targets`` (see the module docstring)."""
    ids = [t["doc_id"] for t in targets]
    result = ErasureResult(ids)
    if not ids:
        return result
    chunks = lake.read(GOLD_CHUNKS, row_filter=In("doc_id", ids), columns=["text"])["text"].to_pylist()
    keys = _cache_keys(settings, chunks)
    touched = []
    for name in lake.names():
        if "doc_id" in SCHEMAS[name].names and name != META_ERASURES:
            before = lake.row_count(name)
            lake.delete(name, In("doc_id", ids), run_id=run_id, writer="erasure")
            if lake.row_count(name) != before:
                result.rows_deleted[name] = before - lake.row_count(name)
                touched.append(name)
    if keys:
        before = lake.row_count(META_EMBEDDINGS)
        lake.delete(META_EMBEDDINGS, In("key", keys), run_id=run_id, writer="erasure")
        result.cache_entries_deleted = before - lake.row_count(META_EMBEDDINGS)
        touched.append(META_EMBEDDINGS)
    for name in touched:
        expired, removed = purge_history(lake, name, run_id)
        result.snapshots_expired[name] = expired
        result.files_removed += removed
    result.points_deleted = _delete_points(settings, ids)
    result.exports_removed = _remove_exports(lake)
    _rewrite_review_csv(lake)
    now = datetime.now(UTC)
    lake.upsert(META_ERASURES, pa.Table.from_pylist([
        {"doc_id": t["doc_id"], "source_id": t["source_id"], "item_key": t["item_key"], "reason": request.reason,
         "erased_at": now, "run_id": run_id} for t in targets], schema=ERASURES), run_id=run_id, writer="erasure")
    return result


def _cache_keys(settings: Settings, texts: list[str]) -> list[str]:
    from llmdata.index.model import resolve_model

    model = resolve_model(settings.embedding_model)
    return [embedding_key(model.model_id, model.revision, backend, t) for t in texts for backend in BACKENDS]


def purge_history(lake: Lake, name: str, run_id: str) -> tuple[list[int], int]:
    """Rewrite ``name``'s current rows into a fresh snapshot, expire every other snapshot and delete the files
    no longer referenced, whatever their age. Returns (expired snapshot ids, files removed)."""
    from llmdata.maintenance import remove_orphan_files

    rows = lake.read(name)
    lake.replace_where(name, rows, _always(), run_id=run_id, writer="erasure")
    table = lake.table(name)
    current = table.current_snapshot()
    older = [s.snapshot_id for s in table.snapshots() if current is None or s.snapshot_id != current.snapshot_id]
    if older:
        table.maintenance.expire_snapshots().by_ids(older).commit()
    return older, len(remove_orphan_files(lake, name, min_age_ms=0))


def _always():
    from pyiceberg.expressions import AlwaysTrue

    return AlwaysTrue()


def _delete_points(settings: Settings, ids: list[str]) -> int:
    from llmdata.index.qdrant import open_index

    deleted = 0
    with open_index(settings) as index:
        for name in index.names():
            if name.startswith(settings.collection):
                deleted += index.delete_documents(name, ids)
                index.compact(name)  # the deleted points' payloads leave the disk, not only the search
    return deleted


def _remove_exports(lake: Lake) -> list[str]:
    """Training exports are derived copies of gold: all are removed (the next curate run exports again)."""
    from llmdata.export import EXPORT_DIR

    fs, root = filesystem(lake, lake.file_uri(EXPORT_DIR))
    removed = []
    for info in fs.get_file_info(pafs.FileSelector(root, allow_not_found=True)):
        if info.type == pafs.FileType.Directory:
            fs.delete_dir(info.path)
            removed.append(info.base_name)
    return removed


def _rewrite_review_csv(lake: Lake) -> None:
    from llmdata.quality.review import CSV_PATH, to_csv

    lake.write_file(CSV_PATH, to_csv(lake.read(REVIEW_QUEUE)))


def erased_item_keys(lake: Lake, source_id: str) -> set[str]:
    """Item keys of ``source_id`` erased on request: ingest skips them."""
    from pyiceberg.expressions import EqualTo

    return set(lake.read(META_ERASURES, row_filter=EqualTo("source_id", source_id), columns=["item_key"])
               ["item_key"].to_pylist())
