"""The stage contract: a plain function over Arrow data returning kept rows, quarantined rows and metrics.

Counting lives here, once: :class:`StageResult` checks that records in = records out + records quarantined,
so no stage can lose a record silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from llmdata.errors import LlmdataError
from llmdata.schemas import QUARANTINE, conform


class RecordsLostError(LlmdataError, AssertionError):
    """A stage returned fewer (or more) records than it was given."""


@dataclass(frozen=True)
class StageResult:
    """What a stage returns: ``kept`` rows, ``quarantined`` rows (with stage, rule, reason) and metrics."""

    stage: str
    records_in: int
    kept: pa.Table
    quarantined: pa.Table
    metrics: dict[str, Any] = field(default_factory=dict)
    # Records a stage consumed on purpose without emitting them (e.g. unchanged items on re-ingest).
    skipped: int = 0

    def __post_init__(self) -> None:
        accounted = self.kept.num_rows + self.quarantined.num_rows + self.skipped
        if accounted != self.records_in:
            raise RecordsLostError(
                f"stage {self.stage}: {self.records_in} records in but {self.kept.num_rows} kept + "
                f"{self.quarantined.num_rows} quarantined + {self.skipped} skipped"
            )

    @property
    def quarantine_reasons(self) -> dict[str, int]:
        """Quarantined record counts by rule."""
        if not self.quarantined.num_rows:
            return {}
        return dict(Counter(self.quarantined["rule"].to_pylist()))

    def summary(self) -> dict[str, Any]:
        """Small, PII-free counts for XCom, logs and lineage."""
        return {
            "stage": self.stage,
            "records_in": self.records_in,
            "records_out": self.kept.num_rows,
            "records_quarantined": self.quarantined.num_rows,
            "records_skipped": self.skipped,
            "quarantined_by_rule": self.quarantine_reasons,
            **self.metrics,
        }


def quarantine(rows: pa.Table, stage: str, rules: Sequence[str], reasons: Sequence[str]) -> pa.Table:
    """Turn rejected ``rows`` into quarantine rows carrying the stage, the rule and the reason."""
    if len(rules) != rows.num_rows or len(reasons) != rows.num_rows:
        raise ValueError("one rule and one reason per quarantined row")
    annotated = rows
    for name, values in (("stage", [stage] * rows.num_rows), ("rule", list(rules)), ("reason", list(reasons))):
        if name in annotated.column_names:
            annotated = annotated.drop_columns([name])
        annotated = annotated.append_column(name, pa.array(values, pa.string()))
    return conform(annotated, QUARANTINE)


def split(rows: pa.Table, keep: pa.Array | list[bool]) -> tuple[pa.Table, pa.Table]:
    """Split ``rows`` by a boolean mask into (kept, rejected)."""
    mask = pa.array(keep, pa.bool_()) if isinstance(keep, list) else keep
    return rows.filter(mask), rows.filter(pc.invert(mask))
