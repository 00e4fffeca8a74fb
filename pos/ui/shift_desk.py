"""The shift in the register window: a *Shift* menu (and its keys) to open the shift with
its float, show the X report, record a paid-in, a paid-out or a no-sale drawer open with
its reason, and close with a blind count and the Z report; each paid sale of the window
entered in the open shift with the store's figures (total, discounts, taxes by name).

When the profile requires shifts, no sale can start while no shift is open: the sale is
disabled, scans go nowhere, and a bar says so with a button to open the shift.

A paid-out and a no-sale open the cash drawer through the window's counter (the
profile's printer), once; nothing else here opens it.

When the profile has staff, the staff desk gates the paid-in, the paid-out, the no-sale
and the close: a clerk whose role lacks the permission gets a manager's approval on the
spot (the approval overlay of :mod:`pos.ui.sign_in`, PIN on the same screen), for that one
action; the approval, the action and the shift's event are written to the audit log with
both names, and the shift's ledger records the clerk.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
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
from pos.staff.audit import AuditEvent
from pos.staff.roles import Permission
from pos.ui.async_qt import run_blocking
from pos.ui.shift_keys import SHIFT_KEYS, action_label
from pos.ui.shift_screens import ShiftCloseDialog, ShiftOpenDialog, ZReportView

if TYPE_CHECKING:
    from pos.staff import Approval
    from pos.ui.sign_in import StaffScreens
    from pos.ui.wizard import RegisterWindow, SaleWizard

__all__ = ["MoneyMoveDialog", "ShiftDesk"]

log = logging.getLogger("pos.ui")

#: The permission and the audit event of each gated action of the shift.
GATED: dict[str, tuple[Permission | None, AuditEvent]] = {
    "open": (None, AuditEvent.SHIFT_OPEN),
    "paid_in": (Permission.CASH_PAID_IN_OUT, AuditEvent.CASH_PAID_IN),
    "paid_out": (Permission.CASH_PAID_IN_OUT, AuditEvent.CASH_PAID_OUT),
    "no_sale": (Permission.NO_SALE, AuditEvent.DRAWER_OPEN),
    "close": (Permission.CLOSE_SHIFT, AuditEvent.SHIFT_CLOSE),
}


class MoneyMoveDialog(QDialog):
    """A paid-in or paid-out (an amount and its reason), or a no-sale (a reason).
    ``moved(dict)``: the event recorded in the shift."""

    moved = Signal(dict)

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
        self.moved.emit(dict(self.recorded))
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
        self._watching: QObject | None = None  # the sign-in screen whose sign-outs we follow
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
        # The wizard's own "paid" (its payment page is made after the window shows).
        wizard.finished_sale.connect(
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
        clerk = self.clerk_name()
        sale = wizard.view.sale
        tender = wizard.payment_page.tender_kind
        record = sale.tender_record if tender not in ("card", "stored_card",
                                                      "gift_certificate",
                                                      "store_credit") else None
        total = result.grand_total if result.grand_total is not None else Decimal(0)

        async def figures() -> Any:
            return await order_figures(sale.client, order_id)

        def enter(found: Any) -> None:
            self._enter(order_id, tender, record, found.total, found.discount, found.taxes,
                        clerk)

        def fallback(exc: BaseException) -> None:
            log.info("order %s: read for the shift failed (%s)", order_id,
                     type(exc).__name__)
            self._enter(order_id, tender, record, total, Decimal(0), {}, clerk)

        self.window.runner.start(figures, exclusive=False, on_result=enter,
                                 on_error=fallback)

    def _enter(self, order_id: int, tender: str, record: Any, total: Decimal,
               discount: Decimal, taxes: dict[str, Decimal], clerk: str = "") -> None:
        cash: Decimal | None = None
        change = Decimal(0)
        if record is not None and record.tendered is not None:
            cash = record.tendered - record.change_due
            change = record.change_due
        try:
            self.ledger.record_sale(order_id, tender, total, cash=cash, discount=discount,
                                    taxes=taxes, change_due=change, clerk=clerk)
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

    # -- the staff gate -------------------------------------------------------------------

    def _staff(self) -> StaffScreens | None:
        from pos.ui.sign_in import StaffScreens

        staff = getattr(self.window, "staff", None)
        return staff if isinstance(staff, StaffScreens) else None

    def clerk_name(self) -> str:
        """The clerk signed in ("" when the profile has no staff)."""
        staff = self._staff()
        clerk = staff.desk.clerk if staff is not None else None
        return clerk.name if clerk is not None else ""

    def _gated(self, name: str, proceed: Callable[[Approval | None], None]) -> None:
        """Call ``proceed`` once the staff desk lets the clerk do ``name``: at once with
        ``None`` when the profile has no staff (or the action needs no permission), else
        with the granted approval (a manager's, asked for on the spot); never when the
        approval is cancelled or nobody is signed in."""
        permission = GATED[name][0]
        staff = self._staff()
        if staff is not None and self._watching is not staff.screen:
            staff.screen.signed_out.connect(self._drop_dialog)
            self._watching = staff.screen
        if staff is None or permission is None:
            proceed(None)
            return
        if staff.desk.clerk is None or staff.screen.is_locked():
            return
        overlay = staff.approvals

        async def ask() -> Approval | None:
            return await overlay.request(permission)

        def answered(approval: Approval | None) -> None:
            if approval is not None and approval.granted:
                proceed(approval)

        self.window.runner.start(ask, exclusive=False, on_result=answered,
                                 on_error=lambda exc: log.warning(
                                     "the approval for %s failed: %s", name,
                                     type(exc).__name__))

    def _done(self, name: str, approval: Approval | None, details: dict[str, Any]) -> None:
        """The gated action ``name`` was recorded in the shift: spend its approval (once)
        and write the action to the audit log, with the clerk and the approver."""
        staff = self._staff()
        if staff is None:
            return
        desk = staff.desk
        permission, event = GATED[name]
        register = self.ledger.register

        def write() -> None:
            if approval is not None and permission is not None:
                approval.use(permission, details={"register": register})
            desk.record(event, approval=approval, details=details)

        async def record() -> None:
            await run_blocking(write)

        self.window.runner.start(record, exclusive=False, on_error=lambda exc: log.warning(
            "the audit log did not take the %s: %s", name, type(exc).__name__))

    def _drop_dialog(self) -> None:
        """The clerk signed out: an action begun (and approved) for them goes away."""
        if self.dialog is not None:
            self.dialog.reject()

    # -- the actions ------------------------------------------------------------------

    def open(self) -> None:
        if self.current() is not None:
            return
        self._gated("open", self._open)

    def _open(self, approval: Approval | None) -> None:
        dialog = ShiftOpenDialog(self.ledger, self.currency, parent=self.window,
                                 clerk=self.clerk_name())
        dialog.opened.connect(lambda shift: self._done("open", approval, {
            "shift_id": shift.shift_id, "float": str(shift.opening_float)}))
        self._show(dialog)

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
        self._gated(kind, lambda approval: self._moving(kind, approval))

    def _moving(self, kind: str, approval: Approval | None) -> None:
        if self.current() is None:
            return
        dialog = MoneyMoveDialog(self.ledger, kind, self.window, clerk=self.clerk_name())
        dialog.moved.connect(lambda moved: self._done(kind, approval, {
            key: moved[key] for key in ("amount", "reason") if key in moved}))
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
        if self.current() is None:
            return
        self._gated("close", self._closing)

    def _closing(self, approval: Approval | None) -> None:
        shift = self.current()
        if shift is None:
            return
        fetch: Callable[[], Awaitable[list[dict[str, Any]]]] | None = None
        view = self.window.view
        if self.channel_id is not None and view is not None:
            client = view.sale.client
            channel_id = self.channel_id
            from pos.shift import unmatched_orders

            async def fetch() -> list[dict[str, Any]]:
                client.open()  # idempotent: a register that has sold nothing yet opens it
                return await unmatched_orders(
                    client, channel_id=channel_id, opened_at=shift.opened_at,
                    closed_at=None, shift_orders=self.ledger.shift_order_ids(shift.shift_id))
        dialog = ShiftCloseDialog(self.ledger, fetch=fetch, runner=self.window.runner,
                                  parent=self.window, clerk=self.clerk_name())
        dialog.closed_shift.connect(lambda report: self._done("close", approval, {
            "shift_id": report["shift_id"], "variance": report["variance"]}))
        self._show(dialog)
