"""Annotation: language (py3langid, whose model ships inside the package) and token counts with the embedding
model's own tokenizer."""

from __future__ import annotations

import functools
from typing import Any

import pyarrow as pa

from llmdata.schemas import DOCUMENT, QUARANTINE, conform
from llmdata.stage import StageResult

STAGE = "annotate"
LANGID_SAMPLE_CHARS = 4000  # language is stable over a page; classifying more costs time, not accuracy


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability of ``text``'s language."""
    lang, score = _identifier().classify(text[:LANGID_SAMPLE_CHARS])
    return str(lang), float(score)


@functools.lru_cache(maxsize=4)
def load_token_counter(model_path: str) -> Any:
    """The embedding model's Rust tokenizer read from its ``tokenizer.json``, set to neither truncate nor pad, so
    the whole text is counted. Read without transformers, whose import pulls in torch (seconds per worker
    process); ``tests/unit/test_transforms.py`` checks the counts equal the transformers tokenizer's."""
    from pathlib import Path

    from tokenizers import Tokenizer

    counter = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
    counter.no_truncation()
    counter.no_padding()
    return counter


def count_tokens(texts: list[str], counter: Any) -> list[int]:
    """Tokens of each text by the embedding model's tokenizer (:func:`load_token_counter`), special tokens left
    out (``encode_batch_fast`` skips the character offsets a count does not need: 1.6x the transformers call on
    real pages)."""
    if not texts:
        return []
    return [len(encoding.ids) for encoding in counter.encode_batch_fast(texts, add_special_tokens=False)]


def annotate(documents: pa.Table, counter: Any) -> StageResult:
    """Add ``lang``, ``lang_score`` and ``n_tokens`` to every document; nothing is rejected here (the quality
    policy decides what a language means)."""
    texts = [t or "" for t in documents["text"].to_pylist()]
    languages = [identify_language(t) for t in texts]
    n_tokens = count_tokens(texts, counter)
    rows = documents.drop_columns([c for c in ("lang", "lang_score", "n_tokens") if c in documents.column_names])
    rows = rows.append_column("lang", pa.array([lang for lang, _ in languages], pa.string()))
    rows = rows.append_column("lang_score", pa.array([score for _, score in languages], pa.float64()))
    rows = rows.append_column("n_tokens", pa.array(n_tokens, pa.int64()))
    mix: dict[str, int] = {}
    for lang, _ in languages:
        mix[lang] = mix.get(lang, 0) + 1
    return StageResult(STAGE, documents.num_rows, conform(rows, DOCUMENT), QUARANTINE.empty_table(),
                       metrics={"languages": dict(sorted(mix.items())), "tokens": int(sum(n_tokens))})
