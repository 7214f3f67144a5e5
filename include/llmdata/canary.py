"""Canary scan: find seeded PII values anywhere a run leaves data, decoded the way a reader would decode it.

A grep over the data folder proves nothing: Parquet pages are compressed, the embedded index and Airflow's
metadata database are SQLite, gzip hides JSONL, and old Iceberg snapshots keep files that no current read
touches. So the scan decodes what it reads:

* every data file that any snapshot of any lake table references, a row group at a time, every string and
  binary column (gzip content opened), plus the column bounds in the manifests;
* every other file under the folders it is given (reports, exports, the review CSV, plans, lineage events, the
  index's storage, Airflow's task logs): Parquet through pyarrow, gzip opened, SQLite databases value by value;
* every point payload of every collection in the vector index;
* every text and binary value of every table of Airflow's metadata database (XCom, rendered fields, logs).

Hits in bronze, the access-restricted raw layer, are expected and reported apart. :func:`positive_control`
plants a canary in a scratch table first and proves the scan finds it.
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from llmdata.lake import Lake

RAW_LAYER = "lake:bronze."
_GZIP = b"\x1f\x8b"
# A gzip member is opened up to this size: enough for any document the pipeline keeps, bounded against a bomb.
_MAX_GUNZIP = 256 * 1024 * 1024


@dataclass(frozen=True)
class Hit:
    """One canary found: the kind of place (``lake:<table>``, ``file``, ``index:<collection>``,
    ``airflow-db:<table>``), where in it, and which canary."""

    place: str
    where: str
    canary: str

    @property
    def raw_layer(self) -> bool:
        return self.place.startswith(RAW_LAYER)


@dataclass
class ScanReport:
    """Every hit, and how many items of each kind of place were read (a scan that read nothing proves nothing)."""

    hits: list[Hit] = field(default_factory=list)
    read: Counter[str] = field(default_factory=Counter)

    @property
    def outside_raw_layer(self) -> list[Hit]:
        return [h for h in self.hits if not h.raw_layer]

    def add(self, other: ScanReport) -> None:
        self.hits += other.hits
        self.read.update(other.read)

    def describe(self) -> dict[str, Any]:
        """Counts only, by place (the canaries themselves are never printed)."""
        return {"read": dict(sorted(self.read.items())),
                "hits_outside_raw_layer": dict(Counter(h.place for h in self.outside_raw_layer)),
                "hits_in_raw_layer": dict(Counter(h.place for h in self.hits if h.raw_layer))}


class Needles:
    """The canaries as bytes, in every form a writer may have stored them: UTF-8, and escaped as JSON does."""

    def __init__(self, canaries: Sequence[str]) -> None:
        if not canaries or any(len(c) < 6 for c in canaries):
            raise ValueError("canaries must be given, each at least 6 characters (short ones match by chance)")
        self.canaries = list(canaries)
        self.forms = [(c, {c.encode(), json.dumps(c)[1:-1].encode()}) for c in self.canaries]

    def in_bytes(self, data: bytes) -> list[str]:
        data = _opened(data)
        return [c for c, forms in self.forms if any(f in data for f in forms)]

    def in_column(self, column: pa.ChunkedArray | pa.Array) -> list[str]:
        """Canaries in a string or binary column (binary values are opened when gzip)."""
        kind = column.type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            return [c for c in self.canaries if pc.any(pc.match_substring(column, c)).as_py()]
        found: set[str] = set()
        for value in column.to_pylist():
            if value:
                found.update(self.in_bytes(value))
        return sorted(found)


def _opened(data: bytes) -> bytes:
    if data[:2] != _GZIP:
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            return data + handle.read(_MAX_GUNZIP)
    except (OSError, EOFError):
        return data


def _text_columns(table: pa.Table) -> Iterator[tuple[str, pa.ChunkedArray]]:
    for name, column in zip(table.column_names, table.columns, strict=True):
        kind = column.type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind) or \
                pa.types.is_large_binary(kind):
            yield name, column


def scan_parquet(handle: Any, needles: Needles, place: str, where: str) -> list[Hit]:
    """Every string and binary column of a Parquet file, a row group at a time."""
    hits: set[Hit] = set()
    parquet = pq.ParquetFile(handle)
    for group in range(parquet.num_row_groups):
        rows = parquet.read_row_group(group)
        for name, column in _text_columns(rows):
            hits.update(Hit(place, f"{where} column {name}", c) for c in needles.in_column(column))
    return sorted(hits, key=lambda h: (h.where, h.canary))


def scan_table(lake: Lake, name: str, needles: Needles) -> ScanReport:
    """Every data file any snapshot of ``name`` references, and the column bounds in its manifests."""
    report = ScanReport()
    table = lake.catalog.load_table(name)
    place = f"lake:{name}"
    files: set[str] = set()
    for snapshot in table.snapshots():
        for manifest in snapshot.manifests(table.io):
            for entry in manifest.fetch_manifest_entry(table.io, discard_deleted=False):
                data_file = entry.data_file
                files.add(data_file.file_path)
                bounds = [*(data_file.lower_bounds or {}).values(), *(data_file.upper_bounds or {}).values()]
                report.hits += [Hit(place, f"manifest bounds of {data_file.file_path}", c)
                                for c in needles.in_bytes(b"\x00".join(bounds))]
    for path in sorted(files):
        try:
            with table.io.new_input(path).open() as handle:
                report.hits += scan_parquet(handle, needles, place, path)
        except FileNotFoundError:
            continue  # expired with its snapshot and removed: nothing left to leak
        report.read[place] += 1
    return report


def scan_lake(lake: Lake, needles: Needles) -> ScanReport:
    """Every table of the lake, at every snapshot it still has."""
    report = ScanReport()
    for name in lake.names():
        if lake.catalog.table_exists(name):
            report.add(scan_table(lake, name, needles))
    return report


def scan_sqlite(path: Path, needles: Needles, place: str) -> list[Hit]:
    """Every text and blob value of every table of a SQLite database (the embedded index's storage)."""
    hits: set[Hit] = set()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    data = value.encode() if isinstance(value, str) else value if isinstance(value, bytes) else None
                    if data:
                        hits.update(Hit(place, f"{path} table {table}", c) for c in needles.in_bytes(data))
    finally:
        connection.close()
    return sorted(hits, key=lambda h: (h.where, h.canary))


def scan_folder(folder: Path, needles: Needles, skip: Iterable[Path] = ()) -> ScanReport:
    """Every file under ``folder`` (local), decoded by what it is: Parquet, SQLite, gzip, or bytes as they are."""
    report = ScanReport()
    skipped = {p.resolve() for p in skip}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if any(path.resolve().is_relative_to(s) for s in skipped):
            continue
        with path.open("rb") as handle:
            head = handle.read(16)
        if head.startswith(b"PAR1"):
            with path.open("rb") as handle:
                try:
                    report.hits += scan_parquet(handle, needles, "file", str(path))
                except (pa.ArrowInvalid, OSError):
                    report.hits += [Hit("file", str(path), c) for c in needles.in_bytes(path.read_bytes())]
        elif head.startswith(b"SQLite format 3"):
            report.hits += scan_sqlite(path, needles, "file")
            # free pages and the journal keep deleted rows: the bytes as they are, too
            report.hits += [Hit("file", f"{path} (raw pages)", c) for c in needles.in_bytes(path.read_bytes())]
        else:
            report.hits += [Hit("file", str(path), c) for c in needles.in_bytes(path.read_bytes())]
        report.read["file"] += 1
    return report


def scan_warehouse_files(lake: Lake, needles: Needles) -> ScanReport:
    """On an S3 lake, every object beside the tables (reports, exports, the review CSV, the lineage archive,
    the index's swap history): Parquet decoded, gzip opened. Tables' own files are read by :func:`scan_lake`;
    on a local lake these files are under the data folder, which :func:`scan_folder` reads."""
    import pyarrow.fs as pafs

    from llmdata.maintenance import filesystem

    report = ScanReport()
    if not lake.settings.is_s3_lake:
        return report
    fs, root = filesystem(lake, lake.settings.warehouse)
    tables = tuple(lake.table(name).metadata.location.split("://", 1)[1].rstrip("/") + "/" for name in lake.names()
                   if lake.catalog.table_exists(name))
    for info in fs.get_file_info(pafs.FileSelector(root, recursive=True)):
        if info.type != pafs.FileType.File or info.path.startswith(tables):
            continue
        where = f"s3://{info.path}"
        with fs.open_input_file(info.path) as handle:
            data = handle.read()
        if data[:4] == b"PAR1":
            report.hits += scan_parquet(io.BytesIO(data), needles, "file", where)
        else:
            report.hits += [Hit("file", where, c) for c in needles.in_bytes(data)]
        report.read["file"] += 1
    return report


def scan_index(settings: Any, needles: Needles) -> ScanReport:
    """Every point payload of every collection in the vector index."""
    from llmdata.index.qdrant import open_index

    report = ScanReport()
    with open_index(settings) as index:
        for name in index.names():
            place = f"index:{name}"
            for point_id, payload in index.points(name):
                report.hits += [Hit(place, str(point_id), c) for c in needles.in_bytes(json.dumps(payload).encode())]
                report.read[place] += 1
    return report


def scan_database(url: str, needles: Needles, place: str = "airflow-db") -> ScanReport:
    """Every text and binary value of every table of a database (Airflow's metadata: XCom, rendered fields,
    the audit log, connections' extras), read through SQLAlchemy."""
    import sqlalchemy as sa

    report = ScanReport()
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            metadata = sa.MetaData()
            metadata.reflect(connection)
            for table in metadata.sorted_tables:
                for row in connection.execute(sa.select(table)):
                    for value in row:
                        if isinstance(value, str):
                            data = value.encode()
                        elif isinstance(value, bytes | memoryview):
                            data = bytes(value)
                        elif isinstance(value, dict | list):
                            data = json.dumps(value).encode()
                        else:
                            continue
                        report.hits += [Hit(f"{place}:{table.name}", table.name, c) for c in needles.in_bytes(data)]
                report.read[f"{place}:{table.name}"] += 1
    finally:
        engine.dispose()
    return report


def positive_control(lake: Lake, canary: str | None = None) -> str:
    """Plant a canary in a scratch table (a compressed Parquet file, as the pipeline writes), prove that
    :func:`scan_table` finds it, then drop the table; return the canary. Raises when the scan is blind."""
    canary = canary or f"CANARY-{uuid.uuid4().hex[:16]}"
    name = f"scratch.canary_control_{uuid.uuid4().hex[:8]}"
    lake.catalog.create_namespace_if_not_exists("scratch")
    table = lake.catalog.create_table(name, schema=pa.schema([pa.field("text", pa.large_string())]))
    try:
        table.append(pa.table({"text": pa.array([f"planted: {canary} among words"] * 3, pa.large_string())}))
        found = scan_table(lake, name, Needles([canary]))
        if not any(h.canary == canary and "column text" in h.where for h in found.hits):
            raise AssertionError(f"the canary scan did not find the canary planted in {name}: it is blind")
    finally:
        lake.catalog.purge_table(name)
    return canary
