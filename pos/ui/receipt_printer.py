"""``qt://PRINTER``: a receipt printed on a system printer through Qt, with no dialog.

The fallback for printers that speak no ESC/POS (or are only reachable through the
system's driver). Qt's print system runs on the GUI thread, so the hardware room calls
:func:`print_with_qt` (given to :class:`pos.hardware.printer.ReceiptPrinter` as
``qt_print``) on the event loop's thread. It cannot open a drawer or read the paper sensor.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from pos.hardware.printer import PrinterOffline, PrinterUnavailable
from pos.hardware.receipt import Receipt
from pos.hardware.uri import PrinterUri
from pos.ui.receipt import ReceiptData, document

__all__ = ["print_with_qt"]


def print_with_qt(receipt: Receipt, uri: PrinterUri, paper_width: int, copy: bool) -> None:
    """Print ``receipt`` on the system printer ``uri.name`` (the default one when empty)."""
    info = QPrinterInfo.printerInfo(uri.name) if uri.name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        raise PrinterOffline(QCoreApplication.translate(
            "ReceiptPrinter", "The system has no printer named {name}. Check the printer's "
            "name (the system's printer settings list them)."
        ).format(name=uri.name or "(default)"))
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    if not printer.isValid():
        raise PrinterUnavailable(QCoreApplication.translate(
            "ReceiptPrinter", "The system printer {name} cannot be used now."
        ).format(name=info.printerName()))
    printer.setDocName(QCoreApplication.translate("ReceiptPrinter", "Receipt"))
    printer.setPageLayout(QPageLayout(
        QPageSize(QSizeF(float(paper_width), 297.0), QPageSize.Unit.Millimeter),
        QPageLayout.Orientation.Portrait, QMarginsF(3, 3, 3, 3), QPageLayout.Unit.Millimeter,
    ))
    fields = receipt.pdf_fields()
    if copy:
        fields["header"] = (*fields["header"], f"*** {receipt.labels['copy']} ***")
    doc = document(ReceiptData(**fields))
    doc.print_(printer)
