"""Phone numbers read, written and searched with Google's libphonenumber (``phonenumbers``).

The store profile's country is the default region: a number typed without its country code
(``(512) 555-9337`` in a US store, ``020 7946 0958`` in a UK one) is read as a number of
that country.

* :func:`normalise_phone`: what is sent to the store, E.164 (``+15125559337``) with an
  ``x`` extension, which matches the API's pattern ``^\\+?[1-9]\\d{1,14}(x\\d{1,5})?$``.
* :func:`format_phone`: what the clerk reads, the national format for a number of the
  store's country (``(512) 555-9337``), the international one for others.
* :func:`search_forms`: the spellings a store is likely to hold for a typed number (stores
  keep phones as customers typed them), for an exact-match filter such as BigCommerce's
  ``phone:in``; :func:`same_phone` then tells which customers found really have it.
* :func:`looks_like_phone`: whether a search text is a phone number rather than a name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

# libphonenumber (its metadata and its formatter, about 20 ms) is loaded when a number is
# first read or written, not when the register starts.

__all__ = [
    "PHONE_PATTERN",
    "default_region",
    "format_phone",
    "looks_like_phone",
    "normalise_phone",
    "parse_phone",
    "same_phone",
    "search_forms",
]

PHONE_PATTERN = re.compile(r"^\+?[1-9]\d{1,14}(x\d{1,5})?$")
"""The pattern BigCommerce's checkout addresses accept for ``phone``."""

_PUNCTUATION = re.compile(r"[\s\-./()\u00a0\u2010-\u2015]")


def _region(region: str | None) -> str | None:
    code = (region or "").strip().upper()
    return code if len(code) == 2 and code.isalpha() else None


def default_region(country: str | None = None, locale: str | None = None) -> str | None:
    """The region national numbers are read in: ``country`` (the store's, e.g. its pickup
    address's) when it is a region libphonenumber knows, else the locale's (``"en_CA"`` →
    ``"CA"``), else None (then only numbers written with ``+`` and a country code parse)."""
    import phonenumbers

    regions = phonenumbers.SUPPORTED_REGIONS
    code = _region(country)
    if code in regions:
        return code
    parts = (locale or "").replace("-", "_").split(".")[0].split("_")
    territory = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return territory if territory in regions else None


def parse_phone(text: str, region: str | None = None) -> PhoneNumber | None:
    """The number in ``text`` (national numbers read in ``region``), or None if it is none.

    A number is accepted when libphonenumber finds it *possible* (a plausible length for
    its country); numbers that are possible but not assigned yet (``555`` numbers in the
    US) are accepted, since a store may hold them.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    import phonenumbers
    from phonenumbers import NumberParseException

    try:
        number = phonenumbers.parse(text, _region(region))
    except NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def _with_extension(main: str, number: PhoneNumber) -> str:
    extension = number.extension or ""
    return f"{main}x{extension}" if extension else main


def normalise_phone(text: str, region: str | None = None) -> str:
    """The number in E.164 with an ``x`` extension (``+15125550100x42``) for the store.

    Text that is not a valid number of its country (libphonenumber's check of its length
    and prefixes) is only cleaned (spaces, dashes, dots and brackets go; a leading ``00``
    becomes ``+``), so that the caller can tell the clerk what is wrong with it.
    """
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    number = parse_phone(text, region)
    if (
        number is not None
        and phonenumbers.is_valid_number(number)
        and len(number.extension or "") <= 5
    ):
        return _with_extension(phonenumbers.format_number(number, PhoneNumberFormat.E164), number)
    cleaned = _PUNCTUATION.sub("", text.strip())
    return "+" + cleaned[2:] if cleaned.startswith("00") else cleaned


def format_phone(text: str, region: str | None = None) -> str:
    """The number for reading: national format in ``region``, international elsewhere.

    ``format_phone("+15125559337", "US")`` → ``"(512) 555-9337"``; in ``"GB"`` →
    ``"+1 512-555-9337"``. Text that is not a number is shown as it is.
    """
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    number = parse_phone(text, region)
    if number is None:
        return text.strip() if isinstance(text, str) else ""
    home = _region(region)
    style = (
        PhoneNumberFormat.NATIONAL
        if home is not None and phonenumbers.region_code_for_number(number) == home
        else PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def same_phone(first: str, second: str, region: str | None = None) -> bool:
    """Whether two spellings are the same number (``(512) 555-9337`` and ``+15125559337``).

    Extensions are not compared (a customer's desk and switchboard are one customer).
    Text that is not a possible number compares by its digits.
    """
    one, two = parse_phone(first, region), parse_phone(second, region)
    if one is not None and two is not None:
        return (one.country_code, one.national_number, one.italian_leading_zero) == (
            two.country_code,
            two.national_number,
            two.italian_leading_zero,
        )
    digits_one = "".join(ch for ch in first if ch.isdigit())
    digits_two = "".join(ch for ch in second if ch.isdigit())
    return bool(digits_one) and digits_one == digits_two


def _groups(formatted: str) -> list[str]:
    return re.findall(r"\+?\d+", formatted)


def search_forms(text: str, region: str | None = None) -> list[str]:
    """The spellings a store may hold for the number typed in ``text``, most likely first.

    For ``5125559337`` in the US: ``+15125559337``, ``(512) 555-9337``, ``5125559337``,
    ``512-555-9337``, ``512.555.9337``, ``512 555 9337``, ``+1 512-555-9337``,
    ``15125559337``, ``1-512-555-9337``... (the text as typed is among them). A text that is
    not a possible number gives only itself, trimmed. No form contains a comma.
    """
    typed = text.strip() if isinstance(text, str) else ""
    number = parse_phone(typed, region)
    forms: list[str] = []

    def add(form: str) -> None:
        if form and "," not in form and form not in forms:
            forms.append(form)

    if number is None:
        add(typed)
        return forms
    import phonenumbers
    from phonenumbers import PhoneNumber, PhoneNumberFormat

    bare = PhoneNumber(
        country_code=number.country_code,
        national_number=number.national_number,
        italian_leading_zero=number.italian_leading_zero,
        number_of_leading_zeros=number.number_of_leading_zeros,
    )
    e164 = phonenumbers.format_number(bare, PhoneNumberFormat.E164)
    national = phonenumbers.format_number(bare, PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(bare, PhoneNumberFormat.INTERNATIONAL)
    add(e164)
    add(national)
    add(national.replace(") ", ")"))  # (512)555-9337
    groups = _groups(national)
    for separator in ("", "-", ".", " "):
        add(separator.join(groups))
    add(international)
    calling = str(number.country_code)
    intl_groups = _groups(international)
    for separator in (" ", "-", "."):
        add(separator.join(intl_groups))
    add(e164[1:])  # the country code without its "+"
    add(f"00{e164[1:]}")
    rest = intl_groups[1:]
    for separator in ("-", " ", "."):
        add(separator.join([calling, *rest]))
    add(typed)
    if number.extension:
        add(_with_extension(e164, number))
    return forms


def looks_like_phone(text: str) -> bool:
    """Whether a search text is a phone number: mostly digits, at least six of them."""
    stripped = text.strip()
    digits = sum(ch.isdigit() for ch in stripped)
    others = len(_PUNCTUATION.sub("", stripped.lstrip("+"))) - digits
    return digits >= 6 and others <= 3
