"""The fault matrix: every call of a sale × every fault kind of the sandbox.

Each sale ends with exactly one paid order, or with none and a clear message; never two
money-taking transactions, and never a paid order reported as failed. The count comes from
the store's own orders and transactions, not from the engine's belief.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from support.poll import eventually
from test_sale_support import (
    ADDRESS,
    AMEX_OK,
    SHIP_TO,
    VISA_OK,
    Catalogue,
    Recorder,
    capture_pats,
    customer_email,
    cvv_on_disk,
    fast_settings,
    files_contain_secrets,
    logged_to,
    make_client,
)

from pos.api.client import BigCommerceClient
from pos.sale import ConsignmentPlan, NewCard, PaymentOptions, PaymentResult, Sale
from pos.sale.cards import CardDetails
from pos.sale.errors import SaleAlreadyPaid, SaleError
from pos.sale.journal import Journal
from pos.sandbox.server import SandboxServer

T = TypeVar("T")

TIMEOUT = 0.15  # the client's per-attempt budget
LATENCY_MS = 300  # a "latency" fault: well past the timeout
CALLS = (
    ("GET", "/v3/catalog/variants"),
    ("GET", "/v3/catalog/products/*"),
    ("GET", "/v3/customers"),
    ("POST", "/v3/carts"),
    ("PUT", "/v3/carts/*"),
    ("POST", "/v3/carts/*/items"),
    ("POST", "/v3/checkouts/*/billing-address"),
    ("POST", "/v3/checkouts/*/consignments"),
    ("PUT", "/v3/checkouts/*/consignments/*"),
    ("DELETE", "/v3/checkouts/*/consignments/*"),
    ("POST", "/v3/checkouts/*/coupons"),
    ("GET", "/v3/checkouts/*"),
    ("POST", "/v3/checkouts/*/orders"),
    ("GET", "/v3/payments/methods"),
    ("POST", "/v3/payments/access_tokens"),
    ("POST", "/payments"),
    ("PUT", "/v2/orders/*"),
    ("GET", "/v2/orders/*"),
    ("GET", "/v3/orders/*/transactions"),
)
CVV = "7319"  # a distinctive security code (an Amex card's four digits), searched for on disk
KINDS = ("latency", "500", "503", "429", "close_before", "close_after")


@pytest.fixture
async def slow_client(store: SandboxServer) -> AsyncIterator[BigCommerceClient]:
    async with make_client(store, timeout=TIMEOUT, connect_timeout=TIMEOUT) as c:
        yield c


async def clerk(step: Callable[[], Awaitable[T]], messages: list[str]) -> T:
    """A clerk presses the button; after a clear message, presses it once more."""
    try:
        return await step()
    except SaleError as exc:
        messages.append(str(exc))
        assert str(exc).strip() and "Traceback" not in str(exc)
        return await step()


def money_taken(store: SandboxServer, order_id: int | None) -> int:
    """Money-taking transactions of an order, read from the store's own database (not
    through its HTTP routes, where a queued fault could fire)."""
    if order_id is None:
        return 0
    db = sqlite3.connect(f"file:{store.db_path}?mode=ro", uri=True, timeout=5.0)
    try:
        rows = db.execute("SELECT data FROM transactions WHERE order_id = ?", (order_id,))
        events = [json.loads(row[0]).get("event") for row in rows]
    finally:
        db.close()
    return sum(1 for e in events if e in ("purchase", "authorization", "capture"))


class Till:
    """The clerk's side of a sale under faults: presses again after a clear message, and
    checks every "nothing was charged" answer against the store."""

    def __init__(self, sale: Sale, store: SandboxServer) -> None:
        self.sale = sale
        self.store = store
        self.messages: list[str] = []
        self.results: list[PaymentResult] = []

    async def press(self, step: Callable[[], Awaitable[T]]) -> T:
        return await clerk(step, self.messages)

    def card(self) -> NewCard:
        return NewCard(CardDetails(AMEX_OK, CVV, 12, 2031, "Ana Diaz"))

    def checked(self, result: PaymentResult) -> PaymentResult:
        self.results.append(result)
        if result.outcome in ("error", "declined"):
            for order_id in {result.order_id, *self.sale.order_ids} - {None}:
                assert money_taken(self.store, order_id) == 0, (
                    f"reported {result.outcome} ({result.message}) but order {order_id} "
                    "was charged"
                )
        return result

    async def charge(self) -> PaymentResult:
        try:
            result = await self.sale.charge(self.card())
        except SaleError as exc:
            self.messages.append(str(exc))
            result = await self.sale.charge(self.card())
        return self.checked(result)

    async def check(self) -> PaymentResult:
        return self.checked(await self.sale.check_payment())


async def ring_up(till: Till, catalogue: Catalogue, email: str) -> PaymentResult:
    """A customer's sale, with a change of mind after the order exists: every call of a
    sale is made (catalogue look-ups, customer, cart, billing, consignments made, changed
    and deleted, coupon, order made and the given-up one cancelled, token, payment,
    confirmation)."""
    sale = till.sale
    first, second = catalogue.take()[0], catalogue.take()[0]
    await till.press(lambda: sale.add_item(first))
    await till.press(lambda: sale.add_item(second))
    customer = await till.press(lambda: sale.customer_by_email(email))
    assert customer is not None
    await till.press(lambda: sale.set_customer(customer))
    await till.press(lambda: sale.set_billing_address(ADDRESS))
    lines = list(sale.lines)
    assert len(lines) == 2
    plans = [ConsignmentPlan("pickup", {lines[0].id: lines[0].quantity}),
             ConsignmentPlan("ship", {lines[1].id: lines[1].quantity}, address=SHIP_TO)]
    await till.press(lambda: sale.set_fulfilment(plans))
    await till.press(sale.choose_cheapest_shipping)
    await till.press(sale.prepare_payment)
    # The customer takes everything now after all: the shipment goes, the order is void.
    everything = pick_up_all(sale)
    await till.press(lambda: sale.set_fulfilment(everything))
    await till.press(lambda: sale.apply_coupon("SAVE10"))
    await till.press(sale.prepare_payment)
    result = await till.charge()
    for _ in range(3):
        if result.outcome == "unknown":
            result = await till.check()
        elif result.outcome == "error" and result.may_charge_again:
            till.messages.append(result.message)
            if result.code != 30004:
                await till.press(sale.prepare_payment)
            result = await till.charge()
        else:
            break
    return result


def visa() -> NewCard:
    """A new-card payment; a fresh one each time, since a charge wipes its card."""
    return NewCard(CardDetails(VISA_OK, "123", 12, 2031, "Ana Diaz"))


def pick_up_all(sale: Sale) -> list[ConsignmentPlan]:
    """Every line of the sale picked up in store."""
    return [ConsignmentPlan("pickup", {ln.id: ln.quantity for ln in sale.lines})]


async def ready_to_pay(sale: Sale, catalogue: Catalogue) -> PaymentOptions:
    """One item, the billing address, picked up in store: the sale at its payment step."""
    await sale.add_item(catalogue.take()[0])
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment(pick_up_all(sale))
    return await sale.prepare_payment()


async def store_truth(client: BigCommerceClient, sale: Sale) -> tuple[list[int], int]:
    """(ids of the paid orders, money-taking transactions) of this sale, from the store."""
    order_ids = set(sale.order_ids)
    if sale.cart_id is not None:
        order_ids.update(o.id for o in await client.orders.list(cart_id=sale.cart_id))
    paid: list[int] = []
    taken = 0
    for order_id in sorted(order_ids):
        order = await client.orders.get(order_id)
        txs = await client.orders.transactions(order_id)
        taken += sum(1 for t in txs if t.event in ("purchase", "authorization", "capture"))
        if order.status_id not in (0, 5):
            paid.append(order_id)
    return paid, taken


async def assert_paid_once(
    client: BigCommerceClient, journal: Journal, sale: Sale, order_id: int
) -> None:
    """The store holds exactly one paid order (this one) and one charge, and the journal
    shows the sale paid with one payment attempt."""
    paid, taken = await store_truth(client, sale)
    assert paid == [order_id] and taken == 1, "exactly one paid order, one charge"
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.paid and not record.payment_uncertain
    assert len(record.attempts) == 1, "the payment was sent once"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("method", "path"), CALLS, ids=[f"{m} {p}" for m, p in CALLS])
async def test_fault_matrix(
    faults: SandboxServer,
    slow_client: BigCommerceClient,
    client: BigCommerceClient,
    journal: Journal,
    catalogue: Catalogue,
    data_dir: Path,
    method: str,
    path: str,
    kind: str,
) -> None:
    settings: dict[str, Any] = {
        "payment_timeout": TIMEOUT,
        "unpaid_confirm": 0.3,
        "reconcile_timeout": 3.0,
        "order_reconcile_timeout": 2.0,
    }
    sale = Sale(slow_client, journal, fast_settings(**settings))
    till = Till(sale, faults)
    pats = capture_pats(slow_client)
    email = await customer_email(client)
    if kind == "429":
        # The store asks to wait for the rest of its window: keep that short here.
        faults.configure(rate_limit_window_ms=300, payments_window_ms=300)
    faults.add_fault(method, path, kind, times=1, latency_ms=LATENCY_MS)
    try:
        with logged_to(data_dir):
            result = await ring_up(till, catalogue, email)
    finally:
        await sale.aclose()
    messages = till.messages
    assert faults.faults.active() == [], f"the sale never made the call {method} {path}"
    paid, taken = await store_truth(client, sale)
    assert taken <= 1, "never two charges"
    assert len(paid) <= 1, "never two paid orders"
    if result.outcome == "paid":
        assert paid == [result.order_id] and taken == 1
        assert result.grand_total is not None and result.grand_total > Decimal(0)
    else:
        assert paid == [] and taken == 0, "a paid order is never reported as failed"
        assert result.message.strip()
    # With one fault and a clerk who presses again, every sale here ends paid.
    assert result.outcome == "paid", (result, messages)
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.paid and not record.payment_uncertain
    # Nothing secret in the journal or the log.
    assert pats, "no payment token was issued"
    assert (data_dir / "pos-sale.log").stat().st_size > 0
    assert files_contain_secrets(data_dir, (AMEX_OK, *pats, "verification_value")) == []
    assert cvv_on_disk(data_dir, CVV) == []


@pytest.mark.parametrize("kind", ["500", "close_before", "close_after", "latency"])
async def test_payment_call_keeps_failing(
    faults: SandboxServer,
    slow_client: BigCommerceClient,
    client: BigCommerceClient,
    journal: Journal,
    catalogue: Catalogue,
    kind: str,
) -> None:
    """Every payment call fails the same way: the clerk is told, and at most one charge."""
    sale = Sale(slow_client, journal, fast_settings(
        payment_timeout=TIMEOUT, unpaid_confirm=0.4, reconcile_timeout=1.5,
    ))
    messages: list[str] = []
    await clerk(lambda: sale.add_item(catalogue.take()[0]), messages)
    await clerk(lambda: sale.set_billing_address(ADDRESS), messages)
    await clerk(lambda: sale.set_fulfilment(pick_up_all(sale)), messages)
    await clerk(sale.prepare_payment, messages)
    faults.add_fault("POST", "/payments", kind, times=10, latency_ms=LATENCY_MS)
    outcomes: list[str] = []
    for _ in range(3):
        try:
            result = await sale.charge(visa())
        except SaleError as exc:
            messages.append(str(exc))
            continue
        outcomes.append(result.outcome)
        assert result.message.strip()
        if result.outcome == "paid":
            break
        if result.outcome == "unknown":
            assert not result.may_charge_again
    faults.clear_faults()
    await sale.aclose()
    paid, taken = await store_truth(client, sale)
    assert taken <= 1 and len(paid) <= 1
    if kind == "close_after" or taken:
        # The store took a payment: the engine must find out, and not charge again.
        assert outcomes[-1] == "paid" and taken == 1, (outcomes, messages, taken)
    else:
        assert "paid" not in outcomes and taken == 0
        assert all(o == "error" for o in outcomes), outcomes


async def test_payment_answer_after_the_timeout_is_found_paid(
    faults: SandboxServer,
    slow_client: BigCommerceClient,
    client: BigCommerceClient,
    journal: Journal,
    catalogue: Catalogue,
) -> None:
    """The payment reaches the store, which takes it, but its answer comes after the
    engine's payment timeout: the engine reconciles, reports paid, and never charges a
    second time (one attempt in the journal, one transaction in the store)."""
    sale = Sale(slow_client, journal, fast_settings(
        payment_timeout=TIMEOUT,
        # Long enough to see the late payment land: an order is believed unpaid only
        # after it looked unpaid for this long.
        unpaid_confirm=(LATENCY_MS / 1000) * 3,
        reconcile_timeout=4.0,
    ))
    messages: list[str] = []
    events = Recorder()
    sale.subscribe(events)
    await clerk(lambda: sale.add_item(catalogue.take()[0]), messages)
    await clerk(lambda: sale.set_billing_address(ADDRESS), messages)
    await clerk(lambda: sale.set_fulfilment(pick_up_all(sale)), messages)
    options = await clerk(sale.prepare_payment, messages)
    faults.add_fault("POST", "/payments", "latency", times=1, latency_ms=LATENCY_MS)
    try:
        result = await sale.charge(visa())
        if result.outcome == "unknown":
            assert not result.may_charge_again
            result = await sale.check_payment()
    finally:
        await sale.aclose()
    assert messages == []
    checking = [e.result for e in events.events if e.kind == "payment" and e.result is not None]
    assert checking and checking[0].outcome == "unknown", "the answer came after the timeout"
    assert result.outcome == "paid", (
        f"{result}: the store took the payment after the client's timeout (the sandbox "
        "processes a request whose client stopped waiting); the engine must find it paid"
    )
    assert result.order_id == options.order_id
    await assert_paid_once(client, journal, sale, options.order_id)


async def test_a_payment_landing_within_the_unpaid_window_is_found_paid(
    faults: SandboxServer,
    slow_client: BigCommerceClient,
    client: BigCommerceClient,
    journal: Journal,
    catalogue: Catalogue,
) -> None:
    """The store takes the payment well after the engine's timeout, and after the order
    has looked unpaid for longer than ``unpaid_confirm``, but within the store's
    processing limit: the unpaid window, measured from the send, is not over yet, so the
    engine keeps reading, reports paid, and never offers or sends a second charge."""
    landing_ms = 1200
    sale = Sale(slow_client, journal, fast_settings(
        payment_timeout=TIMEOUT,
        unpaid_confirm=0.05,  # alone, it would believe the order unpaid long before
        store_processing_limit=(landing_ms / 1000) * 2,
        reconcile_timeout=(landing_ms / 1000) * 4,
    ))
    events = Recorder()
    sale.subscribe(events)
    options = await ready_to_pay(sale, catalogue)
    faults.add_fault("POST", "/payments", "latency", times=1, latency_ms=landing_ms)
    try:
        result = await sale.charge(visa())
    finally:
        await sale.aclose()
    shown = [e.result for e in events.events if e.kind == "payment" and e.result is not None]
    assert shown and shown[0].outcome == "unknown", "the answer came after the timeout"
    assert not any(r.may_charge_again for r in shown), "a second charge was offered"
    assert result.outcome == "paid" and not result.may_charge_again, result
    assert result.order_id == options.order_id
    await assert_paid_once(client, journal, sale, options.order_id)


async def test_a_late_payment_on_a_given_up_order_is_never_charged_twice(
    faults: SandboxServer,
    slow_client: BigCommerceClient,
    client: BigCommerceClient,
    journal: Journal,
    catalogue: Catalogue,
) -> None:
    """The payment's answer is lost and the store takes it so late that the engine has
    already believed the order unpaid; the clerk changes the sale (the order is given up).
    Opening the payment step again finds the old order paid: the sale is paid with it and
    nothing is charged a second time."""
    # A store slower than its processing limit (it takes the payment 1.5 s after it was
    # sent, the limit says 0.1 s): the engine believes the order unpaid in the meantime.
    sale = Sale(slow_client, journal, fast_settings(
        payment_timeout=TIMEOUT, unpaid_confirm=0.05, reconcile_timeout=0.5,
        store_processing_limit=0.1,
    ))
    first = await ready_to_pay(sale, catalogue)
    faults.add_fault("POST", "/payments", "latency", times=1, latency_ms=1500)
    try:
        result = await sale.charge(visa())
        assert result.outcome == "error" and result.may_charge_again  # believed unpaid
        # A change that gives the order up but leaves the total as it was (a changed cart
        # total would make the store refuse the late payment with 30004).
        await sale.set_billing_address({**ADDRESS, "first_name": "Anna"})
        assert sale.order_id is None

        async def first_order_paid() -> bool:
            return (await client.orders.get(first.order_id)).status_id == 11

        await eventually(first_order_paid, within=5.0)
        with pytest.raises(SaleAlreadyPaid, match=f"order {first.order_id}"):
            await sale.prepare_payment()
        assert sale.paid and sale.result is not None and sale.result.outcome == "paid"
        assert sale.result.order_id == first.order_id
        with pytest.raises(SaleAlreadyPaid):
            await sale.charge(visa())
    finally:
        await sale.aclose()
    paid, taken = await store_truth(client, sale)
    assert paid == [first.order_id] and taken == 1, "one paid order, one charge"
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.outcome == "paid" and not record.payment_uncertain
