"""``Orders.get_with_products``: the order and its products in one call (the consignments'
line items), and ``/products`` as well only when the consignments do not hold every item."""

from __future__ import annotations

from decimal import Decimal

from api_helpers import TEST_ADDRESS, placed_order
from openapi_support import HttpRecorder

from pos.api.client import BigCommerceClient
from pos.api.models import AddressInput, CustomItemInput


async def test_the_order_and_its_products_come_in_one_call(
        client: BigCommerceClient, recorder: HttpRecorder) -> None:
    _, order_id = await placed_order(client)
    before = len(recorder.exchanges)
    found = await client.orders.get_with_products(order_id)
    exchanges = recorder.exchanges[before:]
    assert [(e.method, e.path) for e in exchanges] == [("GET", f"/v2/orders/{order_id}")]
    assert dict(exchanges[0].query) == {"include": "consignments.line_items",
                                        "consignment_structure": "object"}
    assert found.order.id == order_id and isinstance(found.order.total_inc_tax, Decimal)
    assert found.order == await client.orders.get(order_id)
    assert list(found.products) == await client.orders.products(order_id)
    assert sum(p.quantity or 0 for p in found.products) == found.order.items_total


async def test_items_in_no_consignment_are_read_through_products(
        client: BigCommerceClient, recorder: HttpRecorder) -> None:
    cart = await client.carts.create(custom_items=[
        CustomItemInput(sku="GIFT-WRAP", name="Gift wrap", quantity=2, list_price=Decimal(3))])
    await client.checkouts.add_billing_address(cart.id, AddressInput(**TEST_ADDRESS))
    order_id = await client.checkouts.create_order(cart.id)
    before = len(recorder.exchanges)
    found = await client.orders.get_with_products(order_id)
    assert _reads_since(recorder, before) == [
        f"GET /v2/orders/{order_id}", f"GET /v2/orders/{order_id}/products"]
    assert [(p.name, p.quantity) for p in found.products] == [("Gift wrap", 2)]
    assert found.order.items_total == 2


def _reads_since(recorder: HttpRecorder, before: int) -> list[str]:
    return [f"{e.method} {e.path}" for e in recorder.exchanges[before:]]


async def test_a_sale_is_indexed_from_one_read_when_its_card_is_known(
        client: BigCommerceClient, recorder: HttpRecorder) -> None:
    """A sale resumed after a crash is indexed from the store: the order with its products
    in one call, and its transactions beside it only when the card's last 4 is not known."""
    from pos.returns.index import read_sale

    _, order_id = await placed_order(client)
    skus = tuple(p.sku for p in await client.orders.products(order_id) if p.sku)
    before = len(recorder.exchanges)
    known = await read_sale(client, order_id, last4="4242")
    assert _reads_since(recorder, before) == [f"GET /v2/orders/{order_id}"]
    assert (known.order_id, known.last4, known.skus) == (order_id, "4242", skus)
    before = len(recorder.exchanges)
    unknown = await read_sale(client, order_id)
    reads = _reads_since(recorder, before)
    assert len(reads) == 2 and f"GET /v2/orders/{order_id}" in reads
    assert any(read.endswith(f"/orders/{order_id}/transactions") for read in reads)
    assert (unknown.skus, unknown.last4) == (skus, "")  # not paid: no card
