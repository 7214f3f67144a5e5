"""What a consumer has to process, frozen once per run by its plan task.

The plan reads the change set's *keys* once (no content) and writes a small plan file into the lake
(``_plans/<consumer>/<run_id>.parquet``: doc id, op, shard and, for bronze, the Parquet file, row group and row
holding the item). Shards then read only their own row groups of bronze, each byte once across the run, and
publish reads the removed ids from the same file: no task re-reads the change set.

Bronze shards are whole row groups (balanced by bytes), so a shard reads what it owns and nothing else; keyed
consumers (``rag_index``) shard gold keys by hash.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pyiceberg.expressions import AlwaysTrue, In

from llmdata.errors import LlmdataError
from llmdata.ids import shard_of

if TYPE_CHECKING:
    from llmdata.config import Settings
from llmdata.lake import Changes, Lake
from llmdata.schemas import BRONZE, BRONZE_DOCUMENTS, GOLD_DOCUMENTS, conform

PLAN_DIR = "_plans"
PLAN_SCHEMA = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("op", pa.string(), nullable=False),  # upsert | delete
    pa.field("shard", pa.int32(), nullable=False),  # -1: removed, no shard processes it
    pa.field("file", pa.string()),  # bronze data file (None: read by key, see ``read_bronze_shard``)
    pa.field("row_group", pa.int32()),
    pa.field("row", pa.int32()),
    pa.field("bytes", pa.int64()),
])
_KEY_COLUMNS = ["doc_id", "op", "run_id", "collected_at", "size_bytes"]


class PlanError(LlmdataError, RuntimeError):
    """A shard's frozen plan no longer matches the lake."""


@dataclass(frozen=True)
class ShardSpec:
    """One mapped task's share of a change set: snapshots ``since`` (exclusive) to ``until``, shard k of n."""

    since: int | None
    until: int | None
    shard: int
    n_shards: int
    # Reprocess every live document (the quality policy changed), not only what changed since ``since``.
    full: bool = False
    # The plan file (relative to the warehouse) that lists this run's keys per shard.
    plan: str | None = None
    # SHA-256 of the quality policy the run was planned under: every shard must apply that one.
    policy: str | None = None

    def to_xcom(self) -> dict[str, int | str | None]:
        return {"since": self.since, "until": self.until, "shard": self.shard, "n_shards": self.n_shards,
                "full": int(self.full), "plan": self.plan, "policy": self.policy}

    @classmethod
    def from_xcom(cls, value: dict[str, int | str | None]) -> ShardSpec:
        return cls(value["since"], value["until"], int(value["shard"] or 0), int(value["n_shards"] or 1),  # type: ignore[arg-type]
                   bool(value.get("full")), value.get("plan"), value.get("policy"))  # type: ignore[arg-type]

    def check_policy(self, sha256: str) -> None:
        """Refuse to apply other policies than the ones the run was planned under (:func:`curation_sha256`)."""
        if self.policy and sha256 != self.policy:
            raise PlanError(f"the quality or PII policy, or the PII engine, changed while this run was in progress "
                            f"(planned under {self.policy[:12]}, now {sha256[:12]}): let the run fail and trigger a "
                            f"new one, which re-evaluates every document under the new policies")


def plan_shards(n_changes: int, shard_size: int, max_shards: int, n_bytes: int = 0, shard_mb: float = 0.0,
                slots: int = 0) -> int:
    """How many shards a change set of ``n_changes`` documents (``n_bytes`` of content) is split into: enough
    that none holds more than ``shard_size`` documents or ``shard_mb`` MB, at least one, at most ``max_shards``;
    when that is more than the executor's ``slots``, a multiple of them (every wave of tasks fills the slots)."""
    by_bytes = math.ceil(n_bytes / (shard_mb * 1e6)) if shard_mb else 0
    n = max(1, min(max_shards, max(math.ceil(n_changes / shard_size), by_bytes)))
    if slots > 1 and n > slots and n % slots:
        n = min(max_shards, math.ceil(n / slots) * slots)
    return min(n, max(1, n_changes))


def plan_path(consumer: str, run_id: str) -> str:
    """Where a run's plan file lives, relative to the warehouse."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in run_id)
    return f"{PLAN_DIR}/{consumer}/{safe}.parquet"


# ---------------------------------------------------------------------------------------------- bronze plans
def _bronze_keys(lake: Lake, until: int, runs: list[str] | None) -> tuple[pa.Table, bool]:
    """Bronze rows at ``until`` (of ``runs`` only, when given) with their position (file, row group, row); no
    content is read, and files whose statistics rule the runs out are not opened. The second value says whether
    positions are usable (no data file carries Iceberg delete files)."""
    table = lake.table(BRONZE_DOCUMENTS)
    parts, positional = [], True
    row_filter = In("run_id", runs) if runs else AlwaysTrue()
    scan = table.scan(snapshot_id=until, row_filter=row_filter, selected_fields=tuple(_KEY_COLUMNS))
    for task in scan.plan_files():
        positional &= not task.delete_files
        path = task.file.file_path
        with table.io.new_input(path).open() as handle:
            parquet = pq.ParquetFile(handle)
            for group in range(parquet.num_row_groups):
                keys = conform(parquet.read_row_group(group, columns=_KEY_COLUMNS),
                               pa.schema([BRONZE.field(c) for c in _KEY_COLUMNS]))
                n = keys.num_rows
                parts.append(keys.append_column("file", pa.array([path] * n, pa.string()))
                             .append_column("row_group", pa.array([group] * n, pa.int32()))
                             .append_column("row", pa.array(range(n), pa.int32())))
    if not parts:
        empty = pa.schema([*(BRONZE.field(c) for c in _KEY_COLUMNS), pa.field("file", pa.string()),
                           pa.field("row_group", pa.int32()), pa.field("row", pa.int32())])
        return empty.empty_table(), True
    return pa.concat_tables(parts, promote_options="default"), positional


def _latest(rows: pa.Table) -> pa.Table:
    """The latest row of every doc_id (by collected_at; a later position wins a tie)."""
    order = rows.append_column("_pos", pa.array(range(rows.num_rows), pa.int64())) \
        .sort_by([("collected_at", "ascending"), ("_pos", "ascending")])
    latest = {doc: i for i, doc in enumerate(order["doc_id"].to_pylist())}
    return order.take(sorted(latest.values())).drop_columns(["_pos"])


def freeze_bronze_plan(lake: Lake, since: int | None, until: int | None, full: bool, shard_size: int,
                       max_shards: int, shard_mb: float = 0.0, slots: int = 0) -> tuple[pa.Table, int]:
    """The plan of a bronze consumer: the latest row of each changed document (every live one when ``full``),
    assigned to shards by whole row groups balanced by bytes, and the removed ids (shard -1)."""
    if until is None:
        return PLAN_SCHEMA.empty_table(), 1
    runs = None if full else lake.runs_since(BRONZE_DOCUMENTS, since, until)
    if runs == []:
        return PLAN_SCHEMA.empty_table(), 1
    keys, positional = _bronze_keys(lake, until, runs)
    if runs is not None:
        keys = keys.filter(pc.is_in(keys["run_id"], pa.array(runs, pa.string())))
    keys = _latest(keys) if keys.num_rows else keys
    upserts = keys.filter(pc.equal(keys["op"], "upsert")) if keys.num_rows else keys
    removed = keys.filter(pc.equal(keys["op"], "delete")) if keys.num_rows and not full else keys.slice(0, 0)
    sizes = pc.fill_null(upserts["size_bytes"], 0) if upserts.num_rows else pa.array([], pa.int64())
    n_shards = plan_shards(upserts.num_rows, shard_size, max_shards, pc.sum(sizes).as_py() or 0, shard_mb, slots)
    shards = _assign(upserts, n_shards, positional)
    plan = pa.table({
        "doc_id": pa.concat_arrays([upserts["doc_id"].combine_chunks(), removed["doc_id"].combine_chunks()])
        if keys.num_rows else pa.array([], pa.string()),
        "op": ["upsert"] * upserts.num_rows + ["delete"] * removed.num_rows,
        "shard": shards + [-1] * removed.num_rows,
        "file": (upserts["file"].to_pylist() if positional else [None] * upserts.num_rows) + [None] * removed.num_rows,
        "row_group": upserts["row_group"].to_pylist() + [None] * removed.num_rows if keys.num_rows else [],
        "row": upserts["row"].to_pylist() + [None] * removed.num_rows if keys.num_rows else [],
        "bytes": sizes.to_pylist() + [0] * removed.num_rows,
    }, schema=PLAN_SCHEMA)
    return plan, n_shards


def _assign(rows: pa.Table, n_shards: int, positional: bool) -> list[int]:
    """Shard of every row: whole row groups to the least-loaded shard (largest first), or by key hash when
    positions cannot be used."""
    if not positional or n_shards == 1:
        return [0 if n_shards == 1 else shard_of(d, n_shards) for d in rows["doc_id"].to_pylist()]
    units: dict[tuple[str, int], int] = {}
    for file, group, size in zip(rows["file"].to_pylist(), rows["row_group"].to_pylist(),
                                 pc.fill_null(rows["size_bytes"], 0).to_pylist(), strict=True):
        units[(file, group)] = units.get((file, group), 0) + max(int(size), 1)
    if len(units) < n_shards:  # fewer row groups than shards: balance by key instead
        return [shard_of(d, n_shards) for d in rows["doc_id"].to_pylist()]
    load = [0] * n_shards
    owner: dict[tuple[str, int], int] = {}
    for unit, size in sorted(units.items(), key=lambda item: (-item[1], item[0])):
        target = min(range(n_shards), key=lambda k: (load[k], k))
        owner[unit] = target
        load[target] += size
    return [owner[(f, g)] for f, g in zip(rows["file"].to_pylist(), rows["row_group"].to_pylist(), strict=True)]


def write_plan(lake: Lake, consumer: str, run_id: str, plan: pa.Table) -> str:
    """Store the plan file; returns its path relative to the warehouse."""
    relative = plan_path(consumer, run_id)
    sink = pa.BufferOutputStream()
    pq.write_table(plan, sink)
    lake.write_file(relative, sink.getvalue().to_pybytes())
    return relative


def read_plan(lake: Lake, spec: ShardSpec) -> pa.Table:
    """The run's frozen plan."""
    if not spec.plan:
        raise PlanError("this shard has no plan file: the plan task of an older release made it; clear the run "
                        "and let the plan task run again")
    data = lake.read_file(spec.plan)
    if data is None:
        raise PlanError(f"plan file {lake.file_uri(spec.plan)} is gone; clear the run's plan task to re-plan")
    return pq.read_table(pa.BufferReader(data))


def removed_ids(lake: Lake, spec: ShardSpec) -> list[str]:
    """The documents the run's plan found removed at their source."""
    plan = read_plan(lake, spec)
    return plan.filter(pc.equal(plan["op"], "delete"))["doc_id"].to_pylist()


def read_bronze_shard(lake: Lake, spec: ShardSpec, batch_rows: int) -> Iterator[pa.Table]:
    """This shard's bronze rows, in batches of at most ``batch_rows``, reading only its own row groups."""
    plan = read_plan(lake, spec)
    mine = plan.filter(pc.equal(plan["shard"], spec.shard))
    if not mine.num_rows:
        return
    if mine["file"].null_count:  # positions unusable (delete files): read by key
        rows = lake.read(BRONZE_DOCUMENTS, row_filter=In("doc_id", mine["doc_id"].to_pylist()),
                         snapshot_id=spec.until)
        wanted = set(mine["doc_id"].to_pylist())
        latest = _latest(rows.filter(pa.array([d in wanted for d in rows["doc_id"].to_pylist()], pa.bool_())))
        yield from _batches(latest, batch_rows)
        return
    table = lake.table(BRONZE_DOCUMENTS)
    by_unit: dict[tuple[str, int], list[int]] = {}
    for file, group, row in zip(mine["file"].to_pylist(), mine["row_group"].to_pylist(), mine["row"].to_pylist(),
                                strict=True):
        by_unit.setdefault((file, group), []).append(row)
    for (file, group), rows_wanted in sorted(by_unit.items()):
        try:
            with table.io.new_input(file).open() as handle:
                data = pq.ParquetFile(handle).read_row_group(group)
        except (FileNotFoundError, OSError) as error:
            raise PlanError(f"bronze file {file} of this run's plan cannot be read ({error}); maintenance may have "
                            f"compacted it: clear the curate run so its plan task runs again") from error
        yield from _batches(conform(data.take(pa.array(sorted(rows_wanted), pa.int32())), BRONZE), batch_rows)


def _batches(rows: pa.Table, batch_rows: int) -> Iterator[pa.Table]:
    for start in range(0, rows.num_rows, batch_rows):
        yield rows.slice(start, batch_rows)


# ---------------------------------------------------------------------------------------------- keyed plans
def gold_changes(lake: Lake, since: int | None, until: int | None) -> Changes:
    """Gold documents upserted (new text) or removed between two snapshots."""
    return lake.changes(GOLD_DOCUMENTS, "doc_id", "text_sha256", since, until)


def freeze_keyed_plan(changes: Changes, shard_size: int, max_shards: int, slots: int = 0) -> tuple[pa.Table, int]:
    """The plan of a keyed consumer: changed keys sharded by hash."""
    n_shards = plan_shards(len(changes.upserted) + len(changes.removed), shard_size, max_shards, slots=slots)
    keys = [*changes.upserted, *changes.removed]
    return pa.table({
        "doc_id": keys, "op": ["upsert"] * len(changes.upserted) + ["delete"] * len(changes.removed),
        "shard": [shard_of(k, n_shards) for k in keys], "file": [None] * len(keys),
        "row_group": [None] * len(keys), "row": [None] * len(keys), "bytes": [0] * len(keys),
    }, schema=PLAN_SCHEMA), n_shards


def keyed_shard(lake: Lake, spec: ShardSpec) -> Changes:
    """This shard's upserted and removed keys, from the run's plan."""
    plan = read_plan(lake, spec)
    mine = plan.filter(pc.equal(plan["shard"], spec.shard))
    ops = mine["op"].to_pylist()
    keys = mine["doc_id"].to_pylist()
    return Changes(upserted=[k for k, o in zip(keys, ops, strict=True) if o == "upsert"],
                   removed=[k for k, o in zip(keys, ops, strict=True) if o == "delete"])


def with_run(rows: pa.Table, run_id: str) -> pa.Table:
    """``rows`` with ``run_id`` set to this run (rows written by a run carry its id)."""
    return rows.set_column(rows.schema.get_field_index("run_id"), "run_id",
                           pc.cast(pa.array([run_id] * rows.num_rows), pa.string()))


def with_shard(rows: pa.Table, shard: int) -> pa.Table:
    """``rows`` with the ``shard`` column set."""
    return rows.set_column(rows.schema.get_field_index("shard"), "shard",
                           pa.array([shard] * rows.num_rows, pa.int32()))


def curation_sha256(settings: Settings) -> str:
    """One hash of everything that decides what a curated document is: the quality policy, the PII policy with the
    PII engine's version (:func:`llmdata.transforms.pii.engine`), the NER pipeline, and the registry's default
    phone regions and NER languages. When it differs from the hash recorded with the last curate offset, every live
    document is curated again, so gold redacted by an older engine or under narrower settings is re-redacted.
    (A source's own ``pii_regions`` / ``pii_languages`` are left out: adding a source must not re-curate all.)"""
    from llmdata.ids import sha256_hex
    from llmdata.quality.policy import load_policy
    from llmdata.sources.registry import load_registry
    from llmdata.transforms.pii import load_pii_policy

    quality = load_policy(settings.policy_file).sha256
    pii = load_pii_policy(settings.pii_policy_file).sha256
    registry = load_registry(settings.sources_file)
    return sha256_hex(f"quality:{quality}\npii:{pii}\nner:{settings.pii_spacy_model}\n"
                      f"regions:{','.join(registry.pii_regions)}\nlanguages:{','.join(registry.pii_languages)}")
