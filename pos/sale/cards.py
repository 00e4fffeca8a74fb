"""Payment cards: Luhn, brand as typed, lengths, CVV length, expiry, masking.

Card data lives only in memory, inside a :class:`CardDetails`, for as long as a payment
request runs. A ``CardDetails`` never shows its number or CVV: ``repr``, ``str`` and
``format`` give the brand and the last four digits; pickling and copying raise;
:meth:`CardDetails.wipe` drops the references. Validation messages never repeat the number.

Brands are recognised from the number's leading digits (IIN ranges) while it is typed:
:func:`possible_brands` lists every brand a prefix can still become, :func:`detect_brand`
names the brand once the prefix decides it.
"""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass
from typing import Any, NoReturn

from pos.redaction import digits_only, luhn_valid
from pos.sale.messages import InvalidInput, ValidationError
from pos.sale.phrases import SALE_WORDS

_NUMBER_MISSING = SALE_WORDS("card.number.missing", "Enter the card number.")
_NUMBER_DIGITS = SALE_WORDS("card.number.digits", "The card number may contain only digits.")
_NUMBER_BRAND = SALE_WORDS(
    "card.number.brand",
    "This card number does not belong to a known card brand.",
)
_LENGTH_RANGE = SALE_WORDS("card.number.length_range", "{low} to {high}")
_LENGTH_CHOICE = SALE_WORDS("card.number.length_choice", "{some} or {last}")
_NUMBER_LENGTH = SALE_WORDS(
    "card.number.length",
    "A {brand} card number has {allowed} digits; this one has {count}.",
)
_NUMBER_LUHN = SALE_WORDS(
    "card.number.luhn",
    "The card number is not valid; check it for a typing error.",
)
_CVV_MISSING = SALE_WORDS("card.cvv.missing", "Enter the card's security code.")
_CVV_DIGITS = SALE_WORDS("card.cvv.digits", "The security code may contain only digits.")
_CVV_LENGTH = SALE_WORDS("card.cvv.length", "The security code of {brand} has {count} digits.")
_CVV_LENGTH_ANY = SALE_WORDS(
    "card.cvv.length_any",
    "The security code of this card has {count} digits.",
)
_MONTH_RANGE = SALE_WORDS("card.expiry.month", "The expiry month must be 1 to 12.")
_YEAR_DIGITS = SALE_WORDS(
    "card.expiry.year_digits",
    "The expiry year must have four digits (e.g. 2031).",
)
_EXPIRED = SALE_WORDS("card.expiry.expired", "The card has expired.")
_YEAR_FAR = SALE_WORDS("card.expiry.year_far", "The expiry year is too far in the future.")
_NAME_MISSING = SALE_WORDS("card.name.missing", "Enter the name on the card.")
_NAME_LONG = SALE_WORDS("card.name.long", "The name on the card is too long.")
_NAME_DIGITS = SALE_WORDS("card.name.digits", "The name on the card may not contain digits.")
_CLEARED = SALE_WORDS("card.cleared", "The card details have been cleared.")

__all__ = [
    "CardBrand",
    "CardDetails",
    "card_lengths",
    "cvv_length",
    "detect_brand",
    "digits_only",
    "last4",
    "luhn_valid",
    "mask",
    "possible_brands",
    "validate_card",
    "validate_cardholder_name",
    "validate_cvv",
    "validate_expiry",
    "validate_number",
]

MASK = "••••"


@dataclass(frozen=True, slots=True)
class _BrandInfo:
    display: str
    bc_instrument: str
    lengths: tuple[int, ...]
    cvv: int


class CardBrand(enum.Enum):
    """A card scheme, with BigCommerce's ``instrument_type`` name and its lengths."""

    VISA = _BrandInfo("Visa", "VISA", (13, 16, 19), 3)
    MASTERCARD = _BrandInfo("Mastercard", "MASTERCARD", (16,), 3)
    AMEX = _BrandInfo("American Express", "AMEX", (15,), 4)
    DISCOVER = _BrandInfo("Discover", "DISCOVER", (16, 17, 18, 19), 3)
    DINERS_CLUB = _BrandInfo("Diners Club", "DINERS_CLUB", (14, 15, 16, 17, 18, 19), 3)
    JCB = _BrandInfo("JCB", "JCB", (16, 17, 18, 19), 3)
    MAESTRO = _BrandInfo("Maestro", "MAESTRO", tuple(range(12, 20)), 3)
    UNIONPAY = _BrandInfo("UnionPay", "UNIONPAY", (16, 17, 18, 19), 3)

    @property
    def display_name(self) -> str:
        """The brand as printed for people (``"American Express"``)."""
        return self.value.display

    @property
    def bc_instrument_type(self) -> str:
        """BigCommerce's name (``supported_instruments[].instrument_type``, e.g. ``"AMEX"``)."""
        return self.value.bc_instrument

    @property
    def lengths(self) -> tuple[int, ...]:
        """Number lengths this brand issues."""
        return self.value.lengths

    @property
    def cvv_length(self) -> int:
        """Digits of the security code: 4 for American Express, 3 for the others."""
        return self.value.cvv

    @classmethod
    def from_bc_name(cls, name: str) -> CardBrand | None:
        """The brand of a BigCommerce brand/instrument name (``"AMEX"``, ``"visa"``...)."""
        key = name.strip().upper().replace(" ", "_").replace("-", "_")
        aliases = {"AMERICAN_EXPRESS": "AMEX", "DINERS": "DINERS_CLUB", "MASTER": "MASTERCARD"}
        key = aliases.get(key, key)
        for brand in cls:
            if brand.bc_instrument_type == key:
                return brand
        return None


# IIN ranges as (first, last) prefixes of equal length. The longest matching prefix wins,
# so Discover's co-branded 622126-622925 beats UnionPay's 62.
_RANGES: tuple[tuple[str, str, CardBrand], ...] = (
    ("4", "4", CardBrand.VISA),
    ("51", "55", CardBrand.MASTERCARD),
    ("2221", "2720", CardBrand.MASTERCARD),
    ("34", "34", CardBrand.AMEX),
    ("37", "37", CardBrand.AMEX),
    ("6011", "6011", CardBrand.DISCOVER),
    ("644", "649", CardBrand.DISCOVER),
    ("65", "65", CardBrand.DISCOVER),
    ("622126", "622925", CardBrand.DISCOVER),
    ("300", "305", CardBrand.DINERS_CLUB),
    ("3095", "3095", CardBrand.DINERS_CLUB),
    ("36", "36", CardBrand.DINERS_CLUB),
    ("38", "39", CardBrand.DINERS_CLUB),
    ("3528", "3589", CardBrand.JCB),
    ("5018", "5018", CardBrand.MAESTRO),
    ("5020", "5020", CardBrand.MAESTRO),
    ("5038", "5038", CardBrand.MAESTRO),
    ("5893", "5893", CardBrand.MAESTRO),
    ("6304", "6304", CardBrand.MAESTRO),
    ("6759", "6759", CardBrand.MAESTRO),
    ("6761", "6763", CardBrand.MAESTRO),
    ("62", "62", CardBrand.UNIONPAY),
    ("81", "81", CardBrand.UNIONPAY),
)



def _matches(prefix: str, low: str, high: str) -> tuple[bool, bool]:
    """(full, partial): ``prefix`` is inside the range / could still grow into it."""
    width = len(low)
    if len(prefix) >= width:
        head = int(prefix[:width])
        return int(low) <= head <= int(high), False
    drop = 10 ** (width - len(prefix))
    value = int(prefix)
    return False, int(low) // drop <= value <= int(high) // drop


def possible_brands(number: str) -> list[CardBrand]:
    """Every brand a partly typed number can still belong to, most specific first.

    ``""`` → all brands; ``"3"`` → Amex, Diners Club, JCB; ``"4"`` → Visa.
    """
    digits = digits_only(number)
    if not digits:
        return list(CardBrand)
    if not digits.isdigit() or not digits.isascii():
        return []
    found: list[tuple[int, CardBrand]] = []
    for low, high, brand in _RANGES:
        full, partial = _matches(digits, low, high)
        if full or partial:
            found.append((len(low), brand))
    found.sort(key=lambda item: -item[0])
    result: list[CardBrand] = []
    for _, brand in found:
        if brand not in result:
            result.append(brand)
    return result


def detect_brand(number: str) -> CardBrand | None:
    """The brand of a full or partly typed number, or None while it is still open.

    The longest IIN prefix that the digits already match decides; when none matches yet,
    a brand is named only if every range the digits could still grow into is that brand.
    """
    digits = digits_only(number)
    if not digits or not digits.isdigit() or not digits.isascii():
        return None
    best: tuple[int, CardBrand] | None = None
    partial: set[CardBrand] = set()
    for low, high, brand in _RANGES:
        full, could = _matches(digits, low, high)
        if full and (best is None or len(low) > best[0]):
            best = (len(low), brand)
        elif could:
            partial.add(brand)
    if best is not None:
        return best[1]
    if len(partial) == 1:
        return partial.pop()
    return None


def card_lengths(brand: CardBrand | None) -> tuple[int, ...]:
    """Valid number lengths for ``brand`` (12 to 19 when the brand is unknown)."""
    return brand.lengths if brand is not None else tuple(range(12, 20))


def cvv_length(brand: CardBrand | None) -> int:
    """Expected CVV digits: 4 for American Express, otherwise 3."""
    return brand.cvv_length if brand is not None else 3


def last4(number: str) -> str:
    """The last four digits of a card number (fewer if the number is shorter)."""
    return digits_only(number)[-4:]


def mask(last_four: str) -> str:
    """``"•••• 4242"`` from the last four digits (or from a whole number: only its end shows)."""
    return f"{MASK} {last4(last_four)}"


# --- validation ------------------------------------------------------------------------


def validate_number(number: str) -> list[ValidationError]:
    """What is wrong with a card number, field ``number`` (empty list: nothing)."""
    digits = digits_only(number)
    if not digits:
        return [ValidationError("number", _NUMBER_MISSING())]
    if not digits.isdigit() or not digits.isascii():
        return [ValidationError("number", _NUMBER_DIGITS())]
    brand = detect_brand(digits)
    if brand is None:
        return [
            ValidationError("number", _NUMBER_BRAND())
        ]
    if len(digits) not in brand.lengths:
        lengths = [str(n) for n in brand.lengths]
        allowed: str
        if len(lengths) == 1:
            allowed = lengths[0]
        elif len(lengths) > 3:
            allowed = _LENGTH_RANGE(low=lengths[0], high=lengths[-1])
        else:
            allowed = _LENGTH_CHOICE(some=", ".join(lengths[:-1]), last=lengths[-1])
        return [
            ValidationError(
                "number",
                _NUMBER_LENGTH(brand=brand.display_name, allowed=allowed, count=len(digits)),
            )
        ]
    if not luhn_valid(digits):
        return [
            ValidationError("number", _NUMBER_LUHN())
        ]
    return []


def validate_cvv(cvv: str, brand: CardBrand | None, *, field: str = "cvv") -> list[ValidationError]:
    """What is wrong with a security code for ``brand``."""
    code = cvv.strip()
    expected = cvv_length(brand)
    if not code:
        return [ValidationError(field, _CVV_MISSING())]
    if not code.isdigit() or not code.isascii():
        return [ValidationError(field, _CVV_DIGITS())]
    if brand is None and len(code) in (3, 4):
        return []
    if len(code) != expected:
        if brand is None:
            return [ValidationError(field, _CVV_LENGTH_ANY(count=expected))]
        return [ValidationError(field, _CVV_LENGTH(brand=brand.display_name, count=expected))]
    return []


def _as_int(value: int | str) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = value.strip()
    return int(text) if text.isdigit() and text.isascii() else None


def validate_expiry(
    month: int | str, year: int | str, *, today: _dt.date | None = None
) -> list[ValidationError]:
    """What is wrong with an expiry date: month 1-12, a four-digit year, not in the past.

    A card is valid through the last day of its expiry month. ``today`` defaults to the
    local date; pass it to test or to use the store's date.
    """
    errors: list[ValidationError] = []
    m = _as_int(month)
    y = _as_int(year)
    if m is None or not 1 <= m <= 12:
        errors.append(ValidationError("expiry_month", _MONTH_RANGE()))
    year_text = str(year).strip() if not isinstance(year, bool) else ""
    if y is None or len(year_text) != 4:
        errors.append(
            ValidationError("expiry_year", _YEAR_DIGITS())
        )
    if errors or m is None or y is None:
        return errors
    now = today or _dt.date.today()
    if (y, m) < (now.year, now.month):
        errors.append(ValidationError("expiry_year", _EXPIRED()))
    elif y > now.year + 30:
        errors.append(ValidationError("expiry_year", _YEAR_FAR()))
    return errors


def validate_cardholder_name(name: str) -> list[ValidationError]:
    """What is wrong with the name on the card (required by the Payments API)."""
    text = name.strip()
    if not text:
        return [ValidationError("cardholder_name", _NAME_MISSING())]
    if len(text) > 255:
        return [ValidationError("cardholder_name", _NAME_LONG())]
    if any(ch.isdigit() for ch in text):
        return [ValidationError("cardholder_name", _NAME_DIGITS())]
    return []


# --- the card itself -------------------------------------------------------------------


class CardDetails:
    """A card typed by the clerk, held only in memory.

    ``repr``/``str``/``format`` show ``Visa •••• 4242`` and nothing more. Pickling,
    copying and attribute inspection through ``vars()`` are refused. Call :meth:`wipe`
    as soon as the payment request has been sent: it drops the references to the number
    and CVV (Python cannot overwrite string memory; dropping every reference is what it
    can do), after which reading them raises.

    ``number`` may contain spaces or dashes; they are removed. The expiry may be given as
    integers or digit strings (``"07"``, ``"2031"``); :meth:`validate` checks it.
    """

    __slots__ = (
        "_brand",
        "_cvv",
        "_last4",
        "_number",
        "cardholder_name",
        "expiry_month",
        "expiry_year",
    )

    def __init__(
        self,
        number: str,
        cvv: str,
        expiry_month: int | str,
        expiry_year: int | str,
        cardholder_name: str = "",
    ) -> None:
        digits = digits_only(number)
        self._number: str | None = digits
        self._cvv: str | None = cvv.strip()
        self._brand = detect_brand(digits)
        self._last4 = digits[-4:] if digits.isdigit() else ""
        self.expiry_month = expiry_month
        self.expiry_year = expiry_year
        self.cardholder_name = cardholder_name.strip()

    # The secrets, for the payment request only.
    @property
    def number(self) -> str:
        """The card number (digits only). Raises after :meth:`wipe`."""
        if self._number is None:
            raise ValueError("the card details have been wiped")
        return self._number

    @property
    def cvv(self) -> str:
        """The security code. Raises after :meth:`wipe`."""
        if self._cvv is None:
            raise ValueError("the card details have been wiped")
        return self._cvv

    @property
    def brand(self) -> CardBrand | None:
        """The brand read from the number (None when unknown)."""
        return self._brand

    @property
    def last4(self) -> str:
        """The last four digits (kept after :meth:`wipe` for receipts and the journal)."""
        return self._last4

    @property
    def masked(self) -> str:
        """``"•••• 4242"``."""
        return f"{MASK} {self._last4}"

    @property
    def wiped(self) -> bool:
        """True once :meth:`wipe` has run."""
        return self._number is None

    def wipe(self) -> None:
        """Drop the references to the number and CVV."""
        self._number = None
        self._cvv = None

    def validate(self, *, today: _dt.date | None = None) -> list[ValidationError]:
        """Every field that is wrong (number, cvv, expiry_month/year, cardholder_name)."""
        if self.wiped:
            return [ValidationError("number", _CLEARED())]
        return validate_card(
            self.number,
            self.cvv,
            self.expiry_month,
            self.expiry_year,
            self.cardholder_name,
            today=today,
        )

    def require_valid(self, *, today: _dt.date | None = None) -> None:
        """Raise :class:`~pos.sale.messages.InvalidInput` listing every wrong field."""
        errors = self.validate(today=today)
        if errors:
            raise InvalidInput(errors)

    def instrument(self) -> dict[str, Any]:
        """The Payments API ``card`` instrument for this card (for the request body only).

        ``{"type": "card", "number", "cardholder_name", "expiry_month", "expiry_year",
        "verification_value"}``. Never log or store the result.
        """
        return {
            "type": "card",
            "number": self.number,
            "cardholder_name": self.cardholder_name,
            "expiry_month": int(str(self.expiry_month).strip()),
            "expiry_year": int(str(self.expiry_year).strip()),
            "verification_value": self.cvv,
        }

    def _describe(self) -> str:
        name = self._brand.display_name if self._brand is not None else "Card"
        return f"{name} {self.masked}"

    def __repr__(self) -> str:
        return f"<CardDetails {self._describe()}>"

    def __str__(self) -> str:
        return self._describe()

    def __format__(self, spec: str) -> str:
        return format(self._describe(), spec)

    def _refuse(self, *_: object) -> NoReturn:
        raise TypeError("card details cannot be pickled, copied or serialised")

    __reduce__ = _refuse
    __reduce_ex__ = _refuse
    __getstate__ = _refuse
    __copy__ = _refuse
    __deepcopy__ = _refuse


def validate_card(
    number: str,
    cvv: str,
    expiry_month: int | str,
    expiry_year: int | str,
    cardholder_name: str,
    *,
    today: _dt.date | None = None,
) -> list[ValidationError]:
    """Every field of a new card that is wrong, each with what is wrong, in field order."""
    errors: list[ValidationError] = []
    errors += validate_number(number)
    errors += validate_cvv(cvv, detect_brand(number))
    errors += validate_expiry(expiry_month, expiry_year, today=today)
    errors += validate_cardholder_name(cardholder_name)
    return errors
