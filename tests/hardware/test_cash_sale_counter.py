"""``pos sale``'s after-payment step with the profile's printer set: a cash sale prints its
receipt and opens the drawer exactly once; a terminal or card sale prints without opening it; the
sale is recorded in the open shift. The sale is a real one on the sandbox store."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from escpos_server import EscPosServer
from test_sale_support import ADDRESS, DEMO_SKU, VISA_OK, fast_settings, make_client

from pos.commands.tender_cli import after_paid, shift_ledger
from pos.composition import demo_profile
from pos.sale.cards import CardDetails
from pos.sale.journal import Journal
from pos.sale.records import NewCard
from pos.sale.sale import ConsignmentPlan, Sale
from pos.sale.tenders import CashPayment, TerminalPayment
from pos.sandbox.server import SandboxServer


@pytest.mark.parametrize(("make_payment", "tender", "pulses"), [
    (lambda: CashPayment(Decimal("500.00")), "cash", [2]),
    (lambda: TerminalPayment("AP1", "4242"), "terminal", []),
    (lambda: NewCard(CardDetails(VISA_OK, "123", 12, 2031, "Ana Diaz")), "card", []),
], ids=["cash", "terminal", "card"])
async def test_a_paid_sale_prints_once_and_opens_the_drawer_for_cash(
    printer_server: EscPosServer, tmp_path: Path, make_payment: Callable[[], Any],
    tender: str, pulses: list[int],
) -> None:
    payment = make_payment()
    with SandboxServer(db_path=tmp_path / "store.sqlite3", seed=1, catalog_size=500) as store:
        profile = dataclasses.replace(demo_profile(store), printer=printer_server.uri)
        data = tmp_path / "data"
        shift_ledger(profile, data).open(currency="USD", float_amount="100.00")
        async with make_client(store) as client:
            with Journal(tmp_path / "journal.sqlite3") as journal:
                sale = Sale(client, journal, fast_settings())
                try:
                    await sale.add_item(DEMO_SKU)
                    await sale.set_billing_address(ADDRESS)
                    await sale.set_fulfilment([ConsignmentPlan(
                        "pickup", {ln.id: ln.quantity for ln in sale.lines})])
                    options = await sale.prepare_payment()
                    result = await sale.charge(payment)
                    assert result.paid
                    out: dict[str, Any] = {"outcome": "paid", "order_id": result.order_id,
                                           "grand_total": str(options.total)}
                    await after_paid(profile, store.token, data, sale, payment, out)
                finally:
                    await sale.aclose()
    assert out["tender"] == tender and out["receipt_printed"] is True
    if tender == "cash":
        assert Decimal(out["change_due"]) == Decimal("500.00") - options.total
    (job,) = printer_server.wait_jobs(1)
    assert printer_server.connections == 1
    assert f"Order #{result.order_id}" in job.text
    assert job.pulses == pulses
    x = shift_ledger(profile, data).x_report()
    assert x["sales"]["count"] == 1 and list(x["by_tender"]) == [tender]
