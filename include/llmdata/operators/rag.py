"""RAG index operators: chunk changed gold documents and sync their vectors into Qdrant."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from pyiceberg.expressions import In

from llmdata import faults
from llmdata.changes import keyed_shard, with_run
from llmdata.config import Settings
from llmdata.errors import LlmdataError
from llmdata.ids import point_id, sha256_hex
from llmdata.index.collections import chunk_params, physical_collection
from llmdata.index.embedder import settings_embedder
from llmdata.index.model import resolve_model
from llmdata.index.sparse import document_vector
from llmdata.index.store import DENSE, HEADING, SPARSE
from llmdata.index.texts import embedded_text, heading
from llmdata.lake import Lake
from llmdata.lineage.datasets import collection_output, column_lineage, lake_input, lake_output
from llmdata.lineage.facets import EmbeddingRunFacet
from llmdata.operators.base import LakeOperator, ShardOperator
from llmdata.schemas import GOLD_CHUNKS, GOLD_DOCUMENTS, QUARANTINE, QUARANTINE_DOCUMENTS
from llmdata.stage import StageResult
from llmdata.transforms.chunk import chunk, load_tokenizer

log = logging.getLogger(__name__)

PAYLOAD_FIELDS = ("chunk_id", "doc_id", "seq", "title", "section", "text", "char_start", "char_end", "source_id",
                  "source_uri", "licence", "lang", "chunker_version")


def payload(row: dict[str, Any], model: dict[str, Any], access: tuple[str, list[str]]) -> dict[str, Any]:
    """A point's payload: the chunk's provenance (no PII: text is redacted), model, access, and a hash of it all
    so an unchanged point is recognised without comparing vectors."""
    body = {**row, "model": model["model"], "revision": model["revision"], "backend": model["backend"],
            "sensitivity": access[0], "allowed_groups": sorted(access[1])}
    return body | {"payload_sha": sha256_hex(json.dumps(body, sort_keys=True, default=str))}


class ChunkOperator(ShardOperator):
    """Chunk the gold documents of one shard that changed; replace their rows in ``gold.chunks``."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        spec = self.spec
        changes = keyed_shard(lake, spec)
        upserted, removed = changes.upserted, changes.removed
        documents = lake.read(GOLD_DOCUMENTS, row_filter=In("doc_id", upserted), snapshot_id=spec.until) \
            if upserted else lake.read(GOLD_DOCUMENTS).slice(0, 0)
        params = chunk_params(settings)
        tokenizer = load_tokenizer(resolve_model(settings.embedding_model).path)
        result, chunks = chunk(documents, tokenizer, params)
        chunks = with_run(chunks, run_id)
        chunks = chunks.set_column(chunks.schema.get_field_index("shard"), "shard",
                                   chunks["shard"].fill_null(spec.shard))
        touched = upserted + removed
        snapshot = lake.replace_where(GOLD_CHUNKS, chunks, In("doc_id", touched), run_id=run_id,
                                      writer=self.task_id) if touched else lake.snapshot_id(GOLD_CHUNKS)
        q_snapshot = self.write_quarantine(lake, result, run_id, {"shard": spec.shard})
        self._inputs.append(lake_input(settings, GOLD_DOCUMENTS, spec.until, documents.num_rows))
        self._outputs.append(lake_output(settings, GOLD_CHUNKS, snapshot, chunks.num_rows, extra={
            "columnLineage": column_lineage(settings, GOLD_DOCUMENTS, {
                "text": ("text", "token windows split on headings, paragraphs, sentences", False),
                "title": ("text", "first heading", False), "section": ("text", "enclosing heading", False)})}))
        if result.quarantined.num_rows:
            self._outputs.append(lake_output(settings, QUARANTINE_DOCUMENTS, q_snapshot,
                                             result.quarantined.num_rows))
        summary = self.record(result, {"shard": spec.shard, "chunker_version": params.version,
                                       "max_tokens": params.max_tokens, "overlap": params.overlap})
        return summary | {"documents_removed": len(removed)}


class EmbedIndexOperator(ShardOperator):
    """Embed the new chunks of one shard and make the collection hold exactly them for those documents."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        spec = self.spec
        changes = keyed_shard(lake, spec)
        upserted, removed = changes.upserted, changes.removed
        chunks_version = lake.snapshot_id(GOLD_CHUNKS)
        chunks = lake.read(GOLD_CHUNKS, row_filter=In("doc_id", upserted), snapshot_id=chunks_version) \
            if upserted else lake.read(GOLD_CHUNKS).slice(0, 0)
        chunks = chunks.sort_by([("doc_id", "ascending"), ("seq", "ascending")])
        if not upserted and not removed:
            log.info("shard %d: no gold document changed; the collection is already in sync", spec.shard)
            result = StageResult("embed_index", 0, chunks, QUARANTINE.empty_table(), metrics={
                "points_upserted": 0, "points_deleted": 0, "points_unchanged": 0, "chunks_embedded": 0,
                "embed_seconds": 0.0})
            return self.record(result, {"shard": spec.shard, **result.metrics})
        from llmdata.index.cache import cached_encode
        from llmdata.index.qdrant import open_index  # qdrant-client: not at DAG parse time
        from llmdata.sources.registry import load_registry

        embedder = settings_embedder(settings)
        model = embedder.describe()
        access = {s.id: (s.classification.sensitivity, s.allowed_groups)
                  for s in load_registry(settings.sources_file).sources}
        payloads = [payload(row, model, access.get(row["source_id"], ("internal", ["*"])))
                    for row in chunks.select(list(PAYLOAD_FIELDS)).to_pylist()]
        chunk_ids = chunks["chunk_id"].to_pylist()
        collection = physical_collection(settings)
        with open_index(settings) as index:
            index.ensure_collection(collection, embedder.dimension)
            stored = index.existing(collection, upserted + removed)
        changed = [i for i, (c, p) in enumerate(zip(chunk_ids, payloads, strict=True))
                   if stored.get(point_id(c)) != p["payload_sha"]]

        def progress(done: int, total: int) -> None:
            log.info("embedded %d/%d chunks", done, total)

        # Embedding is the long part: the index is not held meanwhile (the embedded store admits one process).
        rows = chunks.select(["title", "section", "text"]).to_pylist()
        texts = [embedded_text(rows[i]["title"], rows[i]["section"], rows[i]["text"], settings.chunk_context)
                 for i in changed]
        headings = [heading(rows[i]["title"], rows[i]["section"]) for i in changed]
        started = time.perf_counter()
        dense, embedded = cached_encode(lake, embedder, texts, run_id, self.task_id, progress)
        # Many chunks share a heading: each distinct one is embedded once, and only once ever (the cache).
        heading_vectors, headings_embedded = cached_encode(lake, embedder, headings, run_id, self.task_id)
        vectors = {DENSE: dense, HEADING: heading_vectors, SPARSE: [document_vector(t) for t in texts]}
        embed_seconds = round(time.perf_counter() - started, 3)
        faults.point("index.sync", shard=spec.shard)
        with open_index(settings) as index:
            synced = index.sync_documents(collection, [chunk_ids[i] for i in changed], vectors,
                                          [payloads[i] for i in changed], upserted + removed,
                                          keep_chunk_ids=chunk_ids)
            points = index.count(collection)
            location = index.location
        synced |= {"points_unchanged": len(chunk_ids) - len(changed), "chunks_embedded": embedded,
                   "chunks_from_cache": len(changed) - embedded, "headings_embedded": headings_embedded,
                   "embed_seconds": embed_seconds}
        log.info("shard %d: %d chunks, %d embedded, %d from the cache; points %d upserted, %d unchanged, %d deleted",
                 spec.shard, len(chunk_ids), embedded, synced["chunks_from_cache"], synced["points_upserted"],
                 synced["points_unchanged"], synced["points_deleted"])
        # Vectors are derived data: a chunk either gets its point or the task fails, so nothing is quarantined.
        result = StageResult("embed_index", chunks.num_rows, chunks, QUARANTINE.empty_table(), metrics=synced)
        self._inputs.append(lake_input(settings, GOLD_CHUNKS, chunks_version, chunks.num_rows))
        self._outputs.append(collection_output(location, collection, points))
        self._run_facets["llmdata_embedding"] = EmbeddingRunFacet(
            model=str(model["model"]), revision=str(model["revision"]), backend=str(model["backend"]),
            dimension=int(model["dimension"]), collection=collection, index_location=location,
            chunker_version=chunk_params(settings).version)
        return self.record(result, {"shard": spec.shard, **model, **synced}) | {"collection_points": points}



class PublishIndexOperator(LakeOperator):
    """Verify the collection holds exactly one point per gold chunk, then point the alias at it (atomic swap;
    the previous collection is kept for rollback)."""

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.index.qdrant import open_index

        collection = physical_collection(settings)
        expected = lake.row_count(GOLD_CHUNKS)
        with open_index(settings) as index:
            if expected == 0 and not index.exists(collection):
                # Gold is empty (every document quarantined, or all removed): the index is an empty collection,
                # so searches answer "nothing found" instead of "no such collection".
                log.warning("publish_index: gold.chunks is empty; creating the empty collection %s", collection)
                index.ensure_collection(collection, settings_embedder(settings).dimension)
            points = index.count(collection)
            previous = index.alias_target(settings.collection)
            if points != expected:
                raise IndexNotVerifiedError(
                    f"collection {collection!r} holds {points} points but gold.chunks has {expected} chunks; the "
                    f"alias {settings.collection!r} stays on {previous!r}. Re-run rag_index to finish the build.")
            if previous != collection:
                from llmdata.maintenance import record_swap

                index.swap_alias(settings.collection, collection)
                record_swap(lake, settings.collection, collection, previous)
                log.info("alias %s -> %s (was %s; kept for rollback)", settings.collection, collection, previous)
            location = index.location
        self._outputs.append(collection_output(location, settings.collection, points))
        return {"stage": "publish_index", "alias": settings.collection, "collection": collection,
                "previous": previous, "swapped": previous != collection, "points": points}


class IndexNotVerifiedError(LlmdataError, RuntimeError):
    """The new collection is not complete; the alias was not moved."""
