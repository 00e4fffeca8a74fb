"""The customer display: what the customer sees of the sale, on a screen that faces them.

Lines as they are scanned, the total, the change due, "Approved" and "Thank you", in large
type readable at a distance, in the profile's language (the app's translator) and currency.
Each line is a row of three columns: the quantity, the description (cut short with "…" when
it does not fit) and the line's price, right-aligned so that the prices stand in a column.
The display only listens: it follows a :class:`pos.ui.adapter.SaleView` through its Qt
signals (``lines_changed``, ``totals_changed``, ``step_changed``, ``sale_event``) and reads
the sale's ``lines`` and ``totals`` when they change; it never drives the sale.

:func:`customer_screen` finds a screen other than the register's; :meth:`CustomerDisplay.
place` puts the display there full screen, or shows it as an ordinary window that the
store can drag to a second monitor when there is none. :meth:`CustomerDisplay.follow_screens`
does that and does it again whenever a screen is connected or disconnected: a customer
screen plugged in later gets the display, and one unplugged gives it back as a window
(never full screen over the register).
"""

from __future__ import annotations

import contextlib
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.sale.money import format_money, format_number

__all__ = ["CustomerDisplay", "customer_screen"]

_PAID_OUTCOMES = {"paid"}


#: The columns of a line: quantity, description, price.
QTY, ITEM, PRICE = range(3)
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def customer_screen(register: QScreen | None = None,
                    leaving: QScreen | None = None) -> QScreen | None:
    """A screen other than ``register``'s (default: the primary screen), or None when the
    computer has only one. ``leaving`` is a screen being disconnected: never chosen."""
    home = register if register is not None and register is not leaving else None
    screens = [s for s in QGuiApplication.screens() if s is not leaving]
    if home is None:
        primary = QGuiApplication.primaryScreen()
        home = primary if primary is not leaving else (screens[0] if screens else None)
    others = [s for s in screens if s is not home]
    return others[0] if others else None


def _kind(event: Any) -> str:
    kind = getattr(event, "kind", "") or ""
    return str(getattr(kind, "value", kind))


class CustomerDisplay(QWidget):
    """A top-level window for the customer (see the module's description)."""

    def __init__(self, *, store: str = "", currency: str = "USD", locale: str = "en_US",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("CustomerDisplay")
        self.setWindowTitle(self.tr("Customer display"))
        self._currency = currency
        self._locale = locale
        self._store = store
        self._view: QObject | None = None
        self._connections: list[Any] = []
        self.setStyleSheet(
            "#CustomerDisplay { background: #10213a; }"
            "#CustomerDisplay QLabel { color: #ffffff; }"
            "#CustomerDisplay QTableWidget { background: #10213a; color: #ffffff;"
            " border: none; }"
            "#CustomerDisplay QTableWidget::item { padding: 4px 0px 4px 16px; border: none; }"
            "#CustomerDisplay #status { color: #7ee2a8; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.welcome = QLabel(self)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lines = self._line_table()
        self._register: QWidget | None = None
        self._following = False
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        # Subtotal, discounts, shipping and tax once the store has priced the checkout.
        self.breakdown = QWidget(self)
        self.breakdown.setObjectName("breakdown")
        self._breakdown_grid = QGridLayout(self.breakdown)
        self._breakdown_grid.setContentsMargins(0, 0, 0, 0)
        self._breakdown_grid.setColumnStretch(0, 1)
        self._breakdown_rows: list[tuple[str, str]] = []
        self.breakdown.hide()
        self.total = QLabel(self)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        for widget, stretch in ((self.welcome, 0), (self.lines, 1), (rule, 0),
                                (self.breakdown, 0), (self.total, 0), (self.status, 0)):
            layout.addWidget(widget, stretch)
        self._total_amount: Decimal | None = None
        self._change: Decimal | None = None
        self._state = "idle"
        self.set_sizes(720)
        self.clear()

    def _line_table(self) -> QTableWidget:
        table = QTableWidget(0, 3, self)
        table.setObjectName("lines")
        table.setAccessibleName(self.tr("Items"))
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.horizontalHeader().hide()
        table.verticalHeader().hide()
        columns = table.horizontalHeader()
        columns.setSectionResizeMode(QTY, QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(PRICE, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    # -- looks ----------------------------------------------------------------------------

    def set_sizes(self, screen_height: int) -> None:
        """Type sized for the screen: the total is about a tenth of its height."""
        unit = max(12, screen_height // 30)
        for widget, factor, bold in ((self.welcome, 1.5, True), (self.lines, 1.3, False),
                                     (self.breakdown, 1.1, False), (self.total, 3.0, True),
                                     (self.status, 2.0, True)):
            font = QFont(widget.font())
            font.setPixelSize(int(unit * factor))
            font.setBold(bold)
            widget.setFont(font)
        for cell in self.breakdown.findChildren(QLabel):
            cell.setFont(self.breakdown.font())

    def place(self, register: QScreen | None = None,
              leaving: QScreen | None = None) -> QScreen | None:
        """Show the display full screen on a screen other than the register's; as a window
        (to be moved there by hand) when there is no other. ``leaving`` is a screen being
        disconnected. Returns the screen used."""
        screen = customer_screen(register, leaving)
        if screen is None:
            home = register if register is not None and register is not leaving else None
            home = home or next((s for s in QGuiApplication.screens() if s is not leaving),
                                None)
            if self.isFullScreen():
                self.showNormal()
            if home is not None and self.screen() is not home:
                self.setScreen(home)
            self.set_sizes(720)
            self.resize(800, 600)
            if home is not None:
                self.move(home.availableGeometry().topLeft())
            self.show()
            return None
        self.set_sizes(screen.geometry().height())
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        return screen

    def follow_screens(self, register: QWidget) -> QScreen | None:
        """Place the display for ``register`` (the register's window) now, and again each
        time a screen is connected or disconnected. Returns the screen used."""
        self._register = register
        app = QGuiApplication.instance()
        if not self._following and isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screen_added)
            app.screenRemoved.connect(self._screen_removed)
            self._following = True
        return self.place(register.screen())

    @property
    def following_screens(self) -> bool:
        """Whether the display is placed again when a screen comes or goes."""
        return self._following

    def stop_following_screens(self) -> None:
        app = QGuiApplication.instance()
        if self._following and isinstance(app, QGuiApplication):
            with contextlib.suppress(RuntimeError):
                app.screenAdded.disconnect(self._screen_added)
                app.screenRemoved.disconnect(self._screen_removed)
        self._following = False

    def _register_screen(self, leaving: QScreen | None = None) -> QScreen | None:
        register = self._register
        screen = register.screen() if register is not None else None
        return None if screen is leaving else screen

    def _screen_added(self, _screen: QScreen) -> None:
        self.place(self._register_screen())

    def _screen_removed(self, screen: QScreen) -> None:
        self.place(self._register_screen(screen), leaving=screen)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_following_screens()
        super().closeEvent(event)

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self._currency, self._locale)

    # -- following a sale -------------------------------------------------------------------

    def attach(self, view: Any) -> None:
        """Follow the sale of ``view`` (a :class:`pos.ui.adapter.SaleView`) from now on;
        the previous sale, if any, is let go."""
        self.detach()
        self._view = view
        self._connections = [
            view.lines_changed.connect(self._refresh_lines),
            view.totals_changed.connect(self._refresh_total),
            view.step_changed.connect(self._on_step),
            view.sale_event.connect(self._on_event),
        ]
        self.clear()
        self._refresh_lines()
        self._refresh_total()

    def detach(self) -> None:
        view, self._view = self._view, None
        if view is not None:
            for connection in self._connections:
                # A view already deleted by Qt took its connections with it.
                with contextlib.suppress(RuntimeError):
                    QObject.disconnect(connection)
        self._connections = []

    def _sale(self) -> Any:
        return getattr(self._view, "sale", None) if self._view is not None else None

    def _refresh_lines(self) -> None:
        sale = self._sale()
        lines = list(getattr(sale, "lines", ()) or ()) if sale is not None else []
        self.lines.setRowCount(len(lines))
        for row, line in enumerate(lines):
            name = str(getattr(line, "name", ""))
            variant = getattr(line, "variant", None)
            if variant:
                name = f"{name} ({variant})"
            qty = int(getattr(line, "quantity", 1))
            total = getattr(line, "total", None)
            amount = self.money(total) if isinstance(total, Decimal) else ""
            for column, text, align in ((QTY, f"{format_number(qty, self._locale)} ×", _RIGHT),
                                        (ITEM, name, _LEFT), (PRICE, amount, _RIGHT)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(align)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.lines.setItem(row, column, item)
        if lines:
            self.lines.scrollToBottom()
            if self._state == "idle":
                self._state = "selling"
                self.welcome.setText(self._store)

    def _refresh_total(self) -> None:
        sale = self._sale()
        totals = getattr(sale, "totals", None) if sale is not None else None
        if totals is None:
            # While items are scanned the store has no checkout yet: the running subtotal.
            subtotal = getattr(sale, "subtotal", None) if sale is not None else None
            if isinstance(subtotal, Decimal) and bool(getattr(sale, "lines", None)):
                self.show_total(subtotal)
            self._show_breakdown([])
            return
        currency = getattr(totals, "currency", None)
        if currency:
            self._currency = str(currency)
        rows: list[tuple[str, str]] = []
        for label, name, sign in ((self.tr("Subtotal"), "subtotal", 1),
                                  (self.tr("Discounts"), "discounts", -1),
                                  (self.tr("Shipping"), "shipping", 1),
                                  (self.tr("Tax"), "tax_total", 1)):
            amount = getattr(totals, name, None)
            if isinstance(amount, Decimal) and (amount or name == "subtotal"):
                rows.append((label, self.money(sign * abs(amount))))
        self._show_breakdown(rows if len(rows) > 1 else [])
        self.show_total(getattr(totals, "grand_total", None))

    def _show_breakdown(self, rows: list[tuple[str, str]]) -> None:
        """The rows above the total (none while the store has no totals)."""
        if rows == self._breakdown_rows:
            return
        self._breakdown_rows = rows
        grid = self._breakdown_grid
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, (label, amount) in enumerate(rows):
            for column, text, align in ((0, label, _LEFT), (1, amount, _RIGHT)):
                cell = QLabel(text, self.breakdown)
                cell.setFont(self.breakdown.font())  # a style sheet's label keeps its own
                cell.setAlignment(align)
                grid.addWidget(cell, row, column)
        self.breakdown.setVisible(bool(rows))

    def breakdown_rows(self) -> list[tuple[str, str]]:
        """What the rows above the total show: (label, amount) each."""
        return list(self._breakdown_rows)

    def _on_step(self, step: Any) -> None:
        if str(getattr(step, "value", step)) == "confirmed":
            self.show_thank_you()

    def _on_event(self, event: Any) -> None:
        kind = _kind(event)
        result = getattr(event, "result", None)
        paid = result is not None and str(getattr(result, "outcome", "")) in _PAID_OUTCOMES
        if kind == "payment" and paid and self._state != "thanks":
            # A cash tender's change, as the sale recorded it (None for a card).
            record = getattr(self._sale(), "tender_record", None)
            change = getattr(record, "change_due", None)
            if isinstance(change, Decimal) and getattr(record, "tendered", None) is not None:
                self._change = change
            self.show_approved()
        change = getattr(event, "change_due", None)
        if isinstance(change, Decimal):
            self.show_change_due(change)

    # -- what the customer reads ---------------------------------------------------------------

    def clear(self) -> None:
        """Ready for the next customer."""
        self._state = "idle"
        self._change = None
        self._total_amount = None
        self.lines.setRowCount(0)
        self._show_breakdown([])
        self.welcome.setText(self._store or self.tr("Welcome"))
        self.total.setText("")
        self.status.setText(self.tr("Welcome"))

    def show_total(self, amount: Decimal | None) -> None:
        self._total_amount = amount
        self.total.setText("" if amount is None else self.tr("Total: {amount}").format(
            amount=self.money(amount)))
        if self._state in ("idle", "selling") and amount is not None:
            self.status.setText("")

    def show_change_due(self, amount: Decimal) -> None:
        """A cash tender's change (the tenders call this, or send it as ``change_due`` on
        a sale event)."""
        self._change = amount
        self._state = "change"
        self.status.setText(self.tr("Change due: {amount}").format(amount=self.money(amount)))

    def show_approved(self) -> None:
        self._state = "approved"
        text = self.tr("Approved")
        if self._change is not None:
            text += "\n" + self.tr("Change due: {amount}").format(amount=self.money(self._change))
        self.status.setText(text)

    def show_thank_you(self) -> None:
        self._state = "thanks"
        text = self.tr("Thank you!")
        if self._change is not None:
            text = self.tr("Change due: {amount}").format(
                amount=self.money(self._change)) + "\n" + text
        self.status.setText(text)

    def rows(self) -> list[tuple[str, str, str]]:
        """The lines as shown: (quantity, description, price) for each row."""
        def text(row: int, column: int) -> str:
            item = self.lines.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, QTY), text(r, ITEM), text(r, PRICE))
                for r in range(self.lines.rowCount())]

    @property
    def state(self) -> str:
        """``idle``, ``selling``, ``change``, ``approved`` or ``thanks``."""
        return self._state
