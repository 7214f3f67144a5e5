from __future__ import annotations

import pytest

from llmdata.config import SettingsError, load_settings


def test_defaults_put_everything_under_the_data_dir(tmp_path):
    settings = load_settings(data_dir=tmp_path)
    assert settings.warehouse == (tmp_path / "lake").resolve().as_uri()
    assert settings.catalog_url == f"sqlite:///{tmp_path.resolve() / 'catalog.db'}"
    assert settings.qdrant_folder == (tmp_path / "qdrant").resolve()
    assert settings.lineage_uri.endswith("/lake/_lineage/events.jsonl")
    assert not settings.is_s3_lake


def test_s3_lake_passes_endpoint_and_keys_to_pyiceberg():
    settings = load_settings(lake_uri="s3://lake/prefix/", s3_endpoint="http://127.0.0.1:8333",
                             s3_access_key_id="k", s3_secret_access_key="s")
    assert settings.warehouse == "s3://lake/prefix"
    assert settings.is_s3_lake
    assert settings.s3_options()["s3.endpoint"] == "http://127.0.0.1:8333"
    assert settings.s3_options()["s3.access-key-id"] == "k"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("LLMDATA_QDRANT_URL", "localhost:6333"),
        ("LLMDATA_LAKE_URI", "gs://bucket"),
        ("LLMDATA_CHUNK_TOKENS", "lots"),
        ("LLMDATA_CATALOG_URI", "mysql://x"),
        ("LLMDATA_COLLECTION", "bad name!"),
    ],
)
def test_a_wrong_value_fails_naming_the_variable(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert variable in str(error.value)
    assert repr(value) in str(error.value)


def test_overlap_must_be_smaller_than_the_window(monkeypatch):
    monkeypatch.setenv("LLMDATA_CHUNK_TOKENS", "64")
    monkeypatch.setenv("LLMDATA_CHUNK_OVERLAP", "64")
    with pytest.raises(SettingsError, match="LLMDATA_CHUNK_OVERLAP"):
        load_settings()


def test_every_setting_is_documented_in_env_example():
    from pathlib import Path

    from llmdata.config import Settings

    example = (Path(__file__).resolve().parents[2] / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"LLMDATA_{name.upper()}=" in example, f"LLMDATA_{name.upper()} missing from .env.example"
