"""Money as :class:`~decimal.Decimal`, never float.

* :func:`parse_amount` reads the API's numbers and strings (``"225.0000"``, ``12.5``,
  ``"12.50"``, ``7``) exactly: a float is read through its shortest ``repr`` so ``0.1``
  becomes ``Decimal("0.1")``, not ``0.1000000000000000055...``. NaN and infinities are
  refused. (Better still, parse JSON with ``json.loads(text, parse_float=Decimal)``.)
* :func:`quantize` rounds to the currency's minor unit, half up, the way tills and the API
  round. The minor units (USD 2, JPY 0, KWD 3, CLF 4...) are ISO 4217's own list, read from
  the ``iso4217`` package (the ISO maintenance agency's table, updated with each amendment).
* :func:`to_minor_units` / :func:`from_minor_units` convert to and from integer minor units
  (cents), the unit of the payment token's amount.
* :func:`format_money` formats an amount for any locale CLDR knows, with Babel: the
  locale's symbol, pattern, separators and grouping (``₹12,34,567.50`` in ``hi_IN``), with
  the currency's ISO 4217 minor unit. Digits are Latin (CLDR's ``latn`` number system of
  the locale: ``ar_EG`` writes ``‏1,234.50 ج.م.‏``): Babel does not turn digits into a
  locale's native digits, and its native symbols with Latin digits would be neither form.
  Babel does not apply CLDR's minimum grouping digits either (Spanish ``1.234,50 €``).

CLDR's spaces are kept: U+00A0 (no-break space) and U+202F (narrow no-break space) keep an
amount on one line on screens and receipts.
"""

from __future__ import annotations

import copy
import functools
import math
import re
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType

from babel.numbers import NumberPattern, get_group_symbol, parse_pattern

from pos.locales import babel_locale, is_currency_code

__all__ = [
    "CURRENCY_EXPONENTS",
    "MoneyError",
    "currency_exponent",
    "format_money",
    "format_number",
    "from_minor_units",
    "is_currency_code",
    "parse_amount",
    "quantize",
    "to_minor_units",
]


class MoneyError(ValueError):
    """An amount or currency code that cannot be money."""


class _IsoExponents(Mapping[str, int]):
    """ISO 4217's table, read when first asked (the ``iso4217`` package builds it from its
    XML file: about 10 ms that the register's start does without)."""

    @functools.cached_property
    def _table(self) -> Mapping[str, int]:
        from iso4217 import Currency

        # ISO 4217 lists no minor unit ("N.A.") for gold, test codes and the like: whole
        # units.
        return MappingProxyType({c.code: int(c.exponent or 0) for c in Currency})

    def __getitem__(self, code: str) -> int:
        return self._table[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


CURRENCY_EXPONENTS: Mapping[str, int] = _IsoExponents()
"""ISO 4217's minor-unit exponent of every current currency code."""

_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


def _code(currency: str) -> str:
    code = currency.strip().upper() if isinstance(currency, str) else ""
    if not _CURRENCY_CODE.match(code):
        raise MoneyError(f"not an ISO 4217 currency code: {currency!r}")
    return code


def currency_exponent(currency: str) -> int:
    """Digits after the decimal point for ``currency`` (``"USD"`` 2, ``"JPY"`` 0, ``"KWD"`` 3).

    A well-formed code that is not a current ISO 4217 code raises :class:`MoneyError`.
    """
    code = _code(currency)
    exponent = CURRENCY_EXPONENTS.get(code)
    if exponent is None:
        raise MoneyError(f"not a current ISO 4217 currency code: {code}")
    return exponent


def parse_amount(value: object) -> Decimal:
    """An exact :class:`Decimal` from an API number or string.

    Accepts ``Decimal``, ``int``, ``float`` (read via its shortest repr) and strings such
    as ``"225.0000"``, ``" 12.50 "``, ``"-3"``. Refuses booleans, NaN, infinities, empty
    strings and anything else, with :class:`MoneyError`.
    """
    if isinstance(value, bool):
        raise MoneyError("a boolean is not an amount")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise MoneyError("an amount must be a finite number")
        result = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise MoneyError("an empty string is not an amount")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise MoneyError(f"not an amount: {value!r}") from None
    else:
        raise MoneyError(f"not an amount: {type(value).__name__}")
    if not result.is_finite():
        raise MoneyError("an amount must be a finite number")
    return result


def quantize(amount: object, currency: str) -> Decimal:
    """``amount`` rounded half up to ``currency``'s minor unit (``"12.345"`` USD → 12.35)."""
    value = parse_amount(amount)
    exponent = currency_exponent(currency)
    return value.quantize(Decimal(1).scaleb(-exponent), rounding=ROUND_HALF_UP)


def to_minor_units(amount: object, currency: str) -> int:
    """``amount`` in integer minor units (``12.50`` USD → 1250; ``1235`` JPY → 1235).

    The amount is first rounded half up to the currency's minor unit.
    """
    exponent = currency_exponent(currency)
    return int(quantize(amount, currency).scaleb(exponent))


def from_minor_units(units: int, currency: str) -> Decimal:
    """The amount of ``units`` minor units (1250 USD → ``Decimal("12.50")``)."""
    if isinstance(units, bool) or not isinstance(units, int):
        raise MoneyError("minor units must be an integer")
    exponent = currency_exponent(currency)
    return Decimal(units).scaleb(-exponent).quantize(Decimal(1).scaleb(-exponent))


# --- formatting ------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _pattern(locale: str, exponent: int) -> tuple[NumberPattern, str, str]:
    """The locale's standard currency pattern with ``exponent`` decimals, its Babel name and
    its group separator."""
    babel = babel_locale(locale)
    pattern = copy.copy(parse_pattern(babel.currency_formats["standard"]))
    pattern.frac_prec = (exponent, exponent)
    return pattern, str(babel), get_group_symbol(babel, numbering_system="latn")


def _group_digits(text: str, pattern: NumberPattern, separator: str) -> str:
    """Group the integer digits of an ungrouped amount by ``pattern``'s grouping sizes."""
    match = re.search(r"\d+", text)
    if match is None:
        return text
    digits, groups = match.group(), list[str]()
    size = pattern.grouping[0]
    while len(digits) > size:
        groups.insert(0, digits[-size:])
        digits = digits[:-size]
        size = pattern.grouping[1]
    grouped = separator.join([digits, *groups])
    return text[: match.start()] + grouped + text[match.end() :]


def format_money(amount: object, currency: str, locale: str = "en_US") -> str:
    """``amount`` rounded half up to ``currency``'s minor unit and formatted for ``locale``.

    ``format_money("1234.5", "USD", "en_US")`` → ``"$1,234.50"``; ``"EUR"`` in ``"de_DE"``
    → ``"1.234,50 €"``; ``"JPY"`` in ``"ja_JP"`` → ``"￥1,235"``. The pattern, symbol,
    separators are CLDR's for the locale (Latin digits, see the module's notes); the
    number of decimals is ISO 4217's for the currency. A locale CLDR does not know is
    formatted for its language, else for English (profiles naming one are refused on load).
    """
    code = _code(currency)
    exponent = currency_exponent(code)
    value = quantize(amount, code)
    pattern, name, group = _pattern(locale, exponent)
    if group != "'":
        return str(
            pattern.apply(
                value, name, currency=code, currency_digits=False, numbering_system="latn"
            )
        )
    # Swiss locales group with an ASCII apostrophe (CLDR 48), which Babel's pattern quoting
    # reads as a quote and drops in pairs ("1'234'567" would come out "1234567"): format
    # without groups, then group the digits with the locale's own sizes and separator.
    text = str(pattern.apply(
        value, name, currency=code, currency_digits=False, group_separator=False,
        numbering_system="latn",
    ))  # fmt: skip
    return _group_digits(text, pattern, group)


def format_number(value: object, locale: str = "en_US") -> str:
    """A quantity or rate written for ``locale`` (CLDR's decimal format, Latin digits):
    ``format_number("1234.5", "de_DE")`` → ``"1.234,5"``; ``"8.25"`` in ``"fr_FR"`` →
    ``"8,25"``. The value's own decimals are kept (no rounding)."""
    number = parse_amount(value)
    babel = babel_locale(locale)
    places = max(0, -int(number.as_tuple().exponent))
    pattern = copy.copy(parse_pattern(babel.decimal_formats[None]))
    pattern.frac_prec = (places, places)
    text = str(pattern.apply(number, babel, numbering_system="latn"))
    if get_group_symbol(babel, numbering_system="latn") == "'":
        return _group_digits(
            str(pattern.apply(number, babel, group_separator=False, numbering_system="latn")),
            pattern,
            "'",
        )
    return text
