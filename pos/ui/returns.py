"""The return flow: find the sale (scan the receipt's barcode, type the order number),
choose lines and quantities (never more than remains refundable), restock per line, a
reason from the profile's list, shipping or not; the store's quote shown; confirm; the
refund receipt. A void is offered instead while the payment has not settled.

The dialog is a view of :class:`pos.returns.Returns`; the approval overlay of
:mod:`pos.ui.sign_in` gates the refund and the void when the register has staff.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pos.returns import (
    OrderView,
    QuoteChanged,
    QuoteView,
    RefundResult,
    ReturnLine,
    Returns,
    ReturnsError,
)
from pos.sale.money import format_money
from pos.ui.async_qt import Busy, TaskRunner
from pos.ui.sale_messages import order_status_name

if TYPE_CHECKING:
    from pos.hardware.receipt import Receipt, ReceiptOptions
    from pos.returns.index import IndexedSale, SalesIndex
    from pos.staff.desk import StaffDesk
    from pos.ui.receipt import ReceiptData
    from pos.ui.sign_in import ApprovalOverlay

#: Asks for an approval of ("refund" | "void", order id); raises when it is refused.
Approve = Callable[[str, int], Awaitable[None]]


class ReturnsDialog(QDialog):
    """Find a sale, refund or void it. ``returns`` is the store's returns engine."""

    def __init__(self, returns: Returns, *, locale: str = "en_US", store: str = "",
                 desk: StaffDesk | None = None, index: SalesIndex | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.returns = returns
        self.index = index if index is not None else returns.index
        self.approval: ApprovalOverlay | None = None
        if desk is not None and desk.required:
            # A clerk whose role lacks the refund or the void asks a manager here.
            from pos.returns.approval import staff_gate
            from pos.ui.sign_in import ApprovalOverlay

            self.approval = ApprovalOverlay(self, desk)
            returns.set_approver(staff_gate(desk, self.approval.ask))
        self.money_locale = locale
        self.store = store
        self.view: OrderView | None = None
        self.quote: QuoteView | None = None
        self.outcome_shown: RefundResult | None = None
        self.receipt_lines: list[ReturnLine] = []
        self.busy = Busy(self)
        self.runner = TaskRunner(self, on_error=self._failed)
        self.setWindowTitle(self.tr("Return"))
        layout = QVBoxLayout(self)
        find = QHBoxLayout()
        self.order_field = QLineEdit(self)
        self.order_field.setPlaceholderText(self.tr("Scan the receipt or type the order number"))
        self.order_field.setAccessibleName(self.tr("Order number"))
        self.order_field.returnPressed.connect(self.find_order)
        self.find_button = QPushButton(self.tr("&Find"), self)
        self.find_button.clicked.connect(self.find_order)
        find.addWidget(self.order_field, 1)
        find.addWidget(self.find_button)
        layout.addLayout(find)
        search = QHBoxLayout()
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(
            self.tr("No receipt? Search by e-mail, card last 4, phone, SKU or name"))
        self.search_field.setAccessibleName(self.tr("Search past sales"))
        self.search_field.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("S&earch"), self)
        self.search_button.clicked.connect(self.search)
        search.addWidget(self.search_field, 1)
        search.addWidget(self.search_button)
        layout.addLayout(search)
        self.found = QListWidget(self)
        self.found.setAccessibleName(self.tr("Sales found"))
        self.found.itemActivated.connect(self._pick)
        self.found.hide()
        layout.addWidget(self.found)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("Item"), self.tr("Bought"), self.tr("Refunded"), self.tr("Return"),
            self.tr("Restock"),
        ])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        options = QHBoxLayout()
        self.shipping = QCheckBox(self.tr("Refund the &shipping"), self)
        self.reason = QComboBox(self)
        self.reason.setAccessibleName(self.tr("Reason"))
        for text in returns.settings.reasons:
            self.reason.addItem(text)
        options.addWidget(self.shipping)
        options.addStretch(1)
        options.addWidget(QLabel(self.tr("Reason:"), self))
        options.addWidget(self.reason)
        layout.addLayout(options)
        self.quote_label = QLabel(self)
        self.quote_label.setObjectName("quote")
        self.quote_label.setWordWrap(True)
        layout.addWidget(self.quote_label)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.void_button = QPushButton(self.tr("&Void the sale"), self)
        self.void_button.clicked.connect(self.void)
        self.quote_button = QPushButton(self.tr("&Quote"), self)
        self.quote_button.clicked.connect(self.get_quote)
        self.refund_button = QPushButton(self.tr("&Refund"), self)
        self.refund_button.clicked.connect(self.refund)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        for b in (self.quote_button, self.refund_button, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.receipt = QTextBrowser(self)
        self.receipt.setAccessibleName(self.tr("Refund receipt"))
        self.receipt.hide()
        layout.addWidget(self.receipt, 1)
        output = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print the receipt…"), self)
        self.print_button.clicked.connect(self.print_receipt)
        self.pdf_button = QPushButton(self.tr("Save the receipt as P&DF…"), self)
        self.pdf_button.clicked.connect(self.ask_pdf_path)
        output.addStretch(1)
        output.addWidget(self.print_button)
        output.addWidget(self.pdf_button)
        layout.addLayout(output)
        #: The refund receipt shown (None until a refund succeeds).
        self.receipt_data: ReceiptData | None = None
        #: Prints a receipt on the profile's printer with no dialog (set by the window
        #: when the profile names one, with the profile's receipt options); without it,
        #: Qt's print dialog.
        self.silent_print: Callable[[Receipt], Awaitable[object]] | None = None
        self.receipt_options: ReceiptOptions | None = None
        self.printed_receipt: Receipt | None = None  # the refund receipt, for the printer
        self._dialog: object = None  # the open file or print dialog, kept alive
        self.resize(720, 560)
        self._refresh_buttons()

    # -- helpers -------------------------------------------------------------------------

    def money(self, amount: Decimal) -> str:
        currency = self.view.currency if self.view is not None else "USD"
        return format_money(amount, currency or "USD", self.money_locale)

    def _refresh_buttons(self) -> None:
        chosen = any(x.quantity for x in self.chosen_lines())
        self.quote_button.setEnabled(self.view is not None and chosen)
        self.refund_button.setEnabled(self.quote is not None)
        # A payment refunded or voided here can no longer be voided.
        self.void_button.setVisible(self.view is not None and self.view.voidable
                                    and self.outcome_shown is None)
        has_receipt = self.receipt_data is not None
        self.print_button.setVisible(has_receipt)
        self.pdf_button.setVisible(has_receipt)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(str(exc) or type(exc).__name__)

    def chosen_lines(self) -> list[ReturnLine]:
        if self.view is None:
            return []
        out = []
        for row, line in enumerate(self.view.lines):
            spin = self.table.cellWidget(row, 3)
            box = self.table.cellWidget(row, 4)
            qty = spin.value() if isinstance(spin, QSpinBox) else 0
            restock = box.isChecked() if isinstance(box, QCheckBox) else False
            out.append(ReturnLine(item_id=line.item_id, quantity=qty, restock=restock,
                                  sku=line.sku, variant_id=line.variant_id))
        return out

    # -- find ------------------------------------------------------------------------------

    def search(self) -> None:
        """The register's index of its sales (brought up to date from the store first),
        merged with the store's own order filters."""
        text = self.search_field.text().strip()
        if not text or self.index is None:
            return
        from pos.returns.index import find_sales, query_for, refresh

        index, client = self.index, self.returns.client
        query = query_for(text)

        async def go() -> list[IndexedSale]:
            import datetime as dt

            since = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=90)
            await refresh(client, index, since=since)
            return await find_sales(client, index, query)

        self.message.setText(self.tr("Searching…"))
        self.runner.start(go, busy=self.busy, on_result=self._found)

    def _found(self, sales: list[IndexedSale]) -> None:
        self.found.clear()
        for sale in sales:
            item = QListWidgetItem(
                f"#{sale.order_id}  {sale.created[:10]}  {self.money(sale.amount)}  "
                f"{sale.customer_name}  {sale.email}"
                + (f"  •••• {sale.last4}" if sale.last4 else ""))
            item.setData(Qt.ItemDataRole.UserRole, sale.order_id)
            self.found.addItem(item)
        self.found.setVisible(bool(sales))
        self.message.setText("" if sales else self.tr("No sale matches."))

    def _pick(self, item: QListWidgetItem) -> None:
        self.order_field.setText(str(item.data(Qt.ItemDataRole.UserRole)))
        self.found.hide()
        self.find_order()

    def scanned(self, code: str) -> None:
        """A scan of the receipt's barcode (the order id)."""
        self.order_field.setText(code)
        self.find_order()

    def find_order(self) -> None:
        text = self.order_field.text().strip().lstrip("#")
        if not text.isdigit():
            self.message.setText(self.tr("Type the order number (digits only)."))
            return
        self.message.setText(self.tr("Looking up the order…"))
        self.runner.start(lambda: self.returns.order(int(text)), busy=self.busy,
                          on_result=self.show_order)

    def show_order(self, view: OrderView) -> None:
        self.view, self.quote, self.outcome_shown = view, None, None
        self.receipt_data = self.printed_receipt = None
        self.quote_label.clear()
        self.message.clear()
        self.receipt.hide()
        status = order_status_name(view.status_id, view.status)
        self.summary.setText(
            self.tr("Order #%1 — %2 — %3 — paid %4, refunded %5")
            .replace("%1", str(view.order_id)).replace("%2", view.customer_name or "-")
            .replace("%3", status).replace("%4", self.money(view.total))
            .replace("%5", self.money(view.refunded_amount))
        )
        self.table.setRowCount(len(view.lines))
        for row, line in enumerate(view.lines):
            self.table.setItem(row, 0, QTableWidgetItem(f"{line.name}  ({line.sku})"))
            for col, value in ((1, line.quantity), (2, line.refunded)):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
            spin = QSpinBox(self.table)
            spin.setRange(0, line.refundable)
            spin.setValue(line.refundable)
            spin.setAccessibleName(self.tr("Quantity to return"))
            spin.valueChanged.connect(self._changed)
            self.table.setCellWidget(row, 3, spin)
            box = QCheckBox(self.table)
            box.setChecked(True)
            box.setAccessibleName(self.tr("Put back on the shelf"))
            self.table.setCellWidget(row, 4, box)
        self.shipping.setEnabled(view.shipping_cost > 0)
        self._refresh_buttons()

    def _changed(self, *_: Any) -> None:
        self.quote = None
        self.quote_label.clear()
        self._refresh_buttons()

    # -- quote, refund, void ---------------------------------------------------------------

    def get_quote(self) -> None:
        if self.view is None:
            return
        order_id = self.view.order_id
        lines = self.chosen_lines()
        self.runner.start(
            lambda: self.returns.quote(order_id, lines, shipping=self.shipping.isChecked(),
                                       reason=self.reason.currentText()),
            busy=self.busy, on_result=self.show_quote,
        )

    def show_quote(self, quote: QuoteView) -> None:
        self.quote = quote
        self.quote_label.setText(
            self.tr("Refund %1 (tax %2) to %3. Press Refund to confirm.")
            .replace("%1", self.money(quote.total)).replace("%2", self.money(quote.tax))
            .replace("%3", quote.provider_description or quote.provider_id)
        )
        self._refresh_buttons()

    def refund(self) -> None:
        if self.view is None or self.quote is None:
            return
        order_id, quote = self.view.order_id, self.quote
        lines = self.chosen_lines()
        self.receipt_lines = lines

        async def go() -> RefundResult | QuoteView:
            try:
                return await self.returns.refund(
                    order_id, lines, shipping=self.shipping.isChecked(),
                    reason=self.reason.currentText(), expected=quote)
            except QuoteChanged as changed:
                return changed.quote
            except ReturnsError as exc:
                return RefundResult("error", order_id, message=str(exc))

        self.runner.start(go, busy=self.busy, on_result=self._refunded)

    def _refunded(self, outcome: RefundResult | QuoteView) -> None:
        if isinstance(outcome, QuoteView):
            self.show_quote(outcome)
            self.message.setText(self.tr("The refund changed at the store: check it and "
                                         "confirm again."))
            return
        self.outcome_shown = outcome
        self.quote = None
        self.quote_label.clear()
        self._refresh_buttons()
        self.void_button.hide()  # a refunded payment can no longer be voided
        if outcome.outcome == "refunded":
            self.message.setText(
                self.tr("Refunded %1. Order status: %2.")
                .replace("%1", self.money(outcome.amount or Decimal(0)))
                .replace("%2", order_status_name(outcome.status_id, outcome.status or ""))
            )
            self._show_receipt(outcome)
        elif outcome.outcome == "error":
            self.message.setText(outcome.message)
        elif outcome.outcome == "unknown":
            self.message.setText(self.tr("The store has not said whether it refunded. "
                                         "Nothing will be sent again: check the order."))
        else:
            self.message.setText(self.tr("The store refused the refund: %1")
                                 .replace("%1", outcome.message))

    def _show_receipt(self, outcome: RefundResult) -> None:
        if self.view is None:
            return
        from pos.ui.receipt import document
        from pos.ui.refund_receipt import refund_receipt_data

        data = refund_receipt_data(self.view, outcome, self.receipt_lines, store=self.store,
                                   locale=self.money_locale)
        self.receipt_data = data
        from pos.hardware.receipt import ReceiptOptions
        from pos.returns.printed import refund_receipt

        options = self.receipt_options or ReceiptOptions(store=self.store,
                                                         locale=self.money_locale)
        self.printed_receipt = refund_receipt(self.view, outcome, self.receipt_lines, options)
        self.receipt.setDocument(document(data))
        self.receipt.show()
        self._refresh_buttons()

    # -- the refund receipt: printed, or saved as PDF ------------------------------------

    def print_receipt(self) -> None:
        """On the profile's printer when it names one (no dialog), else through Qt's
        print dialog."""
        data = self.receipt_data
        if data is None:
            return
        printed = self.printed_receipt
        if self.silent_print is not None and printed is not None:
            silent_print = self.silent_print
            self.message.setText(self.tr("Printing the receipt…"))
            self.runner.start(
                lambda: silent_print(printed), exclusive=False,
                on_result=lambda _: self.message.setText(self.tr("The receipt was printed.")),
                on_error=lambda exc: self.message.setText(
                    self.tr("The receipt was not printed: %1").replace("%1", str(exc))))
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from pos.ui.receipt import document

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        doc = document(data)
        dialog.accepted.connect(lambda: doc.print_(printer))
        self._dialog = (dialog, printer, doc)
        dialog.setModal(True)
        dialog.show()  # never exec(): the loop keeps running

    def ask_pdf_path(self) -> None:
        if self.receipt_data is None:
            return
        from PySide6.QtWidgets import QFileDialog

        from pos.ui.pages.done import documents_folder

        dialog = QFileDialog(self, self.tr("Save the refund receipt as PDF"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(str(documents_folder()))
        dialog.selectFile(f"refund-{self.receipt_data.order_id or ''}.pdf")
        dialog.fileSelected.connect(self.save_pdf_chosen)
        self._dialog = dialog
        dialog.open()  # never exec(): the loop keeps running

    def save_pdf_chosen(self, name: str) -> None:
        """Write the refund receipt where the clerk chose; say where it went, or why not."""
        if not name or self.receipt_data is None:
            return
        from pathlib import Path

        from pos.ui.receipt import save_pdf

        try:
            path = save_pdf(self.receipt_data, Path(name))
        except OSError as exc:
            self.message.setText(self.tr("The receipt could not be saved: %1")
                                 .replace("%1", exc.strerror or str(exc)))
            return
        if not path.is_file():  # QPdfWriter says nothing when it cannot write
            self.message.setText(self.tr("The receipt could not be saved to %1.")
                                 .replace("%1", str(path)))
            return
        self.message.setText(self.tr("Saved to %1").replace("%1", str(path)))

    def void(self) -> None:
        if self.view is None:
            return
        order_id = self.view.order_id
        lines = self.chosen_lines()
        self.runner.start(lambda: self.returns.void(order_id, restock=lines),
                          busy=self.busy, on_result=self._voided)

    def _voided(self, outcome: RefundResult) -> None:
        self.outcome_shown = outcome
        if outcome.outcome == "voided":
            self.message.setText(self.tr("The sale is voided and the order cancelled."))
        else:
            self.message.setText(self.tr("The store refused the void: %1")
                                 .replace("%1", outcome.message))
        self.void_button.hide()
