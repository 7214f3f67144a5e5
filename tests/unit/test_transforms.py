from __future__ import annotations

import typing

import pyarrow as pa
import pytest

from llmdata.config import HtmlExtractor, load_settings
from llmdata.ids import doc_id
from llmdata.schemas import BRONZE, conform
from llmdata.transforms.dedup import deduplicate_exact
from llmdata.transforms.extract import EXTRACTORS, extract, extract_text
from llmdata.transforms.markup import prose
from llmdata.transforms.normalize import normalize, normalize_text
from tests.conftest import CORPUS, ROLLBACK, RUNBOOK, make_documents

HTML = f"""<!doctype html><html><head><title>Backups</title></head><body>
<header><nav><a href="/">Home</a> | <a href="/wiki">Wiki</a> | <a href="/login">Sign in</a></nav></header>
<main><article><h1>PostgreSQL backups</h1><p>{RUNBOOK}</p></article></main>
<footer><p>© 2026 Northwind Cloud GmbH · Privacy · Imprint · Cookie settings</p></footer></body></html>"""


def _bronze(items: dict[str, tuple[bytes, str]]) -> pa.Table:
    rows = [{"doc_id": doc_id("s", key), "source_id": "s", "source_uri": f"file:///{key}", "licence": "MIT",
             "item_key": key, "content": content, "mime_type": mime, "op": "upsert", "run_id": "r", "shard": 0}
            for key, (content, mime) in items.items()]
    return conform(pa.Table.from_pylist(rows), BRONZE)


def test_html_extraction_keeps_the_article_and_drops_navigation_and_footer():
    text = extract_text(HTML.encode(), "text/html").text
    assert "Point-in-time recovery replays archived WAL segments" in text
    assert "Sign in" not in text and "Cookie settings" not in text


SPHINX_PAGE = f"""<html><body><div class="related" role="navigation"><ul><li><a href="index.html">index</a></li>
<li><a href="next.html">next</a> |</li></ul></div>
<div class="document"><div class="body" role="main"><section><h2>Restoring<a class="headerlink" href="#r">¶</a></h2>
<p>{RUNBOOK}</p><p>Call <code class="docutils literal"><span class="pre">pg_restore</span></code> with the dump.</p>
<div class="highlight"><pre><span>$ pg_restore -d app backup.dump</span>
<span>$ psql -c 'select 1'</span></pre></div>
<p>Supported targets:</p><blockquote><div><ul><li><p>PostgreSQL 15</p></li><li><p>PostgreSQL 16</p></li></ul></div>
</blockquote></section></div></div>
<div class="sphinxsidebar" role="navigation"><h3>Quick search</h3><form><input type="text" name="q"/></form></div>
<div class="footer" role="contentinfo">© Copyright 2026, Northwind. Created using Sphinx.</div></body></html>"""


@pytest.mark.parametrize("extractor", sorted(EXTRACTORS))
def test_every_html_extractor_keeps_code_fenced_and_headings_marked(extractor):
    text = extract_text(SPHINX_PAGE.encode(), "text/html", html_extractor=extractor).text
    assert "Point-in-time recovery replays archived WAL segments" in text
    assert "```\n$ pg_restore -d app backup.dump\n$ psql -c 'select 1'\n```" in text
    assert "pg_restore" not in prose(text)  # neither the block nor the inline code is prose
    assert any(line.lstrip("#").strip().startswith("Restoring") for line in text.splitlines()
               if line.startswith("#"))


@pytest.mark.parametrize("extractor", ["resiliparse", "resiliparse_landmarks", "trafilatura"])
def test_html_extractors_leave_out_the_sites_navigation_and_footer(extractor):
    text = extract_text(SPHINX_PAGE.encode(), "text/html", html_extractor=extractor).text
    assert "Quick search" not in text and "Created using Sphinx" not in text


def test_the_html_extractor_setting_names_exactly_the_extractors_there_are():
    assert set(typing.get_args(HtmlExtractor)) == set(EXTRACTORS)
    with pytest.raises(ValueError, match=r"LLMDATA_HTML_EXTRACTOR.*resiliparse"):
        load_settings(html_extractor="beautifulsoup")


def test_pdf_extraction_reads_the_text_layer():
    pdf = (CORPUS / "pdf" / "postgres-backup-handbook.pdf").read_bytes()
    assert "handbook" in extract_text(pdf, "application/pdf").text


def test_non_utf8_text_is_decoded_with_the_detected_encoding():
    content = "Jürgen said the “legacy” export costs 40 € per month and nobody reads it.".encode("cp1252")
    result = extract_text(content, "text/plain")
    assert "Jürgen" in result.text and "€" in result.text and "“legacy”" in result.text
    # cp1250 and cp1252 agree on every byte of this text; either is a correct detection.
    assert result.encoding in {"cp1252", "cp1250", "windows-1252"}


def test_bad_items_are_quarantined_with_rule_and_reason_and_none_are_lost():
    bronze = _bronze({
        "ok.html": (HTML.encode(), "text/html"),
        "broken.pdf": (b"%PDF-1.4\ntrunc", "application/pdf"),
        "faq.jsonl#L2": (b'{"text": "unterminated', "application/json"),
        "blank.html": (b"<html><head><title></title></head><body></body></html>", "text/html"),
        "blob.bin": (b"\x00\x01", "application/octet-stream"),
    })
    result = extract(bronze)
    assert result.kept.num_rows == 1
    assert result.quarantine_reasons == {"extract.pdf_unreadable": 1, "extract.bad_json": 1, "extract.no_text": 1,
                                         "extract.unsupported_type": 1}
    assert all(result.quarantined["reason"].to_pylist())
    assert result.records_in == result.kept.num_rows + result.quarantined.num_rows


def test_normalization_is_nfc_without_controls_and_collapses_whitespace():
    raw = "Cafe\u0301\u200b  menu\x07\r\n\r\n\r\n\r\n  next\tline  "
    assert normalize_text(raw) == "Café menu\n\nnext line"


def test_normalize_adds_hash_and_counts_and_quarantines_empty_text():
    docs = make_documents({"a": "  Hello   world \n", "b": "\u200b \x07"})
    result = normalize(docs)
    assert result.kept["text"].to_pylist() == ["Hello world"]
    assert result.kept["n_words"].to_pylist() == [2]
    assert result.quarantine_reasons == {"normalize.empty": 1}


def test_exact_duplicates_within_a_run_keep_the_lowest_doc_id():
    docs = make_documents({"b": RUNBOOK, "a": RUNBOOK, "c": ROLLBACK})
    result = deduplicate_exact(docs, known={})
    assert sorted(result.kept["doc_id"].to_pylist()) == ["a", "c"]
    assert result.quarantined["dup_of"].to_pylist() == ["a"]
    assert result.quarantine_reasons == {"dedup.exact": 1}


def test_duplicate_of_a_document_already_in_gold_is_quarantined_but_a_new_version_is_not():
    docs = make_documents({"a": RUNBOOK, "x": ROLLBACK})
    known = {docs["text_sha256"][0].as_py(): "a", docs["text_sha256"][1].as_py(): "gold-doc"}
    result = deduplicate_exact(docs, known)
    assert result.kept["doc_id"].to_pylist() == ["a"]
    assert result.quarantined["reason"].to_pylist() == ["exact duplicate of gold-doc"]


def test_docx_paragraphs_and_tables_are_extracted(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Backup runbook", level=1)
    document.add_paragraph(RUNBOOK)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "RPO", "15 minutes"
    path = tmp_path / "runbook.docx"
    document.save(path)
    text = extract_text(path.read_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert "Backup runbook" in text.text and "Point-in-time recovery" in text.text and "RPO | 15 minutes" in text.text
    broken = extract(_bronze({"bad.docx": (b"PK\x03\x04 not a zip", "application/vnd.openxmlformats-officedocument."
                                                                    "wordprocessingml.document")}))
    assert broken.quarantine_reasons == {"extract.docx_unreadable": 1}


def test_normalize_repairs_mojibake_but_keeps_typography():
    assert normalize_text("The Mona Lisa doesnâ€™t have eyebrows.") == "The Mona Lisa doesn’t have eyebrows."
    assert normalize_text("“quoted” and ﬁne") == "“quoted” and ﬁne"


def test_boilerplate_lines_learned_across_a_source_are_removed():
    from llmdata.transforms.boilerplate import learn

    footer = "© 2026 Northwind Cloud GmbH · Privacy · Imprint"
    texts = {f"d{i}": f"Page {i} about backups and restores, with the steps to follow.\n{footer}" for i in range(5)}
    documents = make_documents(texts)
    learned = learn(documents["text"].to_pylist(), documents["source_id"].to_pylist())
    result = normalize(documents, learned)
    assert all(footer not in t for t in result.kept["text"].to_pylist())
    assert result.metrics["boilerplate_lines_removed"] == 5
    body = "A later page about restoring a single table from the nightly backup, step by step."
    unique = normalize(make_documents({"a": f"{body}\n{footer}"}), learned)
    assert footer not in unique.kept["text"][0].as_py()  # learned lines apply to later documents of the source
    assert footer in normalize(make_documents({"a": f"{body}\n{footer}"})).kept["text"][0].as_py()


def test_annotate_adds_language_and_token_counts():
    from llmdata.index.model import resolve_model
    from llmdata.transforms.annotate import annotate, load_token_counter

    german = ("Jede produktive PostgreSQL-Datenbank erstellt jede Nacht eine Basissicherung. Vor der "
              "Wiederherstellung müssen alle schreibenden Dienste angehalten werden.")
    result = annotate(make_documents({"en": RUNBOOK, "de": german}), load_token_counter(resolve_model("").path))
    rows = {r["doc_id"]: r for r in result.kept.to_pylist()}
    assert rows["en"]["lang"] == "en" and rows["de"]["lang"] == "de"
    assert rows["en"]["lang_score"] > 0.9
    assert 60 < rows["en"]["n_tokens"] < 120
    assert result.metrics["languages"] == {"de": 1, "en": 1}


def test_token_counts_match_the_models_transformers_tokenizer():
    """The counter reads tokenizer.json without transformers; its counts must be the ones chunking sees (the
    transformers tokenizer, whose loader can reconfigure the normaliser from tokenizer_config.json)."""
    from llmdata.index.model import resolve_model
    from llmdata.transforms.annotate import count_tokens, load_token_counter
    from llmdata.transforms.chunk import load_tokenizer

    path = resolve_model("").path
    texts = [RUNBOOK, "Ünïcödé ÀCCENTS and 中文 text", "  spaced\tout\n\nlines ", "x" * 3000, ""]
    tokenizer = load_tokenizer(path)
    expected = [len(tokenizer(t, add_special_tokens=False, truncation=False, verbose=False)["input_ids"])
                for t in texts]
    assert count_tokens(texts, load_token_counter(path)) == expected
