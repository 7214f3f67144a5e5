"""The shipped NER model never learnt from the text its held-out figures are measured on."""

from __future__ import annotations

import importlib
import json

from llmdata.transforms.pii_ner import MODEL_DIR
from tests.conftest import ROOT


def test_the_shipped_model_was_trained_on_development_splits_only(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    corpus = importlib.import_module("pii_corpus")
    trained = json.loads((MODEL_DIR / "meta.json").read_text())["llmdata"]
    assert set(trained["splits"]) <= set(corpus.SPLITS) - set(corpus.HELD_OUT)
    held_out_countries = {locale.split("_")[1] for split in corpus.HELD_OUT
                          for locale in corpus.SPLITS[split]["locales"]}
    assert held_out_countries <= set(trained["world_countries_excluded"])
