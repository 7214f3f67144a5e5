from __future__ import annotations

import json
from pathlib import Path

import pytest

from llmdata.lineage.chain import ChainBrokenError, seal, verify


def _log(settings) -> Path:
    path = Path(settings.lineage_uri.removeprefix("file://"))
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _append(settings, *events: dict) -> None:
    with _log(settings).open("a") as handle:
        for event in events:
            handle.write(json.dumps(event) + "\n")


def test_sealed_log_verifies_and_a_later_edit_is_caught_even_if_the_chain_is_recomputed(settings):
    _append(settings, {"eventType": "START", "job": {"name": "curate.extract"}, "n": 1},
            {"eventType": "COMPLETE", "job": {"name": "curate.extract"}, "n": 2})
    assert seal(settings).batch == 1
    _append(settings, {"eventType": "COMPLETE", "job": {"name": "curate.publish"}, "rows": 408})
    assert seal(settings).batch == 2 and seal(settings) is None
    assert verify(settings)["events_sealed"] == 3

    log = _log(settings)
    log.write_text(log.read_text().replace('"rows": 408', '"rows": 409'))
    with pytest.raises(ChainBrokenError, match=r"batch 2 \(events 3-3\) was altered"):
        verify(settings)

    # An attacker who also rewrites the chain file cannot move the head kept in the catalog database.
    chain = Path(str(log).rsplit("/", 1)[0]) / "chain.jsonl"
    chain.unlink()
    from llmdata.lineage import chain as module

    forged = []
    previous = module.GENESIS
    for number, (start, end) in enumerate(((0, 2), (2, 3)), start=1):
        lines = [line.encode() for line in log.read_text().splitlines()][start:end]
        events, digest = module.batch_hash(previous, lines)
        forged.append(json.dumps({"batch": number, "from_line": start, "to_line": end, "events_sha256": events,
                                  "previous": previous, "hash": digest, "sealed_at": "x"}))
        previous = digest
    chain.write_text("\n".join(forged) + "\n")
    with pytest.raises(ChainBrokenError, match="differs from the head recorded in the catalog database"):
        verify(settings)
