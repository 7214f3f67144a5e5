"""Regressions found by pointing the platform at real folders: copies kept, every encoding read, nothing read
from outside a source, compressed files and archives opened within limits, markup read as text, short records
judged as records, spam stopped, quarantine safe to browse."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import tarfile
import zipfile
from pathlib import Path

import pyarrow as pa
import pytest
import zstandard

from llmdata.errors import LlmdataError
from llmdata.quality.gate import apply_gates
from llmdata.quality.policy import load_policy
from llmdata.sources.files import scan
from llmdata.transforms.boilerplate import learn
from llmdata.transforms.extract import ExtractionError, decode, extract_text
from llmdata.transforms.markup import markdown_to_text, prose, rst_to_text
from llmdata.transforms.normalize import normalize
from tests.conftest import ROLLBACK, RUNBOOK, make_documents

POLICY = Path(__file__).resolve().parents[2] / "include" / "policies" / "quality.yaml"


def _items(folder: Path) -> dict[str, object]:
    return {item.item_key: item for item in scan(folder, ["**/*"], 20_000_000)}


# ------------------------------------------------------------------------------------------- 1. boilerplate
def test_identical_copies_keep_their_text_for_dedup_to_judge():
    copies = {f"copy{i}": RUNBOOK for i in range(4)} | {"headed": "# Backups\n\n" + RUNBOOK}
    documents = make_documents(copies)
    result = normalize(documents, learn(documents["text"].to_pylist(), documents["source_id"].to_pylist()))
    assert result.quarantined.num_rows == 0
    assert all(RUNBOOK in t for t in result.kept["text"].to_pylist())


def test_boilerplate_never_takes_a_documents_body():
    shared = [f"Shared template paragraph number {k} that every page of this source repeats." for k in range(6)]
    texts = {f"d{i}": "\n".join(shared) + f"\nUnique line {i}." for i in range(5)}
    documents = make_documents(texts)
    learned = learn(documents["text"].to_pylist(), documents["source_id"].to_pylist())
    assert learned["wiki"]  # the shared lines are boilerplate by count...
    result = normalize(documents, learned)
    assert all(t.startswith(shared[0]) for t in result.kept["text"].to_pylist())  # ...but they are the body


def test_boilerplate_decision_is_the_same_however_documents_are_sharded():
    footer = "Northwind Cloud GmbH · Internal use only · Do not forward"
    texts = {f"d{i}": f"{RUNBOOK if i % 2 else ROLLBACK} Page {i}.\n{footer}" for i in range(16)}
    documents = make_documents(texts)
    learned = learn(documents["text"].to_pylist(), documents["source_id"].to_pylist())
    whole = normalize(documents, learned).kept
    parts = [normalize(documents.slice(k, 2), learned).kept for k in range(0, 16, 2)]
    assert pa.concat_tables(parts)["text"].to_pylist() == whole["text"].to_pylist()
    assert all(footer not in t for t in whole["text"].to_pylist())


# ------------------------------------------------------------------------------------------- 2. encodings
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-8-sig",
                                      "cp1252", "latin-1", "shift_jis", "koi8-r", "cp1251"])
def test_every_text_encoding_is_decoded_before_the_binary_test(encoding):
    text = {"shift_jis": "バックアップの手順は毎晩実行されます。復元する前にサービスを停止してください。",
            "koi8-r": "Резервное копирование выполняется каждую ночь. Перед восстановлением остановите службы, "
                      "затем проверьте журнал.",
            "cp1251": "Резервное копирование выполняется каждую ночь. Перед восстановлением остановите службы, "
                      "затем проверьте журнал.",
            }.get(encoding, "Jürgen's café backup runbook: restore the nightly snapshot, then replay the WAL. " * 3)
    data = text.encode(encoding)
    if encoding in ("utf-16", "utf-32"):
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # Python writes a BOM for these
    assert decode(data).text.strip() == text.strip()


def test_real_binary_is_still_refused():
    with pytest.raises(ExtractionError) as error:
        decode(bytes(range(256)) * 40)
    assert error.value.rule == "extract.binary"


@pytest.mark.parametrize("data", [b"\xfe\xff\x00\x00\x00\x00", b"\xff\xfe\x00\x00\x00\x00\x00\x00\x01\x00\x02\x00"])
def test_nul_bytes_behind_what_looks_like_a_byte_order_mark_are_binary(data):
    """Two bytes that happen to be a UTF-16 mark do not make NULs text (a property test's find)."""
    with pytest.raises(ExtractionError) as error:
        decode(data)
    assert error.value.rule == "extract.binary"


# ------------------------------------------------------------------------------------------- 3. outside the root
def test_links_out_of_the_root_fifos_and_zip_slip_are_quarantined_not_read(tmp_path):
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash")
    (root / "sub" / "passwd.txt").symlink_to(secret)
    (root / "linked-folder").symlink_to(tmp_path)
    (root / "inside.txt").write_text(RUNBOOK)
    (root / "alias.txt").symlink_to(root / "inside.txt")
    os.mkfifo(root / "pipe.txt")
    with zipfile.ZipFile(root / "bundle.zip", "w") as archive:
        archive.writestr("../../etc/cron.d/evil.txt", "x")
        archive.writestr("/abs.txt", "x")
        archive.writestr("ok/page.md", "# Page\n\n" + RUNBOOK)
    items = _items(root)
    assert items["sub/passwd.txt"].rule == "ingest.outside_root" and items["sub/passwd.txt"].content is None
    assert items["pipe.txt"].rule == "ingest.not_a_file"
    assert items["bundle.zip!../../etc/cron.d/evil.txt"].rule == "ingest.outside_root"
    assert items["bundle.zip!/abs.txt"].rule == "ingest.outside_root"
    assert items["bundle.zip!ok/page.md"].content.decode().endswith(RUNBOOK)
    assert items["alias.txt"].content == RUNBOOK.encode()  # a link that stays inside is read
    assert not any(k.startswith("linked-folder") for k in items)  # linked folders are not descended into
    assert not any(item.content and b"root:x" in item.content for item in items.values())


def test_a_glob_that_leaves_the_folder_is_refused_by_the_registry(tmp_path):
    from llmdata.sources.registry import RegistryError, load_registry

    registry = tmp_path / "sources.yaml"
    registry.write_text("sources:\n  - id: docs\n    connector: files\n    options: {path: /tmp, globs: ['../**']}\n"
                        "    licence: MIT\n    owner: me@example.com\n    purpose: tests\n")
    with pytest.raises(RegistryError, match="outside the source folder"):
        load_registry(registry)


# ------------------------------------------------------------------------------------------- 8. compression
@pytest.mark.parametrize("suffix, compress", [
    (".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress),
    (".zst", lambda b: zstandard.ZstdCompressor().compress(b))])
def test_compressed_files_are_read_with_the_inner_type(tmp_path, suffix, compress):
    (tmp_path / f"intro.rst{suffix}").write_bytes(compress(b"Intro\n=====\n\nCall :c:func:`kmalloc` first.\n"))
    item = _items(tmp_path)[f"intro.rst{suffix}"]
    assert item.mime_type == "text/x-rst" and item.problem is None
    assert extract_text(item.content, item.mime_type).text == "Intro\n\nCall `kmalloc` first."


def test_tar_members_are_items_keyed_archive_bang_member(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in (("docs/a.md", b"# A\n\nText a."), ("docs/b.txt.gz", gzip.compress(b"Text b."))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("docs/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    (tmp_path / "docs.tar.gz").write_bytes(buffer.getvalue())
    items = _items(tmp_path)
    assert items["docs.tar.gz!docs/a.md"].content == b"# A\n\nText a."
    assert items["docs.tar.gz!docs/b.txt.gz"].content == b"Text b." and \
        items["docs.tar.gz!docs/b.txt.gz"].mime_type == "text/plain"
    assert items["docs.tar.gz!docs/passwd"].rule == "ingest.not_a_file"


def test_a_decompression_bomb_is_quarantined_without_filling_memory(tmp_path):
    import resource

    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"\0" * 400_000_000, compresslevel=9))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    item = _items(tmp_path)["bomb.txt.gz"]
    assert item.rule == "ingest.archive_bomb" and "LLMDATA_MAX_DOCUMENT_BYTES" in item.problem
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB: never the 400 MB


# ------------------------------------------------------------------------------------------- 9. markup
def test_rst_roles_and_directives_become_text_and_code_is_fenced():
    source = (".. SPDX-License-Identifier: GPL-2.0\n\n=====\nTitle\n=====\n\n"
              "Use :c:func:`kmalloc` and :ref:`the guide <memory-guide>` here.\n\n"
              ".. kernel-doc:: mm/slab.c\n   :export:\n\n.. code-block:: c\n\n   int x = 1;\n\n"
              ".. note::\n\n   Free it with ``kfree``.\n\n- item one\n- item two\n")
    text = rst_to_text(source)
    assert "Use `kmalloc` and the guide here." in text
    assert "```\nint x = 1;\n```" in text
    assert "Free it with `kfree`." in text and "- item one" in text
    assert "kernel-doc" not in text and "SPDX" not in text and ":c:func:" not in text
    assert "int x" not in prose(text) and "kmalloc" not in prose(text) and "and the guide here." in prose(text)


def test_rst_backslash_escapes_become_the_characters_not_nul_markers():
    # Python's docs escape stars and underscores everywhere (``\\*args``); docutils marks them with NUL internally
    text = rst_to_text("Pass \\*args and \\**kwargs to f\\_g, or a lone \\")
    assert text == "Pass *args and **kwargs to f_g, or a lone"


def test_markdown_autolinks_keep_their_brackets():
    assert markdown_to_text("Assigned to Anna <anna@example.com>.") == "Assigned to Anna <anna@example.com>."


def test_markdown_becomes_text_with_fenced_code():
    text = markdown_to_text("# Title\n\nSome *emphasis* and `code`.\n\n```python\nprint(1)\n```\n\n1. one\n2. two\n")
    assert text == "Title\n\nSome emphasis and `code`.\n\n```\nprint(1)\n```\n\n1. one\n\n2. two"


# ------------------------------------------------------------------------------------------- 6, 7. gates
def _gate(texts: dict[str, str], stage: str, **extra: object):
    documents = make_documents(texts, route="standard", lang="en", **extra)
    return apply_gates(documents, load_policy(POLICY), stage)


def test_a_line_repeated_thousands_of_times_is_spam_on_every_path():
    line = "Buy cheap watches online today at the best price in town!"
    for route in ("fast", "standard", "deep"):
        documents = make_documents({"spam": "\n".join([line] * 5000)}, route=route)
        result = apply_gates(documents, load_policy(POLICY), "early")
        assert result.quarantine_reasons == {"structural.dominant_line": 1}, route


def test_short_records_pass_under_their_profile_and_garbage_still_fails():
    records = {
        "ticket": "Customer cannot log in after the password reset, please check the account.",
        "chat": "Thanks, the restore worked and the service is back.",
        "garbage": "$$$ ### %%% @@@ !!! &&& *** +++ === ~~~ ^^^",
        "keyboard": "asdf qwer zxcv",
    }
    early = _gate(records, "early", quality_profile="short_records")
    assert sorted(early.kept["doc_id"].to_pylist()) == ["chat", "ticket"]
    mid = apply_gates(early.kept, load_policy(POLICY), "mid")
    assert sorted(mid.kept["doc_id"].to_pylist()) == ["chat", "ticket"]
    # without the profile the same records are judged as pages and fail
    assert _gate(records, "early").kept.num_rows == 0


def test_every_user_facing_error_derives_from_one_root():
    from llmdata.lake import LakeError
    from llmdata.quality.policy import PolicyError
    from llmdata.sources.registry import RegistryError
    from llmdata.transforms.pii import PiiPolicyError

    for error in (LakeError, PolicyError, RegistryError, PiiPolicyError, ExtractionError):
        assert issubclass(error, LlmdataError)
    assert str(LlmdataError("is empty", item="gold.documents", fix="run curate first")) == \
        "gold.documents: is empty; run curate first"


def test_a_rule_that_quarantines_nearly_all_of_a_source_raises_an_alert():
    from llmdata.quality.alerts import rule_alerts
    from llmdata.schemas import QUARANTINE, conform

    gated = make_documents({"kept": RUNBOOK}, source_id="chat")
    rows = make_documents({f"m{i}": "Thanks, that fixed it." for i in range(24)}, source_id="chat").to_pylist()
    quarantined = conform(pa.Table.from_pylist(
        [r | {"stage": "gate_early", "rule": "structural.length_bounds", "reason": "short"} for r in rows]),
        QUARANTINE)
    alerts = rule_alerts(gated, quarantined)
    assert [(a["source_id"], a["rule"], a["quarantined"], a["records"]) for a in alerts] == [
        ("chat", "structural.length_bounds", 24, 25)]
    assert rule_alerts(gated, quarantined.slice(0, 10)) == []  # too few records to call it a misconfiguration


def test_an_exact_duplicate_of_a_near_duplicate_points_at_the_document_kept():
    from llmdata.transforms.dedup import deduplicate_exact, resolve_chains
    from llmdata.transforms.neardup import NearDupParams, deduplicate_near

    page = "Rendered page. " + RUNBOOK
    documents = make_documents({"a-html": page, "b-rst-gz": RUNBOOK + " Source.", "c-rst-txt": RUNBOOK + " Source."})
    exact = deduplicate_exact(documents, {})
    near, _ = deduplicate_near(exact.kept, lambda keys: {}, NearDupParams())
    assert near.quarantined["doc_id"].to_pylist() == ["b-rst-gz"]  # the near twin of the kept page
    resolved = resolve_chains(exact.quarantined, near.quarantined)
    assert resolved["dup_of"].to_pylist() == ["a-html"]
    assert "itself a near duplicate of a-html" in resolved["reason"][0].as_py()
    assert pa.concat_tables([resolved, near.quarantined]).num_rows == 2  # the quarantine schema is kept
