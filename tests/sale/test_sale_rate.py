"""A sale at a real store's limits: the phone search at a store that matches phones
exactly, and the calls a sale makes."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from test_sale_support import ADDRESS, Catalogue, fast_settings, make_client

from pos.api.client import BigCommerceClient
from pos.api.models import LineItemInput, PaymentMethod
from pos.sale.cards import CardDetails
from pos.sale.journal import Journal
from pos.sale.methods_cache import shared_methods_cache
from pos.sale.records import ConsignmentPlan, NewCard, PaymentOptions, SaleEvent
from pos.sale.sale import Sale
from pos.sandbox.server import SandboxServer

NewSale = Callable[..., Sale]


async def test_a_phone_typed_as_digits_finds_the_customer_stored_with_punctuation(
    new_sale: NewSale, client: BigCommerceClient
) -> None:
    customers = (await client.customers.search(limit=50)).items
    held = next(c for c in customers if c.phone and c.phone.startswith("("))
    digits = "".join(ch for ch in held.phone or "" if ch.isdigit())
    sale = new_sale()
    found = await sale.find_customers(digits)
    assert held.id in [c.id for c in found]
    assert all("".join(ch for ch in c.phone if ch.isdigit())[-10:] == digits for c in found)


async def test_a_number_no_customer_has_finds_nobody(new_sale: NewSale) -> None:
    # The store matches phone:in exactly; the register must not list anyone else.
    assert await new_sale().find_customers("(737) 444-0199") == []
    assert await new_sale().find_customers("+44 20 7946 0000") == []


async def to_payment(sale: Sale, catalogue: Catalogue) -> PaymentOptions:
    await sale.add_item(catalogue.take()[0])
    await sale.set_customer(None)
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment([ConsignmentPlan("pickup", {ln.id: 1 for ln in sale.lines})])
    return await sale.prepare_payment()


async def test_guest_sales_take_the_payment_methods_from_the_cache_refreshed_in_background(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    cache = shared_methods_cache(client)
    # The store's list as a register read it before the store changed it.
    cache.put([PaymentMethod(id="retired.gateway", name="Retired", type="card")])
    cache.max_age = 0.0
    # The sale shows the list it has at once, and reads the store's in the background...
    first = await to_payment(new_sale(), catalogue)
    assert [m.id for m in first.methods] == ["retired.gateway"]
    await cache.refreshed()
    # ...which the next sale shows, with no read of its own while the list is fresh.
    cache.max_age = 3600.0
    second = await to_payment(new_sale(), catalogue)
    store_list = await client.payments.methods(order_id=second.order_id)
    assert [m.id for m in second.methods] == [m.id for m in store_list]
    assert "retired.gateway" not in [m.id for m in second.methods]


async def test_a_guest_pickup_sale_makes_at_most_eight_calls_and_says_paid_before_reading(
    store: SandboxServer, journal: Journal, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    """Two items, a guest, pickup, a new card: the sale's own calls (catalogue look-ups
    aside: the register's catalogue answers those) are at most 8, and the clerk is told
    "Paid" when the payment answers, before the one read of the order for the receipt."""
    calls: list[str] = []
    sale: Sale | None = None
    paid_after: list[int] = []

    async def seen(request: httpx.Request) -> None:
        calls.append(f"{request.method} {request.url.path.split('/', 3)[-1]}")

    def on_event(event: SaleEvent) -> None:
        if event.kind == "payment" and event.result is not None \
                and event.result.outcome == "paid" and not paid_after:
            paid_after.append(len(calls))

    async with make_client(store, event_hooks={"request": [seen]}) as counted:
        # The store's payment methods, cached as a register that has sold before has them.
        variant = (await client.catalog.find_variants(sku=catalogue.take()[0]))[0]
        assert variant.product_id is not None
        cart = await client.carts.create([LineItemInput(
            product_id=variant.product_id, variant_id=variant.id, quantity=1)])
        shared_methods_cache(counted).put(await client.payments.methods(checkout_id=cart.id))
        await client.carts.delete(cart.id)
        sale = Sale(counted, journal, fast_settings())
        sale.subscribe(on_event)
        try:
            for _ in range(2):
                await sale.add_item(catalogue.take()[0])
            await sale.set_customer(None)
            await sale.set_billing_address(ADDRESS)
            await sale.set_fulfilment([ConsignmentPlan("pickup",
                                                       {ln.id: 1 for ln in sale.lines})])
            await sale.prepare_payment()
            result = await sale.charge(NewCard(CardDetails("4242424242424242", "123", 12, 2031,
                                                          "Ana Diaz")))
        finally:
            await sale.aclose()
    assert result.outcome == "paid" and result.status_id == 11, result
    assert result.transaction_id
    own = [c for c in calls if "/catalog/" not in c and not c.startswith("HEAD")]
    assert len(own) <= 8, own
    payment = calls.index("POST payments")
    assert paid_after == [payment + 1], (paid_after, calls)
    assert calls[payment + 1:] == [f"GET v2/orders/{result.order_id}"]
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.paid and not record.payment_uncertain
