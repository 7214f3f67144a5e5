from __future__ import annotations

import pytest

from llmdata.transforms.pii import load_pii_policy, redact_text
from llmdata.transforms.pii_iban import find, valid
from tests.conftest import ROOT

POLICY = load_pii_policy(ROOT / "include" / "policies" / "pii.yaml")


@pytest.mark.parametrize("text, expected", [
    # Russia joined the registry in 2023 (33 characters, letters in the account part); Presidio's table lacks it.
    ("paid to RU1696043532385099RZTXAHWNROMZAON.", "RU1696043532385099RZTXAHWNROMZAON"),
    ("Debit account RU14 5270 6469 8523 83AF VWYA SFJL PNAJ Z\nBeneficiary",
     "RU14 5270 6469 8523 83AF VWYA SFJL PNAJ Z"),
    # Iran writes IBANs outside the registry: an ISO country and valid check digits.
    ("rent is paid to IR65 0681 7286 4061 9863 4728 15. 3. NOTICES", "IR65 0681 7286 4061 9863 4728 15"),
    # Grouped, followed by more digits and capitals that are not part of it.
    ("refund DE89 3704 0044 0532 0130 00 12 EUR today", "DE89 3704 0044 0532 0130 00"),
    ("iban=GB82WEST12345698765432 holder", "GB82WEST12345698765432"),
    # A bank's own account format behind a registered country's code: the check digits hold, the length is not GB's.
    ("Payout to GB03 NYTA 2246 4600 2212 9; US tax number", "GB03 NYTA 2246 4600 2212 9"),
    # A tag ends it, as in a Word table cell; a machine-readable zone's "<" filler would not (see below).
    ("<w:t>GB82 WEST 1234 5698 7654 32</w:t>", "GB82 WEST 1234 5698 7654 32"),
    ("<td>DE89370400440532013000<br/></td>", "DE89370400440532013000"),
])
def test_an_iban_is_found_whole_and_alone(text, expected):
    assert [text[start:end] for start, end in find(text)] == [expected]


@pytest.mark.parametrize("text", [
    "DE89 3704 0044 0532 0130 01",          # check digits do not hold
    "XX89370400440532013000",               # no such country
    "DE8937040044053201300",                # a character dropped: the check digits no longer hold
    "build AB12CDEF34 of 2026",             # too short for any IBAN
    "de89 3704 0044 0532 0130 00",          # lower case
    "XDE89370400440532013000",              # glued to a letter before it
    "DE89370400440532013000<<<<<<",         # inside a machine-readable zone
    "sub   cv25519/CF753971799D0D7C 2026-11-03 [E]",  # a gpg key's id: its check digits hold by chance
])
def test_what_is_not_an_iban_is_left(text):
    assert find(text) == []


def test_after_a_slash_only_the_registered_format_is_an_iban():
    assert valid("CF753971799D0D7C")  # an ISO country and check digits that hold: an IBAN anywhere else
    assert find("https://bank.example/iban/DE89370400440532013000") == [(26, 48)]
    assert find(":59:/CF753971799D0D7C\nGABRIEL NZE") == [(5, 21)]  # SWIFT's account line: a field's slash


def test_an_iban_needs_its_registered_format_or_its_check_digits():
    assert valid("GB82WEST12345698765432") and not valid("GB82WEST1234569876543")
    assert valid("GB03REKG9006893583504")  # 21 characters, not GB's 22, but the check digits hold
    assert valid("IR790675218040707914215934") and not valid("IR790675218040707914215935")


def test_the_engine_replaces_an_iban_outside_presidios_table():
    text, counts, _ = redact_text("Account RU1696043532385099RZTXAHWNROMZAON, thanks", POLICY, b"")
    assert "RU1696043532385099RZTXAHWNROMZAON" not in text and counts == {"IBAN_CODE": 1}
