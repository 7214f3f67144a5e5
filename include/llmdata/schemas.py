"""Arrow schemas of every lake table: the data contracts in one module.

Tables are named ``layer.dataset``. Documents share one schema from silver on, so a row can move between
silver, gold and quarantine without conversion; bronze keeps raw bytes and provenance.
"""

from __future__ import annotations

import pyarrow as pa

TIMESTAMP = pa.timestamp("us", tz="UTC")

PROVENANCE_FIELDS = [
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("source_id", pa.string(), nullable=False),
    pa.field("source_uri", pa.string(), nullable=False),
    pa.field("licence", pa.string()),
    pa.field("collected_at", TIMESTAMP),
    pa.field("content_sha256", pa.string()),
    pa.field("mime_type", pa.string()),
]

RUN_FIELDS = [
    pa.field("run_id", pa.string(), nullable=False),
    pa.field("shard", pa.int32(), nullable=False),
]

BRONZE = pa.schema(
    [
        *PROVENANCE_FIELDS,
        pa.field("item_key", pa.string(), nullable=False),
        pa.field("content", pa.large_binary()),
        pa.field("size_bytes", pa.int64()),
        # "upsert" for a new or changed item, "delete" for an item gone from its source.
        pa.field("op", pa.string(), nullable=False),
        pa.field("connector", pa.string()),
        pa.field("connector_version", pa.string()),
        # The connector's change token: mtime+size, ETag, or the encoded watermark of a SQL row.
        pa.field("version", pa.string()),
        *RUN_FIELDS,
    ]
)

DOCUMENT = pa.schema(
    [
        *PROVENANCE_FIELDS,
        pa.field("text", pa.large_string()),
        pa.field("encoding", pa.string()),
        pa.field("text_sha256", pa.string()),
        pa.field("n_chars", pa.int64()),
        pa.field("n_words", pa.int64()),
        pa.field("lang", pa.string()),
        pa.field("lang_score", pa.float64()),
        pa.field("n_tokens", pa.int64()),
        # PII entities found, by type, as JSON ({"EMAIL_ADDRESS": 2}); counts only, never values.
        pa.field("pii_counts", pa.string()),
        pa.field("dup_of", pa.string()),
        # Processing path chosen by the policy's routing rules: fast, standard or deep.
        pa.field("route", pa.string()),
        # Quality profile whose check parameters apply (policy `profiles`); null: the policy as written.
        pa.field("quality_profile", pa.string()),
        pa.field("quality_score", pa.float64()),
        # Sampling weight for training exports, from quality_score (the policy's `scoring`).
        pa.field("weight", pa.float64()),
        pa.field("gate_results", pa.string()),
        *RUN_FIELDS,
    ]
)

# Documents that passed the mid gates, each with its MinHash signature (``num_perm`` uint32, little-endian, as in
# ``meta.lsh_buckets``): the shard tasks hash the text, so the run-wide dedup reads ids, hashes and signatures only.
FILTERED = pa.schema([*DOCUMENT, pa.field("signature", pa.binary())])

QUARANTINE = pa.schema(
    [
        *DOCUMENT,
        pa.field("content", pa.large_binary()),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("rule", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
    ]
)

CHUNK = pa.schema(
    [
        pa.field("chunk_id", pa.string(), nullable=False),
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("seq", pa.int32(), nullable=False),
        pa.field("text", pa.large_string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("section", pa.string()),
        pa.field("n_tokens", pa.int32(), nullable=False),
        pa.field("char_start", pa.int64(), nullable=False),
        pa.field("char_end", pa.int64(), nullable=False),
        pa.field("text_sha256", pa.string(), nullable=False),
        pa.field("chunker_version", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("licence", pa.string()),
        pa.field("lang", pa.string()),
        *RUN_FIELDS,
    ]
)

OFFSETS = pa.schema(
    [
        pa.field("consumer", pa.string(), nullable=False),
        pa.field("table_name", pa.string(), nullable=False),
        pa.field("snapshot_id", pa.int64(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("committed_at", TIMESTAMP, nullable=False),
        # The quality policy the consumer applied; a different one at the next run means: reprocess everything.
        pa.field("policy_sha256", pa.string()),
    ]
)

LSH_BUCKETS = pa.schema(
    [
        pa.field("bucket", pa.string(), nullable=False),
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("signature", pa.binary(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

REVIEW = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("source_id", pa.string()),
        pa.field("source_uri", pa.string()),
        pa.field("text_sha256", pa.string()),
        pa.field("quality_score", pa.float64()),
        # The scored rules that pulled the score down, e.g. "repetition.gopher_repetition=0.0".
        pa.field("signals", pa.string()),
        pa.field("queued_run_id", pa.string(), nullable=False),
        pa.field("queued_at", TIMESTAMP),
        # Empty until a person decides: "accept" or "reject".
        pa.field("decision", pa.string()),
        pa.field("reviewer", pa.string()),
        pa.field("note", pa.string()),
        pa.field("decided_run_id", pa.string()),
    ]
)

EMBEDDINGS = pa.schema(
    [
        # sha256 of (model id, revision, backend, chunk text): a vector is reused only for exactly that.
        pa.field("key", pa.string(), nullable=False),
        pa.field("vector", pa.binary(), nullable=False),  # float32, little-endian
        pa.field("model", pa.string()),
        pa.field("backend", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

ERASURES = pa.schema(
    [
        # Tombstones of erased documents: ingest never brings these items back.
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("item_key", pa.string(), nullable=False),
        pa.field("reason", pa.string()),
        pa.field("erased_at", TIMESTAMP),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

BOILERPLATE = pa.schema(
    [
        # Lines learned as boilerplate of a source (transforms.boilerplate): a key, never the line's text.
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("line_key", pa.string(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

BRONZE_DOCUMENTS = "bronze.documents"
# Extracted text of the run in progress: raw (before redaction), so it lives in the access-restricted raw layer
# and only until the run commits. The boilerplate step and the next shard segment read it.
BRONZE_EXTRACTED = "bronze.extracted"
SILVER_REDACTED = "silver.redacted"  # kept only with LLMDATA_KEEP_INTERMEDIATE
SILVER_ANNOTATED = "silver.annotated"  # kept only with LLMDATA_KEEP_INTERMEDIATE
SILVER_FILTERED = "silver.filtered"  # passed the mid gates
SILVER_DOCUMENTS = "silver.documents"  # deduplicated
SILVER_GATED = "silver.gated"  # passed the late gates: what publish moves into gold
GOLD_DOCUMENTS = "gold.documents"
GOLD_CHUNKS = "gold.chunks"
QUARANTINE_DOCUMENTS = "quarantine.documents"
REVIEW_QUEUE = "review.queue"
META_OFFSETS = "meta.offsets"
META_LSH_BUCKETS = "meta.lsh_buckets"
META_EMBEDDINGS = "meta.embeddings"
META_ERASURES = "meta.erasures"
META_BOILERPLATE = "meta.boilerplate"

TABLES: dict[str, pa.Schema] = {
    BRONZE_DOCUMENTS: BRONZE,
    BRONZE_EXTRACTED: DOCUMENT,
    SILVER_REDACTED: DOCUMENT,
    SILVER_ANNOTATED: DOCUMENT,
    SILVER_FILTERED: FILTERED,
    SILVER_DOCUMENTS: DOCUMENT,
    SILVER_GATED: DOCUMENT,
    GOLD_DOCUMENTS: DOCUMENT,
    GOLD_CHUNKS: CHUNK,
    QUARANTINE_DOCUMENTS: QUARANTINE,
    REVIEW_QUEUE: REVIEW,
    META_OFFSETS: OFFSETS,
    META_LSH_BUCKETS: LSH_BUCKETS,
    META_EMBEDDINGS: EMBEDDINGS,
    META_ERASURES: ERASURES,
    META_BOILERPLATE: BOILERPLATE,
}

# Tables the previous release wrote on every run and this one never writes. Lakes made by it still have them:
# erasure and maintenance cover them while they exist, and `llmdata lake drop-legacy` removes them (the first
# three hold text before PII redaction).
SILVER_EXTRACTED = "silver.extracted"
SILVER_NORMALIZED = "silver.normalized"
SILVER_SCREENED = "silver.screened"
LEGACY_TABLES: dict[str, pa.Schema] = {SILVER_EXTRACTED: DOCUMENT, SILVER_NORMALIZED: DOCUMENT,
                                       SILVER_SCREENED: DOCUMENT}

# Iceberg table properties. Bronze is read by curate shards one Parquet row group at a time (each shard owns
# whole row groups): small groups balance shards, and a shard reads nothing it does not own. The tables a shard
# task or dedup streams back are read a row group at a time too: without a limit a shard's file is one group,
# and reading its first batch holds the whole shard's text.
PROPERTIES: dict[str, dict[str, str]] = {
    BRONZE_DOCUMENTS: {"write.parquet.row-group-limit": "128"},
    BRONZE_EXTRACTED: {"write.parquet.row-group-limit": "256"},
    SILVER_FILTERED: {"write.parquet.row-group-limit": "256"},
}

# Identifier fields make PyIceberg's upsert key explicit and let readers see the table's key.
KEYS: dict[str, list[str]] = {
    GOLD_DOCUMENTS: ["doc_id"],
    GOLD_CHUNKS: ["chunk_id"],
    REVIEW_QUEUE: ["doc_id"],
    META_EMBEDDINGS: ["key"],
    META_ERASURES: ["doc_id"],
    META_OFFSETS: ["consumer", "table_name"],
}



def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """Select and cast ``table``'s columns to ``schema``, adding missing nullable columns as nulls."""
    columns = []
    for field in schema:
        if field.name in table.column_names:
            columns.append(table.column(field.name).cast(field.type))
        else:
            columns.append(pa.nulls(table.num_rows, field.type))
    return pa.Table.from_arrays(columns, schema=schema)
