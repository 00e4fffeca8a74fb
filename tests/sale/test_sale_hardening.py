"""Hardening of the sale engine: definite failures stay definite, the store's own record
is believed over a payments host, outcomes reach someone."""

from __future__ import annotations

from collections.abc import Callable

from test_sale_support import ADDRESS, VISA_OK, Catalogue

from pos.api.client import BigCommerceClient
from pos.api.models import LineItemInput
from pos.sale.cards import CardDetails
from pos.sale.messages import NextStep
from pos.sale.sale import ConsignmentPlan, NewCard, Sale
from pos.sandbox.server import SandboxServer

NewSale = Callable[..., Sale]


def card(number: str = VISA_OK, cvv: str = "123") -> CardDetails:
    return CardDetails(number, cvv, 12, 2031, "Ana Diaz")


async def pickup_sale(sale: Sale, catalogue: Catalogue) -> None:
    await sale.add_item(catalogue.take()[0])
    await sale.set_customer(None)
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment(
        [ConsignmentPlan("pickup", {ln.id: ln.quantity for ln in sale.lines})]
    )


async def test_total_changed_then_rebuild_fails_is_a_definite_error(
    faults: SandboxServer, new_sale: NewSale, catalogue: Catalogue,
    client: BigCommerceClient,
) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    await sale.prepare_payment()
    variant = (await client.catalog.find_variants(sku=catalogue.take()[0]))[0]
    assert variant.product_id is not None
    await client.carts.add_items(sale.cart_id or "", [LineItemInput(
        product_id=variant.product_id, variant_id=variant.id, quantity=1)])
    # The store refuses the payment (30004), then cannot be read to make the order again.
    faults.add_fault("GET", "/v3/checkouts/*", "500", times=50)
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "error" and result.code == 30004, result
    assert result.next_step is NextStep.REBUILD_ORDER and result.may_charge_again
    assert "Nothing was charged" in result.message
