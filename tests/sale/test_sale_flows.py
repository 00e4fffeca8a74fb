"""Complete sales against the sandbox store: what the store itself ends up holding."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from support.poll import eventually
from test_sale_support import (
    ADDRESS,
    ALL_CARD_NUMBERS,
    CVV_MISMATCH,
    DECLINED,
    EXPIRED,
    INSUFFICIENT,
    NEEDS_3DS,
    PENDING,
    SHIP_TO,
    VISA_OK,
    Catalogue,
    Recorder,
    fast_settings,
    files_contain_secrets,
)

from pos.api.client import BigCommerceClient
from pos.sale import (
    ConsignmentPlan,
    Customer,
    NewCard,
    Sale,
    SaleStep,
    StoredCard,
)
from pos.sale.cards import CardDetails
from pos.sale.errors import PaymentInProgress, SaleAlreadyPaid, SaleValidationError
from pos.sale.journal import Journal
from pos.sale.messages import NextStep
from pos.sandbox.server import SandboxServer

NewSale = Callable[..., Sale]


def card(number: str = VISA_OK, cvv: str = "123") -> CardDetails:
    return CardDetails(number, cvv, 12, 2031, "Ana Diaz")


async def pickup_sale(sale: Sale, catalogue: Catalogue, items: int = 1) -> None:
    for _ in range(items):
        await sale.add_item(catalogue.take()[0])
    await sale.set_customer(None)
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment(
        [ConsignmentPlan("pickup", {ln.id: ln.quantity for ln in sale.lines})]
    )


async def store_view(client: BigCommerceClient, order_id: int) -> tuple[int, int, Decimal]:
    """(status_id, number of money-taking transactions, total) as the store has them."""
    order = await client.orders.get(order_id)
    txs = await client.orders.transactions(order_id)
    taken = [t for t in txs if t.event in ("purchase", "authorization", "capture")]
    return order.status_id, len(taken), order.total_inc_tax or Decimal(0)


async def customer_with_cards(client: BigCommerceClient, sale: Sale, skip: int = 0) -> Customer:
    found = 0
    for customer_id in range(1, 30):
        cards = await client.customers.stored_instruments(customer_id)
        if cards:
            if found == skip:
                page = await client.customers.search(ids=[customer_id])
                customer = await sale.customer_by_email(page.items[0].email or "")
                assert customer is not None
                return customer
            found += 1
    raise AssertionError("no customer with stored cards")


@pytest.fixture(autouse=True)
def no_secrets_left(
    data_dir: Path, store: SandboxServer, caplog: pytest.LogCaptureFixture
) -> object:
    caplog.set_level(logging.DEBUG)
    yield
    secrets = (*ALL_CARD_NUMBERS, store.token, "verification_value")
    assert files_contain_secrets(data_dir, secrets) == []
    text = caplog.text
    for secret in secrets:
        assert secret not in text


async def test_guest_pickup_sale(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient, journal: Journal
) -> None:
    sale = new_sale()
    events = Recorder()
    sale.subscribe(events)
    await pickup_sale(sale, catalogue, items=2)
    assert sale.step is SaleStep.REVIEW
    assert [c.kind for c in sale.consignments] == ["pickup"]
    totals = sale.totals
    assert totals is not None and totals.grand_total > totals.subtotal  # tax
    options = await sale.prepare_payment()
    assert sale.step is SaleStep.PAYMENT
    assert options.total == totals.grand_total
    assert options.stored_cards == ()
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid", result
    assert result.status_id == 11 and result.status == "Awaiting Fulfillment"
    assert result.masked_card == "Visa •••• 4242"
    assert result.transaction_id
    assert sale.step is SaleStep.CONFIRMED
    assert await store_view(client, result.order_id or 0) == (11, 1, options.total)
    assert "step" in events.kinds() and "busy" in events.kinds()
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.paid and record.outcome == "paid"
    assert record.attempts[0].last4 == "4242" and record.attempts[0].brand == "Visa"
    with pytest.raises(SaleAlreadyPaid):
        await sale.charge(NewCard(card()))


async def test_customer_shipping_stored_card(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    customer = await customer_with_cards(client, sale)
    await sale.set_customer(customer)  # before the cart: the cart is created with it
    await sale.add_item(catalogue.take()[0], 2)
    address = dict(customer.addresses[0])
    await sale.set_billing_address(address)
    await sale.set_fulfilment([
        ConsignmentPlan("ship", {ln.id: ln.quantity for ln in sale.lines}, address=SHIP_TO)
    ])
    assert sale.step is SaleStep.SHIPPING
    (ship,) = sale.consignments
    options = sale.shipping_options(ship.id)
    assert options
    chosen = max(options, key=lambda o: o.cost)
    await sale.choose_shipping(ship.id, chosen.id)
    assert sale.step is SaleStep.REVIEW
    totals = sale.totals
    assert totals is not None and totals.shipping == chosen.cost
    payment = await sale.prepare_payment()
    assert payment.stored_cards, "the customer's stored cards are offered"
    stored = payment.stored_cards[0]
    assert stored.token not in repr(stored)
    result = await sale.charge(StoredCard(stored.token))
    assert result.outcome == "paid", result
    assert result.masked_card == stored.masked
    order = await client.orders.get(result.order_id or 0)
    assert order.customer_id == customer.id
    assert (await store_view(client, order.id))[:2] == (11, 1)


async def test_new_card_saved_for_customer(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    customer = await customer_with_cards(client, sale, skip=1)
    before = await client.customers.stored_instruments(customer.id)
    await sale.add_item(catalogue.take()[0])
    await sale.set_customer(customer)
    await sale.set_billing_address({**customer.addresses[0], "email": customer.email})
    await sale.set_fulfilment([ConsignmentPlan("pickup", {sale.lines[0].id: 1})])
    await sale.prepare_payment()
    result = await sale.charge(NewCard(card("5555555555554444"), save=True))
    assert result.outcome == "paid", result
    after = await client.customers.stored_instruments(customer.id)
    assert len(after) == len(before) + 1
    assert any(i.last_4 == "4444" for i in after)


async def test_saving_a_card_needs_a_customer(new_sale: NewSale, catalogue: Catalogue) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    await sale.prepare_payment()
    with pytest.raises(SaleValidationError) as info:
        await sale.charge(NewCard(card(), save=True))
    assert info.value.field == "save_instrument"


async def test_split_sale_pickup_and_ship(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    first = await sale.add_item(catalogue.take()[0])
    second = await sale.add_item(catalogue.take()[0], 2)
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment([
        ConsignmentPlan("pickup", {first.id: 1}),
        ConsignmentPlan("ship", {second.id: 2}, address=SHIP_TO),
    ])
    kinds = sorted(c.kind for c in sale.consignments)
    assert kinds == ["pickup", "ship"]
    ship = next(c for c in sale.consignments if c.kind == "ship")
    assert dict(ship.items) == {second.id: 2}
    assert sale.step is SaleStep.SHIPPING
    await sale.choose_cheapest_shipping()
    assert sale.step is SaleStep.REVIEW
    await sale.prepare_payment()
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid"
    assert (await store_view(client, result.order_id or 0))[:2] == (11, 1)


async def test_split_of_one_line_must_add_up_before_any_call(
    new_sale: NewSale, catalogue: Catalogue
) -> None:
    sale = new_sale()
    line = await sale.add_item(catalogue.take()[0], 2)
    await sale.set_billing_address(ADDRESS)
    with pytest.raises(SaleValidationError) as info:
        await sale.set_fulfilment([
            ConsignmentPlan("pickup", {line.id: 1}),
            ConsignmentPlan("ship", {line.id: 2}, address=SHIP_TO),
        ])
    assert info.value.field == f"items.{line.id}"
    assert sale.consignments == ()


async def test_coupon(new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    before = sale.totals
    assert before is not None
    await sale.apply_coupon("SAVE10")
    after = sale.totals
    assert after is not None
    assert after.coupons == ("SAVE10",)
    assert after.discounts > 0 and after.grand_total < before.grand_total
    with pytest.raises(SaleValidationError) as info:
        await sale.apply_coupon("NOSUCHCODE")
    assert info.value.field == "coupon_code"
    assert "NOSUCHCODE is invalid" in str(info.value)  # the store's reason, named
    options = await sale.prepare_payment()
    assert options.total == after.grand_total
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid"
    assert await store_view(client, result.order_id or 0) == (11, 1, after.grand_total)


@pytest.mark.parametrize(
    ("number", "code", "step"),
    [
        (DECLINED, 30104, NextStep.OTHER_PAYMENT),
        (INSUFFICIENT, 30106, NextStep.OTHER_PAYMENT),
        (EXPIRED, 30103, NextStep.OTHER_PAYMENT),
        (CVV_MISMATCH, 30102, NextStep.CHECK_CARD_DETAILS),
        (NEEDS_3DS, 30104, NextStep.OTHER_PAYMENT),
    ],
)
async def test_declines_then_another_card(
    new_sale: NewSale,
    catalogue: Catalogue,
    client: BigCommerceClient,
    journal: Journal,
    number: str,
    code: int,
    step: NextStep,
) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    options = await sale.prepare_payment()
    declined_card = card(number)
    result = await sale.charge(NewCard(declined_card))
    assert result.outcome == "declined", result
    assert result.code == code
    assert result.next_step is step and result.may_charge_again
    assert "Nothing was charged" in result.message
    assert ("3-D Secure" in result.message) == (number == NEEDS_3DS)
    assert declined_card.wiped  # the card data left memory with the answer
    assert sale.step is SaleStep.PAYMENT
    # Another card on the same order, with a new payment token.
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid", result
    assert result.order_id == options.order_id
    assert await store_view(client, options.order_id) == (11, 1, options.total)
    record = journal.get(sale.sale_id or "")
    assert record is not None
    assert [a.outcome.value for a in record.attempts] == ["declined", "success"]


async def test_stored_card_of_another_customer(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    owner = await customer_with_cards(client, sale)
    other = await customer_with_cards(client, sale, skip=2)
    token = (await client.customers.stored_instruments(owner.id))[0].token
    await sale.add_item(catalogue.take()[0])
    await sale.set_customer(other)
    await sale.set_billing_address({**other.addresses[0], "email": other.email})
    await sale.set_fulfilment([ConsignmentPlan("pickup", {sale.lines[0].id: 1})])
    await sale.prepare_payment()
    result = await sale.charge(StoredCard(token))
    assert result.outcome == "declined"
    assert result.code == 30051 and result.next_step is NextStep.CHOOSE_OTHER_CARD
    assert "does not belong" in result.message


async def test_pending_payment_settles(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient, journal: Journal
) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    await sale.prepare_payment()
    result = await sale.charge(NewCard(card(PENDING)))
    assert result.outcome == "paid", result
    assert result.status_id == 11
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.paid and not record.payment_uncertain


async def test_pending_payment_checked_later(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient, journal: Journal
) -> None:
    sale = new_sale(reconcile_timeout=0.0)
    await pickup_sale(sale, catalogue)
    await sale.prepare_payment()
    result = await sale.charge(NewCard(card(PENDING)))
    assert result.outcome == "unknown"
    assert result.next_step is NextStep.VERIFY_PAYMENT and not result.may_charge_again
    with pytest.raises(PaymentInProgress):
        await sale.charge(NewCard(card()))  # never a second charge while uncertain
    settled: list[str] = []

    async def paid() -> bool:
        settled.append((await sale.check_payment()).outcome)
        return settled[-1] == "paid"

    await eventually(paid, within=5.0, interval=0.05)
    assert sale.step is SaleStep.CONFIRMED
    assert (await store_view(client, result.order_id or 0))[:2] == (11, 1)


async def test_going_back_after_the_order_exists(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    first = await sale.prepare_payment()
    assert sale.order_id == first.order_id
    await sale.add_item(catalogue.take()[0])  # back to the items: the order is void
    assert sale.order_id is None
    assert sale.step is SaleStep.ITEMS
    assert all(c.kind == "pickup" for c in sale.consignments)  # recreated with every line
    assert not any(line.id not in sale.consignments[0].items for line in sale.lines)
    second = await sale.prepare_payment()
    assert second.order_id != first.order_id
    assert second.total > first.total
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid"
    assert result.order_id == second.order_id
    assert await store_view(client, second.order_id) == (11, 1, second.total)
    old_status, old_taken, _ = await store_view(client, first.order_id)
    assert old_taken == 0 and old_status == 5  # the abandoned order was cancelled


async def test_charge_without_reopening_payment_shows_new_total_first(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    first = await sale.prepare_payment()
    await sale.apply_coupon("SAVE10")
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "error" and result.code == 30004
    assert result.next_step is NextStep.REBUILD_ORDER and result.may_charge_again
    assert result.grand_total is not None and result.grand_total < first.total
    assert result.order_id != first.order_id
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid"
    assert (await store_view(client, result.order_id or 0))[1] == 1


async def test_customer_change_redoes_coupon_and_shipping(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    events = Recorder()
    sale.subscribe(events)
    await sale.add_item(catalogue.take()[0])
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment([
        ConsignmentPlan("ship", {sale.lines[0].id: 1}, address=SHIP_TO)
    ])
    ship = sale.consignments[0]
    flat = next(o for o in sale.shipping_options(ship.id) if o.type == "shipping_flatrate")
    await sale.choose_shipping(ship.id, flat.id)
    await sale.apply_coupon("SAVE10")
    customer = await customer_with_cards(client, sale)
    await sale.set_customer(customer)
    assert any("drop the coupon" in m for m in events.messages("warning"))
    assert sale.coupons == ("SAVE10",)
    (again,) = sale.consignments
    assert again.selected_option_id is not None
    chosen = next(o for o in again.options if o.id == again.selected_option_id)
    assert chosen.type == "shipping_flatrate"
    payment = await sale.prepare_payment()
    assert payment.stored_cards  # the new customer's cards
    result = await sale.charge(StoredCard(payment.stored_cards[0].token))
    assert result.outcome == "paid"


async def test_second_charge_in_flight_is_refused(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient, faults: SandboxServer
) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    await sale.prepare_payment()
    faults.add_fault("POST", "/payments", "latency", times=1, latency_ms=300)
    first = asyncio.ensure_future(sale.charge(NewCard(card())))
    await eventually(lambda: sale.charging)
    with pytest.raises(PaymentInProgress):
        await sale.charge(NewCard(card("5555555555554444")))
    result = await first
    assert result.outcome == "paid"
    assert (await store_view(client, result.order_id or 0))[1] == 1


async def test_validation_before_any_call(
    new_sale: NewSale, catalogue: Catalogue, journal: Journal
) -> None:
    sale = new_sale()
    with pytest.raises(SaleValidationError) as info:
        await sale.add_item(catalogue.take()[0], 0)
    assert info.value.field == "quantity"
    assert sale.sale_id is None and journal.unfinished_sales() == []
    await sale.add_item(catalogue.take()[0])
    with pytest.raises(SaleValidationError) as info:
        await sale.set_billing_address({**ADDRESS, "postal_code": "ABC", "email": "nope"})
    assert {e.field for e in info.value.errors} == {"postal_code", "email"}
    await sale.set_billing_address(ADDRESS)
    with pytest.raises(SaleValidationError) as info:
        await sale.set_fulfilment([
            ConsignmentPlan("ship", {sale.lines[0].id: 1}, address={"country_code": "US"})
        ])
    assert "consignments[0].address.first_name" in {e.field for e in info.value.errors}
    await sale.set_fulfilment([ConsignmentPlan("pickup", {sale.lines[0].id: 1})])
    await sale.prepare_payment()
    bad = CardDetails("4242424242424241", "12", 1, 2020, "")
    with pytest.raises(SaleValidationError) as info:
        await sale.charge(NewCard(bad))
    fields = {e.field for e in info.value.errors}
    assert {"number", "cvv"} <= fields
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.attempts == ()


async def test_resume_of_a_paid_sale_goes_to_confirmed(
    new_sale: NewSale,
    catalogue: Catalogue,
    client: BigCommerceClient,
    journal: Journal,
    faults: SandboxServer,
) -> None:
    sale = new_sale(reconcile_timeout=0.0)
    await pickup_sale(sale, catalogue)
    options = await sale.prepare_payment()
    # The store takes the payment, then the connection drops before the answer.
    faults.add_fault("POST", "/payments", "close_after", times=1)
    faults.add_fault("GET", "/v2/orders/*", "503", times=50)
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "unknown"
    faults.clear_faults()
    unfinished = Sale.unfinished(journal)
    assert [u.sale_id for u in unfinished] == [sale.sale_id]
    assert unfinished[0].payment_unknown
    resumed = await Sale.resume(client, journal, fast_settings(), sale.sale_id or "")
    try:
        assert resumed.step is SaleStep.CONFIRMED
        assert resumed.result is not None and resumed.result.outcome == "paid"
        assert resumed.result.order_id == options.order_id
    finally:
        await resumed.aclose()
    assert Sale.unfinished(journal) == []
    assert await store_view(client, options.order_id) == (11, 1, options.total)


async def test_resume_of_an_unpaid_sale_continues(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient, journal: Journal
) -> None:
    sale = new_sale()
    await pickup_sale(sale, catalogue)
    options = await sale.prepare_payment()
    await sale.aclose()
    resumed = await Sale.resume(client, journal, fast_settings(), sale.sale_id or "")
    try:
        assert resumed.step is SaleStep.REVIEW
        assert [ln.id for ln in resumed.lines] == [ln.id for ln in sale.lines]
        assert resumed.billing_address is not None
        again = await resumed.prepare_payment()
        assert again.order_id == options.order_id  # the unpaid order is kept
        result = await resumed.charge(NewCard(card()))
        assert result.outcome == "paid"
    finally:
        await resumed.aclose()
    assert (await store_view(client, options.order_id))[:2] == (11, 1)


async def test_the_wizard_contract(new_sale: NewSale) -> None:
    # The wizard reads the engine's own types (pos.sale); tests/ui holds it to them.
    sale = new_sale()
    assert sale.step is SaleStep.ITEMS
    assert sale.step == "items" and sale.totals is None and sale.lines == ()


async def test_scan_by_upc_quantities_and_removal(
    new_sale: NewSale, catalogue: Catalogue, journal: Journal
) -> None:
    sale = new_sale()
    events = Recorder()
    unsubscribe = sale.subscribe(events)
    sku, upc = catalogue.take()
    line = await sale.add_item(upc)
    assert line.sku == sku and line.quantity == 1
    again = await sale.add_item(sku, 2)
    assert again.id == line.id and again.quantity == 3
    await sale.set_quantity(line.id, 1)
    assert sale.lines[0].quantity == 1 and sale.subtotal == sale.lines[0].total
    other = await sale.add_item(catalogue.take()[0])
    await sale.remove_line(other.id)
    assert [ln.id for ln in sale.lines] == [line.id]
    await sale.remove_line(line.id)  # the cart became empty: the store deleted it
    assert sale.lines == () and sale.cart_id is None
    await sale.add_item(catalogue.take()[0])  # a new cart
    assert sale.cart_id is not None
    assert events.kinds().count("lines") >= 5
    unsubscribe()
    count = len(events.events)
    await sale.set_quantity(sale.lines[0].id, 2)
    assert len(events.events) == count
    with pytest.raises(SaleValidationError):
        await sale.set_quantity("no-such-line", 1)


async def test_unknown_code(new_sale: NewSale) -> None:
    from pos.sale.errors import ItemNotFound

    sale = new_sale()
    with pytest.raises(ItemNotFound) as info:
        await sale.add_item("NO-SUCH-SKU-123")
    assert "NO-SUCH-SKU-123" in str(info.value)


async def test_steps_out_of_order_are_refused(new_sale: NewSale, catalogue: Catalogue) -> None:
    from pos.sale.errors import StepNotReady

    sale = new_sale()
    with pytest.raises(StepNotReady):
        await sale.set_billing_address(ADDRESS)
    await sale.add_item(catalogue.take()[0])
    with pytest.raises(StepNotReady):
        await sale.set_fulfilment([ConsignmentPlan("pickup", {sale.lines[0].id: 1})])
    with pytest.raises(StepNotReady):
        await sale.prepare_payment()
    # The refused calls changed nothing: a sale whose items just changed stays on ITEMS.
    assert sale.step is SaleStep.ITEMS


async def test_total_changed_behind_the_register_30004(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    from pos.api.models import LineItemInput

    sale = new_sale()
    await pickup_sale(sale, catalogue)
    first = await sale.prepare_payment()
    # Another terminal adds to the same cart: the token's amount no longer matches.
    variant = (await client.catalog.find_variants(sku=catalogue.take()[0]))[0]
    assert variant.product_id is not None
    await client.carts.add_items(sale.cart_id or "", [LineItemInput(
        product_id=variant.product_id, variant_id=variant.id, quantity=1)])
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "error" and result.code == 30004
    assert result.next_step is NextStep.REBUILD_ORDER and result.may_charge_again
    assert result.grand_total is not None and result.grand_total > first.total
    assert result.order_id != first.order_id and len(sale.lines) == 2
    result = await sale.charge(NewCard(card()))
    assert result.outcome == "paid"
    assert (await store_view(client, result.order_id or 0))[1] == 1
    assert (await store_view(client, first.order_id))[1] == 0


async def test_already_paid_elsewhere_30105(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    from pydantic import SecretStr

    from pos.api.models import Card

    sale = new_sale()
    await pickup_sale(sale, catalogue)
    options = await sale.prepare_payment()
    # The same order is paid by another route before the clerk presses Charge.
    token = await client.payments.create_access_token(options.order_id)
    other = Card(cardholder_name="Ana Diaz", number=SecretStr(VISA_OK), expiry_month=12,
                 expiry_year=2031, verification_value=SecretStr("123"))
    card_method = next(m for m in options.methods if m.type == "card")
    await client.payments.process(token, other, card_method.id)
    result = await sale.charge(NewCard(card("5555555555554444")))
    assert result.outcome == "paid", result
    assert result.code == 30105 and "already" in result.message
    assert sale.step is SaleStep.CONFIRMED
    assert await store_view(client, options.order_id) == (11, 1, options.total)
