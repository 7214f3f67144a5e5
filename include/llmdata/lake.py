"""The medallion lake: Apache Iceberg tables through PyIceberg's SQL catalog.

Every write is one atomic Iceberg commit that replaces exactly the rows its writer owns (an overwrite filtered
on run, stage and shard) or upserts on the table key, and is retried on a commit conflict. So mapped shards
never erase each other, a retried task never duplicates rows and readers never see half a write. Snapshot ids
are the dataset versions that lineage records; consumers record the snapshot they last read in
``meta.offsets`` and read only what changed since.
"""

from __future__ import annotations

import itertools
import logging
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.exceptions import CommitFailedException, NoSuchTableError, ValidationException
from pyiceberg.expressions import AlwaysTrue, And, BooleanExpression, EqualTo, In
from pyiceberg.table import Table
from pyiceberg.table.update.schema import UpdateSchema
from sqlalchemy.exc import IntegrityError, OperationalError

from llmdata import faults
from llmdata.config import Settings, get_settings, redacted_url
from llmdata.errors import LlmdataError
from llmdata.files import read_uri, write_uri
from llmdata.retrying import COMMIT_CONFLICT, TRANSIENT_NETWORK, retrying
from llmdata.schemas import KEYS, LEGACY_TABLES, META_OFFSETS, OFFSETS, PROPERTIES, TABLES, conform

SCHEMAS = TABLES | LEGACY_TABLES

log = logging.getLogger(__name__)

RUN_PROPERTY = "llmdata.run_id"
WRITER_PROPERTY = "llmdata.writer"
COMMIT_ATTEMPTS = 8
CATALOG_OPEN_ATTEMPTS = 5


class LakeError(LlmdataError, RuntimeError):
    """The lake cannot be reached or a table is not what the code expects."""


def service_failure(settings: Settings, error: BaseException) -> LakeError | None:
    """A :class:`LakeError` naming the lake service behind ``error`` (the object store or the catalog
    database) and what to check, or None when ``error`` is not a failure to reach one of them."""
    if isinstance(error, OSError) and "AWS Error" in str(error):
        where = settings.s3_endpoint or "AWS S3"
        return LakeError(f"the object store (S3 at {where}, warehouse {settings.warehouse}) failed: {error}. "
                         "Check that the S3 server is up and reachable; a retried task redoes its write")
    if isinstance(error, OperationalError):
        return LakeError(f"the catalog database ({redacted_url(settings.catalog_url)}) failed: {error.orig}. Check "
                         "that it is up (LLMDATA_CATALOG_URI); a retried task redoes its commit")
    return None


@dataclass(frozen=True)
class Changes:
    """Keys of a keyed table that changed between two snapshots."""

    upserted: list[str]
    removed: list[str]


def owner_filter(owner: Mapping[str, str | int]) -> BooleanExpression:
    """An Iceberg filter matching the rows a writer owns, e.g. ``{"run_id": r, "shard": 3}``."""
    expression: BooleanExpression = AlwaysTrue()
    for column, value in owner.items():
        expression = And(expression, EqualTo(column, value))
    return expression


# Rows a staged replace gathers before writing data files: enough for files of a useful size, little enough that a
# task's memory does not follow its output.
STAGED_BUFFER_BYTES = 16_000_000


def owned_rows(name: str, rows: pa.Table, owner: Mapping[str, str | int], writer: str) -> pa.Table:
    """``rows`` conformed to table ``name``, after checking that every one belongs to ``owner``."""
    data = conform(rows, SCHEMAS[name])
    for column, value in owner.items():
        if data.num_rows and not pc.all(pc.equal(data[column], pa.scalar(value))).as_py():
            raise LakeError(f"{writer}: rows written to {name} must all have {column}={value!r}")
    return data


def _open_catalog(url: str, properties: dict[str, str]) -> SqlCatalog:
    """The SQL catalog at ``url``, creating its tables on first use (tasks that race to create them retry)."""
    try:
        for attempt in retrying("open the Iceberg catalog", CATALOG_OPEN_ATTEMPTS, COMMIT_CONFLICT):
            with attempt:
                return SqlCatalog("llmdata", **properties)
    except Exception as error:
        # The driver's own error says little about which setting is wrong.
        raise LakeError(f"cannot open the Iceberg catalog at {redacted_url(url)!r} ({error}); check "
                        "LLMDATA_CATALOG_URI") from error
    raise AssertionError("unreachable")


class Lake:
    """The lakehouse: bronze, silver, gold, quarantine and meta namespaces in one Iceberg catalog."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        # Pre-ping: a catalog database that restarted leaves dead pooled connections; test each before use.
        properties = {"uri": self.settings.catalog_url, "warehouse": self.settings.warehouse,
                      "pool_pre_ping": "true"}
        if self.settings.is_s3_lake:
            properties |= self.settings.s3_options()
        if self.settings.catalog_url.startswith("sqlite:///"):
            self.settings.data_path.mkdir(parents=True, exist_ok=True)
        self.catalog = _open_catalog(self.settings.catalog_url, properties)
        self._tables: dict[str, Table] = {}

    # ------------------------------------------------------------------ files
    def file_uri(self, relative: str) -> str:
        """URI of a file kept beside the tables (reports, exports), e.g. ``_reports/quality/RUN/report.json``."""
        return f"{self.settings.warehouse}/{relative.lstrip('/')}"

    def write_file(self, relative: str, data: bytes) -> str:
        """Write (replace) a file beside the tables; returns its URI."""
        uri = self.file_uri(relative)
        write_uri(uri, data, self._io_properties())
        return uri

    def read_file(self, relative: str) -> bytes | None:
        """A file written with :meth:`write_file`, or None."""
        return read_uri(self.file_uri(relative), self._io_properties())

    def _io_properties(self) -> dict[str, str]:
        return self.settings.s3_options() if self.settings.is_s3_lake else {}

    def forget(self, name: str) -> None:
        """Drop the cached handle of ``name`` (after maintenance changed its metadata outside this object)."""
        self._tables.pop(name, None)

    # ------------------------------------------------------------------ tables
    def table(self, name: str) -> Table:
        """Load ``name`` (``layer.dataset``), creating its namespace and table on first use."""
        if name not in SCHEMAS:
            raise LakeError(f"unknown lake table {name!r}; known: {', '.join(sorted(TABLES))}")
        try:
            table = self.catalog.load_table(name)
        except OSError as error:
            raise LakeError(f"cannot read lake table {name} under {self.settings.warehouse}: {error}. "
                            f"{self._storage_hint()}") from error
        except NoSuchTableError:
            table = None
        if name in LEGACY_TABLES:
            if table is None:
                raise LakeError(f"{name} is a table of the previous release and this lake does not have it")
            return table
        table = self._evolve(name, table) if table is not None else self._create(name)
        self._tables[name] = table
        return table

    def names(self) -> list[str]:
        """Every table of the data contracts, plus the previous release's tables this lake still holds."""
        return [*TABLES, *(name for name in LEGACY_TABLES if self.catalog.table_exists(name))]

    def drop_legacy(self) -> list[str]:
        """Drop the previous release's tables (their text predates PII redaction); return what was dropped."""
        dropped = [name for name in LEGACY_TABLES if self.catalog.table_exists(name)]
        for name in dropped:
            self.catalog.purge_table(name)
            self._tables.pop(name, None)
        return dropped

    # Mapped shards of a first run reach a fresh lake together: each step below may race another task doing the
    # same, and the loser takes the winner's result instead of failing.
    def _create(self, name: str) -> Table:
        """Create the namespace and table of ``name``, with its key as identifier fields."""
        with suppress(IntegrityError):  # created by another task between PyIceberg's check and its insert
            self.catalog.create_namespace_if_not_exists(name.split(".", 1)[0])
        table = self.catalog.create_table_if_not_exists(name, schema=TABLES[name],
                                                        properties=PROPERTIES.get(name, {}))
        if name not in KEYS:
            return table
        return self._change_schema(name, table, lambda update: update.set_identifier_fields(*KEYS[name]),
                                   lambda t: sorted(set(KEYS[name]) - t.schema().identifier_field_names()))

    def _evolve(self, name: str, table: Table) -> Table:
        """Add the columns the data contract gained since ``table`` was created (schema evolution), and the table
        properties a lake of an older release lacks (a user's own setting of one is kept)."""
        missing = {k: v for k, v in PROPERTIES.get(name, {}).items() if k not in table.properties}
        if missing:
            with suppress(CommitFailedException), table.transaction() as transaction:
                transaction.set_properties(missing)
            table = self.catalog.load_table(name)
        return self._change_schema(name, table, lambda update: update.union_by_name(TABLES[name]),
                                   lambda t: [f.name for f in TABLES[name] if f.name not in t.schema().column_names])

    def _change_schema(self, name: str, table: Table, change: Callable[[UpdateSchema], object],
                       missing: Callable[[Table], list[str]]) -> Table:
        """Apply ``change`` to the schema unless ``missing`` finds nothing to do. Another task may win the commit,
        so the outcome is judged on the reloaded table."""
        if not (todo := missing(table)):
            return table
        with suppress(CommitFailedException), table.update_schema() as update:
            change(update)
        table = self.catalog.load_table(name)
        if still := missing(table):
            raise LakeError(f"{name}: schema change did not land, still missing {still}")
        log.info("%s: schema now has %s", name, todo)
        return table

    def _storage_hint(self) -> str:
        if self.settings.is_s3_lake:
            return ("Check LLMDATA_S3_ENDPOINT, LLMDATA_S3_ACCESS_KEY_ID and LLMDATA_S3_SECRET_ACCESS_KEY, and that "
                    "the bucket exists.")
        return "Check that LLMDATA_LAKE_URI / LLMDATA_DATA_DIR is a readable folder."

    def ensure_all(self) -> None:
        """Create every table of the data contracts (idempotent)."""
        for name in TABLES:
            self.table(name)

    def row_count(self, name: str) -> int:
        """Rows in the current snapshot of ``name``, from its summary (no data file is read)."""
        snapshot = self.table(name).current_snapshot()
        total = snapshot.summary["total-records"] if snapshot and snapshot.summary else None
        return int(total) if total is not None else 0

    def snapshot_id(self, name: str) -> int | None:
        """The current snapshot id (dataset version) of ``name``, or None while it is empty."""
        snapshot = self.table(name).current_snapshot()
        return snapshot.snapshot_id if snapshot else None

    # ------------------------------------------------------------------ reads
    def read(
        self,
        name: str,
        row_filter: BooleanExpression | None = None,
        columns: Iterable[str] | None = None,
        snapshot_id: int | None = None,
    ) -> pa.Table:
        """Read ``name`` (optionally filtered, projected, or as of a snapshot) conformed to its schema."""
        table = self.table(name)
        if snapshot_id is None and table.current_snapshot() is None:
            data = SCHEMAS[name].empty_table()
        else:
            scan = table.scan(
                row_filter=row_filter or AlwaysTrue(),
                selected_fields=tuple(columns) if columns else ("*",),
                snapshot_id=snapshot_id,
            )
            data = scan.to_arrow()
        schema = SCHEMAS[name]
        if columns:
            schema = pa.schema([schema.field(c) for c in columns])
        return conform(data, schema)

    def read_batches(self, name: str, row_filter: BooleanExpression, batch_rows: int,
                     columns: Iterable[str] | None = None) -> Iterator[pa.Table]:
        """Stream ``name``'s rows matching ``row_filter`` in tables of at most ``batch_rows`` rows, conformed to its
        schema, without holding the whole result in memory."""
        table = self.table(name)
        schema = SCHEMAS[name]
        if columns:
            schema = pa.schema([schema.field(c) for c in columns])
        if table.current_snapshot() is None:
            return
        scan = table.scan(row_filter=row_filter, selected_fields=tuple(columns) if columns else ("*",))
        pending: list[pa.Table] = []
        size = 0
        for batch in scan.to_arrow_batch_reader():
            if not batch.num_rows:
                continue
            pending.append(pa.Table.from_batches([batch]))
            size += batch.num_rows
            while size >= batch_rows:
                joined = pa.concat_tables(pending)
                yield conform(joined.slice(0, batch_rows), schema)
                rest = joined.slice(batch_rows)
                pending, size = ([rest] if rest.num_rows else []), rest.num_rows
        if size:
            yield conform(pa.concat_tables(pending), schema)

    def runs_since(self, name: str, since: int | None, until: int | None) -> list[str]:
        """Run ids of the commits after snapshot ``since`` up to ``until`` (ancestors, newest first)."""
        table = self.table(name)
        runs: list[str] = []
        snapshot_id = until
        while snapshot_id is not None and snapshot_id != since:
            snapshot = table.snapshot_by_id(snapshot_id)
            if snapshot is None:  # expired history: everything still present counts as new
                break
            run = snapshot.summary[RUN_PROPERTY] if snapshot.summary else None
            if run and run not in runs:
                runs.append(run)
            snapshot_id = snapshot.parent_snapshot_id
        return runs

    def changes(self, name: str, key: str, version: str, since: int | None, until: int | None) -> Changes:
        """Keys whose ``version`` column changed (or that appeared) and keys that disappeared."""
        after = self.read(name, columns=[key, version], snapshot_id=until) if until else None
        before = self.read(name, columns=[key, version], snapshot_id=since) if since else None
        if after is None:
            after = TABLES[name].empty_table().select([key, version])
        if before is None:
            before = after.slice(0, 0)
        after_pairs = pc.binary_join_element_wise(after[key], pc.fill_null(after[version], ""), "\x1f")
        before_pairs = pc.binary_join_element_wise(before[key], pc.fill_null(before[version], ""), "\x1f")
        upserted = pc.filter(after[key], pc.invert(pc.is_in(after_pairs, before_pairs))).to_pylist()
        removed = pc.filter(before[key], pc.invert(pc.is_in(before[key], after[key]))).to_pylist()
        return Changes(upserted=sorted(set(upserted)), removed=sorted(set(removed)))

    # ------------------------------------------------------------------ writes
    def replace(self, name: str, rows: pa.Table, owner: Mapping[str, str | int], run_id: str,
                writer: str) -> int | None:
        """Atomically replace the rows ``owner`` identifies with ``rows``; return the new snapshot id."""
        data = owned_rows(name, rows, owner, writer)
        return self.replace_where(name, data, owner_filter(owner), run_id, writer)

    def replace_where(
        self, name: str, rows: pa.Table, row_filter: BooleanExpression, run_id: str, writer: str
    ) -> int | None:
        """Atomically delete the rows matching ``row_filter`` and append ``rows``; return the snapshot id."""
        data = conform(rows, SCHEMAS[name])
        properties = {RUN_PROPERTY: run_id, WRITER_PROPERTY: writer}

        def commit(table: Table) -> None:
            table.overwrite(data, overwrite_filter=row_filter, snapshot_properties=properties)

        return self.commit(name, commit)

    def staged_replace(self, name: str, owner: Mapping[str, str | int],
                       buffer_bytes: int = STAGED_BUFFER_BYTES) -> StagedReplace:
        """A replace of ``owner``'s rows whose new rows are written in batches as they come (data files once
        ``buffer_bytes`` of rows are waiting, so memory follows the buffer), then committed as one atomic replace."""
        return StagedReplace(self, name, owner, buffer_bytes)

    def upsert(
        self,
        name: str,
        rows: pa.Table,
        run_id: str,
        writer: str,
        delete_keys: Iterable[str] = (),
    ) -> int | None:
        """Upsert ``rows`` on the table key and delete ``delete_keys``, in one commit."""
        key = KEYS[name]
        data = conform(rows, TABLES[name])
        to_delete = sorted(set(delete_keys))
        properties = {RUN_PROPERTY: run_id, WRITER_PROPERTY: writer}
        if len(key) != 1 and to_delete:
            raise LakeError(f"{name}: deleting by key needs a single-column key, not {key}")

        def commit(table: Table) -> None:
            with table.transaction() as transaction:
                if to_delete:
                    transaction.delete(In(key[0], to_delete), snapshot_properties=properties)
                if data.num_rows:
                    transaction.upsert(data, join_cols=key, snapshot_properties=properties)
                elif not to_delete:
                    # An empty commit still records that this writer ran, so consumers see its run id.
                    transaction.append(data, snapshot_properties=properties)

        return self.commit(name, commit)

    def delete(self, name: str, row_filter: BooleanExpression, run_id: str, writer: str) -> int | None:
        """Delete the rows matching ``row_filter`` in one commit."""
        properties = {RUN_PROPERTY: run_id, WRITER_PROPERTY: writer}
        return self.commit(name, lambda table: table.delete(row_filter, snapshot_properties=properties))

    def commit(self, name: str, operation: Callable[[Table], None]) -> int | None:
        """Run ``operation`` (one Iceberg commit on ``name``) with retries on commit conflicts; return the new
        snapshot id. ``operation`` must read what it needs from the table it is given: a retry gets a fresh one.

        A write of nothing to a table that has never held a row makes no snapshot (PyIceberg skips empty
        appends): then the table's version is None, which is what an empty run publishes, not an error."""
        try:
            for attempt in retrying(f"commit to {name}", COMMIT_ATTEMPTS, COMMIT_CONFLICT, TRANSIENT_NETWORK):
                with attempt:
                    faults.point("lake.commit", table=name)
                    table = self.table(name)
                    with warnings.catch_warnings():
                        # Replacing rows that do not exist yet (a first write) is the normal case, not a problem.
                        warnings.filterwarnings("ignore", "Delete operation did not match any records")
                        operation(table)
        except (CommitFailedException, ValidationException) as error:
            raise LakeError(f"commit to {name} kept conflicting after {COMMIT_ATTEMPTS} attempts") from error
        except OperationalError as error:
            raise LakeError(f"commit to {name} lost the catalog database {COMMIT_ATTEMPTS} times "
                            f"({error.orig}); check that it is up (LLMDATA_CATALOG_URI)") from error
        # The table object carries the metadata our commit returned: its current snapshot is the one this write
        # made, even if another writer commits before we could reload the table.
        snapshot = table.current_snapshot()
        self._tables[name] = table
        return snapshot.snapshot_id if snapshot else None

    # ------------------------------------------------------------------ consumer offsets
    def _offset_row(self, consumer: str, name: str) -> dict | None:
        rows = self.read(META_OFFSETS, row_filter=And(EqualTo("consumer", consumer), EqualTo("table_name", name)))
        return rows.to_pylist()[0] if rows.num_rows else None

    def offset(self, consumer: str, name: str) -> int | None:
        """The snapshot of ``name`` that ``consumer`` last finished reading, or None."""
        row = self._offset_row(consumer, name)
        return row["snapshot_id"] if row else None

    def offset_run(self, consumer: str, name: str) -> str | None:
        """The run that last committed ``consumer``'s offset on ``name``, or None."""
        row = self._offset_row(consumer, name)
        return row["run_id"] if row else None

    def offset_policy(self, consumer: str, name: str) -> str | None:
        """The policy hash ``consumer`` recorded with its last offset on ``name``, or None."""
        row = self._offset_row(consumer, name)
        return row.get("policy_sha256") if row else None

    def commit_offset(self, consumer: str, name: str, snapshot_id: int | None, run_id: str,
                      policy_sha256: str | None = None) -> None:
        """Record that ``consumer`` has consumed ``name`` up to ``snapshot_id`` (under policy ``policy_sha256``)."""
        if snapshot_id is None:
            return
        row = pa.Table.from_pylist(
            [
                {
                    "consumer": consumer,
                    "table_name": name,
                    "snapshot_id": snapshot_id,
                    "run_id": run_id,
                    "committed_at": datetime.now(UTC),
                    "policy_sha256": policy_sha256,
                }
            ],
            schema=OFFSETS,
        )
        self.upsert(META_OFFSETS, row, run_id=run_id, writer=f"{consumer}.offset")


class StagedReplace:
    """Rows written now, batch by batch, as Iceberg data files that no snapshot references yet; :meth:`commit`
    then deletes the owner's old rows and adds the files in one commit (retried on conflicts: the files are a
    replayable list, unlike the stream that made them). A task that dies before committing leaves only
    unreferenced files, which orphan-file maintenance removes; readers never see them."""

    def __init__(self, lake: Lake, name: str, owner: Mapping[str, str | int], buffer_bytes: int = 0) -> None:
        self.lake, self.name, self.owner = lake, name, dict(owner)
        self.files: list = []
        self.rows = 0
        # Small batches (a shard's 64 documents) are gathered up to ``buffer_bytes`` first: one data file per
        # batch would make readers open hundreds of tiny files.
        self.buffer_bytes = buffer_bytes
        self._pending: list[pa.Table] = []
        self._pending_bytes = 0
        self._uuid = uuid.uuid4()
        self._counter = itertools.count(0)

    def write(self, rows: pa.Table) -> None:
        """Stage ``rows`` (all owned by this replace's owner): written as data files once the buffer is full."""
        data = owned_rows(self.name, rows, self.owner, "staged replace")
        if not data.num_rows:
            return
        self._pending.append(data)
        self._pending_bytes += data.nbytes
        self.rows += data.num_rows
        if self._pending_bytes >= self.buffer_bytes:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as data files now."""
        from pyiceberg.io.pyarrow import _dataframe_to_data_files  # PyIceberg's own append writes files this way

        if not self._pending:
            return
        faults.point("lake.write_files", table=self.name)
        data = pa.concat_tables(self._pending)
        self._pending, self._pending_bytes = [], 0
        table = self.lake.table(self.name)
        self.files += list(_dataframe_to_data_files(table.metadata, data, table.io, self._uuid, self._counter))

    def commit(self, run_id: str, writer: str) -> int | None:
        """Replace the owner's rows with every staged row in one commit; return the snapshot id."""
        self.flush()
        faults.point("lake.staged_commit", table=self.name)  # data files written, the catalog not yet told
        if not self.files:
            return self.lake.replace(self.name, SCHEMAS[self.name].empty_table(), self.owner, run_id, writer)
        properties = {RUN_PROPERTY: run_id, WRITER_PROPERTY: writer}

        def commit(table: Table) -> None:
            with warnings.catch_warnings(), table.transaction() as transaction:
                warnings.filterwarnings("ignore", "Delete operation did not match any records")
                transaction.delete(owner_filter(self.owner), snapshot_properties=properties)
                with transaction.update_snapshot(snapshot_properties=properties).fast_append() as append:
                    for data_file in self.files:
                        append.append_data_file(data_file)

        return self.lake.commit(self.name, commit)
