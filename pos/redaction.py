"""Redaction of secrets from text, and the one Luhn check of the register.

A leaf module (it imports nothing from ``pos``): the client's logs and error texts
(:mod:`pos.api`), the sale journal's secret filter, card validation (:mod:`pos.sale.cards`)
and the register's log file (:mod:`pos.ui.app_log`) all use it.

What is removed: the values of ``X-Auth-Token`` and ``Authorization`` headers, ``PAT``/
``Bearer`` tokens and JSON Web Tokens wherever they appear, the values of card and secret
fields (``number``, ``verification_value``, ``cvv``, ``token``, ``authorization``, ...) in
JSON, repr or ``key: value`` form, and card-number-like digit runs that pass the Luhn check
(13-19 digits, alone or grouped by spaces or dashes). Secret values the register holds (the
store's API token, payment access tokens) are made known with :func:`remember_secret` and
removed by value wherever they appear, whatever their shape.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "REDACTED_LOGGERS",
    "RedactingFilter",
    "digits_only",
    "install_redaction",
    "is_secret_key",
    "luhn_valid",
    "redact",
    "redact_data",
    "redact_field",
    "remember_secret",
]

_MARK = "[redacted]"

#: Field names whose values are secrets (compared on the last segment of a dotted path,
#: case-insensitively).
_SECRET_KEYS = frozenset(
    {
        "number",
        "card_number",
        "cardnumber",
        "pan",
        "verification_value",
        "cvv",
        "cvv2",
        "cvc",
        "cvc2",
        "cid",
        "security_code",
        "token",
        "access_token",
        "payment_access_token",
        "pat",
        "authorization",
        "x-auth-token",
        "x_auth_token",
        "password",
        "client_secret",
    }
)
_KEY_NAMES = (
    r"x-auth-token|authorization|card_number|verification_value|access_token|"
    r"security_code|number|cvv2?|cvc2?|token|password|client_secret"
)
_VALUE_END = r"[^'\"\s,)}\]]"
#: A value already redacted by an earlier rule is replaced whole.
_DONE = r"\[redacted[\w-]*\]"

#: Card numbers: 13-19 digits in one run, or grouped 4-4-4-x / 4-6-5 by spaces or dashes.
_CARD_LIKE = re.compile(
    r"(?<![\w-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\w-])"
)

_REDACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    # JSON Web Tokens (payment access tokens), with or without their dots.
    (re.compile(r"eyJ[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*){0,2}"), "[redacted-jwt]"),
    # Header lines and header tuples as httpx/httpcore may print them.
    (
        re.compile(
            r"(?i)(x-auth-token['\"]?\s*[:,=]\s*b?['\"]?)(?:" + _DONE + "|" + _VALUE_END + "+)"
        ),
        r"\1" + _MARK,
    ),
    (
        re.compile(
            r"(?i)(authorization['\"]?\s*[:,=]\s*b?['\"]?)(?:(?:pat|bearer|basic)\s+)?"
            r"(?:" + _DONE + "|" + _VALUE_END + "+)"
        ),
        r"\1" + _MARK,
    ),
    # "PAT <token>" / "Bearer <token>" anywhere.
    (re.compile(r"\b(PAT|[Bb]earer)\s+(?!\[redacted)[A-Za-z0-9._~+/=-]{8,}"), r"\1 " + _MARK),
    # Card and secret fields in JSON, repr or "key: value" form.
    (
        re.compile(
            r"(?i)(['\"]?\b(?:" + _KEY_NAMES + r")['\"]?\s*[:=]\s*b?['\"]?)"
            r"(?:" + _DONE + r"|(?=" + _VALUE_END + r"*\d|" + _VALUE_END + r"{16,})"
            + _VALUE_END + "+)"
        ),
        r"\1" + _MARK,
    ),
    # "CVV 123", "security code is 1234".
    (
        re.compile(
            r"(?i)\b(cvv2?|cvc2?|cid|verification[_ ]value|security[_ ]code)"
            r"(['\"]?\s*(?:[:=]|is)?\s*['\"]?)\d{3,4}\b"
        ),
        r"\1\2" + _MARK,
    ),
)


_SEPARATORS = str.maketrans("", "", " -\t")


def digits_only(text: str) -> str:
    """``text`` without the spaces and dashes people type between groups of digits."""
    return text.translate(_SEPARATORS)


def luhn_valid(number: str) -> bool:
    """True when ``number`` (digits, spaces and dashes allowed) passes the Luhn check."""
    digits = digits_only(number)
    if not digits.isdigit() or not digits.isascii():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _card_sub(match: re.Match[str]) -> str:
    # Any script's decimal digits count (``\d`` matches them): checked as ASCII digits.
    digits = "".join(str(int(ch)) for ch in re.sub(r"[ -]", "", match.group(0)))
    if 13 <= len(digits) <= 19 and luhn_valid(digits):
        return "[redacted-number]"
    return match.group(0)


#: Secret values known by value (the newest last; bounded: payment tokens are one per
#: payment attempt). Only values long enough never to be ordinary words are kept.
_KNOWN: list[str] = []
_KNOWN_MAX = 64
_KNOWN_MIN_LENGTH = 8
_known_pattern: re.Pattern[str] | None = None


def remember_secret(value: str | None) -> None:
    """Makes ``value`` (the store's API token, a payment access token) removed by value from
    every text :func:`redact` cleans from now on."""
    global _known_pattern
    if not value or len(value) < _KNOWN_MIN_LENGTH or not isinstance(value, str):
        return
    if value in _KNOWN:
        if _KNOWN[-1] != value:
            _KNOWN.remove(value)
            _KNOWN.append(value)
        return
    _KNOWN.append(value)
    del _KNOWN[:-_KNOWN_MAX]
    ordered = sorted(_KNOWN, key=len, reverse=True)
    _known_pattern = re.compile("|".join(re.escape(v) for v in ordered))


def redact(text: str) -> str:
    """``text`` without known secret values, header secrets, tokens, card fields and card
    numbers."""
    known = _known_pattern
    if known is not None:
        text = known.sub(_MARK, text)
    text = _CARD_LIKE.sub(_card_sub, text)  # first: a grouped number must go whole
    for pattern, repl in _REDACTIONS:
        text = pattern.sub(repl, text)
    return text


def is_secret_key(key: object) -> bool:
    """Whether a field named ``key`` (``"number"``, ``"payment.instrument.cvv"``,
    ``"[0].verification_value"``) holds a secret."""
    last = re.split(r"[.\[\]/ ]+", str(key).strip(".[]/ ").lower())[-1]
    return last in _SECRET_KEYS


_DIGITS_OR_TOKEN = re.compile(r"\d{3,}|[A-Za-z0-9._~+/=-]{16,}")


def redact_field(key: object, value: str) -> str:
    """``value`` of the field ``key``: digit runs and token-like words are removed when the
    field holds a secret (``"verification_value": "123 does not match"``), and everything
    :func:`redact` removes in any case."""
    if is_secret_key(key):
        value = _DIGITS_OR_TOKEN.sub(_MARK, value)
    return redact(value)


def redact_data(data: Any, _key: object = None) -> Any:
    """A copy of parsed JSON with the values of secret fields replaced and every string
    passed through :func:`redact`."""
    if isinstance(data, dict):
        return {
            k: (_MARK if is_secret_key(k) and v not in (None, "") else redact_data(v, k))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [redact_data(v, _key) for v in data]
    if isinstance(data, str):
        return redact_field(_key, data) if _key is not None else redact(data)
    return data


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites every record through :func:`redact`.

    Installed by :func:`install_redaction` on the client's loggers, the sale engine's and
    those of httpx/httpcore/h2, so that nothing printed at any level carries
    ``X-Auth-Token``, ``Authorization``, a payment token or card data.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not break logging
            message = str(record.msg)
        clean = redact(message)
        if clean != message or record.args:
            record.msg = clean
            record.args = None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            # The traceback's last line repeats str(exception): format it once, cleaned.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


#: Loggers that get the filter (a logger's filter acts only on its own records, so the
#: children in use are named too; existing children of these are found at install time).
REDACTED_LOGGERS: tuple[str, ...] = (
    "pos.api",
    "pos.sale",
    "pos.sale.catalog_cache",
    "pos.sale.sale",
    "pos.sale.reconcile",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "hpack",
    "hpack.hpack",
    "hpack.table",
    "h2",
    "h2.connection",
)
_FILTER = RedactingFilter()


def install_redaction(extra: Iterable[str] = ()) -> None:
    """Puts the redacting filter on :data:`REDACTED_LOGGERS`, on the loggers already created
    below them, and on ``extra`` logger names (idempotent)."""
    names = set(REDACTED_LOGGERS) | set(extra)
    prefixes = tuple(f"{n}." for n in names)
    existing = [
        name
        for name, obj in list(logging.Logger.manager.loggerDict.items())
        if isinstance(obj, logging.Logger) and name.startswith(prefixes)
    ]
    for name in sorted(names | set(existing)):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(_FILTER)
