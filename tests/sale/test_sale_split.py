"""One line's quantity split between "take now" (pickup) and "ship".

BigCommerce's consignments take ``line_items: [{item_id, quantity}]``: 3 of a line can be
1 picked up now and 2 shipped. The engine sends such a split as it is, checks before any
call that each line's quantities add up, and refuses to go on when the store answers with
consignments other than the ones it was sent (a store that moves whole lines).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from decimal import Decimal

import httpx
import pytest
from test_sale_support import ADDRESS, SHIP_TO, VISA_OK, Catalogue, fast_settings, make_client

from pos.api.client import BigCommerceClient
from pos.api.models import AddressInput, ConsignmentInput, ConsignmentLineItem, LineItemInput
from pos.sale import ConsignmentPlan, NewCard, Sale, SaleStep
from pos.sale.cards import CardDetails
from pos.sale.errors import SaleValidationError, StepNotReady, StoreProblem
from pos.sale.journal import Journal
from pos.sandbox.server import SandboxServer

NewSale = Callable[..., Sale]

SANDBOX_SPLIT = (
    "the sandbox store must keep a line's quantity split between consignments: "
    "POST /v3/checkouts/{id}/consignments with the same item_id in two consignments "
    "(quantity 1 in a pickup one, 2 in an address one) must answer with both consignments, "
    "each listing the line in line_item_ids, and count only each consignment's own "
    "quantity in its shipping options, taxes and order"
)


def card() -> CardDetails:
    return CardDetails(VISA_OK, "123", 12, 2031, "Ana Diaz")


async def _three_of_a_line(sale: Sale, catalogue: Catalogue) -> str:
    line = await sale.add_item(catalogue.take()[0], 3)
    await sale.set_billing_address(ADDRESS)
    return line.id


def _split(line_id: str, now: int, ship: int) -> list[ConsignmentPlan]:
    return [
        ConsignmentPlan("pickup", {line_id: now}),
        ConsignmentPlan("ship", {line_id: ship}, address=SHIP_TO),
    ]


async def test_sandbox_keeps_a_split_line(
    client: BigCommerceClient, catalogue: Catalogue
) -> None:
    """The store-level expectation the engine's split relies on (no engine involved)."""
    sku = catalogue.take()[0]
    (variant,) = await client.catalog.find_variants(sku=sku)
    assert variant.product_id is not None
    cart = await client.carts.create(
        [LineItemInput(product_id=variant.product_id, variant_id=variant.id, quantity=3)]
    )
    (item,) = cart.line_items.all_items()
    await client.checkouts.add_billing_address(cart.id, AddressInput(**ADDRESS))
    ship_to = AddressInput(**{**SHIP_TO, "email": ADDRESS["email"]})
    checkout = await client.checkouts.add_consignments(cart.id, [
        ConsignmentInput(line_items=[ConsignmentLineItem(item_id=item.id, quantity=1)],
                         pickup_option={"pickup_method_id": 1}),
        ConsignmentInput(address=ship_to,
                         line_items=[ConsignmentLineItem(item_id=item.id, quantity=2)]),
    ])
    assert [c.line_item_ids for c in checkout.consignments] == [[item.id], [item.id]], (
        f"{SANDBOX_SPLIT}; got {len(checkout.consignments)} consignment(s)"
    )
    ship = next(c for c in checkout.consignments if c.address is not None)
    options = ship.available_shipping_options or []
    assert options, SANDBOX_SPLIT
    checkout = await client.checkouts.select_shipping_option(cart.id, str(ship.id),
                                                             options[0].id)
    order_id = await client.checkouts.create_order(cart.id)
    products = await client.orders.products(order_id)
    assert sorted(p.quantity for p in products) == [1, 2], SANDBOX_SPLIT


async def test_quantities_must_add_up_to_the_line(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    line_id = await _three_of_a_line(sale, catalogue)
    cart_id = sale.cart_id
    assert cart_id is not None
    for now, ship in ((1, 1), (2, 2), (3, 3)):
        with pytest.raises(SaleValidationError) as info:
            await sale.set_fulfilment(_split(line_id, now, ship))
        assert info.value.field == f"items.{line_id}"
        words = str(info.value)
        assert f"{now} taken now + {ship} shipped = {now + ship}" in words
        assert "the sale has 3" in words
    with pytest.raises(SaleValidationError) as info:
        await sale.set_fulfilment([ConsignmentPlan("pickup", {line_id: 2})])
    assert info.value.field == f"items.{line_id}" and "2 taken now" in str(info.value)
    with pytest.raises(SaleValidationError) as info:
        await sale.set_fulfilment(_split(line_id, 0, 3))
    assert info.value.field == f"consignments[0].items.{line_id}"
    # Nothing was sent: the store's checkout still has no consignment.
    assert (await client.checkouts.get(cart_id)).consignments == []
    assert sale.consignments == () and sale.step is SaleStep.FULFILMENT


async def test_split_sale_of_one_line(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    line_id = await _three_of_a_line(sale, catalogue)
    other = await sale.add_item(catalogue.take()[0], 1)
    plans = [
        ConsignmentPlan("pickup", {line_id: 1}),
        ConsignmentPlan("ship", {line_id: 2, other.id: 1}, address=SHIP_TO),
    ]
    await sale.set_fulfilment(plans)
    kinds = {c.kind: dict(c.items) for c in sale.consignments}
    assert kinds == {"pickup": {line_id: 1}, "ship": {line_id: 2, other.id: 1}}
    assert sale.step is SaleStep.SHIPPING
    await sale.choose_cheapest_shipping()
    options = await sale.prepare_payment()
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid" and result.order_id == options.order_id
    order = await client.orders.get(options.order_id)
    assert order.status_id == 11 and order.total_inc_tax == options.total > Decimal(0)
    products = await client.orders.products(options.order_id)
    assert sorted(p.quantity for p in products) == [1, 1, 2]


class WholeLines(httpx.AsyncBaseTransport):
    """A store that moves whole lines between consignments (the sandbox splits them, so
    this answer cannot come from it as it is): each consignments POST is passed on with
    every line only in the last consignment naming it, whole, and emptied consignments
    left out; the real store answers that."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/consignments"):
            body = json.loads(await request.aread())
            totals: dict[str, int] = {}
            last: dict[str, int] = {}
            for index, consignment in enumerate(body):
                for entry in consignment["line_items"]:
                    totals[entry["item_id"]] = totals.get(entry["item_id"], 0) + entry["quantity"]
                    last[entry["item_id"]] = index
            for index, consignment in enumerate(body):
                consignment["line_items"] = [
                    {"item_id": item_id, "quantity": totals[item_id]}
                    for item_id in dict.fromkeys(e["item_id"] for e in consignment["line_items"])
                    if last[item_id] == index
                ]
            body = [c for c in body if c["line_items"]]
            headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
            request = httpx.Request(request.method, request.url, headers=headers,
                                    content=json.dumps(body).encode())
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture
async def whole_lines_client(store: SandboxServer) -> AsyncIterator[BigCommerceClient]:
    async with make_client(store, transport=WholeLines()) as c:
        yield c


async def test_a_store_that_does_not_keep_the_split_is_caught(
    whole_lines_client: BigCommerceClient,
    journal: Journal,
    catalogue: Catalogue,
    client: BigCommerceClient,
) -> None:
    """The store answers with other consignments than it was sent: the engine says so,
    removes them, and the clerk chooses again; nothing is ever shipped that was meant to
    be taken now."""
    sale = Sale(whole_lines_client, journal, fast_settings())
    try:
        await _a_split_the_store_does_not_keep(sale, catalogue, client)
    finally:
        await sale.aclose()


async def _a_split_the_store_does_not_keep(
    sale: Sale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    line_id = await _three_of_a_line(sale, catalogue)
    with pytest.raises(StoreProblem) as info:
        await sale.set_fulfilment(_split(line_id, 1, 2))
    assert "take each item's whole quantity now or ship it whole" in str(info.value)
    assert info.value.next_step is not None
    assert sale.consignments == () and sale.step is SaleStep.FULFILMENT
    cart_id = sale.cart_id
    assert cart_id is not None
    assert (await client.checkouts.get(cart_id)).consignments == []
    with pytest.raises(StepNotReady):
        await sale.prepare_payment()
    # The clerk chooses again: the whole line taken now.
    await sale.set_fulfilment([ConsignmentPlan("pickup", {line_id: 3})])
    assert [(c.kind, dict(c.items)) for c in sale.consignments] == [("pickup", {line_id: 3})]
    await sale.prepare_payment()
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid"
