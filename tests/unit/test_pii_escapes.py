"""Escaped text is read as its reader reads it, and every decoded value maps back to its whole escape."""

from __future__ import annotations

import json
import quopri
import urllib.parse

from llmdata.transforms.pii_escapes import decode


def _source_of(text: str, value: str) -> str:
    decoded = decode(text)
    assert decoded is not None, text
    start = decoded.text.index(value)
    source_start, source_end = decoded.source_span(start, start + len(value))
    return text[source_start:source_end]


def test_json_unicode_escapes_and_surrogate_pairs_decode_and_map_to_the_whole_escape():
    name = "Ana Benítez Раҳимов 𝒜"
    text = '{"full_name": ' + json.dumps(name) + ', "city": "Asunci\\u00f3n", "n": 3}'
    assert decode(text).text == '{"full_name": "Ana Benítez Раҳимов 𝒜", "city": "Asunción", "n": 3}'
    assert _source_of(text, "Benítez") == "Ben\\u00edtez"
    assert _source_of(text, "𝒜") == "\\ud835\\udc9c"


def test_mime_encoded_words_decode_and_an_escaped_backslash_is_no_escape():
    header = "From: =?UTF-8?Q?Ana_Ben=C3=ADtez?= <ana@northwind.bo>\nTo: =?utf-8?B?0KTQsNGA0LjQtNGD0L0=?= <f@x.tj>\n"
    decoded = decode(header).text
    assert decoded.startswith("From: Ana Benítez <ana@northwind.bo>\nTo: Фаридун <f@x.tj>")
    assert _source_of(header, "Benítez") == "=?UTF-8?Q?Ana_Ben=C3=ADtez?="  # the whole encoded word
    assert decode('price: "10\\\\u20ac"') is None  # a backslash, then the letters u20ac


def test_rtf_prints_its_text_with_line_breaks_and_hides_its_font_table():
    text = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}}\n\\f0\\pard\\b Customer:\\b0  "
            "Ana Ben\\'edtez\\par\n\\b Town:\\b0  \\u1056?\\u1072?\\u1093?imov\\par\n"
            '{\\field{\\*\\fldinst HYPERLINK "mailto:a@b.com"}{\\fldrslt a@b.com}}\\par\n}')
    decoded = decode(text)
    assert decoded.text.split("\n") == ["Customer: Ana Benítez", "Town: Рахimov", 'HYPERLINK "mailto:a@b.com"a@b.com',
                                        ""]
    assert _source_of(text, "Benítez") == "Ben\\'edtez"
    assert _source_of(text, "Рах") == "\\u1056?\\u1072?\\u1093?"  # the fallback character goes with its escape


def test_a_form_body_reads_as_its_fields_with_plus_a_space_and_percent_escapes_utf8_bytes():
    body = urllib.parse.urlencode({"full_name": "Ana Benítez", "phone": "+595 21 123456", "email": "a@b.com"})
    text = f"> POST /signup HTTP/1.1\n>\n{body}\n"
    assert decode(text).text.endswith("full_name: Ana Benítez\nphone: +595 21 123456\nemail: a@b.com\n")
    assert _source_of(text, "Ana Benítez") == "Ana+Ben%C3%ADtez"
    # Outside a form run only multi-byte characters are decoded: "100%" and "a+b" in prose are left alone.
    assert decode("a+b is 100% sure, caf%C3%A9").text == "a+b is 100% sure, café"


def test_quoted_printable_decodes_after_its_header_with_soft_breaks_and_undeclared_runs():
    body = quopri.encodestring("Hello Benítez — the card was charged 12,50 €.".encode()).decode()
    text = f"Subject: hi\nContent-Transfer-Encoding: quoted-printable\n\n{body}\nlong=\nline x=3Dy\n"
    decoded = decode(text).text
    assert "Hello Benítez — the card was charged 12,50 €." in decoded and "longline x=y" in decoded
    assert _source_of(text, "Benítez") == "Ben=C3=ADtez"
    assert decode("pasted: Ben=C3=ADtez, x=3D1").text == "pasted: Benítez, x=3D1"  # no header: UTF-8 runs only


def test_adif_and_php_records_read_as_label_lines_and_their_tags_map_to_nothing_of_the_value():
    adif = ("<ADIF_VER:5>3.1.4 <EOH>\n<CALL:5>ZP5KX <QSO_DATE:8>20261128 <NAME_INTL:11>Ana Benítez "
            "<QTH:7>Itauguá <COMMENT:15>tel 0961 588739 <EOR>\n")
    lines = decode(adif).text.split("\n")
    assert "name: Ana Benítez " in lines and "city: Itauguá " in lines and "qso date: 20261128 " in lines
    assert _source_of(adif, "Itauguá") == "Itauguá"
    php = 'user|a:3:{s:4:"name";s:12:"Ana Benítez";s:4:"city";s:7:"Ivokely";s:2:"id";i:884120;}'
    lines = decode(php).text.split("\n")
    assert lines[1:4] == ["name: Ana Benítez", "city: Ivokely", "id: 884120}"]
    assert _source_of(php, "name: Ana") == 's:4:"name";s:12:"Ana'


def test_text_without_a_notation_is_not_decoded():
    for text in ("Plain prose, 100% sure; a=b&c=d.", "C:\\users\\ana", "x = 3", "{\\bf not rtf}", ""):
        assert decode(text) is None, text


def test_a_value_behind_an_escape_is_redacted_in_the_source_escape_and_all(settings):
    from llmdata.transforms.pii import detect, load_pii_policy, redact_text
    from tests.conftest import ROOT

    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    form = "> POST /signup HTTP/1.1\n>\nfull_name=Anna+Schneider&email=anna.schneider%40northwind.bo&consent=1\n"
    redacted, counts, _ = redact_text(form, policy, b"")
    assert "northwind" not in redacted and "%40" not in redacted and counts["EMAIL_ADDRESS"] == 1
    log = '{"event": "profile.updated", "changes": {"full_name": "Ren\\u00e9e Wohlleben-K\\u00fcrschner"}}'
    spans = detect(log, policy, settings.pii_spacy_model, ner=True)
    assert ("Ren\\u00e9e Wohlleben-K\\u00fcrschner", "PERSON") in [(log[s.start:s.end], s.entity) for s in spans]



def test_hl7_names_addresses_and_phones_read_as_label_lines():
    message = ("MSH|^~\\&|REGADT|MCM|LAB|MCM|20261201091422||ADT^A04|MSG1|P|2.5.1\n"
               "PID|1||884120^^^MCM^MR||Copa^José^^^MR||19800412|F|||Calle 12^^Qollawasi^^0000^BO||"
               "2 2907465^PRN^PH~^NET^X.400^ana@lopez.bo\nNK1|1|Quispe Flores^Elena|SPO^Spouse||2 2166025\n")
    lines = decode(message).text.split("\n")
    assert {"name: Copa José MR", "city: Qollawasi", "phone: 2 2907465 PRN PH", "name: Quispe Flores Elena",
            "phone: 2 2166025"} <= set(lines)
    assert _source_of(message, "Quispe Flores Elena") == "Quispe Flores^Elena"


def test_a_compact_timestamp_is_neither_a_card_nor_a_phone():
    from llmdata.transforms.pii import load_pii_policy, redact_text, timestamp
    from tests.conftest import ROOT

    assert timestamp("20261201091422") and timestamp("202612010914") and not timestamp("30569309025904")
    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    text = "MSH|^~\\&|REGADT|MCM|LAB|MCM|20261201091422||ADT^A04|MSG1|P|2.5.1\nEVN|A04|20261201091422\n"
    assert redact_text(text, policy, b"")[0] == text


def test_an_hl7_birth_date_is_a_date_and_a_middle_initial_is_part_of_the_name(settings):
    from llmdata.transforms.pii import detect, load_pii_policy
    from tests.conftest import ROOT

    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    message = ("MSH|^~\\&|ADT|MCM|||20261201091422||ADT^A01|884120|P|2.5\n"
               "PID|1||884120^^^MCM^MR||Callisaya^José^R||19800412|F|||Calle 12^^Sucre^^0000^BO||+59122126438\n")
    assert "birth date: 19800412" in decode(message).text.split("\n")
    spans = [(message[s.start:s.end], s.entity) for s in detect(message, policy, settings.pii_spacy_model, ner=True,
                                                                regions=("US", "BO"))]
    assert ("Callisaya^José^R", "PERSON") in spans and ("+59122126438", "PHONE_NUMBER") in spans
    assert not any("19800412" in value for value, _ in spans)


def test_labels_printed_two_across_are_read_a_column_at_a_time(settings):
    from llmdata.transforms.pii import detect, load_pii_policy
    from tests.conftest import ROOT

    sheet = ("Lemalu Mata'afa                           Sione Fa'asavalu\n"
             "Calle Comercio 214                        Casilla 4410\n"
             "Vaovai                                    Nofoali‘i\n"
             "+68522342                                 teuila.toleafoa@gmail.com\n")
    decoded = decode(sheet)
    assert decoded.text.split("\n\n")[0] == "Lemalu Mata'afa\nCalle Comercio 214\nVaovai\n+68522342"
    assert _source_of(sheet, "Nofoali‘i") == "Nofoali‘i"
    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    spans = [(sheet[s.start:s.end], s.entity) for s in detect(sheet, policy, settings.pii_spacy_model, ner=True,
                                                              regions=("US", "WS"))]
    assert {("Vaovai", "LOCATION"), ("Nofoali‘i", "LOCATION"), ("Sione Fa'asavalu", "PERSON")} <= set(spans)
    assert [s for s in spans if "Calle" in s[0]] == [] and spans == sorted(spans, key=lambda s: sheet.index(s[0]))
    # a key and value layout's first column is labels, not values: it stays as it is
    assert decode("Name        Ana Benítez\nCity        Lima\nPhone       +51 912 345 678\n") is None


def test_terminal_colour_codes_print_nothing_and_a_value_glued_to_one_is_read_whole():
    text = "\x1b[2m10:12:44\x1b[0m \x1b[36mcard\x1b[0m=\x1b[35m4111 1111 1111 1111\x1b[0m \x1b]0;title\x07done\n"
    assert decode(text).text == "10:12:44 card=4111 1111 1111 1111 done\n"
    assert _source_of(text, "4111 1111 1111 1111") == "4111 1111 1111 1111"


def test_a_base64_text_part_decodes_and_maps_to_the_characters_that_carry_its_bits():
    import base64

    body = "Dear support,\nmy name is Ana Benítez and I moved to Sucre.\n".encode()
    encoded = base64.b64encode(body).decode()
    pdf = base64.b64encode(b"%PDF-1.4\n\xff\xfe\x00").decode()
    text = ("Content-Type: multipart/mixed; boundary=b1\n\n--b1\nContent-Type: text/plain; charset=UTF-8\n"
            "Content-Transfer-Encoding: base64\n\n" + encoded[:40] + "\n" + encoded[40:] + "\n--b1\n"
            "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n" + pdf + "\n--b1--\n")
    decoded = decode(text)
    assert "my name is Ana Benítez and I moved to Sucre." in decoded.text and pdf in decoded.text
    carried = _source_of(text, "Ana Benítez").replace("\n", "")
    value = "Ana Benítez".encode()
    start = body.index(value)
    assert base64.b64decode(encoded)[start:start + len(value)] == value
    assert carried == encoded[start * 8 // 6:((start + len(value)) * 8 + 5) // 6]


def test_roff_escapes_and_a_passport_machine_readable_zone_read_as_their_readers_see_them(settings):
    from llmdata.transforms.pii import detect, load_pii_policy
    from tests.conftest import ROOT

    roff = ('.TH "ACME" "1"\n.SH AUTHORS\n'
            'Written by \\fBAna P\\(\'erez\\fR, Tegucigalpa office; J\\[u00FC]rgen \\- it\\(aqs\n')
    assert "Written by Ana Pérez, Tegucigalpa office; Jürgen - it's" in decode(roff).text
    assert _source_of(roff, "Pérez") == "P\\('erez"
    mrz = "P<HND" + "ZELAYA<CALIX<<ANA<MARIA".ljust(39, "<") + "\nBW88684573HTI8511283F2803238<<<<<<<<<<<<<<02\n"
    decoded = decode(mrz).text
    assert "surname: ZELAYA CALIX" in decoded and "given names: ANA MARIA" in decoded
    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    spans = detect(mrz, policy, settings.pii_spacy_model, True, ("HN",))
    names = [mrz[s.start:s.end] for s in spans if s.entity == "PERSON"]
    assert any("ZELAYA" in n for n in names) and any("MARIA" in n for n in names)
    assert not [s for s in spans if s.entity == "IBAN_CODE"]  # the second line is no IBAN, whatever its checksum


def _spans(text: str, settings, regions: tuple[str, ...] = ("US",)) -> list[tuple[str, str]]:
    from llmdata.transforms.pii import detect, load_pii_policy
    from tests.conftest import ROOT

    policy = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")
    return [(text[s.start:s.end], s.entity) for s in detect(text, policy, settings.pii_spacy_model, ner=True,
                                                            regions=regions)]


def test_word_runs_split_by_spell_check_marks_read_as_one_name_and_redaction_keeps_the_tags(settings):
    xml = ('<w:document><w:body><w:p><w:r><w:t xml:space="preserve">Dear </w:t></w:r><w:proofErr w:type="spellStart"/>'
           '<w:r><w:t>Maria</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve"> </w:t></w:r>'
           '<w:r><w:t>Ouédraogo</w:t></w:r><w:r><w:t>,</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>IBAN</w:t>'
           '</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>DE89 3704 0044 0532 0130 00</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
           '<w:p><w:ins w:author="Awa Traoré"><w:r><w:t>Tom &amp; Jerry</w:t></w:r></w:ins></w:p>'
           '</w:body></w:document>')
    assert decode(xml).text == ("Dear Maria Ouédraogo,\nIBAN\tDE89 3704 0044 0532 0130 00\t\n"
                                "\nauthor: Awa Traoré\nTom & Jerry\n")
    spans = _spans(xml, settings)
    # the name is redacted run by run: every tag between its parts stays
    assert ("Maria", "PERSON") in spans and ("Ouédraogo", "PERSON") in spans
    assert ("DE89 3704 0044 0532 0130 00", "IBAN_CODE") in spans and ("Awa Traoré", "PERSON") in spans
    assert all("<" not in value for value, _ in spans)
    # text outside any run, as when a mail quotes the XML, is still read
    quoted = "Please check this fragment from Ana Copa (+591 2 2123456):\n<w:p><w:r><w:t>Sucre</w:t></w:r></w:p>\n"
    assert decode(quoted).text.startswith("Please check this fragment from Ana Copa (+591 2 2123456):")


def test_x12_segments_label_names_towns_and_phones_and_their_control_numbers_are_no_phones(settings):
    edi = ("ISA*00*          *00*          *ZZ*ACMEHR         *ZZ*BENEFITCO      *261103*1012*^*00501*000000905*0*P*:"
           "~\n"
           "GS*BE*ACMEHR*BENEFITCO*20261103*1012*905*X*005010X220A1~\nST*834*0001*005010X220A1~\n"
           "REF*0F*152239999~\nNM1*IL*1*OUEDRAOGO*ADAMA*K***34*212345678~\nPER*IP**HP*2125550143*EM*A.O@MAIL.BF~\n"
           "N3*SECTEUR 15~\nN4*KOUDOUGOU**0801~\nNM1*P5*2*ACME HEALTH PLAN~\nSE*8*0001~\nGE*1*905~\nIEA*1*000000905~\n")
    lines = decode(edi).text.split("\n")
    assert {"surname: OUEDRAOGO", "given names: ADAMA", "city: KOUDOUGOU", "phone: 2125550143",
            "control number: 000000905", "reference: 152239999"} <= set(lines)
    assert "surname: ACME HEALTH PLAN" not in lines  # NM102 = 2: an organisation
    spans = _spans(edi, settings)
    assert {("OUEDRAOGO", "PERSON"), ("ADAMA", "PERSON"), ("KOUDOUGOU", "LOCATION"),
            ("2125550143", "PHONE_NUMBER")} <= set(spans)
    assert not any(value in ("000000905", "152239999", "905") for value, _ in spans)


def test_asterisk_call_records_name_the_caller_and_their_number(settings):
    cdr = ('"","7412515","100","from-trunk","""Sukarno Brunswijk"" <7412515>","SIP/trunk-00000a1f",'
           '"SIP/100-00000a20","Dial","SIP/100,30,tT","2026-11-03 10:12:44","2026-11-03 10:12:49",'
           '"2026-11-03 10:14:53",129,124,"ANSWERED","DOCUMENTATION","1667470364.2591",""\n')
    spans = _spans(cdr, settings, ("US", "SR"))
    assert spans[:3] == [("7412515", "PHONE_NUMBER"), ("Sukarno Brunswijk", "PERSON"), ("7412515", "PHONE_NUMBER")]
    assert not any(value in ("100", "1667470364.2591") for value, _ in spans)


def test_a_business_card_read_by_ocr_keeps_its_labels_title_and_town_apart(settings):
    card = ("ACME TRADING S.A.\n\nHodan Daahir\nSenior Account Manager\n\nTe1.: 7 1164567  |  Mobi1e 61 234 567\n"
            "E-mai1: hodan@acme.so\n\nEdificio Torre Global, piso 12\nBeled ur\n")
    assert "Tel.: 7 1164567  |  Mobile 61 234 567\nE-mail:" in decode(card).text
    spans = _spans(card, settings, ("US", "SO"))
    assert {("Hodan Daahir", "PERSON"), ("7 1164567", "PHONE_NUMBER"), ("Beled ur", "LOCATION")} <= set(spans)
    assert not any(value.startswith(("Senior", "Edificio")) for value, _ in spans)


def test_a_zpl_label_prints_its_fields_decodes_hex_escapes_and_skips_barcodes(settings):
    label = ("^XA\n^CI28\n^FO40,120^A0N,44,44^FH^FDJos_C3_A9 Ben_C3_ADtez^FS\n"
             "^FO40,175^A0N,36,36^FDCalle Comercio 214^FS\n"
             "^FO40,220^A0N,44,44^FDSucre^FS\n^FO40,275^FDTel. +591 2 2123456^FS\n"
             "^FO40,380^BY3^BCN,140,Y,N,N^FD4839201000017^FS\n^XZ\n")
    assert decode(label).text == "José Benítez\nCalle Comercio 214\nSucre\nTel. +591 2 2123456\n"
    assert _source_of(label, "José") == "Jos_C3_A9"
    spans = _spans(label, settings, ("US", "BO"))
    assert {("Jos_C3_A9 Ben_C3_ADtez", "PERSON"), ("Sucre", "LOCATION"), ("+591 2 2123456", "PHONE_NUMBER")} <= set(
        spans)
    assert not any("4839201000017" in value for value, _ in spans)


def test_bibtex_fields_tex_accents_and_addresses_written_against_harvesters(settings):
    bib = ("@techreport{acme2026tr61,\n  author      = {Ke{\\\"i}ta, Adama and Mr Sissoko},\n"
           "  editor      = {Lassana Traor{\\'e}},\n  title       = {Refund handling},\n  address     = {Niono},\n}\n")
    decoded = decode(bib).text
    assert "name: Keïta, Adama\n" in decoded and "name: Mr Sissoko\n" in decoded and "city: Niono\n" in decoded
    spans = _spans(bib, settings)
    assert {("Lassana Traor{\\'e}", "PERSON"), ("Niono", "LOCATION")} <= set(spans)
    archive = ("vieiradiana at santos.pt (Leonor Alkatiri)\nWrite to ana.copa (at) example [dot] bo if it happens.\n"
               "The manual is available at python.org and we met at acme.com. Qt at qt.io.\n"
               "Or write to khill at yahoo.com and pnwr-aldyn at yahoo.com.\n")
    assert decode(archive).text.startswith("vieiradiana@santos.pt (Leonor Alkatiri)\nWrite to ana.copa@example.bo if")
    emails = [value for value, entity in _spans(archive, settings) if entity == "EMAIL_ADDRESS"]
    assert emails == ["vieiradiana at santos.pt", "ana.copa (at) example [dot] bo", "khill at yahoo.com",
                      "pnwr-aldyn at yahoo.com"]


def test_a_copy_dump_labels_each_cell_with_its_column_and_shared_strings_join_runs(settings):
    dump = ("COPY public.customers (id, full_name, city, phone, notes) FROM stdin;\n"
            "10420\tLesieli Hufanga\tFua'amotu\t+67620251\t\\N\n\\.\n")
    lines = decode(dump).text.split("\n")
    assert {"full name: Lesieli Hufanga", "city: Fua'amotu", "phone: +67620251"} <= set(lines)
    assert {("Lesieli Hufanga", "PERSON"), ("Fua'amotu", "LOCATION")} <= set(_spans(dump, settings, ("US", "TO")))
    sheet = ('<?xml version="1.0"?>\n<sst count="3"><si><t>Customer</t></si><si><r><t xml:space="preserve">Adama '
             '</t></r><r><rPr><b/></rPr><t>Ouédraogo</t></r></si><si><t>Tom &amp; Jerry</t></si></sst>')
    assert decode(sheet).text == "Customer\nAdama Ouédraogo\nTom & Jerry\n"


def test_a_dates_weekday_and_month_are_no_name(settings):
    text = "From: padronestela at club.com (Claudio Bukele)\nTue Nov  3 10:12:44 CET 2026\n\nHello list,\n"
    assert not any(value.startswith("Tue") for value, _ in _spans(text, settings))


def test_a_swift_payment_labels_its_customers_name_and_town_lines(settings):
    """MT103's :50K: and :59: hold an account line, a name line, address lines and the town, upper case without
    accents; the structured 50F writes them "1/" and "3/CC/"."""
    message = ("{1:F01ACMEDEFFAXXX0000004839}{2:I103BANKGALIXXXXN}{4:\n:20:REF4839201\n:32A:261103EUR62648,54\n"
               ":50K:/GW48D56178124317944880004\nJALLAH TARR\nCALLE 12 NO 4-20\nSANNIQUELLE\n:52A:ACMEDEFFXXX\n"
               ":59:/AE243695151154613973649\nKORPO KOLLIE\nBUCHANAN\n:70:INV 2026-0413 TEL +231 77 012 3456\n"
               ":50F:/DE89370400440532013000\n1/MUSU ZOGBAYE\n2/12 ASHMUN STREET\n3/LR/VOINJAMA\n-}")
    decoded = decode(message).text
    assert {"name: JALLAH TARR", "city: SANNIQUELLE", "name: KORPO KOLLIE", "city: BUCHANAN", "name: MUSU ZOGBAYE",
            "city: VOINJAMA"} <= set(decoded.split("\n"))
    assert "city: CALLE 12 NO 4-20" not in decoded and "2/12 ASHMUN STREET" in decoded
    spans = set(_spans(message, settings, ("US", "LR")))
    assert {("JALLAH TARR", "PERSON"), ("SANNIQUELLE", "LOCATION"), ("KORPO KOLLIE", "PERSON"),
            ("BUCHANAN", "LOCATION"), ("MUSU ZOGBAYE", "PERSON"), ("VOINJAMA", "LOCATION"),
            ("+231 77 012 3456", "PHONE_NUMBER")} <= spans
    assert not any(value == "2026-0413" for value, _ in spans)


def test_an_opendocument_sheet_reads_as_a_table_whose_header_names_its_columns(settings):
    """content.xml's cells tab-separated, rows a line each, a name formatted apart in a span joined, a row's
    trailing repeated blank cells dropped; the header's cells are no values and "Carte" is a card column."""
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    header = "".join(cell.format(h) for h in ("Client", "Ville", "Téléphone", "Carte"))
    row = ('<table:table-cell office:value-type="string"><text:p>Musu <text:span text:style-name="T1">Zogbaye'
           "</text:span></text:p></table:table-cell>" + cell.format("Voinjama") + cell.format("+231 77 012 3456")
           + cell.format("5836 4576 0716") + '<table:table-cell table:number-columns-repeated="1020"/>')
    sheet = ('<office:document-content><office:body><office:spreadsheet><table:table table:name="Clients">'
             f"<table:table-row>{header}</table:table-row><table:table-row>{row}</table:table-row>"
             "</table:table></office:spreadsheet></office:body></office:document-content>")
    assert decode(sheet).text == ("Client\tVille\tTéléphone\tCarte\nMusu Zogbaye\tVoinjama\t+231 77 012 3456\t"
                                  "5836 4576 0716\n")
    spans = {(value.strip(), entity) for value, entity in _spans(sheet, settings, ("US", "LR"))}
    assert {("Musu", "PERSON"), ("Zogbaye", "PERSON"), ("Voinjama", "LOCATION"), ("5836 4576 0716", "CREDIT_CARD"),
            ("+231 77 012 3456", "PHONE_NUMBER")} <= spans
    assert not {value for value, _ in spans} & {"Clients", "Carte", "Téléphone", "Ville"}


def test_a_zone_files_mailboxes_read_as_addresses_and_its_serial_is_no_phone(settings):
    """RFC 1035 writes the SOA's responsible mailbox as a domain name whose first unescaped dot is the "@", a dot
    inside the local part escaped ("palesa\\.mokoena"); RP records write theirs the same way."""
    zone = ("$ORIGIN lesothopost.co.ls.\n$TTL 3600\n"
            "@\tIN\tSOA\tns1.lesothopost.co.ls. palesa\\.mokoena.lesothopost.co.ls. (\n"
            "\t\t2026110301 ; serial\n\t\t7200 3600 1209600 3600 )\n\tIN\tNS\tns1.lesothopost.co.ls.\n"
            "@\tIN\tRP\ttsepo+dns.mailbox.co.ls. contact.lesothopost.co.ls.\n")
    decoded = decode(zone).text
    assert "palesa.mokoena@lesothopost.co.ls" in decoded and "tsepo+dns@mailbox.co.ls" in decoded
    assert _source_of(zone, "palesa.mokoena@lesothopost.co.ls") == "palesa\\.mokoena.lesothopost.co.ls"
    spans = set(_spans(zone, settings, ("US", "LS")))
    assert {("palesa\\.mokoena.lesothopost.co.ls", "EMAIL_ADDRESS"),
            ("tsepo+dns.mailbox.co.ls", "EMAIL_ADDRESS")} <= spans
    assert not any(entity == "PHONE_NUMBER" for _, entity in spans)  # the serial, the timers
    assert not any(value.startswith("ns1") for value, _ in spans)  # the name server is a host, not a mailbox


def test_a_marc_record_labels_its_people_and_its_place_of_publication(settings):
    """MarcEdit's mnemonic form and yaz-marcdump's lines: an author inverted after indicator 1 ("Family, Given"),
    the statement of responsibility after "$c", the place of publication in 264 "$a", a donor in 541 "$a"."""
    mnemonic = ("=LDR  00000nam a2200000 i 4500\n=100  1\\$aNtsekhe, Lineo,$eauthor.\n"
                "=245  10$aLipale tsa Lesotho /$cLineo Ntsekhe.\n=264  \\1$aTeyateyaneng :$bMorija Books,$c2026.\n"
                "=541  1\\$cGift;$aThabo Letsie,$d20261103.\n=650  \\0$aFolklore$zLesotho.\n")
    lines = set(decode(mnemonic).text.split("\n"))
    assert {"surname: Ntsekhe", "given names: Lineo", "name: Lineo Ntsekhe", "city: Teyateyaneng",
            "name: Thabo Letsie"} <= lines
    assert not any("Folklore" in line for line in lines if ":" in line)  # a subject heading is no one
    spans = set(_spans(mnemonic, settings, ("US", "LS")))
    assert {("Ntsekhe", "PERSON"), ("Lineo", "PERSON"), ("Lineo Ntsekhe", "PERSON"),
            ("Teyateyaneng", "LOCATION"), ("Thabo Letsie", "PERSON")} <= spans
    yaz = "001 ocm494729254\n100 1  $a Dlamini, Sibusiso, $e author.\n264  1 $a Manzini : $b Acme, $c 2026.\n"
    assert {"surname: Dlamini", "given names: Sibusiso", "city: Manzini"} <= set(decode(yaz).text.split("\n"))


def test_a_certificate_listing_names_its_subject_and_glued_addresses_and_not_its_issuer_or_field_labels(settings):
    """openssl's `x509 -text`: the subject's "L = …" is a town, "IP Address:" is glued to an IPv6 address, the
    issuer's CN is a certificate authority and "Public Key Algorithm:" a field."""
    certificate = ("        Issuer: C = LS, O = Acme Internal CA, CN = Acme Issuing CA 2\n"
                   "        Subject: C = LS, L = Teyateyaneng, O = Acme Logistics, CN = Palesa Mokoena\n"
                   "        Subject Public Key Info:\n            Public Key Algorithm: rsaEncryption\n"
                   "            X509v3 Subject Alternative Name: \n"
                   "                email:palesa@lesothopost.co.ls, "
                   "IP Address:2A02:C7F:8E1B:4400:1C2D:3E4F:5A6B:7C8D\n")
    spans = set(_spans(certificate, settings, ("US", "LS")))
    assert {("Teyateyaneng", "LOCATION"), ("Palesa Mokoena", "PERSON"),
            ("2A02:C7F:8E1B:4400:1C2D:3E4F:5A6B:7C8D", "IP_ADDRESS")} <= spans
    assert not any(value.startswith(("Acme", "Public")) for value, _ in spans)


def test_a_passwd_files_gecos_fields_and_a_photos_metadata_are_read_field_by_field(settings):
    """passwd(5): a person's account's GECOS is "Full Name,Room,Work phone,Home phone,Other"; system accounts
    name no one. exiftool pads tag names to 32 columns: "Artist" names a person, "File Size" and "Camera Model
    Name" do not."""
    passwd = ("root:x:0:0:root:/root:/bin/bash\nlist:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\n"
              "u48213:x:1001:1001:Ntombi Kunene,Room 12,2404 5678,7612 3456,:/home/u48213:/bin/bash\n")
    lines = set(decode(passwd).text.split("\n"))
    assert {"name: Ntombi Kunene", "work phone: 2404 5678", "home phone: 7612 3456"} <= lines
    assert not any("Mailing" in line for line in lines if line.startswith("name: "))
    spans = set(_spans(passwd, settings, ("US", "SZ")))
    assert {("Ntombi Kunene", "PERSON"), ("2404 5678", "PHONE_NUMBER"), ("7612 3456", "PHONE_NUMBER")} <= spans
    exif = "".join(f"{tag:<32}: {value}\n" for tag, value in (
        ("File Name", "IMG_4432.jpg"), ("File Size", "2.4 MB"), ("Make", "Canon"),
        ("Camera Model Name", "Canon EOS 90D"), ("Artist", "Ndey Sanneh"), ("GPS Position", "13 deg 27' N")))
    spans = set(_spans(exif, settings))
    assert ("Ndey Sanneh", "PERSON") in spans
    assert not any(value in ("File Size", "Canon", "GPS Position") for value, _ in spans)


def test_a_notebooks_lines_are_read_as_printed_and_a_dataframes_right_aligned_columns_name_their_cells(settings):
    """nbformat 4 keeps each line of an output as a JSON string; pandas right-aligns a DataFrame's columns under
    their names, an index before them. The phone column is a short national number's only cue."""
    rows = [("Ntombi Kunene", "Manzini", "76123456"), ("Sipho Dlamini", "Lobamba", "24045678")]
    widths = [max(len(header), *(len(row[i]) for row in rows)) for i, header in enumerate(("name", "town", "phone"))]
    table = [" " + "".join(f"  {h:>{w}}" for h, w in zip(("name", "town", "phone"), widths, strict=True))]
    table += [f"{i}" + "".join(f"  {v:>{w}}" for v, w in zip(row, widths, strict=True)) for i, row in enumerate(rows)]
    notebook = json.dumps({"cells": [{"cell_type": "code", "outputs": [{"data": {"text/plain": [
        line + "\n" for line in table]}, "output_type": "execute_result"}], "source": ["df.head(2)"]},
        {"cell_type": "markdown", "source": ["Ask Thembi Mamba before re-running: it is \u00e0 jour."]}],
        "nbformat": 4, "nbformat_minor": 5}, indent=1)
    lines = decode(notebook).text.split("\n")
    assert table[1] in lines and "Ask Thembi Mamba before re-running: it is à jour." in lines
    spans = set(_spans(notebook, settings, ("US", "SZ")))
    assert {("Ntombi Kunene", "PERSON"), ("Manzini", "LOCATION"), ("76123456", "PHONE_NUMBER"),
            ("Sipho Dlamini", "PERSON"), ("Lobamba", "LOCATION"), ("24045678", "PHONE_NUMBER")} <= spans
    assert _source_of(notebook, "Ntombi Kunene") == "Ntombi Kunene"


def test_an_sms_backups_attributes_read_as_text_and_its_millisecond_clock_is_no_number(settings):
    """SMS Backup & Restore writes a body with XML's entities ("it&apos;s") and each date as Unix time in
    milliseconds, thirteen digits that can pass the card checksum (1793741273444 does). The body is an attribute
    of a record's XML, not HTML markup: its words keep their cues."""
    sms = ('<sms protocol="0" address="+26876192744" date="1793741273444" type="1" body="Hi, it&apos;s Zanele '
           'Nxumalo. I&apos;m at the Big Bend bus stop &#55357;&#56835;" date_sent="1793741269444" />\n')
    assert "it's Zanele Nxumalo. I'm at the Big Bend bus stop" in decode(sms).text
    spans = set(_spans(sms, settings, ("US", "SZ")))
    assert {("+26876192744", "PHONE_NUMBER"), ("Zanele Nxumalo", "PERSON"), ("Big Bend", "LOCATION")} <= spans
    assert not any(value.startswith("1793") for value, _ in spans)


def test_display_names_of_changelog_trailers_po_headers_and_gpg_uids_are_names(settings):
    """An address in angle brackets is no HTML tag: " -- Name <address>  date" (dpkg), "# Name <address>, 2025."
    (a PO file's translators), gpg's "uid [ultimate] FAMILY Given (Town office) <address>"."""
    text = ("  * Thanks to Shonel Pindling for the patch.\n  * Thanks to 'Matšepo Matekane for the review.\n\n"
            " -- Shavaughn Cartwright <s.cartwright@pindling.bs>  Mon, 12 Oct 2026 09:00:11 +0200\n\n"
            "# Keneuoe Mokhothu <kmokhothu@maseru.co.ls>, 2025.\n"
            "#. TRANSLATORS: the sample customer is Ms Ngouabi, in Nkayi lé.\n#. I'm at the Big Bend bus stop.\n"
            "uid                 [ultimate] NDIKUMANA Évariste (Pigg's ni office) <endikumana@bujumbura.bi>\n")
    spans = set(_spans(text, settings))
    assert {("Shonel Pindling", "PERSON"), ("'Matšepo Matekane", "PERSON"), ("Shavaughn Cartwright", "PERSON"),
            ("Keneuoe Mokhothu", "PERSON"), ("Nkayi lé", "LOCATION"), ("Big Bend", "LOCATION"),
            ("NDIKUMANA Évariste", "PERSON"), ("Pigg's ni", "LOCATION")} <= spans


def test_a_har_captures_form_its_name_value_pairs_and_its_json_body_in_a_string_are_read_as_fields(settings):
    """A HAR file keeps a form URL-encoded inside a JSON string, its fields as {"name": …, "value": …} pairs (the
    field's name is a label, not a person's name) and a response body as JSON inside a JSON string."""
    har = ('{"creator": {"name": "Firefox", "version": "132.0"},\n "headers": [\n  {"name": "X-Forwarded-For", '
           '"value": "81.2.69.160"}\n ],\n "params": [\n  {\n   "name": "city",\n   "value": "Tetere Point"\n  }\n ],\n'
           ' "text": "full_name=Ruth+Tozaka&phone=%2B6777421287&card_number=4111+1111+1111+1111",\n'
           ' "body": "{\\"order\\":\\"SO-1\\",\\"customer\\":\\"Moinaecha Mbaé\\",\\"ssn\\":\\"078-05-1120\\"}"}\n')
    assert "\ncity: Tetere Point\n" in decode(har).text and '"customer":"Moinaecha Mbaé"' in decode(har).text
    spans = set(_spans(har, settings, ("US", "SB")))
    assert {("Tetere Point", "LOCATION"), ("Ruth+Tozaka", "PERSON"), ("%2B6777421287", "PHONE_NUMBER"),
            ("4111+1111+1111+1111", "CREDIT_CARD"), ("Moinaecha Mbaé", "PERSON"), ("81.2.69.160", "IP_ADDRESS")
            } <= spans
    assert not {value for value, entity in spans if entity == "PERSON"} & {"Firefox", "X-Forwarded-For"}


def test_ass_subtitles_name_their_speaker_and_their_line_breaks_and_override_tags_print_no_letters(settings):
    """An ASS Dialogue line's Name field holds the speaker (or a role such as "Agent"); "\\N" breaks a line and
    "{\\b1}" styles it, glued to the values either side. The Format and Style lines name columns and fonts."""
    ass = ("[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour\nStyle: Default,Arial,48,&H00FFFFFF\n\n"
           "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
           "Dialogue: 0,0:00:01.20,0:00:04.10,Default,Hadidja Bacar,0,0,0,,{\\i1}Sure,{\\i0} my number is"
           "\\N+2693214694.\n"
           "Dialogue: 0,0:00:04.30,0:00:08.00,Default,Agent,0,0,0,,Refund to\\NDE89370400440532013000, mail\\N"
           "hbacar@moroni-mail.km.\n"
           "Dialogue: 0,0:00:08.30,0:00:09.00,Default,Hadidja Bacar,0,0,0,,Or my number is\\N40390.\n")
    assert "Sure, my number is +2693214694." in decode(ass).text
    spans = set(_spans(ass, settings, ("US", "KM", "SB")))
    assert {("Hadidja Bacar", "PERSON"), ("+2693214694", "PHONE_NUMBER"), ("40390", "PHONE_NUMBER"),
            ("DE89370400440532013000", "IBAN_CODE"),
            ("hbacar@moroni-mail.km", "EMAIL_ADDRESS")} <= spans
    assert {value for value, entity in spans if entity in ("PERSON", "LOCATION")} == {"Hadidja Bacar"}


def test_ris_tags_name_authors_surname_first_the_place_of_publication_and_the_authors_address(settings):
    ris = ("TY  - RPRT\nAU  - Kenilorea, Loretta\nTI  - Refund handling at regional depots\nPY  - 2026\n"
           "CY  - Kolombangara Point\nAD  - Acme Logistics, Mbaeni Bay; lkenilorea@acme-logistics.sb\nER  - \n")
    spans = set(_spans(ris, settings, ("US", "SB")))
    assert {("Kenilorea", "PERSON"), ("Loretta", "PERSON"), ("Kolombangara Point", "LOCATION"),
            ("Mbaeni Bay", "LOCATION"), ("lkenilorea@acme-logistics.sb", "EMAIL_ADDRESS")} <= spans


def test_postfix_delay_timings_and_an_all_digit_queue_id_are_no_phone_number(settings):
    """Postfix writes its delays as slashed decimals and its queue id in hexadecimal, sometimes all digits."""
    log = ("Nov  3 10:12:31 mx1 postfix/smtp[2245]: 4F1A2B3C4D: to=<ops@acme-logistics.sb>, "
           "relay=mx.acme.sb[81.2.69.160]:25, delay=1.2, delays=0.1/0/0.4/0.7, dsn=5.1.1, status=bounced\n"
           "Nov  3 10:12:31 mx1 postfix/qmgr[1200]: 5704850798: removed\n"
           "Nov  3 10:12:32 mx1 postfix/cleanup[2240]: 8006426090: warning: header Subject: call 2025550143\n")
    assert [value for value, entity in _spans(log, settings) if entity == "PHONE_NUMBER"] == ["2025550143"]
