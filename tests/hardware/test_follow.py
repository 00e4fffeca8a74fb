"""The counter following a sale's events: the drawer opens once when a cash tender
completes (never for a card), and a pole display chained through the printer shows the
sale. Against a listening ESC/POS printer on loopback; the last test sells on the sandbox
store with the real sale engine."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from escpos_server import EscPosServer

from pos.hardware.counter import Counter
from pos.hardware.follow import POLE_WIDTH, SaleFollower, pole_lines
from pos.hardware.settings import HardwareSettings
from pos.hardware.uri import parse_printer_uri
from pos.sale.sale import PaymentResult, SaleEvent, SaleStep
from pos.stores.profiles import DEMO_PROFILE


@dataclass
class EventSale:
    """The part of a sale the follower reads, with the engine's subscribe()."""

    lines: list[Any] = field(default_factory=list)
    totals: Any = None
    tender_record: Any = None
    order_id: int | None = None
    listeners: list[Callable[[Any], None]] = field(default_factory=list)

    def subscribe(self, listener: Callable[[Any], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def emit(self, kind: str, **values: Any) -> None:
        for listener in list(self.listeners):
            listener(SaleEvent(kind, **values))

    def scan(self, name: str, qty: int, total: str) -> None:
        self.lines.append(SimpleNamespace(name=name, variant=None, quantity=qty,
                                          total=Decimal(total)))
        self.emit("lines")

    def price(self, total: str, currency: str = "USD") -> None:
        self.totals = SimpleNamespace(grand_total=Decimal(total), currency=currency)
        self.emit("totals")

    def pay(self, order_id: int, *, cash: str | None = None, change: str = "0.00") -> None:
        self.order_id = order_id
        if cash is not None:
            self.tender_record = SimpleNamespace(kind="cash", change_due=Decimal(change),
                                                 tendered=Decimal(cash))
        self.emit("payment", result=PaymentResult(outcome="paid", order_id=order_id))


def counter(uri: str, *, pole: bool = True, pin: int = 2, locale: str = "en_US") -> Counter:
    profile = dataclasses.replace(DEMO_PROFILE, locale=locale, printer=uri,
                                  pole_display=pole, drawer_pin=pin)
    settings = HardwareSettings.from_profile(profile)
    return Counter(dataclasses.replace(settings, printer=parse_printer_uri(uri)))


def test_pole_lines_show_the_scan_the_total_the_change_and_thanks() -> None:
    sale = EventSale()
    sale.lines.append(SimpleNamespace(name="A very long walking shoe name", variant="S",
                                      quantity=2, total=Decimal("40.00")))
    first, second = pole_lines(sale, SaleEvent("lines"), locale="en_US", currency="USD") \
        or ("", "")
    assert first == "A very long walking "
    assert second == "2 x" + "$40.00".rjust(17)
    sale.totals = SimpleNamespace(grand_total=Decimal("43.30"), currency="USD")
    assert pole_lines(sale, SaleEvent("totals"), locale="en_US", currency="USD") == (
        "Total", "$43.30".rjust(POLE_WIDTH))
    sale.tender_record = SimpleNamespace(kind="cash", change_due=Decimal("6.70"),
                                         tendered=Decimal("50.00"))
    paid = SaleEvent("payment", result=PaymentResult(outcome="paid", order_id=7))
    assert pole_lines(sale, paid, locale="en_US", currency="USD") == (
        "Total" + "$43.30".rjust(15), "Change" + "$6.70".rjust(14))
    assert pole_lines(sale, SaleEvent("step", step=SaleStep.CONFIRMED), locale="en_US",
                      currency="USD") == ("Thank you!".center(20).rstrip(),
                                          "Change" + "$6.70".rjust(14))
    assert pole_lines(sale, SaleEvent("busy", busy=True), locale="en_US",
                      currency="USD") is None
    assert all(len(line) <= POLE_WIDTH for line in first + second)


def test_pole_lines_speak_the_profile_language() -> None:
    sale = EventSale(totals=SimpleNamespace(grand_total=Decimal("43.30"), currency="EUR"),
                     tender_record=SimpleNamespace(kind="cash", change_due=Decimal("6.70"),
                                                   tendered=Decimal("50.00")))
    lines = pole_lines(sale, SaleEvent("step", step=SaleStep.CONFIRMED), locale="es_ES",
                       currency="EUR")
    assert lines is not None
    assert lines[0].strip() == "¡Gracias!"
    assert lines[1].startswith("Cambio") and lines[1].endswith("6,70\u00a0€")
    assert len(lines[1]) == POLE_WIDTH


async def test_a_cash_tender_opens_the_drawer_once_and_the_pole_follows(
        printer_server: EscPosServer) -> None:
    hardware = counter(printer_server.uri, pin=5)
    follower = SaleFollower(hardware)
    sale = EventSale()
    try:
        follower.follow(sale)
        await follower.settle()
        sale.scan("Socks", 1, "5.50")
        await follower.settle()
        sale.price("5.96")
        await follower.settle()
        sale.pay(101, cash="10.00", change="4.04")
        sale.pay(101, cash="10.00", change="4.04")  # the same payment announced again
        await follower.settle()
        sale.emit("step", step=SaleStep.CONFIRMED)
        await follower.settle()
    finally:
        follower.close()
        hardware.close()
    jobs = printer_server.wait_jobs(6)
    assert sum(len(job.pulses) for job in printer_server.jobs) == 1
    assert [job.pulses for job in jobs if job.pulses] == [[5]]
    pole = [job.pole[0] for job in jobs if job.pole]
    assert pole == [
        hardware.settings.receipt.store[:20].center(20).rstrip().ljust(20),
        "Socks".ljust(20) + "1 x" + "$5.50".rjust(17),
        "Total".ljust(20) + "$5.96".rjust(20),
        "Total" + "$5.96".rjust(15) + "Change" + "$4.04".rjust(14),
        "Thank you!".center(20).rstrip().ljust(20) + "Change" + "$4.04".rjust(14),
    ]
    assert not any(job.printed for job in jobs)


async def test_a_card_sale_never_opens_the_drawer(printer_server: EscPosServer) -> None:
    hardware = counter(printer_server.uri, pole=False)
    follower = SaleFollower(hardware)
    sale = EventSale()
    try:
        follower.follow(sale)
        sale.scan("Socks", 1, "5.50")
        sale.price("5.96")
        sale.tender_record = SimpleNamespace(kind="terminal", change_due=Decimal("0.00"),
                                             tendered=None)
        sale.pay(102)
        await follower.settle()
    finally:
        follower.close()
        hardware.close()
    assert printer_server.connections == 0  # no pole in the profile, no drawer for a card
    assert hardware.drawer.opened == []


async def test_a_split_with_a_cash_part_opens_the_drawer(printer_server: EscPosServer) -> None:
    hardware = counter(printer_server.uri, pole=False)
    follower = SaleFollower(hardware)
    sale = EventSale()
    try:
        follower.follow(sale)
        sale.tender_record = SimpleNamespace(kind="split", change_due=Decimal("0.50"),
                                             tendered=Decimal("10.00"))
        sale.emit("payment", result=PaymentResult(outcome="paid", order_id=104))
        await follower.settle()
    finally:
        follower.close()
        hardware.close()
    assert [job.pulses for job in printer_server.wait_jobs(1)] == [[2]]


async def test_a_printer_that_is_off_is_a_problem_told_not_a_failed_sale(
        printer_server: EscPosServer) -> None:
    problems: list[tuple[str, str]] = []
    hardware = counter(printer_server.uri, pole=False)
    follower = SaleFollower(hardware, on_problem=lambda what, exc: problems.append(
        (what, type(exc).__name__)))
    printer_server.stop()
    sale = EventSale()
    try:
        follower.follow(sale)
        sale.pay(103, cash="20.00", change="1.00")
        await follower.settle()
    finally:
        follower.close()
        hardware.close()
    assert problems == [("drawer", "PrinterOffline")]
    assert hardware.drawer.opened == []


async def test_a_cash_sale_on_the_store_opens_the_drawer_once_then_prints_without_it(
        printer_server: EscPosServer, tmp_path: Path) -> None:
    from test_sale_support import ADDRESS, DEMO_SKU, fast_settings, make_client

    from pos.sale.journal import Journal
    from pos.sale.sale import ConsignmentPlan, Sale
    from pos.sale.tenders import CashPayment
    from pos.sandbox.server import SandboxServer

    hardware = counter(printer_server.uri, pin=2)
    follower = SaleFollower(hardware)
    with SandboxServer(seed=1, catalog_size=500) as store:
        async with make_client(store) as client:
            with Journal(tmp_path / "journal.sqlite3") as journal:
                sale = Sale(client, journal, fast_settings())
                try:
                    follower.follow(sale)
                    await sale.add_item(DEMO_SKU)
                    await sale.set_billing_address(ADDRESS)
                    await sale.set_fulfilment([ConsignmentPlan(
                        "pickup", {ln.id: ln.quantity for ln in sale.lines})])
                    options = await sale.prepare_payment()
                    result = await sale.charge(CashPayment(Decimal("500.00")))
                    assert result.paid
                    await follower.settle()
                    # The clerk prints the receipt afterwards: no second pulse.
                    assert await hardware.sale_paid(client, int(result.order_id or 0),
                                                    "cash") is True
                finally:
                    follower.close()
                    hardware.close()
                    await sale.aclose()
    printed = [job for job in printer_server.jobs if job.printed]
    assert len(printed) == 1 and f"Order #{result.order_id}" in printed[0].text
    assert printed[0].pulses == []
    assert [job.pulses for job in printer_server.jobs if job.pulses] == [[2]]
    change = Decimal("500.00") - options.total
    assert any(job.pole and job.pole[0].endswith(f"${change:,.2f}")
               for job in printer_server.jobs)
    assert hardware.drawer.opened == ["cash_tender"]


async def test_a_cash_tender_opens_the_drawer_once_for_an_order(
        printer_server: EscPosServer) -> None:
    hardware = counter(printer_server.uri, pole=False)
    try:
        assert await hardware.cash_tendered(9) is True
        assert await hardware.cash_tendered(9) is False  # once for an order
    finally:
        hardware.close()
    jobs = printer_server.wait_jobs(1)
    assert [job.pulses for job in jobs] == [[2]]
