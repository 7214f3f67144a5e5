"""The ``sql`` connector: one table read incrementally by a watermark column, with parametrised queries only.

Rows are read in keyset pages ordered by (watermark, id), so a connection lost mid-read is reopened and the read
resumes after the last row it yielded; nothing is read twice and nothing is skipped. The watermark after the
run is the largest one read; the next run asks only for rows at or after it (ties are re-read and found
unchanged by their content hash). Deleted rows cannot be seen through a watermark: this connector does not
report removals.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import MetaData, Table, and_, create_engine, or_, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, NoSuchTableError, OperationalError

from llmdata import faults
from llmdata.errors import first_line
from llmdata.retrying import TRANSIENT_NETWORK, is_transient_network, retrying
from llmdata.sources.base import Connector, Item, SourceState, SourceUnavailableError
from llmdata.sources.registry import SqlOptions

log = logging.getLogger(__name__)


def encode_watermark(value: Any) -> str:
    """A watermark as a typed string (``int:…``, ``ts:…``, ``str:…``) so it round-trips through the lake."""
    if isinstance(value, bool):
        raise TypeError("a boolean column cannot be a watermark")
    if isinstance(value, int | Decimal):
        return f"int:{value}"
    if isinstance(value, datetime | date):
        return f"ts:{value.isoformat()}"
    return f"str:{value}"


def decode_watermark(token: str) -> Any:
    """The value of an encoded watermark (always sent to the database as a bound parameter, never as SQL)."""
    kind, _, raw = token.partition(":")
    try:
        if kind == "int":
            return int(Decimal(raw))
        if kind == "ts":
            return datetime.fromisoformat(raw)
    except (ArithmeticError, ValueError):
        raise SourceUnavailableError(f"the stored watermark {token[:80]!r} is not a valid {kind} value; the "
                                     "source's last bronze row was altered — re-ingest the source in full") from None
    return raw


def latest_watermark(tokens: list[str | None]) -> str | None:
    """The largest encoded watermark among ``tokens`` (bronze ``version`` values of a SQL source)."""
    values = [(decode_watermark(t), t) for t in tokens if t and t.split(":", 1)[0] in {"int", "ts", "str"}]
    if not values:
        return None
    return max(values, key=lambda pair: pair[0])[1]


class SqlConnector(Connector):
    """Rows of one table; the text column becomes the document, the rest provenance."""

    kind = "sql"
    lists_everything = False  # a watermark read sees new and changed rows, never deleted ones

    def __init__(self, url: str, options: SqlOptions, engine: Engine | None = None) -> None:
        self.options = options
        self.engine = engine or create_engine(url, pool_pre_ping=True, connect_args=_connect_args(url))
        self._max_seen: Any = None
        self.reconnects = 0
        self._connection: Any = None

    def lineage_namespace(self) -> str:
        url = self.engine.url
        scheme = "postgres" if url.get_backend_name().startswith("postgres") else url.get_backend_name()
        return f"{scheme}://{url.host}:{url.port}" if url.host else f"{scheme}://{url.database}"

    def lineage_name(self) -> str:
        url = self.engine.url
        return ".".join(p for p in (url.database, self.options.db_schema or "public", self.options.table) if p)

    def next_watermark(self) -> str | None:
        return encode_watermark(self._max_seen) if self._max_seen is not None else None

    def _table(self) -> Table:
        try:
            return Table(self.options.table, MetaData(), schema=self.options.db_schema, autoload_with=self.engine)
        except NoSuchTableError:
            raise SourceUnavailableError(f"table {self.options.table!r} does not exist; fix options.table") from None
        except OperationalError as error:
            raise SourceUnavailableError(f"cannot connect to {self.lineage_namespace()}: {error.orig}; check the "
                                         "connection's host, port and credentials") from error

    def items(self, state: SourceState) -> Iterator[Item]:
        opts = self.options
        table = self._table()
        for column in (opts.id_column, opts.text_column, opts.watermark_column):
            if column not in table.c:
                raise SourceUnavailableError(f"table {opts.table!r} has no column {column!r}; fix options")
        watermark, ident = table.c[opts.watermark_column], table.c[opts.id_column]
        since = decode_watermark(state.watermark) if state.watermark else None
        self._max_seen = since
        position: tuple[Any, Any] | None = None
        pages = 0
        self._connection = None
        try:
            while True:
                query = select(table).order_by(watermark, ident).limit(opts.batch_size)
                if position is not None:
                    query = query.where(or_(watermark > position[0],
                                            and_(watermark == position[0], ident > position[1])))
                elif since is not None:
                    query = query.where(watermark >= since)  # ties at the old watermark are re-read, then skipped
                rows = self._page(query)
                pages += 1
                faults.point("source.sql.page", table=self.options.table, page=pages)
                if not rows:
                    return
                for row in rows:
                    yield self._item(row)
                    position = (row[opts.watermark_column], row[opts.id_column])
                    if self._max_seen is None or position[0] > self._max_seen:
                        self._max_seen = position[0]
        finally:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _page(self, query: Any) -> list[Any]:
        """One page on the read's connection. A lost connection is replaced and the page read again (the
        transient-network policy: the read resumes after the last row kept); a refused query fails at once."""
        opts = self.options
        try:
            for attempt in retrying(f"read of {opts.table!r} from {self.lineage_namespace()}", opts.max_retries + 1,
                                    TRANSIENT_NETWORK, on_retry=self._drop_connection):
                with attempt:
                    self._connection = self._connection or self.engine.connect()
                    rows = list(self._connection.execute(query).mappings().all())
                    self._connection.rollback()  # end the read transaction between pages
                    return rows
        except DBAPIError as error:
            if is_transient_network(error):
                raise SourceUnavailableError(f"lost the connection to {self.lineage_namespace()} "
                                             f"{opts.max_retries + 1} times: {error.orig}") from error
            # the database refused the query (a watermark of the wrong type, a permission): no retry
            raise SourceUnavailableError(f"{self.lineage_namespace()} refused the read of "
                                         f"{opts.table!r}: {str(error.orig).strip()}") from error
        raise AssertionError("unreachable")

    def _drop_connection(self, error: BaseException) -> None:
        reason = first_line(getattr(error, "orig", error))
        log.warning("connection to %s lost (%s); the read resumes after the last row kept",
                    self.lineage_namespace(), reason)
        if self._connection is not None:
            self._connection.invalidate()
            self._connection.close()
            self._connection = None
        self.reconnects += 1

    def _item(self, row: Any) -> Item:
        opts = self.options
        key = str(row[opts.id_column])
        uri = f"{self.lineage_namespace()}/{self.lineage_name()}?{opts.id_column}={key}"
        text = row[opts.text_column]
        if not isinstance(text, str):
            return Item(key, uri, None, "application/json", rule="ingest.bad_record",
                        problem=f"row {key} has no text in column {opts.text_column!r}")
        record = {k: _plain(v) for k, v in row.items() if k != opts.text_column}
        record["text"] = text
        if opts.title_column and row.get(opts.title_column):
            record["title"] = str(row[opts.title_column])
        content = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8")
        return Item(key, uri, content, "application/json", size_bytes=len(content),
                    version=encode_watermark(row[opts.watermark_column]))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _connect_args(url: str) -> dict[str, Any]:
    """Defaults for what the URL (the connection's extras) does not set: an unreachable database fails in seconds,
    not minutes, and the session is recognisable in ``pg_stat_activity``."""
    if not url.startswith("postgresql"):
        return {}
    given = make_url(url).query
    defaults = {"connect_timeout": 10, "application_name": "llmdata-ingest"}
    return {k: v for k, v in defaults.items() if k not in given}
