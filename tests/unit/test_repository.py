"""Repository-level guarantees: the demo corpus is reproducible, the code is lint-clean, layering holds."""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, ROOT


def test_sample_corpus_is_exactly_what_the_committed_generator_produces(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_corpus.py"), "--out", str(tmp_path / "c")],
                   check=True, capture_output=True)
    comparison = filecmp.dircmp(CORPUS, tmp_path / "c")
    differing = []

    def walk(cmp: filecmp.dircmp) -> None:
        differing.extend(cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differing.extend(mismatch + errors)
        for sub in cmp.subdirs.values():
            walk(sub)

    walk(comparison)
    assert differing == []


def test_sample_corpus_has_what_the_demo_needs():
    files = [p for p in CORPUS.rglob("*") if p.is_file()]
    suffixes = {p.suffix for p in files}
    assert {".md", ".html", ".txt", ".jsonl", ".pdf"} <= suffixes
    assert len([p for p in files if p.suffix == ".pdf"]) >= 3
    not_utf8 = []
    for path in (p for p in files if p.suffix != ".pdf"):
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            not_utf8.append(path.name)
    assert not_utf8 == ["legacy-export-cp1252.txt"]


def test_code_is_ruff_clean():
    ruff = Path(sys.executable).with_name("ruff")
    out = subprocess.run([str(ruff), "check", "include", "dags", "plugins", "tests", "bench", "scripts"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def test_only_operators_and_plugins_import_airflow():
    offenders = []
    for path in (ROOT / "include" / "llmdata").rglob("*.py"):
        if "operators" in path.parts:
            continue
        # The module airflow itself, not names that start with it (e.g. events.airflow_lineage_env).
        if re.search(r"^\s*(import|from) airflow(\.|\s|$)", path.read_text(), re.MULTILINE):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
