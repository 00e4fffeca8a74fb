"""The header's printer indicator follows the printer: off, back, reprint."""

from __future__ import annotations

from typing import Any

import pytest
from escpos_server import EscPosServer
from hardware_support import order_json, products_json

from pos.hardware.printer import PrinterOffline, ReceiptPrinter
from pos.hardware.receipt import ReceiptOptions, receipt_from_order
from pos.ui.printer_status import PrinterStatusIndicator


async def test_indicator_shows_the_printer_off_then_hides_when_it_is_back(
    qtbot: Any, printer_server: EscPosServer,
) -> None:
    from PySide6.QtWidgets import QWidget

    printer = ReceiptPrinter(printer_server.uri)
    header = QWidget()
    qtbot.addWidget(header)
    indicator = PrinterStatusIndicator(printer, header)
    header.show()
    assert indicator.isHidden()  # nothing to say while all is well
    requested: list[bool] = []
    indicator.reprint_requested.connect(lambda: requested.append(True))
    receipt = receipt_from_order(order_json(), products_json(), ReceiptOptions())
    printer_server.stop()
    try:
        with pytest.raises(PrinterOffline):
            await printer.print_receipt(receipt)
        assert indicator.isVisible()
        assert indicator.label.text() == "The receipt printer is off or unplugged"
        assert "does not answer" in indicator.label.toolTip()
        assert indicator.reprint.isVisible()
        indicator.reprint.click()
        assert requested == [True]
        printer_server.start()
        await printer.reprint()
        assert indicator.isHidden()
    finally:
        printer.close()
        indicator.stop()
    assert "*** COPY ***" in printer_server.wait_jobs(1)[0].text
