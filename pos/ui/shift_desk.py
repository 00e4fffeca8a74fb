"""The shift in the register window: a *Shift* menu (and its keys) to open the shift with
its float, show the X report, record a paid-in, a paid-out or a no-sale drawer open with
its reason, and close with a blind count and the Z report; each paid sale of the window
entered in the open shift with the store's figures (total, discounts, taxes by name).

When the profile requires shifts, no sale can start while no shift is open: the sale is
disabled, scans go nowhere, and a bar says so with a button to open the shift.

A paid-out and a no-sale open the cash drawer through the window's counter (the
profile's printer), once; nothing else here opens it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.sale import PaymentResult
from pos.shift import Shift, ShiftError, ShiftLedger, order_figures
from pos.ui.shift_keys import SHIFT_KEYS, action_label
from pos.ui.shift_screens import ShiftCloseDialog, ShiftOpenDialog, ZReportView

if TYPE_CHECKING:
    from pos.ui.wizard import RegisterWindow, SaleWizard

__all__ = ["MoneyMoveDialog", "ShiftDesk"]

log = logging.getLogger("pos.ui")

class MoneyMoveDialog(QDialog):
    """A paid-in or paid-out (an amount and its reason), or a no-sale (a reason)."""

    def __init__(self, ledger: ShiftLedger, kind: str, parent: QWidget | None = None,
                 clerk: str = "") -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.kind = kind
        self.clerk = clerk
        self.recorded: dict[str, Any] | None = None
        self.setWindowTitle({"paid_in": self.tr("Paid in"), "paid_out": self.tr("Paid out"),
                             "no_sale": self.tr("No sale")}[kind])
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText("0.00")
        self.amount.setAccessibleName(self.tr("Amount"))
        if kind != "no_sale":
            form.addRow(self.tr("&Amount:"), self.amount)
        else:
            self.amount.hide()
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason"))
        form.addRow(self.tr("&Reason:"), self.reason)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def record(self) -> None:
        try:
            if self.kind == "paid_in":
                self.recorded = self.ledger.paid_in(self.amount.text(), self.reason.text(),
                                                 clerk=self.clerk)
            elif self.kind == "paid_out":
                self.recorded = self.ledger.paid_out(self.amount.text(), self.reason.text(),
                                                  clerk=self.clerk)
            else:
                self.recorded = self.ledger.no_sale(self.reason.text(), clerk=self.clerk)
        except ShiftError as exc:
            self.error.setText(str(exc))
            self.error.setAccessibleName(str(exc))
            return
        self.accept()


class ShiftDesk(QObject):
    """The shift of one register window (see the module's description)."""

    def __init__(self, window: RegisterWindow, ledger: ShiftLedger, *, currency: str,
                 required: bool = False, channel_id: int | None = None,
                 counter: Any = None) -> None:
        super().__init__(window)
        self.window = window
        self.ledger = ledger
        self.currency = currency
        self.required = required
        self.channel_id = channel_id
        self.counter = counter  # pos.hardware.counter.Counter, or None
        self.dialog: QDialog | None = None  # the shift dialog open, if any
        self.recorded: list[int] = []  # orders entered in the shift by this window
        self.actions: dict[str, QAction] = {}
        self.menu = QMenu(self.tr("S&hift"), window)
        for name, key in SHIFT_KEYS.items():
            action = QAction(action_label(name), window)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(getattr(self, name))
            self.menu.addAction(action)
            window.addAction(action)  # the key works with the menu bar hidden too
            self.actions[name] = action
        window.menuBar().addMenu(self.menu)
        self.bar = self._build_bar()
        window.sale_started.connect(self._sale_started)
        if window.wizard is not None:
            self._sale_started(window.wizard)
        self.refresh()

    # -- the gate -------------------------------------------------------------------------

    def _build_bar(self) -> QFrame:
        bar = QFrame(self.window.centralWidget())
        bar.setObjectName("shiftBar")
        row = QHBoxLayout(bar)
        self.bar_label = QLabel(self.tr("No shift is open on this register: open it to "
                                        "sell."), bar)
        self.bar_label.setWordWrap(True)
        row.addWidget(self.bar_label, 1)
        self.bar_button = QPushButton(self.tr("&Open the shift…"), bar)
        self.bar_button.setAccessibleName(self.tr("Open the shift"))
        self.bar_button.clicked.connect(self.open)
        row.addWidget(self.bar_button)
        central = self.window.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(2, bar)
        bar.hide()
        return bar

    def current(self) -> Shift | None:
        return self.ledger.current()

    def may_sell(self) -> bool:
        """False while the profile requires a shift and none is open."""
        return not self.required or self.current() is not None

    def refresh(self) -> None:
        """Enable the actions that fit the shift's state; gate the sale."""
        is_open = self.current() is not None
        self.actions["open"].setEnabled(not is_open)
        for name in ("x_report", "paid_in", "paid_out", "no_sale", "close"):
            self.actions[name].setEnabled(is_open)
        blocked = not self.may_sell()
        self.bar.setVisible(blocked)
        wizard = self.window.wizard
        if wizard is not None:
            wizard.setEnabled(not blocked)
        self.window.sale_blocked = blocked
        self.window.update_scanner()
        if blocked:
            self.bar_button.setFocus()

    def _sale_started(self, wizard: SaleWizard) -> None:
        wizard.payment_page.paid.connect(
            lambda result, w=wizard: self._paid(w, result))
        if not self.may_sell():
            wizard.setEnabled(False)

    # -- the window's sales ---------------------------------------------------------------

    def _paid(self, wizard: SaleWizard, result: PaymentResult) -> None:
        """A sale of this window was paid: enter it in the open shift."""
        order_id = result.order_id
        if order_id is None or order_id in self.recorded or self.current() is None:
            return
        self.recorded.append(order_id)
        sale = wizard.view.sale
        tender = wizard.payment_page.tender_kind
        record = sale.tender_record if tender not in ("card", "stored_card",
                                                      "gift_certificate",
                                                      "store_credit") else None
        total = result.grand_total if result.grand_total is not None else Decimal(0)

        async def figures() -> Any:
            return await order_figures(sale.client, order_id)

        def enter(found: Any) -> None:
            self._enter(order_id, tender, record, found.total, found.discount, found.taxes)

        def fallback(exc: BaseException) -> None:
            log.info("order %s: read for the shift failed (%s)", order_id,
                     type(exc).__name__)
            self._enter(order_id, tender, record, total, Decimal(0), {})

        self.window.runner.start(figures, exclusive=False, on_result=enter,
                                 on_error=fallback)

    def _enter(self, order_id: int, tender: str, record: Any, total: Decimal,
               discount: Decimal, taxes: dict[str, Decimal]) -> None:
        cash: Decimal | None = None
        change = Decimal(0)
        if record is not None and record.tendered is not None:
            cash = record.tendered - record.change_due
            change = record.change_due
        try:
            self.ledger.record_sale(order_id, tender, total, cash=cash, discount=discount,
                                    taxes=taxes, change_due=change)
        except ShiftError as exc:  # closed meanwhile: the Z report lists it as unmatched
            log.warning("order %s not entered in the shift: %s", order_id, exc)

    # -- the actions ----------------------------------------------------------------------

    def _show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        dialog.open()  # never exec(): the loop keeps running
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.refresh()

    def open(self) -> None:
        if self.current() is not None:
            return
        self._show(ShiftOpenDialog(self.ledger, self.currency, parent=self.window))

    def x_report(self) -> None:
        try:
            report = self.ledger.x_report()
        except ShiftError:
            return
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("X report"))
        dialog.resize(520, 640)
        layout = QVBoxLayout(dialog)
        layout.addWidget(ZReportView(report, dialog), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        self._show(dialog)

    def _move(self, kind: str) -> None:
        if self.current() is None:
            return
        dialog = MoneyMoveDialog(self.ledger, kind, self.window)
        if kind in ("paid_out", "no_sale"):
            dialog.accepted.connect(lambda: self._kick(kind))
        self._show(dialog)

    def paid_in(self) -> None:
        self._move("paid_in")

    def paid_out(self) -> None:
        self._move("paid_out")

    def no_sale(self) -> None:
        self._move("no_sale")

    def _kick(self, kind: str) -> None:
        """Open the drawer for a recorded paid-out or no-sale, once."""
        counter = self.counter
        if counter is None or getattr(counter, "printer", None) is None:
            return

        async def kick() -> bool:
            if kind == "paid_out":
                return bool(await counter.paid_out())
            return bool(await counter.no_sale(permitted=True))

        self.window.runner.start(kick, exclusive=False, on_error=lambda exc: log.warning(
            "the drawer did not open for a %s: %s", kind, type(exc).__name__))

    def close(self) -> None:
        shift = self.current()
        if shift is None:
            return
        fetch: Callable[[], Awaitable[list[dict[str, Any]]]] | None = None
        view = self.window.view
        if self.channel_id is not None and view is not None:
            client = view.sale.client
            channel_id = self.channel_id
            from pos.shift import unmatched_orders

            def fetch() -> Awaitable[list[dict[str, Any]]]:
                return unmatched_orders(
                    client, channel_id=channel_id, opened_at=shift.opened_at,
                    closed_at=None, shift_orders=self.ledger.shift_order_ids(shift.shift_id))
        self._show(ShiftCloseDialog(self.ledger, fetch=fetch, runner=self.window.runner,
                                    parent=self.window))
