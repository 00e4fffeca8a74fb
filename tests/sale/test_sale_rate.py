"""A sale at a real store's limits: the phone search at a store that matches phones
exactly, and the calls a sale makes."""

from __future__ import annotations

from collections.abc import Callable

from test_sale_support import ADDRESS, Catalogue

from pos.api.client import BigCommerceClient
from pos.api.models import PaymentMethod
from pos.sale.methods_cache import shared_methods_cache
from pos.sale.records import ConsignmentPlan, PaymentOptions
from pos.sale.sale import Sale

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
