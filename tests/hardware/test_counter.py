"""A paid sale at the counter: the order read back from the sandbox store, its receipt
printed on a listening ESC/POS printer, the drawer opened for cash only, exactly once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from escpos_server import EscPosServer

from pos.api.client import BigCommerceClient
from pos.hardware.counter import Counter
from pos.hardware.settings import HardwareSettings
from pos.hardware.uri import parse_printer_uri
from pos.sandbox.server import SandboxServer
from pos.stores.profiles import DEMO_PROFILE


def _settings(uri: str, **fields: Any) -> HardwareSettings:
    base = HardwareSettings.from_profile(DEMO_PROFILE)
    return HardwareSettings(printer=parse_printer_uri(uri), receipt=base.receipt,
                            drawer_pin=fields.get("drawer_pin", 2),
                            pole_display=fields.get("pole_display", False))


@pytest.mark.parametrize(("tender", "pulses"), [("cash", [5]), ("card", [])])
async def test_a_paid_sale_prints_and_opens_the_drawer_for_cash_only(
    printer_server: EscPosServer, paid_demo_order: tuple[Path, dict[str, Any]],
    tender: str, pulses: list[int],
) -> None:
    db, sale = paid_demo_order
    counter = Counter(_settings(printer_server.uri, drawer_pin=5))
    with SandboxServer(db_path=db, seed=1, catalog_size=500) as store:
        token = store.token
        async with BigCommerceClient(store.store_hash, lambda: token,
                                     api_base_url=store.api_base_url,
                                     payments_base_url=store.payments_base_url) as client:
            try:
                assert await counter.sale_paid(client, int(sale["order_id"]), tender) is True
            finally:
                counter.close()
    (job,) = printer_server.wait_jobs(1)
    assert printer_server.connections == 1
    assert f"Order #{sale['order_id']}" in job.text
    assert job.barcodes == [("CODE128", str(sale["order_id"]))]
    assert job.pulses == pulses
    assert len(counter.drawer.opened) == len(pulses)


async def test_no_printer_in_the_profile_does_nothing() -> None:
    counter = Counter(HardwareSettings.from_profile(DEMO_PROFILE))
    assert counter.printer is None
    assert await counter.paid_out() is False
    assert await counter.reprint() is None


async def test_pole_display_shows_the_total(printer_server: EscPosServer) -> None:
    from decimal import Decimal

    counter = Counter(_settings(printer_server.uri, pole_display=True))
    try:
        assert await counter.show_total("Total", Decimal("12.50"), "EUR") is True
    finally:
        counter.close()
    (job,) = printer_server.wait_jobs(1)
    assert job.pole == ["Total".ljust(20) + "€12.50".rjust(20)]
    assert not job.printed
