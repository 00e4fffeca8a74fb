"""Phone numbers with libphonenumber: the store's country as the default region."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.sale.phones import (
    PHONE_PATTERN,
    default_region,
    format_phone,
    looks_like_phone,
    normalise_phone,
    parse_phone,
    same_phone,
    search_forms,
)


def test_a_typed_number_finds_the_spelling_the_store_holds() -> None:
    forms = search_forms("5125559337", "US")
    assert "(512) 555-9337" in forms
    assert forms[0] == "+15125559337"
    assert {"5125559337", "512-555-9337", "512.555.9337", "+1 512-555-9337",
            "15125559337", "1-512-555-9337", "(512)555-9337"} <= set(forms)  # fmt: skip
    assert len(forms) == len(set(forms))
    assert not any("," in form for form in forms)  # safe in a comma-separated filter
    # Typed any way, the same forms.
    assert set(search_forms("(512) 555-9337", "US")) >= set(forms) - {"5125559337"}
    assert "+15125559337" in search_forms("+1 512 555 9337", "GB")


def test_other_countries_use_their_own_national_format() -> None:
    uk = search_forms("+44 20 7946 0958", "US")
    assert {"+442079460958", "020 7946 0958", "02079460958", "+44 20 7946 0958"} <= set(uk)
    fr = search_forms("06 12 34 56 78", "FR")
    assert {"+33612345678", "0612345678", "06.12.34.56.78", "+33 6 12 34 56 78"} <= set(fr)


def test_text_that_is_not_a_number_searches_as_itself() -> None:
    assert search_forms("  12  ", "US") == ["12"]
    assert search_forms("", "US") == []
    assert parse_phone("call me", "US") is None


@pytest.mark.parametrize(
    ("stored", "typed", "region", "same"),
    [
        ("(512) 555-9337", "5125559337", "US", True),
        ("+15125559337", "512.555.9337", "US", True),
        ("+1 512 555 9337 ext. 4", "5125559337", "US", True),
        ("020 7946 0958", "+442079460958", "GB", True),
        ("(512) 555-9337", "5125559338", "US", False),
        ("+442079460958", "2079460958", "US", False),
        ("555", "555", "US", True),
        ("", "", "US", False),
    ],
)
def test_same_phone(stored: str, typed: str, region: str, same: bool) -> None:
    assert same_phone(stored, typed, region) is same


@pytest.mark.parametrize(
    ("typed", "region", "expected"),
    [
        ("+1 (512) 555-0100", "US", "+15125550100"),
        ("512.555.0100", "US", "+15125550100"),
        ("(512) 555-0100", "US", "+15125550100"),
        ("512-555-0100 ext. 42", "US", "+15125550100x42"),
        ("512 555 0100 x 7", "US", "+15125550100x7"),
        ("512 555 0100 #12345", "US", "+15125550100x12345"),
        ("0044 20 7946 0958", "GB", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("030 1234567", "DE", "+49301234567"),
        ("+49 (0)30 1234567", "DE", "+49301234567"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("(02) 9374 4000", "AU", "+61293744000"),
        ("03-1234-5678", "JP", "+81312345678"),
        ("(11) 2345-6789", "BR", "+551123456789"),
        ("555", "US", "555"),  # not a possible number: only cleaned
    ],
)
def test_normalise_phone_for_the_store(typed: str, region: str, expected: str) -> None:
    assert normalise_phone(typed, region) == expected


def test_display_is_national_at_home_and_international_abroad() -> None:
    assert format_phone("+15125559337", "US") == "(512) 555-9337"
    assert format_phone("5125559337", "US") == "(512) 555-9337"
    assert format_phone("+15125559337", "GB") == "+1 512-555-9337"
    assert format_phone("+442079460958", "GB") == "020 7946 0958"
    assert format_phone(" not a phone ", "US") == "not a phone"


def test_what_looks_like_a_phone() -> None:
    for text in ("5125559337", "(512) 555-9337", "+44 20 7946 0958", "512.555.9337"):
        assert looks_like_phone(text), text
    for text in ("Ana", "Ana 2", "12345", "ana@example.com", "Room 101 B12"):
        assert not looks_like_phone(text), text


@given(st.text(max_size=30), st.sampled_from(["US", "GB", "DE", "JP", "BR", None]))
def test_valid_numbers_normalise_to_the_api_pattern(text: str, region: str | None) -> None:
    number = parse_phone(text, region)
    if number is None:
        return
    if phonenumbers.is_valid_number(number) and len(number.extension or "") <= 5:
        assert PHONE_PATTERN.match(normalise_phone(text, region))
    # A number found by any of its forms is the same number.
    for form in search_forms(text, region)[:3]:
        assert same_phone(form, text, region)


def test_the_default_region_is_the_stores_country_else_the_locales() -> None:
    assert default_region("us", "fr_CA") == "US"
    assert default_region("", "fr_CA") == "CA"
    assert default_region(None, "sr-Latn-RS") == "RS"
    assert default_region("XX", "en") is None
    assert search_forms("5125559337", default_region(None, "en_US"))[0] == "+15125559337"
