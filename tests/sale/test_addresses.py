"""Addresses: each country's format from Google's metadata, BigCommerce's needs on top;
countries and states named in the register's language."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.sale.addresses import (
    ADDRESS_FIELDS,
    PHONE_PATTERN,
    AddressError,
    address_format,
    countries,
    country_name,
    is_valid_email,
    normalise_country_code,
    normalise_postal_code,
    postal_code_required,
    state_required,
    subdivisions,
    validate_address,
)
from pos.sale.regions import country_codes, subdivision


def us(**changes: Any) -> dict[str, Any]:
    address = {
        "first_name": "Jane",
        "last_name": "Doe",
        "email": "jane@example.com",
        "address1": "1 Main Street",
        "city": "Austin",
        "state_or_province": "Texas",
        "country_code": "US",
        "postal_code": "78701",
        "phone": "(512) 555-0100",
    }
    address.update(changes)
    return address


def fields(address: dict[str, Any], **kwargs: Any) -> list[str]:
    return [e.field for e in validate_address(address, **kwargs).errors]


def test_countries_are_the_full_iso_list() -> None:
    assert len(country_codes()) == 249
    assert country_name("US") == "United States"
    assert country_name("GB") == "United Kingdom"
    assert country_name("ca") == "Canada"
    assert country_name("XX") is None
    assert len(countries()) == 249
    assert all(len(code) == 2 and code.isupper() for code in country_codes())


def test_country_names_in_spanish_sorted_for_spanish() -> None:
    assert country_name("US", "es") == "Estados Unidos"
    assert country_name("DE", "es_MX") == "Alemania"
    assert country_name("GB", "es") == "Reino Unido"
    names = [name for _, name in countries("es")]
    assert names.index("Egipto") < names.index("España") < names.index("Estados Unidos")
    # Accented names sit among their letter, not after Z.
    assert names.index("Austria") < names.index("Åland") if "Åland" in names else True
    assert names.index("Irlanda") < names.index("Islandia") < names.index("Italia")
    assert dict(countries("fr"))["US"] == "États-Unis"


def test_country_codes_normalise() -> None:
    assert normalise_country_code(" us ") == "US"
    assert normalise_country_code("uk") == "GB"
    assert normalise_country_code("canada") == "CA"
    assert normalise_country_code("USA") == "US"
    assert normalise_country_code("Estados Unidos", "es") == "US"
    assert normalise_country_code("Narnia") is None


def test_subdivisions_for_pickers() -> None:
    us_states = {s.code: s.name for s in subdivisions("US")}
    others = {"DC", "AS", "GU", "MP", "PR", "UM", "VI", "AA", "AE", "AP", "MH", "FM", "PW"}
    assert len([c for c in us_states if c not in others]) == 50
    assert us_states["DC"] == "District of Columbia"
    assert us_states["PR"] == "Puerto Rico"
    assert {s.code: s.name for s in subdivisions("ca")}["QC"] == "Quebec"
    assert len(subdivisions("CA")) == 13
    assert {s.code: s.name for s in subdivisions("AU")}["NSW"] == "New South Wales"
    assert len(subdivisions("JP")) == 47
    assert len(subdivisions("BR")) == 27
    assert subdivisions("FR") == [] and subdivisions("DE") == [] and subdivisions("GB") == []
    assert state_required("US") and not state_required("GB") and not state_required("DE")
    assert postal_code_required("GB") and not postal_code_required("HK")


def test_state_names_in_the_registers_language() -> None:
    spanish = {s.code: s.name for s in subdivisions("US", "es")}
    assert spanish["TX"] == "Texas"
    assert spanish["NY"] == "Nueva York"
    assert spanish["NC"] == "Carolina del Norte"
    french = {s.code: s.name for s in subdivisions("CA", "fr")}
    assert french["QC"] == "Québec"
    assert french["BC"] == "Colombie-Britannique"
    assert {s.code: s.name for s in subdivisions("JP", "es")}["13"] == "Tokyo"
    assert {s.code: s.name for s in subdivisions("JP", "ja")}["13"] == "東京都"
    # Sorted by the shown name; the store gets the country's own name in Latin script.
    names = [s.name for s in subdivisions("CA", "fr")]
    assert names.index("Nunavut") < names.index("Ontario") < names.index("Québec")
    quebec = subdivision("CA", "Québec")
    assert quebec is not None and (quebec.code, quebec.store_name) == ("QC", "Quebec")
    tokyo = subdivision("JP", "東京都")
    assert tokyo is not None and tokyo.store_name == "Tokyo"


def test_a_good_us_address_is_normalised() -> None:
    check = validate_address(us(postal_code="787011234", email=" jane@example.com "))
    assert check.ok, check.errors
    assert check.address["state_or_province"] == "Texas"
    assert check.address["state_or_province_code"] == "TX"
    assert check.address["postal_code"] == "78701-1234"
    assert check.address["phone"] == "+15125550100"
    assert check.address["email"] == "jane@example.com"
    assert set(check.address) <= set(ADDRESS_FIELDS)


def test_state_by_code_or_name_in_any_case() -> None:
    for given_state in ({"state_or_province_code": "tx", "state_or_province": ""},
                        {"state_or_province": "texas"}, {"state_or_province": "TX"}):  # fmt: skip
        check = validate_address(us(**given_state))
        assert check.ok
        assert check.address["state_or_province_code"] == "TX"


def test_us_rules() -> None:
    assert fields(us(state_or_province="Texass")) == ["state_or_province"]
    assert fields(us(state_or_province="")) == ["state_or_province"]
    assert fields(us(postal_code="7870")) == ["postal_code"]
    assert fields(us(postal_code="78701-12")) == ["postal_code"]
    assert fields(us(postal_code="")) == ["postal_code"]
    assert validate_address(us(state_or_province="DC", postal_code="20001")).ok
    assert validate_address(us(state_or_province="Puerto Rico", postal_code="00901")).ok


def test_the_message_says_what_is_wrong() -> None:
    (error,) = validate_address(us(postal_code="ABCDE")).errors
    assert error.field == "postal_code"
    assert "United States" in error.message and "ZIP" in error.message
    assert "95014" in error.message  # an example from Google's metadata
    assert isinstance(error, AddressError) and error.problem == "postal_format"


def test_a_zip_code_of_another_state_is_refused() -> None:
    (error,) = validate_address(us(postal_code="10001")).errors
    assert error.field == "postal_code" and "Texas" in error.message
    assert validate_address(us(state_or_province="NY", postal_code="10001")).ok


def test_canada() -> None:
    check = validate_address(us(country_code="CA", state_or_province="Ontario",
                                postal_code="k1a0b1", city="Ottawa",
                                phone="+1 613 555 0100"))  # fmt: skip
    assert check.ok, check.errors
    assert check.address["postal_code"] == "K1A 0B1"
    assert check.address["state_or_province_code"] == "ON"
    assert check.address["phone"] == "+16135550100"
    assert fields(us(country_code="CA", state_or_province="ON", postal_code="D1A 1A1")) == [
        "postal_code"
    ]
    assert fields(us(country_code="CA", state_or_province="Texas", postal_code="K1A 0B1")) == [
        "state_or_province"
    ]


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("sw1a1aa", "SW1A 1AA"), ("SW1A 1AA", "SW1A 1AA"), ("m1 1ae", "M1 1AE"),
     ("B33 8TH", "B33 8TH"), ("cr26xh", "CR2 6XH"), ("DN55 1PT", "DN55 1PT"),
     ("W1A 0AX", "W1A 0AX"), ("EC1A 1BB", "EC1A 1BB"), ("GIR 0AA", "GIR 0AA")],
)  # fmt: skip
def test_uk_postcodes(typed: str, canonical: str) -> None:
    assert normalise_postal_code("GB", typed) == canonical


@pytest.mark.parametrize("bad", ["SW1A", "12345", "SW1A 1A", "1AA 1AA", "SW1A_1AA"])
def test_bad_uk_postcodes(bad: str) -> None:
    assert normalise_postal_code("GB", bad) is None


def test_uk_address_without_state_and_with_a_national_phone() -> None:
    check = validate_address({"first_name": "Ann", "last_name": "Lee", "email": "a@b.co.uk",
                              "address1": "10 Downing St", "city": "London",
                              "country_code": "GB", "postal_code": "sw1a 2aa",
                              "phone": "020 7946 0958"})  # fmt: skip
    assert check.ok, check.errors
    assert check.address["postal_code"] == "SW1A 2AA"
    assert check.address["phone"] == "+442079460958"


def test_australia() -> None:
    good = us(country_code="AU", state_or_province="nsw", postal_code="2000", city="Sydney",
              phone="(02) 9374 4000")  # fmt: skip
    check = validate_address(good)
    assert check.ok, check.errors
    assert check.address["state_or_province"] == "New South Wales"
    assert check.address["state_or_province_code"] == "NSW"
    assert check.address["phone"] == "+61293744000"
    assert fields({**good, "postal_code": "200"}) == ["postal_code"]
    assert fields({**good, "state_or_province": "Texas"}) == ["state_or_province"]


ADDRESSES: dict[str, dict[str, str]] = {
    "US": {"city": "Austin", "state_or_province": "TX", "postal_code": "78701"},
    "GB": {"city": "London", "postal_code": "SW1A 2AA"},
    "CA": {"city": "Montréal", "state_or_province": "Québec", "postal_code": "H3Z 2Y7"},
    "DE": {"city": "Berlin", "postal_code": "10115"},
    "JP": {"city": "Chiyoda-ku", "state_or_province": "東京都", "postal_code": "100-0001"},
    "BR": {"city": "São Paulo", "state_or_province": "SP", "postal_code": "01310-100"},
}
BAD_POSTAL = {"US": "7870", "GB": "SW1A", "CA": "D1A 1A1", "DE": "1011", "JP": "12-34",
              "BR": "0131-100"}  # fmt: skip
REQUIRED = {
    "US": {"address1", "city", "state_or_province", "postal_code"},
    "GB": {"address1", "city", "postal_code"},
    "CA": {"address1", "city", "state_or_province", "postal_code"},
    "DE": {"address1", "city", "postal_code"},
    "JP": {"address1", "city", "state_or_province", "postal_code"},
    "BR": {"address1", "city", "state_or_province", "postal_code"},
}


def _address(country: str, **changes: str) -> dict[str, Any]:
    return {"first_name": "Ann", "last_name": "Lee", "email": "ann@example.com",
            "address1": "1 Main Street", "country_code": country,
            **ADDRESSES[country], **changes}  # fmt: skip


@pytest.mark.parametrize("country", sorted(ADDRESSES))
def test_each_countrys_format_required_fields_and_postal_codes(country: str) -> None:
    assert validate_address(_address(country)).ok, validate_address(_address(country)).errors
    fmt = address_format(country)
    assert fmt.required - {"first_name", "last_name", "country_code"} == REQUIRED[country]
    for name in REQUIRED[country]:
        missing = {**_address(country), name: ""}
        assert name in fields(missing), (country, name)
    assert fields(_address(country, postal_code=BAD_POSTAL[country])) == ["postal_code"]


def test_the_forms_follow_the_countrys_order_and_words() -> None:
    assert address_format("US").fields[-3:] == ("city", "state_or_province", "postal_code")
    assert address_format("DE").fields[-2:] == ("postal_code", "city")  # 10115 Berlin
    assert "state_or_province" not in address_format("GB").fields
    assert address_format("US").postal_label == "zip"
    assert address_format("GB").postal_label == "postal"
    assert address_format("GB").city_label == "post_town"
    assert address_format("CA").state_label == "province"
    assert address_format("JP").state_label == "prefecture"
    assert address_format("BR").state_label == "state"
    assert address_format("IE").postal_label == "eircode"
    # Japan: the country's own order in Japanese, the Latin one in other languages.
    assert address_format("JP", "ja").fields[0] == "postal_code"
    assert address_format("JP", "en").fields[0] == "company"


def test_canonical_postal_codes() -> None:
    assert normalise_postal_code("JP", "1000001") == "100-0001"
    assert normalise_postal_code("BR", "01310100") == "01310-100"
    assert normalise_postal_code("NL", "1234ab") == "1234 AB"
    assert normalise_postal_code("IE", "a65f4e2") == "A65 F4E2"
    assert normalise_postal_code("CA", "k1a0b1") == "K1A 0B1"


def test_other_countries() -> None:
    de = {"first_name": "Max", "last_name": "M", "email": "m@example.de", "address1": "Str. 1",
          "city": "Berlin", "country_code": "DE", "postal_code": "10115"}  # fmt: skip
    assert validate_address(de).ok
    nl = {**de, "country_code": "NL", "postal_code": "1234ab"}
    assert validate_address(nl).address["postal_code"] == "1234 AB"
    hk = {**de, "country_code": "HK", "postal_code": "", "state_or_province": "Kowloon"}
    assert validate_address(hk).ok, validate_address(hk).errors  # no postal codes there
    br = {**de, "country_code": "BR", "postal_code": "01310-100", "state_or_province": "SP"}
    check = validate_address(br)
    assert check.ok and check.address["state_or_province_code"] == "SP"
    assert check.address["state_or_province"] == "São Paulo"


def test_required_fields() -> None:
    assert fields({}) == ["country_code", "email", "first_name", "last_name", "address1", "city"]
    assert fields({}, complete=False) == ["country_code", "email"]
    assert fields({"country_code": "US", "email": "a@b.com"}, complete=False) == []
    assert fields(us(email=""), require_email=False) == []
    assert fields(us(country_code="XX")) == ["country_code"]
    messages = [e.message for e in validate_address({}).errors]
    assert "Enter the e-mail address." in messages


def test_given_fields_are_checked_even_when_not_required() -> None:
    assert fields({"country_code": "US", "email": "a@b.com", "postal_code": "1"},
                  complete=False) == ["postal_code"]  # fmt: skip


def test_email() -> None:
    assert is_valid_email("jane.doe+pos@example.co.uk")
    for bad in ("jane", "jane@", "@example.com", "jane@example", "ja ne@example.com",
                "jane@@example.com", "jane@example..com", "a@" + "b" * 260 + ".com"):  # fmt: skip
        assert not is_valid_email(bad), bad
    assert fields(us(email="not-an-email")) == ["email"]


@pytest.mark.parametrize(
    ("typed", "country", "expected"),
    [
        ("+1 (512) 555-0100", "US", "+15125550100"),
        ("512-555-0100 ext. 42", "US", "+15125550100x42"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("(02) 9374 4000", "AU", "+61293744000"),
    ],
)
def test_phones_are_sent_in_e164(typed: str, country: str, expected: str) -> None:
    address = {"country_code": country, "email": "a@b.com", "phone": typed}
    assert validate_address(address, complete=False).address["phone"] == expected


def test_phone_errors() -> None:
    assert fields(us(phone="555")) == []  # 3 digits match the API's pattern
    (error,) = validate_address(us(phone="0123 4567", country_code="BR", state_or_province="SP",
                                   postal_code="01310-100")).errors  # fmt: skip
    assert error.field == "phone" and "country code" in error.message
    assert fields(us(phone="1")) == ["phone"]
    assert fields(us(phone="+1 234 567 890 123 456")) == ["phone"]
    assert fields(us(phone="call me")) == ["phone"]


@given(st.text(max_size=40))
def test_accepted_phones_always_match_the_api_pattern(text: str) -> None:
    check = validate_address(us(phone=text))
    if "phone" in check.address:
        assert PHONE_PATTERN.match(check.address["phone"])


@given(st.dictionaries(st.sampled_from(ADDRESS_FIELDS), st.text(max_size=30)))
def test_validation_never_crashes_and_normalisation_is_stable(address: dict[str, str]) -> None:
    check = validate_address(address)
    if check.ok:
        again = validate_address(check.address)
        assert again.ok and again.address == check.address


def test_unknown_keys_pass_through_and_long_values_are_refused() -> None:
    check = validate_address(us(custom_fields=[{"field_id": "x", "field_value": "y"}]))
    assert check.address["custom_fields"] == [{"field_id": "x", "field_value": "y"}]
    assert fields(us(company="x" * 300)) == ["company"]
