"""Money: exact parsing, minor units, rounding and locale formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.sale.money import (
    CURRENCY_EXPONENTS,
    SUPPORTED_LOCALES,
    MoneyError,
    currency_exponent,
    format_money,
    from_minor_units,
    normalise_locale,
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
    assert currency_exponent("XYZ") == 2  # well formed, unknown: two decimals
    for code in ("USD", "EUR", "GBP", "CAD", "AUD", "JPY", "KWD"):
        assert code in CURRENCY_EXPONENTS
    for bad in ("US", "USDD", "12A", ""):
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


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("1234.5", "USD", "en_US", "$1,234.50"),
        ("1234.5", "USD", "en-US", "$1,234.50"),
        ("1234.5", "EUR", "de_DE", f"1.234,50{NBSP}€"),
        ("1234.5", "EUR", "fr_FR", f"1{NNBSP}234,50{NBSP}€"),
        ("1234.5", "EUR", "es_ES", f"1234,50{NBSP}€"),
        ("12345.5", "EUR", "es_ES", f"12.345,50{NBSP}€"),
        ("1234.5", "GBP", "en_GB", "£1,234.50"),
        ("1234.5", "JPY", "ja_JP", "￥1,235"),
        ("1234.5", "CAD", "en_CA", "$1,234.50"),
        ("1234.5", "USD", "en_CA", "US$1,234.50"),
        ("1234.5", "CAD", "fr_CA", f"1{NBSP}234,50{NBSP}$"),
        ("1234.5", "AUD", "en_AU", "$1,234.50"),
        ("1234.5", "EUR", "nl_NL", f"€{NBSP}1.234,50"),
        ("1234.5", "BRL", "pt_BR", f"R${NBSP}1.234,50"),
        ("1234.5", "CHF", "de_CH", f"CHF{NBSP}1’234.50"),
        ("1234.5", "KWD", "en_US", f"KWD{NBSP}1,234.500"),
        ("0", "USD", "en_US", "$0.00"),
        ("0.005", "USD", "en_US", "$0.01"),
        ("1234567.891", "USD", "en_US", "$1,234,567.89"),
        ("-1234.5", "USD", "en_US", "-$1,234.50"),
        ("-1234.5", "EUR", "de_DE", f"-1.234,50{NBSP}€"),
        ("-1234.5", "EUR", "nl_NL", f"€{NBSP}-1.234,50"),
        ("-5", "SEK", "sv_SE", f"−5,00{NBSP}kr"),
    ],
)
def test_format_money(amount: str, currency: str, locale: str, expected: str) -> None:
    assert format_money(Decimal(amount), currency, locale) == expected


def test_format_money_fallbacks() -> None:
    # A region without a table: the language's separators and only unambiguous symbols.
    assert format_money("1234.5", "USD", "en_ZA") == "US$1,234.50"
    assert format_money("1234.5", "EUR", "de_LU") == f"1.234,50{NBSP}€"
    # An unknown language: code and a plain amount.
    assert format_money("1234.5", "USD", "xx_YY") == "USD 1,234.50"
    assert format_money("-1234.5", "JPY", "tlh") == "-JPY 1,235"
    # Bare languages and POSIX spellings.
    assert format_money("1", "EUR", "de") == f"1,00{NBSP}€"
    assert format_money("1", "USD", "en_US.UTF-8") == "$1.00"


def test_format_money_accepts_api_values_and_refuses_bad_ones() -> None:
    assert format_money("225.0000", "USD") == "$225.00"
    assert format_money(12.5, "USD") == "$12.50"
    with pytest.raises(MoneyError):
        format_money(float("nan"), "USD")
    with pytest.raises(MoneyError):
        format_money("1", "dollars")


def test_normalise_locale() -> None:
    assert normalise_locale("en-us") == "en_US"
    assert normalise_locale("fr_CA.UTF-8") == "fr_CA"
    assert normalise_locale("de_DE@euro") == "de_DE"
    assert normalise_locale("FR") == "fr"


@given(amount=st.decimals(allow_nan=False, allow_infinity=False, places=2,
                          min_value=-(10**12), max_value=10**12),
       locale=st.sampled_from(sorted(SUPPORTED_LOCALES)))  # fmt: skip
def test_formatted_amounts_keep_their_digits(amount: Decimal, locale: str) -> None:
    text = format_money(amount, "EUR", locale)
    digits = "".join(ch for ch in text if ch.isdigit())
    assert int(digits) == abs(to_minor_units(amount, "EUR"))
    assert (amount < 0) == any(ch in text for ch in "-−")
