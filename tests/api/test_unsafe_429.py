"""A 429 on an unsafe create is resent only when BigCommerce's own rate limiter sent it.

The limiter answers with its ``X-Rate-Limit-*`` headers and refuses a request before
handling it, so resending is safe. A 429 without them comes from something in front of the
store (a proxy, an overloaded front end) that may have passed the request on: the create is
not resent and ends as OutcomeUnknown (reason ``rate_limited``) for the sale engine to
reconcile. A mock transport gives the header-less 429 the sandbox never sends.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from api_helpers import SleepRecorder, card, mock_client, v3

from pos.api import BigCommerceClient, OutcomeUnknown, RateLimited
from pos.api.models import CustomerInput, LineItemInput, PaymentAccessToken

CART = {"id": "c1", "line_items": {"physical_items": []}, "cart_amount": 10}
LIMITER = {
    "X-Rate-Limit-Requests-Left": "0",
    "X-Rate-Limit-Requests-Quota": "150",
    "X-Rate-Limit-Time-Reset-Ms": "1200",
    "X-Rate-Limit-Time-Window-Ms": "30000",
}
PAT = PaymentAccessToken(id="eyJhbGciOiJIUzI1NiJ9.eyJvIjoxfQ.c2ln")
ITEMS = [LineItemInput(product_id=1, variant_id=2, quantity=1)]

Call = Callable[[BigCommerceClient], Awaitable[Any]]
CREATES: dict[str, tuple[Call, Any]] = {
    "order": (lambda c: c.checkouts.create_order("c1"), {"id": 7}),
    "payment": (
        lambda c: c.payments.process(PAT, card(), "stripe.card"),
        {"id": "t1", "status": "success", "transaction_type": "purchase"},
    ),
    "token": (lambda c: c.payments.create_access_token(7), {"id": "eyJ.a.b"}),
    "cart": (lambda c: c.carts.create(ITEMS), None),
    "items": (lambda c: c.carts.add_items("c1", ITEMS), None),
    "customer": (
        lambda c: c.customers.create(
            CustomerInput(email="a@example.com", first_name="a", last_name="b")
        ),
        [{"id": 9, "email": "a@example.com", "first_name": "a", "last_name": "b"}],
    ),
}


def _answer(data: Any) -> httpx.Response:
    return v3(CART if data is None else data, status=200)


def _scripted(first: httpx.Response, then: httpx.Response):  # type: ignore[no-untyped-def]
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return first if len(calls) == 1 else then

    return handler, calls


@pytest.mark.parametrize("call", sorted(CREATES))
@pytest.mark.parametrize(
    "headers", [{}, {"Retry-After": "2"}, {"X-Retry-After": "2"}], ids=["bare", "ra", "xra"]
)
async def test_429_without_limiter_headers_is_not_resent(
    call: str, headers: dict[str, str]
) -> None:
    make, data = CREATES[call]
    handler, calls = _scripted(
        httpx.Response(429, text="<html>Too many requests</html>", headers=headers),
        _answer(data),
    )
    sleeps = SleepRecorder()
    async with mock_client(handler, sleep=sleeps) as client:
        with pytest.raises(OutcomeUnknown) as info:
            await make(client)
    assert len(calls) == 1 and sleeps.waits == []
    assert info.value.reason == "rate_limited" and info.value.status == 429
    assert info.value.request_sent is None


@pytest.mark.parametrize("call", sorted(CREATES))
async def test_429_from_the_store_limiter_is_resent(call: str) -> None:
    make, data = CREATES[call]
    handler, calls = _scripted(httpx.Response(429, headers=LIMITER), _answer(data))
    sleeps = SleepRecorder()
    async with mock_client(handler, sleep=sleeps) as client:
        await make(client)
    assert len(calls) == 2 and sleeps.waits == [1.2]


async def test_safe_call_is_retried_after_any_429() -> None:
    handler, calls = _scripted(httpx.Response(429, text="busy"), v3(CART))
    async with mock_client(handler) as client:
        await client.carts.get("c1")
    assert len(calls) == 2


async def test_rate_limited_says_whether_it_was_sent() -> None:
    """The store's refusal arrived (request_sent True); the client's own hold, while the
    quota is used up, sent nothing (request_sent False)."""
    headers = {**LIMITER, "X-Rate-Limit-Time-Reset-Ms": "60000"}
    handler, calls = _scripted(httpx.Response(429, headers=headers), v3(CART))
    async with mock_client(handler, max_rate_limit_wait=5) as client:
        with pytest.raises(RateLimited) as refused:
            await client.checkouts.create_order("c1")
        with pytest.raises(RateLimited) as held:
            await client.checkouts.create_order("c1")
    assert len(calls) == 1
    assert refused.value.request_sent is True
    assert held.value.request_sent is False
    assert RateLimited.request_sent is True  # the class default is untouched
