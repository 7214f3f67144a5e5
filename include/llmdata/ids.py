"""Stable identifiers and content hashes."""

from __future__ import annotations

import hashlib
import hmac
import uuid

# A fixed namespace so Qdrant point ids are the same on every machine for the same chunk.
POINT_NAMESPACE = uuid.UUID("6f1c3c1e-8a39-4d0e-9a52-6c1f0f3f7d20")


def sha256_hex(data: bytes | str) -> str:
    """Hex SHA-256 of bytes or UTF-8 text."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def keyed_hash(entity: str, value: str, key: bytes) -> str:
    """Keyed hash of a PII value (HMAC-SHA256, 12 hex digits): the pseudonym digest and the erasure handle."""
    return hmac.new(key, f"{entity}\x1f{value}".encode(), hashlib.sha256).hexdigest()[:12]


def embedding_key(model_id: str, revision: str, backend: str, text: str) -> str:
    """Embedding-cache key: a vector is reused only for exactly this text, model revision and backend."""
    return sha256_hex(f"{model_id}\x1f{revision}\x1f{backend}\x1f{text}")


def unit_draw(seed: int, key: str) -> float:
    """A deterministic pseudo-random number in [0, 1] for ``key``: reproducible sampling without state."""
    return int(sha256_hex(f"{seed}:{key}")[:8], 16) / 0xFFFFFFFF


def doc_id(source_id: str, item_key: str) -> str:
    """Stable document id: a hash of the source and the item's key within it."""
    return sha256_hex(f"{source_id}\x1f{item_key}")[:32]


def chunk_id(doc: str, char_start: int, char_end: int, chunker_version: str) -> str:
    """Stable chunk id: a hash of the document, the span and the chunker version."""
    return sha256_hex(f"{doc}\x1f{char_start}\x1f{char_end}\x1f{chunker_version}")[:32]


def point_id(chunk: str) -> str:
    """Deterministic Qdrant point id (UUID) for a chunk."""
    return str(uuid.uuid5(POINT_NAMESPACE, chunk))


def shard_of(key: str, n_shards: int) -> int:
    """The shard a key belongs to, stable across runs and processes (unlike ``hash``)."""
    return int(hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest(), 16) % n_shards
