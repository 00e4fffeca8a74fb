"""Money: exact parsing, minor units, rounding and locale formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

from pos.locales import known_locales
from pos.sale.money import (
    CURRENCY_EXPONENTS,
    MoneyError,
    currency_exponent,
    format_money,
    format_number,
    from_minor_units,
    is_currency_code,
    parse_amount,
    quantize,
    to_minor_units,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("225.0000", Decimal("225.0000")),
        ("12.50", Decimal("12.50")),
        (" 12.5 ", Decimal("12.5")),
        (12.5, Decimal("12.5")),
        (0.1, Decimal("0.1")),
        (1.1 + 2.2, Decimal("3.3000000000000003")),
        (7, Decimal(7)),
        (Decimal("-3.25"), Decimal("-3.25")),
        ("-0", Decimal("-0")),
        ("1e2", Decimal("1e2")),
    ],
)
def test_parse_amount_is_exact(value: object, expected: Decimal) -> None:
    result = parse_amount(value)
    assert isinstance(result, Decimal)
    assert result == expected


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), -float("inf"), "NaN", "Infinity", "sNaN", "", "  ", "12,50",
     "abc", True, None, [1], Decimal("NaN")],
)  # fmt: skip
def test_parse_amount_refuses_non_numbers(value: object) -> None:
    with pytest.raises(MoneyError):
        parse_amount(value)


def test_exponents_of_common_currencies() -> None:
    assert currency_exponent("USD") == 2
    assert currency_exponent("eur") == 2
    assert currency_exponent("JPY") == 0
    assert currency_exponent("KRW") == 0
    assert currency_exponent("KWD") == 3
    assert currency_exponent("BHD") == 3
    assert currency_exponent("CLF") == 4
    # ISO 4217's minor units, where CLDR's display digits differ (HUF, IDR, IQD).
    assert currency_exponent("HUF") == 2
    assert currency_exponent("IDR") == 2
    assert currency_exponent("IQD") == 3
    assert currency_exponent("XAU") == 0  # no minor unit
    for code in ("USD", "EUR", "GBP", "CAD", "AUD", "JPY", "KWD", "EGP", "INR", "CHF"):
        assert code in CURRENCY_EXPONENTS
    assert len(CURRENCY_EXPONENTS) > 150  # the whole ISO list, not a hand-picked few
    assert is_currency_code("usd") and not is_currency_code("XYZ")
    for bad in ("US", "USDD", "12A", "", "XYZ"):
        with pytest.raises(MoneyError):
            currency_exponent(bad)


def test_quantize_rounds_half_up_to_the_minor_unit() -> None:
    assert quantize("12.345", "USD") == Decimal("12.35")
    assert quantize("12.344", "USD") == Decimal("12.34")
    assert quantize("-12.345", "USD") == Decimal("-12.35")
    assert quantize("1234.5", "JPY") == Decimal("1235")
    assert quantize("1.0005", "KWD") == Decimal("1.001")
    assert str(quantize("225.0000", "USD")) == "225.00"


def test_minor_units() -> None:
    assert to_minor_units("12.50", "USD") == 1250
    assert to_minor_units(0.1 + 0.2, "USD") == 30
    assert to_minor_units("1235", "JPY") == 1235
    assert to_minor_units("1.234", "KWD") == 1234
    assert from_minor_units(1250, "USD") == Decimal("12.50")
    assert str(from_minor_units(5, "USD")) == "0.05"
    assert from_minor_units(5, "JPY") == Decimal(5)
    assert str(from_minor_units(1, "KWD")) == "0.001"
    with pytest.raises(MoneyError):
        from_minor_units(1.5, "USD")  # type: ignore[arg-type]


_currencies = st.sampled_from(["USD", "EUR", "GBP", "JPY", "KWD", "CLF", "CAD"])


@given(units=st.integers(min_value=-(10**15), max_value=10**15), currency=_currencies)
def test_minor_units_round_trip(units: int, currency: str) -> None:
    assert to_minor_units(from_minor_units(units, currency), currency) == units


@given(amount=st.decimals(allow_nan=False, allow_infinity=False, places=2,
                          min_value=-(10**12), max_value=10**12))  # fmt: skip
def test_two_decimal_amounts_round_trip_through_strings_and_units(amount: Decimal) -> None:
    assert parse_amount(str(amount)) == amount
    assert from_minor_units(to_minor_units(amount, "USD"), "USD") == amount
    assert quantize(quantize(amount, "USD"), "USD") == quantize(amount, "USD")


@given(value=st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_floats_parse_to_their_shortest_repr(value: float) -> None:
    result = parse_amount(value)
    assert float(result) == value
    assert result == Decimal(repr(value))


@given(amount=st.decimals(allow_nan=False, allow_infinity=False, places=3,
                          min_value=-(10**9), max_value=10**9),
       currency=_currencies)  # fmt: skip
def test_quantize_moves_at_most_half_a_minor_unit(amount: Decimal, currency: str) -> None:
    step = Decimal(1).scaleb(-currency_exponent(currency))
    assert abs(quantize(amount, currency) - amount) <= step / 2


# A register's currency for each locale the tests name, across scripts and conventions.
LOCALE_CURRENCIES = {
    "en_US": "USD", "es_ES": "EUR", "de_CH": "CHF", "fr_CA": "CAD", "ja_JP": "JPY",
    "ar_EG": "EGP", "hi_IN": "INR",
}  # fmt: skip
AMOUNTS = ("0", "0.005", "7", "1234.5", "-1234.5", "12345.678", "987654.32", "-0.01")


@pytest.mark.parametrize("locale", sorted(LOCALE_CURRENCIES))
@pytest.mark.parametrize("amount", AMOUNTS)
def test_format_money_is_cldrs_own_format(locale: str, amount: str) -> None:
    currency = LOCALE_CURRENCIES[locale]
    expected = format_currency(quantize(amount, currency), currency, locale=locale,
                               numbering_system="latn")  # fmt: skip
    assert format_money(Decimal(amount), currency, locale) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("1234.5", "USD", "en_US", "$1,234.50"),
        ("1234.5", "USD", "en-US", "$1,234.50"),
        ("-1234.5", "USD", "en_US", "-$1,234.50"),
        ("0.005", "USD", "en_US", "$0.01"),  # half up, as tills round
        # Babel does not apply CLDR's minimum grouping digits (2 in Spanish): 1.234,50.
        ("1234.5", "EUR", "es_ES", f"1.234,50{NBSP}€"),
        ("12345.5", "EUR", "es_ES", f"12.345,50{NBSP}€"),
        ("1234.5", "CHF", "de_CH", f"CHF{NBSP}1'234.50"),
        ("1234567.5", "CHF", "de_CH", f"CHF{NBSP}1'234'567.50"),
        ("-1234567.5", "CHF", "de_CH", "CHF-1'234'567.50"),
        ("1234.5", "CAD", "fr_CA", f"1{NBSP}234,50{NBSP}$"),
        ("1234.5", "JPY", "ja_JP", "￥1,235"),
        ("1234567.5", "INR", "hi_IN", "₹12,34,567.50"),
        ("1234.5", "EGP", "ar_EG", f"\u200f1,234.50{NBSP}ج.م.\u200f"),
        ("-1234.5", "EGP", "ar_EG", f"\u200f-1,234.50{NBSP}ج.م.\u200f"),
        ("1234.5", "EUR", "fr_FR", f"1{NNBSP}234,50{NBSP}€"),
        ("1234.5", "KWD", "en_US", "KWD1,234.500"),
        ("1234.5", "HUF", "hu_HU", f"1{NBSP}234,50{NBSP}Ft"),  # ISO 4217's two decimals
    ],
)
def test_format_money(amount: str, currency: str, locale: str, expected: str) -> None:
    assert format_money(Decimal(amount), currency, locale) == expected


def test_format_money_for_unknown_locales_uses_the_language_then_english() -> None:
    assert format_money("1234.5", "EUR", "de_XX") == format_money("1234.5", "EUR", "de")
    assert format_money("1234.5", "USD", "xx_YY") == "$1,234.50"
    assert format_money("1", "USD", "en_US.UTF-8") == "$1.00"


def test_format_money_accepts_api_values_and_refuses_bad_ones() -> None:
    assert format_money("225.0000", "USD") == "$225.00"
    assert format_money(12.5, "USD") == "$12.50"
    with pytest.raises(MoneyError):
        format_money(float("nan"), "USD")
    with pytest.raises(MoneyError):
        format_money("1", "dollars")


_LATIN_DIGIT_LOCALES = sorted(
    name for name in known_locales() if "_" in name and name.split("_")[0] in
    {"en", "es", "fr", "de", "it", "pt", "nl", "sv", "da", "pl", "cs", "ja", "zh", "hi", "tr"}
)  # fmt: skip


@given(amount=st.decimals(allow_nan=False, allow_infinity=False, places=2,
                          min_value=-(10**12), max_value=10**12),
       locale=st.sampled_from(_LATIN_DIGIT_LOCALES))  # fmt: skip
def test_formatted_amounts_keep_their_digits(amount: Decimal, locale: str) -> None:
    text = format_money(amount, "EUR", locale)
    digits = "".join(ch for ch in text if ch.isdigit())
    assert int(digits) == abs(to_minor_units(amount, "EUR"))
    assert (amount < 0) == any(ch in text for ch in "-−")


# Swiss groups: see the next test (Babel drops the apostrophe in pairs).
@pytest.mark.parametrize("locale", sorted(set(LOCALE_CURRENCIES) - {"de_CH"}))
@pytest.mark.parametrize("value", ["3", "1234.5", "-0.0825", "98765.4321"])
def test_format_number_is_cldrs_decimal_format(locale: str, value: str) -> None:
    assert format_number(value, locale) == format_decimal(
        Decimal(value), locale=locale, decimal_quantization=False
    )


def test_format_number_keeps_the_swiss_groups() -> None:
    assert format_number("1234567.5", "de_CH") == "1'234'567.5"
    assert format_number("1234.5", "de_DE") == "1.234,5"
