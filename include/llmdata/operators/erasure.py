"""The erasure task: find, erase everywhere (history included), verify nothing remains, record the event."""

from __future__ import annotations

import logging
from typing import Any

from pyiceberg.expressions import In

from llmdata.config import Settings
from llmdata.errors import LlmdataError
from llmdata.lake import SCHEMAS, Lake
from llmdata.lineage.facets import ErasureRunFacet
from llmdata.operators.base import LakeOperator
from llmdata.schemas import META_ERASURES

log = logging.getLogger(__name__)


class ErasureIncompleteError(LlmdataError, RuntimeError):
    """Rows or points of erased documents are still there."""


class EraseOperator(LakeOperator):
    """Erase the documents a request names (ids, a source-URI glob or the keyed hash of a PII value)."""

    template_fields = ("doc_ids", "uri_pattern", "pii_hash", "reason")

    def __init__(self, *, doc_ids: Any = (), uri_pattern: str | None = None, pii_hash: str | None = None,
                 reason: str = "GDPR Art. 17 request", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.doc_ids, self.uri_pattern, self.pii_hash, self.reason = doc_ids, uri_pattern, pii_hash, reason

    def run(self, settings: Settings, lake: Lake, run_id: str) -> dict[str, Any]:
        from llmdata.erasure import ErasureRequest, erase, find
        from llmdata.index.qdrant import open_index

        ids = [self.doc_ids] if isinstance(self.doc_ids, str) else list(self.doc_ids or [])
        request = ErasureRequest(tuple(i for i in ids if i), self.uri_pattern or None, self.pii_hash or None,
                                 self.reason)
        targets = find(lake, request, settings)
        log.info("erasure: %d document(s) match the request", len(targets))
        result = erase(lake, settings, targets, request, run_id)
        erased = [t["doc_id"] for t in targets]
        left = {name: lake.read(name, row_filter=In("doc_id", erased), columns=["doc_id"]).num_rows
                for name in lake.names() if erased and "doc_id" in SCHEMAS[name].names and name != META_ERASURES}
        with open_index(settings) as index:
            points = index.existing(settings.collection, erased) if erased else {}
        if any(left.values()) or points:
            raise ErasureIncompleteError(f"after erasure rows remain in {[k for k, v in left.items() if v]} and "
                                         f"{len(points)} point(s) remain; re-run the erasure DAG")
        self._run_facets["llmdata_erasure"] = ErasureRunFacet(reason=self.reason, **result.describe())
        log.info("erasure done: %s", result.describe())
        return {"stage": "erasure", **result.describe()}
