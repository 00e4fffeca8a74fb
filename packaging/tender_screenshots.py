"""Screenshots of the tender choice (cash), the change screen and a Z report (screen and
PDF), from the real wizard against the sandbox store.

    xvfb-run -a python packaging/tender_screenshots.py OUT_DIR [--lang es_ES]

Saves ``10-tender-cash.png``, ``11-change-due.png``, ``12-z-report.png``,
``13-z-report-pdf.png`` (the PDF's page as laid out), ``14-tender-gift.png`` (a gift
certificate's balance shown before use) plus ``z-report.pdf``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshots import Session, run_register, to_known_customer, until


async def drive(session: Session) -> None:

    from pos.shift import ShiftLedger
    from pos.ui import pages
    from pos.ui.shift_report import save_report_pdf
    from pos.ui.shift_screens import ZReportView

    async def settle() -> None:
        await asyncio.sleep(0.4)  # let layouts settle and the busy indicator go

    window, out, store = session.window, session.out, session.store
    w = window.wizard
    view = window.view
    window.activateWindow()
    await until(lambda: not view.busy.is_busy)
    # The window's shift (its Shift menu): the cash sale below is entered in it with the
    # store's figures (taxes by name).
    ledger: ShiftLedger = window.shift.ledger
    ledger.open(currency="USD", denominations={"20.00": 3, "10.00": 2, "5.00": 4})
    window.shift.refresh()
    w.next()
    items = w.items_page
    await until(lambda: window.engine_ready)
    for text in ("mug", "tote"):
        items.search.setText(text)
        items._start_search()
        await until(lambda: items.results.rowCount() > 0)
        items.submit_search_box()
        await until(lambda: not view.busy.is_busy and items.search.text() == "")
    await until(lambda: not view.sale.waiting_scans)  # the scans are in the store's cart
    await to_known_customer(window, store)
    w.next()
    await until(lambda: w.currentId() == pages.PAGE_FULFILMENT)
    w.next()
    await until(lambda: w.currentId() == pages.PAGE_PAYMENT)
    payment = w.payment_page
    await until(lambda: payment.options is not None and not view.busy.is_busy)
    # A gift certificate: its balance looked up and shown before it is used.
    payment.tender.gift_radio.click()
    payment.tender.gift_code.setText("GIFT-0025-DEMO")
    payment.tender.gift_check.click()
    await until(lambda: payment.tender.gift_checked and not view.busy.is_busy)
    await settle()
    window.grab().save(str(out / "14-tender-gift.png"))
    payment.tender.gift_code.clear()
    payment.tender.cash_radio.click()
    payment.tender.quick_buttons[2].click()
    await settle()
    window.grab().save(str(out / "10-tender-cash.png"))
    payment.charge()
    await until(lambda: getattr(payment, "change_screen", None) is not None, seconds=60)
    await settle()
    payment.change_screen.resize(420, 300)
    await settle()
    payment.change_screen.grab().save(str(out / "11-change-due.png"))
    payment.change_screen.accept()
    order = view.sale.order_id
    shift_id = ledger.require().shift_id
    await until(lambda: order in ledger.shift_order_ids(shift_id))
    # Two more sales of the day, as other tenders enter them (for the picture).
    ledger.record_sale(order + 1000, "terminal", Decimal("18.40"),
                       taxes={"Sales Tax": Decimal("1.40")})
    ledger.record_sale(order + 1001, "card", Decimal("64.00"),
                       taxes={"Sales Tax": Decimal("4.87")})
    ledger.record_refund("cash", Decimal("4.50"), order)
    ledger.paid_in("20.00", "Change from the bank")
    ledger.paid_out("6.80", "Milk for the staff room")
    expected = Decimal(ledger.x_report()["expected_cash"])
    report = ledger.close(expected - Decimal("1.20"), unmatched=[
        {"order_id": order + 1000, "where": "shift only"}])
    z = ZReportView(report)
    z.resize(560, 760)
    z.show()
    await settle()
    z.grab().save(str(out / "12-z-report.png"))
    pdf = out / "z-report.pdf"
    save_report_pdf(report, pdf)
    # The PDF's page as laid out: the same document on an A4 page (595 x 842 points,
    # 15 mm margins), painted on an image (no PDF renderer is needed to look at it).
    from PySide6.QtCore import QSizeF, Qt
    from PySide6.QtGui import QImage, QPainter

    from pos.ui.shift_report import report_document

    page = QImage(595, 842, QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    doc = report_document(report)
    doc.setPageSize(QSizeF(595 - 85, 842 - 85))
    painter = QPainter(page)
    painter.translate(42.5, 42.5)
    doc.drawContents(painter)
    painter.end()
    page.save(str(out / "13-z-report-pdf.png"))
    z.close()


def fit_out_shift(session: Session) -> None:
    """The window's shift (its Shift menu), kept in the run's private folder."""
    from pos.ui.app import attach_shift

    attach_shift(session.window, session.profile, data_dir=session.data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="en_US", help="e.g. es_ES")
    parser.add_argument("--size", default="1024x720")
    args = parser.parse_args(argv)
    return run_register(drive, args.out, lang=args.lang, size=args.size,
                        fit_out=fit_out_shift)


if __name__ == "__main__":
    sys.exit(main())
