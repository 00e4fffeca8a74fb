"""Asking the store what an uncertain call did (``pos.sale.reconcile``), on real orders."""

from __future__ import annotations

import time
from collections.abc import Callable

from test_sale_support import ADDRESS, Catalogue, fast_settings

from pos.api.client import BigCommerceClient
from pos.sale.cards import CardDetails
from pos.sale.reconcile import (
    PaymentState,
    find_created_order,
    reconcile_payment,
    unpaid_window_end,
)
from pos.sale.sale import ConsignmentPlan, NewCard, Sale
from pos.sale.settings import SaleSettings

NewSale = Callable[..., Sale]


async def unpaid_order(sale: Sale, catalogue: Catalogue) -> int:
    await sale.add_item(catalogue.take()[0])
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment([ConsignmentPlan("pickup", {sale.lines[0].id: 1})])
    return (await sale.prepare_payment()).order_id


async def test_unpaid_only_after_it_looked_unpaid_long_enough(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    order_id = await unpaid_order(new_sale(), catalogue)
    short = fast_settings(reconcile_timeout=0.1, unpaid_confirm=5.0)
    look = await reconcile_payment(client, order_id, short)
    assert look.state is PaymentState.UNKNOWN and not look.certain
    sure = fast_settings(reconcile_timeout=2.0, unpaid_confirm=0.1)
    look = await reconcile_payment(client, order_id, sure)
    assert look.state is PaymentState.UNPAID and look.status_id == 0 and look.certain


async def test_paid_and_closed_orders(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    order_id = await unpaid_order(sale, catalogue)
    result = await sale.charge(NewCard(CardDetails("4242424242424242", "123", 12, 2031, "A B")))
    assert result.outcome == "paid"
    look = await reconcile_payment(client, order_id, fast_settings())
    assert look.state is PaymentState.PAID and look.transaction_id
    # The receipt of a paid answer carries the payments API's transaction id (one read of
    # the order confirms it; the transactions are read only when reconciling).
    assert result.transaction_id and result.status_id == look.status_id
    other = await unpaid_order(new_sale(), catalogue)
    await client.orders.set_status(other, 5)
    look = await reconcile_payment(client, other, fast_settings())
    assert look.state is PaymentState.CLOSED


async def test_find_created_order(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    sale = new_sale()
    order_id = await unpaid_order(sale, catalogue)
    cart_id = sale.cart_id or ""
    settings = fast_settings(unpaid_confirm=0.1)
    assert await find_created_order(client, cart_id, set(), settings) == order_id
    assert await find_created_order(client, cart_id, {order_id}, settings) is None


async def test_unpaid_never_before_the_payment_window_ends(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    """An order that looks unpaid is not believed unpaid before ``unpaid_after`` (the end
    of the payment's window), however long it has looked that way."""
    order_id = await unpaid_order(new_sale(), catalogue)
    settings = fast_settings(reconcile_timeout=0.3, unpaid_confirm=0.0)
    now = time.monotonic()
    look = await reconcile_payment(client, order_id, settings, unpaid_after=now + 60)
    assert look.state is PaymentState.UNKNOWN and not look.certain
    started = time.monotonic()
    settings = fast_settings(reconcile_timeout=3.0, unpaid_confirm=0.0)
    look = await reconcile_payment(client, order_id, settings, unpaid_after=started + 0.4)
    assert look.state is PaymentState.UNPAID
    assert time.monotonic() - started >= 0.4


def test_the_unpaid_window_is_measured_from_the_send() -> None:
    settings = fast_settings(payment_timeout=5.0, store_processing_limit=2.0)
    # A call that failed at once: the window still lasts the timeout plus the limit.
    assert unpaid_window_end(settings, 100.0, 100.1) == 107.0
    # A call that ended late (held back before it left): the limit after its end.
    assert unpaid_window_end(settings, 100.0, 110.0) == 112.0
    assert unpaid_window_end(settings, 100.0) == 107.0
    defaults = SaleSettings()
    assert defaults.store_processing_limit == 60.0
    assert unpaid_window_end(defaults, 0.0) == defaults.payment_timeout + 60.0


async def test_a_payment_settling_between_the_two_reads_is_read_settled(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient
) -> None:
    """The transactions already show the charge while the order was read a moment before
    it settled (status 1, Pending): the look reads the order again for its real status."""
    from types import SimpleNamespace

    from pos.sale.reconcile import check_order

    sale = new_sale()
    order_id = await unpaid_order(sale, catalogue)
    result = await sale.charge(NewCard(CardDetails("4242424242424242", "123", 12, 2031, "A B")))
    assert result.outcome == "paid"
    reads: list[int] = []

    async def get(oid: int):  # the first read is from just before the payment settled
        order = await client.orders.get(oid)
        reads.append(oid)
        return order.model_copy(update={"status_id": 1}) if len(reads) == 1 else order

    racing = SimpleNamespace(orders=SimpleNamespace(get=get,
                                                    transactions=client.orders.transactions))
    look = await check_order(racing, order_id)  # type: ignore[arg-type]
    assert look.state is PaymentState.PAID and look.status_id == 11
    assert len(reads) == 2
