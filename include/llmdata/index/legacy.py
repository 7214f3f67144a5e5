"""Upgrade path: an index folder written by qdrant-client's local mode (releases before the index service) is
copied into the embedded engine once, verified point for point, then its files are removed (they hold payloads
an erasure would otherwise miss)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from llmdata.index.edge import EdgeEngine
from llmdata.index.store import VectorIndexError

log = logging.getLogger(__name__)


def migrate_local_mode(folder: Path, engine: EdgeEngine) -> list[str]:
    """Copy every collection and alias of the local-mode store in ``folder`` into ``engine``; returns the names."""
    if not (folder / "meta.json").exists() or not (folder / "collection").is_dir():
        return []
    from qdrant_client import QdrantClient

    client = QdrantClient(path=str(folder))
    migrated = []
    try:
        for collection in client.get_collections().collections:
            name = collection.name
            dimension = client.get_collection(name).config.params.vectors.size  # type: ignore[union-attr]
            engine.delete_collection(name)  # a migration interrupted before the files went: start it over
            engine.ensure_collection(name, dimension)
            offset = None
            while True:
                records, offset = client.scroll(name, limit=1024, offset=offset, with_payload=True,
                                                with_vectors=True)
                if records:
                    engine._get(name).apply("upsert", [
                        (str(r.id), list(r.vector), dict(r.payload or {})) for r in records])  # type: ignore[arg-type]
                if offset is None:
                    break
            expected = client.count(name, exact=True).count
            if engine.count(name) != expected:
                raise VectorIndexError(f"migrating {name!r} from {folder} copied {engine.count(name)} of {expected}"
                                       " points; the old store is left in place")
            migrated.append(name)
        for alias in client.get_aliases().aliases:
            engine.swap_alias(alias.alias_name, alias.collection_name)
    finally:
        client.close()
    for name in migrated:
        engine.wait_built(name)
    shutil.rmtree(folder / "collection")
    for leftover in ("meta.json", ".lock"):
        (folder / leftover).unlink(missing_ok=True)
    log.info("migrated %d collections from qdrant-client local mode in %s: %s", len(migrated), folder,
             ", ".join(migrated))
    return migrated
