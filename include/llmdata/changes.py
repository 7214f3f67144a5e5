"""What a consumer has to process: changes of a lake table since the snapshot it last consumed, in shards."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
from pyiceberg.expressions import In

from llmdata.ids import shard_of
from llmdata.lake import Changes, Lake
from llmdata.schemas import BRONZE_DOCUMENTS, GOLD_DOCUMENTS


@dataclass(frozen=True)
class ShardSpec:
    """One mapped task's share of a change set: snapshots ``since`` (exclusive) to ``until``, shard k of n."""

    since: int | None
    until: int | None
    shard: int
    n_shards: int
    # Reprocess every live document (the quality policy changed), not only what changed since ``since``.
    full: bool = False

    def to_xcom(self) -> dict[str, int | None]:
        return {"since": self.since, "until": self.until, "shard": self.shard, "n_shards": self.n_shards,
                "full": int(self.full)}

    @classmethod
    def from_xcom(cls, value: dict[str, int | None]) -> ShardSpec:
        return cls(value["since"], value["until"], int(value["shard"] or 0), int(value["n_shards"] or 1),
                   bool(value.get("full")))

    def owns(self, doc_id: str) -> bool:
        return shard_of(doc_id, self.n_shards) == self.shard


def plan_shards(n_changes: int, shard_size: int, max_shards: int) -> int:
    """How many shards a change set of ``n_changes`` documents is split into (at least one)."""
    return max(1, min(max_shards, math.ceil(n_changes / shard_size)))


def bronze_changes(lake: Lake, since: int | None, until: int | None) -> pa.Table:
    """Bronze rows committed after snapshot ``since`` up to ``until`` (new, changed and deleted items)."""
    if until is None:
        return lake.read(BRONZE_DOCUMENTS).slice(0, 0)
    runs = lake.runs_since(BRONZE_DOCUMENTS, since, until)
    if not runs:
        return lake.read(BRONZE_DOCUMENTS).slice(0, 0)
    return lake.read(BRONZE_DOCUMENTS, row_filter=In("run_id", runs), snapshot_id=until)


def bronze_current(lake: Lake, until: int | None) -> pa.Table:
    """The latest bronze row of every live document at snapshot ``until`` (deleted documents left out)."""
    if until is None:
        return lake.read(BRONZE_DOCUMENTS).slice(0, 0)
    rows = lake.read(BRONZE_DOCUMENTS, snapshot_id=until).sort_by([("collected_at", "ascending")])
    latest = {doc: i for i, doc in enumerate(rows["doc_id"].to_pylist())}
    current = rows.take(sorted(latest.values()))
    return current.filter(pc.equal(current["op"], "upsert"))


def gold_changes(lake: Lake, since: int | None, until: int | None) -> Changes:
    """Gold documents upserted (new text) or removed between two snapshots."""
    return lake.changes(GOLD_DOCUMENTS, "doc_id", "text_sha256", since, until)


def in_shard(rows: pa.Table, spec: ShardSpec) -> pa.Table:
    """The rows of ``rows`` whose doc_id belongs to ``spec``'s shard, with the shard column set."""
    mask = pa.array([spec.owns(d) for d in rows["doc_id"].to_pylist()], pa.bool_())
    owned = rows.filter(mask)
    return owned.set_column(owned.schema.get_field_index("shard"), "shard",
                            pa.array([spec.shard] * owned.num_rows, pa.int32()))


def keys_in_shard(keys: list[str], spec: ShardSpec) -> list[str]:
    """The keys that belong to ``spec``'s shard."""
    return [k for k in keys if spec.owns(k)]


def with_run(rows: pa.Table, run_id: str) -> pa.Table:
    """``rows`` with ``run_id`` set to this run (rows written by a run carry its id)."""
    return rows.set_column(rows.schema.get_field_index("run_id"), "run_id",
                           pc.cast(pa.array([run_id] * rows.num_rows), pa.string()))
