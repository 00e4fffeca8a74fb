"""Typed errors of the BigCommerce client.

Every failure ends as exactly one subclass of :class:`BigCommerceError`. Its ``str()`` is one
line a clerk or an IT person can read; it never contains a token or card data (messages are
built from the method, the path, the HTTP status and BigCommerce's own error text only).

The tree::

    BigCommerceError
    ├── CredentialsMissing          the token provider gave no usable store token
    ├── ConnectionFailed            the request was NOT sent: safe to try again
    │   └── TlsError                the server's certificate was refused (not sent either)
    ├── RequestTimedOut             a safe call (GET/PUT/DELETE) timed out after retries
    ├── ConnectionLost              a safe call's connection dropped before the answer,
    │                               after retries
    ├── OutcomeUnknown              an UNSAFE call (create order, charge, ...) may or may not
    │                               have been carried out: reconcile before trying again
    ├── InvalidResponse             the answer was not BigCommerce JSON of the expected shape
    └── ApiError                    BigCommerce answered with an error status
        ├── RateLimited (429)       still rate limited after the retries; ``wait_seconds``
        ├── ServerError (5xx)       on a safe call, after the retries
        ├── ClientError (4xx)
        │   ├── BadRequest (400), Unauthorized (401), Forbidden (403), NotFound (404),
        │   └── Conflict (409), Unprocessable (422)
        └── PaymentError            a payments call refused with a payment ``code``
            ├── PaymentDeclined     the card was refused: ask for another card
            └── PaymentFailed       anything else (see the subclasses)
                ├── PaymentDataInvalid (10001, 30050)
                ├── PaymentServiceUnavailable (10000)
                ├── PaymentAmountMismatch (30004)
                ├── StoredInstrumentNotFound (30051)
                ├── OrderNotPayable (30003, 30101)
                ├── PaymentTokenRejected (HTTP 401 from the payments host)
                └── DuplicatePayment (30105): do NOT pay again

``request_sent`` tells the sale engine what is known about the request: ``False`` means it
provably never left this machine, ``True`` that the server received it, ``None`` that nobody
can tell. Only :class:`OutcomeUnknown` is raised for unsafe calls whose fate is unknown; the
same transport failure on a safe call is :class:`RequestTimedOut`, :class:`ServerError` or
:class:`ConnectionFailed`, because the client has already retried it.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pos.redaction import redact, redact_data, redact_field

__all__ = [
    "ApiError",
    "BadRequest",
    "BigCommerceError",
    "ClientError",
    "Conflict",
    "ConnectionFailed",
    "ConnectionLost",
    "CredentialsMissing",
    "DuplicatePayment",
    "ErrorBody",
    "Forbidden",
    "InvalidResponse",
    "NotFound",
    "OrderNotPayable",
    "OutcomeUnknown",
    "PaymentAmountMismatch",
    "PaymentDataInvalid",
    "PaymentDeclined",
    "PaymentError",
    "PaymentFailed",
    "PaymentServiceUnavailable",
    "PaymentTokenRejected",
    "RateLimited",
    "RequestTimedOut",
    "ServerError",
    "StoredInstrumentNotFound",
    "TlsError",
    "Unauthorized",
    "Unprocessable",
    "payment_error_class",
]

_MAX_TEXT = 300


def _clip(text: str, limit: int = _MAX_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ErrorBody:
    """BigCommerce's error body, v3 ``{status,title,type,detail,errors,code}`` or v2
    ``[{status, message}]``, reduced to plain fields. ``raw`` keeps the parsed JSON.

    Whatever the server echoed is redacted on the way in (card numbers, CVVs, tokens, the
    values of card and secret fields; see :mod:`pos.redaction`), so that no field, no
    ``summary()`` and no ``repr`` can carry them."""

    __slots__ = ("code", "detail", "errors", "messages", "raw", "status", "title", "type")

    def __init__(
        self,
        *,
        status: int | None = None,
        title: str | None = None,
        type: str | None = None,
        detail: str | None = None,
        errors: dict[str, str] | None = None,
        code: int | None = None,
        messages: list[str] | None = None,
        raw: Any = None,
    ) -> None:
        self.status = status
        self.title = None if title is None else redact(title)
        self.type = type
        self.detail = None if detail is None else redact(detail)
        self.errors = {str(k): redact_field(k, str(v)) for k, v in (errors or {}).items()}
        self.code = code
        self.messages = [redact(m) for m in messages or []]
        self.raw = redact_data(raw)

    @classmethod
    def parse(cls, data: Any) -> ErrorBody:
        """Reads whichever shape BigCommerce sent; never raises."""
        if isinstance(data, list):  # v2: [{"status": 400, "message": "..."}]
            messages = [
                str(item.get("message"))
                for item in data
                if isinstance(item, dict) and item.get("message") is not None
            ]
            status = next(
                (
                    item["status"]
                    for item in data
                    if isinstance(item, dict) and isinstance(item.get("status"), int)
                ),
                None,
            )
            return cls(status=status, messages=messages, raw=data)
        if isinstance(data, dict):
            if "title" not in data and "status" not in data and isinstance(data.get("data"), list):
                # Refund 422s wrap v3 errors in {"data": [ErrorResponse, ...]}.
                inner = [d for d in data["data"] if isinstance(d, dict)]
                if inner:
                    first = cls.parse(inner[0])
                    first.raw = redact_data(data)
                    return first
            errors_field = data.get("errors")
            errors: dict[str, str] = {}
            if isinstance(errors_field, dict):
                errors = {str(k): _flatten(v) for k, v in errors_field.items()}
            elif isinstance(errors_field, list):
                errors = {str(i): _flatten(v) for i, v in enumerate(errors_field)}
            status = data.get("status")
            code = data.get("code")
            return cls(
                status=status if isinstance(status, int) else None,
                title=_opt_str(data.get("title")),
                type=_opt_str(data.get("type")),
                detail=_opt_str(data.get("detail")),
                errors=errors,
                code=code if isinstance(code, int) and not isinstance(code, bool) else None,
                raw=data,
            )
        return cls(raw=data)

    def summary(self) -> str:
        """BigCommerce's own words, on one line."""
        parts: list[str] = []
        if self.title:
            parts.append(self.title.rstrip("."))
        if self.detail and self.detail != self.title:
            parts.append(self.detail.rstrip("."))
        parts.extend(m.rstrip(".") for m in self.messages)
        if self.errors:
            parts.append("; ".join(f"{k}: {v}" for k, v in list(self.errors.items())[:5]))
        return _clip(redact(". ".join(p for p in parts if p)))

    def __repr__(self) -> str:
        return f"ErrorBody(status={self.status!r}, code={self.code!r}, summary={self.summary()!r})"


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _flatten(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(_flatten(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_flatten(v)}" for k, v in value.items())
    return str(value)


class BigCommerceError(Exception):
    """Base of every error the client raises.

    ``method`` and ``path`` name the call (path without host or query string).
    """

    #: What is known about the request (see the module's doc); a class default that an
    #: instance may refine.
    request_sent: bool | None = None
    #: Short what-happened text used as the start of ``str()``.
    what: ClassVar[str] = "The store could not be reached"

    def __init__(
        self,
        message: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.message = _clip(redact(message)) if message else None
        super().__init__(str(self))

    @property
    def call(self) -> str:
        if self.method and self.path:
            return f"{self.method} {self.path}"
        return ""

    def __str__(self) -> str:
        text = self.what
        if self.message:
            text = f"{text}: {self.message}"
        if self.call:
            text = f"{text} ({self.call})"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class CredentialsMissing(BigCommerceError):
    """The token provider returned no token, or one that cannot be sent in a header."""

    request_sent = False
    what = "The store's API token is missing or malformed; ask IT to re-enter it"


class ConnectionFailed(BigCommerceError):
    """The request never left this machine (DNS, refused connection, connect timeout,
    no free connection in the pool). Safe to try again, even for a payment."""

    request_sent = False
    what = "Could not connect to the store (nothing was sent)"


class TlsError(ConnectionFailed):
    """The server's TLS certificate was refused (expired, self-signed, wrong host).

    Nothing was sent. Verification is always on; a store behind an inspecting proxy needs
    the proxy's CA bundle in its profile (``ca_bundle``)."""

    what = "The store's security certificate was refused (nothing was sent)"


class RequestTimedOut(BigCommerceError):
    """A safe call (read or idempotent write) got no answer in time, after the retries.
    The server may or may not have received it."""

    what = "The store did not answer in time"


class ConnectionLost(BigCommerceError):
    """A safe call's connection dropped after the request was sent and before the whole
    answer arrived, after the retries. The server may or may not have received it."""

    what = "The connection to the store dropped before the answer arrived"


class OutcomeUnknown(BigCommerceError):
    """An unsafe call (creating a cart, an order, a payment token, a payment, a customer,
    adding items, ...) may have been carried out by the server, but no answer came back:
    a timeout after sending, a connection dropped after sending, a 5xx on a create, a 429
    that did not come from BigCommerce's rate limiter, or a success status whose answer was
    unreadable.

    The client never resends such a call. The sale engine must reconcile first (re-read the
    checkout's ``order_id``, list orders by ``cart_id``, read the order's status and
    transactions) and only then decide whether to try again.

    ``reason`` is ``"timeout"``, ``"connection_lost"``, ``"server_error"``,
    ``"invalid_response"`` (a success status whose body could not be read: the store may
    have done it) or ``"rate_limited"`` (a 429 without BigCommerce's ``X-Rate-Limit-*``
    headers, from a proxy or an overloaded front end that may have passed the request on);
    ``status`` is the HTTP status when there was one.
    """

    request_sent = None
    what = "The store may or may not have done this; check before trying again"

    def __init__(
        self,
        message: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        reason: Literal[
            "timeout", "connection_lost", "server_error", "invalid_response", "rate_limited"
        ] = "connection_lost",
        status: int | None = None,
    ) -> None:
        self.reason = reason
        self.status = status
        super().__init__(message, method=method, path=path)


class InvalidResponse(BigCommerceError):
    """The answer was not what BigCommerce sends: not JSON (an HTML page from a proxy or a
    captive portal), truncated, of the wrong shape, too large, or a redirect elsewhere."""

    request_sent = True
    what = "The store sent an answer this register cannot read"

    def __init__(
        self,
        message: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int | None = None,
    ) -> None:
        self.status = status
        super().__init__(message, method=method, path=path)


class ApiError(BigCommerceError):
    """BigCommerce answered with an error status. ``body`` holds its parsed error body."""

    request_sent: bool | None = True
    what = "The store refused the request"

    def __init__(
        self,
        message: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int,
        body: ErrorBody | None = None,
    ) -> None:
        self.status = status
        self.body = body if body is not None else ErrorBody()
        super().__init__(message or self.body.summary() or None, method=method, path=path)

    @property
    def title(self) -> str | None:
        return self.body.title

    @property
    def detail(self) -> str | None:
        return self.body.detail

    @property
    def errors(self) -> dict[str, str]:
        return self.body.errors

    def __str__(self) -> str:
        text = f"{self.what} [HTTP {self.status}]"
        if self.message:
            text = f"{text}: {self.message}"
        if self.call:
            text = f"{text} ({self.call})"
        return text


#: The class of each 4xx status (but 429), filled by the subclasses of :class:`ClientError`.
STATUS_CLASSES: dict[int, type[ClientError]] = {}


class ClientError(ApiError):
    """A 4xx other than 429. A subclass names its status: ``class X(ClientError, status=N)``."""

    def __init_subclass__(cls, *, status: int | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if status is not None:
            STATUS_CLASSES[status] = cls


class BadRequest(ClientError, status=400):
    """400: the body or the query was malformed."""

    what = "The store rejected the request as malformed"


class Unauthorized(ClientError, status=401):
    """401: the store token is wrong, revoked, or for another store."""

    what = "The store rejected the API token; ask IT to check the store profile"


class Forbidden(ClientError, status=403):
    """403: the token is valid but lacks the scope this call needs."""

    what = "The API token lacks a permission this needs; ask IT to add the scope"


class NotFound(ClientError, status=404):
    """404: no such record (or no such path) in this store."""

    what = "The store has no such record"


class Conflict(ClientError, status=409):
    """409: the record changed since it was read (a cart's version, a used coupon)."""

    what = "The record changed in the meantime; reload and try again"


class Unprocessable(ClientError, status=422):
    """422: well-formed, but the store refused the values (``errors`` says which)."""

    what = "The store refused the data"


class RateLimited(ApiError):
    """Still rate limited after the retries, or the store asked for a wait longer than the
    client will block. ``wait_seconds`` is how long BigCommerce asked to wait.

    ``request_sent`` is ``True`` when the store's rate limiter refused the request (it
    arrived and was not carried out) and ``False`` when the client held it back itself
    because the store's quota was used up (nothing was sent)."""

    what = "The store is busy (rate limit reached)"

    def __init__(
        self,
        message: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int = 429,
        body: ErrorBody | None = None,
        wait_seconds: float = 0.0,
        request_sent: bool | None = True,
    ) -> None:
        self.wait_seconds = wait_seconds
        self.request_sent = request_sent
        super().__init__(
            message or f"try again in {wait_seconds:.0f} s",
            method=method,
            path=path,
            status=status,
            body=body,
        )


class ServerError(ApiError):
    """A 5xx on a safe call, after the retries."""

    what = "The store had an internal problem"


#: The class of each payment code, filled by the subclasses of :class:`PaymentError`.
_PAYMENT_CLASSES: dict[int, type[PaymentError]] = {}


class PaymentError(ApiError):
    """The payments API refused with a payment ``code`` (see the subclasses).

    ``str()`` carries BigCommerce's own text for the code; branch on the class or ``code``,
    never on the HTTP status (the docs map no code to a status)."""

    what = "The payment did not go through"
    #: The payment codes this class stands for (see :func:`payment_error_class`).
    codes: ClassVar[frozenset[int]] = frozenset()

    def __init_subclass__(cls, *, codes: tuple[int, ...] = (), **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.codes = frozenset(codes)
        _PAYMENT_CLASSES.update(dict.fromkeys(codes, cls))

    def __init__(
        self,
        message: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int,
        body: ErrorBody | None = None,
        code: int | None = None,
    ) -> None:
        body = body if body is not None else ErrorBody()
        self.code = code if code is not None else body.code
        super().__init__(message, method=method, path=path, status=status, body=body)

    def __str__(self) -> str:
        text = self.what
        if self.code is not None:
            text = f"{text} (code {self.code})"
        if self.message:
            text = f"{text}: {self.message}"
        if self.call:
            text = f"{text} ({self.call})"
        return text


class PaymentDeclined(PaymentError, codes=(30102, 30103, 30104, 30106, 30107)):
    """The card or account was refused by the issuer or gateway: 30102 details could not be
    verified, 30103 expired, 30104 problem with the card, 30106 insufficient funds, 30107
    authorization revoked. Ask the customer for another card; the order stays unpaid."""

    what = "The card was declined"


class PaymentFailed(PaymentError):
    """The payment was refused for a reason other than the card itself."""

    what = "The payment could not be processed"


class PaymentServiceUnavailable(PaymentFailed, codes=(10000,)):
    """10000: the payment service had difficulty; the charge was not made, try again later."""

    what = "The payment service is having difficulty; try again shortly"


class PaymentDataInvalid(PaymentFailed, codes=(10001, 30050)):
    """10001 invalid data supplied, 30050 instrument could not be saved: check the card
    details (expiry month 1-12, four-digit year, CVV length)."""

    what = "The payment details were refused as invalid"


class PaymentAmountMismatch(PaymentFailed, codes=(30004,)):
    """30004: the order total no longer matches the payment token; make a new token (and
    perhaps a new order) before paying."""

    what = "The order total changed after the payment was prepared"


class StoredInstrumentNotFound(PaymentFailed, codes=(30051,)):
    """30051: the stored card is unknown or belongs to another customer (the order must
    carry the card owner's customer id)."""

    what = "The stored card was not found for this customer"


class OrderNotPayable(PaymentFailed, codes=(30003, 30101)):
    """30003 order not found, 30101 order is not Incomplete (cancelled, already placed
    through another route)."""

    what = "This order cannot be paid"


class PaymentTokenRejected(PaymentFailed):
    """The payments host refused the payment access token (HTTP 401: expired after one
    hour, already used, or for another store). Nothing was charged; make a new token."""

    what = "The payment authorisation expired or was refused; prepare the payment again"


class DuplicatePayment(PaymentFailed, codes=(30105,)):
    """30105: BigCommerce saw this as a duplicate transaction. Do NOT pay again: check the
    order's status and transactions."""

    what = "Duplicate payment refused; do not pay again, check the order"


def payment_error_class(code: int | None) -> type[PaymentError]:
    """The class for a payment ``code``; unknown codes give :class:`PaymentFailed`."""
    if code is None:
        return PaymentFailed
    return _PAYMENT_CLASSES.get(code, PaymentFailed)

