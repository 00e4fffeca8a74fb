"""The receipt printer and the drawer against a listening ESC/POS printer on loopback."""

from __future__ import annotations

import asyncio
import threading
from decimal import Decimal

import pytest
from escpos_server import EscPosServer
from hardware_support import order_json, products_json

from pos.hardware.drawer import CashDrawer, DrawerReason, DrawerRefused
from pos.hardware.printer import (
    PaperOut,
    PrinterOffline,
    PrinterState,
    PrinterStatus,
    ReceiptPrinter,
)
from pos.hardware.receipt import Receipt, ReceiptOptions, receipt_from_order

OPTIONS = ReceiptOptions(store="Main Street Shoes", locale="en_US", currency="USD",
                         terminal="Till 1", header=("1 Main St", "Austin TX"),
                         footer=("Returns within 30 days",))


def receipt(options: ReceiptOptions = OPTIONS, **order: object) -> Receipt:
    return receipt_from_order(order_json(**order), products_json(), options)  # type: ignore[arg-type]


async def test_a_receipt_prints_its_text_barcode_and_cut(printer_server: EscPosServer) -> None:
    printer = ReceiptPrinter(printer_server.uri)
    try:
        await printer.print_receipt(receipt())
    finally:
        printer.close()
    (job,) = printer_server.wait_jobs(1)
    text = job.text
    for expected in ("Main Street Shoes", "1 Main St", "Order #101", "Terminal: Till 1",
                     "Status: Awaiting Fulfillment", "2 x Walking shoe (S, Red)", "1 x Socks",
                     "Returns within 30 days"):
        assert expected in text, expected
    total = next(line for line in job.lines if line.startswith("Total"))
    assert total.endswith("$29.16") and len(total) == 48
    assert any(line.startswith("Discounts") and line.endswith("-$3.00") for line in job.lines)
    assert job.barcodes == [("CODE128", "101")]
    assert job.cuts == 1
    assert job.pulses == []
    assert job.unknown == []
    assert job.status_requests == 1  # the paper was checked before printing
    assert printer.status == PrinterStatus(PrinterState.READY)


async def test_58mm_paper_keeps_every_line_within_32_columns(
    printer_server: EscPosServer,
) -> None:
    printer = ReceiptPrinter(printer_server.uri, paper_width=58)
    long_name = receipt_from_order(
        order_json(), [{"name": "A very long product name that cannot fit on one line",
                        "quantity": 1, "total_ex_tax": "30.00"}], OPTIONS)
    try:
        await printer.print_receipt(long_name)
    finally:
        printer.close()
    (job,) = printer_server.wait_jobs(1)
    assert job.lines and all(len(line) <= 32 for line in job.lines)
    assert any(line.endswith("$30.00") for line in job.lines)


async def test_cash_sale_prints_and_opens_the_drawer_once(printer_server: EscPosServer) -> None:
    printer = ReceiptPrinter(printer_server.uri)
    drawer = CashDrawer(printer, pin=5)
    try:
        opened = await drawer.sale_paid(receipt(), "cash")
    finally:
        printer.close()
    (job,) = printer_server.wait_jobs(1)
    assert opened is True
    assert job.pulses == [5]
    assert job.cuts == 1 and job.barcodes == [("CODE128", "101")]
    # The pulse comes after the cut: a drawer never opens before its receipt is printed.
    assert job.raw.index(b"\x1dV") < job.raw.index(b"\x1bp")
    assert drawer.opened == [DrawerReason.CASH_TENDER]


async def test_card_sale_prints_without_opening_the_drawer(printer_server: EscPosServer) -> None:
    printer = ReceiptPrinter(printer_server.uri)
    drawer = CashDrawer(printer, pin=2)
    try:
        opened = await drawer.sale_paid(receipt(payment_method="Credit Card"), "card")
        assert await drawer.tender_completed("card") is False
    finally:
        printer.close()
    (job,) = printer_server.wait_jobs(1)
    assert opened is False
    assert job.printed and job.pulses == []
    assert b"\x1bp" not in job.raw
    assert drawer.opened == []
    assert printer_server.connections == 1  # nothing else was sent for the card


async def test_no_sale_and_paid_out_open_the_drawer(printer_server: EscPosServer) -> None:
    printer = ReceiptPrinter(printer_server.uri)
    drawer = CashDrawer(printer, pin=2)
    try:
        with pytest.raises(DrawerRefused):
            await drawer.no_sale(permitted=False)
        assert await drawer.no_sale(permitted=True) is True
        assert await drawer.paid_out() is True
    finally:
        printer.close()
    jobs = printer_server.wait_jobs(2)
    assert [j.pulses for j in jobs] == [[2], [2]]
    assert not any(j.printed for j in jobs)
    assert drawer.opened == [DrawerReason.NO_SALE, DrawerReason.PAID_OUT]


async def test_spanish_receipt_uses_a_code_page_with_enye_and_euro(
    printer_server: EscPosServer,
) -> None:
    options = ReceiptOptions(store="Zapatería Núñez", locale="es_ES", currency="EUR",
                             footer=("¡Gracias por su compra!",))
    data = receipt_from_order(
        order_json(currency_code="EUR"),
        [{"name": "Piña colada sin alcohol", "quantity": 1, "total_ex_tax": "30.00"}],
        options,
    )
    printer = ReceiptPrinter(printer_server.uri, locale="es_ES")
    try:
        await printer.print_receipt(data)
    finally:
        printer.close()
    (job,) = printer_server.wait_jobs(1)
    assert job.codepages == [19]  # CP858: CP850 with the euro sign
    text = job.text
    assert "Zapatería Núñez" in text
    assert "Pedido #101" in text
    assert "1 x Piña colada sin alcohol" in text
    assert "¡Gracias por su compra!" in text
    total = next(line for line in job.lines if line.startswith("Total"))
    assert total.endswith("29,16 €")
    assert "Estado: Pendiente de preparación" in text


async def test_printer_off_is_reported_then_back_and_reprinted(
    printer_server: EscPosServer,
) -> None:
    printer = ReceiptPrinter(printer_server.uri)
    seen: list[PrinterStatus] = []
    printer.add_listener(seen.append)
    printer_server.stop()  # the printer is switched off: connections are refused
    try:
        with pytest.raises(PrinterOffline) as raised:
            await printer.print_receipt(receipt())
        assert "does not answer" in str(raised.value)
        assert printer.status.state is PrinterState.OFFLINE
        assert printer.status.message == str(raised.value)
        assert seen[-1].state is PrinterState.OFFLINE
        assert printer.last_receipt is not None

        printer_server.start()  # switched on again, same address
        again = await printer.reprint()
        assert again.order_id == 101
        assert printer.status == PrinterStatus(PrinterState.READY)
        assert seen[-1].state is PrinterState.READY
    finally:
        printer.close()
    (job,) = printer_server.wait_jobs(1)
    assert "*** COPY ***" in job.text
    assert "Order #101" in job.text and job.cuts == 1 and job.pulses == []


async def test_paper_out_is_reported_and_nothing_is_printed(
    printer_server: EscPosServer,
) -> None:
    printer_server.paper_out = True
    printer = ReceiptPrinter(printer_server.uri)
    drawer = CashDrawer(printer, pin=2)
    try:
        with pytest.raises(PaperOut):
            await drawer.sale_paid(receipt(), "cash")
        assert printer.status.state is PrinterState.PAPER_OUT
        assert "out of paper" in printer.status.message
        printer_server.paper_out = False
        await printer.reprint()
    finally:
        printer.close()
    first, second = printer_server.wait_jobs(2)
    assert first.status_requests == 1 and not first.printed and first.pulses == []
    assert second.printed and "*** COPY ***" in second.text
    assert second.pulses == []  # a reprint never opens the drawer
    assert drawer.opened == []


async def test_printing_runs_off_the_event_loop() -> None:
    """The loop keeps running while a job is under way, in a thread of its own."""
    loop = asyncio.get_running_loop()
    started: asyncio.Future[threading.Thread] = loop.create_future()
    gate = threading.Event()
    sent: list[bytes] = []

    def send(uri: object, data: bytes) -> None:
        loop.call_soon_threadsafe(started.set_result, threading.current_thread())
        assert gate.wait(10)
        sent.append(data)

    printer = ReceiptPrinter("tcp://127.0.0.1:9", send=send)
    try:
        task = asyncio.ensure_future(printer.print_receipt(receipt()))
        worker = await asyncio.wait_for(started, 10)
        assert worker is not threading.current_thread()
        assert printer.status.state is PrinterState.PRINTING
        assert not task.done()
        gate.set()
        await asyncio.wait_for(task, 10)
    finally:
        printer.close()
    assert len(sent) == 1 and b"Order #101" in sent[0]


def test_receipt_model_follows_the_order_as_the_store_holds_it() -> None:
    data = receipt()
    assert data.order_id == 101
    assert data.lines == (("Walking shoe (S, Red)", 2, Decimal("20.0000")),
                          ("Socks", 1, Decimal("10.0000")))
    assert dict(data.rows) == {"Subtotal": Decimal("30.0000"), "Discounts": Decimal("-3.0000"),
                               "Tax": Decimal("2.1600")}
    assert data.total == Decimal("29.1600")
    fields = data.pdf_fields()
    assert fields["lines"][0] == ("Walking shoe (S, Red)", 2, Decimal("20.0000"))
    assert fields["header"] == ("1 Main St", "Austin TX")


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (OSError(13, "Access denied (insufficient permissions)"), "PrinterUnavailable",
         "udev rule"),
        (OSError(16, "Resource busy"), "PrinterUnavailable", "usblp"),
        (OSError(19, "No such device (it may have been disconnected)"), "PrinterOffline",
         "does not answer"),
    ],
)
def test_usb_failures_say_what_to_do(error: OSError, kind: str, words: str) -> None:
    from pos.hardware.printer import _usb_error
    from pos.hardware.uri import parse_printer_uri

    # python-escpos wraps pyusb's error in its own while handling it.
    try:
        try:
            raise error
        except OSError:
            raise RuntimeError("Unable to open USB printer") from None
    except RuntimeError as wrapped:
        wrapped.__context__ = error
        mapped = _usb_error(parse_printer_uri("usb://04b8:0202"), wrapped)
    assert type(mapped).__name__ == kind
    assert words in str(mapped)


def test_an_unplugged_usb_printer_is_offline() -> None:
    from pos.hardware.printer import open_device
    from pos.hardware.uri import parse_printer_uri

    with pytest.raises(PrinterOffline):
        open_device(parse_printer_uri("usb://04b8:0e99"))  # no such device on this machine
