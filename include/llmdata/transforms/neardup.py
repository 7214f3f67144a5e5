"""Near-duplicate detection: MinHash signatures (datasketch) and LSH banding, incremental across runs.

Each kept document's band buckets are stored in the lake (``meta.lsh_buckets``) with its signature, so a new
run looks up only the buckets its own documents fall into: it dedups against every earlier run without loading
or recomputing history. Within a run all shards are compared together, so a pair split across shards is
caught too. A candidate pair counts when the estimated Jaccard similarity reaches the threshold; the keeper is
the earliest document (already indexed, else earliest collected, then lowest doc_id) and ``dup_of`` points to it.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from datasketch import MinHash

from llmdata.schemas import DOCUMENT, conform
from llmdata.stage import StageResult, quarantine
from llmdata.workers import parallel_map

RULE_NEAR = "dedup.near"
_WORDS = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class NearDupParams:
    """Shingle size (words), permutations, LSH bands and the Jaccard threshold (from the quality policy)."""

    shingle: int = 5
    num_perm: int = 128
    bands: int = 16
    threshold: float = 0.8
    seed: int = 1

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    @property
    def accept(self) -> float:
        """The estimate at which a candidate pair is accepted: two standard errors of a MinHash estimate below the
        threshold, so pairs whose true Jaccard is at the threshold are not lost to estimation noise."""
        return self.threshold - 2 * (self.threshold * (1 - self.threshold) / self.num_perm) ** 0.5

    def describe(self) -> dict[str, float | int]:
        return {"shingle": self.shingle, "num_perm": self.num_perm, "bands": self.bands,
                "threshold": self.threshold}


def shingles(text: str, size: int) -> set[bytes]:
    """Word n-grams of the lower-cased text (whole text when it is shorter than one shingle)."""
    words = _WORDS.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signatures(texts: pa.ChunkedArray, params: NearDupParams, workers: int = 1) -> np.ndarray:
    """MinHash signatures, one row of ``num_perm`` uint32 per text (spread over ``workers`` processes: hashing
    every shingle of long pages is most of dedup's time). The column becomes Python strings a chunk at a time,
    so a whole run's text is never held twice."""
    if not len(texts):
        return np.zeros((0, params.num_perm), dtype=np.uint32)
    size = max(64, -(-len(texts) // (4 * workers)))
    chunks = [texts.slice(i, size).combine_chunks() for i in range(0, len(texts), size)]
    return np.vstack(parallel_map(functools.partial(_signatures, params=params), chunks, workers))


def shingle_hashes(text: str, size: int) -> list[int]:
    """datasketch's default hash (the first 4 bytes of SHA-1, little-endian) of each shingle, in one loop: the
    same values ``MinHash.update_batch`` computes, at half its per-shingle cost."""
    sha1, from_bytes = hashlib.sha1, int.from_bytes
    return [from_bytes(sha1(shingle).digest()[:4], "little") for shingle in shingles(text, size)]


def _signatures(texts: pa.Array, params: NearDupParams) -> np.ndarray:
    hashes = MinHash.bulk([shingle_hashes(t or "", params.shingle) for t in texts.to_pylist()],
                          num_perm=params.num_perm, seed=params.seed, hashfunc=int)
    return np.vstack([h.hashvalues.astype(np.uint32) for h in hashes])


def bucket_keys(signature: np.ndarray, params: NearDupParams) -> list[str]:
    """The LSH bucket of each band: ``b<band>:<hash of the band's rows>``."""
    keys = []
    for band in range(params.bands):
        chunk = signature[band * params.rows:(band + 1) * params.rows].tobytes()
        keys.append(f"b{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


# Looks up earlier documents by bucket keys: returns {doc_id: signature}.
IndexLookup = Callable[[list[str]], dict[str, np.ndarray]]


def signature_column(texts: pa.Array | pa.ChunkedArray, params: NearDupParams) -> pa.Array:
    """Each text's signature as bytes (``num_perm`` uint32), in this process: what the ``minhash`` step stores."""
    sigs = _signatures(texts.combine_chunks() if isinstance(texts, pa.ChunkedArray) else texts, params)
    return pa.array([row.tobytes() for row in sigs], pa.binary()) if len(texts) else pa.array([], pa.binary())


def signatures_of(rows: pa.Table, params: NearDupParams, workers: int = 1) -> np.ndarray:
    """The signatures of ``rows``: read from their ``signature`` column where the minhash step left one of this
    policy's size, computed from ``text`` for the rest (rows from elsewhere, or hashed under other parameters)."""
    size = 4 * params.num_perm
    stored = rows["signature"].to_pylist() if "signature" in rows.column_names else [None] * rows.num_rows
    missing = [i for i, blob in enumerate(stored) if blob is None or len(blob) != size]
    out = np.zeros((rows.num_rows, params.num_perm), dtype=np.uint32)
    present = [i for i, blob in enumerate(stored) if blob is not None and len(blob) == size]
    if present:
        out[present] = np.frombuffer(b"".join(stored[i] for i in present), dtype=np.uint32).reshape(-1, params.num_perm)
    if missing:
        if "text" not in rows.column_names:
            raise ValueError(f"{len(missing)} document(s) have no signature of {params.num_perm} permutations and "
                             "no text to compute one from")
        out[missing] = signatures(rows["text"].take(missing), params, workers)
    return out


def near_duplicates(doc_ids: list[str], sigs: np.ndarray, lookup: IndexLookup, params: NearDupParams
                    ) -> tuple[list[str | None], list[float]]:
    """For documents in keeper order (earliest first), the document each one nearly duplicates (an earlier run's,
    else an earlier kept one of this run) and the estimated similarity; None where it is kept."""
    keys = [bucket_keys(s, params) for s in sigs]
    earlier = lookup(sorted({k for ks in keys for k in ks})) if doc_ids else {}
    earlier = {d: s for d, s in earlier.items() if d not in set(doc_ids)}  # a new version is not its own duplicate
    earlier_buckets: dict[str, list[str]] = {}
    for doc, sig in earlier.items():
        for key in bucket_keys(sig, params):
            earlier_buckets.setdefault(key, []).append(doc)
    run_buckets: dict[str, list[int]] = {}
    dup_of: list[str | None] = [None] * len(doc_ids)
    similarity: list[float] = [0.0] * len(doc_ids)
    for i, doc_keys in enumerate(keys):
        best: tuple[float, str] | None = None
        for doc in {d for k in doc_keys for d in earlier_buckets.get(k, [])}:
            score = jaccard(sigs[i], earlier[doc])
            if score >= params.accept and (best is None or score > best[0]):
                best = (score, doc)
        if best is None:
            for j in {j for k in doc_keys for j in run_buckets.get(k, [])}:
                score = jaccard(sigs[i], sigs[j])
                if score >= params.accept and (best is None or score > best[0]):
                    best = (score, doc_ids[j])
        if best is not None:
            dup_of[i], similarity[i] = best[1], best[0]
            continue
        for key in doc_keys:  # only keepers enter the index, so a cluster has one representative
            run_buckets.setdefault(key, []).append(i)
    return dup_of, similarity


def near_reason(dup_of: str, similarity: float) -> str:
    return f"near duplicate of {dup_of} (estimated Jaccard {similarity:.2f})"


def keeper_order(rows: pa.Table) -> pa.Table:
    """``rows`` in the order near dedup keeps them: earliest collected first, then lowest doc_id."""
    return rows.sort_by([("collected_at", "ascending"), ("doc_id", "ascending")])


def deduplicate_near(documents: pa.Table, lookup: IndexLookup, params: NearDupParams, workers: int = 1
                     ) -> tuple[StageResult, pa.Table]:
    """Quarantine near-duplicates; return the result and the index rows (bucket, doc_id, signature) of kept docs."""
    ordered = keeper_order(documents)
    doc_ids = ordered["doc_id"].to_pylist()
    sigs = signatures_of(ordered, params, workers)
    dup_of, similarity = near_duplicates(doc_ids, sigs, lookup, params)
    keep = [d is None for d in dup_of]
    rows = ordered.drop_columns(["dup_of"]).append_column("dup_of", pa.array(dup_of, pa.string()))
    mask = pa.array(keep, pa.bool_())
    dups = rows.filter(pa.compute.invert(mask))
    reasons = [near_reason(d, s) for d, s in zip(dup_of, similarity, strict=True) if d is not None]
    quarantined = quarantine(dups, "dedup", [RULE_NEAR] * dups.num_rows, reasons)
    index = index_rows([d for d, k in zip(doc_ids, keep, strict=True) if k],
                       [s for s, k in zip(sigs, keep, strict=True) if k], params)
    result = StageResult("dedup", documents.num_rows, conform(rows.filter(mask), DOCUMENT), quarantined,
                         metrics={"near_duplicates": dups.num_rows,
                                  "near_clusters": len({d for d in dup_of if d}), **params.describe()})
    return result, index


def index_rows(doc_ids: Iterable[str], sigs: Iterable[np.ndarray], params: NearDupParams) -> pa.Table:
    """One row per (band bucket, document) with the document's signature."""
    buckets, docs, blobs = [], [], []
    for doc, sig in zip(doc_ids, sigs, strict=True):
        blob = sig.astype(np.uint32).tobytes()
        for key in bucket_keys(sig, params):
            buckets.append(key)
            docs.append(doc)
            blobs.append(blob)
    return pa.table({"bucket": pa.array(buckets, pa.string()), "doc_id": pa.array(docs, pa.string()),
                     "signature": pa.array(blobs, pa.binary())})


def decode_signature(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint32)
