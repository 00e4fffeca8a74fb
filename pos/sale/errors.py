"""Errors of the sale engine: every one is written for the clerk.

``str(error)`` is what the clerk reads (never a stack trace, a card number or a token).
Faces branch on the class, on :attr:`SaleError.next_step` and on :attr:`SaleError.offline`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pos.api.errors import (
    ApiError,
    BigCommerceError,
    Conflict,
    ConnectionFailed,
    ConnectionLost,
    CredentialsMissing,
    Forbidden,
    InvalidResponse,
    NotFound,
    OutcomeUnknown,
    RateLimited,
    RequestTimedOut,
    ServerError,
    Unauthorized,
    Unprocessable,
)
from pos.sale.messages import (
    ClerkMessage,
    ErrorKind,
    InvalidInput,
    NextStep,
    ValidationError,
    error_kind_message,
)
from pos.sale.phrases import SALE_WORDS

_DISK_FULL = SALE_WORDS(
    "disk_full",
    "The disk is full: the sale cannot be recorded, so nothing will be charged. Free some "
    "space on this computer, then try again.",
)

__all__ = [
    "AmbiguousCode",
    "DiskFull",
    "ItemNotFound",
    "NotSellable",
    "PaymentInProgress",
    "SaleAlreadyPaid",
    "SaleError",
    "SaleValidationError",
    "StepNotReady",
    "StoreProblem",
    "store_problem",
]


class SaleError(Exception):
    """Base of the engine's errors; ``str()`` is the clerk's message."""

    next_step: NextStep | None = None
    offline: bool = False

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class SaleValidationError(SaleError, InvalidInput):
    """Input failed validation before any call; ``errors`` names every wrong field."""

    next_step = NextStep.CHECK_CARD_DETAILS

    def __init__(self, errors: Iterable[ValidationError]) -> None:
        InvalidInput.__init__(self, errors)
        self.message = "; ".join(str(e) for e in self.errors) or "invalid input"

    @property
    def field(self) -> str | None:
        """The first wrong field."""
        return self.errors[0].field if self.errors else None

    @classmethod
    def one(cls, field: str, message: str) -> SaleValidationError:
        return cls([ValidationError(field, message)])


class DiskFull(SaleError):
    """The journal cannot be written: the disk is full. No payment starts without its
    journal record; what is already journaled stays."""

    def __init__(self) -> None:
        super().__init__(_DISK_FULL())


def is_disk_full(exc: BaseException) -> bool:
    """A write failed because the disk (or the user's quota) is full."""
    import errno
    import sqlite3

    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        words = str(exc).lower()
        return "disk is full" in words or "database or disk is full" in words
    return False


class StepNotReady(SaleError):
    """The call needs an earlier step first (e.g. a billing address before fulfilment)."""


class ItemNotFound(SaleError):
    """No product has the scanned or typed code."""


class AmbiguousCode(SaleError):
    """The code names several variants; ``choices`` lists them (catalogue items)."""

    def __init__(self, message: str, choices: Sequence[Any]) -> None:
        super().__init__(message)
        self.choices = tuple(choices)


class NotSellable(SaleError):
    """The item cannot be sold (purchasing disabled, out of stock)."""


class PaymentInProgress(SaleError):
    """A charge of this sale is already being sent or checked; no second one is sent."""

    next_step = NextStep.VERIFY_PAYMENT


class SaleAlreadyPaid(SaleError):
    """The sale is paid; it is never charged again."""

    next_step = NextStep.ALREADY_PAID


class StoreProblem(SaleError):
    """A call to the store failed; ``kind`` and ``clerk`` say what the clerk should do."""

    def __init__(
        self,
        clerk: ClerkMessage,
        kind: ErrorKind,
        *,
        detail: str | None = None,
        what: str | None = None,
        summary: str | None = None,
    ) -> None:
        text = str(clerk)
        if detail:
            text = f"{text} ({detail})"
        super().__init__(text)
        self.clerk = clerk
        #: What the engine was doing (words a face may translate) and the store's own
        #: words about the refusal, when the detail is made of them.
        self.what = what
        self.summary = summary
        self.kind = kind
        self.next_step = clerk.next_step
        self.offline = kind in (ErrorKind.CONNECTION, ErrorKind.TIMEOUT, ErrorKind.OFFLINE)


# First match wins: the order matters where one error class derives from another.
_ErrorClasses = type[BigCommerceError] | tuple[type[BigCommerceError], ...]
_ERROR_KINDS: tuple[tuple[_ErrorClasses, ErrorKind], ...] = (
    (ConnectionFailed, ErrorKind.CONNECTION),
    (RequestTimedOut, ErrorKind.TIMEOUT),
    (ConnectionLost, ErrorKind.CONNECTION),
    (OutcomeUnknown, ErrorKind.OUTCOME_UNKNOWN),
    (RateLimited, ErrorKind.RATE_LIMITED),
    (ServerError, ErrorKind.SERVER_ERROR),
    ((Unauthorized, CredentialsMissing), ErrorKind.UNAUTHORIZED),
    (Forbidden, ErrorKind.FORBIDDEN),
    (NotFound, ErrorKind.NOT_FOUND),
    (Conflict, ErrorKind.CONFLICT),
    ((Unprocessable, InvalidResponse, ApiError), ErrorKind.INVALID_DATA),
)


def error_kind_of(exc: BigCommerceError) -> ErrorKind:
    """The failure kind of a client error."""
    for classes, kind in _ERROR_KINDS:
        if isinstance(exc, classes):
            return kind
    return ErrorKind.CONNECTION


def store_problem(exc: BigCommerceError, *, what: str | None = None) -> StoreProblem:
    """A client error as a clerk-facing :class:`StoreProblem`.

    For a refusal with BigCommerce's own words (a 422 such as "The coupon code is not
    valid"), those words are kept as the detail; they never hold card data or tokens.
    """
    kind = error_kind_of(exc)
    if kind is ErrorKind.OUTCOME_UNKNOWN:
        # A write other than a payment (those are settled by asking the store, never
        # through here) whose answer was lost even after the engine settled what the store
        # held: the store cannot be reached now. Trying again is safe: every such write is
        # settled with the store before it is sent again.
        kind = ErrorKind.CONNECTION
    detail: str | None = what
    summary: str | None = None
    if isinstance(exc, ApiError) and kind is ErrorKind.INVALID_DATA:
        summary = exc.body.summary() or None
        if summary:
            detail = f"{what}: {summary}" if what else summary
    return StoreProblem(error_kind_message(kind), kind, detail=detail, what=what,
                        summary=summary)
