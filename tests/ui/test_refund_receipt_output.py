"""The refund receipt leaves the return flow: printed on the profile's receipt printer
when it names one (here a listening ESC/POS printer on loopback), else through Qt's print
dialog; saved as a PDF where the clerk chooses."""

from __future__ import annotations

import sys
from pathlib import Path

from openapi_support import StoreHttp, card, line_item, sellable_variants
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QFileDialog

from pos.hardware.counter import Counter
from pos.hardware.settings import HardwareSettings
from pos.hardware.uri import parse_printer_uri
from pos.ui.returns import ReturnsDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hardware"))
from escpos_server import EscPosServer


def _paid_order(store) -> int:
    with StoreHttp(store.info) as http:
        product, variant = sellable_variants(http.products(), min_stock=20)[-2]
        _cart, order_id = http.ready_order([line_item(product, variant, 1)])
        method = http.card_method(order_id)
        r = http.pay(http.access_token(order_id), card("4242424242424242"),
                     method_id=method["id"])
        assert r.status_code == 201, r.text
    return order_id


def _refunded(qtbot, window, store) -> ReturnsDialog:
    order_id = _paid_order(store)
    window.returns_factory = window.engine.new_returns
    window.open_returns()
    dialog = window.returns_dialog
    assert isinstance(dialog, ReturnsDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.print_button.isVisible() and not dialog.pdf_button.isVisible()
    dialog.scanned(str(order_id))
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    dialog.table.cellWidget(0, 3).setValue(1)
    dialog.quote_button.click()
    qtbot.waitUntil(dialog.refund_button.isEnabled, timeout=10_000)
    dialog.refund_button.click()
    qtbot.waitUntil(lambda: dialog.outcome_shown is not None, timeout=10_000)
    assert dialog.outcome_shown.outcome == "refunded", dialog.message.text()
    assert dialog.print_button.isVisible() and dialog.pdf_button.isVisible()
    assert not dialog.void_button.isVisible()  # a refunded payment is not voided
    return dialog


def test_the_refund_receipt_prints_on_the_profiles_printer(qtbot, window, store) -> None:
    with EscPosServer() as printer:
        counter = Counter(HardwareSettings(printer=parse_printer_uri(printer.uri)))
        window.counter = counter
        try:
            dialog = _refunded(qtbot, window, store)
            order_id = dialog.outcome_shown.order_id
            dialog.print_button.click()
            # The job goes out from the event loop: keep it running while it does.
            qtbot.waitUntil(lambda: "printed" in dialog.message.text(), timeout=10_000)
            (job,) = printer.wait_jobs(1)
        finally:
            window.counter = None
            counter.close()
    assert "*** REFUND ***" in job.text and f"Order #{order_id}" in job.text
    assert f"-${dialog.outcome_shown.amount}" in job.text
    assert job.barcodes == [("CODE128", str(order_id))] and job.cuts == 1
    dialog.reject()


def test_without_a_printer_qt_prints_and_the_pdf_goes_where_chosen(
    qtbot, window, store, tmp_path
) -> None:
    dialog = _refunded(qtbot, window, store)
    dialog.print_button.click()
    printing = dialog._dialog[0]
    assert isinstance(printing, QPrintDialog) and printing.isVisible()
    printing.reject()
    dialog.pdf_button.click()
    chooser = dialog._dialog
    assert isinstance(chooser, QFileDialog) and chooser.isVisible()
    target = tmp_path / "chosen" / "refund.pdf"
    target.parent.mkdir()
    chooser.selectFile(str(target))
    chooser.accept()
    qtbot.waitUntil(target.is_file, timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in dialog.message.text()
    dialog.save_pdf_chosen(str(tmp_path / "missing-folder" / "x.pdf"))
    assert "could not be saved" in dialog.message.text()
    dialog.reject()
