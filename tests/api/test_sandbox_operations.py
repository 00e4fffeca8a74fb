"""Every operation of the client against the sandbox store over loopback."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from api_helpers import (
    CARD_DECLINED,
    CARD_NO_FUNDS,
    CARD_PENDING,
    TEST_ADDRESS,
    card,
    checkout_ready,
    placed_order,
    sellable,
)

from pos.api import (
    BigCommerceClient,
    DuplicatePayment,
    NotFound,
    PaymentDeclined,
    StoredInstrumentNotFound,
    Unprocessable,
)
from pos.api.errors import BadRequest, Conflict
from pos.api.models import (
    AddressInput,
    ConsignmentLineItem,
    CustomerInput,
    CustomItemInput,
    LineItemInput,
    RefundItem,
    RefundPayment,
    StoredCard,
)


async def test_catalog(client: BigCommerceClient) -> None:
    page = await client.catalog.list_products(limit=5, include=["variants"])
    assert len(page.items) == 5 and page.has_next
    first = page.items[0]
    assert isinstance(first.price, Decimal) and first.variants

    seen = [p.id async for p in client.catalog.iter_products(page_size=25)]
    assert len(seen) == len(set(seen)) == 60  # three pages, each product once

    word = (first.name or "").split()[0]
    hits = [p async for p in client.catalog.iter_products(keyword=word)]
    assert first.id in {p.id for p in hits}

    assert (await client.catalog.get_product(first.id)).id == first.id
    by_sku = await client.catalog.list_products(sku=first.sku)
    assert [p.id for p in by_sku.items] == [first.id]

    variant = first.variants[0]
    assert [v.id for v in await client.catalog.find_variants(sku=variant.sku)] == [variant.id]
    if variant.upc:
        assert variant.id in [v.id for v in await client.catalog.find_variants(upc=variant.upc)]
    assert await client.catalog.find_variants(sku="NO-SUCH-SKU-123") == []
    with pytest.raises(NotFound):
        await client.catalog.get_product(999_999)


async def test_customers(client: BigCommerceClient) -> None:
    email = f"api-{uuid.uuid4().hex[:8]}@example.com"
    created = await client.customers.create(
        CustomerInput(email=email, first_name="Ada", last_name="Lovelace", phone="15125550100")
    )
    assert created.id > 0 and created.email == email
    found = await client.customers.search(emails=[email])
    assert [c.id for c in found.items] == [created.id]
    liked = [c.id async for c in client.customers.iter_search(name_like="Lovelace")]
    assert created.id in liked
    assert await client.customers.stored_instruments(created.id) == []
    with pytest.raises(Unprocessable):  # the email is taken
        await client.customers.create(CustomerInput(email=email, first_name="A", last_name="B"))


async def test_carts(client: BigCommerceClient) -> None:
    (p1, v1), (p2, v2) = await sellable(client, count=2)
    cart = await client.carts.create(
        [LineItemInput(product_id=p1, variant_id=v1, quantity=1)], currency="USD",
    )
    assert cart.id and isinstance(cart.cart_amount, Decimal)
    cart = await client.carts.add_items(
        cart.id,
        [LineItemInput(product_id=p2, variant_id=v2, quantity=1)],
        custom_items=[CustomItemInput(sku="MISC", name="Gift wrap", quantity=1,
                                      list_price=Decimal("2.50"))],
    )
    assert len(cart.line_items.all_items()) == 2 and len(cart.line_items.custom_items) == 1
    item = next(i for i in cart.line_items.all_items() if i.variant_id == v1)
    cart = await client.carts.update_item(
        cart.id, item.id, product_id=p1, variant_id=v1, quantity=2
    )
    assert next(i for i in cart.line_items.all_items() if i.id == item.id).quantity == 2
    same = await client.carts.get(cart.id)
    assert same.cart_amount == cart.cart_amount

    customer = await client.customers.create(CustomerInput(
        email=f"cart-{uuid.uuid4().hex[:8]}@example.com", first_name="C", last_name="D"))
    cart = await client.carts.set_customer(cart.id, customer.id)
    assert cart.customer_id == customer.id

    after = await client.carts.delete_item(cart.id, item.id)
    assert after is not None and item.id not in {i.id for i in after.line_items.all_items()}
    await client.carts.delete(cart.id)
    with pytest.raises(NotFound):
        await client.carts.get(cart.id)


async def test_deleting_the_last_item_deletes_the_cart(client: BigCommerceClient) -> None:
    ((p, v),) = await sellable(client)
    cart = await client.carts.create([LineItemInput(product_id=p, variant_id=v, quantity=1)])
    assert await client.carts.delete_item(cart.id, cart.line_items.all_items()[0].id) is None
    with pytest.raises(NotFound):
        await client.carts.get(cart.id)


async def test_checkout_steps(client: BigCommerceClient) -> None:
    checkout = await checkout_ready(client)
    assert checkout.order_id is None
    assert checkout.consignments[0].selected_shipping_option is not None
    assert isinstance(checkout.grand_total, Decimal)
    assert checkout.cart.cart_amount_inc_tax is not None

    billing = checkout.billing_address
    assert billing is not None and billing.id
    changed = await client.checkouts.update_billing_address(
        checkout.id, billing.id, AddressInput(**{**TEST_ADDRESS, "first_name": "Janet"})
    )
    assert changed.billing_address is not None
    assert changed.billing_address.first_name == "Janet"

    consignment = checkout.consignments[0]
    moved = await client.checkouts.update_consignment(
        checkout.id, consignment.id,
        address=AddressInput(**{**TEST_ADDRESS, "address1": "500 Congress Ave"}),
    )
    assert moved.consignments[0].address is not None
    assert moved.consignments[0].address.address1 == "500 Congress Ave"
    assert moved.consignments[0].available_shipping_options

    with pytest.raises(BadRequest, match="is invalid"):  # as real stores refuse a coupon
        await client.checkouts.add_coupon(checkout.id, "NOT-A-COUPON")
    with_coupon = await client.checkouts.add_coupon(checkout.id, "SAVE10")
    assert [c.code for c in with_coupon.cart.coupons or with_coupon.coupons] == ["SAVE10"]
    without = await client.checkouts.remove_coupon(checkout.id, "SAVE10")
    assert not without.coupons and not without.cart.coupons

    fetched = await client.checkouts.get(checkout.id, include=())
    assert fetched.id == checkout.id

    gone = await client.checkouts.delete_consignment(checkout.id, consignment.id)
    assert gone.consignments == []
    items = [ConsignmentLineItem(item_id=i.id, quantity=i.quantity)
             for i in checkout.cart.line_items.all_items()]
    again = await client.checkouts.add_consignments(
        checkout.id,
        [__import__("pos.api.models", fromlist=["ConsignmentInput"]).ConsignmentInput(
            address=AddressInput(**TEST_ADDRESS), line_items=items)],
    )
    assert len(again.consignments) == 1


async def test_order_and_payment_flow(client: BigCommerceClient) -> None:
    checkout, order_id = await placed_order(client)
    assert (await client.checkouts.get(checkout.id)).order_id == str(order_id)

    order = await client.orders.get(order_id)
    assert order.status_id == 0 and order.cart_id == checkout.id
    assert isinstance(order.total_inc_tax, Decimal) and order.date_created is not None
    assert order.total_inc_tax == checkout.grand_total
    assert [o.id for o in await client.orders.list(cart_id=checkout.id)] == [order_id]
    products = await client.orders.products(order_id)
    assert products and products[0].order_id == order_id

    methods = await client.payments.methods(order_id=order_id)
    by_checkout = await client.payments.methods(checkout_id=checkout.id)
    assert [m.id for m in by_checkout] == [m.id for m in methods]
    card_method = next(m for m in methods if m.type == "card")

    assert await client.orders.transactions(order_id) == []
    token = await client.payments.create_access_token(order_id)
    spare = await client.payments.create_access_token(order_id)
    result = await client.payments.process(token, card(), card_method.id)
    assert result.status == "success" and result.id
    with pytest.raises(DuplicatePayment):  # a token made before the order was paid
        await client.payments.process(spare, card(), card_method.id)

    paid = await client.orders.get(order_id)
    assert paid.status_id == 11
    transactions = await client.orders.transactions(order_id)
    assert transactions and transactions[0].amount == paid.total_inc_tax

    with pytest.raises(Conflict):  # a paid order is no longer awaiting payment
        await client.payments.create_access_token(order_id)

    statuses = await client.orders.statuses()
    assert {s.id for s in statuses} >= set(range(15))

    quote = await client.orders.refund_quote(
        order_id, [RefundItem(item_type="PRODUCT", item_id=products[0].id, quantity=1)]
    )
    assert quote.total_refund_amount is not None and quote.refund_methods
    option = quote.refund_methods[0][0]
    assert option.provider_id and option.amount is not None
    refund = await client.orders.refund(
        order_id,
        [RefundItem(item_type="PRODUCT", item_id=products[0].id, quantity=1)],
        [RefundPayment(provider_id=option.provider_id, amount=option.amount,
                       offline=bool(option.offline))],
    )
    assert refund.id and refund.total_amount == option.amount


@pytest.mark.parametrize(("number", "code"), [(CARD_DECLINED, 30104), (CARD_NO_FUNDS, 30106)])
async def test_declines_carry_the_code(client: BigCommerceClient, number: str, code: int) -> None:
    _, order_id = await placed_order(client)
    method = next(m for m in await client.payments.methods(order_id=order_id) if m.type == "card")
    token = await client.payments.create_access_token(order_id)
    with pytest.raises(PaymentDeclined) as info:
        await client.payments.process(token, card(number), method.id)
    assert info.value.code == code
    assert number not in str(info.value) and number not in repr(info.value)
    assert (await client.orders.get(order_id)).status_id == 0


async def test_pending_payment(client: BigCommerceClient) -> None:
    _, order_id = await placed_order(client)
    method = next(m for m in await client.payments.methods(order_id=order_id) if m.type == "card")
    token = await client.payments.create_access_token(order_id)
    result = await client.payments.process(token, card(CARD_PENDING), method.id)
    assert result.status == "pending"


async def test_stored_card(client: BigCommerceClient) -> None:
    customer = await client.customers.create(CustomerInput(
        email=f"vault-{uuid.uuid4().hex[:8]}@example.com", first_name="V", last_name="C"))
    checkout = await checkout_ready(client)
    await client.carts.set_customer(checkout.id, customer.id)
    checkout = await _reship(client, checkout.id)
    order_id = await client.checkouts.create_order(checkout.id)
    method = next(m for m in await client.payments.methods(order_id=order_id) if m.type == "card")
    token = await client.payments.create_access_token(order_id)
    await client.payments.process(token, card(), method.id, save_instrument=True)

    (instrument,) = await client.customers.stored_instruments(customer.id)
    assert instrument.last_4 == "4242"
    checkout = await checkout_ready(client)
    await client.carts.set_customer(checkout.id, customer.id)
    checkout = await _reship(client, checkout.id)
    order_id = await client.checkouts.create_order(checkout.id)
    method = next(m for m in await client.payments.methods(order_id=order_id) if m.type == "card")
    assert [s.last_4 for s in method.stored_instruments] == ["4242"]
    token = await client.payments.create_access_token(order_id)
    result = await client.payments.process(
        token, StoredCard(token=instrument.token), method.id
    )
    assert result.status == "success"

    _, other_order = await placed_order(client)  # a guest order
    token = await client.payments.create_access_token(other_order)
    with pytest.raises(StoredInstrumentNotFound):
        await client.payments.process(token, StoredCard(token=instrument.token), method.id)


async def _reship(client: BigCommerceClient, checkout_id: str):  # type: ignore[no-untyped-def]
    """Changing the customer drops shipping: choose the option again."""
    from pos.api.models import ConsignmentInput

    checkout = await client.checkouts.get(checkout_id)
    if not checkout.billing_address or not checkout.billing_address.email:
        await client.checkouts.add_billing_address(checkout_id, AddressInput(**TEST_ADDRESS))
    if not checkout.consignments:
        checkout = await client.checkouts.add_consignments(checkout_id, [ConsignmentInput(
            address=AddressInput(**TEST_ADDRESS),
            line_items=[ConsignmentLineItem(item_id=i.id, quantity=i.quantity)
                        for i in checkout.cart.line_items.all_items()])])
    consignment = checkout.consignments[0]
    if consignment.selected_shipping_option is None:
        options = consignment.available_shipping_options or []
        checkout = await client.checkouts.select_shipping_option(
            checkout_id, consignment.id, options[0].id)
    return checkout


async def test_set_status_cancels_an_unpaid_order(client: BigCommerceClient) -> None:
    _, order_id = await placed_order(client)
    order = await client.orders.set_status(order_id, 5)
    assert order.status_id == 5


async def test_forged_payment_token_is_rejected(client: BigCommerceClient) -> None:
    from pydantic import SecretStr

    from pos.api import PaymentTokenRejected

    _, order_id = await placed_order(client)
    method = next(m for m in await client.payments.methods(order_id=order_id) if m.type == "card")
    with pytest.raises(PaymentTokenRejected) as info:
        await client.payments.process(SecretStr("not-a-real-token"), card(), method.id)
    assert info.value.status == 401
    assert (await client.orders.get(order_id)).status_id == 0


async def test_wrong_store_token_is_unauthorized(store, recorder) -> None:  # type: ignore[no-untyped-def]
    from pos.api import Unauthorized

    async with BigCommerceClient(
        store.store_hash, lambda: "wrong-token", api_base_url=store.api_base_url,
        payments_base_url=store.payments_base_url, trust_env=False,
    ) as bad:
        with pytest.raises(Unauthorized) as info:
            await bad.orders.statuses()
    assert "wrong-token" not in str(info.value)
