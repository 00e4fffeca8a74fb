"""What a real server cannot easily produce, through httpx.MockTransport: malformed and
hostile answers, exact rate-limit headers, and the retry rules per failure kind."""

from __future__ import annotations

import json
from decimal import Decimal

import httpx
import pytest
from api_helpers import CHECKOUT, STORE_TOKEN, SleepRecorder, mock_client, v3

from pos.api import (
    BadRequest,
    ConnectionFailed,
    ConnectionLost,
    CredentialsMissing,
    InvalidResponse,
    NotFound,
    OutcomeUnknown,
    PaymentDeclined,
    RateLimited,
    RequestTimedOut,
    ServerError,
    Unauthorized,
    Unprocessable,
)
from pos.api.models import Card

CART = {"id": "cart-1", "line_items": {"physical_items": []}, "cart_amount": 10}


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("response", "words"),
    [
        (httpx.Response(200, text="<html><body>Sign in to the Wi-Fi</body></html>",
                        headers={"content-type": "text/html"}), "web page"),
        (httpx.Response(200, content=b'{"data": {"id": "cart-1", "line_'), "cut off"),
        (httpx.Response(200, content=b"\xff\xfe\x00garbage"), "not"),
        (httpx.Response(200, json={"data": {"id": 17, "line_items": "nope"}}), "fields"),
        (httpx.Response(200, json={"no": "envelope"}), "no 'data'"),
        (httpx.Response(200, json=[1, 2, 3]), "no 'data'"),
        (httpx.Response(200, content=b"[" * 100_000 + b"]" * 100_000), "not"),
    ],
    ids=["html", "truncated", "binary", "wrong-types", "no-envelope", "array", "deep"],
)
async def test_malformed_answers_are_invalid_response(
    response: httpx.Response, words: str
) -> None:
    async with mock_client(lambda request: response) as client:
        with pytest.raises(InvalidResponse) as info:
            await client.carts.get("cart-1")
    assert words in str(info.value)
    assert "\n" not in str(info.value)


async def test_enormous_body_is_cut_at_the_cap() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        async def chunks():  # no content-length: streamed
            for _ in range(1000):
                yield b" " * 65536
        return httpx.Response(200, content=chunks())

    async with mock_client(handler, max_response_bytes=1024 * 1024) as client:
        with pytest.raises(InvalidResponse, match="larger than"):
            await client.carts.get("cart-1")


async def test_declared_enormous_body_is_refused_before_reading() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-length": str(10**10)}, content=b"")

    async with mock_client(handler) as client:
        with pytest.raises(InvalidResponse, match="too large"):
            await client.carts.get("cart-1")


@pytest.mark.parametrize("status", [301, 302, 307, 308])
async def test_redirects_are_not_followed(status: int) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(status, headers={"location": "https://evil.example.net/steal"})

    async with mock_client(handler) as client:
        with pytest.raises(InvalidResponse, match=r"evil\.example\.net"):
            await client.carts.get("cart-1")
    assert len(seen) == 1 and "evil" not in seen[0]


# ---------------------------------------------------------------------------- headers


async def test_store_calls_send_x_auth_token_and_json_accept() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return v3(CART, 201)

    async with mock_client(handler) as client:
        from pos.api.models import CustomItemInput

        await client.carts.create(
            custom_items=[CustomItemInput(sku="X", name="X", quantity=1, list_price=Decimal(2))]
        )
    (request,) = seen
    assert request.headers["x-auth-token"] == STORE_TOKEN
    assert request.headers["accept"] == "application/json"
    assert request.headers["content-type"] == "application/json"
    assert "authorization" not in request.headers
    assert request.url.path == "/stores/abc123/v3/carts"
    assert request.url.host == "api.example.test"


async def test_payment_goes_to_payments_host_with_pat_only() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            201, json={"data": {"id": "t-1", "transaction_type": "purchase", "status": "success"}}
        )

    card = Card(cardholder_name="J D", number="4111111111111111", expiry_month=1,
                expiry_year=2031, verification_value="123")
    async with mock_client(handler) as client:
        from pydantic import SecretStr
        result = await client.payments.process(SecretStr("pat-abc"), card, "stripe.card")
    assert result.status == "success"
    (request,) = seen
    assert request.url.host == "payments.example.test"
    assert request.url.path == "/stores/abc123/payments"
    assert request.headers["authorization"] == "PAT pat-abc"
    assert request.headers["accept"] == "application/vnd.bc.v1+json"
    assert request.headers["content-type"] == "application/json"
    assert "x-auth-token" not in request.headers
    body = json.loads(request.content)
    assert body["payment"]["payment_method_id"] == "stripe.card"
    assert body["payment"]["instrument"]["type"] == "card"


async def test_token_provider_may_be_async_and_is_called_late() -> None:
    calls = 0

    async def provider() -> str:
        nonlocal calls
        calls += 1
        return STORE_TOKEN

    from pos.api import BigCommerceClient

    client = BigCommerceClient(
        "abc123", provider, api_base_url="https://a.test", payments_base_url="https://p.test",
        transport=httpx.MockTransport(lambda r: v3(CART)),
    )
    assert calls == 0 and STORE_TOKEN not in repr(client)
    async with client:
        await client.carts.get("c")
    assert calls == 1


@pytest.mark.parametrize("token", ["", "two words", "line\nbreak", None])
async def test_unusable_tokens_are_credentials_missing(token: object) -> None:
    from pos.api import BigCommerceClient

    sent: list[httpx.Request] = []
    client = BigCommerceClient(
        "abc123", lambda: token,  # type: ignore[arg-type,return-value]
        transport=httpx.MockTransport(lambda r: sent.append(r) or v3(CART)),  # type: ignore[func-returns-value]
    )
    async with client:
        with pytest.raises(CredentialsMissing):
            await client.carts.get("c")
    assert sent == []


# ---------------------------------------------------------------------------- status codes


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequest), (401, Unauthorized), (404, NotFound), (422, Unprocessable)],
)
async def test_status_classes_carry_the_v3_body(status: int, cls: type[Exception]) -> None:
    body = {"status": status, "title": "Something precise", "type": "https://t", "errors": {}}
    async with mock_client(lambda r: httpx.Response(status, json=body)) as client:
        with pytest.raises(cls, match="Something precise"):
            await client.carts.get("c")


async def test_v2_error_array_is_read() -> None:
    body = [{"status": 400, "message": "The field 'id' cannot be written to."}]
    async with mock_client(lambda r: httpx.Response(400, json=body)) as client:
        with pytest.raises(BadRequest, match="cannot be written"):
            await client.orders.get(1)


async def test_payment_code_maps_to_class_whatever_the_status() -> None:
    body = {"status": 400, "title": "There was a problem processing your card.",
            "type": "t", "code": 30104}

    async with mock_client(lambda r: httpx.Response(400, json=body)) as client:
        from pydantic import SecretStr
        card = Card(cardholder_name="J", number="4000000000000002", expiry_month=1,
                    expiry_year=2031, verification_value="123")
        with pytest.raises(PaymentDeclined) as info:
            await client.payments.process(SecretStr("pat"), card, "stripe.card")
    assert info.value.code == 30104 and "contact your card issuer" not in "x"


# ---------------------------------------------------------------------------- retries


def _failing(times: int, exc: Exception | httpx.Response, then: httpx.Response):
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) <= times:
            if isinstance(exc, httpx.Response):
                return exc
            raise exc
        return then

    return handler, calls


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ReadError("reset"),
        httpx.Response(500), httpx.Response(502), httpx.Response(503), httpx.Response(504),
    ],
    ids=["connect", "connect-timeout", "read-timeout", "dropped", "reset",
         "500", "502", "503", "504"],
)
async def test_get_is_retried_then_succeeds(failure: Exception | httpx.Response) -> None:
    handler, calls = _failing(2, failure, v3(CART))
    sleep = SleepRecorder()
    async with mock_client(handler, sleep=sleep, max_retries=2) as client:
        cart = await client.carts.get("cart-1")
    assert cart.id == "cart-1" and len(calls) == 3
    assert len(sleep.waits) == 2 and sleep.waits[1] > sleep.waits[0] * 1.1 / 1.5


@pytest.mark.parametrize(
    ("failure", "cls"),
    [
        (httpx.ConnectError("refused"), ConnectionFailed),
        (httpx.ReadTimeout("slow"), RequestTimedOut),
        (httpx.RemoteProtocolError("dropped"), ConnectionLost),
        (httpx.Response(503), ServerError),
    ],
)
async def test_get_gives_up_after_the_budget(failure: object, cls: type[Exception]) -> None:
    handler, calls = _failing(99, failure, v3(CART))  # type: ignore[arg-type]
    async with mock_client(handler, max_retries=3) as client:
        with pytest.raises(cls):
            await client.carts.get("cart-1")
    assert len(calls) == 4


async def test_per_call_override_of_retries() -> None:
    handler, calls = _failing(99, httpx.Response(500), v3(CART))
    async with mock_client(handler, max_retries=3) as client:
        with pytest.raises(ServerError):
            await client.with_options(max_retries=0).carts.get("cart-1")
        assert len(calls) == 1
        assert client.max_retries == 3 and client.with_options(timeout=2).timeout == 2


async def test_501_is_not_retried() -> None:
    handler, calls = _failing(99, httpx.Response(501), v3(CART))
    async with mock_client(handler) as client:
        with pytest.raises(ServerError):
            await client.carts.get("cart-1")
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (httpx.ReadTimeout("slow"), "timeout"),
        (httpx.WriteTimeout("slow"), "timeout"),
        (httpx.RemoteProtocolError("Server disconnected"), "connection_lost"),
        (httpx.ReadError("reset"), "connection_lost"),
        (httpx.Response(500), "server_error"),
        (httpx.Response(502), "server_error"),
        (httpx.Response(503), "server_error"),
    ],
)
async def test_create_order_is_never_resent_after_it_may_have_arrived(
    failure: object, reason: str
) -> None:
    handler, calls = _failing(1, failure, v3({"id": 1}))  # type: ignore[arg-type]
    async with mock_client(handler) as client:
        with pytest.raises(OutcomeUnknown) as info:
            await client.checkouts.create_order("c1")
    assert len(calls) == 1
    assert info.value.reason == reason
    assert info.value.request_sent is None


@pytest.mark.parametrize(
    "failure",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("busy")],
)
async def test_create_order_is_retried_when_provably_not_sent(failure: Exception) -> None:
    handler, calls = _failing(1, failure, v3({"id": 77}))
    async with mock_client(handler) as client:
        assert await client.checkouts.create_order("c1") == 77
    assert len(calls) == 2


async def test_post_429_waits_and_retries() -> None:
    handler, calls = _failing(
        1, httpx.Response(429, headers={"X-Rate-Limit-Time-Reset-Ms": "1500"}), v3({"id": 5})
    )
    sleep = SleepRecorder()
    async with mock_client(handler, sleep=sleep) as client:
        assert await client.checkouts.create_order("c1") == 5
    assert len(calls) == 2 and sleep.waits == [1.5]


async def test_429_honours_the_longer_of_the_two_headers() -> None:
    handler, _calls = _failing(
        1,
        httpx.Response(429, headers={"X-Rate-Limit-Time-Reset-Ms": "1500", "X-Retry-After": "3"}),
        v3(CART),
    )
    sleep = SleepRecorder()
    async with mock_client(handler, sleep=sleep) as client:
        await client.carts.get("c")
    assert sleep.waits == [3.0]


async def test_429_longer_than_the_cap_raises_rate_limited_at_once() -> None:
    handler, calls = _failing(
        9, httpx.Response(429, headers={"X-Rate-Limit-Time-Reset-Ms": "600000"}), v3(CART)
    )
    sleep = SleepRecorder()
    async with mock_client(handler, sleep=sleep, max_rate_limit_wait=10) as client:
        with pytest.raises(RateLimited) as info:
            await client.carts.get("c")
    assert info.value.wait_seconds == 600 and sleep.waits == [] and len(calls) == 1


async def test_exhausted_quota_holds_the_next_request() -> None:
    responses = iter(
        [
            v3(CART, **{"X-Rate-Limit-Requests-Left": "0", "X-Rate-Limit-Time-Reset-Ms": "2500"}),
            v3(CART, **{"X-Rate-Limit-Requests-Left": "40", "X-Rate-Limit-Time-Reset-Ms": "100"}),
            v3(CART),
        ]
    )
    sleep = SleepRecorder()
    async with mock_client(lambda r: next(responses), sleep=sleep) as client:
        await client.carts.get("c")
        assert sleep.waits == []
        await client.carts.get("c")
        assert len(sleep.waits) == 1 and 2.0 < sleep.waits[0] <= 2.5
        await client.carts.get("c")
        assert len(sleep.waits) == 1


async def test_payment_is_never_resent_on_timeout() -> None:
    handler, calls = _failing(1, httpx.ReadTimeout("slow"), v3({"id": "t"}, 201))
    card = Card(cardholder_name="J", number="4242424242424242", expiry_month=1,
                expiry_year=2031, verification_value="123")
    async with mock_client(handler) as client:
        from pydantic import SecretStr
        with pytest.raises(OutcomeUnknown):
            await client.payments.process(SecretStr("pat"), card, "stripe.card")
    assert len(calls) == 1


async def test_client_must_be_opened_and_closes_idempotently() -> None:
    client = mock_client(lambda r: v3(CART))
    with pytest.raises(RuntimeError):
        await client.carts.get("c")
    async with client:
        await client.carts.get("c")
    await client.aclose()
    assert client.is_closed
    with pytest.raises(RuntimeError):
        await client.carts.get("c")
    with pytest.raises(ValueError):
        await mock_client(lambda r: v3(CART)).carts.get("a/../b")


async def test_checkout_parses_through_the_client() -> None:
    async with mock_client(lambda r: v3(CHECKOUT)) as client:
        checkout = await client.checkouts.get(CHECKOUT["id"])  # type: ignore[arg-type]
    assert checkout.grand_total == Decimal("21.65")
    assert isinstance(checkout.cart.cart_amount_inc_tax, Decimal)


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html>portal</html>", headers={"content-type": "text/html"}),
        httpx.Response(200, content=b'{"data": {"id": 12'),
        httpx.Response(200, json={"data": {"id": "not-a-number"}}),
        httpx.Response(200, json={"unexpected": True}),
    ],
    ids=["html", "truncated", "wrong-type", "no-envelope"],
)
async def test_unreadable_success_of_a_create_is_outcome_unknown(
    response: httpx.Response,
) -> None:
    """The store may have made the order even though its answer cannot be read."""
    async with mock_client(lambda r: response) as client:
        with pytest.raises(OutcomeUnknown) as info:
            await client.checkouts.create_order("c1")
    assert info.value.reason == "invalid_response"


async def test_unreadable_error_of_a_create_stays_invalid_response() -> None:
    html = httpx.Response(403, text="<html>blocked</html>", headers={"content-type": "text/html"})
    async with mock_client(lambda r: html) as client:
        from pos.api import Forbidden

        with pytest.raises(Forbidden):
            await client.checkouts.create_order("c1")


async def test_garbage_redirect_location_is_still_a_typed_error() -> None:
    bad = httpx.Response(302, headers={"location": "http://[::1"})
    async with mock_client(lambda r: bad) as client:
        with pytest.raises(InvalidResponse, match="another address"):
            await client.carts.get("c")
