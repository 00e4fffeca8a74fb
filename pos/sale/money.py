"""Money as :class:`~decimal.Decimal`, never float.

* :func:`parse_amount` reads the API's numbers and strings (``"225.0000"``, ``12.5``,
  ``"12.50"``, ``7``) exactly: a float is read through its shortest ``repr`` so ``0.1``
  becomes ``Decimal("0.1")``, not ``0.1000000000000000055...``. NaN and infinities are
  refused. (Better still, parse JSON with ``json.loads(text, parse_float=Decimal)``.)
* :func:`quantize` rounds to the currency's minor unit (ISO 4217 exponent: USD 2, JPY 0,
  KWD 3...), half up, the way tills and the API round.
* :func:`to_minor_units` / :func:`from_minor_units` convert to and from integer minor units
  (cents), the unit of the payment token's amount.
* :func:`format_money` formats an amount for a store profile's locale from a small table of
  locales (see :data:`SUPPORTED_LOCALES`); Babel is not needed.

Formatting follows CLDR's conventions for the listed locales, including its spaces:
U+00A0 (no-break space) between an amount and a symbol written after it (``1.234,50 €``)
and as the group separator of ``fr_CA`` and ``sv_SE``; U+202F (narrow no-break space) as
the group separator of ``fr_FR``. These keep an amount on one line on screens and receipts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType

__all__ = [
    "CURRENCY_EXPONENTS",
    "SUPPORTED_LOCALES",
    "MoneyError",
    "currency_exponent",
    "format_money",
    "from_minor_units",
    "normalise_locale",
    "parse_amount",
    "quantize",
    "to_minor_units",
]


class MoneyError(ValueError):
    """An amount or currency code that cannot be money."""


# ISO 4217 minor-unit exponents. Codes not listed here but well formed use 2.
_EXPONENT_EXCEPTIONS: dict[str, int] = {
    # no minor unit
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
    "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0,
    "XPF": 0,
    # three decimals
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    # four decimals
    "CLF": 4, "UYW": 4,
}  # fmt: skip
_TWO_DECIMALS = (
    "AED", "ARS", "AUD", "BDT", "BGN", "BRL", "CAD", "CHF", "CNY", "COP", "CZK", "DKK",
    "EGP", "EUR", "GBP", "GHS", "HKD", "HUF", "IDR", "ILS", "INR", "KES", "MAD", "MXN",
    "MYR", "NGN", "NOK", "NZD", "PEN", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB",
    "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "UAH", "USD", "UYU", "ZAR",
)  # fmt: skip

CURRENCY_EXPONENTS: Mapping[str, int] = MappingProxyType(
    {**dict.fromkeys(_TWO_DECIMALS, 2), **_EXPONENT_EXCEPTIONS}
)
"""Minor-unit exponents of common ISO 4217 currencies (others default to 2)."""

_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


def _code(currency: str) -> str:
    code = currency.strip().upper() if isinstance(currency, str) else ""
    if not _CURRENCY_CODE.match(code):
        raise MoneyError(f"not an ISO 4217 currency code: {currency!r}")
    return code


def currency_exponent(currency: str) -> int:
    """Digits after the decimal point for ``currency`` (``"USD"`` 2, ``"JPY"`` 0, ``"KWD"`` 3)."""
    return CURRENCY_EXPONENTS.get(_code(currency), 2)


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

NBSP = "\u00a0"
NNBSP = "\u202f"

# Symbols when a locale has no symbol of its own for a currency (unambiguous forms).
_GLOBAL_SYMBOLS: Mapping[str, str] = MappingProxyType(
    {
        "USD": "US$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "CAD": "CA$", "AUD": "A$",
        "NZD": "NZ$", "CNY": "CN¥", "HKD": "HK$", "INR": "₹", "KRW": "₩", "BRL": "R$",
        "MXN": "MX$", "ILS": "₪", "VND": "₫", "TWD": "NT$", "PHP": "₱",
    }
)  # fmt: skip


@dataclass(frozen=True)
class _LocaleFormat:
    decimal: str
    group: str
    # "¤" stands for the symbol and "#" for the number.
    pattern: str
    symbols: Mapping[str, str] = field(default_factory=dict)
    # CLDR's minimum grouping digits: 2 means 1234 is not grouped but 12 345 is.
    min_grouping: int = 1
    minus: str = "-"
    # True: the minus goes next to the number ("€ -1,00"); False: before everything.
    minus_inside: bool = False

    def symbol(self, code: str) -> str:
        return self.symbols.get(code) or _GLOBAL_SYMBOLS.get(code) or code


_PREFIX = "¤#"
_SUFFIX = f"#{NBSP}¤"
_PREFIX_SPACED = f"¤{NBSP}#"

_LOCALES: Mapping[str, _LocaleFormat] = MappingProxyType(
    {
        "en_US": _LocaleFormat(".", ",", _PREFIX, {"USD": "$", "JPY": "¥"}),
        "en_GB": _LocaleFormat(".", ",", _PREFIX, {"GBP": "£", "JPY": "JP¥"}),
        "en_IE": _LocaleFormat(".", ",", _PREFIX, {"EUR": "€"}),
        "en_CA": _LocaleFormat(".", ",", _PREFIX, {"CAD": "$", "USD": "US$"}),
        "en_AU": _LocaleFormat(".", ",", _PREFIX, {"AUD": "$", "USD": "US$"}),
        "en_NZ": _LocaleFormat(".", ",", _PREFIX, {"NZD": "$", "USD": "US$"}),
        "fr_FR": _LocaleFormat(
            ",", NNBSP, _SUFFIX, {"USD": "$US", "CAD": "$CA", "AUD": "$AU", "GBP": "£GB"}
        ),
        "fr_CA": _LocaleFormat(",", NBSP, _SUFFIX, {"CAD": "$", "USD": "$ US"}),
        "de_DE": _LocaleFormat(",", ".", _SUFFIX, {"USD": "$"}),
        "de_CH": _LocaleFormat(".", "’", _PREFIX_SPACED, {"USD": "$"}, minus_inside=True),
        "es_ES": _LocaleFormat(",", ".", _SUFFIX, {"USD": "US$"}, min_grouping=2),
        "es_MX": _LocaleFormat(".", ",", _PREFIX, {"MXN": "$", "USD": "USD"}),
        "it_IT": _LocaleFormat(",", ".", _SUFFIX, {"USD": "USD"}),
        "nl_NL": _LocaleFormat(",", ".", _PREFIX_SPACED, {"USD": "US$"}, minus_inside=True),
        "pt_BR": _LocaleFormat(",", ".", _PREFIX_SPACED, {"BRL": "R$", "USD": "US$"}),
        "ja_JP": _LocaleFormat(".", ",", _PREFIX, {"JPY": "￥", "USD": "$"}),
        "zh_CN": _LocaleFormat(".", ",", _PREFIX, {"CNY": "¥", "USD": "US$"}),
        "sv_SE": _LocaleFormat(",", NBSP, _SUFFIX, {"SEK": "kr", "USD": "US$"}, minus="−"),
        "da_DK": _LocaleFormat(",", ".", _SUFFIX, {"DKK": "kr.", "USD": "US$"}),
    }
)

SUPPORTED_LOCALES: frozenset[str] = frozenset(_LOCALES)
"""Locales :func:`format_money` formats natively (others: see :func:`format_money`)."""

# A bare language, or a region we have no table for, uses its language's main locale.
_LANGUAGE_DEFAULTS: Mapping[str, str] = MappingProxyType(
    {
        "en": "en_US", "fr": "fr_FR", "de": "de_DE", "es": "es_ES", "it": "it_IT",
        "nl": "nl_NL", "pt": "pt_BR", "ja": "ja_JP", "zh": "zh_CN", "sv": "sv_SE",
        "da": "da_DK",
    }
)  # fmt: skip


def normalise_locale(locale: str) -> str:
    """``"en-us"``, ``"en_US.UTF-8"``, ``"en_US@euro"`` → ``"en_US"``; ``"FR"`` → ``"fr"``."""
    text = locale.strip().split(".")[0].split("@")[0].replace("-", "_")
    language, _, region = text.partition("_")
    language = language.lower()
    return f"{language}_{region.upper()}" if region else language


def _locale_format(locale: str) -> _LocaleFormat | None:
    name = normalise_locale(locale)
    found = _LOCALES.get(name)
    if found is not None:
        return found
    language = name.partition("_")[0]
    default = _LANGUAGE_DEFAULTS.get(language)
    if default is None:
        return None
    base = _LOCALES[default]
    # A region we do not know: keep the language's separators, but use only unambiguous
    # symbols ("$" alone would mislead in another country).
    return _LocaleFormat(
        base.decimal, base.group, base.pattern, {}, base.min_grouping, base.minus,
        base.minus_inside,
    )  # fmt: skip


def _group(digits: str, separator: str, min_grouping: int) -> str:
    if len(digits) < 4 + (min_grouping - 1):
        return digits
    groups = []
    while len(digits) > 3:
        groups.append(digits[-3:])
        digits = digits[:-3]
    groups.append(digits)
    return separator.join(reversed(groups))


def format_money(amount: object, currency: str, locale: str = "en_US") -> str:
    """``amount`` rounded to ``currency``'s minor unit and formatted for ``locale``.

    ``format_money("1234.5", "USD", "en_US")`` → ``"$1,234.50"``;
    ``"de_DE"`` → ``"1.234,50 €"`` for EUR; ``"ja_JP"`` → ``"￥1,235"`` for JPY.
    A locale whose language is in the table but whose region is not uses that language's
    separators and unambiguous symbols (``"US$"``, ``"CA$"``). Any other locale gets the
    currency code and a plain amount: ``"USD 1,234.50"``.
    """
    code = _code(currency)
    value = quantize(amount, code)
    negative = value < 0
    exponent = currency_exponent(code)
    text = f"{abs(value):.{exponent}f}"
    whole, _, fraction = text.partition(".")
    fmt = _locale_format(locale)
    if fmt is None:
        number = _group(whole, ",", 1) + (f".{fraction}" if fraction else "")
        return f"{'-' if negative else ''}{code} {number}"
    number = _group(whole, fmt.group, fmt.min_grouping)
    if fraction:
        number += fmt.decimal + fraction
    if negative and fmt.minus_inside:
        number = fmt.minus + number
    symbol = fmt.symbol(code)
    pattern = fmt.pattern
    if pattern == _PREFIX and symbol[-1].isalpha():
        pattern = _PREFIX_SPACED  # "KWD 1,234.500", not "KWD1,234.500"
    result = pattern.replace("#", number).replace("¤", symbol)
    if negative and not fmt.minus_inside:
        result = fmt.minus + result
    return result
