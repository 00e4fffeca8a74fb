"""What the clerk is told, and what to do next.

Payment error codes of the BigCommerce Payments API and the failure kinds of the client
become :class:`ClerkMessage` objects: a short title, one or two sentences for the clerk,
and a :class:`NextStep` that the wizard and ``pos sale`` both act on (which button to
offer, whether charging again is allowed). The tables are plain data so both faces, the
translations and the tests read the same words.

Validation failures (an address field, a card field) are :class:`ValidationError` values:
the field's name in BigCommerce's spelling and what is wrong with it, in words.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pos.sale.phrases import SALE_WORDS
from pos.wording import Words

__all__ = [
    "ERROR_KIND_MESSAGES",
    "PAYMENT_CODE_MESSAGES",
    "ClerkMessage",
    "ErrorKind",
    "InvalidInput",
    "NextStep",
    "ValidationError",
    "error_kind_message",
    "errors_by_field",
    "payment_message",
]


@dataclass(frozen=True, slots=True)
class ValidationError:
    """One field that is wrong, and what is wrong with it (clerk-facing words).

    ``field`` uses BigCommerce's field names (``postal_code``, ``expiry_year``...), so a
    form can put the message next to the right widget. The message never repeats a card
    number or a CVV.
    """

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def errors_by_field(errors: Iterable[ValidationError]) -> dict[str, str]:
    """``{field: message}`` keeping the first message of each field (for forms)."""
    result: dict[str, str] = {}
    for error in errors:
        result.setdefault(error.field, error.message)
    return result


class InvalidInput(ValueError):
    """Raised when input fails validation; ``errors`` lists every field that is wrong."""

    def __init__(self, errors: Iterable[ValidationError]) -> None:
        self.errors: tuple[ValidationError, ...] = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors) or "invalid input")


class NextStep(enum.Enum):
    """What the clerk should do after a failure; faces map it to a button or an exit code."""

    TRY_AGAIN = "try_again"
    """Nothing was charged; the same payment may be sent again."""
    CHECK_CARD_DETAILS = "check_card_details"
    """Nothing was charged; correct the card details (or use another card) and charge again."""
    OTHER_PAYMENT = "other_payment"
    """Nothing was charged; ask the customer for another card or another way to pay."""
    REBUILD_ORDER = "rebuild_order"
    """The total changed: make a new order and payment token, show the new total, charge again."""
    CHOOSE_OTHER_CARD = "choose_other_card"
    """The stored card does not belong to this customer: choose another card."""
    ALREADY_PAID = "already_paid"
    """The order is already paid: never charge again; confirm the order."""
    VERIFY_PAYMENT = "verify_payment"
    """The outcome is not known yet: check the order with the store before anything else."""
    FIX_STORE_SETUP = "fix_store_setup"
    """The store's payment set-up is wrong; a manager or IT must fix it. Take another payment."""
    START_OVER = "start_over"
    """The order cannot be paid as it is; start the checkout again."""


@dataclass(frozen=True, slots=True)
class ClerkMessage:
    """A failure as the clerk sees it.

    ``may_charge_again`` is True only when nothing was charged and sending a payment
    again (possibly after the step named by ``next_step``) is safe.
    """

    title: str
    text: str
    next_step: NextStep
    may_charge_again: bool

    def __str__(self) -> str:
        if isinstance(self.title, Words) or isinstance(self.text, Words):
            return _TITLE_AND_TEXT(title=self.title, text=self.text)
        return f"{self.title}. {self.text}"


_TITLE_AND_TEXT = SALE_WORDS("clerk.title_and_text", "{title}. {text}")


def _m(title: str, text: str, step: NextStep, again: bool) -> ClerkMessage:
    return ClerkMessage(title, text, step, again)


_ANOTHER = "Ask the customer for another card or another way to pay."

PAYMENT_CODE_MESSAGES: Mapping[int, ClerkMessage] = MappingProxyType(
    {
        10000: _m(
            "The payment service is busy",
            "Nothing was charged. Wait a moment and press Charge again.",
            NextStep.TRY_AGAIN,
            True,
        ),
        10001: _m(
            "The payment details were incomplete",
            "Nothing was charged. Check the card details and charge again.",
            NextStep.CHECK_CARD_DETAILS,
            True,
        ),
        30000: _m(
            "This payment method is not set up for the store",
            f"Nothing was charged. A manager must check the store's payment settings. {_ANOTHER}",
            NextStep.FIX_STORE_SETUP,
            False,
        ),
        30001: _m(
            "The store's payment set-up is not working",
            f"Nothing was charged. A manager must check the payment gateway settings. {_ANOTHER}",
            NextStep.FIX_STORE_SETUP,
            False,
        ),
        30002: _m(
            "Saved cards are not available",
            "Nothing was charged. Pay with the card itself instead of a saved card, "
            "or without saving it.",
            NextStep.OTHER_PAYMENT,
            True,
        ),
        30003: _m(
            "The store cannot find this order",
            "Nothing was charged. Start the checkout again to make a new order.",
            NextStep.START_OVER,
            False,
        ),
        30004: _m(
            "The total has changed",
            "Nothing was charged. The order will be rebuilt with the new total; show the "
            "customer the new total, then charge again.",
            NextStep.REBUILD_ORDER,
            True,
        ),
        30050: _m(
            "The card could not be saved",
            "Nothing was charged. Check the expiry date (month and four-digit year) and the "
            "card details, or charge without saving the card.",
            NextStep.CHECK_CARD_DETAILS,
            True,
        ),
        30051: _m(
            "This saved card is not the customer's",
            "Nothing was charged. The saved card does not belong to the customer on this "
            "order. Choose one of the customer's own cards or enter a new card.",
            NextStep.CHOOSE_OTHER_CARD,
            True,
        ),
        30100: _m(
            "The payment could not be started",
            "Nothing was charged. Try again; if it fails again, start the checkout again.",
            NextStep.TRY_AGAIN,
            True,
        ),
        30101: _m(
            "This order can no longer be paid",
            "The order is not waiting for payment. Check the order before doing anything "
            "else; if it is not paid, start the checkout again.",
            NextStep.VERIFY_PAYMENT,
            False,
        ),
        30102: _m(
            "The card details could not be verified",
            f"Nothing was charged. Check the number, expiry date and security code. {_ANOTHER}",
            NextStep.CHECK_CARD_DETAILS,
            True,
        ),
        30103: _m(
            "The card has expired",
            f"Nothing was charged. {_ANOTHER}",
            NextStep.OTHER_PAYMENT,
            True,
        ),
        30104: _m(
            "The card was declined",
            f"Nothing was charged. The customer should contact their card issuer. {_ANOTHER}",
            NextStep.OTHER_PAYMENT,
            True,
        ),
        30105: _m(
            "This order is already paid",
            "Do not charge again. The payment for this order has already gone through.",
            NextStep.ALREADY_PAID,
            False,
        ),
        30106: _m(
            "Declined: insufficient funds",
            f"Nothing was charged. {_ANOTHER}",
            NextStep.OTHER_PAYMENT,
            True,
        ),
        30107: _m(
            "The customer withdrew this payment authorisation",
            f"Nothing was charged. {_ANOTHER}",
            NextStep.OTHER_PAYMENT,
            True,
        ),
    }
)
"""Clerk messages for the Payments API's documented error codes."""

_UNKNOWN_CODE = _m(
    "The payment was not accepted",
    f"Nothing was charged. {_ANOTHER}",
    NextStep.OTHER_PAYMENT,
    True,
)


def payment_message(code: int | None) -> ClerkMessage:
    """The clerk message for a Payments API error ``code``.

    A code outside the documented table reads as a plain decline (the API answered with
    an error, so nothing was charged); ``None`` (no code in the answer) does too.
    """
    if code is None:
        return _UNKNOWN_CODE
    return PAYMENT_CODE_MESSAGES.get(code, _UNKNOWN_CODE)


class ErrorKind(enum.Enum):
    """Failure kinds the sale engine reports, independent of the client's exception classes."""

    DECLINED = "declined"
    PAYMENT_PENDING = "payment_pending"
    OUTCOME_UNKNOWN = "outcome_unknown"
    TIMEOUT = "timeout"
    CONNECTION = "connection"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    INVALID_DATA = "invalid_data"
    PAYMENT_IN_FLIGHT = "payment_in_flight"
    OFFLINE = "offline"


ERROR_KIND_MESSAGES: Mapping[ErrorKind, ClerkMessage] = MappingProxyType(
    {
        ErrorKind.DECLINED: _UNKNOWN_CODE,
        ErrorKind.PAYMENT_PENDING: _m(
            "The payment is being processed",
            "Wait while the payment is confirmed with the store. Do not charge again.",
            NextStep.VERIFY_PAYMENT,
            False,
        ),
        ErrorKind.OUTCOME_UNKNOWN: _m(
            "Checking whether the payment went through",
            "The answer from the payment service was lost. Do not charge again until the "
            "order has been checked with the store.",
            NextStep.VERIFY_PAYMENT,
            False,
        ),
        ErrorKind.TIMEOUT: _m(
            "The store is taking too long to answer",
            "Wait a moment and try again.",
            NextStep.TRY_AGAIN,
            True,
        ),
        ErrorKind.CONNECTION: _m(
            "Cannot reach the store",
            "Check the network connection, then try again.",
            NextStep.TRY_AGAIN,
            True,
        ),
        ErrorKind.RATE_LIMITED: _m(
            "The store is busy",
            "Too many requests at once. Wait a few seconds and try again.",
            NextStep.TRY_AGAIN,
            True,
        ),
        ErrorKind.SERVER_ERROR: _m(
            "The store had a problem",
            "Wait a moment and try again.",
            NextStep.TRY_AGAIN,
            True,
        ),
        ErrorKind.UNAUTHORIZED: _m(
            "The register is not signed in to the store",
            "The store's API token was refused. A manager or IT must check this register's "
            "store profile.",
            NextStep.FIX_STORE_SETUP,
            False,
        ),
        ErrorKind.FORBIDDEN: _m(
            "The register is not allowed to do this",
            "The store's API token lacks a permission. A manager or IT must check the API "
            "account's scopes.",
            NextStep.FIX_STORE_SETUP,
            False,
        ),
        ErrorKind.NOT_FOUND: _m(
            "The store no longer has this sale",
            "The cart or order was not found. Start the sale again.",
            NextStep.START_OVER,
            False,
        ),
        ErrorKind.CONFLICT: _m(
            "The sale changed in the meantime",
            "The sale was updated elsewhere. Review it and try again.",
            NextStep.TRY_AGAIN,
            True,
        ),
        ErrorKind.INVALID_DATA: _m(
            "The store did not accept these details",
            "Check the highlighted details and try again.",
            NextStep.CHECK_CARD_DETAILS,
            True,
        ),
        ErrorKind.PAYMENT_IN_FLIGHT: _m(
            "A payment is already being sent",
            "Wait for its answer. A second charge is not sent while one is in progress.",
            NextStep.VERIFY_PAYMENT,
            False,
        ),
        ErrorKind.OFFLINE: _m(
            "The register is offline",
            "Reconnect to the network to continue the sale.",
            NextStep.TRY_AGAIN,
            True,
        ),
    }
)
"""Clerk messages for failure kinds that carry no payment code."""


def error_kind_message(kind: ErrorKind | str) -> ClerkMessage:
    """The clerk message for a failure kind (an :class:`ErrorKind` or its value)."""
    return ERROR_KIND_MESSAGES[ErrorKind(kind)]
