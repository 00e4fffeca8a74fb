"""Cash, the external card terminal, named tenders and splits of them: recorded on the
order at the store (``PUT /v2/orders/{id}``), read back from the store."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from test_sale_support import ADDRESS, Catalogue

from pos.api.client import BigCommerceClient
from pos.sale.errors import SaleAlreadyPaid, SaleValidationError
from pos.sale.journal import Journal
from pos.sale.sale import ConsignmentPlan, PaymentOptions, Sale
from pos.sale.tenders import (
    CashPayment,
    OtherPayment,
    SplitPayment,
    TerminalPayment,
    cash_due,
    parse_tender,
)


async def ready(sale: Sale, catalogue: Catalogue) -> PaymentOptions:
    await sale.add_item(catalogue.take()[0])
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment(
        [ConsignmentPlan("pickup", {ln.id: ln.quantity for ln in sale.lines})])
    return await sale.prepare_payment()


def test_cash_rounding_to_the_smallest_coin() -> None:
    five = Decimal("0.05")
    assert cash_due(Decimal("42.53"), five) == Decimal("42.55")
    assert cash_due(Decimal("42.52"), five) == Decimal("42.50")
    assert cash_due(Decimal("42.525"), None) == Decimal("42.525")
    assert cash_due(Decimal("10.00"), five) == Decimal("10.00")


def test_parse_tender_refuses_what_is_not_a_tender() -> None:
    assert parse_tender({"cash": "50.00"}) == CashPayment(Decimal("50.00"))
    assert parse_tender({"terminal": {"reference": "A1B2", "last4": "4242"}}) == \
        TerminalPayment("A1B2", "4242")
    for bad in ({"cash": "-1"}, {"cash": "abc"}, {"cash": "1.001"},
                {"terminal": {"number": "4111111111111111", "last4": "1111"}},
                {"other": {"name": "Bitcoin"}}, {"nothing": 1}):
        with pytest.raises(SaleValidationError):
            parse_tender(bad, others=("Check",))
    assert parse_tender({"other": {"name": "Check", "reference": "1042"}},
                        others=("Check",)) == OtherPayment("Check", "1042")


async def test_cash_sale_with_change_is_recorded_at_the_store(
    new_sale: Callable[..., Sale], catalogue: Catalogue, client: BigCommerceClient,
    journal: Journal,
) -> None:
    sale = new_sale()
    options = await ready(sale, catalogue)
    tendered = (options.total + Decimal("20")).quantize(Decimal(1))
    result = await sale.charge(CashPayment(tendered))
    assert result.paid, result
    record = sale.tender_record
    assert record is not None and record.change_due == tendered - options.total
    order = await client.orders.get(options.order_id)
    assert order.status_id == 11
    assert order.payment_method == "Cash"
    assert order.staff_notes is not None
    assert f"tendered {tendered}" in order.staff_notes
    assert f"change {tendered - options.total}" in order.staff_notes
    assert await client.orders.transactions(options.order_id) == []
    saved = journal.get(sale.sale_id or "")
    assert saved is not None and saved.paid and len(saved.attempts) == 1
    assert saved.attempts[0].method_kind == "cash"
    # Paid by cash: never charged by card (or by cash) again.
    with pytest.raises(SaleAlreadyPaid):
        await sale.charge(CashPayment(tendered))


async def test_cash_with_rounding_and_too_little_cash(
    new_sale: Callable[..., Sale], catalogue: Catalogue, client: BigCommerceClient,
) -> None:
    sale = new_sale()
    options = await ready(sale, catalogue)
    five = Decimal("0.05")
    due = cash_due(options.total, five)
    with pytest.raises(SaleValidationError, match="does not cover"):
        await sale.charge(CashPayment(due - Decimal("0.05"), five))
    result = await sale.charge(CashPayment(due + Decimal("5.00"), five))
    assert result.paid
    assert sale.tender_record is not None
    assert sale.tender_record.change_due == Decimal("5.00")
    assert sale.tender_record.change_due % five == 0
    order = await client.orders.get(options.order_id)
    assert order.staff_notes is not None and f"due {due}" in order.staff_notes


async def test_terminal_sale_records_reference_and_last4(
    new_sale: Callable[..., Sale], catalogue: Catalogue, client: BigCommerceClient,
) -> None:
    sale = new_sale()
    options = await ready(sale, catalogue)
    with pytest.raises(SaleValidationError):
        await sale.charge(TerminalPayment("4111111111111111", "1111"))
    result = await sale.charge(TerminalPayment("AP7731", "4242"))
    assert result.paid
    order = await client.orders.get(options.order_id)
    assert order.status_id == 11
    assert order.payment_method == "Card terminal"
    assert str(order.payment_provider_id) == "AP7731"
    assert order.staff_notes is not None and "4242" in order.staff_notes


async def test_split_of_cash_and_terminal_is_recorded_and_must_add_up(
    new_sale: Callable[..., Sale], catalogue: Catalogue, client: BigCommerceClient,
) -> None:
    sale = new_sale()
    options = await ready(sale, catalogue)
    cash_part = Decimal("1.00")
    card_part = options.total - cash_part
    wrong = SplitPayment(((CashPayment(Decimal("5.00")), cash_part),
                          (TerminalPayment("Z9", "4242"), card_part - Decimal("0.01"))))
    with pytest.raises(SaleValidationError, match="add up"):
        await sale.charge(wrong)
    split = SplitPayment(((CashPayment(Decimal("5.00")), cash_part),
                          (TerminalPayment("Z9", "4242"), card_part)))
    result = await sale.charge(split)
    assert result.paid
    assert sale.tender_record is not None and sale.tender_record.change_due == Decimal("4.00")
    order = await client.orders.get(options.order_id)
    assert order.payment_method == "Cash + Card terminal"
    assert order.staff_notes is not None and order.staff_notes.startswith("Split:")


async def test_gift_certificate_balance_shown_and_too_small_refused(
    new_sale: Callable[..., Sale], catalogue: Catalogue, client: BigCommerceClient,
    journal: Journal,
) -> None:
    from pos.sale.records import GiftCertificatePayment

    sale = new_sale()
    options = await ready(sale, catalogue)
    small = await sale.gift_certificate_balance("GIFT-0025-DEMO")
    assert small == Decimal("25.00")
    assert await sale.gift_certificate_balance("NO-SUCH-CODE") is None
    assert options.total > small, "the test needs a total above the small certificate"
    with pytest.raises(SaleValidationError, match=r"balance is 25\.00 USD"):
        await sale.charge(GiftCertificatePayment("GIFT-0025-DEMO"))
    assert await client.orders.transactions(options.order_id) == [], "nothing was sent"
    big = await sale.gift_certificate_balance("GIFT-1000-DEMO")
    assert big is not None and big >= options.total
    result = await sale.charge(GiftCertificatePayment("GIFT-1000-DEMO"))
    assert result.paid, result
    order = await client.orders.get(options.order_id)
    assert order.status_id == 11
    assert order.payment_method == "Gift Certificate"
    txs = await client.orders.transactions(options.order_id)
    assert len(txs) == 1
    assert await sale.gift_certificate_balance("GIFT-1000-DEMO") == big - options.total


async def test_store_credit_balance_shown_and_too_small_refused(
    new_sale: Callable[..., Sale], catalogue: Catalogue, client: BigCommerceClient,
) -> None:
    from pos.sale.records import Customer, StoreCreditPayment

    found = await client.customers.search(include=("storecredit",), limit=50)
    holder = next(c for c in found.items if (c.store_credit or 0) > 0)
    sale = new_sale()
    assert await sale.store_credit_balance() is None  # no customer yet
    await sale.set_customer(Customer.from_api(holder))
    await sale.add_item(catalogue.take()[0])
    await sale.add_item(catalogue.take()[0])
    options = await ready(sale, catalogue)
    balance = await sale.store_credit_balance()
    assert balance == holder.store_credit
    assert balance is not None and options.total > balance, "the test needs a bigger sale"
    with pytest.raises(SaleValidationError, match=rf"store credit is {balance} USD"):
        await sale.charge(StoreCreditPayment())
    assert await client.orders.transactions(options.order_id) == [], "nothing was sent"
    assert await sale.store_credit_balance() == balance
