"""Every retry rule against every fault kind the sandbox injects, on each kind of call.

Safe calls (GET, PUT, DELETE) are retried and succeed; unsafe creates (cart, order,
payment token, payment) are never resent once they may have arrived and raise
OutcomeUnknown; the sandbox's own records prove how many were made.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest
from api_helpers import SleepRecorder, card, checkout_ready, placed_order, sellable
from openapi_support import HttpRecorder
from support.poll import eventually

from pos.api import BigCommerceClient, OutcomeUnknown, RateLimited
from pos.api.models import LineItemInput

SAFE_FAULTS = ["500", "502", "503", "close_before", "close_after", "429", "latency"]


def attempts(recorder: HttpRecorder, method: str, suffix: str) -> int:
    return sum(1 for e in recorder.exchanges if e.method == method and e.path.endswith(suffix))


# ---------------------------------------------------------------------------- safe calls


@pytest.mark.parametrize("kind", SAFE_FAULTS)
async def test_get_is_retried_through_every_fault(
    fclient: BigCommerceClient, store, recorder: HttpRecorder, kind: str  # type: ignore[no-untyped-def]
) -> None:
    ((p, v),) = await sellable(fclient)
    cart = await fclient.carts.create([LineItemInput(product_id=p, variant_id=v, quantity=1)])
    recorder.clear()
    store.add_fault("GET", "/v3/carts/*", kind, times=2, latency_ms=1500)
    again = await fclient.carts.get(cart.id)
    assert again.id == cart.id
    assert attempts(recorder, "GET", f"/carts/{cart.id}") == 3


@pytest.mark.parametrize("kind", ["500", "503", "close_before", "close_after", "429"])
async def test_put_is_retried_and_lands_once(
    fclient: BigCommerceClient, store, recorder: HttpRecorder, kind: str  # type: ignore[no-untyped-def]
) -> None:
    ((p, v),) = await sellable(fclient, quantity=3)
    cart = await fclient.carts.create([LineItemInput(product_id=p, variant_id=v, quantity=1)])
    item = cart.line_items.all_items()[0]
    store.add_fault("PUT", "/v3/carts/*/items/*", kind, times=1)
    cart = await fclient.carts.update_item(cart.id, item.id, product_id=p, variant_id=v,
                                           quantity=3)
    assert cart.line_items.all_items()[0].quantity == 3  # set, not added: safe to repeat
    assert attempts(recorder, "PUT", f"/items/{item.id}") == 2


@pytest.mark.parametrize("kind", ["500", "close_before", "429"])
async def test_delete_is_retried(
    fclient: BigCommerceClient, store, recorder: HttpRecorder, kind: str  # type: ignore[no-untyped-def]
) -> None:
    ((p, v),) = await sellable(fclient)
    cart = await fclient.carts.create([LineItemInput(product_id=p, variant_id=v, quantity=1)])
    store.add_fault("DELETE", "/v3/carts/*", kind, times=1)
    await fclient.carts.delete(cart.id)
    assert attempts(recorder, "DELETE", f"/carts/{cart.id}") == 2


async def test_delete_whose_answer_was_lost_ends_in_not_found(
    fclient: BigCommerceClient, store, recorder: HttpRecorder  # type: ignore[no-untyped-def]
) -> None:
    """The documented edge of a retried DELETE: the first attempt went through."""
    from pos.api import NotFound

    ((p, v),) = await sellable(fclient)
    cart = await fclient.carts.create([LineItemInput(product_id=p, variant_id=v, quantity=1)])
    store.add_fault("DELETE", "/v3/carts/*", "close_after", times=1)
    with pytest.raises(NotFound):
        await fclient.carts.delete(cart.id)


async def test_get_gives_up_after_the_retry_budget(
    fclient: BigCommerceClient, store, recorder: HttpRecorder  # type: ignore[no-untyped-def]
) -> None:
    from pos.api import ServerError

    store.add_fault("GET", "/v2/order_statuses", "503", times=10)
    with pytest.raises(ServerError) as info:
        await fclient.orders.statuses()
    assert info.value.status == 503
    assert attempts(recorder, "GET", "/order_statuses") == 4  # 1 + max_retries


# ---------------------------------------------------------------------------- unsafe calls


@pytest.mark.parametrize("kind", ["close_after", "close_before", "500", "502", "503"])
async def test_create_order_is_never_resent(
    fclient: BigCommerceClient, store, recorder: HttpRecorder, kind: str  # type: ignore[no-untyped-def]
) -> None:
    checkout = await checkout_ready(fclient)
    store.add_fault("POST", "/v3/checkouts/*/orders", kind, times=1)
    with pytest.raises(OutcomeUnknown) as info:
        await fclient.checkouts.create_order(checkout.id)
    assert attempts(recorder, "POST", f"/checkouts/{checkout.id}/orders") == 1
    assert info.value.reason == ("connection_lost" if kind.startswith("close") else "server_error")
    orders = await fclient.orders.list(cart_id=checkout.id)
    # close_after: the store made the order and the answer was lost; the others made none.
    assert len(orders) == (1 if kind == "close_after" else 0)
    reread = await fclient.checkouts.get(checkout.id)
    assert reread.order_id == (str(orders[0].id) if orders else None)


async def test_create_order_timing_out_is_not_resent(
    fclient: BigCommerceClient, store, recorder: HttpRecorder  # type: ignore[no-untyped-def]
) -> None:
    checkout = await checkout_ready(fclient)
    store.add_fault("POST", "/v3/checkouts/*/orders", "latency", times=1, latency_ms=1500)
    with pytest.raises(OutcomeUnknown) as info:
        await fclient.checkouts.create_order(checkout.id)
    assert info.value.reason == "timeout"
    assert attempts(recorder, "POST", "/orders") == 1

    # Whether the slow store went on to make the order is its business (the sandbox drops a
    # request whose client has gone); the client's part is that it asked only once.
    assert len(await fclient.orders.list(cart_id=checkout.id)) <= 1


async def test_create_order_429_waits_the_reset_time_then_succeeds(
    fclient: BigCommerceClient, store, recorder: HttpRecorder, sleeps: SleepRecorder  # type: ignore[no-untyped-def]
) -> None:
    checkout = await checkout_ready(fclient)
    store.add_fault("POST", "/v3/checkouts/*/orders", "429", times=1)
    order_id = await fclient.checkouts.create_order(checkout.id)
    (limited,) = [e for e in recorder.exchanges if e.status == 429]
    reset_s = int(limited.response_headers["x-rate-limit-time-reset-ms"]) / 1000
    retry_after = float(limited.response_headers.get("x-retry-after", 0))
    assert sleeps.waits == [max(reset_s, retry_after)]
    assert [o.id for o in await fclient.orders.list(cart_id=checkout.id)] == [order_id]


@pytest.mark.parametrize("kind", ["close_after", "close_before", "500", "502", "503"])
async def test_payment_is_never_resent(
    fclient: BigCommerceClient, store, recorder: HttpRecorder, kind: str  # type: ignore[no-untyped-def]
) -> None:
    _, order_id = await placed_order(fclient)
    method = next(m for m in await fclient.payments.methods(order_id=order_id) if m.type == "card")
    token = await fclient.payments.create_access_token(order_id)
    store.add_fault("POST", "/payments", kind, times=1)
    with pytest.raises(OutcomeUnknown):
        await fclient.payments.process(token, card(), method.id)
    assert attempts(recorder, "POST", "/payments") == 1
    order = await fclient.orders.get(order_id)
    transactions = await fclient.orders.transactions(order_id)
    if kind == "close_after":  # charged once, answer lost
        assert order.status_id == 11 and len(transactions) == 1
    else:
        assert order.status_id == 0 and transactions == []


async def create_inputs(
    fclient: BigCommerceClient, call: str
) -> tuple[list[LineItemInput], str, int]:
    """(items, cart id, order id) for the create named by ``call``: a cart to add the items
    to, an order to ask a payment token for."""
    ((p, v),) = await sellable(fclient)
    items = [LineItemInput(product_id=p, variant_id=v, quantity=1)]
    cart_id = ""
    order_id = 0
    if call == "items":
        cart_id = (await fclient.carts.create(items)).id
    if call == "token":
        _, order_id = await placed_order(fclient)
    return items, cart_id, order_id


async def send_create(
    fclient: BigCommerceClient,
    call: str,
    items: list[LineItemInput],
    cart_id: str,
    order_id: int,
    email: str,
) -> None:
    """Send one create: a cart, items added to a cart, a payment token, or a customer."""
    from pos.api.models import CustomerInput

    if call == "cart":
        await fclient.carts.create(items)
    elif call == "items":
        await fclient.carts.add_items(cart_id, items)
    elif call == "token":
        await fclient.payments.create_access_token(order_id)
    else:
        await fclient.customers.create(CustomerInput(email=email, first_name="a", last_name="b"))


@pytest.mark.parametrize(
    ("method", "pattern", "call"),
    [
        ("POST", "/v3/carts", "cart"),
        ("POST", "/v3/carts/*/items", "items"),
        ("POST", "/v3/payments/access_tokens", "token"),
        ("POST", "/v3/customers", "customer"),
    ],
)
async def test_other_creates_are_not_resent(
    fclient: BigCommerceClient, store, recorder: HttpRecorder,  # type: ignore[no-untyped-def]
    method: str, pattern: str, call: str,
) -> None:
    items, cart_id, order_id = await create_inputs(fclient, call)
    email = f"x{time.time_ns()}@example.com"
    store.add_fault(method, pattern, "close_after", times=1)
    before = attempts(recorder, method, pattern.rsplit("/", 1)[-1])
    with pytest.raises(OutcomeUnknown):
        await send_create(fclient, call, items, cart_id, order_id, email)
    assert attempts(recorder, method, pattern.rsplit("/", 1)[-1]) == before + 1
    if call == "items":  # added once, not twice
        cart = await fclient.carts.get(cart_id)
        assert [i.quantity for i in cart.line_items.all_items()] == [2]


async def test_create_is_retried_when_the_store_is_unreachable(
    store, recorder: HttpRecorder  # type: ignore[no-untyped-def]
) -> None:
    """Connection refused: provably not sent, so even a create is retried (then fails)."""
    from pos.api import ConnectionFailed

    sleeps = SleepRecorder()
    async with BigCommerceClient(
        store.store_hash, lambda: store.token, api_base_url="http://127.0.0.1:9",
        payments_base_url="http://127.0.0.1:9", sleep=sleeps, max_retries=2, trust_env=False,
    ) as client:
        with pytest.raises(ConnectionFailed):
            await client.checkouts.create_order("any")
    assert len(sleeps.waits) == 2


# ---------------------------------------------------------------------------- rate limits


async def test_exhausted_quota_is_waited_out_not_hit(
    store, recorder: HttpRecorder  # type: ignore[no-untyped-def]
) -> None:
    """With a quota of 3 per 400 ms, ten reads all succeed and none is refused: the
    client holds its requests when X-Rate-Limit-Requests-Left reaches 0."""
    from api_helpers import make_client

    store.configure(rate_limit_quota=3, rate_limit_window_ms=400)
    holds: list[float] = []

    async def sleep(seconds: float) -> None:
        holds.append(seconds)
        await asyncio.sleep(seconds)

    async with make_client(store, recorder, sleep=sleep) as client:
        for _ in range(10):
            await client.orders.statuses()
    assert [e.status for e in recorder.exchanges] == [200] * 10
    assert len(holds) >= 2 and all(0 < h <= 0.4 for h in holds)


async def test_rate_limit_longer_than_the_cap_is_raised(
    store, recorder: HttpRecorder  # type: ignore[no-untyped-def]
) -> None:
    from api_helpers import make_client

    store.add_fault("GET", "/v2/order_statuses", "429", times=1)  # asks for 30 s
    async with make_client(store, recorder, max_rate_limit_wait=5) as client:
        with pytest.raises(RateLimited) as info:
            await client.orders.statuses()
        assert info.value.wait_seconds >= 30
        with pytest.raises(RateLimited):  # later calls are held back, not sent
            await client.orders.statuses()
    assert len(recorder.exchanges) == 1


# ---------------------------------------------------------------------------- more of the matrix


COUNT_QUERIES = {
    table: f"SELECT COUNT(*) FROM {table}"  # noqa: S608 - fixed table names
    for table in ("carts", "customers", "orders", "transactions")
}


def sandbox_count(store, table: str) -> int:  # type: ignore[no-untyped-def]
    """Rows of one of the sandbox's own tables, read from its SQLite file."""
    conn = sqlite3.connect(f"file:{store.db_path}?mode=ro", uri=True)
    try:
        return int(conn.execute(COUNT_QUERIES[table]).fetchone()[0])
    finally:
        conn.close()


async def test_payment_429_from_the_store_is_resent_once_and_charges_once(
    fclient: BigCommerceClient, store, recorder: HttpRecorder, sleeps: SleepRecorder  # type: ignore[no-untyped-def]
) -> None:
    _, order_id = await placed_order(fclient)
    method = next(m for m in await fclient.payments.methods(order_id=order_id) if m.type == "card")
    token = await fclient.payments.create_access_token(order_id)
    store.add_fault("POST", "/payments", "429", times=1)
    result = await fclient.payments.process(token, card(), method.id)
    assert result.status == "success"
    assert attempts(recorder, "POST", "/payments") == 2
    (limited,) = [e for e in recorder.exchanges if e.status == 429]
    assert "x-rate-limit-time-reset-ms" in limited.response_headers
    reset_s = int(limited.response_headers["x-rate-limit-time-reset-ms"]) / 1000
    retry_after = float(limited.response_headers.get("x-retry-after", 0))
    assert sleeps.waits == [max(reset_s, retry_after)]
    order = await fclient.orders.get(order_id)
    assert order.status_id == 11
    assert len(await fclient.orders.transactions(order_id)) == 1


async def test_payment_timing_out_is_not_resent_and_charges_at_most_once(
    fclient: BigCommerceClient, store, recorder: HttpRecorder  # type: ignore[no-untyped-def]
) -> None:
    _, order_id = await placed_order(fclient)
    method = next(m for m in await fclient.payments.methods(order_id=order_id) if m.type == "card")
    token = await fclient.payments.create_access_token(order_id)
    store.add_fault("POST", "/payments", "latency", times=1, latency_ms=1500)
    with pytest.raises(OutcomeUnknown) as info:
        await fclient.payments.process(token, card(), method.id)
    assert info.value.reason == "timeout"
    assert attempts(recorder, "POST", "/payments") == 1

    # The request had arrived: the slow store goes on and charges it, once.
    async def paid() -> bool:
        return (await fclient.orders.get(order_id)).status_id == 11

    await eventually(paid)
    assert len(await fclient.orders.transactions(order_id)) == 1


@pytest.mark.parametrize("kind", ["500", "close_before"])
@pytest.mark.parametrize("call", ["cart", "items", "token", "customer"])
async def test_creates_refused_or_dropped_before_handling_are_not_resent(
    fclient: BigCommerceClient, store, recorder: HttpRecorder, call: str, kind: str  # type: ignore[no-untyped-def]
) -> None:
    """A 500 or a connection closed before the store handled the request: the create is
    not resent (the client cannot know the store did nothing) and the store's records
    show that nothing was made."""
    items, cart_id, order_id = await create_inputs(fclient, call)
    email = f"matrix{time.time_ns()}@example.com"
    patterns = {
        "cart": "/v3/carts",
        "items": "/v3/carts/*/items",
        "token": "/v3/payments/access_tokens",
        "customer": "/v3/customers",
    }
    carts_before = sandbox_count(store, "carts")
    customers_before = sandbox_count(store, "customers")
    orders_before = sandbox_count(store, "orders")
    transactions_before = sandbox_count(store, "transactions")
    recorder.clear()
    store.add_fault("POST", patterns[call], kind, times=1)
    with pytest.raises(OutcomeUnknown) as info:
        await send_create(fclient, call, items, cart_id, order_id, email)
    assert info.value.reason == ("server_error" if kind == "500" else "connection_lost")
    assert len([e for e in recorder.exchanges if e.method == "POST"]) == 1
    assert store.faults.active() == []  # the fault fired

    assert sandbox_count(store, "carts") == carts_before
    assert sandbox_count(store, "customers") == customers_before
    assert sandbox_count(store, "orders") == orders_before
    assert sandbox_count(store, "transactions") == transactions_before
    if call == "items":
        cart = await fclient.carts.get(cart_id)
        assert [i.quantity for i in cart.line_items.all_items()] == [1]
    if call == "token":
        order = await fclient.orders.get(order_id)
        assert order.status_id == 0 and await fclient.orders.transactions(order_id) == []
    if call == "customer":
        assert (await fclient.customers.search(emails=[email])).items == []
