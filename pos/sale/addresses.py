"""Billing and shipping addresses in BigCommerce's field names, checked before any call.

:func:`validate_address` takes a mapping with BigCommerce's address fields
(``first_name, last_name, email, company, address1, address2, city, state_or_province,
state_or_province_code, country_code, postal_code, phone``) and returns an
:class:`AddressCheck`: the normalised address (trimmed, codes upper-cased, postal codes
and phone numbers in their canonical form, state code and name both filled for countries
with a subdivision list) and the list of :class:`~pos.sale.messages.ValidationError` for
every field that is wrong, in words.

Rules: ISO 3166-1 alpha-2 country codes; required fields per country (postal code where
the country uses one, state or province for the United States, Canada and Australia);
US states (with DC, territories and armed-forces codes) and ZIP codes (5 or 9 digits);
Canadian provinces and postal codes (``A1A 1A1``); UK postcodes; Australian states and
4-digit postcodes; postal-code formats of several European countries and Japan; e-mail;
phone numbers to the API's pattern ``^\\+?[1-9]\\d{1,14}(x\\d{1,5})?$`` after removing
spaces, dashes, dots and brackets (``00`` becomes ``+``; a national number with a trunk
``0`` gets its country's calling code).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pos.sale.address_data import COUNTRIES, SUBDIVISIONS
from pos.sale.messages import ValidationError

__all__ = [
    "ADDRESS_FIELDS",
    "COUNTRIES",
    "PHONE_PATTERN",
    "SUBDIVISIONS",
    "AddressCheck",
    "countries",
    "country_name",
    "is_valid_email",
    "normalise_country_code",
    "normalise_phone",
    "normalise_postal_code",
    "postal_code_required",
    "state_required",
    "subdivisions",
    "validate_address",
]

ADDRESS_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "email",
    "company",
    "address1",
    "address2",
    "city",
    "state_or_province",
    "state_or_province_code",
    "country_code",
    "postal_code",
    "phone",
)
"""BigCommerce's address fields, in form order."""

_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "email": "e-mail address",
    "company": "company",
    "address1": "street address",
    "address2": "second address line",
    "city": "town or city",
    "state_or_province": "state or province",
    "state_or_province_code": "state or province code",
    "country_code": "country",
    "postal_code": "postal code",
    "phone": "phone number",
}

_MAX_LENGTH = 255
PHONE_PATTERN = re.compile(r"^\+?[1-9]\d{1,14}(x\d{1,5})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")

# Countries whose addresses have no postal code (the field is optional there).
_NO_POSTAL_CODE = frozenset((
    "AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK",
    "CM", "DJ", "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "HM", "IE", "JM", "KI",
    "KM", "KN", "KP", "LC", "ML", "MO", "MR", "MS", "MW", "NA", "NR", "NU", "QA", "RW", "SB", "SC",
    "SL", "SR", "ST", "SY", "TF", "TG", "TK", "TL", "TO", "TT", "TV", "UG", "VU", "YE", "ZW",
))  # fmt: skip

_UK_POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$")
_CA_POSTAL = re.compile(r"^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$")

# country → (pattern on the upper-cased code, canonical form builder, description)
_POSTAL_FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "US": (
        re.compile(r"^(\d{5})(?:[- ]?(\d{4}))?$"),
        "a 5-digit ZIP code, or 9 digits (12345-6789)",
    ),
    "CA": (_CA_POSTAL, "a Canadian postal code like A1A 1A1"),
    "GB": (_UK_POSTCODE, "a UK postcode like SW1A 1AA"),
    "IM": (_UK_POSTCODE, "a postcode like IM1 1AA"),
    "JE": (_UK_POSTCODE, "a postcode like JE2 3AB"),
    "GG": (_UK_POSTCODE, "a postcode like GY1 1AA"),
    "AU": (re.compile(r"^(\d{4})$"), "a 4-digit postcode"),
    "NZ": (re.compile(r"^(\d{4})$"), "a 4-digit postcode"),
    "DE": (re.compile(r"^(\d{5})$"), "a 5-digit Postleitzahl"),
    "FR": (re.compile(r"^(\d{5})$"), "a 5-digit code postal"),
    "IT": (re.compile(r"^(\d{5})$"), "a 5-digit CAP"),
    "ES": (re.compile(r"^(\d{5})$"), "a 5-digit código postal"),
    "NL": (re.compile(r"^(\d{4}) ?([A-Z]{2})$"), "a postcode like 1234 AB"),
    "JP": (re.compile(r"^(\d{3})-?(\d{4})$"), "a postal code like 123-4567"),
}
_POSTAL_JOIN = {"US": "-", "CA": " ", "NL": " ", "JP": "-"}

# Calling codes of countries whose national numbers start with a trunk "0" that is dropped
# in international form.
_TRUNK_ZERO_CALLING_CODES = {
    "GB": "44", "IM": "44", "JE": "44", "GG": "44", "AU": "61", "NZ": "64", "DE": "49",
    "FR": "33", "NL": "31", "BE": "32", "AT": "43", "CH": "41", "SE": "46", "IE": "353",
    "JP": "81", "ZA": "27", "FI": "358", "TR": "90", "IN": "91",
}  # fmt: skip

_COUNTRY_ALIASES = {"UK": "GB"}
_COUNTRY_BY_NAME = {name.casefold(): code for code, name in COUNTRIES.items()}


@dataclass(frozen=True)
class AddressCheck:
    """The result of :func:`validate_address`."""

    address: dict[str, Any]
    """The normalised address (only non-empty fields, unknown keys kept as they were)."""
    errors: list[ValidationError] = field(default_factory=list)
    """Every field that is wrong; empty when the address can be sent."""

    @property
    def ok(self) -> bool:
        return not self.errors


def countries() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as ``(code, English name)``, sorted by name (for pickers)."""
    return sorted(COUNTRIES.items(), key=lambda item: item[1].casefold())


def country_name(code: str) -> str | None:
    """The English name of an alpha-2 code (``"CA"`` → ``"Canada"``), or None."""
    return COUNTRIES.get(code.strip().upper())


def normalise_country_code(value: str) -> str | None:
    """An alpha-2 code from a code or an English name (``"uk"``, ``"Canada"``), or None."""
    text = value.strip()
    code = _COUNTRY_ALIASES.get(text.upper(), text.upper())
    if code in COUNTRIES:
        return code
    return _COUNTRY_BY_NAME.get(text.casefold())


def subdivisions(country_code: str) -> list[tuple[str, str]]:
    """States, provinces or territories of a country as ``(code, name)``, sorted by name.

    Codes are ISO 3166-2 without the country prefix (``("ON", "Ontario")``). Countries
    without a list here return an empty list (the picker becomes a free-text field).
    """
    return list(SUBDIVISIONS.get(country_code.strip().upper(), ()))


def state_required(country_code: str) -> bool:
    """True where the state or province is required (countries with a subdivision list)."""
    return country_code.strip().upper() in SUBDIVISIONS


def postal_code_required(country_code: str) -> bool:
    """True where addresses carry a postal code."""
    return country_code.strip().upper() not in _NO_POSTAL_CODE


def normalise_postal_code(country_code: str, postal_code: str) -> str | None:
    """The canonical postal code (``"k1a0b1"`` → ``"K1A 0B1"``), or None if it is malformed.

    Countries without a known format accept any code of 2 to 12 letters, digits, spaces
    and dashes.
    """
    code = " ".join(postal_code.upper().split())
    country = country_code.strip().upper()
    known = _POSTAL_FORMATS.get(country)
    if known is None:
        return code if re.fullmatch(r"[A-Z0-9][A-Z0-9 -]{0,10}[A-Z0-9]", code) else None
    match = known[0].match(code)
    if match is None:
        return None
    parts = [p for p in match.groups() if p]
    if country in {"GB", "IM", "JE", "GG"}:
        compact = code.replace(" ", "")
        return f"{compact[:-3]} {compact[-3:]}"
    return _POSTAL_JOIN.get(country, "").join(parts)


def normalise_phone(phone: str, country_code: str | None = None) -> str:
    """A phone number in the API's form: digits, an optional leading ``+``, ``x`` extension.

    Spaces, dashes, dots, slashes and brackets go; ``ext``/``extension``/``#`` before an
    extension become ``x``; a leading ``00`` becomes ``+``; a national number starting
    with a trunk ``0`` gets ``country_code``'s calling code (``020 7946 0958`` in GB →
    ``+442079460958``). The result may still fail :data:`PHONE_PATTERN`.
    """
    text = phone.strip()
    extension = ""
    match = re.search(r"(?:ext\.?|extension|x|#)\s*(\d{1,5})\s*$", text, flags=re.IGNORECASE)
    if match is not None:
        extension = "x" + match.group(1)
        text = text[: match.start()]
    text = re.sub(r"^(\+\d{1,3})\s*\(0\)", r"\1", text)  # "+49 (0)30": the (0) is not dialled
    main = re.sub(r"[\s\-./()\u00a0]", "", text)
    if main.startswith("00"):
        main = "+" + main[2:]
    elif main.startswith("0") and country_code:
        calling = _TRUNK_ZERO_CALLING_CODES.get(country_code.strip().upper())
        if calling is not None:
            main = f"+{calling}{main[1:]}"
    return main + extension


def is_valid_email(email: str) -> bool:
    """A plausible e-mail address (one ``@``, a dotted domain, no spaces, at most 254)."""
    return len(email) <= 254 and _EMAIL.match(email) is not None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _match_subdivision(country: str, code: str, name: str) -> tuple[str, str] | None:
    options = SUBDIVISIONS.get(country, ())
    for candidate in (code, name):
        key = candidate.strip().casefold()
        if not key:
            continue
        for sub_code, sub_name in options:
            if key in (sub_code.casefold(), sub_name.casefold()):
                return sub_code, sub_name
    return None


def validate_address(
    address: Mapping[str, Any], *, complete: bool = True, require_email: bool = True
) -> AddressCheck:
    """Check and normalise an address in BigCommerce's field names.

    ``complete=True`` (a shipping address, or a full billing address) requires first and
    last name, street, city and country, with the postal code and state where the
    country has them. ``complete=False`` requires only what BigCommerce's billing-address
    call requires (e-mail and country); any other field given is still checked.
    ``require_email=False`` makes the e-mail optional (e.g. a consignment address of a
    customer whose billing address has it).
    """
    result: dict[str, Any] = {}
    errors: list[ValidationError] = []

    def error(name: str, message: str) -> None:
        errors.append(ValidationError(name, message))

    values = {name: _text(address.get(name)) for name in ADDRESS_FIELDS}
    for name, value in values.items():
        if len(value) > _MAX_LENGTH:
            error(name, f"The {_LABELS[name]} is too long (at most {_MAX_LENGTH} characters).")

    required = ["country_code"]
    if require_email:
        required.append("email")
    if complete:
        required += ["first_name", "last_name", "address1", "city"]

    # Country first: the other rules depend on it.
    country = ""
    if values["country_code"]:
        found = normalise_country_code(values["country_code"])
        if found is None:
            error("country_code", "Choose a country (a two-letter ISO country code such as US).")
        else:
            country = found
            result["country_code"] = country
    if country and complete and postal_code_required(country):
        required.append("postal_code")
    if country and complete and state_required(country):
        required.append("state_or_province")

    for name in required:
        empty = not values[name]
        if name == "state_or_province":
            empty = empty and not values["state_or_province_code"]
        if empty:
            error(name, f"Enter the {_LABELS[name]}.")

    for name in ("first_name", "last_name", "company", "address1", "address2", "city"):
        if values[name]:
            result[name] = values[name]

    if values["email"]:
        if is_valid_email(values["email"]):
            result["email"] = values["email"]
        else:
            error("email", "The e-mail address is not valid (like name@example.com).")

    # State or province.
    state_code, state_name = values["state_or_province_code"], values["state_or_province"]
    if country in SUBDIVISIONS and (state_code or state_name):
        matched = _match_subdivision(country, state_code, state_name)
        if matched is None:
            what = {"US": "a US state", "CA": "a Canadian province or territory"}.get(
                country, f"a state or territory of {COUNTRIES[country]}"
            )
            error("state_or_province", f"Choose {what} from the list.")
        else:
            result["state_or_province_code"], result["state_or_province"] = matched
    else:
        if state_name:
            result["state_or_province"] = state_name
        if state_code:
            result["state_or_province_code"] = state_code.upper()

    # Postal code.
    if values["postal_code"]:
        if country:
            canonical = normalise_postal_code(country, values["postal_code"])
            if canonical is None:
                known = _POSTAL_FORMATS.get(country)
                hint = f" Expected {known[1]}." if known else ""
                error(
                    "postal_code", f"The postal code is not valid for {COUNTRIES[country]}.{hint}"
                )
            else:
                result["postal_code"] = canonical
        else:
            result["postal_code"] = values["postal_code"].upper()

    # Phone.
    if values["phone"]:
        phone = normalise_phone(values["phone"], country or None)
        if PHONE_PATTERN.match(phone):
            result["phone"] = phone
        elif phone.lstrip("+").startswith("0"):
            error(
                "phone",
                "Write the phone number with its country code (like +44 20 7946 0958).",
            )
        else:
            error(
                "phone",
                "The phone number must have 2 to 15 digits, optionally a leading + and an "
                "extension (x123).",
            )

    for key, value in address.items():
        if key not in ADDRESS_FIELDS:
            result[key] = value
    return AddressCheck(result, errors)
