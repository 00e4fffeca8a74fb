"""Done: order number, status, transaction id, masked card, receipt; print, PDF, new sale."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from pos.sale import PaymentResult
from pos.ui import receipt
from pos.ui.adapter import SaleView
from pos.ui.pages.base import SalePage
from pos.ui.profile import ScreenProfile
from pos.ui.sale_messages import order_status_name
from pos.ui.wording import say

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


def documents_folder() -> Path:
    """Where "Save as PDF" starts: the user's Documents folder, or home without one."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


class DonePage(SalePage):
    new_sale_requested = Signal()

    def __init__(self, view: SaleView, profile: ScreenProfile, parent: QWidget | None = None):
        super().__init__(view, profile, parent)
        self.setTitle(self.tr("Done"))
        self.setSubTitle(self.tr("The sale is paid."))
        self.result: PaymentResult | None = None
        self.data: receipt.ReceiptData | None = None
        # Prints order N's receipt on the profile's printer with no dialog (set by the
        # window when the profile names a printer: pos.hardware.counter.Counter).
        self.silent_print: Callable[[int], Awaitable[object]] | None = None
        form = QFormLayout()
        self.order = QLabel(self)
        self.status = QLabel(self)
        self.transaction = QLabel(self)
        self.card = QLabel(self)
        for label_text, widget in ((self.tr("Order number:"), self.order),
                                   (self.tr("Status:"), self.status),
                                   (self.tr("Transaction:"), self.transaction),
                                   (self.tr("Card:"), self.card)):
            widget.setAccessibleName(label_text.rstrip(":"))
            form.addRow(label_text, widget)
        self.body.addLayout(form)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(self.tr("Receipt preview"))
        self.body.addWidget(self.preview, 1)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print… (Ctrl+P)"), self)
        self.pdf_button = QPushButton(self.tr("Save as P&DF… (Ctrl+S)"), self)
        self.new_button = QPushButton(self.tr("&New sale (Ctrl+N)"), self)
        for button in (self.print_button, self.pdf_button, self.new_button):
            button.setAccessibleName(button.text().replace("&", ""))
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.print_button.clicked.connect(self.print_receipt)
        self.pdf_button.clicked.connect(self.ask_pdf_path)
        self.new_button.clicked.connect(self.new_sale_requested)
        for keys, slot in ((QKeySequence.StandardKey.Print, self.print_receipt),
                           (QKeySequence.StandardKey.Save, self.ask_pdf_path)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
        self._dialog: object = None  # the open file or print dialog, kept alive
        self._receipt_of: int | None = None  # the order whose receipt is read, or being read

    def set_result(self, result: PaymentResult) -> None:
        self.result = result
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self.initializePage()

    def initializePage(self) -> None:
        if self.result is None:
            self.result = self.view.sale.result
        result = self.result
        self.order.setText(str(result.order_id or "") if result is not None else "")
        self.status.setText(order_status_name(result.status_id, result.status or "")
                            if result is not None else "")
        self.transaction.setText((result.transaction_id or "") if result is not None else "")
        self.card.setText(say(result.masked_card or "") if result is not None else "")
        # Each value is read with its caption ("Order number: 1234"), not the caption alone.
        for caption, label in ((self.tr("Order number"), self.order),
                               (self.tr("Status"), self.status),
                               (self.tr("Transaction"), self.transaction),
                               (self.tr("Card"), self.card)):
            label.setAccessibleName(f"{caption}: {label.text()}" if label.text() else caption)
        self.data = receipt.ReceiptData.from_sale(
            self.view.sale, result, store=self.profile.store, locale=self.profile.locale,
            terminal=self.profile.terminal, header=self.profile.receipt_header,
            footer=self.profile.receipt_footer,
        )
        self._show_receipt(self.data)
        if result is not None and result.order_id and self._receipt_of != result.order_id:
            self._read_receipt(int(result.order_id))
        if result is not None and result.outcome == "paid":
            # Shown: the journal stops presenting this sale's outcome as undelivered.
            self.view.run(self.view.sale.mark_delivered, exclusive=False,
                          on_error=lambda exc: None)
        # Focus the receipt, not New sale: an Enter typed just after charging must not hide
        # the order number before the clerk has read it. New sale is Ctrl+N or its button.
        self.preview.setFocus()

    def _show_receipt(self, data: receipt.ReceiptData) -> None:
        """The receipt in the preview, with the image of its order id's barcode."""
        if data.order_id is not None:
            self.preview.document().addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(receipt.BARCODE_URL),
                receipt.code128_image(str(data.order_id)))
        self.preview.setHtml(receipt.receipt_html(data))

    def _print_silently(self, order_id: int) -> None:
        silent_print = self.silent_print
        assert silent_print is not None
        self.show_error(None)
        self.show_notice(self.tr("Printing the receipt…"))

        def printed(_: object) -> None:
            self.show_notice(self.tr("The receipt was printed."))

        def failed(exc: BaseException) -> None:
            self.show_notice(None)
            self.show_error(self.tr("The receipt was not printed: %1").replace("%1", str(exc)),
                            retry=lambda: self._print_silently(order_id))

        self.view.runner.start(lambda: silent_print(order_id), on_result=printed,
                               on_error=failed)

    def _read_receipt(self, order_id: int) -> None:
        """The receipt as the store holds the order (its lines, totals and payment), never
        only what this screen still holds: a sale resumed after a crash holds no lines.
        A paid sale read its order with its products to confirm the payment: the receipt
        is built from that read, with no call to the store. Otherwise the order is read
        (and its transactions, when the card is not known)."""
        from pos.hardware.counter import fetch_receipt, receipt_of
        from pos.hardware.receipt import Receipt, ReceiptOptions
        from pos.ui.wording import register_language

        options = ReceiptOptions(
            store=self.profile.store, locale=self.profile.locale,
            language=register_language(),  # the clerk's, as the receipt on the screen
            currency=self.data.currency if self.data is not None else self.profile.currency,
            terminal=self.profile.terminal, header=tuple(self.profile.receipt_header),
            footer=tuple(self.profile.receipt_footer))
        self._receipt_of = order_id  # shown again (the result told again): not read again
        sale = self.view.sale
        result = self.result
        masked = result.masked_card if result is not None else None
        reference = result.transaction_id if result is not None else None

        def read(found: Receipt) -> None:
            fields = found.pdf_fields()
            if self.data is not None and self.data.when is not None:
                fields["when"] = fields.get("when") or self.data.when
            self.data = receipt.ReceiptData(**fields)
            self._show_receipt(self.data)

        confirmed = sale.confirmed_order
        if confirmed is not None and confirmed.order.id == order_id:
            read(receipt_of(confirmed, options, masked_card=masked, transaction_id=reference))
            return

        def failed(exc: BaseException) -> None:
            self._receipt_of = None
            self.show_error(self.tr("The receipt could not be read from the store: %1")
                            .replace("%1", self.view.message_for(exc)),
                            retry=lambda: self._read_receipt(order_id))

        client = sale.client
        self.view.runner.start(
            lambda: fetch_receipt(client, order_id, options, masked_card=masked,
                                  transaction_id=reference),
            on_result=read, on_error=failed)

    # -- output ---------------------------------------------------------------------------

    def save_pdf(self, path: Path) -> Path:
        assert self.data is not None
        return receipt.save_pdf(self.data, path)

    def save_pdf_chosen(self, name: str) -> None:
        """Write the receipt where the clerk chose, and say where it went (or why not)."""
        if not name:
            return
        try:
            path = self.save_pdf(Path(name))
        except OSError as exc:
            self.show_notice(None)
            self.show_error(self.tr("The receipt could not be saved: %1")
                            .replace("%1", exc.strerror or str(exc)))
            return
        if not path.is_file():  # QPdfWriter says nothing when it cannot write
            self.show_notice(None)
            self.show_error(self.tr("The receipt could not be saved to %1.")
                            .replace("%1", str(path)))
            return
        self.show_error(None)
        self.show_notice(self.tr("Saved to %1").replace("%1", str(path)))

    def ask_pdf_path(self) -> None:
        if self.data is None:
            return
        dialog = QFileDialog(self, self.tr("Save the receipt as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(str(documents_folder()))
        order_id = self.result.order_id if self.result is not None else None
        dialog.selectFile(f"receipt-{order_id or ''}.pdf")
        dialog.fileSelected.connect(self.save_pdf_chosen)
        self._dialog = dialog
        dialog.open()  # never exec(): the loop keeps running

    def make_printer(self) -> QPrinter:
        """A ``QPrinter`` set to the profile's printer (when it names one), which the print
        dialog then offers first."""
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.profile.printer:
            printer.setPrinterName(self.profile.printer)
        return printer

    def print_receipt(self) -> None:
        if self.data is None:
            return
        order_id = self.result.order_id if self.result is not None else None
        if self.silent_print is not None and order_id:
            # The profile names the counter's printer: print there, with no dialog.
            self._print_silently(int(order_id))
            return
        from PySide6.QtPrintSupport import QPrintDialog

        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        doc = receipt.document(self.data)

        def accepted() -> None:
            doc.print_(printer)

        dialog.accepted.connect(accepted)
        self._dialog = (dialog, printer, doc)
        dialog.setModal(True)
        dialog.show()  # never exec(): the loop keeps running
