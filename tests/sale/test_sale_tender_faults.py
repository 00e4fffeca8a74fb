"""The cash status update under the fault matrix: the order is recorded paid exactly once,
counted from the store's own records (orders of the sale's cart, their status and
transactions), and never believed unpaid while the store has it paid."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
from test_sale_support import ADDRESS, Catalogue, fast_settings, make_client

from pos.api.client import BigCommerceClient
from pos.sale import ConsignmentPlan, PaymentResult, Sale
from pos.sale.errors import SaleError
from pos.sale.journal import Journal
from pos.sale.tenders import CashPayment
from pos.sandbox.server import SandboxServer

TIMEOUT = 0.25
CALLS = (("PUT", "/v2/orders/*"), ("GET", "/v2/orders/*"))
KINDS = ("latency", "500", "503", "429", "close_before", "close_after")


@pytest.fixture
async def slow_client(store: SandboxServer) -> AsyncIterator[BigCommerceClient]:
    async with make_client(store, timeout=TIMEOUT, connect_timeout=TIMEOUT) as c:
        yield c


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("method", "path"), CALLS, ids=[f"{m} {p}" for m, p in CALLS])
async def test_cash_update_fault_matrix(
    faults: SandboxServer, slow_client: BigCommerceClient, client: BigCommerceClient,
    journal: Journal, catalogue: Catalogue, method: str, path: str, kind: str,
) -> None:
    settings: dict[str, Any] = {"payment_timeout": TIMEOUT, "unpaid_confirm": 0.3,
                                "reconcile_timeout": 3.0, "order_reconcile_timeout": 2.0}
    sale = Sale(slow_client, journal, fast_settings(**settings))
    try:
        await sale.add_item(catalogue.take()[0])
        await sale.set_billing_address(ADDRESS)
        await sale.set_fulfilment(
            [ConsignmentPlan("pickup", {ln.id: ln.quantity for ln in sale.lines})])
        options = await sale.prepare_payment()
        if kind == "429":
            faults.configure(rate_limit_window_ms=300, payments_window_ms=300)
        faults.add_fault(method, path, kind, times=1, latency_ms=300)
        cash = options.total + Decimal("10.00")
        result: PaymentResult | None = None
        for _ in range(4):
            try:
                if result is not None and result.outcome == "unknown":
                    result = await sale.check_payment()
                else:
                    result = await sale.charge(CashPayment(cash))
            except SaleError as exc:
                assert str(exc).strip()
                continue
            if result.paid or not (result.outcome == "unknown" or result.may_charge_again):
                break
    finally:
        await sale.aclose()
    assert faults.faults.active() == [], f"the sale never made the call {method} {path}"
    assert result is not None and result.paid, result
    # The store's own records: one paid order for the sale's cart, no card transaction.
    orders = await client.orders.list(cart_id=sale.cart_id)
    paid = [o for o in orders if o.status_id not in (0, 5)]
    assert [o.id for o in paid] == [result.order_id]
    assert paid[0].payment_method == "Cash"
    assert await client.orders.transactions(paid[0].id) == []
    record = journal.get(sale.sale_id or "")
    assert record is not None and record.paid and not record.payment_uncertain
    assert sum(1 for a in record.attempts if a.outcome.value == "success") == 1
