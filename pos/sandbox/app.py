"""The sandbox store's HTTP face: an ASGI app whose request pipeline runs every request
through the same steps: an injected fault that answers at once, authentication and the
body's size bound (from the headers, before the body is read), the body, latency, the rate
limit of its class (the store API, or payments), then its handler (one module of routes
per resource in ``pos.sandbox.routes``), which does all of its database work in one
transaction on the event loop's thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
import time
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from pos.sandbox import orders, payment_tokens
from pos.sandbox.context import (
    Ctx,
    Handler,
    RouteInfo,
    RouteTable,
    StoreState,
    admin,
    api,
    check_query,
)
from pos.sandbox.errors import ERROR_TYPE, ApiError, not_found
from pos.sandbox.faults import Fault
from pos.sandbox.plumbing import (
    BodyTooLarge,
    discard,
    drop_connection,
    from_loopback,
    header,
    is_v2,
    json_response,
    read_body,
    replay,
)
from pos.sandbox.refund_flight import in_flight_body, refund_order
from pos.sandbox.routes import register_all
from pos.sandbox.scopes import FORBIDDEN_TITLE, required_scopes

__all__ = ["SandboxApp", "StoreState"]

log = logging.getLogger("pos.sandbox")

PAYMENTS_ACCEPT = "application/vnd.bc.v1+json"
MAX_BODY_BYTES = 1_048_576  # the largest request body the store reads
PAT_HEADER = re.compile(r"^PAT ([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)$")

register_all()


class SandboxApp:
    """The ASGI application of one sandbox store.

    Before a request's body is read, everything its headers decide is decided: the admin
    routes' loopback check, the store in the path, the token (or payment access token) and
    its scopes, and the body's size (at most ``MAX_BODY_BYTES``). A refused request is
    answered without reading its body. An accepted body is then read in full, like a real
    server does: once it has arrived it is processed and committed even if the client stops
    waiting for the answer (a client timeout during added latency), and the answer then
    goes nowhere.
    """

    def __init__(self, state: StoreState) -> None:
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        if path.startswith("/__sandbox/"):
            if not from_loopback(scope):
                log.warning("refused an admin request from a non-loopback client")
                error = ApiError(
                    403, "Forbidden", detail="The sandbox's admin routes answer loopback only."
                )
                await json_response(403, error.body())(scope, receive, send)
                return
            body = await self._read_bounded(scope, receive, send, {})
            if body is None:
                return
            await self._serve(
                scope,
                replay(body, receive),
                send,
                admin,
                path[len("/__sandbox") :],
                {},
                admin_route=True,
            )
            return
        parts = path.split("/", 3)
        if len(parts) < 4 or parts[1] != "stores" or not parts[2]:
            await json_response(404, ApiError(404, "Not found").body(), self._current_limits("/"))(
                scope, receive, send
            )
            return
        store_hash = parts[2]
        sub_path = "/" + parts[3]
        method: str = scope["method"]
        # An injected fault stands for the network or a proxy in front of the store: it
        # fires before the store looks at the request.
        fault = self.state.faults.take(method, sub_path)
        answered_now = fault is not None and fault.kind not in ("latency", "close_after")
        if answered_now and self.state.settings.latency_ms:
            await asyncio.sleep(self.state.settings.latency_ms / 1000)
        if fault is not None and fault.kind == "close_before":
            if not drop_connection(send):  # pragma: no cover - other servers
                raise ConnectionAbortedError("sandbox fault: close_before")
            return
        if fault is not None and fault.kind in ("500", "502", "503", "429"):
            await self._fault_response(int(fault.kind), sub_path)(scope, receive, send)
            return
        extra: dict[str, Any] = {"prefix": f"/stores/{store_hash}"}
        refused = self._authenticate(scope, store_hash, sub_path, extra)
        if refused is not None:
            limits = self._current_limits(sub_path)
            await json_response(refused.status, refused.body(), limits)(scope, receive, send)
            return
        body = await self._read_bounded(scope, receive, send, self._current_limits(sub_path))
        if body is None:
            return
        receive = replay(body, receive)
        refunding = refund_order(method, sub_path)
        if refunding is not None:
            # Refunds of one order are processed one at a time (orders.v3.yml).
            if not self.state.refunds.begin(refunding):
                await json_response(422, in_flight_body(refunding),
                                    self._current_limits(sub_path))(scope, receive, send)
                return
            try:
                await self._process(scope, receive, send, sub_path, extra, fault)
            finally:
                self.state.refunds.end(refunding)
            return
        await self._process(scope, receive, send, sub_path, extra, fault)

    async def _process(self, scope: Scope, receive: Receive, send: Send, sub_path: str,
                       extra: dict[str, Any], fault: Fault | None) -> None:
        """Latency, then the store handles the request (and a ``close_after`` fault drops
        the answer)."""
        latency = self.state.settings.latency_ms
        if fault is not None and fault.kind == "latency":
            latency += fault.latency_ms
        if latency:
            await asyncio.sleep(latency / 1000)
        if fault is not None and fault.kind == "close_after":
            await self._store_request(scope, receive, discard, sub_path, extra)
            if not drop_connection(send):  # pragma: no cover - other servers
                raise ConnectionAbortedError("sandbox fault: close_after")
            return
        await self._store_request(scope, receive, send, sub_path, extra)

    async def _read_bounded(
        self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]
    ) -> bytes | None:
        """The request's body, at most ``MAX_BODY_BYTES`` of it; None when the request has
        been answered (413: too large) or the client went away before sending it all."""
        sub_path = scope["path"]
        declared = header(scope, "content-length")
        too_large = ApiError(
            413,
            "Request Entity Too Large",
            detail=f"The request body is larger than {MAX_BODY_BYTES} bytes.",
            v2="/v2/" in sub_path,
        )
        if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            await json_response(413, too_large.body(), headers)(scope, receive, send)
            return None
        try:
            body = await read_body(receive, MAX_BODY_BYTES)
        except BodyTooLarge:
            await json_response(413, too_large.body(), headers)(scope, receive, send)
            return None
        if body is None:
            log.debug("client went away before its request was complete")
        return body

    def _fault_response(self, status: int, sub_path: str) -> Response:
        titles = {
            500: "Internal Server Error",
            502: "Bad Gateway",
            503: "Service Unavailable",
            429: "Too Many Requests",
        }
        headers: dict[str, str] = self._current_limits(sub_path)
        if status == 429:
            payments_route = sub_path == "/payments"
            settings = self.state.settings
            window = (
                settings.payments_window_ms if payments_route else settings.rate_limit_window_ms
            )
            quota = settings.payments_quota if payments_route else settings.rate_limit_quota
            headers = {
                "X-Rate-Limit-Requests-Left": "0",
                "X-Rate-Limit-Requests-Quota": str(quota),
                "X-Rate-Limit-Time-Reset-Ms": str(window),
                "X-Rate-Limit-Time-Window-Ms": str(window),
                "X-Retry-After": str(max(1, -(-window // 1000))),
            }
        if is_v2(sub_path):
            error = ApiError(status, titles[status], v2=True)
        else:
            error = ApiError(status, titles[status], detail="Injected by the sandbox.")
        return json_response(status, error.body(), headers)

    def _current_limits(self, sub_path: str) -> dict[str, str]:
        """The rate-limit headers of the quota ``sub_path`` counts against, without spending
        any of it."""
        settings = self.state.settings
        if sub_path == "/payments":
            return self.state.limiter.peek(
                "payments", settings.payments_quota, settings.payments_window_ms
            )
        return self.state.limiter.peek(
            "api", settings.rate_limit_quota, settings.rate_limit_window_ms
        )

    async def _store_request(
        self, scope: Scope, receive: Receive, send: Send, sub_path: str, extra: dict[str, Any]
    ) -> None:
        state = self.state
        settings = state.settings
        if sub_path == "/payments":
            allowed, limit_headers = state.limiter.take(
                "payments", settings.payments_quota, settings.payments_window_ms
            )
        else:
            allowed, limit_headers = state.limiter.take(
                "api", settings.rate_limit_quota, settings.rate_limit_window_ms
            )
        if not allowed:
            # The store's rate limiter answers with the v3 object on every route.
            body = ApiError(
                429, "Too Many Requests", detail="The rate limit of this store has been reached."
            ).body()
            await json_response(429, body, limit_headers)(scope, receive, send)
            return

        async def send_with_limits(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in limit_headers.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self._serve(scope, receive, send_with_limits, api, sub_path, extra, admin_route=False)

    def _authenticate(
        self, scope: Scope, store_hash: str, sub_path: str, extra: dict[str, Any]
    ) -> ApiError | None:
        """From the headers alone: None when the request may go on (a payment's access
        token is then in ``extra["pat"]``); else the error to answer with."""
        state = self.state
        if sub_path != "/payments":
            denied = self._authorize(
                header(scope, "x-auth-token") or "", store_hash, sub_path, scope
            )
            if denied is not None:
                denied.v2 = is_v2(sub_path)
            return denied
        match = PAT_HEADER.match(header(scope, "authorization") or "")
        try:
            if match is None:
                raise ApiError(
                    401,
                    "Unauthorized",
                    code=10001,
                    detail="The Authorization header must be 'PAT <token>'.",
                )
            extra["pat"] = payment_tokens.read_pat(
                state.secret, state.store_hash, match.group(1), time.time()
            )
            if store_hash != state.store_hash:
                raise not_found("Store")
            if PAYMENTS_ACCEPT not in (header(scope, "accept") or ""):
                raise ApiError(
                    400,
                    "Bad Request",
                    code=10001,
                    detail=f"The Accept header must be {PAYMENTS_ACCEPT}.",
                )
        except ApiError as refused:
            return refused
        return None

    def _authorize(
        self, given: str, store_hash: str, sub_path: str, scope: Scope
    ) -> ApiError | None:
        """None when the token may make this request; else the error to answer with."""
        state = self.state
        granted: frozenset[str] | None = None
        if not secrets.compare_digest(given.encode(), state.token.encode()):
            granted = state.tokens.scopes_of(given)
            if granted is None:
                return ApiError(
                    401, "Unauthorized", detail="The X-Auth-Token header is missing or not valid."
                )
        if store_hash != state.store_hash:
            return ApiError(404, "Store not found")
        if granted is not None:
            needed = required_scopes(scope["method"], sub_path)
            if needed is not None and granted.isdisjoint(needed):
                return ApiError(403, FORBIDDEN_TITLE)
        return None

    async def _serve(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        router: RouteTable,
        sub_path: str,
        extra: dict[str, Any],
        *,
        admin_route: bool,
    ) -> None:
        request = Request(scope, receive)
        method = scope["method"]
        handler, params, info, known = router.match(method, sub_path)
        v2 = info.v2
        if handler is None:
            if known:
                error = ApiError(
                    405, "Method Not Allowed", v2=v2, detail=f"{method} is not supported here."
                )
            else:
                error = ApiError(
                    404, "Not Found", v2=v2, detail="The requested resource was not found."
                )
            await json_response(error.status, error.body())(scope, receive, send)
            return
        response = await self._run(request, handler, params, info, extra, admin_route)
        await response(scope, receive, send)

    async def _run(
        self,
        request: Request,
        handler: Handler,
        params: dict[str, str],
        info: RouteInfo,
        extra: dict[str, Any],
        admin_route: bool,
    ) -> Response:
        v2 = info.v2
        try:
            if not admin_route:
                check_query(request, info)
            body: Any = None
            if request.method in ("POST", "PUT", "PATCH"):
                raw = await request.body()
                if raw.strip():
                    try:
                        body = json.loads(raw)
                    except (ValueError, UnicodeDecodeError, RecursionError):
                        raise ApiError(
                            400,
                            "Input is invalid",
                            v2=v2,
                            code=(10001 if extra.get("pat") is not None else None),
                            detail="The request body is not valid JSON.",
                        ) from None
            now = time.time()
            base_url = f"{request.url.scheme}://{request.url.netloc}"
            with self.state.db.tx() as conn:
                if not admin_route:
                    orders.settle_due(conn, now)
                ctx = Ctx(conn, request, params, body, now, base_url, self.state, extra)
                status, payload = handler(ctx)
            if v2 and status == 200 and payload == []:
                # A v2 list with nothing in it is "204 No Content", without a body.
                return Response(status_code=204)
            return json_response(status, payload)
        except ClientDisconnect:  # pragma: no cover - the body is read before handlers run
            log.debug("client went away during %s %s", request.method, request.url.path)
            return Response(status_code=499)
        except ApiError as error:
            if v2 and not error.v2 and error.status in (400, 404, 405, 422):
                error.v2 = True
            return json_response(error.status, error.body(), error.headers)
        except Exception:
            log.exception("unexpected error serving %s %s", request.method, request.url.path)
            body = {
                "status": 500,
                "title": "Internal Server Error",
                "type": ERROR_TYPE,
                "detail": "The sandbox store hit an unexpected error; it has been logged.",
                "errors": {},
            }
            if v2:
                body = [{"status": 500, "message": "Internal Server Error"}]
            return json_response(500, body)
