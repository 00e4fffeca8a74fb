"""A resumed sale journals every step it takes: the journal, read back after
``Sale.resume``, holds the step the sale continues from."""

from __future__ import annotations

from collections.abc import Callable

from test_sale_support import ADDRESS, VISA_OK, Catalogue, fast_settings

from pos.api.client import BigCommerceClient
from pos.sale import ConsignmentPlan, NewCard, Sale, SaleStep
from pos.sale.cards import CardDetails
from pos.sale.journal import Journal, ResumePoint
from pos.sandbox.server import SandboxServer

NewSale = Callable[..., Sale]


async def _pickup_sale(sale: Sale, catalogue: Catalogue) -> None:
    await sale.add_item(catalogue.take()[0])
    await sale.set_customer(None)
    await sale.set_billing_address(ADDRESS)
    await sale.set_fulfilment(
        [ConsignmentPlan("pickup", {ln.id: ln.quantity for ln in sale.lines})]
    )


def _states(journal: Journal, sale_id: str) -> list[str]:
    record = journal.get(sale_id)
    assert record is not None
    return [e.detail["state"] for e in record.events if e.kind == "state"]


async def test_a_resumed_unpaid_sale_journals_the_step_it_continues_from(
    new_sale: NewSale, catalogue: Catalogue, client: BigCommerceClient, journal: Journal
) -> None:
    sale = new_sale()
    await _pickup_sale(sale, catalogue)
    await sale.prepare_payment()
    await sale.aclose()
    sale_id = sale.sale_id or ""
    record = journal.get(sale_id)
    assert record is not None
    assert record.state == "payment"
    assert record.resume_point is ResumePoint.ORDER_EXISTS
    before = _states(journal, sale_id)

    resumed = await Sale.resume(client, journal, fast_settings(), sale_id)
    try:
        assert resumed.step is SaleStep.REVIEW
        record = journal.get(sale_id)
        assert record is not None
        assert record.state == "review"
        assert _states(journal, sale_id) == [*before, "review"]
    finally:
        await resumed.aclose()


async def test_a_resumed_paid_sale_journals_confirmed(
    new_sale: NewSale,
    catalogue: Catalogue,
    client: BigCommerceClient,
    journal: Journal,
    faults: SandboxServer,
) -> None:
    sale = new_sale(reconcile_timeout=0.0)
    await _pickup_sale(sale, catalogue)
    await sale.prepare_payment()
    # The store takes the payment, then the connection drops before the answer.
    faults.add_fault("POST", "/payments", "close_after", times=1)
    faults.add_fault("GET", "/v2/orders/*", "503", times=50)
    result = await sale.charge(NewCard(CardDetails(VISA_OK, "123", 12, 2031, "Ana Diaz")))
    assert result.outcome == "unknown"
    faults.clear_faults()
    await sale.aclose()
    sale_id = sale.sale_id or ""
    record = journal.get(sale_id)
    assert record is not None and record.resume_point is ResumePoint.RECONCILE_PAYMENT
    assert record.state == "payment"

    resumed = await Sale.resume(client, journal, fast_settings(), sale_id)
    try:
        assert resumed.step is SaleStep.CONFIRMED
        record = journal.get(sale_id)
        assert record is not None
        assert record.state == "confirmed"
        assert _states(journal, sale_id)[-1] == "confirmed"
        assert record.outcome == "paid"
    finally:
        await resumed.aclose()
