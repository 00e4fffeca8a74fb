"""The read that confirms a paid sale is the order with its products: the sale keeps it
(``Sale.confirmed_order``) for the receipt, which then needs no call of its own."""

from __future__ import annotations

from collections.abc import Callable

from test_sale_flows import card, pickup_sale
from test_sale_support import Catalogue

from pos.api.client import BigCommerceClient
from pos.sale import NewCard, Sale
from pos.sandbox.server import SandboxServer

NewSale = Callable[..., Sale]


async def test_a_paid_sale_keeps_the_order_it_read_with_its_products(
        new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue, items=2)
    await sale.prepare_payment()
    assert sale.confirmed_order is None  # not paid yet
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid", result
    confirmed = sale.confirmed_order
    assert confirmed is not None
    order_id = result.order_id or 0
    assert confirmed.order.id == order_id and confirmed.order.status_id == 11
    assert confirmed.order.total_inc_tax == result.grand_total
    assert list(confirmed.products) == await client.orders.products(order_id)
    assert {p.sku for p in confirmed.products} == {ln.sku for ln in sale.lines}


async def test_a_paid_sale_whose_order_cannot_be_read_keeps_none(
        new_sale: NewSale, catalogue: Catalogue, faults: SandboxServer) -> None:
    """Paid all the same; the receipt then reads the order itself."""
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    await sale.prepare_payment()
    faults.add_fault("GET", "/v2/orders/*", "500", times=10)
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid", result
    assert sale.paid and sale.confirmed_order is None
