"""The receipt carries the profile's header and footer lines, the terminal, the date and time;
printing starts on the profile's printer; Save as PDF starts in Documents and says where."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QLocale, QSizeF
from ui_helpers import PROFILE, pay_new_card, to_payment, wait_page, wiz

from pos.ui import receipt
from pos.ui.pages import PAGE_DONE
from pos.ui.profile import ScreenProfile, screen_profile_for
from pos.ui.wizard import RegisterWindow

RECEIPT_PROFILE = replace(
    PROFILE,
    terminal="Front counter 2",
    receipt_header=("Main Street Shop", "1 Sandbox Street, Austin"),
    receipt_footer=("Returns within 30 days", "See you soon"),
    printer="Counter printer",
)


def _paid_window(qtbot, register, profile: ScreenProfile) -> RegisterWindow:
    win = register(profile=profile)
    to_payment(qtbot, win)
    pay_new_card(qtbot, win, "4242424242424242")
    wait_page(qtbot, win, PAGE_DONE)
    return win


@pytest.fixture
def paid(qtbot, register):
    return _paid_window(qtbot, register, RECEIPT_PROFILE)


def test_the_receipt_has_the_profiles_lines_terminal_and_date(qtbot, paid):
    done = wiz(paid).done_page
    text = done.preview.toPlainText()
    for line in ("Main Street Shop", "1 Sandbox Street, Austin", "Returns within 30 days",
                 "See you soon", "Terminal: Front counter 2"):
        assert line in text
    assert "Thank you!" not in text  # the profile's footer replaces it
    today = QLocale("en_US").toString(QDateTime.currentDateTime().date(),
                                      QLocale.FormatType.ShortFormat)
    assert today in text
    assert text.index("Main Street Shop") < text.index("Order") < text.index("See you soon")
    assert "4242424242424242" not in text


def test_without_footer_lines_the_receipt_thanks(qtbot, register):
    win = _paid_window(qtbot, register, PROFILE)
    text = wiz(win).done_page.preview.toPlainText()
    assert "Thank you!" in text
    assert "Terminal: Till 1" in text


def test_the_date_and_time_follow_the_profiles_locale():
    when = datetime(2026, 3, 4, 17, 5, tzinfo=UTC).astimezone()
    data = receipt.ReceiptData(store="S", order_id=1, status="", transaction_id="",
                               masked_card="", currency="EUR", locale="de_DE", when=when)
    html = receipt.receipt_html(data)
    local = when.astimezone()
    assert f"{local:%d.%m.%y} {local:%H:%M}" in html  # German short format
    data.locale = "en_US"
    assert f"{local.month}/{local.day}/{local:%y}" in receipt.receipt_html(data)


def test_the_pdf_carries_the_receipt(qtbot, paid, tmp_path):
    done = wiz(paid).done_page
    path = done.save_pdf(tmp_path / "receipt.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"4242424242424242" not in data
    # The PDF is the same document as the preview (its text streams are compressed).
    doc = receipt.document(done.data)
    assert "Returns within 30 days" in doc.toPlainText()
    assert "Terminal: Front counter 2" in doc.toPlainText()


def test_printing_starts_on_the_profiles_printer(qtbot, paid, monkeypatch):
    from PySide6 import QtPrintSupport

    chosen: list[str] = []

    class Printer(QtPrintSupport.QPrinter):
        def setPrinterName(self, name: str) -> None:
            chosen.append(name)
            super().setPrinterName(name)

    monkeypatch.setattr(QtPrintSupport, "QPrinter", Printer)
    done = wiz(paid).done_page
    done.make_printer()
    assert chosen == ["Counter printer"]


def test_no_printer_named_leaves_the_systems_default(qtbot, register, monkeypatch):
    from PySide6 import QtPrintSupport

    chosen: list[str] = []

    class Printer(QtPrintSupport.QPrinter):
        def setPrinterName(self, name: str) -> None:
            chosen.append(name)

    monkeypatch.setattr(QtPrintSupport, "QPrinter", Printer)
    win = _paid_window(qtbot, register, PROFILE)
    wiz(win).done_page.make_printer()
    assert chosen == []


def test_the_screen_profile_carries_the_receipt_fields():
    from pos.stores.profiles import Profile

    profile = Profile(name="shop", store_hash="abc123", channel_id=1, terminal_name="Till 9",
                      receipt_header=("Top",), receipt_footer=("Bottom",), printer="P1")
    screen = screen_profile_for(profile)
    assert (screen.terminal, screen.receipt_header, screen.receipt_footer, screen.printer) == (
        "Till 9", ("Top",), ("Bottom",), "P1")


def test_save_as_pdf_starts_in_documents_and_says_where(qtbot, paid, tmp_path, monkeypatch):
    docs = tmp_path / "Papers"
    docs.mkdir()
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{docs}"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    done = wiz(paid).done_page
    done.ask_pdf_path()
    dialog = done._dialog
    try:
        assert Path(dialog.directory().absolutePath()) == docs
        target = docs / "receipt-1.pdf"
        dialog.fileSelected.emit(str(target))
        assert target.read_bytes().startswith(b"%PDF")
        assert done.notice.isVisible()
        assert done.notice.text() == f"Saved to {target}"
    finally:
        dialog.close()


def test_a_pdf_that_cannot_be_written_says_so(qtbot, paid, tmp_path):
    done = wiz(paid).done_page
    target = tmp_path / "missing" / "receipt.pdf"
    done.save_pdf_chosen(str(target))
    assert not done.notice.isVisible()
    assert done.error_label.isVisible()
    assert "could not be saved" in done.error_label.text()


def test_the_pdf_text_is_readable_at_80_mm(qtbot, paid):
    """Every line of the PDF receipt is at least 8 pt high (thermal printers print 8-10 pt),
    never the 3 pt a screen-sized font gives on a 300 dpi page."""
    done = wiz(paid).done_page
    doc = receipt.pdf_document(done.data)
    doc.setPageSize(QSizeF(72 * receipt.PDF_DPI / 25.4, 10_000))
    layout = doc.documentLayout()
    heights = []
    block = doc.begin()
    while block.isValid():
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            if block.text().strip():
                heights.append(line.height() * 72 / receipt.PDF_DPI)
        block = block.next()
    assert heights and layout is not None
    assert min(heights) >= 8, min(heights)


def test_a_resumed_sales_receipt_comes_from_the_order_the_store_holds(qtbot, paid):
    """A sale resumed after a crash holds no lines on screen: its receipt still lists the
    order's items and total, read from the store."""
    from pos.ui.pages import PAGE_DONE

    result = paid.view.sale.result
    total = paid.view.sale.totals.grand_total
    names = [line.name for line in paid.view.sale.lines]
    # As RegisterWindow.resume_sale opens a paid sale: the Done page of a sale whose lines
    # this screen never saw.
    wizard = paid.start_sale(paid._sale_factory(), start_id=PAGE_DONE)
    wizard.done_page.set_result(result)
    done = wizard.done_page
    qtbot.waitUntil(lambda: done.data is not None and bool(done.data.lines), timeout=10_000)
    assert done.data.total == total
    assert done.data.order_id == result.order_id
    assert [name for name, _qty, _amount in done.data.lines] == names
    assert "$0.00" not in receipt.receipt_html(done.data).split("Total")[-1]


def test_print_goes_to_the_profiles_printer_without_a_dialog(qtbot, paid):
    """With a printer in the profile, Print (Ctrl+P) prints the order's receipt there at
    once; no print dialog opens."""
    from PySide6.QtWidgets import QDialog, QWizard

    printed: list[int] = []

    async def silent_print(order_id: int) -> bool:
        printed.append(order_id)
        return True

    done = wiz(paid).done_page
    done.silent_print = silent_print
    done.print_receipt()
    qtbot.waitUntil(lambda: printed == [done.result.order_id], timeout=5000)
    qtbot.waitUntil(lambda: "printed" in done.notice.text(), timeout=5000)
    assert not [d for d in paid.findChildren(QDialog)
                if d.isVisible() and not isinstance(d, QWizard)]


def _runs(bits: str) -> list[int]:
    """Lengths of the alternating runs of ``bits``, first to last dark pixel."""
    bits = bits.strip("0")
    runs: list[int] = []
    for i, bit in enumerate(bits):
        if i and bit == bits[i - 1]:
            runs[-1] += 1
        else:
            runs.append(1)
    return runs


def test_the_preview_shows_the_order_ids_barcode(qtbot, paid):
    """The Done page's preview draws the order id's Code 128 barcode (not a broken image):
    its document holds the image the receipt refers to, and the widget's pixels show the
    bars of the order id's pattern."""
    import barcode
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QImage, QTextDocument

    done = wiz(paid).done_page
    order_id = str(done.result.order_id)
    image = done.preview.document().resource(QTextDocument.ResourceType.ImageResource,
                                             QUrl(receipt.BARCODE_URL))
    assert isinstance(image, QImage) and not image.isNull()

    [pattern] = barcode.get("code128", order_id).build()
    expected = _runs(pattern)
    bar = done.preview.verticalScrollBar()
    bar.setValue(bar.maximum())  # the barcode ends the receipt
    shot = done.preview.viewport().grab().toImage()

    def drawn(y: int) -> bool:
        bits = "".join("1" if QColor(shot.pixel(x, y)).lightness() < 128 else "0"
                       for x in range(shot.width()))
        runs = _runs(bits)
        scale = runs[0] // expected[0] if runs else 0
        return scale > 0 and runs == [r * scale for r in expected]

    assert any(drawn(y) for y in range(shot.height()))
