"""The labelled PII text is labelled where the values are, in every split."""

from __future__ import annotations

import importlib
import json
import re
import urllib.parse
import xml.etree.ElementTree as ElementTree

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def corpus(request):
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    request.addfinalizer(monkeypatch.undo)
    return importlib.import_module("pii_corpus")


@pytest.mark.parametrize("split", ["dev", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16",
                                   "heldout17", "heldout18", "heldout19", "heldout20",
                                   "heldout21", "heldout22", "heldout23", "heldout24",
                                   "heldout25", "heldout26", "heldout27", "heldout28",
                                   "heldout29", "heldout30"])
def test_every_planted_value_is_a_whole_word_span_of_its_document(corpus, split):
    documents = corpus.generate(split, target=15)
    counts = {entity: 0 for entity in corpus.ENTITIES}
    for document in documents:
        for value in document.values:
            text = document.text[value.start:value.end]
            assert text and text == text.strip(), (split, document.shape, value)
            counts[value.entity] += 1
    assert min(counts.values()) >= 15
    assert {d.shape for d in documents} <= set(corpus.SPLITS[split]["shapes"])


def test_a_country_plan_iban_has_a_correct_check_and_the_country_layout(corpus):
    values = corpus.Values("ca_AD", 1)
    for _ in range(50):
        text, tag = values.iban()
        compact = text.replace(" ", "")
        assert compact.startswith("AD") and len(compact) == 24 and tag.endswith("/valid")
        assert int("".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])) % 97 == 1


def test_singapore_names_are_romanised_and_splits_never_share_a_shape(corpus):
    values = corpus.Values("en_SG", 3)
    assert all(values.person()[0].replace("-", "").replace(" ", "").replace(".", "").isascii() for _ in range(30))
    shapes = [shape for config in corpus.SPLITS.values() for shape in config["shapes"]]
    assert len(shapes) == len(set(shapes))


def test_names_no_faker_writes_follow_their_country(corpus):
    pii_corpus = corpus
    malay = pii_corpus.Values("ms_MY", 4)
    names = [malay.names.name() for _ in range(40)]
    assert all(" bin " in name or " binti " in name for name in names)
    assert {name.split(" bin")[0] for name in names if " binti " in name} <= set(pii_corpus.LOCAL_NAMES["ms_MY"][1])
    mongolian = pii_corpus.Values("mn_MN", 4).names.name()
    assert mongolian.split()[0] in pii_corpus.LOCAL_NAMES["mn_MN"][2]  # the father's name comes first
    serbian = {pii_corpus.Values("sr_RS", seed).names.name() for seed in range(20)}
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in name) for name in serbian)
    assert any(name.isascii() or all(not "\u0400" <= ch <= "\u04ff" for ch in name) for name in serbian)


def test_a_split_is_the_same_text_in_every_process():
    import subprocess
    import sys

    script = ("import hashlib, pii_corpus; print(hashlib.sha256(''.join(d.text for d in "
              "pii_corpus.generate('dev', target=40)).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], cwd=ROOT / "bench", capture_output=True, text=True,
                              env={"PYTHONHASHSEED": seed, "PATH": ""}, check=True).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def test_length_prefixed_notations_count_what_their_readers_count(corpus):
    """PHP's s:N counts bytes, an ADIF field's <NAME:N> characters: a value a parser would cut short is no sample."""
    import re

    documents = corpus.generate("heldout18", target=15)
    php = [d.text for d in documents if d.shape == "php_session"]
    adif = [d.text for d in documents if d.shape == "adif_log"]
    assert php and adif
    for text in php:
        for n, value in re.findall(r's:(\d+):"(.*?)";', text):
            assert int(n) == len(value.encode()), value
    for text in adif:
        for n, value in re.findall(r"<[A-Z_]+:(\d+)>([^<]*?) ?(?=<)", text):
            assert int(n) == len(value), value


def test_encoded_notations_decode_to_the_values_their_readers_see(corpus):
    """Quoted-printable decodes to UTF-8 text and logfmt quotes exactly the values with a space in them."""
    import quopri
    import re

    documents = corpus.generate("heldout19", target=15)
    mails = [d for d in documents if d.shape == "quoted_printable_mail"]
    logs = [d for d in documents if d.shape == "logfmt_log"]
    assert mails and logs
    encoded = 0
    for document in mails:
        for value in document.values:
            text = document.text[value.start:value.end]
            decoded = quopri.decodestring(text.encode()).decode("utf-8")
            assert "=" not in decoded or value.entity == "EMAIL_ADDRESS", text
            encoded += decoded != text
    assert encoded  # some names or towns carry letters outside ASCII
    for document in logs:
        for value in document.values:
            text = document.text[value.start:value.end]
            quoted = document.text[value.start - 1] == '"'
            assert quoted == bool(re.search(r'[\s"=]', text)), text


def test_machine_readable_zones_carry_the_check_digits_icao_prints(corpus):
    """ICAO 9303's own specimen (L898902C3, 740812, 120415) and every generated passport line verify."""
    assert (corpus._mrz_check("L898902C3"), corpus._mrz_check("740812"), corpus._mrz_check("120415")) == ("6", "2", "9")
    documents = [d for d in corpus.generate("heldout21", target=15) if d.shape == "mrz_id_scan"]
    assert documents
    for document in documents:
        first, second = [line for line in document.text.splitlines() if len(line) == 44]
        assert first.startswith("P<")
        assert second[9] == corpus._mrz_check(second[:9]) and second[19] == corpus._mrz_check(second[13:19])
        assert second[43] == corpus._mrz_check(second[0:10] + second[13:20] + second[21:43])


def test_base64_labels_are_the_characters_that_carry_the_value(corpus):
    """Decoding a labelled stretch of a base64 body gives back the value with at most one byte either side: the
    sender's name, planted in the header as text, is the name the body's two PERSON labels carry."""
    import base64
    import itertools

    documents = [d for d in corpus.generate("heldout21", target=15) if d.shape == "base64_mime_mail"]
    assert documents
    for document in documents:
        start = document.text.index("base64\n\n") + len("base64\n\n")
        block = document.text[start:document.text.index("\n--", start)]
        raw = base64.b64decode(block)
        sender = document.values[0]
        name = document.text[sender.start:sender.end].encode()
        encoded = [v for v in document.values if v.tag.endswith("/base64")]
        assert len(encoded) == 8 and all(a.end <= b.start for a, b in itertools.pairwise(encoded))
        for value in encoded:
            first = len(block[:value.start - start].replace("\n", ""))
            last = len(block[:value.end - start].replace("\n", ""))  # one past the value's last character
            carried = raw[first * 6 // 8:(last * 6 + 7) // 8]
            if value.entity == "PERSON":
                assert name in carried and len(carried) <= len(name) + 2, (carried, name)


def test_roff_and_console_values_are_written_the_way_their_tools_write_them(corpus):
    """A man page's source is ASCII (letters outside it escaped); a console value has no colour code inside it."""
    documents = corpus.generate("heldout21", target=15)
    roff = [d for d in documents if d.shape == "roff_man_page"]
    console = [d for d in documents if d.shape == "ansi_console_log"]
    assert roff and console
    assert all(d.text.isascii() for d in roff)
    assert any("\\(" in d.text[v.start:v.end] or "\\[u" in d.text[v.start:v.end] for d in roff for v in d.values)
    for document in console:
        assert "\x1b[35m" in document.text
        assert all("\x1b" not in document.text[v.start:v.end] for v in document.values)


def test_dn_and_structured_data_escapes_are_the_ones_their_rfcs_write(corpus):
    """An LDAP DN escapes , + " \\ < > ; = (RFC 4514), syslog structured data " \\ ] (RFC 5424), a SIP URI's number
    is E.164."""
    import re

    import phonenumbers

    assert corpus._dn_escaped(("Copa, Ana+1", ""))[0] == "Copa\\, Ana\\+1"
    assert corpus._sd_escaped(('Ana "la" [x]', ""))[0] == 'Ana \\"la\\" [x\\]'
    documents = corpus.generate("heldout22", target=15)
    shapes = {d.shape for d in documents}
    assert {"ldap_dn_audit", "syslog_structured", "sip_invite"} <= shapes
    for document in documents:
        for value in document.values:
            text = document.text[value.start:value.end]
            if document.shape == "ldap_dn_audit" and value.entity in ("PERSON", "LOCATION"):
                assert not re.search(r'(?<!\\)[,+"<>;=]', text), text
            if document.shape == "syslog_structured" and value.entity in ("PERSON", "LOCATION"):
                assert not re.search(r'(?<!\\)["\]]', text), text
            if document.shape == "sip_invite" and value.entity == "PHONE_NUMBER":
                assert text.startswith("+") and text[1:].isdigit() and phonenumbers.parse(text).country_code


def test_x12_caller_id_and_word_values_are_written_the_way_their_tools_write_them(corpus):
    """An X12 element holds no separator (* ~ : ^) and is upper case; an Asterisk caller ID doubles its quotes and
    puts the name before the number; a Word run holds one given or family name between spell-check marks."""
    import re

    documents = corpus.generate("heldout23", target=15)
    assert {"x12_enrolment", "asterisk_cdr", "docx_document_xml"} <= {d.shape for d in documents}
    for document in documents:
        for value in document.values:
            text = document.text[value.start:value.end]
            if document.shape == "x12_enrolment":
                assert not re.search(r"[*~:^]", text) and text == text.upper(), text
                if value.entity == "US_SSN":
                    assert text.isdigit() and len(text) == 9 and document.text[:value.start].endswith("*34*")
            if document.shape == "asterisk_cdr" and value.entity == "PERSON":
                assert document.text[:value.start].endswith(',"""') and document.text.startswith('"" <', value.end)
            if document.shape == "docx_document_xml" and value.tag in ("first", "last"):
                assert document.text[:value.start].endswith('<w:proofErr w:type="spellStart"/><w:r><w:t>')
                assert document.text.startswith('</w:t></w:r><w:proofErr w:type="spellEnd"/>', value.end), text


def test_archive_label_dump_workbook_and_bib_values_are_written_the_way_their_tools_write_them(corpus):
    """A list archive writes an address "user at domain"; a ZPL field hex-escapes every byte outside ASCII after
    ^FH; a COPY row is tab-separated; a shared string is one <si>; a .bib author is "Family, Given"."""
    import re

    documents = corpus.generate("heldout24", target=15)
    assert set(corpus.SPLITS["heldout24"]["shapes"]) == {d.shape for d in documents}
    escaped_fields = 0
    for document in documents:
        for value in document.values:
            text, before = document.text[value.start:value.end], document.text[:value.start]
            if document.shape == "pipermail_archive" and value.entity == "EMAIL_ADDRESS":
                assert "@" not in text and re.search(r" (at|\(at\)|\[at\]) ", text), text
            if document.shape == "zpl_shipping_label":
                assert re.search(r"\^FD(Tel\. |Packed by )?$", before) and document.text.startswith("^FS", value.end)
                if value.tag.endswith("/zpl_hex"):
                    escaped_fields += 1
                    assert text.isascii() and before.endswith(("^FH^FD", "^FH^FDTel. ", "^FH^FDPacked by "))
                    assert re.sub(r"_[0-9A-F]{2}", "", text).count("_") == 0, text
            if document.shape == "pg_copy_dump":
                row = document.text[before.rfind("\n") + 1:document.text.index("\n", value.end)]
                assert before.endswith("\t") and document.text.startswith("\t", value.end) and row.count("\t") == 10
            if document.shape == "xlsx_shared_strings":
                assert before.endswith(("<si><t>", '<si><r><t xml:space="preserve">', "</rPr><t>")), text
            if document.shape == "bibtex_entry" and value.tag.startswith("family_comma_given"):
                assert before.endswith("author      = {") and ", " in text
    assert escaped_fields


def test_payment_spreadsheet_event_blame_and_xmpp_values_are_written_the_way_their_tools_write_them(corpus):
    """An MT103 field line is at most 35 characters of SWIFT's set (upper case where Latin), its account compact;
    XML shapes escape their text; git blame writes one header a line and tab-indents the file's lines."""
    documents = corpus.generate("heldout25", target=15)
    assert {"swift_mt103", "ods_content_xml", "windows_event_xml", "git_blame_porcelain", "xmpp_stanza"} == {
        d.shape for d in documents}
    for document in documents:
        for value in document.values:
            text = document.text[value.start:value.end]
            line = document.text[document.text.rfind("\n", 0, value.start) + 1:].split("\n")[0]
            if document.shape == "swift_mt103":
                if value.entity == "IBAN_CODE":
                    assert " " not in text and line.startswith((":50K:/", ":59:/")), line
                if value.entity in ("PERSON", "LOCATION"):
                    assert line == text and len(text) <= 35, line
                if value.tag.endswith("/swift_x"):
                    assert text == text.upper() and text.isascii(), text
            if document.shape in ("ods_content_xml", "windows_event_xml", "xmpp_stanza"):
                assert "<" not in text and ">" not in text, text
            if document.shape == "git_blame_porcelain" and value.entity == "PERSON":
                assert line.startswith(("author ", "committer ", "\t  name: ")), line


def test_zone_catalogue_fhir_irc_and_plist_values_are_written_the_way_their_tools_write_them(corpus):
    """A zone's SOA and RP mailboxes write the @ as a dot and escape the dots before it; MARC subfield codes stick
    to their values and the author is inverted; FHIR strings are JSON strings; plist values sit in <string> on the
    line after their <key>; an IRC hostmask holds an address a zone could hold."""
    documents = corpus.generate("heldout26", target=15)
    assert {"dns_zone_file", "marc_record", "fhir_patient_json", "irc_log", "plist_contacts"} == {
        d.shape for d in documents}
    mailboxes = 0
    for document in documents:
        for value in document.values:
            text = document.text[value.start:value.end]
            before = document.text[:value.start]
            line = before[before.rfind("\n") + 1:] + document.text[value.start:].split("\n")[0]
            if value.tag.endswith("/soa_mailbox"):
                mailboxes += 1
                assert "@" not in text and line.startswith(("@\tIN\tSOA\t", "@\tIN\tRP\t")), line
                assert document.text.startswith(". ", value.end)
            if document.shape == "marc_record" and line.startswith("=100  1\\$a"):
                assert value.tag == {"$a": "last", ", ": "first"}[before[-2:]], line
            if document.shape == "fhir_patient_json":
                assert before.endswith('"') and document.text.startswith('"', value.end), line
            if document.shape == "plist_contacts" and value.entity != "US_SSN" and value.entity != "CREDIT_CARD":
                assert before.endswith("<string>") and "<" not in text, line
            if document.shape == "irc_log" and value.entity == "IP_ADDRESS":
                assert "%" not in text and before.endswith("@"), line
    assert mailboxes


def test_certificate_exif_passwd_alias_and_kml_values_are_written_the_way_their_tools_write_them(corpus):
    """openssl prints a subject's RDNs as "L = …, CN = …"; exiftool pads its tag names to 32 columns; a GECOS
    field is comma-separated inside passwd's colon-separated line; a mutt alias is "alias key Name <address>";
    KML escapes its text."""
    documents = corpus.generate("heldout27", target=15)
    assert {"x509_certificate_text", "exiftool_metadata", "passwd_gecos", "mutt_aliases", "kml_placemark"} == {
        d.shape for d in documents}
    for document in documents:
        for value in document.values:
            before = document.text[:value.start]
            line = before[before.rfind("\n") + 1:] + document.text[value.start:].split("\n")[0]
            if document.shape == "x509_certificate_text" and value.entity == "LOCATION":
                assert before.endswith(", L = ") and line.lstrip().startswith("Subject: C = "), line
            if document.shape == "exiftool_metadata":
                assert line[32:34] == ": ", line
            if document.shape == "passwd_gecos":
                assert line.count(":") == 6 and line.split(":")[4].count(",") == 4, line
            if document.shape == "mutt_aliases" and value.entity == "PERSON":
                assert line.startswith("alias ") and document.text.startswith((" <", '" <'), value.end), line
            if document.shape == "kml_placemark":
                assert "<" not in document.text[value.start:value.end], line


def _values_on_their_lines(documents):
    """(document, value, the text before it, the line it is on) for every planted value."""
    for document in documents:
        lines = document.text.split("\n")
        for value in document.values:
            before = document.text[:value.start]
            yield document, value, before, lines[before.count("\n")]


def test_changelog_po_gpg_sms_and_notebook_values_are_written_the_way_their_tools_write_them(corpus):
    """dpkg reads a changelog trailer as " -- Name <address>  date"; a PO header's lines are C strings; gpg pads a
    uid's validity in brackets; SMS Backup & Restore escapes attribute values; a notebook's lines are JSON strings
    and pandas right-aligns a DataFrame's columns."""
    documents = corpus.generate("heldout28", target=15)
    assert {"debian_changelog", "gettext_po_header", "gpg_key_listing", "sms_backup_xml", "jupyter_notebook"} == {
        d.shape for d in documents}
    for document, value, before, line in _values_on_their_lines(documents):
        if document.shape == "debian_changelog" and line.startswith(" -- "):
            assert re.fullmatch(r" -- [^<>]+ <[^<>]+>  \w{3}, \d\d \w{3} 2026 [\d:]{8} [+-]\d{4}", line), line
        if document.shape == "gettext_po_header" and line.startswith('"'):
            assert line.endswith('\\n"'), line
        if document.shape == "gpg_key_listing" and value.entity == "PERSON":
            assert re.match(r"uid {17}\[(ultimate|  full  )\] $", before[before.rfind("\n") + 1:]), line
        if document.shape == "sms_backup_xml":
            assert not set(document.text[value.start:value.end]) & set('<>"'), line
        if document.shape == "jupyter_notebook":
            assert line.lstrip().startswith('"'), line
    notebook = next(d for d in documents if d.shape == "jupyter_notebook")
    cells = json.loads(notebook.text)["cells"]
    table = cells[0]["outputs"][1]["data"]["text/plain"]
    assert len({len(row.rstrip("\n")) for row in table}) == 1  # right-aligned: every row as wide as the header


def test_ios_har_ris_ass_and_postfix_values_are_written_the_way_their_tools_write_them(corpus):
    """IOS puts a mask or a prefix length after an interface address; a HAR file is JSON whose postData.text is the
    form URL-encoded and whose response body is JSON in a string; RIS tags are two letters and two spaces before
    the hyphen; an ASS Name field holds no comma; Postfix writes a client as host[address]."""
    documents = corpus.generate("heldout29", target=15)
    assert {"cisco_ios_config", "har_capture", "ris_citation", "ass_subtitles", "postfix_maillog"} == {
        d.shape for d in documents}
    for document, value, before, line in _values_on_their_lines(documents):
        text = document.text[value.start:value.end]
        if document.shape == "cisco_ios_config" and line.startswith(" ip address "):
            assert re.fullmatch(r" ip address [\d.]+ 255\.255\.255\.\d+", line), line
        if document.shape == "cisco_ios_config" and line.startswith(" ipv6 address "):
            assert document.text.startswith("/64\n", value.end), line
        if document.shape == "ris_citation":
            assert re.match(r"[A-Z][A-Z0-9]  - ", line), line
        if document.shape == "ass_subtitles" and line.startswith("Dialogue: ") and line.count(",") >= 9:
            name = line.split(",", 9)[4]
            assert "," not in name
        if document.shape == "postfix_maillog" and value.entity == "IP_ADDRESS":
            assert before.endswith(("[", "<[")) and document.text.startswith("]", value.end), line
        assert text == text.strip()
    har = json.loads(next(d for d in documents if d.shape == "har_capture").text)
    post = har["log"]["entries"][0]["request"]["postData"]
    assert urllib.parse.parse_qsl(post["text"]) == [(p["name"], p["value"]) for p in post["params"]]
    body = json.loads(har["log"]["entries"][0]["response"]["content"]["text"])
    assert body["ssn"] and body["customer"] and body["refund_iban"]


def test_duckdb_cef_org_wxr_and_logcat_values_are_written_the_way_their_tools_write_them(corpus):
    """DuckDB draws every row of a box as wide as its border; a CEF extension escapes "=" inside a value; Org ends a
    headline's tags at column 77; a WXR export is XML whose CDATA sections hold the values as they are; logcat's
    threadtime lines open with the date, time, PID, TID and level."""
    documents = corpus.generate("heldout30", target=40)
    assert {"duckdb_box_output", "cef_event", "org_contacts", "wordpress_wxr", "adb_logcat"} == {
        d.shape for d in documents}
    for document, value, _, line in _values_on_their_lines(documents):
        text = document.text[value.start:value.end]
        if document.shape == "duckdb_box_output":
            assert line.startswith("│") and line.endswith("│"), line
        if document.shape == "cef_event":
            assert re.match(r"Nov  3 [\d:]{8} \w+ CEF:0\|", line), line
            assert "=" not in text.replace("\\=", ""), line
        if document.shape == "org_contacts" and line.startswith("* "):
            assert len(line) == 77 and line.endswith(":"), line
        if document.shape == "adb_logcat":
            assert re.match(r"11-03 10:12:\d\d\.\d{3} [ \d]{5} [ \d]{5} [VDIWEF] [\w/]+: ", line), line
        assert text == text.strip()
    for box in (d for d in documents if d.shape == "duckdb_box_output"):
        widths = {len(line) for line in box.text.split("\n") if line[:1] in "┌│├└" and line}
        assert len(widths) == 2  # two boxes, each of one width
    wxr = next(d for d in documents if d.shape == "wordpress_wxr")
    comment = ElementTree.fromstring(wxr.text).find(".//{http://wordpress.org/export/1.2/}comment_author")
    assert comment is not None and comment.text in {wxr.text[v.start:v.end] for v in wxr.values}
