"""Values written in a shape their own library rejects, and terms shaped like names or places."""

from __future__ import annotations

import pytest

from llmdata.transforms.pii import detect, load_pii_policy
from llmdata.transforms.pii_context import ContextRecognizer
from llmdata.transforms.pii_names import is_language, plausible, term_shaped
from tests.conftest import ROOT

POLICY = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")


def phones(text: str) -> list[str]:
    return [text[s.start:s.end] for s in detect(text, POLICY) if s.entity == "PHONE_NUMBER"]


@pytest.mark.parametrize(("text", "number"), [
    ("You can ring me back on +54 9 3634 0625 or ask", "+54 9 3634 0625"),  # a digit short of Argentina's plan
    ("The courier rang me from 1-167-979-9157x98339 at 7 am.", "1-167-979-9157x98339"),  # no such area code
    ("telephoneNumber: +61.7.6791.1575\nl: Prestonbury", "+61.7.6791.1575"),  # "61.7.6791" is not a date
    ("Contact number .... +4642507993412\nNotify", "+4642507993412"),  # longer than Sweden's plan
    ("telephoneNumber: +24(2)5481460887\n", "+24(2)5481460887"),  # no country has +24: the label is the cue
])
def test_a_number_in_a_phones_own_notation_is_a_phone_whatever_its_plan(text, number):
    assert phones(text) == [number]


@pytest.mark.parametrize("text", [
    "released on 12.03.2026 as version 3.11.2",
    "the route via 203.0.113.17 and 10.0.0.1",
    "see 1.2.3.4567 for the build",
    "`int` in range from -2147483648 to 2147483647",  # a machine integer's limits
    "The integer must be a decimal number in the range [0,4294967295].",
])
def test_dates_and_addresses_inside_dotted_numbers_are_not_phones(text):
    assert phones(text) == []


def found(text: str) -> set[tuple[str, str]]:
    return {(r.entity_type, text[r.start:r.end]) for r in ContextRecognizer().analyze(text, ["PERSON", "LOCATION"])}


@pytest.mark.parametrize(("text", "expected"), [
    ("Name ..... Kara Anderson\nDelivery town ..... Väike-maa\n", ("LOCATION", "Väike-maa")),  # dot leaders
    ("mail: a@b.com\nl: Plunge\npostalCode: 13630", ("LOCATION", "Plunge")),  # LDIF locality
    ("Trip\tBijeGrad to Donji nica\nCorporate card\t3463", ("LOCATION", "Donji nica")),  # a journey's two ends
    ("Reviewed in Puebla de seco on 2 December 2026 by", ("LOCATION", "Puebla de seco")),
    ("The parent on file is Mateo Marín-Rodríguez, of La Victoria, who can", ("LOCATION", "La Victoria")),
    ("Pickup   Valblanca  08:02\nDropoff  Alcalá de nueva  08:41", ("LOCATION", "Alcalá de nueva")),
    ("Accompanied by: Dr(a). Ignacio Rodriguez\n", ("PERSON", "Dr(a). Ignacio Rodriguez")),  # any abbreviated title
    ("was driving from Μεγάλο νερό towards Krinída when", ("LOCATION", "Μεγάλο νερό")),  # a Greek place prefix
])
def test_forms_labels_and_phrases_name_what_follows(text, expected):
    assert expected in found(text)


def test_a_fixed_width_forms_label_is_not_part_of_the_value():
    assert ("PERSON", "Pickup   Valblanca") not in found("Pickup   Valblanca  08:02\n")


def test_terms_and_languages_are_not_names_or_places():
    assert term_shaped("Built-in Constants") and term_shaped("See Memory Views") and term_shaped("Subprocess APIs")
    assert not term_shaped("Bill Gates") and not term_shaped("Dr Fields") and not term_shaped("Williams")
    assert is_language("Icelandic") and not is_language("Paris")
    text = "cp861  Icelandic\nkz1048  Kazakh"
    assert not plausible("LOCATION", text, text.index("Icelandic"), text.index("Icelandic") + 9)


def test_an_sql_dumps_columns_name_its_values():
    text = ("INSERT INTO customers (name, town, phone, email) VALUES\n"
            "  ('Amin O'Kosgei', 'Kimende', '0712 345678', 'a@b.ke'),\n"  # an apostrophe the dump did not double
            "  ('정숙 황', 'Bangsan', '042-898-4231', 'c@d.kr');\n")
    spans = {(s.entity, text[s.start:s.end]) for s in detect(text, POLICY, "", ner=False)}
    assert {("PHONE_NUMBER", "0712 345678"), ("PHONE_NUMBER", "042-898-4231")} <= spans
    assert {("PERSON", "Amin O'Kosgei"), ("LOCATION", "Kimende"), ("PERSON", "정숙 황"),
            ("LOCATION", "Bangsan")} <= found(text)


def test_a_vcards_address_names_its_locality_and_a_units_call_sign_is_nobody():
    assert ("LOCATION", "Johntown") in found("BEGIN:VCARD\nFN:Ann Eze\nADR;TYPE=home:;;12 Mill Lane;Johntown;;4410;\n")
    text = "14:02 UNIT 7: caller Ann Eze reports a fall\n14:05 DISPATCH: ambulance 12 en route from Olm\n"
    assert ("PERSON", "DISPATCH") not in found(text) and ("LOCATION", "Olm") in found(text)
    # A Latin particle does not join two caseless words into one name: a person, then (typed or not) a place.
    assert {text for _, text in found("Received with thanks from 詹雅玲 of 臺中 the sum")} == {"詹雅玲", "臺中"}


def test_code_and_column_headers_after_a_name_label_are_not_names():
    assert found("class City(Base):\n    name = Column(String(100), nullable=False)\n") == set()
    assert found("## Connection API\n\nObject Name\t\tDescription\n\nConnection\n") == set()
    assert ("PERSON", "Zora Harapin") in found("Claimant\tZora Harapin\nTrip\tBijeGrad to Donji nica\n")
