"""Tamper-evident lineage log: the OpenLineage events are sealed in batches, each batch hash covering its events
and the previous batch's hash; the head of the chain lives outside the log, in the catalog database.

Sealing happens at the end of every DAG run (the commit tasks). ``verify`` recomputes every batch from the
event log and compares it with the chain file and with the head in the database: editing an event breaks its
batch, and recomputing the chain file after an edit no longer matches the database's head. Events are kept at
least ``LLMDATA_LINEAGE_RETENTION_DAYS`` (default 190: AI Act Art. 12/19 ask for six months at least).

With an S3 lake the event log is a local file (the file transport appends; object stores cannot), so every sealed
batch is also copied to the warehouse as one immutable object, ``_lineage/batches/<batch>.jsonl``: the log
survives the loss of the local volume, and ``verify`` checks the copies against the seals too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from llmdata.config import Settings
from llmdata.errors import LlmdataError
from llmdata.files import read_uri, write_uri

GENESIS = "0" * 64
METADATA = sa.MetaData()
HEADS = sa.Table(
    "llmdata_lineage_chain", METADATA,
    sa.Column("batch", sa.Integer, primary_key=True),
    sa.Column("to_line", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("sealed_at", sa.String(40), nullable=False),
)


class ChainBrokenError(LlmdataError, RuntimeError):
    """The lineage log no longer matches its seals; the message names the first broken batch."""


@dataclass(frozen=True)
class Seal:
    batch: int
    from_line: int
    to_line: int
    events_sha256: str
    previous: str
    hash: str
    sealed_at: str


def _lines(settings: Settings) -> list[bytes]:
    from llmdata.lineage.events import read_raw

    return [line for line in read_raw(settings).split(b"\n") if line.strip()]


def _chain_uri(settings: Settings) -> str:
    return settings.lineage_uri.rsplit("/", 1)[0] + "/chain.jsonl"


def _read_chain(settings: Settings) -> list[Seal]:
    data = read_uri(_chain_uri(settings))
    return [Seal(**json.loads(line)) for line in (data or b"").decode().splitlines() if line.strip()]


def batch_hash(previous: str, lines: list[bytes]) -> tuple[str, str]:
    """(sha256 of the batch's events, the batch's chained hash)."""
    events = hashlib.sha256(b"".join(hashlib.sha256(line).digest() for line in lines)).hexdigest()
    return events, hashlib.sha256(f"{previous}:{events}".encode()).hexdigest()


def _engine(settings: Settings) -> sa.Engine:
    engine = sa.create_engine(settings.catalog_url)
    METADATA.create_all(engine, checkfirst=True)
    return engine


def seal(settings: Settings) -> Seal | None:
    """Seal the events appended since the last seal (None when there are none)."""
    lines = _lines(settings)
    chain = _read_chain(settings)
    start = chain[-1].to_line if chain else 0
    if start >= len(lines):
        return None
    previous = chain[-1].hash if chain else GENESIS
    events, digest = batch_hash(previous, lines[start:])
    new = Seal(len(chain) + 1, start, len(lines), events, previous, digest, datetime.now(UTC).isoformat())
    engine = _engine(settings)
    with engine.begin() as db:  # the primary key on batch makes a concurrent second seal fail, not fork
        db.execute(HEADS.insert().values(batch=new.batch, to_line=new.to_line, hash=new.hash,
                                         sealed_at=new.sealed_at))
    engine.dispose()
    body = "".join(json.dumps(vars(s)) + "\n" for s in [*chain, new])
    write_uri(_chain_uri(settings), body.encode())
    if settings.is_s3_lake:
        s3 = settings.s3_options()
        write_uri(archive_uri(settings, new.batch), b"".join(line + b"\n" for line in lines[start:]), s3)
        write_uri(f"{settings.warehouse}/_lineage/chain.jsonl", body.encode(), s3)
    return new


def archive_uri(settings: Settings, batch: int) -> str:
    """Where the copy of sealed ``batch`` lives in an S3 warehouse."""
    return f"{settings.warehouse}/_lineage/batches/{batch:06d}.jsonl"


def _verify_archive(settings: Settings, chain: list[Seal]) -> int:
    """Check the warehouse copies of the sealed batches; return how many there are."""
    archived = 0
    for s in chain:
        data = read_uri(archive_uri(settings, s.batch), settings.s3_options())
        if data is None:
            continue
        lines = [line for line in data.split(b"\n") if line.strip()]
        if batch_hash(s.previous, lines) != (s.events_sha256, s.hash):
            raise ChainBrokenError(f"the warehouse copy of batch {s.batch} ({archive_uri(settings, s.batch)}) "
                                   "does not match its seal")
        archived += 1
    return archived


def verify(settings: Settings) -> dict[str, object]:
    """Check every sealed batch and the head; raise :class:`ChainBrokenError` at the first mismatch."""
    lines = _lines(settings)
    chain = _read_chain(settings)
    previous = GENESIS
    for s in chain:
        if s.previous != previous:
            raise ChainBrokenError(f"batch {s.batch}: previous hash does not match batch {s.batch - 1}")
        events, digest = batch_hash(previous, lines[s.from_line:s.to_line])
        if (events, digest) != (s.events_sha256, s.hash):
            raise ChainBrokenError(f"batch {s.batch} (events {s.from_line + 1}-{s.to_line}) was altered after "
                                   f"it was sealed at {s.sealed_at}")
        previous = digest
    engine = _engine(settings)
    with engine.connect() as db:
        head = db.execute(sa.select(HEADS).order_by(HEADS.c.batch.desc()).limit(1)).first()
    engine.dispose()
    if head is not None and (not chain or head.hash != chain[-1].hash or head.batch != chain[-1].batch):
        raise ChainBrokenError(f"the chain file ends at batch {chain[-1].batch if chain else 0} with a hash that "
                               f"differs from the head recorded in the catalog database (batch {head.batch}): the "
                               "log and its chain were rewritten")
    archived = _verify_archive(settings, chain) if settings.is_s3_lake else None
    return {"batches": len(chain), "archived_batches": archived, "events_sealed": chain[-1].to_line if chain else 0,
            "events_unsealed": len(lines) - (chain[-1].to_line if chain else 0), "head": previous,
            "log": settings.lineage_uri, "retention_days": settings.lineage_retention_days}
