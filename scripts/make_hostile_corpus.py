"""Generate the hostile-input corpus: a shared drive of odd files and a support-ticket export, each case with
the outcome it must have, written here before any run.

    python scripts/make_hostile_corpus.py OUT_DIR

writes ``OUT_DIR/shared_drive/``, ``OUT_DIR/support_tickets/`` and ``OUT_DIR/EXPECTED.json``:
``{"cases": {source: {item_key: outcome}}, "groups": [...], "good_text": {item_key: text}}``. An outcome is
``"gold"`` or the quarantine rule the item must carry. A group is a set of items of which ``gold`` reach gold
and the rest carry ``rules`` (copies of one document: dedup keeps one, whichever sorts first). ``good_text``
holds, for plain-text good files, the text gold must hold (the source text after normalisation).
``tests/dags/test_hostile_corpus.py`` runs the corpus through ingest, curate and rag_index and checks every case.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import random
import sys
import tarfile
import zipfile
from pathlib import Path

import zstandard

MAX_DOCUMENT_BYTES = 12_000_000  # the test sets LLMDATA_MAX_DOCUMENT_BYTES to this

SENTENCES = [
    "Start by reading the last incident report for {t}, because it lists the traps people fell into.",
    "Announce the change in the operations channel at least an hour before you begin with {t}.",
    "Take a snapshot of everything {t} touches, and write its identifier into the change ticket.",
    "The staging environment is the place to rehearse {t}; production is not.",
    "If a step fails, stop, roll back to the snapshot and ask the owner of {t} before trying again.",
    "Most problems with {t} come from stale credentials, so rotate them first.",
    "Keep the dashboard for {t} open in a second window while you work.",
    "Alerts that fire during {t} are expected for a few minutes; silence them with a short expiry.",
    "Record the exact commands you ran for {t} so that the next person can repeat them.",
    "When you are done with {t}, compare the error rate with the hour before the change.",
    "Nobody should do {t} alone on a Friday afternoon or during a release freeze.",
    "The runbook for {t} is reviewed every quarter by the team that owns the service.",
    "Ask for a second pair of eyes on the plan for {t} if it deletes anything.",
    "Customers notice {t} only when it goes wrong, which is why the checklist exists.",
    "The automation for {t} runs nightly, but a person still checks its report every morning.",
    "Write down how long {t} took, so that the next maintenance window is planned realistically.",
    "Old versions of the tooling for {t} behave differently, so check the version before you begin.",
    "After {t}, close the change ticket with a short note about anything surprising.",
]


def article(topic: str, n: int = 3) -> str:
    """A few paragraphs of good technical prose about ``topic``, different for every topic."""
    rng = random.Random(topic)
    picked = rng.sample(SENTENCES, 3 * n)
    subject = topic[0].lower() + topic[1:]
    paragraphs = [" ".join(s.format(t=subject) for s in picked[k * 3:(k + 1) * 3]) for k in range(n)]
    return f"{topic}\n\n" + "\n\n".join(paragraphs)


def paras(topic: str) -> list[str]:
    """The paragraphs of :func:`article` for ``topic``, without its title."""
    return article(topic).split("\n\n")[1:]


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar_gz(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _pdf(text: str | None, encrypt: bool = False) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    if text is not None:  # a page with a real text layer
        from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

        font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                                 NameObject("/BaseFont"): NameObject("/Helvetica")})
        page = writer.pages[0]
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): writer._add_object(font)})})
        lines = " ".join(f"({line}) Tj T*" for line in text.split("\n"))
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 11 Tf 14 TL 50 750 Td {lines} ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if encrypt:
        writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def generate(out: Path, seed: int = 13) -> dict:
    """Write the corpus under ``out`` and return the expectations (also written to EXPECTED.json)."""
    rng = random.Random(seed)
    drive, tickets = out / "shared_drive", out / "support_tickets"
    cases: dict[str, dict[str, str]] = {"shared_drive": {}, "support_tickets": {}}
    good_text: dict[str, str] = {}
    groups: list[dict] = []

    def case(key: str, data: bytes | str, outcome: str, root: Path = drive, source: str = "shared_drive") -> None:
        write(root / key, data)
        cases[source][key] = outcome

    def good(key: str, text: str, encoding: str = "utf-8") -> None:
        case(key, text.encode(encoding), "gold")
        good_text[key] = text

    # --- good files that used to be lost, and their duplicates ------------------------------------------------
    good("runbooks/restore.txt", article("Restoring a database to a point in time"))
    copy = article("Rotating the TLS certificates of the load balancers")
    for k in range(4):
        write(drive / f"copies/certificates-{k}.txt", copy)
    # A heading on top leaves a copy a near duplicate (Jaccard ~0.95): of the five, one reaches gold, three are
    # exact duplicates and one a near duplicate (which one depends only on the doc ids dedup orders by).
    write(drive / "copies/certificates-with-heading.txt", "Copied from the wiki, 2026\n\n" + copy)
    groups.append({"source": "shared_drive", "gold": 1, "rules": ["dedup.exact"] * 3 + ["dedup.near"],
                   "items": [f"copies/certificates-{k}.txt" for k in range(4)]
                   + ["copies/certificates-with-heading.txt"]})
    good("encodings/utf16-bom.txt", article("Draining a Kubernetes node"), "utf-16")
    good("encodings/utf16le-no-bom.txt", article("Resizing a volume online").replace("\n", "\r\n"), "utf-16-le")
    good("encodings/utf32.txt", article("Renewing the on-call rota"), "utf-32")
    good("encodings/cp1252.txt", article("Jürgen's café runbook for the Zürich office"), "cp1252")
    good("encodings/utf8-bom.txt", "\ufeff" + article("Archiving old tickets"))
    good(".hidden/notes.txt", article("Keeping the staging cluster cheap"))
    good("odd names/ünïcödé & spaces (final) v2.txt", article("Naming the release branches"))
    case("rtl/hebrew.txt", "גיבוי הלילה מתחיל בשעה שתיים. לפני השחזור יש לעצור את השירותים ולהודיע לצוות. "
                          "אחרי השחזור בודקים את מספר השורות בטבלאות הגדולות ומפעילים את השירותים אחד אחד. " * 3,
         "gold")
    zero_width = article("Tuning the autovacuum settings").replace("vacuum", "va\u200bcuum")
    zero_width = zero_width.replace(" the ", " the\u200d ")
    case("unicode/zero-width.txt", zero_width, "gold")
    case("unicode/control-characters.txt", article("Reading the slow query log").replace(". ", ".\x07 ", 3), "gold")

    # --- markup and compression -------------------------------------------------------------------------------
    rst = ("Backups\n=======\n\nUse :command:`pg_basebackup` and :ref:`the archive <wal-archive>` for every "
           "cluster.\n\n.. code-block:: sh\n\n   pg_basebackup -D /backups/base -Ft -z\n\n"
           + "\n\n".join(paras("Taking base backups")))
    # The Sphinx _sources twin of a .rst.gz page: one of the two reaches gold, the other is a near duplicate.
    write(drive / "manuals/backups.rst.gz", gzip.compress(rst.encode()))
    write(drive / "manuals/_sources/backups.rst.txt", rst.replace("Backups\n=======", "Backups again\n============="))
    groups.append({"source": "shared_drive", "gold": 1, "rules": ["dedup.near"],
                   "items": ["manuals/backups.rst.gz", "manuals/_sources/backups.rst.txt"]})
    notes = "# Notes\n\n" + "\n\n".join(paras("Writing release notes"))
    case("manuals/notes.md.bz2", bz2.compress(notes.encode()), "gold")
    case("manuals/guide.txt.xz", lzma.compress(article("Onboarding a new service").encode()), "gold")
    case("manuals/readme.txt.zst", zstandard.ZstdCompressor().compress(article("Reading the dashboards").encode()),
         "gold")
    write(drive / "archives/bundle.zip", _zip({
        "docs/failover.txt": article("Failing over to the replica").encode(),
        "../../escape.txt": b"written outside the folder",
        "/etc/cron.d/evil.txt": b"absolute path",
    }))
    cases["shared_drive"] |= {"archives/bundle.zip!docs/failover.txt": "gold",
                              "archives/bundle.zip!../../escape.txt": "ingest.outside_root",
                              "archives/bundle.zip!/etc/cron.d/evil.txt": "ingest.outside_root"}
    write(drive / "archives/docs.tar.gz", _tar_gz({"docs/upgrade.md": ("# Upgrades\n\n" + "\n\n".join(
        paras("Upgrading the message broker"))).encode()}))
    cases["shared_drive"]["archives/docs.tar.gz!docs/upgrade.md"] = "gold"
    case("archives/bomb.txt.gz", gzip.compress(b"A" * 200_000_000, compresslevel=9), "ingest.archive_bomb")
    case("archives/truncated.txt.gz", gzip.compress(article("Truncated").encode())[:40], "ingest.bad_structure")
    # Two levels of nesting are opened (Limits.max_depth); a third is refused.
    write(drive / "archives/nested.zip", _zip({"level1.zip": _zip({"level2.zip": _zip({"level3.zip": _zip({
        "deep.txt": article("Too deep").encode()})})})}))
    cases["shared_drive"]["archives/nested.zip!level1.zip!level2.zip!level3.zip"] = "ingest.archive_bomb"

    # --- HTML -------------------------------------------------------------------------------------------------
    body = "".join(f"<p>{p}</p>" for p in paras("Warming the cache"))
    scaling = paras("Scaling the workers")
    case("html/unclosed.html", f"<html><body><h1>Scaling the workers<div><p>{scaling[0]}<p>{scaling[1]}"
                               f"<p>{scaling[2]}<table><tr><td>unclosed", "gold")
    case("html/deeply-nested.html", "<html><body>" + "<div>" * 200 + f"<h1>Caching</h1>{body}" + "</div>" * 10,
         "gold")
    # Past libxml2's nesting limit (256) lxml gives up; Resiliparse's lexbor parser, the default extractor, does
    # not, so the page reaches gold (with LLMDATA_HTML_EXTRACTOR=trafilatura it is quarantined as extract.no_text).
    deep_body = "".join(f"<p>{p}</p>" for p in paras("Sizing the cache"))
    case("html/nested-past-the-parser-limit.html",
         "<html><body>" + "<div>" * 3000 + f"<h1>Sizing</h1>{deep_body}", "gold")
    case("html/script-only.html", "<html><head><script>var a = 1;</script></head><body><script>"
                                  + "document.write('x');" * 50 + "</script></body></html>", "extract.no_text")

    # --- files that are not what they claim -------------------------------------------------------------------
    case("broken/binary-renamed.txt", bytes(rng.randrange(256) for _ in range(20_000)), "extract.binary")
    case("broken/zero-bytes.txt", b"", "extract.empty")
    case("broken/over-limit.txt", b"x" * (MAX_DOCUMENT_BYTES + 1), "ingest.oversized")
    case("broken/one-10MB-line.txt", ("word " * 2_000_000).encode(), "structural.length_bounds")
    case("broken/spam.txt", "\n".join(["Buy cheap watches online today at the best price in town!"] * 5000),
         "structural.dominant_line")
    case("broken/todo.txt", "TODO: write this page", "structural.length_bounds")
    case("broken/unknown.bin", bytes(range(256)) * 10, "extract.unsupported_type")
    case("pdf/truncated.pdf", _pdf("Truncated file")[:300], "extract.pdf_unreadable")
    case("pdf/encrypted.pdf", _pdf(None, encrypt=True), "extract.pdf_encrypted")
    case("pdf/scanned-no-text.pdf", _pdf(None), "extract.no_text")
    write(drive / "records/wrong-schema.parquet", _parquet_without_text())
    cases["shared_drive"]["records/wrong-schema.parquet"] = "ingest.bad_structure"
    rows = paras("Exporting the audit log") + paras("Importing the price list")
    write(drive / "records/ragged.csv", 'id,text,owner\n1,"' + rows[0].replace('the', '""the""', 1)
          + '\n' + rows[1] + '",ops\n2,"' + rows[3] + " " + rows[4] + '",ops,extra,columns\n3\n')
    cases["shared_drive"] |= {"records/ragged.csv#R1": "gold", "records/ragged.csv#R2": "gold",
                              "records/ragged.csv#R3": "normalize.empty"}

    # --- what must never be read: links out of the root, FIFOs, broken links --------------------------------
    (drive / "links").mkdir(parents=True)
    os.symlink("/etc/passwd", drive / "links/passwd.txt")
    cases["shared_drive"]["links/passwd.txt"] = "ingest.outside_root"
    os.symlink(out / "outside.txt", drive / "links/outside.txt")
    write(out / "outside.txt", "a file beside the source folder, not in it")
    cases["shared_drive"]["links/outside.txt"] = "ingest.outside_root"
    os.symlink("missing.txt", drive / "links/broken.txt")
    cases["shared_drive"]["links/broken.txt"] = "ingest.unreadable"
    os.mkfifo(drive / "links/fifo.txt")
    cases["shared_drive"]["links/fifo.txt"] = "ingest.not_a_file"

    # --- a support-ticket export: short records ---------------------------------------------------------------
    lines = []
    things = ["VPN client", "invoice PDF", "password reset mail", "sales dashboard", "CSV export", "mobile app"]
    symptoms = ["stops working after lunch", "shows an empty page", "never arrives", "is a week out of date",
                "times out after a minute"]
    for k in range(30):
        thing, symptom = things[k % len(things)], symptoms[(k // len(things)) % len(symptoms)]
        lines.append(json.dumps({"id": k, "text": f"Customer {rng.randrange(1000, 9999)} says the {thing} {symptom}."}))
        cases["support_tickets"][f"tickets.jsonl#L{k + 1}"] = "gold"
    lines.append(json.dumps({"id": 98, "text": "$$$ ### %%% @@@ !!! &&& *** +++ === ~~~ ^^^"}))
    cases["support_tickets"][f"tickets.jsonl#L{len(lines)}"] = "structural.valid_text"
    lines.append('{"id": 99, "text": "this line is cut off')
    cases["support_tickets"][f"tickets.jsonl#L{len(lines)}"] = "extract.bad_json"
    write(tickets / "tickets.jsonl", "\n".join(lines) + "\n")

    expected = {"cases": cases, "groups": groups, "good_text": good_text,
                "max_document_bytes": MAX_DOCUMENT_BYTES}
    (out / "EXPECTED.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True))
    return expected


def _parquet_without_text() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": [1, 2], "body": ["no text column here", "nor here"]}), buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "data/hostile")
    result = generate(target)
    total = sum(len(v) for v in result["cases"].values()) + sum(len(g["items"]) for g in result["groups"])
    print(f"{total} cases under {target}")
