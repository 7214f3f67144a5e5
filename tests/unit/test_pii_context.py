"""Names and places found by their context, and what keeps technical text from being redacted as PII."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from llmdata.transforms.pii import Span, card_groups, detect, load_pii_policy, merge, personal_ip
from llmdata.transforms.pii_context import ContextRecognizer, quoted_fields, table_columns
from llmdata.transforms.pii_names import not_personal
from llmdata.transforms.pii_phones import PhoneNumbersRecognizer, code_number
from llmdata.transforms.pii_places import is_place
from tests.conftest import ROOT

POLICY = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")


def found(text: str) -> set[tuple[str, str]]:
    """(entity, text) of the context recognizer's spans, without NER."""
    return {(r.entity_type, text[r.start:r.end]) for r in ContextRecognizer().analyze(text, ["PERSON", "LOCATION"])}


@pytest.mark.parametrize(("text", "expected"), [
    ("Hi Frau Sölzer,\nthe refund is on its way.", ("PERSON", "Frau Sölzer")),
    ("Account holder: Jan van der Berg\nIBAN on file", ("PERSON", "Jan van der Berg")),
    ("[09:42] Jennifer van 't Wel: my card was charged twice", ("PERSON", "Jennifer van 't Wel")),
    ("> On 03/11/2026 Pim Dekker-Smit wrote:\n> Login attempts", ("PERSON", "Pim Dekker-Smit")),
    ("Best regards,\nEdelmira Amat Garzón\nCustomer Care", ("PERSON", "Edelmira Amat Garzón")),
    ("Kind regards,\n\nRoss Harris-Owen\nHuman Resources", ("PERSON", "Ross Harris-Owen")),  # a blank line between
    ("On Tuesday Ms O'Kieve noticed the transfer", ("PERSON", "Ms O'Kieve")),  # a weekday before the title
    ("On Tuesday Prof. Janisch noticed the transfer", ("PERSON", "Prof. Janisch")),
    ("Late registration: pani Liwia Bekus, Przemyśl.", ("PERSON", "pani Liwia Bekus")),  # lower-case honorific
    ("Requester: Štefan Matějka Th.D. | callback", ("PERSON", "Štefan Matějka Th.D.")),  # a dotted degree
    ("ORGANIZER;CN=Janne Voutilainen:mailto:jv@example.fi", ("PERSON", "Janne Voutilainen")),  # iCalendar
    ("Attendees: Per Lundin, Irene Lindqvist", ("PERSON", "Per Lundin")),  # "Per" is a name here, not "per"
    ("Caller says her colleague Gro Myklebust cannot log in", ("PERSON", "Gro Myklebust")),
    ("Internal: escalated to Demi O'McCadden (on call)", ("PERSON", "Demi O'McCadden")),
    ("On Tuesday Dipl.-Ing. Siena Holzer noticed", ("PERSON", "Dipl.-Ing. Siena Holzer")),  # chained titles
    ("Caller says her colleague Dominic Ó Corra cannot", ("PERSON", "Dominic Ó Corra")),  # Irish particle
    ("phone 609566\n\nHans D. von Otto\nGorlitzstr. 31-43\n53716 Altau\n", ("PERSON", "Hans D. von Otto")),
    ("phone 74960886\n\nMrs May\n050 Moore Junction\n", ("PERSON", "Mrs May")),  # a month, after a title
    ("Attendees: Lars Lindén, August Petersson\n", ("PERSON", "August Petersson")),  # a month and a name
    ("Caller says her colleague Jason Early-McAloon cannot", ("PERSON", "Jason Early-McAloon")),
    ("Sadly missed. Devoted widow of Ciarán Ó Dálaigh. House private.", ("PERSON", "Ciarán Ó Dálaigh")),  # kin
    ("Hello, it's Orla Mac an tSaoir again.", ("PERSON", "Orla Mac an tSaoir")),  # Irish t-prothesis
    ("sshd: login by pkeane@mail.example.ie (Pádraig Ó hEithir)\n", ("PERSON", "Pádraig Ó hEithir")),  # RFC 822
    ("Máire Ní Bhriain, late of Cill Rois, died on Monday", ("PERSON", "Máire Ní Bhriain")),  # a notice
    ("Write to us if it happens again.\n\n-- \nʻOfa Pōhiva\nHouma office, tel. +6767716482\n",
     ("PERSON", "ʻOfa Pōhiva")),  # under a mail's signature separator
])
def test_names_after_a_cue_are_found_whole(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Davidlaan 4\n6295 AZ Hellum\nNL", ("LOCATION", "Hellum")),
    ("SHIP TO:\nJan Smit\n1373 EE Ter zande", ("LOCATION", "Ter zande")),
    ("2026-11-03T10:25:42Z DEBUG geo city=San nueva latency_ms=142", ("LOCATION", "San nueva")),
    ("Customer Care, Borgo franca office\nTel. 0776588359", ("LOCATION", "Borgo franca")),
    ("--\nAnabel Cañas\nSuai leu office, tel. +50370151394\n", ("LOCATION", "Suai leu")),  # a signature's line
    ("Spoke to the customer, who moved to Ostrzeszowek last month.", ("LOCATION", "Ostrzeszowek")),
    ("FROM: Contoso Returns Centre, Puebla de llana\nTracking: 1Z999", ("LOCATION", "Puebla de llana")),
    ("Rua de Carvalho, 41\n8780-749 Vila Mamede\nphone", ("LOCATION", "Vila Mamede")),  # Portuguese postcode
    ("92 Carragher Street\nA70P0E8 Passage East\n", ("LOCATION", "Passage East")),  # Irish Eircode
    ("LOCATION:Meeting room 3\\, Millby\nDESCRIPTION:x", ("LOCATION", "Millby")),  # iCalendar, escaped comma
    ("since the move to the Libčice nad Vltavou site.", ("LOCATION", "Libčice nad Vltavou")),
    ("Attendees: Olaf Kiełbik (remote from Góra wiec), Anna Koj", ("LOCATION", "Góra wiec")),
    ("who works from home in BřezoMěsto, and confirmed", ("LOCATION", "BřezoMěsto")),
    ("Late registration: Ben Burton, Hathercombe.\nThe nightly", ("LOCATION", "Hathercombe")),  # after a person
    ("Late registration: Robert Hyjek, Góra nica.\nTicket", ("LOCATION", "Góra nica")),
    ("The Client, residing in Cetea, agrees.", ("LOCATION", "Cetea")),
    ("Signed at Zug on 4 December 2026.", ("LOCATION", "Zug")),
    ("Máire Ní Bhriain, late of Cill Rois, died on Monday", ("LOCATION", "Cill Rois")),
    ("I'm calling from eMalahleni about the invoice.", ("LOCATION", "eMalahleni")),  # a Nguni locative prefix
    ("Grade      B4\nWork location Qoraqamish\nManager    see HR", ("LOCATION", "Qoraqamish")),  # one space
    ("The fridge is registered at the Tsholotsho address on file.", ("LOCATION", "Tsholotsho")),
])
def test_places_after_a_cue_are_found_even_when_no_gazetteer_knows_them(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize("text", [
    "LOCATION:Meeting room 3",  # a label, then words that are not a place
    "Reader and Writer must be factory functions or classes.",  # "factory" after lower-case words, no determiner
    "See also\n\nPattern Matching: The Gestalt Approach",  # a heading of everyday words
    "858, IBM858\n\nWestern Europe\n\ncp860",  # a continent
])
def test_phrases_capitalised_like_names_are_not_people_or_places(text):
    assert not found(text)


def test_names_of_everyday_words_with_a_unisex_given_name_stay_names():
    # "Terry", "Leigh" and "Taylor" are given names of either gender; "Law", "Hall" and "Turner" everyday words.
    assert ("PERSON", "Terry Law") in found("Best regards,\nTerry Law\nCustomer Care")
    assert ("PERSON", "Leigh Hall") in found("Attendees: Taylor Turner, Leigh Hall")


def test_markdown_tables_and_xml_elements_named_for_people_and_places():
    table = ("| time | visitor | host | coming from |\n|---|---|---|:---|\n"
             "| 08:55 | Dragoș Diaconu | Severina Ene | Valea Mare |\n")
    assert {("PERSON", "Dragoș Diaconu"), ("PERSON", "Severina Ene"), ("LOCATION", "Valea Mare")} <= found(table)
    assert not any(text.startswith("-") for _, text in found(table))  # the rule line is not a row
    xml = "<customer>\n  <name>Remus Tomescu</name>\n  <address><city>Valea Mare</city></address>\n</customer>"
    assert {("PERSON", "Remus Tomescu"), ("LOCATION", "Valea Mare")} <= found(xml)


def test_vcard_and_windows_event_elements_and_git_identities_name_people_and_attribute_names_do_not():
    xmpp = ("<message type='chat'><body>Hello</body><nick xmlns='http://jabber.org/protocol/nick'>Jallah Sackor</nick>"
            "</message><vCard xmlns='vcard-temp'><FN>Salma Chirinos</FN><N><FAMILY>Chirinos</FAMILY><GIVEN>Salma"
            "</GIVEN></N><ADR><LOCALITY>Upata</LOCALITY></ADR></vCard>")
    assert {("PERSON", "Jallah Sackor"), ("PERSON", "Chirinos"), ("PERSON", "Salma"),
            ("LOCATION", "Upata")} <= found(xmpp)
    event = ('<Event><System><Provider Name="Microsoft-Windows-Security-Auditing"/></System><EventData>'
             '<Data Name="TargetUserName">u48213</Data><Data Name="DisplayName">Varney Kpadeh</Data>'
             '<Data Name="LogonType">3</Data></EventData></Event>')
    assert found(event) == {("PERSON", "Varney Kpadeh")}
    assert ("PERSON", "Clients") not in found('<table:table table:name="Clients"><table:table-row/></table:table>')
    blame = ("9f2c1e7d3b8a4f6e0c1d2b3a4f5e6d7c8b9a1234 12 12 2\nauthor Korpo Sackor\nauthor-mail <m@example.org>\n"
             "committer GitHub\ncommitter-mail <noreply@github.com>\n")
    assert found(blame) == {("PERSON", "Korpo Sackor")}


def test_pipe_separated_tables_without_a_frame():
    # A hand-written log and psql's output: " | " between cells, no pipe at the start of a line.
    log = ('BADGE | VISITOR | HOST | FROM | TIME IN\n'
           'V-3100 | Ефимова Анжела | Вера Киселева | к. Агинское (Забайк.) | 08:10\n'
           'V-3101 | יהונתן זיו | טליה שוקרון | גבעת כ"ח | 09:11\n')
    assert {("LOCATION", "к. Агинское (Забайк.)"), ("LOCATION", 'גבעת כ"ח')} <= found(log)
    psql = " name         | city\n--------------+------\n Jan Kowalski | Kęty\n"
    assert {("PERSON", "Jan Kowalski"), ("LOCATION", "Kęty")} <= found(psql)
    assert table_columns("mask = READ | WRITE | EXEC\nflags = a | b | c\n") == []


def test_fixed_width_tables_are_read_by_their_header():
    manifest = ("SEAT  PASSENGER          ORIGIN        CONTACT\n"
                "12A   รมิตา แท่นทอง        แม่สอด        051291939\n"
                "13C   Donna Fuller        Stari Grad    Jan Berg\n")
    assert {("PERSON", "รมิตา แท่นทอง"), ("LOCATION", "แม่สอด"), ("LOCATION", "Stari Grad")} <= found(manifest)
    cells = {(manifest[a:b], entity) for a, b, entity in table_columns(manifest)}
    # the "contact" column holds a name or a phone number: only the number is a phone's cue
    assert {("051291939", "PHONE_NUMBER"), ("Jan Berg", "PERSON")} <= cells
    assert table_columns("x = 1    # the value    of it\ny = 2    # other        thing\n") == []


def test_a_row_narrower_than_its_fixed_width_header_is_read_by_its_own_gaps():
    """Thai letters with their marks are fewer characters than columns: the first row ends before CONTACT starts (it
    used to index past the row's end); neither row is aligned with the header, so their cells are where their
    gaps are."""
    manifest = ("SEAT  PASSENGER                      ORIGIN              CONTACT\n"
                "12A   เกียรติก้อง นากกนก   Sang Khom   040-996644\n"
                "13C   จักรพันธ์ สาระพันธ์   อุบลราชธานี   +66 (0) 981 840 530\n")
    cells = {(manifest[a:b], entity) for a, b, entity in table_columns(manifest)}
    assert {("เกียรติก้อง นากกนก", "PERSON"), ("Sang Khom", "LOCATION"), ("040-996644", "PHONE_NUMBER"),
            ("จักรพันธ์ สาระพันธ์", "PERSON"), ("อุบลราชธานี", "LOCATION")} <= cells


def test_family_name_first_is_a_name_unless_it_opens_with_an_everyday_word():
    assert ("PERSON", "Kovács R. Tamás") in found("Witness: Kovács R. Tamás\n")
    assert ("PERSON", "Szabó Tamás") in found("The form was checked by Szabó Tamás yesterday.")
    assert not found("Byte order matters.\n\nThese APIs can be used to work with surrogates.")


def test_lines_of_code_are_not_a_table_header():
    code = '{"first", T_OBJECT_EX, offsetof(CustomObject, first), 0, "first name"},\n    {NULL}  /* Sentinel */\n'
    assert table_columns(code) == []
    ragged = "name,city,amount\nAnna Schmidt,Bad Kreuznach\n"  # a row of another width ends the table
    assert table_columns(ragged) == []


def test_quoted_field_values_are_taken_whole():
    text = '{"customer": {"name": "Anna-Lena van Dijk", "city": "\'s-Hertogenbosch", "note": "None"}}'
    assert {("PERSON", "Anna-Lena van Dijk"), ("LOCATION", "'s-Hertogenbosch")} <= found(text)
    assert not found('user = {"name": "None"}')


def test_csv_columns_named_for_people_and_places():
    text = "id,full_name,city,amount\n1,Anna Schmidt,Bad Kreuznach,12.50\n2,\"Jan de Vries\",Ter wijk,3.00\n"
    assert set(table_columns(text)) >= {(text.index("Anna"), text.index("Anna") + 12, "PERSON"),
                                        (text.index("Bad"), text.index("Bad") + 13, "LOCATION")}
    assert ("PERSON", "Jan de Vries") in found(text) and ("LOCATION", "Ter wijk") in found(text)


def test_a_gazetteer_word_is_a_place_only_with_a_cue():
    assert is_place("Nice") and is_place("Reading")
    assert not found("Nice to meet you. Reading the runbook helps.")
    assert ("LOCATION", "Nice") in found("She lives in Nice now.")


@pytest.mark.parametrize("text", [
    "Not implemented on Windows. Availability: Unix, Windows.",
    "The returned class is a subclass of `io.BufferedIOBase`, or of BufferedIOBase in general.",
    "## Argument Clinic\n\nThe clinic generates code; an argument is parsed by Argument Clinic.",
    "Sender: None",
    "Hello World",
])
def test_technical_text_is_not_a_name_or_a_place(text, settings):
    assert not [s for s in detect(text, POLICY, settings.pii_spacy_model, ner=True)
                if s.entity in ("PERSON", "LOCATION")], text


def test_not_personal_reads_the_document_around_a_span():
    text = "Use `Popen` for that. Popen returns at once. Sequence Patterns match a sequence of patterns."
    assert not_personal(text, text.index("Popen returns"), text.index("Popen returns") + 5)
    assert not_personal(text, text.index("Sequence"), text.index("Sequence") + 17)
    assert not not_personal("Ask Reece McCarthy.", 4, 18)
    # A good cue keeps invented town names that look like identifiers.
    assert not not_personal("Customer Care, VillaArriba office", 15, 26, strict=False)
    assert not_personal("Customer Care, VillaArriba office", 15, 26, strict=True)


def test_overlapping_spans_are_merged_and_the_validated_entity_wins():
    results = [RecognizerResult("LOCATION", 0, 10, 0.85), RecognizerResult("EMAIL_ADDRESS", 4, 20, 0.8),
               RecognizerResult("PHONE_NUMBER", 30, 40, 0.7), RecognizerResult("PERSON", 25, 32, 0.85)]
    assert merge(results) == [Span(0, 20, "EMAIL_ADDRESS"), Span(25, 40, "PHONE_NUMBER")]


@pytest.mark.parametrize("text", [
    "file offset 0x00000254 with length 0x00000020", "int in range from -2147483648 to 0",
    "print_time 1652342830.3640375", "```\nX = samples(n, seed=3652260728)\n```",
])
def test_numbers_in_code_are_not_phone_numbers(text):
    phones = PhoneNumbersRecognizer(("US", "DE"))
    assert not [r for r in phones.analyze(text, ["PHONE_NUMBER"]) if not code_number(text, r.start, r.end)]


def test_a_phone_word_or_a_name_before_a_number_is_its_cue():
    phones = PhoneNumbersRecognizer(("AM",))

    def spans(text: str) -> list[str]:
        return [text[r.start:r.end] for r in phones.analyze(text, ["PHONE_NUMBER"])]
    assert spans("Owner traced: Արտուշ Քեչօղլյան (91.442959).") == ["91.442959"]  # parentheses after a name
    assert spans("Mobile: 327.10925, mail: a@b.am") == ["327.10925"]  # no such range, but typed after "Mobile"
    assert spans("The mean was 91.442959 (sd 3.2) in run (91.442959).") == []  # decimals without a cue
    for reference in ("Payment advice ref TT-2026-004417", "Claim 2026/77812 was opened"):
        assert PhoneNumbersRecognizer(("US", "DE")).analyze(reference, ["PHONE_NUMBER"]) == [], reference


def test_phone_numbers_in_code_blocks_still_count_with_a_phone_word_or_a_plus():
    text = "```\ncontact = {'phone': '030 1234567', 'fax': '+49 30 7654321'}\n```"
    spans = [text[s.start:s.end] for s in detect(text, POLICY)]
    assert spans == ["030 1234567", "+49 30 7654321"]


def test_a_common_given_name_opens_a_name_without_any_cue():
    assert ("PERSON", "Zofia Wróblewska") in found("The refund was approved for Zofia Wróblewska yesterday.")
    assert ("PERSON", "Anna-Lena Berg") in found("The report went to Anna-Lena Berg today.")
    assert not found("Sequence Patterns match sequences. Windows Error Reporting is off.")


def test_a_french_source_gets_the_french_ner_pipeline_too(settings):
    text = "Le dossier a été transmis à Maître Gaspard Lefebvre-Aubry, qui l'a remis à Sidonie Carrel."
    english = {text[s.start:s.end] for s in detect(text, POLICY, settings.pii_spacy_model, ner=True)}
    both = {text[s.start:s.end] for s in detect(text, POLICY, settings.pii_spacy_model, ner=True,
                                                   languages=("en", "fr"))}
    assert english <= both and "Gaspard Lefebvre-Aubry" in " ".join(both) and "Sidonie Carrel" in both


def test_card_numbers_in_a_column_named_for_them():
    text = "id,name,card,ip\n1,Zofia,6304 0884 4771,10.1.2.3\n"
    assert [(text[s.start:s.end], s.entity) for s in detect(text, POLICY)] == [
        ("6304 0884 4771", "CREDIT_CARD"), ("10.1.2.3", "IP_ADDRESS")]


def test_a_twelve_digit_maestro_number_needs_a_payment_word():
    # 6304 0884 4771 passes the Luhn check, as one in ten 12-digit numbers does: only a word about paying makes it
    # a card.
    assert [s.entity for s in detect("The order was paid with 6304 0884 4771 on Monday.", POLICY)] == ["CREDIT_CARD"]
    assert "CREDIT_CARD" not in [s.entity for s in detect("Order 6304 0884 4771 shipped on Monday.", POLICY)]


def test_cards_ips_and_numbers_that_only_look_like_them():
    assert card_groups("3782 822463 10005") and card_groups("4111111111111111")
    assert not card_groups("100 101 103 106 110 115")
    assert [s.entity for s in detect("accumulate --> 100 101 103 106 110 115, 0000000000000000", POLICY)] == []
    assert not personal_ip("127.0.0.1") and not personal_ip("3.1.1.3") and not personal_ip("::1")
    assert personal_ip("81.2.69.17") and personal_ip("fe80::1%eth0")
    # The ranges reserved for documentation are in every manual and belong to nobody.
    assert not any(personal_ip(ip) for ip in ("192.0.2.1", "198.51.100.7", "203.0.113.17", "2001:db8::1"))
    assert [s.entity for s in detect("from 203.0.113.17 and 81.2.69.17", POLICY)] == ["IP_ADDRESS"]
    # A network block names no host; a host with its prefix length does.
    assert not personal_ip("192.168.0.0/28") and not personal_ip("100.64.0.0/10") and not personal_ip("fd00::/8")
    assert personal_ip("10.1.2.3/24") and personal_ip("2a01:4f8::1234/64")
    # So are the mail domains reserved for examples; a look-alike domain is somebody's.
    text = "Write to author@example.com, bob@mail.example.org, jane.roe@example-shop.de or ops@northwind.example."
    assert [text[s.start:s.end] for s in detect(text, POLICY)] == ["jane.roe@example-shop.de", "ops@northwind.example"]
    # A role's mailbox and a mailing list are nobody's in person; a person's address with a plus tag is theirs.
    text = "Ask security@python.org or distutils-sig@python.org; Greg is gward@python.net or j.roe+hr@gmail.com."
    assert [text[s.start:s.end] for s in detect(text, POLICY)] == ["gward@python.net", "j.roe+hr@gmail.com"]


def test_a_section_number_after_a_weak_cue_is_a_reference_not_a_place(settings):
    text = "The layouts are discussed in Section\xa020.2 and the settings in Section 24.1; she moved to Paris in 2019."
    found = [(text[s.start:s.end], s.entity) for s in detect(text, POLICY, settings.pii_spacy_model, ner=True)]
    assert found == [("Paris", "LOCATION")]


@pytest.mark.parametrize(("text", "expected"), [
    ("contacts:\n  - owner: როზა ღვინიაშვილი\n", ("PERSON", "როზა ღვინიაშვილი")),  # Georgian: no capitals to see
    ("The owner: Prof. ტყემალაძე\n", ("PERSON", "Prof. ტყემალაძე")),
    ("Next of kin: Г-ца Виктория Бележкова, tel. 0835", ("PERSON", "Г-ца Виктория Бележкова")),  # honorific kept
    ("زيارة السيد محمد الحربي، غدا", ("PERSON", "السيد محمد الحربي")),  # Arabic: a title, then caseless words
    ("clinic in село Херсон for tests.", ("LOCATION", "село Херсон")),  # a settlement word is the place's and its cue
    ("The parent on file is Jane Mai, of Thành phố Hà Nội, who can", ("LOCATION", "Thành phố Hà Nội")),
    ("Residence => TP. Huế\nPlate => KX 4471", ("LOCATION", "TP. Huế")),
    ("hometown: Dighomi\n", ("LOCATION", "Dighomi")),
    ("I grew up in г. Кажим and moved", ("LOCATION", "г. Кажим")),  # Russian settlement words
    ("Beneficiary ..... Анна Лисова, клх Ульяновск\nAmount", ("LOCATION", "клх Ульяновск")),
    ("handed in at the Kiçik lı bus station by", ("LOCATION", "Kiçik lı")),  # a prefix takes the next word
    ("for the flat at 7 Station Road, Փոքր ավան. 2. RENT.", ("LOCATION", "Փոքր ավան")),  # an address, then the town
    ("I currently live in שומרה. My manager", ("LOCATION", "שומרה")),
    ("who grew up in Motsa ‘Illit and", ("LOCATION", "Motsa ‘Illit")),  # an ayin in a transliteration
    ("Lieferung an Hauptstraße 5, Grünau am See, bitte", ("LOCATION", "Grünau am See")),
    ('[member.584]\nborough = "西多摩郡日の出町"\n', ("LOCATION", "西多摩郡日の出町")),
    ("Table 8: Cynthia Ramirez (coming from Fshati ë), Deborah", ("LOCATION", "Fshati ë")),
    ("Rx 55120 — prescriber พันเกล้า นานายน — dispensed", ("PERSON", "พันเกล้า นานายน")),
])
def test_names_and_places_beyond_latin_capitals(text, expected):
    assert expected in found(text)


def test_a_label_in_latin_capitals_is_not_part_of_a_caseless_name():
    # The Georgian word stands alone in Latin text, so it is a name or a place (pii_context.island); the label
    # before it is neither.
    assert {text for _, text in found("Pickup   ყვარელი  08:02")} == {"ყვარელი"}


def test_words_of_a_caseless_script_are_names_in_latin_text_only():
    assert found("Table 5: ภัทรนาฎ ตรีเภรินทร์ (coming from Phrom Buri), 佐々木 学 and 王淑芬.") >= {
        ("PERSON", "ภัทรนาฎ ตรีเภรินทร์"), ("PERSON", "佐々木 学"), ("PERSON", "王淑芬")}
    assert ("LOCATION", "西多摩郡瑞穂町") in found("The parcel was dispensed at 西多摩郡瑞穂町 today.")
    # In text written in the script itself, a word is just a word; so is a long passage quoted in English text.
    assert found("ภัทรนาฎ ตรีเภรินทร์ ไป ตลาด") == set()
    assert found("She wrote: 今日は 天気が 良いので 散歩に 行きました 友達と 一緒に.") == set()


def test_the_gazetteer_knows_places_in_their_own_script():
    assert is_place("Москва") and is_place("თბილისი") and is_place("Zürich")


def test_form_labels_name_things_and_the_places_of_people_and_companies():
    # A W-2's box labels: the employee's address, the employer's name and town; neither label is a name or place.
    w2 = ("e Employee's first name and last name  Agya Leslie Amoako\nf Employee's address  12 Station Road, "
          "Bhadrapur\nc Employer's name  Northwind Traders, East Timothy\n1 Wages, tips  48,120.00\n")
    assert found(w2) == {("PERSON", "Agya Leslie Amoako"), ("LOCATION", "Bhadrapur"), ("LOCATION", "East Timothy")}
    # A customs form: the sender's town before the next cell, the addressee's at the line's end; a possessive label.
    cn23 = ("From  Kwasi-Irene Oppong, Tiwaaland  tel 0283789766\nTo    Emily Darko, Asisuase\n"
            "Contents: shirts, paid by card ending 1234\nImporter's reference: 4471\n")
    assert found(cn23) == {("PERSON", "Kwasi-Irene Oppong"), ("LOCATION", "Tiwaaland"), ("PERSON", "Emily Darko"),
                           ("LOCATION", "Asisuase")}
    # "the X address" is a place; a company's name is not a person's, a team contact is.
    assert ("LOCATION", "Drumcondra") in found("We wrote to the Drumcondra address twice.")
    assert found("Company name: Contoso Traders\nTeam contact: Ama Owusu\n") == {("PERSON", "Ama Owusu")}
    assert found("Bright flat in a quiet street of Tiwaaland, ten minutes away.") == {("LOCATION", "Tiwaaland")}


def test_a_rota_table_names_engineers_and_their_sites():
    rota = "| Engineer | Site | Mobile |\n|---|---|---|\n| Joan Williams | Constantine | +251985012925 |\n"
    assert found(rota) >= {("PERSON", "Joan Williams"), ("LOCATION", "Constantine")}


def test_a_possessive_form_label_is_no_name_or_place_whatever_a_model_says():
    from llmdata.transforms.pii_names import plausible

    text = "Contents: shirts\nImporter's reference: 4471\nf Employee's address  12 Station Road, Bhadrapur\n"
    for label in ("Importer's", "Employee's"):
        start = text.index(label)
        assert not plausible("LOCATION", text, start, start + len(label))
    start = text.index("Bhadrapur")
    assert plausible("LOCATION", text, start, start + len("Bhadrapur"))


@pytest.mark.parametrize("text", [
    "where bdaddr is the Bluetooth address as a string",  # a device's address
    "ctypes.POINTER(type)\n\nThis factory function creates and returns a new type.",  # a determiner
    "Static factory functions\n\nThe below functions",  # a heading's first word
    "class ModuleSpec(name, loader, *, origin=None, loader_state=None)",  # an empty value in a place field
])
def test_words_before_a_place_noun_in_documentation_are_not_places(text):
    assert found(text) == set()


def test_airline_names_are_written_surname_slash_given():
    text = "Passenger  IROHA/CHIZOBA MRS\nPax: VAN DER BERG/ANNA\nuse TCP/IP AND/OR UDP\nمهيار/عبد الحفيظ MR flew"
    names = {("PERSON", "IROHA/CHIZOBA MRS"), ("PERSON", "VAN DER BERG/ANNA"), ("PERSON", "مهيار/عبد الحفيظ MR")}
    spans = found(text)
    assert spans >= names and not any("/" in value for _, value in spans - names)  # not "TCP/IP", "AND/OR"


def test_an_e_mail_address_url_encoded_in_a_request_log_is_found():
    text = ('GET /account/reset?email=aokeke%2B2026%40gmail.com&lang=en HTTP/1.1" 302\n'
            "GET /subscribe?list=docs%40python.org HTTP/1.1")
    assert [text[s.start:s.end] for s in detect(text, POLICY)] == ["aokeke%2B2026%40gmail.com"]


def test_a_number_after_another_kind_of_number_label_is_not_a_phone():
    text = "Frequent flyer  XQ 881 204 776\nBooking no. 0612 345 679\nContact  0612 345 678 or +31 612 345 670"
    assert [text[s.start:s.end] for s in detect(text, POLICY)] == ["0612 345 678", "+31 612 345 670"]


def test_a_gedcom_record_names_its_person_and_places_by_tag():
    text = ("0 HEAD\n1 CHAR UTF-8\n0 @I7@ INDI\n1 NAME Amina /Bello/\n1 SEX F\n1 BIRT\n2 DATE 12 MAR 1931\n"
            "2 PLAC Tudun Wada, Kano\n1 NOTE 2 PLAC lines follow\n")
    assert found(text) >= {("PERSON", "Amina /Bello/"), ("LOCATION", "Tudun Wada, Kano")}
    assert not any(value == "lines follow" for _, value in found(text))
    assert found("Steps:\n1 NAME the file\n2 PLAC the order\n") == set()  # no GEDCOM record: a numbered list


def test_capitals_after_a_label_or_under_a_street_line_are_a_name_or_a_town():
    text = "NORTHWIND MARKET\n14 HIGH STREET\nKAUYEN MALLAM\nTEL 0803 123 4567\nCASHIER: FATIMA\nTHANK YOU\n"
    assert found(text) == {("LOCATION", "KAUYEN MALLAM"), ("PERSON", "FATIMA")}
    # a greeting is not a label, and a team is not a person
    assert found(">>> b'Hello World'.upper()\nb'HELLO WORLD'\nContact: SALES TEAM\n") == set()


def test_html_tags_end_lines_and_a_town_follows_a_job_title_in_a_signature():
    text = ("<p>Kind regards,</p>\n<p><b>Προκόπιος Αφρουδάκης</b><br>Account Manager<br>Kofar Mata<br>"
            '<a href="mailto:pa@example.net">pa@example.net</a></p>')
    assert found(text) == {("PERSON", "Προκόπιος Αφρουδάκης"), ("LOCATION", "Kofar Mata")}
    assert found("Thanks,\nJane Doe\nAccount Manager\nNorthwind Traders\n") == {("PERSON", "Jane Doe")}


def test_a_copied_slack_message_names_its_author_and_filipino_particles_join_a_name():
    text = "Jaqueline dela Duarte  10:42 AM\nhey, the client from Sitio Itaas called again\nStand-up  10:00\n"
    assert found(text) == {("PERSON", "Jaqueline dela Duarte"), ("LOCATION", "Sitio Itaas")}


def test_a_short_national_number_counts_only_right_after_a_phone_word():
    text = "Tel: 44 55 66\nPlease call 876998.\nFile \"x.py\", line 12345, in run\nOrder 876998 shipped"
    phones = [text[s.start:s.end] for s in detect(text, POLICY, regions=("LU",)) if s.entity == "PHONE_NUMBER"]
    assert phones == ["44 55 66", "876998"]


def test_labels_and_values_on_one_aligned_line_are_not_a_table_header():
    text = "From  Nkwo Ukwu  To  Amaeze Igwe\nBooking ref  K7ZQ2M  Frequent flyer  XQ 881\n"
    assert ("LOCATION", "Booking ref") not in found(text)
    header = "Name            City          Phone\nOkoro Ngozi     Umuahia       0803 123 4567\n"
    assert found(header) >= {("PERSON", "Okoro Ngozi"), ("LOCATION", "Umuahia")}  # a header is still one


def test_a_station_or_an_airport_in_a_place_names_it():
    assert ("LOCATION", "Na Sa-at") in found("I was at the bus station in Na Sa-at with my neighbour")


@pytest.mark.parametrize(("value", "personal"), [
    ("255.255.255.0", False), ("255.255.252.0", False), ("0.0.0.255", False), ("ffff:ff00::", False),
    ("192.168.1.254", True), ("255.1.2.3", True), ("10.0.2.255", True),  # a host, whatever its last octet
])
def test_a_netmask_is_not_an_address_anyone_has(value, personal):
    assert personal_ip(value) is personal


def test_a_name_written_surname_first_after_a_label_is_whole():
    text = "Patient: NGOWI, Rehema Joyce    DOB 02/07/1961\nTenant: Okafor, Chidi (room 4)\nStatus: Closed, Final\n"
    assert found(text) >= {("PERSON", "NGOWI, Rehema Joyce"), ("PERSON", "Okafor, Chidi")}
    assert not any("Closed" in value for _, value in found(text))  # no name label before it
    assert ("PERSON", "Попова, Ирина") in found("Patient: Попова, Ирина    Ward 3\n")


def test_a_directory_row_with_dot_leaders_fills_the_header_columns():
    text = ("Name, office, extension, mobile\nMWANGI, Neema ........ Tanga ........ x2210 712 345\n"
            "Sala, Pere ............ Encamp ....... x2211 +376 612 345\n")
    assert found(text) >= {("PERSON", "MWANGI, Neema"), ("LOCATION", "Tanga"), ("PERSON", "Sala, Pere"),
                           ("LOCATION", "Encamp")}
    phones = [text[s.start:s.end] for s in detect(text, POLICY, regions=("AD",)) if s.entity == "PHONE_NUMBER"]
    assert phones == ["712 345", "+376 612 345"]  # the six-digit one by its column; never the extension
    toc = "Contents\nIntroduction ........ 3\nInstallation ........ 7\n"
    assert found(toc) == set()


def test_a_number_glued_to_an_extension_code_is_read_after_it():
    text = "Site A  x3705 022 103 3648  10.1.2.3\n"
    phones = [text[s.start:s.end] for s in detect(text, POLICY, regions=("TZ",)) if s.entity == "PHONE_NUMBER"]
    assert phones == ["022 103 3648"]


def test_a_short_number_after_call_someone_on_is_a_phone():
    text = "If the gate is shut call Ms Roig on 712 790. Order 712790 was paid.\n"
    phones = [text[s.start:s.end] for s in detect(text, POLICY, regions=("AD",)) if s.entity == "PHONE_NUMBER"]
    assert phones == ["712 790"]


def test_iso_20022_payment_names_and_towns_are_fields():
    text = ("<Cdtr><Nm>يوسف الإدريسي</Nm><PstlAdr><TwnNm>Sidi Kacem</TwnNm><Ctry>MA</Ctry></PstlAdr></Cdtr>\n"
            "<Dbtr><Nm>Li Wei Ming</Nm></Dbtr>")
    assert found(text) >= {("PERSON", "يوسف الإدريسي"), ("LOCATION", "Sidi Kacem"), ("PERSON", "Li Wei Ming")}


def test_identifiers_streets_and_record_numbers_are_not_personal_data():
    text = ("UID:20261201T0800-17@calendar.internal\nMRN 00512277    Bed 4\nAddress: 12 Harbour Lane, Moshi\n"
            "LOCATION:Gate 7\\, Pier Road\\, Moshi\n")
    spans = {(s.entity, text[s.start:s.end]) for s in detect(text, POLICY, regions=("TZ",))}
    assert not any(entity in ("EMAIL_ADDRESS", "PHONE_NUMBER") for entity, _ in spans)
    assert not any(value in ("Harbour Lane", "Gate") for _, value in spans)


def test_a_place_before_when_it_happened_keeps_its_lower_case_words():
    assert ("LOCATION", "Mji juu") in found("She moved to Mji juu last week, so call her there.")


def test_a_form_label_on_the_line_above_cues_the_number_under_it():
    text = ("Mobile" + " " * 37 + "Account (IBAN)\n62112345" + " " * 35 + "MD24 AG00 0225 1000 1310 4168\n\n"
            "Order" + " " * 38 + "Total (EUR)\n62112346" + " " * 35 + "1,250.00\nTRL 0000002 CHECKSUM 7741\n")
    phones = [text[s.start:s.end] for s in detect(text, POLICY, regions=("MD",)) if s.entity == "PHONE_NUMBER"]
    assert phones == ["62112345"]  # not the order number, nor a trailer's record count


def test_a_number_opening_a_line_after_a_word_is_not_glued_to_it():
    text = "Telephone\n0612 345 678\n"
    phones = [text[s.start:s.end] for s in detect(text, POLICY, regions=("NL",)) if s.entity == "PHONE_NUMBER"]
    assert phones == ["0612 345 678"]


def test_call_and_line_in_a_code_block_do_not_cue_its_numbers():
    text = ("```\n>>> factorial(10)      # makes 11 recursive calls.\n3628800\n"
            "156641360518804  function-entry:call_stack.py:function_1:1\n```\n")
    assert not [s for s in detect(text, POLICY, regions=("US", "GB", "DE")) if s.entity == "PHONE_NUMBER"]


def test_a_wiki_table_s_site_cell_and_an_env_key_ending_in_city_name_a_place():
    text = "||Field||Value||\n|Customer|Nath Dridi|\n|Site|Ain Hellal|\nAPP_ENV=production\nOFFICE_CITY=Barrett Town\n"
    spans = found(text)
    assert {("LOCATION", "Ain Hellal"), ("LOCATION", "Barrett Town")} <= spans
    assert not any(value == "production" for _, value in spans)


def test_a_site_in_prose_is_no_place_label():
    text = "See the site: it lists every package on the index.\n"
    assert not [entity for entity, _ in found(text) if entity == "LOCATION"]


def test_edifact_party_segments_give_the_name_and_town_by_position():
    text = ("UNH+1+ORDERS:D:96A:UN'\nNAD+BY+++Fadi Abi Nader+12 Market Street+Beït ed Dîne++00100+LB'\n"
            "CTA+IC+:Rami O?'Neil'\nUNT+4+1'\n")
    spans = found(text)
    assert {("PERSON", "Fadi Abi Nader"), ("LOCATION", "Beït ed Dîne"), ("PERSON", "Rami O?'Neil")} <= spans
    assert not any("Market Street" in value for _, value in spans)


def test_an_edifact_telephone_segment_and_an_env_phone_key_cue_their_numbers():
    text = "COM+71 195 286:TE'\nCOM+4839201:AH'\nSUPPORT_PHONE=30 154 394\nORDER_NUMBER=30154395\n"
    phones = [text[s.start:s.end] for s in detect(text, POLICY, regions=("LB", "TN")) if s.entity == "PHONE_NUMBER"]
    assert phones == ["71 195 286", "30 154 394"]  # not the segment's "+", nor an order number or a non-phone COM


def test_rows_under_a_wiki_header_are_labels_and_values_not_another_header():
    text = ("||Field||Value||\n|Reporter|Dr. Chaabane|\n|Customer|Nath Dridi|\n|Site|Ksibet el Mediouni|\n\n"
            'SUPPORT_CONTACT_NAME="Міхась Сцяпанаў"\n')
    spans = found(text)
    assert {("PERSON", "Nath Dridi"), ("LOCATION", "Ksibet el Mediouni"), ("PERSON", "Міхась Сцяпанаў")} <= spans
    assert not any(value in ("Customer", "Site") for _, value in spans)


def test_a_caller_naming_themself_and_answering_for_a_field_in_a_lower_case_transcript():
    text = ("[00:00:03] agent: thank you for calling how can i help\n"
            "[00:00:06] caller: hi my name is dr. el khazen i'm calling about my card\n"
            "[00:00:14] agent: can you confirm the town on the account\n"
            "[00:00:17] caller: yes it's santo domingo de los colorados and my number is on file\n"
            "[00:00:25] caller: and my wife my name is mrs brown sorry her name\n")
    assert {("PERSON", "dr. el khazen"), ("LOCATION", "santo domingo de los colorados"),
            ("PERSON", "mrs brown")} <= found(text)


def test_a_thing_s_name_asked_about_is_no_person_and_written_prose_is_not_read_as_speech():
    faq = "Q: What is the name of the module?\nA: It's called zipimport\n"
    code = "# my name is used as the key below\nname: foo\n"
    assert not found(faq) and not found(code)
    # the same self-naming written with capitals is left to the other rules, which need a capitalised name
    assert not any(value == "used" for _, value in found("Hi, my name is used nowhere in This Text.\n"))


def test_a_lift_back_from_a_place_with_an_arabic_particle_names_the_whole_place():
    text = "Huge thanks to Maroun Bou Saab for the lift back from Qornet el Qamar yesterday 🙏🚗 #QornetElQamar\n"
    assert ("LOCATION", "Qornet el Qamar") in found(text)


def test_a_markdown_header_row_s_cells_are_not_values_of_each_other():
    text = "| Name | City | Phone |\n|---|---|---|\n| Ana Benítez | Luque | 0981 123456 |\n"
    spans = found(text)
    assert {("PERSON", "Ana Benítez"), ("LOCATION", "Luque")} <= spans
    assert not any(value in ("City", "Phone") for _, value in spans)


def test_a_malay_binti_name_and_the_names_around_also_known_as_are_people():
    text = "Screening of Rosmah binti Salleh (also known as Zulkifli Osman), born in Sepang, found 1 match.\n"
    spans = {value for entity, value in found(text) if entity == "PERSON"}
    assert any(value.endswith("Rosmah binti Salleh") for value in spans) and "Zulkifli Osman" in spans
    assert not found("### Enum Members (aka instances)\n\nThe most interesting thing about members\n")


def test_a_fixed_width_row_is_cut_where_its_header_s_columns_start():
    text = ("REC CUST-ID    NAME                          CITY                PHONE             SSN\n"
            "D   6835830782 TOMÁS NHANTUMBO               MAPUTO              82 191 6651       368 59 4571\n"
            "D   3668771337 CARLOTA TEMBE                 VILA EDUARDO MONDLANE  21 299 827     191-01-1801\n")
    spans = {(a, b, entity) for a, b, entity in table_columns(text)}
    values = {(entity, text[a:b]) for a, b, entity in spans}
    assert {("PERSON", "TOMÁS NHANTUMBO"), ("LOCATION", "VILA EDUARDO MONDLANE"), ("PHONE_NUMBER", "21 299 827"),
            ("PERSON", "CARLOTA TEMBE")} <= values


def test_the_other_numbers_of_a_row_with_a_phone_column_are_not_phones_and_date_is_a_label():
    text = ("REC CUST-ID    NAME                          CITY                PHONE             CARD-NO\n"
            "D   6835830782 TOMÁS NHANTUMBO               MAPUTO              82 191 6651       503891417779 A0\n\n"
            "Signature of the applicant                 Date\n")
    spans = {(s.entity, text[s.start:s.end]) for s in detect(text, POLICY, regions=("US", "MZ"))}
    # a 12-digit Maestro number needs its column, and the column's cell holds a flag after it
    assert {("PHONE_NUMBER", "82 191 6651"), ("CREDIT_CARD", "503891417779")} <= spans
    assert not any(value in ("6835830782", "Date") for _, value in spans)


def test_a_form_s_side_by_side_labels_type_the_values_printed_under_them():
    text = ("Surname and given names                    Place of birth\n"
            "Ivo Mucavele                               San Felipe\n\n"
            "Company name                               Product\n"
            "Northwind Traders                          Widget Pro\n")
    values = {(entity, text[a:b]) for a, b, entity in table_columns(text)}
    assert values == {("PERSON", "Ivo Mucavele"), ("LOCATION", "San Felipe")}


def test_a_latex_letter_s_signature_recipient_and_address_town_are_found():
    text = ("\\documentclass{letter}\n\\signature{Динара Эрлан кызы}\n"
            "\\address{12 Station Road\\\\Tash-Bulak\\\\Tel.~+996 700 027 010}\n\\begin{document}\n"
            "\\begin{letter}{Ndèye Gueye\\\\Customer Accounts}\n\\opening{Dear Sir or Madam,}\n")
    spans = found(text)
    assert {("PERSON", "Динара Эрлан кызы"), ("LOCATION", "Tash-Bulak"), ("PERSON", "Ndèye Gueye")} <= spans
    assert not any(value in ("Sir", "letter", "document", "Customer Accounts") for _, value in spans)


def test_a_tracking_scan_s_place_and_a_recipient_in_capitals_with_a_title():
    text = ("TRACKING RR448120993SN\nRECIPIENT: DR(A). MAXIMO SORIA\n\n"
            "2026-11-28 07:12  ACCEPTED AT POST OFFICE      PASO DE DAYMÁN\n"
            "2026-11-29 22:40  Departed sorting centre      Santa Teresa\n"
            "Processed by robot      Yes\n")
    spans = found(text)
    assert {("PERSON", "DR(A). MAXIMO SORIA"), ("LOCATION", "PASO DE DAYMÁN"), ("LOCATION", "Santa Teresa")} <= spans
    assert ("LOCATION", "Yes") not in spans


def test_an_escaped_underscore_in_a_latex_address_and_a_unix_time_are_handled():
    text = 'Write to me at \\href{mailto:vasili\\_18@yandex.ru}{me}.\nlast_login { unix_time: 1764583200 }\n'
    spans = {(s.entity, text[s.start:s.end]) for s in detect(text, POLICY, regions=("US", "KG"))}
    assert ("EMAIL_ADDRESS", "vasili\\_18@yandex.ru") in spans
    assert not any(entity == "PHONE_NUMBER" for entity, _ in spans)


def test_a_family_name_in_capitals_before_a_given_name_is_a_name():
    assert ("PERSON", "TCHOUPO Madeleine") in found("Hello TCHOUPO Madeleine,\n\nwe have updated your details.")
    assert ("PERSON", "NIYONZIMA Jean de Dieu") in found("Caller: ok. NIYONZIMA Jean de Dieu asked for a refund.")
    assert not {e for e, v in found("The HTTP Server and the ERROR Handling notes.") if "HTTP" in v or "ERROR" in v}


def test_a_street_written_type_first_is_no_name_and_a_post_box_line_is_an_address_line():
    text = "Ana Lopez\nCalle Mayor 12\nTorrevieja\n\nJosé Copa\nCasilla 4410\nUyuni\n"
    assert {("LOCATION", "Torrevieja"), ("LOCATION", "Uyuni")} <= found(text)
    assert not [v for e, v in found(text) if "Calle" in v]


def test_a_key_and_value_layout_is_no_table_with_a_header():
    text = "Name        Ana Benítez\nCity        Lima\nPhone       +51 912 345 678\n"
    assert table_columns(text) == []


def test_html_tables_webvtt_voices_and_psql_records_name_their_values():
    table = ("<table>\n<tr><th>Customer</th><th>City</th><th>Phone</th></tr>\n"
             "<tr><td>Hernán Tuyuc</td><td>San Andrés Semetabaj</td><td>22220627</td></tr>\n</table>\n")
    cells = {(table[a:b], entity) for a, b, entity in table_columns(table)}
    assert cells == {("Hernán Tuyuc", "PERSON"), ("San Andrés Semetabaj", "LOCATION"), ("22220627", "PHONE_NUMBER")}
    assert ("PERSON", "Alice Tanoh") in found("WEBVTT\n\n00:00:01.000 --> 00:00:04.200\n<v Alice Tanoh>Hi, I'm here.\n")
    record = "-[ RECORD 1 ]--+-----------\nid             | 884120\ncity           | ZacuChiquimula\n"
    assert ("LOCATION", "ZacuChiquimula") in found(record)


def test_column_names_in_other_languages_name_columns_and_are_no_names():
    csv = ('"الاسم";"المدينة";"الهاتف";"البريد الإلكتروني"\n'
           '"نورة الرشيدي";"As Sālimīyah";"50012174";"alqaeyndal@yahoo.com"\n')
    cells = {(csv[a:b], entity) for a, b, entity in table_columns(csv)}
    assert {("نورة الرشيدي", "PERSON"), ("As Sālimīyah", "LOCATION"), ("50012174", "PHONE_NUMBER")} <= cells
    assert not [value for _, value in found(csv) if value in ("الاسم", "المدينة", "الهاتف")]


def test_an_ayin_closing_a_transliterated_word_stays_in_the_place():
    assert ("LOCATION", "Mazāri‘ al ‘Abdalī") in found("I moved to Mazāri‘ al ‘Abdalī last month.")


def test_technical_words_in_possessives_compounds_and_keyword_tables_are_no_places():
    # The possessive is no part of the word: "Perl" is a technical term, so "Perl’s" and "Python’s creator" are too.
    text = "If you know Perl’s pattern modifiers, ask Guido van Rossum, Python’s creator."
    assert not not_personal(text, text.index("Guido"), text.index(",", text.index("Guido")))
    assert not_personal(text, text.index("Perl"), text.index(" pattern"))
    assert ("LOCATION", "Python’s creator") not in found(text)
    keywords = ("False      await      else       import     pass\n"
                "as         def        from       nonlocal   while\n"
                "assert     del        global     not        with\n")
    assert table_columns(keywords) == []  # "global" under "from" is a keyword, not a town
    rows = "name       from       phone\nAna Pérez  lima       555-0101\n"
    assert (rows.index("lima"), rows.index("lima") + 4, "LOCATION") in table_columns(rows)  # a town in lower case


def test_a_span_cut_at_a_hyphen_before_a_lower_case_word_is_no_name_or_place():
    from llmdata.transforms.pii_names import plausible

    text = "Keyword-only parameters and Init-only variables; the office in Saint-Denis."
    assert not plausible("LOCATION", text, 0, len("Keyword-"))
    assert not plausible("LOCATION", text, text.index("Init"), text.index("Init") + 5)
    assert plausible("LOCATION", text, text.index("Saint"), text.index("."))


def test_writes_is_a_name_cue_on_an_attribution_line_only_and_an_acronym_plural_is_no_given_name():
    from llmdata.transforms.pii_given_names import is_given_name, may_be_given_name

    assert ("PERSON", "Ana Copa") in found("Ana Copa wrote:\n> the refund went out on Monday")
    text = "write_through\n\nWhether writes are passed immediately to the underlying binary buffer."
    assert not {entity for entity, _ in found(text)}
    assert not is_given_name("APIs") and not may_be_given_name("URLs")
    assert ("PERSON", "Subprocess APIs") not in found("In addition, asyncio’s Subprocess APIs provide a way in.")
    assert is_given_name("DeShawn") and may_be_given_name("McKenzie")


def test_patch_trailers_display_names_given_name_labels_and_birthplaces_in_capitals():
    trailers = ("Reported-by: Ruby Lempira <alempira@yahoo.com>\n"
                "+M:\tCesária Fortes <valentinaalves@clix.pt>\n L:\tnetdev@vger.kernel.org\n")
    spans = found(trailers)
    assert {("PERSON", "Ruby Lempira"), ("PERSON", "Cesária Fortes")} <= spans
    assert ("EMAIL_ADDRESS", "netdev@vger.kernel.org") not in spans  # a list's address reaches nobody in particular
    form = "Surname / Nom: CHIRWA\nGiven names / Prénoms: BLESSINGS\nPlace of birth: NTCHEU\n"
    assert {("PERSON", "CHIRWA"), ("PERSON", "BLESSINGS"), ("LOCATION", "NTCHEU")} <= found(form)
    assert ("PERSON", "SALES TEAM") not in found("CONTACT: SALES TEAM\n")  # an everyday phrase after a name label


def test_role_and_list_mailboxes_are_no_personal_addresses():
    from llmdata.transforms.pii import personal_email

    assert not personal_email("billing@acme-shop.example") and not personal_email("debian-devel@lists.debian.org")
    assert not personal_email("netdev@vger.kernel.org") and personal_email("a.copa+billing@yahoo.com")


def test_a_pager_option_cues_the_number_after_it_even_in_a_code_block(settings):
    text = "```\nacme-sync --page 6746011 220.244.6.109\n```\nread 6746011 bytes from the page cache\n"
    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    spans = [(s.entity, text[s.start:s.end]) for s in detect(text, policy, settings.pii_spacy_model, False, ("MV",))]
    assert spans.count(("PHONE_NUMBER", "6746011")) == 1  # the option's value; not the byte count


def test_a_distinguished_names_locality_a_camel_case_key_and_a_qualified_city_column_name_a_place():
    audit = 'MOD dn="cn=Kabelo Seretse,l=Kanye se,ou=Customers,dc=acme,dc=example"\n'
    assert ("LOCATION", "Kanye se") in found(audit)
    assert not any(e == "LOCATION" for e, _ in found('BIND dn="uid=svc-sync,ou=Services,dc=acme,dc=example"\n'))
    jsonld = '{"@type": "PostalAddress", "addressLocality": "Madīnat ‘Īsá", "postalCode": "11001"}'
    assert ("LOCATION", "Madīnat ‘Īsá") in found(jsonld)  # a transliterated ayn is part of the name
    outlook = ('"First Name","Last Name","Business City","Mobile Phone"\n'
               '"Lorato","Mogae","Manyana","71101593"\n')
    assert ("LOCATION", "Manyana") in {(e, outlook[a:b]) for a, b, e in table_columns(outlook)}


def test_a_card_on_file_is_a_card_and_a_sip_uris_number_is_a_phone_not_an_address(settings):
    text = ('"card on file 5020-5604-7819"\n'
            'From: "Nayeli Mejía" <sip:+50521504776@pbx.acme-telecom.example>;tag=1928301774\n'
            'P-Asserted-Identity: "Nayeli Mejía" <tel:+50521504776>\n')
    spans = {(s.entity, text[s.start:s.end]) for s in detect(text, POLICY, settings.pii_spacy_model, True, ("NI",))}
    assert ("CREDIT_CARD", "5020-5604-7819") in spans
    assert ("PHONE_NUMBER", "+50521504776") in spans and ("PERSON", "Nayeli Mejía") in spans
    assert not any(e == "EMAIL_ADDRESS" for e, _ in spans)  # the URI's user part is the number
    assert not any("1928301774" in value for _, value in spans)  # a SIP header parameter, no phone


def test_property_list_keys_fhir_name_parts_and_irc_real_names_name_people():
    """macOS Contacts writes a name's parts under the <key>s "First" and "Last"; FHIR writes "family" and a
    "given" list, or the name whole in a name object's "text"; IRC's /whois prints the real name after
    "ircname"."""
    plist = ("<dict>\n\t<key>First</key>\n\t<string>Tšepo</string>\n\t<key>Last</key>\n\t<string>Matekane</string>\n"
             "\t<key>City</key>\n\t<string>Mafeteng</string>\n\t<key>Theme</key>\n\t<string>Dark</string>\n</dict>")
    assert found(plist) >= {("PERSON", "Tšepo"), ("PERSON", "Matekane"), ("LOCATION", "Mafeteng")}
    assert ("PERSON", "Dark") not in found(plist)
    patient = ('{"resourceType": "Patient", "name": [{"use": "official", "family": "Nxumalo",\n'
               '  "given": [\n    "Zanele",\n    "Thembi"\n  ]}],\n'
               '  "contact": [{"name": {"use": "usual", "text": "Bheki Shongwe"}}]}')
    assert found(patient) >= {("PERSON", "Nxumalo"), ("PERSON", "Zanele"), ("PERSON", "Thembi"),
                              ("PERSON", "Bheki Shongwe")}
    font = '{"font": {"family": "Noto Sans", "size": 12}, "legend": {"text": "Monthly Totals"}}'
    assert quoted_fields(font) == []  # a font's family, a legend's text: no "given" near, no name object
    whois = "09:16 -!- guest4108 [~u@41.203.4.7]\n09:16 -!-  ircname  : Ntombi Kunene\n09:16 -!-  channels : #ops\n"
    assert ("PERSON", "Ntombi Kunene") in found(whois)


def test_a_family_name_and_a_postnom_in_capitals_before_the_given_name():
    """Congolese records write NOM POSTNOM Prénom: both capitals words belong to the name."""
    assert ("PERSON", "MUKWEGE ILUNGA Édith") in found("Enregistré par MUKWEGE ILUNGA Édith le 3 novembre.")
    assert not any(text.startswith("HTTP") for _, text in found("See the HTTP API Reference for details."))


def test_a_labelled_name_keeps_its_type_and_a_login_at_an_address_is_no_mailbox(settings):
    """A name after its field label stays a person though the model reads a place; "~guest@41.203.4.7" in an IRC
    hostmask is an IP address after a login, not an e-mail address."""
    spans = {(text[s.start:s.end], s.entity) for text in (
        "surname: Ntsekhe\ngiven names: Lineo\n",
        "09:12 -!- guest4108 [~guest4108@41.203.4.7] has joined #acme-support\n")
        for s in detect(text, POLICY, settings.pii_spacy_model, ner=True)}
    assert {("Ntsekhe", "PERSON"), ("Lineo", "PERSON"), ("41.203.4.7", "IP_ADDRESS")} <= spans
    assert not any(entity == "EMAIL_ADDRESS" for _, entity in spans)


def test_a_heading_of_everyday_words_is_no_name_though_its_first_word_is_a_given_name_somewhere():
    """"Memory" is a common given name in Zimbabwe; "Memory Management" is a chapter. "Baker" is a family name, so
    "Rose Baker" stays a person."""
    assert found("See Memory Management and Memory Views for details.") == set()
    assert ("PERSON", "Rose Baker") in found("I met Rose Baker yesterday.")
