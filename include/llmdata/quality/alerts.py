"""Misconfiguration alerts: one rule quarantining nearly all of a source's records in a run is almost never
bad data and almost always a policy that does not fit the source (pages' thresholds on chat lines, English
rules on another language). The run still completes; the alert goes to the task log, lineage and the report."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pyarrow as pa

MIN_RECORDS = 20
MIN_SHARE = 0.9


def rule_alerts(gated: pa.Table, quarantined: pa.Table, min_records: int = MIN_RECORDS,
                min_share: float = MIN_SHARE) -> list[dict[str, Any]]:
    """Per source, the rules that quarantined at least ``min_share`` of its records this run (sources with at
    least ``min_records`` records), with counts."""
    totals = Counter(gated["source_id"].to_pylist()) + Counter(quarantined["source_id"].to_pylist())
    hits = Counter(zip(quarantined["source_id"].to_pylist(), quarantined["rule"].to_pylist(), strict=True))
    alerts = []
    for (source, rule), n in sorted(hits.items()):
        total = totals[source]
        if total >= min_records and n >= min_share * total:
            alerts.append({"source_id": source, "rule": rule, "quarantined": n, "records": total,
                           "share": round(n / total, 4),
                           "message": f"rule {rule} quarantined {n} of {total} records ({n / total:.0%}) of source "
                                      f"{source}: check that the policy fits this source (a routing rule's "
                                      "profile, e.g. short_records, or the check's thresholds)"})
    return alerts
