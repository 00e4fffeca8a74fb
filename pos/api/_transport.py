"""The transport of the BigCommerce client: hosts, auth, the one retry loop, rate windows
and the mapping of failures to typed errors. The resources sit above it and the client
(:class:`pos.api.client.BigCommerceClient`) binds them to it; this module imports none of
them.

Every request of every resource goes through :meth:`Transport._request`; the retry
rules live there and nowhere else:

* A **safe** call (GET, PUT, DELETE, and the few POSTs that only compute) is retried on a
  connection failure, a timeout, a dropped connection, a 500/502/503/504 and a 429, with
  capped exponential backoff and jitter (a 429 waits what the store asks for).
* An **unsafe** call (a POST that creates: cart, items, order, payment token, payment,
  customer, refund, ...) is retried only when the request provably never left this machine
  (``httpx.ConnectError``/``ConnectTimeout``/``PoolTimeout``, and the connection trace shows
  that no request byte was written) and on a 429 that carries BigCommerce's
  ``X-Rate-Limit-*`` headers (the store's limiter refused it before it was handled).
  Anything else that may have reached the store (a timeout after sending, a connection
  dropped after sending, a 5xx, a 429 without those headers from a proxy or an overloaded
  front end) raises :class:`~pos.api.errors.OutcomeUnknown`.

When a response says ``X-Rate-Limit-Requests-Left: 0`` the client holds every further
request to that host until ``X-Rate-Limit-Time-Reset-Ms`` has passed (the quota is shared by
every terminal of the store).

The quota is shared by every register and app of the store, so the client also spreads its
calls by those headers before the store refuses any: while more than half of the window's
quota is left, calls go at once; below that, each call waits its share of the time left
until the window resets (``Time-Reset-Ms`` divided by the requests left), so registers that
all do this slow down together and the quota lasts to the end of the window. Background
work (a client from ``with_options(background=True)``, such as the catalogue sync) uses only
the upper half of the quota and waits for the next window below it, leaving the rest to the
sales' own calls.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import random
import re
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Literal, Self, TypeVar

import httpx
from pydantic import BaseModel, SecretStr, ValidationError

from pos.redaction import redact, remember_secret

from ._inflight import InFlightCalls
from ._rate import _RateWindow
from .errors import (
    STATUS_CLASSES,
    ApiError,
    BigCommerceError,
    ClientError,
    ConnectionFailed,
    ConnectionLost,
    CredentialsMissing,
    ErrorBody,
    InvalidResponse,
    OutcomeUnknown,
    PaymentTokenRejected,
    RateLimited,
    RequestTimedOut,
    ServerError,
    TlsError,
    payment_error_class,
)
from .urls import DEFAULT_API_BASE_URL, DEFAULT_PAYMENTS_BASE_URL, StoreUrlError, parse_store_url

__all__ = [
    "DEFAULT_API_BASE_URL",
    "DEFAULT_PAYMENTS_BASE_URL",
    "Response",
    "TokenProvider",
    "Transport",
    "WarmUpResult",
]

log = logging.getLogger("pos.api")


#: Returns the store's API token, synchronously or as an awaitable. Called once per call,
#: just before sending, so that the token is never kept by the client.
TokenProvider = Callable[[], "str | SecretStr | Awaitable[str | SecretStr]"]
SleepFn = Callable[[float], Awaitable[None]]

ACCEPT_JSON = "application/json"
ACCEPT_PAYMENTS = "application/vnd.bc.v1+json"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({500, 502, 503, 504})
#: Exceptions raised before any byte of the request is written.
NOT_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
_TOKEN_RE = re.compile(r"^[\x21-\x7e]{1,4096}$")

M = TypeVar("M", bound=BaseModel)


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class _Options:
    timeout: float
    connect_timeout: float
    max_retries: int
    backoff_initial: float
    backoff_max: float
    max_rate_limit_wait: float
    background: bool = False


@dataclass(frozen=True)
class Response:
    """A successful response: status, headers and the parsed JSON (``None`` for 204).
    ``safe`` tells whether the call was a safe one (an unreadable body of an unsafe call's
    answer is :class:`OutcomeUnknown`, not :class:`InvalidResponse`)."""

    status: int
    headers: httpx.Headers
    data: Any
    safe: bool = True


@dataclass(frozen=True)
class WarmUpResult:
    host: str
    elapsed_s: float
    error: BigCommerceError | None = None


class _Progress:
    """Follows httpcore's trace events to know whether any request byte was written."""

    __slots__ = ("events_seen", "sending_started")

    def __init__(self) -> None:
        self.events_seen = False
        self.sending_started = False

    @property
    def proven_not_sent(self) -> bool:
        """True when the connection trace ran and no request byte was written."""
        return self.events_seen and not self.sending_started

    async def __call__(self, name: str, info: Mapping[str, Any]) -> None:
        self.events_seen = True
        if name.endswith(("send_request_headers.started", "send_request_body.started")):
            self.sending_started = True


class _Shared:
    """State shared between a client and its ``with_options`` copies."""

    def __init__(self) -> None:
        self.http: dict[str, httpx.AsyncClient] = {}
        # One rate-limit window per quota: the store API's and the payments API's.
        self.windows: dict[str, _RateWindow] = {"api": _RateWindow(), "payments": _RateWindow()}
        self.open = False
        self.closed = False
        self.calls = InFlightCalls()


# --------------------------------------------------------------------------- the transport


class Transport:
    """The HTTP side of a client for one BigCommerce store (no resources).

    :class:`pos.api.client.BigCommerceClient` adds the resources; use that.

    ``timeout`` is the budget of one attempt, from asking for a connection to the last byte
    of the answer; ``connect_timeout`` bounds the TCP+TLS connect. ``max_retries`` is the
    number of retries after the first attempt. Backoff doubles from ``backoff_initial`` up to
    ``backoff_max`` with +-25 % jitter. A 429 (or an exhausted quota) waits what the store
    asks, up to ``max_rate_limit_wait`` seconds; a longer wait raises
    :class:`~pos.api.errors.RateLimited` at once.

    TLS verification is always on. ``ca_bundle`` adds a PEM file of extra trusted CAs (a
    store behind an inspecting proxy) to the usual ones. ``transport`` replaces the network
    (tests of what a real server cannot produce); ``event_hooks`` go to httpx (recording in
    tests); ``sleep`` replaces :func:`asyncio.sleep` (tests record the waits).
    """

    def __init__(
        self,
        store_hash: str,
        token_provider: TokenProvider,
        *,
        api_base_url: str = DEFAULT_API_BASE_URL,
        payments_base_url: str = DEFAULT_PAYMENTS_BASE_URL,
        timeout: float = 15.0,
        connect_timeout: float = 5.0,
        max_retries: int = 3,
        backoff_initial: float = 0.5,
        backoff_max: float = 8.0,
        max_rate_limit_wait: float = 30.0,
        ca_bundle: str | None = None,
        http2: bool = False,
        max_response_bytes: int = 8 * 1024 * 1024,
        max_connections: int = 10,
        keepalive_expiry: float = 30.0,
        trust_env: bool = True,
        user_agent: str = "pos-register",
        transport: httpx.AsyncBaseTransport | None = None,
        event_hooks: Mapping[str, list[Callable[..., Any]]] | None = None,
        sleep: SleepFn | None = None,
    ) -> None:
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", store_hash):
            raise ValueError("store_hash must be letters, digits, '-' or '_'")
        self.store_hash = store_hash
        self._token_provider = token_provider
        self.api_base_url = _base_url("api_base_url", api_base_url)
        self.payments_base_url = _base_url("payments_base_url", payments_base_url)
        self._options = _Options(
            timeout=float(timeout),
            connect_timeout=float(min(connect_timeout, timeout)),
            max_retries=max(0, int(max_retries)),
            backoff_initial=float(backoff_initial),
            backoff_max=float(backoff_max),
            max_rate_limit_wait=float(max_rate_limit_wait),
        )
        self._ca_bundle = ca_bundle
        self._http2 = http2
        self.max_response_bytes = max_response_bytes
        self._limits = httpx.Limits(
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=keepalive_expiry,
        )
        self._trust_env = trust_env
        self._user_agent = user_agent
        self._transport = transport
        self._event_hooks = dict(event_hooks or {})
        self._sleep: SleepFn = sleep or asyncio.sleep
        self._shared = _Shared()
        self._bind_resources()

    def _bind_resources(self) -> None:
        """Binds what sits above the transport (the client's resources) to this instance;
        called on creation and on every :meth:`with_options` copy."""

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(store_hash={self.store_hash!r}, api={self.api_base_url!r}, "
            f"payments={self.payments_base_url!r})"
        )

    # ---------------------------------------------------------------- options

    @property
    def timeout(self) -> float:
        return self._options.timeout

    @property
    def max_retries(self) -> int:
        return self._options.max_retries

    def with_options(
        self,
        *,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_retries: int | None = None,
        max_rate_limit_wait: float | None = None,
        background: bool | None = None,
    ) -> Self:
        """A view of this client with other per-call settings; it shares the connections
        and the rate-limit state (``client.with_options(timeout=60).payments.process(...)``).
        ``background=True``: its calls give way to the others when the quota runs low.
        """
        changes: dict[str, Any] = {}
        if timeout is not None:
            changes["timeout"] = float(timeout)
        if connect_timeout is not None:
            changes["connect_timeout"] = float(connect_timeout)
        if max_retries is not None:
            changes["max_retries"] = max(0, int(max_retries))
        if max_rate_limit_wait is not None:
            changes["max_rate_limit_wait"] = float(max_rate_limit_wait)
        if background is not None:
            changes["background"] = bool(background)
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._options = replace(self._options, **changes)
        if clone._options.connect_timeout > clone._options.timeout:
            clone._options = replace(clone._options, connect_timeout=clone._options.timeout)
        clone._bind_resources()
        return clone

    # ---------------------------------------------------------------- lifecycle

    async def __aenter__(self) -> Self:
        self.open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def open(self) -> None:
        """Creates the connection pools (one per host). Called by ``async with``."""
        shared = self._shared
        if shared.open:
            return
        if shared.closed:
            raise RuntimeError("this BigCommerceClient is closed")
        verify = self._ssl_context()
        for base in {self.api_base_url, self.payments_base_url}:
            shared.http[base] = httpx.AsyncClient(
                base_url=base,
                http2=self._http2,
                verify=verify,
                timeout=self._httpx_timeout(self._options),
                limits=self._limits,
                follow_redirects=False,
                trust_env=self._trust_env,
                transport=self._transport,
                headers={"User-Agent": self._user_agent},
                event_hooks=self._event_hooks,
            )
        shared.open = True

    async def aclose(self) -> None:
        """Closes every connection. Safe to call twice. Calls in flight (a connection being
        made too) are cancelled and awaited first: each raises a typed error in its caller
        (see :mod:`pos.api._inflight`)."""
        shared = self._shared
        clients = list(shared.http.values())
        shared.http.clear()
        shared.open = False
        shared.closed = True
        try:
            await shared.calls.close()
        finally:
            for http in clients:
                await http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._shared.closed

    def _ssl_context(self) -> ssl.SSLContext:
        ctx = httpx.create_ssl_context(trust_env=self._trust_env)
        if self._ca_bundle:
            try:
                ctx.load_verify_locations(cafile=self._ca_bundle)
            except (OSError, ssl.SSLError) as exc:
                raise TlsError(
                    f"the extra CA bundle {self._ca_bundle!s} cannot be read "
                    f"({type(exc).__name__})"
                ) from None
        return ctx

    @staticmethod
    def _httpx_timeout(options: _Options) -> httpx.Timeout:
        return httpx.Timeout(
            options.timeout, connect=options.connect_timeout, pool=options.timeout
        )

    async def warm_up(self) -> list[WarmUpResult]:
        """Opens a keep-alive connection (TCP + TLS) to each host before the first sale.

        Sends an unauthenticated ``HEAD /`` (no token, no store quota) and ignores its
        status. Never raises: each host's result says how long it took or what failed.
        """
        self._ensure_open()
        results: list[WarmUpResult] = []

        async def one(base: str) -> WarmUpResult:
            http = self._shared.http[base]
            started = time.monotonic()
            try:
                with self._shared.calls.track("HEAD", "/"):
                    async with asyncio.timeout(self._options.timeout):
                        response = await http.request("HEAD", "/", headers={"Accept": "*/*"})
                        await response.aclose()
            except (httpx.TransportError, TimeoutError, OSError) as exc:
                error = _transport_error(exc, "HEAD", "/", safe=True, progress=None)
                log.warning("warm-up of %s failed: %s", base, error)
                return WarmUpResult(base, time.monotonic() - started, error)
            except BigCommerceError as exc:  # the client closed meanwhile
                return WarmUpResult(base, time.monotonic() - started, exc)
            elapsed = time.monotonic() - started
            log.debug("warm-up of %s took %.0f ms", base, elapsed * 1000)
            return WarmUpResult(base, elapsed)

        results = list(await asyncio.gather(*(one(b) for b in self._shared.http)))
        return results

    def _ensure_open(self) -> None:
        if not self._shared.open:
            if self._shared.closed:
                raise RuntimeError("this BigCommerceClient is closed")
            raise RuntimeError("use 'async with BigCommerceClient(...)' (or call open())")

    # ---------------------------------------------------------------- paths

    def v3(self, path: str) -> str:
        return f"/stores/{self.store_hash}/v3{path}"

    def v2(self, path: str) -> str:
        return f"/stores/{self.store_hash}/v2{path}"

    # ---------------------------------------------------------------- auth

    async def _store_token(self) -> str:
        try:
            value = self._token_provider()
            if inspect.isawaitable(value):
                value = await value
        except BigCommerceError:
            raise
        except Exception as exc:
            raise CredentialsMissing(
                f"reading the token failed ({type(exc).__name__})"
            ) from None
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if not isinstance(value, str) or not _TOKEN_RE.fullmatch(value):
            raise CredentialsMissing()
        remember_secret(value)  # an answer that echoes it never shows it
        return value

    # ---------------------------------------------------------------- the one request loop

    async def _request(
        self,
        method: str,
        path: str,
        *,
        host: Literal["api", "payments"] = "api",
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        idempotent: bool | None = None,
        payment_token: SecretStr | None = None,
        payment_codes: bool = False,
        ok: Sequence[int] = (200, 201, 204),
    ) -> Response:
        """Sends one call with the retry rules of this module and returns its response.

        ``idempotent`` defaults to True for GET/PUT/DELETE and False for POST.
        ``payment_token`` switches to the payments auth (``Authorization: PAT``, vnd Accept).
        ``payment_codes`` maps error bodies carrying a payment ``code`` to payment errors.
        """
        self._ensure_open()
        method = method.upper()
        safe = method in SAFE_METHODS if idempotent is None else idempotent
        base = self.api_base_url if host == "api" else self.payments_base_url
        http = self._shared.http[base]
        window = self._shared.windows[host]
        options = self._options

        headers: dict[str, str]
        if payment_token is not None:
            pat = payment_token.get_secret_value()
            if not _TOKEN_RE.fullmatch(pat):
                raise CredentialsMissing("the payment access token is malformed")
            remember_secret(pat)
            headers = {
                "Authorization": f"PAT {pat}",
                "Accept": ACCEPT_PAYMENTS,
                "Content-Type": "application/json",
            }
        else:
            headers = {"X-Auth-Token": await self._store_token(), "Accept": ACCEPT_JSON}
            if json_body is not None:
                headers["Content-Type"] = "application/json"
        content = (
            None
            if json_body is None
            else json.dumps(json_body, default=_json_default, separators=(",", ":")).encode()
        )
        query = _query(params)

        with self._shared.calls.track(method, path) as call:
            call.safe = safe
            attempt = 0
            while True:
                wait = window.wait_needed()
                if wait > 0:
                    if wait > options.max_rate_limit_wait:
                        raise RateLimited(
                            "the store's request quota is used up",
                            method=method, path=path, wait_seconds=wait, request_sent=False,
                        )
                    log.info("rate limit: holding %s %s for %.2f s", method, path, wait)
                    target = window.blocked_until
                    await self._sleep(wait)
                    window.release(target)
                await window.take_turn(options.background, self._sleep)

                progress = call.progress = _Progress()
                request = http.build_request(
                    method,
                    path,
                    params=query,
                    content=content,
                    headers=headers,
                    extensions={"trace": progress,
                                "timeout": self._httpx_timeout(options).as_dict()},
                )
                started = time.monotonic()
                try:
                    try:
                        async with asyncio.timeout(options.timeout):
                            status, resp_headers, raw = await self._send(
                                http, request, method, path
                            )
                    finally:
                        window.answered()
                except InvalidResponse as exc:
                    raise _unsafe_unreadable(exc, safe) from None
                except (httpx.TransportError, TimeoutError, OSError) as exc:
                    elapsed = time.monotonic() - started
                    error = _transport_error(exc, method, path, safe=safe, progress=progress)
                    retryable = (
                        isinstance(error, ConnectionFailed) and not isinstance(error, TlsError)
                    ) or (safe and isinstance(error, RequestTimedOut | ConnectionLost))
                    log.warning(
                        "%s %s failed after %.0f ms (attempt %d): %s",
                        method, path, elapsed * 1000, attempt + 1, type(exc).__name__,
                    )
                    if retryable and attempt < options.max_retries:
                        await self._sleep(self._backoff(attempt))
                        attempt += 1
                        continue
                    raise error from None

                elapsed = time.monotonic() - started
                log.debug(
                    "%s %s -> %d in %.0f ms (attempt %d)",
                    method, path, status, elapsed * 1000, attempt + 1,
                )
                self._note_rate_headers(window, resp_headers)

                if status in ok and 200 <= status < 300:
                    try:
                        data = _parse_json(raw, resp_headers, method, path, status)
                    except InvalidResponse as exc:
                        raise _unsafe_unreadable(exc, safe) from None
                    return Response(status, resp_headers, data, safe)
                if 300 <= status < 400:
                    where = _host_of(resp_headers.get("location", ""))
                    raise InvalidResponse(
                        f"redirected to {where or 'another address'}; redirects are not followed"
                        " (a proxy or a wrong store address?)",
                        method=method, path=path, status=status,
                    )
                if status == 429:
                    if not safe and not _from_store_limiter(resp_headers):
                        # Not BigCommerce's limiter (which refuses before handling): a proxy or
                        # an overloaded front end may have passed the request on.
                        raise OutcomeUnknown(
                            "the store answered HTTP 429 without its rate-limit headers",
                            method=method, path=path, reason="rate_limited", status=status,
                        )
                    wait_s = _rate_limit_wait(resp_headers)
                    delay = wait_s if wait_s is not None else self._backoff(attempt)
                    body = _error_body(raw)
                    if attempt < options.max_retries and delay <= options.max_rate_limit_wait:
                        log.warning(
                            "%s %s rate limited; waiting %.2f s (attempt %d)",
                            method, path, delay, attempt + 1,
                        )
                        target = window.block_for(delay)  # other calls to this host wait too
                        await self._sleep(delay)
                        window.release(target)
                        attempt += 1
                        continue
                    window.block_for(delay)
                    raise RateLimited(method=method, path=path, body=body, wait_seconds=delay)
                if status >= 500:
                    if not safe:
                        raise OutcomeUnknown(
                            f"the store answered HTTP {status}",
                            method=method, path=path, reason="server_error", status=status,
                        )
                    if status in RETRY_STATUSES and attempt < options.max_retries:
                        await self._sleep(self._backoff(attempt))
                        attempt += 1
                        continue
                    raise ServerError(method=method, path=path, status=status,
                                      body=_error_body(raw))
                if 200 <= status < 300:
                    raise InvalidResponse(
                        f"unexpected status {status}", method=method, path=path, status=status
                    )
                body = _error_body(raw)
                if payment_token is not None and status == 401:
                    raise PaymentTokenRejected(method=method, path=path, status=status, body=body)
                if payment_codes and body.code is not None:
                    raise payment_error_class(body.code)(
                        method=method, path=path, status=status, body=body
                    )
                cls: type[ApiError] = STATUS_CLASSES.get(status, ClientError)
                raise cls(method=method, path=path, status=status, body=body)

    async def _send(
        self, http: httpx.AsyncClient, request: httpx.Request, method: str, path: str
    ) -> tuple[int, httpx.Headers, bytes]:
        response = await http.send(request, stream=True, follow_redirects=False)
        try:
            limit = self.max_response_bytes
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise InvalidResponse(
                    f"the answer is too large ({int(declared)} bytes)",
                    method=method, path=path, status=response.status_code,
                )
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise InvalidResponse(
                        f"the answer is larger than {limit} bytes",
                        method=method, path=path, status=response.status_code,
                    )
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)
        finally:
            await response.aclose()

    def _backoff(self, attempt: int) -> float:
        o = self._options
        delay = min(o.backoff_max, o.backoff_initial * (2.0**attempt))
        jitter: float = random.uniform(0.75, 1.25)
        return max(0.0, delay * jitter)

    @staticmethod
    def _note_rate_headers(window: _RateWindow, headers: httpx.Headers) -> None:
        left = _header_number(headers, "x-rate-limit-requests-left")
        if left is not None:
            window.note(
                left,
                _header_number(headers, "x-rate-limit-requests-quota"),
                _header_number(headers, "x-rate-limit-time-reset-ms"),
            )
        if left is not None and left <= 0:
            reset_ms = _header_number(headers, "x-rate-limit-time-reset-ms")
            if reset_ms is not None:
                window.block_for(reset_ms / 1000)

    # ---------------------------------------------------------------- helpers for resources

    def parse(self, model: type[M], data: Any, response: Response, what: str) -> M:
        """Validates ``data`` as ``model``; raises :class:`InvalidResponse` (or
        :class:`OutcomeUnknown` for the answer of an unsafe call)."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise self.unreadable(
                f"{what} has missing or wrongly typed fields ({_fields_of(exc)})", response
            ) from None

    def parse_list(self, model: type[M], data: Any, response: Response, what: str) -> list[M]:
        if not isinstance(data, list):
            raise self.unreadable(f"{what} is not a list", response)
        return [self.parse(model, item, response, what) for item in data]

    @staticmethod
    def unreadable(message: str, response: Response) -> BigCommerceError:
        """The error for a success answer whose content is not what BigCommerce sends."""
        error = InvalidResponse(message, status=response.status)
        return _unsafe_unreadable(error, response.safe)


# --------------------------------------------------------------------------- module helpers


def _base_url(which: str, url: str) -> str:
    """A base URL the client may send the token to (see :mod:`pos.api.urls`)."""
    url = url.rstrip("/")
    try:
        parse_store_url(url)
    except StoreUrlError as exc:
        raise ValueError(f"{which} {exc}") from None
    return url


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    raise TypeError(f"cannot send {type(value).__name__} as JSON")


def _query(
    params: Mapping[str, Any] | None,
) -> list[tuple[str, str | int | float | bool | None]] | None:
    if not params:
        return None
    out: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out.append((key, "true" if value else "false"))
        elif isinstance(value, list | tuple | set | frozenset):
            out.append((key, ",".join(str(v) for v in value)))
        else:
            out.append((key, str(value)))
    return out or None


def _header_number(headers: httpx.Headers, name: str) -> float | None:
    value = headers.get(name)
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if number == number and number not in (float("inf"), float("-inf")) else None


_LIMITER_HEADERS = (
    "x-rate-limit-time-reset-ms",
    "x-rate-limit-requests-left",
    "x-rate-limit-requests-quota",
    "x-rate-limit-time-window-ms",
)


def _from_store_limiter(headers: httpx.Headers) -> bool:
    """Whether a 429 carries BigCommerce's ``X-Rate-Limit-*`` headers (any of the four, as a
    number): the documented limiter, which refuses a request before handling it. BigCommerce
    says a 429 without them means the platform is under high load."""
    return any(_header_number(headers, name) is not None for name in _LIMITER_HEADERS)


def _rate_limit_wait(headers: httpx.Headers) -> float | None:
    """Seconds a 429 asks for: the longer of ``X-Rate-Limit-Time-Reset-Ms`` and
    ``X-Retry-After`` (also ``Retry-After``); ``None`` when neither is present."""
    waits: list[float] = []
    reset_ms = _header_number(headers, "x-rate-limit-time-reset-ms")
    if reset_ms is not None:
        waits.append(reset_ms / 1000)
    for name in ("x-retry-after", "retry-after"):
        seconds = _header_number(headers, name)
        if seconds is not None:
            waits.append(seconds)
    return max(0.0, *waits) if waits else None


def _host_of(location: str) -> str:
    try:
        return httpx.URL(location).host if location else ""
    except (httpx.InvalidURL, ValueError, TypeError):
        return ""


def _unsafe_unreadable(error: InvalidResponse, safe: bool) -> BigCommerceError:
    """An unreadable success answer to an unsafe call may mean it was carried out."""
    if safe or (error.status is not None and not 200 <= error.status < 300):
        return error
    return OutcomeUnknown(
        f"the answer could not be read ({error.message})",
        method=error.method, path=error.path, reason="invalid_response", status=error.status,
    )


def _looks_like_html(raw: bytes, headers: httpx.Headers) -> bool:
    head = raw[:200].lstrip().lower()
    return "html" in headers.get("content-type", "").lower() or head.startswith(
        (b"<!doctype", b"<html", b"<?xml", b"<")
    )


def _parse_json(raw: bytes, headers: httpx.Headers, method: str, path: str, status: int) -> Any:
    if status == 204 or not raw.strip():
        return None
    try:
        return json.loads(raw, parse_float=Decimal)
    except UnicodeDecodeError:
        raise InvalidResponse(
            "the answer is not UTF-8 text", method=method, path=path, status=status
        ) from None
    except json.JSONDecodeError as exc:
        if _looks_like_html(raw, headers):
            reason = "a web page came back instead of data (a proxy or a Wi-Fi login page?)"
        elif exc.msg.startswith("Unterminated string") or exc.pos >= len(raw.rstrip()) - 1:
            reason = "the answer was cut off (incomplete JSON)"
        else:
            reason = "the answer is not valid JSON"
        raise InvalidResponse(reason, method=method, path=path, status=status) from None
    except RecursionError:
        raise InvalidResponse(
            "the answer is nested too deeply", method=method, path=path, status=status
        ) from None


def _error_body(raw: bytes) -> ErrorBody:
    if not raw.strip():
        return ErrorBody()
    try:
        return ErrorBody.parse(json.loads(raw, parse_float=Decimal))
    except (ValueError, RecursionError):
        return ErrorBody()


def _fields_of(exc: ValidationError) -> str:
    locs = []
    for err in exc.errors()[:5]:
        locs.append(".".join(str(p) for p in err.get("loc", ())) or "(root)")
    more = "" if exc.error_count() <= 5 else f", +{exc.error_count() - 5} more"
    return ", ".join(locs) + more


def _is_tls_failure(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError | ssl.CertificateError):
            return True
        current = current.__cause__ or current.__context__
    text = str(exc)
    return "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text.upper().split(":")[0]


def _transport_error(
    exc: BaseException, method: str, path: str, *, safe: bool, progress: _Progress | None
) -> BigCommerceError:
    """Turns an httpx/asyncio failure into the typed error for a safe or unsafe call."""
    name = type(exc).__name__
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return ConnectionFailed(
            f"the store address is not usable ({name})", method=method, path=path
        )
    if isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc):
        # httpx reads a redirect's Location even when not following it.
        return InvalidResponse(
            "redirected to another address; redirects are not followed"
            " (a proxy or a wrong store address?)",
            method=method, path=path,
        )
    sending_started = progress is not None and progress.sending_started
    timed_out = isinstance(exc, httpx.TimeoutException | TimeoutError)
    not_sent = (
        isinstance(exc, NOT_SENT_ERRORS) and not sending_started
    ) or (progress is not None and progress.proven_not_sent)
    if not_sent:
        if _is_tls_failure(exc):
            return TlsError(
                "the certificate is expired, self-signed or for another name; if the store is"
                " behind an inspecting proxy, add its CA bundle to the profile",
                method=method, path=path,
            )
        if timed_out:
            return ConnectionFailed("connecting took too long", method=method, path=path)
        return ConnectionFailed(_plain(exc), method=method, path=path)
    if not safe:
        return OutcomeUnknown(
            "no answer came back in time" if timed_out else "the connection dropped before"
            " the answer arrived",
            method=method, path=path, reason="timeout" if timed_out else "connection_lost",
        )
    if timed_out:
        return RequestTimedOut(method=method, path=path)
    return ConnectionLost(_plain(exc), method=method, path=path)


def _plain(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    # Messages from the socket layer hold no secrets, but keep them short and on one line.
    return redact(" ".join(text.split()))[:160]

