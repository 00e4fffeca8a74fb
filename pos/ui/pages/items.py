"""Items: scan or search, pick a variant, set quantities, remove lines; running subtotal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QWidget,
    QWizard,
)

from pos.sale import AmbiguousCode, CatalogItem, ConsignmentPlan, Line, PendingScan, SaleStep
from pos.sale.money import format_money
from pos.ui.adapter import SaleView
from pos.ui.announce import announce
from pos.ui.pages import PAGE_PAYMENT
from pos.ui.pages.base import SalePage
from pos.ui.profile import ScreenProfile
from pos.ui.widgets.money_label import MoneyLabel
from pos.ui.widgets.quantity_cells import QuantityDelegate, quantity_item, set_quantity_of

SEARCH_DELAY_MS = 120
PRICE_COLUMN = 3  # of the search results: the catalogue's list price
MAX_QUANTITY = 9999


def hit_refusal(hit: CatalogItem) -> str | None:
    """Why a search result cannot be sold (None when it can)."""
    if hit.purchasing_disabled:
        return hit.purchasing_disabled_message or QCoreApplication.translate(
            "ItemsPage", "Purchasing is disabled for this product")
    if hit.out_of_stock:
        return QCoreApplication.translate("ItemsPage", "Out of stock")
    return None


@dataclass(frozen=True)
class _Quantity:
    """A quantity the clerk typed while the store was still answering (the latest)."""

    line_id: str
    quantity: int


def _item(text: str, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ItemsPage(SalePage):
    accepts_scans = True

    def __init__(self, view: SaleView, profile: ScreenProfile, parent: QWidget | None = None):
        super().__init__(view, profile, parent)
        self.setTitle(self.tr("Items"))
        self.setSubTitle(self.tr("Scan items, or type a name or SKU and press Enter."))
        self._hits: list[CatalogItem] = []
        self._search_seq = 0
        # Quantities typed while the store was still answering; one per line (the latest).
        # (Scans never wait here: the sale keeps them as pending lines at once.)
        self._queued: list[_Quantity] = []
        # The item scanned last: its line is selected once the store has added it.
        self._select_item: tuple[int, int | None] | None = None
        self._waiting_shown: str | None = None  # the "Pay waits for…" notice shown
        self._offline_shown: str | None = None  # "…the scanned items wait here" shown
        self._refusals_told: set[str] = set()  # refused scans already shown as an error
        self._next_held = False  # Next turned off while scans wait for the store
        self._line_ids: list[str] = []
        # F9 (Pay) pressed: the walk-in sale goes on to Review and pay (see walk_in()).
        self._walk_in_asked = False
        self._jump_to: int | None = None

        search_label = QLabel(self.tr("&Scan or search:"), self)
        self.search = QLineEdit(self)
        self.search.setObjectName("scanBox")
        self.search.setAccessibleName(self.tr("Scan or search for an item"))
        self.search.setPlaceholderText(self.tr("Barcode, SKU or name"))
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):  # the clear button, named
            clear.setAccessibleName(self.tr("Clear the search"))
        search_label.setBuddy(self.search)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        self.body.addLayout(row)

        self.results = QTableWidget(0, 5, self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Variant"), self.tr("SKU"), self.tr("List price"),
             self.tr("Stock")]
        )
        # The catalogue's price is not what this sale charges: price lists, customer groups
        # and promotions apply in the cart, whose price the sale's lines show.
        self.list_price_tip = self.tr(
            "The catalogue's list price. The sale uses the store's price for this customer, "
            "which appears on the line once the item is added.")
        header_item = self.results.horizontalHeaderItem(PRICE_COLUMN)
        if header_item is not None:
            header_item.setToolTip(self.list_price_tip)
        self._setup_table(self.results)
        self.results.hide()
        self.body.addWidget(self.results, 2)

        lines_label = QLabel(self.tr("Items in this sale:"), self)
        self.body.addWidget(lines_label)
        self.lines = QTableWidget(0, 5, self)
        self.lines.setObjectName("saleLines")
        self.lines.setAccessibleName(self.tr("Items in this sale"))
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("SKU"), self.tr("Quantity"), self.tr("Price"),
             self.tr("Total")]
        )
        self._setup_table(self.lines)
        # Quantities are the table's own cells, edited in place (a digit opens the editor).
        self.quantities = QuantityDelegate(self.lines, 2)
        self.quantities.chosen.connect(self._quantity_chosen)
        lines_label.setBuddy(self.lines)
        self.body.addWidget(self.lines, 3)

        bottom = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("&Remove line (Del)"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected line"))
        self.remove_button.clicked.connect(self.remove_current)
        bottom.addWidget(self.remove_button)
        bottom.addStretch(1)
        subtotal_label = QLabel(self.tr("Subtotal:"), self)
        self.subtotal = MoneyLabel(profile.currency, profile.locale, self)
        self.subtotal.setObjectName("subtotal")
        font = self.subtotal.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.subtotal.setFont(font)
        bottom.addWidget(subtotal_label)
        bottom.addWidget(self.subtotal)
        self.body.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._start_search)
        self.search.textEdited.connect(self._search_edited)
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.lines.installEventFilter(self)
        self.results.cellActivated.connect(lambda r, _c: self.add_hit(r))
        view.lines_changed.connect(self.refresh_lines)
        view.online_changed.connect(self._online_changed)
        view.busy.changed.connect(self._next_queued)
        view.closed.connect(self._search_timer.stop)
        self.setTabOrder(self.search, self.results)
        self.setTabOrder(self.results, self.lines)
        self.setTabOrder(self.lines, self.remove_button)
        # F9 (Pay): a walk-in sale goes straight to Review and pay. The shortcut acts only
        # while this page is shown (a hidden page's shortcut never fires).
        self.pay_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F9), self)
        self.pay_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.pay_shortcut.activated.connect(self.walk_in)

    @staticmethod
    def _setup_table(table: QTableWidget) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def initializePage(self) -> None:
        self.refresh_lines()
        self.search.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        # Back on Items (from Review and pay, say): Next goes through the steps again.
        self._jump_to = None
        super().showEvent(event)

    def ready(self) -> bool:
        return bool(self.view.sale.lines)

    def isComplete(self) -> bool:
        # Nothing goes on to payment while scanned items still wait for the store. (Not
        # part of ready(): each scan would make the wizard re-show all its buttons.)
        return super().isComplete() and not self.view.sale.waiting_scans

    def validatePage(self) -> bool:
        # The same rule for a move the clerk's Next button did not make (the wizard's
        # next(), a key handled elsewhere): never on while scans wait for the store.
        return not self.view.sale.waiting_scans and super().validatePage()

    def _hold_next_for_scans(self, waiting: bool) -> None:
        """Next off while scans wait for the store, back on once they are in."""
        button = self.wizard_button(QWizard.WizardButton.NextButton)
        if button is None or not self._is_current():
            self._next_held = self._next_held or waiting
            return
        if waiting:
            if button.isEnabled():
                button.setEnabled(False)
            self._next_held = True
        elif self._next_held:
            # (The wizard may have turned it off itself, asking isComplete() on showing
            # the page while scans waited: no completeChanged follows.)
            self._next_held = False
            if self.isComplete() and not button.isEnabled():
                button.setEnabled(True)

    def waiting_notice(self, count: int) -> str:
        return self.tr("Pay waits for %n scanned item(s) the store has not added yet.", "",
                       count)

    def _online_changed(self, online: bool) -> None:
        if online:
            if self._offline_shown is not None and self.error_label.text() == self._offline_shown:
                self.show_error(None)
            self._offline_shown = None
        elif self.view.sale.waiting_scans:
            self._tell_scans_wait()
        self._after_refresh(list(self.view.sale.lines))

    def _tell_scans_wait(self) -> None:
        """The store cannot be reached: the scans wait (F5 tries again now)."""
        self._offline_shown = self.tr(
            "The store cannot be reached. The scanned items wait here and are added as soon "
            "as it answers.")
        self.show_error(self._offline_shown, retry=self.view.sale.retry_now)

    def _clear_waiting_notice(self) -> None:
        if self._waiting_shown is not None and self.notice.text() == self._waiting_shown:
            self.show_notice(None)
        self._waiting_shown = None

    def nextId(self) -> int:
        if self._jump_to is not None:
            return self._jump_to
        return super().nextId()

    # -- the walk-in sale -----------------------------------------------------------------

    def walk_in(self) -> None:
        """F9 (Pay): the customer takes everything now and pays. Whatever no step needs
        the clerk for is filled in (a guest; the store's own address as the billing
        address; every line taken now) and the sale goes straight to Review and pay. The
        clerk can still go back to add a customer or ship."""
        wizard = self.wizard()
        if wizard is None or wizard.currentPage() is not self:
            return
        sale = self.view.sale
        if not sale.lines and not sale.waiting_scans and not self._queued:
            self._walk_in_asked = False
            return
        if self.view.busy.is_busy or self._queued or sale.waiting_scans:
            self._walk_in_asked = True  # after the scans still being added
            if sale.waiting_scans:
                # Nothing is charged before the store has added every scanned item; they
                # go to it now (not after the next scan).
                sale.retry_now()
                self._waiting_shown = self.waiting_notice(sale.waiting_scans)
                self.show_notice(self._waiting_shown)
            return
        self._walk_in_asked = False
        self._clear_waiting_notice()
        if sale.consignments and sale.step not in (SaleStep.REVIEW, SaleStep.PAYMENT):
            # The clerk already chose how the goods go and a step is still open (an item
            # added since, a shipping option to choose): the steps show what is missing.
            wizard.next()
            return
        pickup = dict(sale.settings.pickup_address)
        if sale.billing_address is None and not pickup:
            self.show_error(self.tr(
                "The store profile has no pickup address: press Enter to enter the "
                "customer's address."))
            return

        async def fill_in() -> None:
            if sale.billing_address is None:
                await sale.set_billing_address(pickup)
            if not sale.consignments:
                await sale.set_fulfilment([ConsignmentPlan(
                    kind="pickup", items={ln.id: int(ln.quantity) for ln in sale.lines})])

        # Review and pay shows at once: the store is told the billing address and the
        # pickup, then makes the order and its payment token, while the clerk types the
        # card (nothing is charged before the total shows).
        # (The payment page's module is not imported here: it loads after the first window.)
        payment = getattr(wizard, "payment_page", None) or wizard.page(PAGE_PAYMENT)
        if hasattr(payment, "before_prepare"):
            payment.before_prepare = fill_in
        self._jump_to = PAGE_PAYMENT
        wizard.next()

    # -- keys -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.search:
            if enter and self.search.text().strip():
                self.submit_search_box()
                return True
            if key == Qt.Key.Key_Down and self.results.isVisible() and self.results.rowCount():
                self.results.setFocus()
                self.results.selectRow(max(self.results.currentRow(), 0))
                return True
        elif watched is self.results:
            if enter:
                self.add_hit(self.results.currentRow())
                return True
            if key == Qt.Key.Key_Escape:
                self.search.setFocus()
                return True
        elif watched is self.lines and key == Qt.Key.Key_Delete:
            self.remove_current()
            return True
        return False

    def _quantity_chosen(self, row: int, quantity: int) -> None:
        """The clerk typed a quantity in a line's cell."""
        if 0 <= row < len(self._line_ids):
            self.set_quantity(self._line_ids[row], quantity)

    # -- search ---------------------------------------------------------------------------

    def _search_edited(self, _text: str) -> None:
        # A new search: the last one's error (or variant prompt) no longer applies.
        self.show_error(None)
        self._clear_variant_prompt()
        self._search_timer.start()

    def _clear_variant_prompt(self) -> None:
        if self.notice.text() == self.variant_prompt():
            self.show_notice(None)

    def variant_prompt(self) -> str:
        return self.tr("Choose the variant, then press Enter.")

    def _start_search(self) -> None:
        text = self.search.text().strip()
        self._search_seq += 1
        seq = self._search_seq
        if len(text) < 2:
            self._show_hits([])
            return

        def show(hits: list[CatalogItem]) -> None:
            if seq == self._search_seq:
                self._show_hits(hits)

        # Searching reads the local cache: it does not make the sale busy.
        self.view.runner.start(lambda: self.view.sale.search(text, limit=20), on_result=show,
                               on_error=lambda exc: self.handle_error(exc))

    def _show_hits(self, hits: list[CatalogItem]) -> None:
        self._hits = list(hits)
        table = self.results
        table.setRowCount(len(self._hits))
        for row, hit in enumerate(self._hits):
            stock = hit.inventory_level
            refusal = hit_refusal(hit)
            if refusal is not None:
                stock_text = refusal
            elif stock is None:
                stock_text = self.tr("In stock")
            else:
                stock_text = str(stock)
            price = hit.display_price
            price_cell = _item(self._money(price) if price is not None else "", True)
            price_cell.setToolTip(self.list_price_tip)
            cells = [
                _item(hit.name),
                _item(hit.variant_label),
                _item(hit.sku or ""),
                price_cell,
                _item(stock_text, True),
            ]
            for col, cell in enumerate(cells):
                if refusal is not None:
                    cell.setForeground(self.palette().placeholderText())
                table.setItem(row, col, cell)
        table.setVisible(bool(self._hits))
        if self._hits:
            table.selectRow(0)

    def currency(self) -> str:
        """The checkout's currency once the sale has totals; the profile's before that."""
        totals = self.view.sale.totals
        return totals.currency if totals is not None else self.profile.currency

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency(), self.profile.locale)

    # -- adding ---------------------------------------------------------------------------

    def submit_search_box(self) -> None:
        text = self.search.text().strip()
        hit_row = self.results.currentRow() if self.results.isVisible() else -1
        self._search_timer.stop()
        exact = [
            i for i, h in enumerate(self._hits)
            if text.casefold()
            in {(h.sku or "").casefold(), (h.upc or "").casefold()}
        ]
        if exact:
            self.add_hit(exact[0])
        elif hit_row >= 0 and self._hits and self._last_search_matches(text):
            self.add_hit(hit_row)
        else:
            self.add_code(text)

    def _last_search_matches(self, text: str) -> bool:
        return len(text) >= 2 and bool(self._hits)

    def add_hit(self, row: int) -> None:
        if not 0 <= row < len(self._hits):
            return
        hit = self._hits[row]
        reason = hit_refusal(hit)
        if reason is not None:
            # The reason is a sentence of its own (the store's words, capitalised).
            self.show_error(self.tr("%1 cannot be sold. %2.").replace("%1", hit.name)
                            .replace("%2", reason.strip().rstrip(".")))
            return
        self._add(hit)

    def add_code(self, code: str) -> None:
        if code:
            self._add(code)

    def _add(self, code_or_variant: str | CatalogItem) -> None:
        """A scan (or a chosen search result): a pending line at once, from the local
        catalogue; the sale sends it to the store with the other scans (while the store is
        answering, or cannot be reached, the scans wait there in order)."""
        if self.view.is_closed():
            return

        def kept(scan: PendingScan) -> None:
            self._clear_variant_prompt()
            self.search.clear()
            self._show_hits([])
            self.search.setFocus()
            if scan.product_id is not None:
                self._select_item = (scan.product_id, scan.variant_id)
            self.refresh_lines()
            if not self.view.is_online() and self.view.sale.waiting_scans:
                self._tell_scans_wait()

        def failed(exc: BaseException) -> None:
            choices = ([c for c in exc.choices if isinstance(c, CatalogItem)]
                       if isinstance(exc, AmbiguousCode) else [])
            if choices:
                # The code names several variants: let the clerk pick one.
                self._show_hits(choices)
                self.results.setFocus()
                # A question, not a failure: a notice, not an error.
                self.show_notice(self.variant_prompt())
                return
            self.handle_error(exc, retry=lambda: self._add(code_or_variant))

        self.show_error(None)
        # Not a store call: the sale is not made busy, and the next scan is taken at once.
        # The local catalogue is read here, so the line shows in the frame of the scan.
        try:
            scan = self.view.sale.scan_now(code_or_variant, quantity=1)
        except Exception as exc:  # what the catalogue knows already, said on the page
            failed(exc)
            return
        kept(scan)

    def _next_queued(self, busy: bool) -> None:
        if busy or self.view.is_closed():
            return
        if not self._queued:
            if self._walk_in_asked:
                self.walk_in()
            return
        work = self._queued.pop(0)
        self.set_quantity(work.line_id, work.quantity)

    def _queued_quantity(self, line_id: str) -> int | None:
        for work in self._queued:
            if isinstance(work, _Quantity) and work.line_id == line_id:
                return work.quantity
        return None

    def scanned(self, code: str) -> None:
        self.add_code(code)

    # -- lines ----------------------------------------------------------------------------

    def refresh_lines(self, select: str | None = None) -> None:
        """Show the sale's lines; ``select`` is the id of the line to select (the one just
        added or changed), otherwise the selection stays on the same row."""
        lines = list(self.view.sale.lines)
        current = self.lines.currentRow()
        ids = [line.id for line in lines]
        kept = self._line_ids
        first_new = 0
        if kept and ids[:len(kept)] == kept:
            # Same lines (or lines added at the end): update in place, so the quantity
            # field keeps its focus and a screen reader hears only what changed.
            for row, line in enumerate(lines[:len(kept)]):
                cell = self.lines.item(row, 2)
                # A newer quantity the clerk typed is still queued: keep showing it.
                pending = self._queued_quantity(line.id) is not None
                if cell is not None and not pending:
                    set_quantity_of(cell, int(line.quantity))
                self._set_cell(row, 3, self._money(line.unit_price), True)
                self._set_cell(row, 4, self._money(line.total), True)
            if len(ids) == len(kept):
                select = self._scanned_line(lines, select)
                self._show_pending(len(lines))
                if select in ids:
                    self.lines.selectRow(ids.index(select))
                self._after_refresh(lines)
                return
            first_new = len(kept)
        self._line_ids = ids
        self.lines.setRowCount(len(lines))
        for row, line in enumerate(lines):
            if row < first_new:
                continue
            name = line.name + (f" ({line.variant})" if line.variant else "")
            self.lines.setItem(row, 0, _item(name))
            self.lines.setItem(row, 1, _item(line.sku))
            wanted = self._queued_quantity(line.id)
            # Never 0: a line goes only with Delete or Remove, not by arrowing past 1.
            self.lines.setItem(row, 2, quantity_item(
                int(line.quantity) if wanted is None else wanted, 1, MAX_QUANTITY,
                self.tr("Quantity of %1").replace("%1", name)))
            self.lines.setItem(row, 3, _item(self._money(line.unit_price), True))
            self.lines.setItem(row, 4, _item(self._money(line.total), True))
        select = self._scanned_line(lines, select)
        self._show_pending(len(lines))
        if select in ids:
            self.lines.selectRow(ids.index(select))
        elif lines:
            self.lines.selectRow(min(max(current, 0), len(lines) - 1))
        self._after_refresh(lines)

    def _scanned_line(self, lines: list[Line], select: str | None) -> str | None:
        """The line of the item scanned last, once the store has added it (so that Delete
        removes what was scanned last); ``select`` otherwise."""
        wanted = self._select_item
        if wanted is None or select is not None:
            return select
        if any((p.product_id, p.variant_id) == wanted and p.state == "pending"
               for p in self.view.sale.pending_lines):
            return select  # still on its way
        self._select_item = None
        line = next((ln for ln in lines if (ln.product_id, ln.variant_id) == wanted), None)
        if line is None:
            return select
        announce(self.lines, self.tr("Added %1, quantity %2.")
                 .replace("%1", line.name + (f" ({line.variant})" if line.variant else ""))
                 .replace("%2", str(int(line.quantity))))
        return line.id

    def _show_pending(self, first_row: int) -> None:
        """Scanned lines the store has not added yet (after the sale's lines): shown at
        once, marked as waiting; one the store refused says why, naming the item."""
        pending = list(self.view.sale.pending_lines)
        for scan in pending:
            if scan.state == "refused" and scan.id not in self._refusals_told:
                # Said once where errors are read, too (and to a screen reader).
                self._refusals_told.add(scan.id)
                self.show_error(self.refusal_text(scan))
        table = self.lines
        table.setRowCount(first_row + len(pending))
        muted = self.palette().placeholderText()
        for offset, scan in enumerate(pending):
            row = first_row + offset
            name = scan.name + (f" ({scan.variant})" if scan.variant else "")
            if scan.state == "refused":
                status = self.refusal_text(scan)
            else:
                status = self.tr("Waiting for the store")
            cells = [_item(name), _item(scan.sku), _item(str(scan.quantity), True),
                     _item(status), _item("", True)]
            for column, cell in enumerate(cells):
                cell.setToolTip(status)
                if scan.state == "refused":
                    cell.setForeground(QBrush(Qt.GlobalColor.darkRed))
                else:
                    cell.setForeground(muted)
                table.setItem(row, column, cell)

    def refusal_text(self, scan: PendingScan) -> str:
        """Why the store did not add a scanned line, naming the item."""
        name = scan.name + (f" ({scan.variant})" if scan.variant else "")
        if scan.reason == "out_of_stock":
            return self.tr("Not added: %1 is out of stock.").replace("%1", name)
        if scan.reason == "not_found":
            return self.tr("Not added: no product has the code %1.").replace("%1", scan.code)
        if scan.reason == "choose_variant":
            return self.tr("Not added: the code %1 names several variants; search for it "
                           "and choose one.").replace("%1", scan.code)
        if scan.reason == "not_sellable":
            return self.tr("Not added: %1 cannot be sold.").replace("%1", name)
        return self.tr("Not added: the store refused %1.").replace("%1", name)

    def _set_cell(self, row: int, column: int, text: str, align_right: bool = False) -> None:
        """A cell's text, changed only if it differs (an unchanged cell stays quiet)."""
        item = self.lines.item(row, column)
        if item is None:
            self.lines.setItem(row, column, _item(text, align_right))
        elif item.text() != text:
            item.setText(text)

    def _after_refresh(self, lines: list[Line]) -> None:
        sale = self.view.sale
        self.subtotal.set_currency(self.currency())
        self.subtotal.set_amount(sale.subtotal if lines else Decimal(0))
        self.remove_button.setEnabled(bool(lines) or bool(sale.pending_lines))
        self.refresh_buttons()
        self._hold_next_for_scans(bool(sale.waiting_scans))
        if not self.view.busy.is_busy and self._is_current():
            # Scans on their way to a store that answers: the page says it is working.
            adding = bool(sale.waiting_scans) and self.view.is_online()
            if adding:
                self.busy_indicator.set_busy(True, self.tr("Adding the items…"))
            elif self.busy_indicator.is_busy():
                self.busy_indicator.set_busy(False)
        if not sale.waiting_scans:
            self._clear_waiting_notice()
            if self._queued and not self.view.busy.is_busy:
                # Quantities typed while scans were on their way: sent now.
                QTimer.singleShot(0, lambda: self._next_queued(False))
            if self._walk_in_asked and not self.view.busy.is_busy and not self._queued:
                # F9 was pressed while scans waited for the store: they are in now.
                QTimer.singleShot(0, self.walk_in)

    def current_line_id(self) -> str | None:
        row = self.lines.currentRow()
        lines = list(self.view.sale.lines)
        return lines[row].id if 0 <= row < len(lines) else None

    def set_quantity(self, line_id: str, quantity: int) -> None:
        quantity = max(1, min(int(quantity), MAX_QUANTITY))
        if self.view.busy.is_busy or self.view.sale.waiting_scans:
            # A scan (or another change) is in flight: keep the newest quantity for later.
            for index, work in enumerate(self._queued):
                if isinstance(work, _Quantity) and work.line_id == line_id:
                    self._queued[index] = _Quantity(line_id, quantity)
                    return
            self._queued.append(_Quantity(line_id, quantity))
            return
        line = next((ln for ln in self.view.sale.lines if ln.id == line_id), None)
        if line is None or int(line.quantity) == quantity:
            return
        def failed(exc: BaseException) -> None:
            # Refused (beyond stock, say) or not sent: the box shows the sale's quantity
            # again, never one the sale does not have.
            self._show_sale_quantity(line_id)
            self.handle_error(exc, retry=lambda: self.set_quantity(line_id, quantity))

        self.run(lambda: self.view.sale.set_quantity(line_id, quantity),
                 lambda _: self.refresh_lines(select=line_id),
                 message=self.tr("Updating the quantity…"), on_error=failed)

    def _show_sale_quantity(self, line_id: str) -> None:
        line = next((ln for ln in self.view.sale.lines if ln.id == line_id), None)
        if line is None or line_id not in self._line_ids:
            return
        cell = self.lines.item(self._line_ids.index(line_id), 2)
        if cell is not None:
            set_quantity_of(cell, int(line.quantity))

    def current_pending(self) -> PendingScan | None:
        """The scanned line (not yet added, or refused) of the current row, if it is one."""
        row = self.lines.currentRow() - len(self.view.sale.lines)
        pending = self.view.sale.pending_lines
        return pending[row] if 0 <= row < len(pending) else None

    def remove_current(self) -> None:
        line_id = self.current_line_id()
        if line_id is None:
            scan = self.current_pending()
            if scan is None:
                return
            if scan.state == "refused":
                self.view.sale.dismiss_line(scan.id)  # never in the sale: nothing to send
                self.refresh_lines()
                (self.lines if self.lines.rowCount() else self.search).setFocus()
            else:
                self.show_notice(self.tr("%1 is still on its way to the store; remove it "
                                         "once it is added.").replace("%1", scan.name))
            return

        def removed(_: None) -> None:
            self.refresh_lines()
            # Focus stays among the lines (on the next one), or back to the scan box.
            (self.lines if self.view.sale.lines else self.search).setFocus()

        self.run(lambda: self.view.sale.remove_line(line_id), removed,
                 message=self.tr("Removing the line…"))
