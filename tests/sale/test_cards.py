"""Cards: Luhn, brands while typing, lengths, CVV, expiry, masking and CardDetails."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.sale.cards import (
    CardBrand,
    CardDetails,
    card_lengths,
    cvv_length,
    detect_brand,
    digits_only,
    last4,
    luhn_valid,
    mask,
    possible_brands,
    validate_card,
    validate_cardholder_name,
    validate_cvv,
    validate_expiry,
    validate_number,
)
from pos.sale.messages import InvalidInput, errors_by_field

TODAY = dt.date(2026, 11, 27)

# Public test numbers of the card schemes (gateway documentation).
VISA = "4242424242424242"
VISA_2 = "4111111111111111"
VISA_13 = "4222222222222"
MASTERCARD = "5555555555554444"
MASTERCARD_2_SERIES = "2223003122003222"
AMEX = "378282246310005"
DISCOVER = "6011111111111117"
DINERS = "30569309025904"
JCB = "3530111333300000"
MAESTRO = "6759649826438453"
UNIONPAY = "6200000000000005"


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        (VISA, CardBrand.VISA),
        (VISA_2, CardBrand.VISA),
        (VISA_13, CardBrand.VISA),
        (MASTERCARD, CardBrand.MASTERCARD),
        (MASTERCARD_2_SERIES, CardBrand.MASTERCARD),
        ("2720990000000007", CardBrand.MASTERCARD),
        (AMEX, CardBrand.AMEX),
        ("341111111111111", CardBrand.AMEX),
        (DISCOVER, CardBrand.DISCOVER),
        ("6445644564456445", CardBrand.DISCOVER),
        ("6221260000000000", CardBrand.DISCOVER),
        (DINERS, CardBrand.DINERS_CLUB),
        ("36227206271667", CardBrand.DINERS_CLUB),
        (JCB, CardBrand.JCB),
        (MAESTRO, CardBrand.MAESTRO),
        ("5018000000000009", CardBrand.MAESTRO),
        (UNIONPAY, CardBrand.UNIONPAY),
    ],
)
def test_full_numbers_are_valid_and_branded(number: str, brand: CardBrand) -> None:
    assert detect_brand(number) is brand
    assert luhn_valid(number)
    assert validate_number(number) == []


def test_luhn() -> None:
    assert luhn_valid("4242 4242 4242 4242")
    assert luhn_valid("4242-4242-4242-4242")
    assert not luhn_valid("4242424242424241")
    assert not luhn_valid("")
    assert not luhn_valid("4242x4242")
    assert not luhn_valid("٤٢٤٢")  # non-ASCII digits are not card digits


@given(st.text(alphabet="0123456789", min_size=12, max_size=18))
def test_a_check_digit_always_exists(body: str) -> None:
    valid = [d for d in "0123456789" if luhn_valid(body + d)]
    assert len(valid) == 1


@given(st.text(alphabet="0123456789", min_size=13, max_size=19), st.integers(0, 18),
       st.integers(1, 9))  # fmt: skip
def test_luhn_catches_every_single_digit_typo(number: str, position: int, shift: int) -> None:
    if not luhn_valid(number):
        return
    i = position % len(number)
    typo = number[:i] + str((int(number[i]) + shift) % 10) + number[i + 1 :]
    assert not luhn_valid(typo)


@pytest.mark.parametrize(
    ("typed", "brand", "possible"),
    [
        ("", None, set(CardBrand)),
        ("4", CardBrand.VISA, {CardBrand.VISA}),
        ("3", None, {CardBrand.AMEX, CardBrand.DINERS_CLUB, CardBrand.JCB}),
        ("37", CardBrand.AMEX, {CardBrand.AMEX}),
        ("35", CardBrand.JCB, {CardBrand.JCB}),
        ("30", CardBrand.DINERS_CLUB, {CardBrand.DINERS_CLUB}),
        ("5", None, {CardBrand.MASTERCARD, CardBrand.MAESTRO}),
        ("51", CardBrand.MASTERCARD, {CardBrand.MASTERCARD}),
        ("50", CardBrand.MAESTRO, {CardBrand.MAESTRO}),
        ("2", CardBrand.MASTERCARD, {CardBrand.MASTERCARD}),
        ("22", CardBrand.MASTERCARD, {CardBrand.MASTERCARD}),
        ("6", None, {CardBrand.DISCOVER, CardBrand.MAESTRO, CardBrand.UNIONPAY}),
        ("601", CardBrand.DISCOVER, {CardBrand.DISCOVER}),
        ("62", CardBrand.UNIONPAY, {CardBrand.UNIONPAY, CardBrand.DISCOVER}),
        ("622126", CardBrand.DISCOVER, {CardBrand.DISCOVER, CardBrand.UNIONPAY}),
        ("9", None, set()),
        ("1", None, set()),
    ],
)
def test_brand_as_you_type(typed: str, brand: CardBrand | None, possible: set[CardBrand]) -> None:
    assert detect_brand(typed) is brand
    assert set(possible_brands(typed)) == possible


def test_possible_brands_put_the_most_specific_first() -> None:
    assert possible_brands("622126")[0] is CardBrand.DISCOVER


@given(st.sampled_from([VISA, MASTERCARD, AMEX, DISCOVER, DINERS, JCB, MAESTRO, UNIONPAY]),
       st.integers(1, 19))  # fmt: skip
def test_the_final_brand_is_always_possible_while_typing(number: str, n: int) -> None:
    assert detect_brand(number) in possible_brands(number[:n])


def test_lengths_and_cvv_per_brand() -> None:
    assert card_lengths(CardBrand.AMEX) == (15,)
    assert card_lengths(CardBrand.MASTERCARD) == (16,)
    assert 13 in card_lengths(CardBrand.VISA) and 19 in card_lengths(CardBrand.VISA)
    assert card_lengths(None) == tuple(range(12, 20))
    assert cvv_length(CardBrand.AMEX) == 4
    assert all(cvv_length(b) == 3 for b in CardBrand if b is not CardBrand.AMEX)
    assert cvv_length(None) == 3


def test_bigcommerce_instrument_names() -> None:
    assert CardBrand.VISA.bc_instrument_type == "VISA"
    assert CardBrand.MASTERCARD.bc_instrument_type == "MASTERCARD"
    assert CardBrand.AMEX.bc_instrument_type == "AMEX"
    assert CardBrand.DINERS_CLUB.bc_instrument_type == "DINERS_CLUB"
    assert CardBrand.from_bc_name("amex") is CardBrand.AMEX
    assert CardBrand.from_bc_name("American Express") is CardBrand.AMEX
    assert CardBrand.from_bc_name("Visa") is CardBrand.VISA
    assert CardBrand.from_bc_name("DANKORT") is None


def test_number_errors_name_the_field_and_the_problem() -> None:
    def only(number: str) -> str:
        (error,) = validate_number(number)
        assert error.field == "number"
        assert number.strip() == "" or number not in error.message
        return error.message

    assert "Enter" in only("")
    assert "digits" in only("4242abcd42424242")
    assert "brand" in only("9999999999999995")
    assert "15" in only(AMEX + "0")
    assert "16" in only(MASTERCARD[:-1])
    assert "typing error" in only(VISA[:-1] + "1")


def test_cvv() -> None:
    assert validate_cvv("123", CardBrand.VISA) == []
    assert validate_cvv("1234", CardBrand.AMEX) == []
    (e,) = validate_cvv("123", CardBrand.AMEX)
    assert e.field == "cvv" and "4 digits" in e.message
    (e,) = validate_cvv("1234", CardBrand.VISA)
    assert "3 digits" in e.message
    assert validate_cvv("12a", CardBrand.VISA)[0].message.endswith("only digits.")
    assert validate_cvv("", CardBrand.VISA)[0].message.startswith("Enter")
    assert validate_cvv("1234", None) == []
    assert validate_cvv("123", CardBrand.VISA, field="verification_value") == []


@pytest.mark.parametrize(
    ("month", "year", "fields"),
    [
        (11, 2026, []),  # valid through the end of its month
        (12, 2026, []),
        ("01", "2031", []),
        (10, 2026, ["expiry_year"]),  # expired last month
        (12, 2025, ["expiry_year"]),
        (0, 2030, ["expiry_month"]),
        (13, 2030, ["expiry_month"]),
        (12, 30, ["expiry_year"]),  # two-digit year
        (12, "30", ["expiry_year"]),
        (12, "20300", ["expiry_year"]),
        ("ab", "cd", ["expiry_month", "expiry_year"]),
        (12, 2099, ["expiry_year"]),
    ],
)
def test_expiry(month: int | str, year: int | str, fields: list[str]) -> None:
    assert [e.field for e in validate_expiry(month, year, today=TODAY)] == fields


def test_expired_card_says_so() -> None:
    (error,) = validate_expiry(1, 2020, today=TODAY)
    assert error.message == "The card has expired."


def test_cardholder_name() -> None:
    assert validate_cardholder_name("Jane Doe") == []
    assert validate_cardholder_name("  ")[0].field == "cardholder_name"
    assert validate_cardholder_name("J4ne")[0].field == "cardholder_name"


def test_validate_card_lists_every_wrong_field() -> None:
    errors = validate_card(AMEX, "123", 13, 26, "", today=TODAY)
    assert set(errors_by_field(errors)) == {
        "cvv",
        "expiry_month",
        "expiry_year",
        "cardholder_name",
    }
    assert validate_card(VISA, "123", 12, 2030, "Jane Doe", today=TODAY) == []


def test_masking_shows_only_the_last_four() -> None:
    assert mask("4242") == "•••• 4242"
    assert mask(VISA) == "•••• 4242"
    assert last4("4242 4242 4242 4242") == "4242"
    assert digits_only("4242 4242-4242") == "424242424242"


def _card(number: str = VISA, cvv: str = "123") -> CardDetails:
    return CardDetails(number, cvv, 12, 2030, "Jane Doe")


def test_card_details_never_show_the_number_or_cvv() -> None:
    card = _card(cvv="987")
    shown = [repr(card), str(card), f"{card}", f"{card!r}", f"{card:>40}"]
    shown += ["%s" % card, "{}".format(card)]  # noqa: UP031, UP032 - the old ways too
    for text in shown:
        assert VISA not in text and "987" not in text and "424242" not in text
        assert "4242" in text
    assert str(card) == "Visa •••• 4242"
    assert card.masked == "•••• 4242"
    assert card.brand is CardBrand.VISA
    assert card.last4 == "4242"
    with pytest.raises(TypeError):
        vars(card)


def test_card_details_refuse_pickling_and_copying() -> None:
    card = _card()
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError) as raised:
            pickle.dumps(card, protocol=protocol)
        assert VISA not in str(raised.value)
    with pytest.raises(TypeError):
        copy.copy(card)
    with pytest.raises(TypeError):
        copy.deepcopy(card)
    with pytest.raises(TypeError):
        card.__getstate__()


def test_wipe_drops_the_secrets_but_keeps_the_mask() -> None:
    card = CardDetails("4242 4242 4242 4242", " 123 ", 12, 2030, "Jane Doe")
    assert card.number == VISA
    assert card.cvv == "123"
    card.wipe()
    assert card.wiped
    with pytest.raises(ValueError, match="wiped"):
        _ = card.number
    with pytest.raises(ValueError, match="wiped"):
        _ = card.cvv
    with pytest.raises(ValueError, match="wiped"):
        card.instrument()
    assert str(card) == "Visa •••• 4242"
    assert card.validate(today=TODAY)[0].field == "number"


def test_card_instrument_payload() -> None:
    card = CardDetails(AMEX, "1234", "07", "2031", " Jane Doe ")
    assert card.instrument() == {
        "type": "card",
        "number": AMEX,
        "cardholder_name": "Jane Doe",
        "expiry_month": 7,
        "expiry_year": 2031,
        "verification_value": "1234",
    }


def test_require_valid_raises_with_every_field() -> None:
    card = CardDetails(VISA[:-1] + "1", "12", 12, 2020, "Jane Doe")
    with pytest.raises(InvalidInput) as raised:
        card.require_valid(today=TODAY)
    assert [e.field for e in raised.value.errors] == ["number", "cvv", "expiry_year"]
    assert VISA[:-1] not in str(raised.value)
    _card().require_valid(today=TODAY)
