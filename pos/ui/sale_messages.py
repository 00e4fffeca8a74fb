"""The sale engine's clerk messages, in the clerk's language.

``pos.sale.messages`` is written in English and knows nothing of Qt. Each of its messages
has a stable key here (``payment.30104.title``, ``kind.offline.text``, ``status.11``), and
the screen looks the key up through :func:`QCoreApplication.translate` in the
``SaleMessages`` context. A key without a translation shows the engine's English words, so
a new message in the engine is never lost, only untranslated.

The ``.ts`` entries carry the English text as a translator's comment;
``tests/ui/test_sale_messages.py`` checks that every key has a Spanish entry and that the
English it was translated from is still the engine's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from PySide6.QtCore import QCoreApplication

from pos.sale import PaymentResult
from pos.sale.errors import StoreProblem
from pos.sale.messages import (
    ERROR_KIND_MESSAGES,
    PAYMENT_CODE_MESSAGES,
    ClerkMessage,
    ErrorKind,
    InvalidInput,
    payment_message,
)
from pos.ui.wording import say
from pos.wording import Words

CONTEXT = "SaleMessages"

#: BigCommerce's order status names (``GET /v2/order_statuses``), by status id.
ORDER_STATUS_NAMES: Mapping[int, str] = {
    0: "Incomplete",
    1: "Pending",
    2: "Shipped",
    3: "Partially Shipped",
    4: "Refunded",
    5: "Cancelled",
    6: "Declined",
    7: "Awaiting Payment",
    8: "Awaiting Pickup",
    9: "Awaiting Shipment",
    10: "Completed",
    11: "Awaiting Fulfillment",
    12: "Manual Verification Required",
    13: "Disputed",
    14: "Partially Refunded",
}

_DETAIL_RE = re.compile(r"^(?P<head>.*?)(?P<detail> \([^()]*\))$", re.DOTALL)


def _translate(key: str, english: str) -> str:
    text = QCoreApplication.translate(CONTEXT, key)
    return english if not text or text == key else text


@cache
def english_entries() -> dict[str, str]:
    """Every key and the engine's English text for it (what the ``.ts`` must cover)."""
    entries: dict[str, str] = {}
    for code, message in PAYMENT_CODE_MESSAGES.items():
        entries[f"payment.{code}.title"] = message.title
        entries[f"payment.{code}.text"] = message.text
    for kind, message in ERROR_KIND_MESSAGES.items():
        entries[f"kind.{kind.value}.title"] = message.title
        entries[f"kind.{kind.value}.text"] = message.text
    for status_id, name in ORDER_STATUS_NAMES.items():
        entries[f"status.{status_id}"] = name
    return entries


def _keys_of(message: ClerkMessage) -> str | None:
    """The key prefix of a message of the engine's tables (by identity, then by value)."""
    return _message_index().get(message)


@cache
def _message_index() -> dict[ClerkMessage, str]:
    index: dict[ClerkMessage, str] = {}
    # Kinds first: a message shared by a kind and a code (a plain decline) reads the same.
    for kind, message in ERROR_KIND_MESSAGES.items():
        index.setdefault(message, f"kind.{kind.value}")
    for code, message in PAYMENT_CODE_MESSAGES.items():
        index.setdefault(message, f"payment.{code}")
    return index


@cache
def _english_index() -> dict[str, ClerkMessage]:
    return {str(message): message for message in _message_index()}


def clerk_text(message: ClerkMessage) -> str:
    """``"Title. Text"`` in the clerk's language (the engine's ``str(message)`` shape)."""
    prefix = _keys_of(message)
    if prefix is None:
        return say(str(message))
    title = _translate(f"{prefix}.title", message.title)
    text = _translate(f"{prefix}.text", message.text)
    return f"{title}. {text}"


def payment_text(code: int | None) -> str:
    """The clerk's message for a Payments API error code, translated."""
    return clerk_text(payment_message(code))


def error_kind_text(kind: ErrorKind | str) -> str:
    """The clerk's message for a failure kind, translated."""
    return clerk_text(ERROR_KIND_MESSAGES[ErrorKind(kind)])


def order_status_name(status_id: int | None, english: str | None = None) -> str:
    """An order status name (``11`` → "Awaiting Fulfillment"), translated."""
    if status_id is None or status_id not in ORDER_STATUS_NAMES:
        return english or ""
    return _translate(f"status.{status_id}", english or ORDER_STATUS_NAMES[status_id])


def translate_text(text: str) -> str:
    """A message the engine produced as text: translated when it is one of its tables'.

    Handles the engine's phrases (:class:`pos.wording.Words`), ``str(ClerkMessage)`` and
    the same followed by a detail in brackets (the store's own words, which stay as they
    are). Anything else is returned unchanged.
    """
    if isinstance(text, Words):
        return say(text)
    found = _english_index().get(text)
    if found is not None:
        return clerk_text(found)
    match = _DETAIL_RE.match(text)
    if match:
        found = _english_index().get(match.group("head"))
        if found is not None:
            return clerk_text(found) + match.group("detail")
    return text


def result_text(result: PaymentResult) -> str:
    """The message of a payment result (``pos.sale.PaymentResult``), translated."""
    message = result.message or ""
    if isinstance(message, Words):
        return say(message)
    code = result.code
    if code is not None and result.outcome in {"declined", "error"}:
        by_code = payment_message(code)
        if str(by_code) == message:
            return clerk_text(by_code)
    return translate_text(message)


def error_text(exc: BaseException) -> str:
    """The clerk's words for an engine error, translated when the engine's tables have it."""
    if isinstance(exc, InvalidInput) and exc.errors:
        return "; ".join(say(e.message) for e in exc.errors)
    clerk = getattr(exc, "clerk", None)
    if isinstance(exc, StoreProblem) and isinstance(exc.what, Words):
        detail = say(exc.what) + (f": {exc.summary}" if exc.summary else "")
        return f"{clerk_text(exc.clerk)} ({detail})"
    message = getattr(exc, "message", None)
    if isinstance(message, Words):
        return say(message)
    text = str(exc).strip()
    if isinstance(clerk, ClerkMessage):
        english = str(clerk)
        if text.startswith(english):
            return clerk_text(clerk) + text[len(english):]
    return translate_text(text)
