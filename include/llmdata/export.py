"""Training export: gold as sharded Parquet and JSONL with a manifest and a dataset card.

The export is keyed by the gold snapshot it was read from, so re-running it rewrites the same files and two
exports of different snapshots never mix. With sampling on, each document is kept with probability equal to
its ``weight`` (deterministic per document and seed), so low-quality text is rarer without being gone.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from llmdata.ids import unit_draw
from llmdata.lake import Lake
from llmdata.schemas import GOLD_DOCUMENTS

EXPORT_DIR = "_exports/training"
COLUMNS = ["doc_id", "text", "source_id", "source_uri", "licence", "lang", "n_tokens", "quality_score", "weight"]


@dataclass(frozen=True)
class ExportParams:
    shard_rows: int = 50_000
    sample_by_weight: bool = False
    seed: int = 0


def _kept(doc_id: str, weight: float | None, params: ExportParams) -> bool:
    if not params.sample_by_weight:
        return True
    return unit_draw(params.seed, doc_id) < (1.0 if weight is None else weight)


def export_training(lake: Lake, policy: dict[str, Any], params: ExportParams) -> dict[str, Any]:
    """Write the export of the current gold snapshot; returns its manifest."""
    snapshot = lake.snapshot_id(GOLD_DOCUMENTS)
    gold = lake.read(GOLD_DOCUMENTS, columns=COLUMNS, snapshot_id=snapshot).sort_by("doc_id")
    keep = [_kept(d, w, params) for d, w in zip(gold["doc_id"].to_pylist(), gold["weight"].to_pylist(), strict=True)]
    rows = gold.filter(pa.array(keep, pa.bool_()))
    folder = f"{EXPORT_DIR}/{snapshot}"
    files = []
    for index, start in enumerate(range(0, max(rows.num_rows, 1), params.shard_rows)):
        part = rows.slice(start, params.shard_rows)
        buffer = io.BytesIO()
        pq.write_table(part, buffer, compression="zstd")
        jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part.to_pylist()).encode("utf-8")
        for name, data in ((f"part-{index:05d}.parquet", buffer.getvalue()), (f"part-{index:05d}.jsonl", jsonl)):
            files.append({"path": name, "rows": part.num_rows, "bytes": len(data),
                          "sha256": hashlib.sha256(data).hexdigest(), "uri": lake.write_file(f"{folder}/{name}", data)})
    by_source: dict[str, dict[str, float]] = defaultdict(lambda: {"documents": 0, "tokens": 0, "weight": 0.0})
    by_lang: dict[str, dict[str, float]] = defaultdict(lambda: {"documents": 0, "tokens": 0})
    for row in rows.select(["source_id", "lang", "n_tokens", "weight"]).to_pylist():
        for key, table in ((row["source_id"], by_source), (row["lang"] or "unknown", by_lang)):
            table[key]["documents"] += 1
            table[key]["tokens"] += row["n_tokens"] or 0
        by_source[row["source_id"]]["weight"] = round(by_source[row["source_id"]]["weight"] + (row["weight"] or 0), 4)
    licences = sorted({lic for lic in rows["licence"].to_pylist() if lic})
    manifest = {
        "gold_snapshot_id": snapshot, "created_at": datetime.now(UTC).isoformat(),
        "policy": {k: policy[k] for k in ("name", "version", "sha256")},
        "sampling": {"by_weight": params.sample_by_weight, "seed": params.seed,
                     "documents_in_gold": gold.num_rows, "documents_exported": rows.num_rows},
        "documents": rows.num_rows, "tokens": sum(v["tokens"] for v in by_source.values()),
        "by_source": dict(by_source), "by_language": dict(by_lang), "licences": licences, "files": files,
    }
    lake.write_file(f"{folder}/manifest.json", json.dumps(manifest, indent=1).encode())
    lake.write_file(f"{folder}/DATASET_CARD.md", dataset_card(manifest, policy).encode())
    return manifest


def dataset_card(manifest: dict[str, Any], policy: dict[str, Any]) -> str:
    """A Markdown dataset card generated from the manifest (no hand-written numbers)."""
    sources = "\n".join(f"| {s} | {v['documents']} | {v['tokens']:,} | {v['weight']} |"
                        for s, v in sorted(manifest["by_source"].items()))
    languages = "\n".join(f"| {lang} | {v['documents']} | {v['tokens']:,} |"
                          for lang, v in sorted(manifest["by_language"].items()))
    files = "\n".join(f"| {f['path']} | {f['rows']} | `{f['sha256'][:16]}…` |" for f in manifest["files"])
    sampling = manifest["sampling"]
    return f"""# Dataset card: llmdata training export of gold snapshot {manifest['gold_snapshot_id']}

Created {manifest['created_at']} from the curated gold layer under quality policy **{policy['name']}**
{policy['version']} (sha256 `{policy['sha256']}`).

## Contents

{manifest['documents']} documents, {manifest['tokens']:,} tokens (embedding-model tokenizer). Sampling by weight:
{'on' if sampling['by_weight'] else 'off'} ({sampling['documents_exported']} of {sampling['documents_in_gold']}
gold documents; seed {sampling['seed']}). Licences: {', '.join(manifest['licences']) or 'none recorded'}.

| source | documents | tokens | sum of weights |
|---|---|---|---|
{sources}

| language | documents | tokens |
|---|---|---|
{languages}

## Processing

Extraction, Unicode normalisation, PII redaction (typed placeholders; no personal data values remain),
language identification, exact and MinHash near-duplicate removal, and the policy's quality gates. Each row's
`quality_score` and `weight` come from the policy's scoring section. Lineage of every step is in the
OpenLineage log; `llmdata trace DOC_ID` follows one document.

## Intended use and assumptions

{policy.get('assumptions', '').strip() or 'See the quality policy.'}

## Files

| file | rows | sha256 |
|---|---|---|
{files}
"""
