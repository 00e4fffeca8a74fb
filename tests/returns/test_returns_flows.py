"""Returns against a real sandbox store: full and partial refunds (with tax and shipping),
a second partial refund, more than remains, a void the same day, restock on and off (stock
read back from the store), a refused void after settlement, the journal's record."""

from __future__ import annotations

from decimal import Decimal

import pytest
from returns_support import Orders, all_lines, fast_settings, onhand, store_refunds

from pos.api.client import BigCommerceClient
from pos.returns import QuoteChanged, RefundJournal, ReturnLine, Returns, ReturnsError


async def test_full_refund_with_shipping_and_tax(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders
) -> None:
    order_id = orders.paid(2, shipping=True)
    returns = Returns(client, journal, fast_settings())
    view = await returns.order(order_id)
    assert view.shipping_cost > 0
    quote = await returns.quote(order_id, all_lines(view), shipping=True)
    assert quote.total == view.total and quote.tax > 0
    result = await returns.refund(order_id, all_lines(view), shipping=True, reason="Other",
                                  expected=quote)
    assert result.outcome == "refunded", result
    assert result.amount == view.total
    assert (result.status_id, result.status) == (4, "Refunded")
    [refund] = await store_refunds(client, order_id)
    assert refund.id == result.refund_id
    assert journal.unfinished() == []


async def test_partial_then_second_partial_then_more_than_remains(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders
) -> None:
    order_id = orders.paid(3)
    returns = Returns(client, journal, fast_settings())
    view = await returns.order(order_id)
    [line] = view.lines
    one = [ReturnLine(item_id=line.item_id, quantity=1, restock=False, sku=line.sku)]
    first = await returns.refund(order_id, one, reason="Wrong size")
    assert first.outcome == "refunded" and first.status_id == 14, first
    second = await returns.refund(order_id, one, reason="Wrong size")
    assert second.outcome == "refunded" and second.status_id == 14, second
    view = await returns.order(order_id)
    assert view.lines[0].refunded == 2 and view.lines[0].refundable == 1
    too_many = [ReturnLine(item_id=line.item_id, quantity=2, sku=line.sku)]
    refused = await returns.refund(order_id, too_many, reason="Other")
    assert refused.outcome == "declined"
    assert "more than" in refused.message
    assert len(await store_refunds(client, order_id)) == 2


async def test_restock_on_and_off(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders
) -> None:
    order_id = orders.paid(2, lines=2)
    returns = Returns(client, journal, fast_settings())
    view = await returns.order(order_id)
    kept, damaged = view.lines
    before = {x.sku: await onhand(client, x.sku) for x in view.lines}
    lines = [
        ReturnLine(item_id=kept.item_id, quantity=2, restock=True, sku=kept.sku,
                   variant_id=kept.variant_id),
        ReturnLine(item_id=damaged.item_id, quantity=2, restock=False, sku=damaged.sku,
                   variant_id=damaged.variant_id),
    ]
    result = await returns.refund(order_id, lines, reason="Changed mind")
    assert result.outcome == "refunded", result
    assert result.restocked == (kept.sku,)
    assert await onhand(client, kept.sku) == (before[kept.sku] or 0) + 2
    assert await onhand(client, damaged.sku) == before[damaged.sku]


async def test_damaged_reason_never_restocks(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders
) -> None:
    order_id = orders.paid(1)
    returns = Returns(client, journal, fast_settings())
    view = await returns.order(order_id)
    sku = view.lines[0].sku
    before = await onhand(client, sku)
    result = await returns.refund(order_id, all_lines(view, restock=True), reason="Damaged")
    assert result.outcome == "refunded" and result.restocked == ()
    assert await onhand(client, sku) == before


async def test_void_same_day_and_refused_after_settlement(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders
) -> None:
    returns = Returns(client, journal, fast_settings())
    order_id = orders.paid(1)
    view = await returns.order(order_id)
    assert view.voidable
    before = await onhand(client, view.lines[0].sku)
    result = await returns.void(order_id, restock=all_lines(view))
    assert result.outcome == "voided", result
    assert result.status_id == 5
    assert (await client.orders.get(order_id)).payment_status == "void"
    assert await onhand(client, view.lines[0].sku) == (before or 0) + 1

    settled = orders.paid(1)
    orders.settle(settled)
    refused = await returns.void(settled)
    assert refused.outcome == "declined"
    assert "settled" in refused.message
    assert (await client.orders.get(settled)).status_id == 11


async def test_quote_changed_is_shown_again(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders
) -> None:
    order_id = orders.paid(2)
    returns = Returns(client, journal, fast_settings())
    view = await returns.order(order_id)
    one = [ReturnLine(item_id=view.lines[0].item_id, quantity=1, restock=False)]
    quote = await returns.quote(order_id, one)
    stale = type(quote)(**{**quote.__dict__, "total": quote.total + Decimal("1.00")})
    with pytest.raises(QuoteChanged) as raised:
        await returns.refund(order_id, one, expected=stale)
    assert raised.value.quote.total == quote.total
    assert await store_refunds(client, order_id) == []


async def test_refunds_disabled_by_the_profile(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders
) -> None:
    order_id = orders.paid(1)
    returns = Returns(client, journal, fast_settings(allow_refunds=False))
    view = await returns.order(order_id)
    with pytest.raises(ReturnsError):
        await returns.refund(order_id, all_lines(view))
    assert await store_refunds(client, order_id) == []


async def test_each_refunded_payment_reaches_the_shift(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders
) -> None:
    order_id = orders.paid(1)
    recorded: list[tuple[str, Decimal, int]] = []
    returns = Returns(client, journal, fast_settings(),
                      record_refund=lambda *args: recorded.append(args))
    view = await returns.order(order_id)
    result = await returns.refund(order_id, all_lines(view, restock=False))
    assert result.outcome == "refunded"
    [(tender, amount, order)] = recorded
    assert tender and amount == result.amount and order == order_id


def test_one_search_box_reads_what_was_typed() -> None:
    from pos.returns.index import query_for

    assert query_for("ana@example.com").email == "ana@example.com"
    assert query_for("4242").last4 == "4242"
    assert query_for("+1 512 555 0100").phone
    assert query_for("AWA-000001-S-RED").sku == "AWA-000001-S-RED"
    assert query_for("Diaz").name == "Diaz"
