"""What the sale journal never stores: card numbers, CVVs and tokens.

A run of 13 to 19 digits (spaces and dashes allowed between groups) that passes the Luhn
check (:func:`pos.redaction.luhn_valid`, the register's one Luhn check), a JWT, or an opaque
run of 28 or more letters and digits is sensitive; so is any mapping key such as
``number``, ``cvv`` or ``token``. :func:`refusal` says why a value may not be written,
naming the field but never repeating the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pos.redaction import luhn_valid

__all__ = ["find_sensitive", "refusal"]

_DIGIT_RUN = re.compile(r"(?<![\d])\d+(?:[ -]\d+)*(?![\d])")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}")
_OPAQUE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{28,}(?![A-Za-z0-9])")
_FORBIDDEN_KEYS = frozenset(
    {
        "number",
        "card_number",
        "pan",
        "cvv",
        "cvc",
        "cvv2",
        "verification_value",
        "token",
        "access_token",
        "payment_access_token",
        "pat",
        "authorization",
        "x-auth-token",
        "password",
        "instrument",
    }
)


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _card_number_in(text: str) -> bool:
    text = _UUID.sub(" ", text)  # ids such as cart and transaction ids are not card numbers
    for match in _DIGIT_RUN.finditer(text):
        groups = re.split(r"[ -]", match.group())
        # A plain run of 13-19 digits, or consecutive groups written the way card numbers
        # are (a group of 4 first, then groups of at most 6) adding up to 13-19 digits.
        for start in range(len(groups)):
            digits = ""
            for group in groups[start:]:
                if digits and not (len(digits) >= 4 and len(group) <= 6):
                    break
                if digits == "" and len(group) != 4 and len(group) < 13:
                    break
                digits += group
                if len(digits) > 19:
                    break
                if len(digits) >= 13 and luhn_valid(digits):
                    return True
    return False


def find_sensitive(text: str) -> str | None:
    """What sensitive kind ``text`` looks like (``"card number"``, ``"token"``), or None."""
    if _card_number_in(text):
        return "card number"
    if _JWT.search(text):
        return "token"
    for match in _OPAQUE.finditer(text):
        word = match.group()
        if any(c.isdigit() for c in word) and any(c.isalpha() for c in word):
            return "token"
    return None


def refusal(field: str, value: object) -> str | None:
    """Why ``value`` (text, or mappings and sequences of them) may not be written as
    ``field``, or None when it may."""
    if isinstance(value, str):
        kind = find_sensitive(value)
        if kind is not None:
            return f"the journal refused {field}: it looks like a {kind}, which is never stored"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if str(key).strip().lower() in _FORBIDDEN_KEYS:
                return (f"the journal refused {field}: key {str(key)!r} may hold card data "
                        "or a token")
            # The key is checked before it appears in a message.
            why = refusal(f"a key of {field}", str(key)) or refusal(f"{field}.{key}", item)
            if why is not None:
                return why
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            why = refusal(f"{field}[{index}]", item)
            if why is not None:
                return why
    return None
