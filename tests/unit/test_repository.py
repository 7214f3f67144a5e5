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


def _pins(name: str) -> dict[str, str]:
    from packaging.utils import canonicalize_name

    lines = [line.strip() for line in (ROOT / name).read_text().splitlines()]
    return {canonicalize_name(line.split("==")[0]): line.split("==")[1] for line in lines
            if line and not line.startswith("#")}


def test_requirements_are_fully_pinned_once_each():
    runtime, dev = _pins("requirements.txt"), _pins("requirements-dev.txt")
    assert runtime.keys().isdisjoint(dev), sorted(runtime.keys() & dev.keys())
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+]*", v) for v in (runtime | dev).values())


def test_every_package_the_pipeline_imports_is_in_the_image_requirements():
    """The image installs requirements.txt alone: an import served only by requirements-dev.txt would pass every
    test here (make installs both) and fail in the deployed stack."""
    import ast
    from importlib.metadata import packages_distributions

    from packaging.utils import canonicalize_name

    imported: set[str] = set()
    for folder in ("include/llmdata", "dags", "plugins"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    imported |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    imported.add(node.module.split(".")[0])
    providers = packages_distributions()
    third_party = imported - set(sys.stdlib_module_names) - {"llmdata"}
    runtime = _pins("requirements.txt")
    unpinned = {module: providers.get(module) for module in third_party
                if not any(canonicalize_name(d) in runtime for d in providers.get(module, []))}
    assert unpinned == {}
    assert third_party >= {"airflow", "pyiceberg", "qdrant_client", "presidio_analyzer"}  # the scan sees imports


def test_dev_requirements_install_without_resolving_anything_new():
    """The Makefile installs requirements-dev.txt with --no-deps: every dependency of its packages is pinned."""
    from importlib.metadata import distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pinned = _pins("requirements.txt") | _pins("requirements-dev.txt")
    missing = {}
    for name in _pins("requirements-dev.txt"):
        for spec in distribution(name).requires or []:
            requirement = Requirement(spec)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            if canonicalize_name(requirement.name) not in pinned:
                missing[name] = requirement.name
    assert missing == {}


# What a committed secret looks like: cloud keys, private keys, tokens, and credentials written into URLs or
# assignments (a ${VARIABLE} reference, or an empty value, is how the stack files ask for one instead).
SECRET_PATTERNS = {
    "aws access key": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "private key": re.compile(r"-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    "github token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "slack token": re.compile(r"\bxox[abpr]-[A-Za-z0-9-]{10,}\b"),
    "password in a URL": re.compile(r"://[^/\s:@'\"]+:(?!\$\{)[^/\s@'\"]{6,}@"),
    "assigned secret": re.compile(
        r"(?i)\b[\w.]*(password|secret|api_key|token)[\w.]*[ \t]*[:=][ \t]*[\"']?(?!\$\{)(?=[A-Za-z0-9+/_-]*\d)"
        r"(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{16,}"),
}
# Files that hold a made-up credential on purpose, and why.
SECRET_ALLOWED = {
    "tests/unit/test_repository.py": "the planted secrets that prove the scan sees",
    "tests/unit/test_stack_files.py": "a password made up to check how the compose file renders a catalog URL",
    "tests/unit/test_index.py": "a canary sentence assigned to a variable named secret",
    "include/llmdata/transforms/pii_ner/tokenizer": "spaCy's URL-matching regular expression, saved with the model",
}


def secrets_in(text: str) -> list[str]:
    """The kinds of secret that ``text`` contains."""
    return [kind for kind, pattern in SECRET_PATTERNS.items() if pattern.search(text)]


def test_no_secret_is_committed_and_the_scan_would_see_one(tmp_path):
    planted = {"aws access key": "aws_key = 'AKIAIOSFODNN7EXAMPLQ'",
               "password in a URL": "postgresql://llmdata:Zx81mq2Lp@db:5432/x",
               "assigned secret": "QDRANT_API_KEY=7f3a9e21c4b84d6fa0e1b2c3d4e5f607"}
    for kind, line in planted.items():
        assert kind in secrets_in(line), kind
    assert secrets_in("POSTGRES_PASSWORD=${POSTGRES_PASSWORD}\nurl: postgresql://airflow:${PW}@postgres/x") == []
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split("\0")
    found = {}
    for name in filter(None, files):
        path = ROOT / name
        if name in SECRET_ALLOWED or not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        data = path.read_bytes()
        if b"\0" in data[:4096]:
            continue  # binary: images, PDFs, the sample corpus's Office files
        if kinds := secrets_in(data.decode("utf-8", errors="replace")):
            found[name] = kinds
    assert found == {}
    assert ".env" in (ROOT / ".gitignore").read_text().split()  # `make secrets` writes it; git never sees it
