"""An exchange: the returned line refunded, then a new sale for the same customer (the
order's billing address), as one flow; no sale starts when the refund is refused."""

from __future__ import annotations

from pathlib import Path

from returns_support import Orders, all_lines, fast_settings, store_refunds

from pos.api.client import BigCommerceClient
from pos.returns import RefundJournal, ReturnLine, Returns
from pos.returns.exchange import exchange
from pos.sale.cards import CardDetails
from pos.sale.journal import Journal
from pos.sale.records import NewCard
from pos.sale.sale import Sale
from pos.sale.script import ItemSpec
from pos.sale.settings import SaleSettings
from pos.stores.profiles import DEMO_PROFILE


def _pay(options: object) -> NewCard:
    return NewCard(CardDetails("4242424242424242", "123", 12, 2031, "Jane Doe"))


async def test_exchange_refunds_then_sells_to_the_same_customer(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders, tmp_path: Path
) -> None:
    order_id = orders.paid(1)
    returns = Returns(client, journal, fast_settings())
    view = await returns.order(order_id)
    _, other = orders.take()
    with Journal(tmp_path / "journal.sqlite3") as sale_journal:
        sale = Sale(client, sale_journal, SaleSettings.from_profile(DEMO_PROFILE))
        try:
            done = await exchange(returns, order_id, all_lines(view), sale=sale, pay=_pay,
                                  new_items=[ItemSpec(other["sku"], 1)])
        finally:
            await sale.aclose()
    assert done.refund.outcome == "refunded"
    assert done.sale is not None and done.sale.outcome == "paid", done.sale
    new_order = await client.orders.get(done.sale.order_id or 0)
    assert new_order.billing_address is not None
    assert new_order.billing_address.email == view.email
    assert new_order.billing_address.last_name == view.customer_name.split()[-1]
    assert len(await store_refunds(client, order_id)) == 1


async def test_no_sale_when_the_refund_is_refused(
    client: BigCommerceClient, journal: RefundJournal, orders: Orders, tmp_path: Path
) -> None:
    order_id = orders.paid(1)
    returns = Returns(client, journal, fast_settings())
    view = await returns.order(order_id)
    too_many = [ReturnLine(item_id=view.lines[0].item_id, quantity=5)]
    with Journal(tmp_path / "journal.sqlite3") as sale_journal:
        sale = Sale(client, sale_journal, SaleSettings.from_profile(DEMO_PROFILE))
        try:
            done = await exchange(returns, order_id, too_many, sale=sale, pay=_pay,
                                  new_items=[ItemSpec(view.lines[0].sku, 1)])
        finally:
            await sale.aclose()
    assert done.refund.outcome == "declined" and done.sale is None
    assert sale.order_id is None
