"""The clerk's wizard: one page per step of a sale, keyboard first, never frozen.

``SaleWizard`` is a view of one sale (a :class:`~pos.ui.adapter.SaleView`). ``RegisterWindow``
holds the header (store, channel, terminal, online state), the offline banner, the help
overlay (F1), the barcode-scanner detector, and the wizard of the current sale; a new sale
gets a new wizard.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from pos.sale import PaymentResult, Sale, SaleStep, UnfinishedSale
from pos.ui.adapter import SaleView
from pos.ui.async_qt import TaskRunner, run_blocking
from pos.ui.first_frame import after_paint
from pos.ui.page_access import enter_goes_on, page_shown, remember_focus, tidy_page
from pos.ui.pages import (
    PAGE_CUSTOMER,
    PAGE_DONE,
    PAGE_FULFILMENT,
    PAGE_ITEMS,
    PAGE_PAYMENT,
    PAGE_SHIPPING,
    PAGE_START,
)
from pos.ui.pages.base import SalePage
from pos.ui.pages.items import ItemsPage
from pos.ui.pages.start import Resumable, StartPage
from pos.ui.profile import ScreenProfile
from pos.ui.shortcut_list import shortcuts
from pos.ui.widgets.busy import BusyIndicator
from pos.ui.widgets.header import HeaderBar
from pos.ui.widgets.offline_banner import OfflineBanner
from pos.ui.widgets.scanner import ScannerDetector

if TYPE_CHECKING:
    from pos.returns import Returns
    from pos.ui.customer_display import CustomerDisplay
    from pos.ui.pages.customer import CustomerPage
    from pos.ui.pages.done import DonePage
    from pos.ui.pages.fulfilment import FulfilmentPage
    from pos.ui.pages.payment import PaymentPage
    from pos.ui.pages.shipping import ShippingPage
    from pos.ui.store_setup import ProfileDialog
    from pos.ui.widgets.help_overlay import HelpOverlay

#: The pages made after the first window shows (Start and Items are made with the wizard).
LATER_PAGES = (PAGE_CUSTOMER, PAGE_FULFILMENT, PAGE_SHIPPING, PAGE_PAYMENT, PAGE_DONE)

#: How long closing the window waits for an abandoned sale's unpaid order to be cancelled.
ABANDON_ON_CLOSE_SECONDS = 5.0

log = logging.getLogger(__name__)


def _not_closed(exc: BaseException) -> None:
    log.warning("a sale the register moved on from did not close: %s", type(exc).__name__)


__all__ = ["PAGE_FOR_STEP", "RegisterWindow", "SaleWizard", "page_for_step", "shortcuts"]


class SaleWizard(QWizard):
    """One sale, start to done."""

    abandoned = Signal()
    finished_sale = Signal(object)
    new_sale_requested = Signal()

    def __init__(
        self,
        view: SaleView,
        profile: ScreenProfile,
        parent: QWidget | None = None,
        *,
        resumable: Sequence[Resumable] = (),
        offer_demo: bool = False,
        offer_add_store: bool = False,
        first_run: bool = False,
        start_id: int = PAGE_START,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.profile = profile
        self.setWindowTitle(self.tr("Sale"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Continue"))
        self.setButtonLayout([
            QWizard.WizardButton.Stretch,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.CancelButton,
        ])
        self.start_page = StartPage(view, profile, resumable=resumable, offer_demo=offer_demo,
                                    offer_add_store=offer_add_store, first_run=first_run)
        self.items_page = ItemsPage(view, profile)
        self._later: dict[int, SalePage] = {}
        self._silent_print: Callable[[int], Awaitable[object]] | None = None
        for page_id, page in ((PAGE_START, self.start_page), (PAGE_ITEMS, self.items_page)):
            self.setPage(page_id, page)
            tidy_page(page)
        if start_id not in (PAGE_START, PAGE_ITEMS):
            self.build_pages()  # a resumed sale opens on a later page
        self.setStartId(start_id)
        self._confirm: QMessageBox | None = None
        self.abandon_button: QPushButton | None = None  # while "Abandon this sale?" asks
        self.keep_button: QPushButton | None = None
        self._on_yes: Callable[[], None] | None = None
        search = QShortcut(QKeySequence(Qt.Key.Key_F2), self)
        search.activated.connect(self.focus_search)
        new_sale = QShortcut(QKeySequence.StandardKey.New, self)
        new_sale.activated.connect(self._new_sale_shortcut)
        self.currentIdChanged.connect(lambda _id: page_shown(self))

    # -- the pages after Items, made once the first window is on screen -------------------

    def _build_page(self, page_id: int) -> SalePage:
        page = self._later.get(page_id)
        if page is not None:
            return page
        from pos.ui.pages.customer import CustomerPage
        from pos.ui.pages.done import DonePage
        from pos.ui.pages.fulfilment import FulfilmentPage
        from pos.ui.pages.payment import PaymentPage
        from pos.ui.pages.shipping import ShippingPage

        kinds: dict[int, type[SalePage]] = {
            PAGE_CUSTOMER: CustomerPage, PAGE_FULFILMENT: FulfilmentPage,
            PAGE_SHIPPING: ShippingPage, PAGE_PAYMENT: PaymentPage, PAGE_DONE: DonePage,
        }
        page = kinds[page_id](self.view, self.profile)
        self._later[page_id] = page
        self.setPage(page_id, page)
        tidy_page(page)
        if isinstance(page, PaymentPage):
            page.paid.connect(self._paid)
        elif isinstance(page, DonePage):
            page.new_sale_requested.connect(self.new_sale_requested)
            if self._silent_print is not None:
                page.silent_print = self._silent_print
        return page

    def set_silent_print(self, silent_print: Callable[[int], Awaitable[object]]) -> None:
        """The Done page prints the order's receipt with ``silent_print(order_id)`` (the
        profile's printer, no dialog), whenever that page is made."""
        self._silent_print = silent_print
        if PAGE_DONE in self._later:
            self.done_page.silent_print = silent_print

    def pages_built(self) -> bool:
        """Every page of the sale exists (the ones after Items are made after the window
        shows, one at a time while the loop is idle, or at once when one is asked for)."""
        return len(self._later) == len(LATER_PAGES)

    def build_pages(self) -> None:
        """Make every page not made yet, now."""
        for page_id in LATER_PAGES:
            self._build_page(page_id)

    def build_pages_in_turn(self) -> None:
        """Make the next page not made yet, then the next one when the loop is idle again
        (input and painting go on between two pages)."""
        for page_id in LATER_PAGES:
            if page_id not in self._later:
                self._build_page(page_id)
                if not self.pages_built():
                    QTimer.singleShot(0, self, self.build_pages_in_turn)
                return

    @property
    def customer_page(self) -> CustomerPage:
        from pos.ui.pages.customer import CustomerPage

        page = self._build_page(PAGE_CUSTOMER)
        assert isinstance(page, CustomerPage)
        return page

    @property
    def fulfilment_page(self) -> FulfilmentPage:
        from pos.ui.pages.fulfilment import FulfilmentPage

        page = self._build_page(PAGE_FULFILMENT)
        assert isinstance(page, FulfilmentPage)
        return page

    @property
    def shipping_page(self) -> ShippingPage:
        from pos.ui.pages.shipping import ShippingPage

        page = self._build_page(PAGE_SHIPPING)
        assert isinstance(page, ShippingPage)
        return page

    @property
    def payment_page(self) -> PaymentPage:
        from pos.ui.pages.payment import PaymentPage

        page = self._build_page(PAGE_PAYMENT)
        assert isinstance(page, PaymentPage)
        return page

    @property
    def done_page(self) -> DonePage:
        from pos.ui.pages.done import DonePage

        page = self._build_page(PAGE_DONE)
        assert isinstance(page, DonePage)
        return page

    # -- state ----------------------------------------------------------------------------

    def initializePage(self, id: int) -> None:
        if id == PAGE_ITEMS:
            # The page after Items exists (the wizard's Next, not Finish, and Items'
            # nextId() count on it); the others keep coming one a turn: the first scan of
            # a new sale shows its line without waiting for five pages.
            self._build_page(PAGE_CUSTOMER)
        elif id != PAGE_START:
            # Past Items, every page exists: the pages' nextId() count on them.
            self.build_pages()
        super().initializePage(id)
        page = self.page(id)
        if page is not None:
            remember_focus(page)

    def page_(self) -> SalePage | None:
        page = self.currentPage()
        return page if isinstance(page, SalePage) else None

    def _paid(self, result: PaymentResult) -> None:
        self.done_page.set_result(result)
        self.finished_sale.emit(result)

    def has_sale_in_progress(self) -> bool:
        sale = self.view.sale
        if not (sale.lines or sale.pending_lines):
            return False
        payment = self._later.get(PAGE_PAYMENT)
        return payment is None or getattr(payment, "result", None) is None

    def focus_search(self) -> None:
        if self.currentId() == PAGE_START and self.start_page.is_choosing():
            return
        if self.currentId() in (PAGE_START, PAGE_ITEMS):
            if self.currentId() == PAGE_START:
                self.next()
            self.items_page.search.setFocus()
            self.items_page.search.selectAll()

    def _new_sale_shortcut(self) -> None:
        if self.currentId() == PAGE_DONE:
            self.new_sale_requested.emit()

    # -- scanner --------------------------------------------------------------------------

    def accepts_scans(self) -> bool:
        if self.currentId() == PAGE_START:
            return not self.start_page.is_choosing()
        return self.currentId() == PAGE_ITEMS

    def scanned(self, code: str) -> None:
        if self.currentId() == PAGE_START:
            self.next()
        page = self.page_()
        if page is not None and page.accepts_scans:
            page.scanned(code)

    # -- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.go_back()
            event.accept()
            return
        if enter_goes_on(self, event):
            event.accept()
            return
        super().keyPressEvent(event)

    def go_back(self) -> None:
        page = self.page_()
        if page is None or not page.can_go_back():
            return
        current = self.currentId()
        if current in (PAGE_START, PAGE_DONE):
            return
        if current == PAGE_ITEMS and self.view.sale.lines:
            self.ask_abandon()
            return
        self.back()

    def reject(self) -> None:
        """Cancel (or the window closing): ask before abandoning a sale in progress."""
        if self.has_sale_in_progress():
            self.ask_abandon()
        elif self.currentId() != PAGE_START:
            self.abandoned.emit()

    def accept(self) -> None:
        """Finish on the Done page starts the next sale."""
        self.new_sale_requested.emit()

    def done(self, result: int) -> None:
        if result == int(QWizard.DialogCode.Accepted):
            self.accept()
        else:
            self.reject()

    def is_asking(self) -> bool:
        """The "Abandon this sale?" question is showing."""
        return self._confirm is not None

    def ask_abandon(self, on_yes: Callable[[], None] | None = None) -> None:
        """Ask "Abandon this sale?" ("Abandon sale" / "Keep selling", the default); "Abandon
        sale" emits :attr:`abandoned`, or calls ``on_yes`` instead (closing the window
        abandons the sale and then closes)."""
        if self._confirm is not None:
            if on_yes is not None:
                self._on_yes = on_yes
            self._confirm.raise_()
            return
        if not self.payment_page.can_go_back():
            return
        self._on_yes = on_yes
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Abandon this sale?"))
        box.setText(self.tr("Abandon this sale?"))
        box.setInformativeText(
            self.tr("The items in this sale will be removed and nothing will be charged."))
        abandon = box.addButton(self.tr("&Abandon sale"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep selling"), QMessageBox.ButtonRole.RejectRole)
        abandon.setAccessibleName(self.tr("Abandon sale"))
        keep.setAccessibleName(self.tr("Keep selling"))
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.abandon_button, self.keep_button = abandon, keep

        def answered(_result: int) -> None:
            chosen = box.clickedButton()
            self._confirm = None
            follow, self._on_yes = self._on_yes, None
            if chosen is abandon:
                if follow is not None:
                    follow()
                else:
                    self.abandoned.emit()

        box.finished.connect(answered)
        self._confirm = box
        box.open()  # never exec(): the loop keeps running


#: The page where a sale at each step continues.
PAGE_FOR_STEP: Mapping[SaleStep, int] = {
    SaleStep.ITEMS: PAGE_ITEMS,
    SaleStep.CUSTOMER: PAGE_CUSTOMER,
    SaleStep.FULFILMENT: PAGE_FULFILMENT,
    SaleStep.SHIPPING: PAGE_SHIPPING,
    SaleStep.REVIEW: PAGE_PAYMENT,
    SaleStep.PAYMENT: PAGE_PAYMENT,
    SaleStep.CONFIRMED: PAGE_DONE,
}


def page_for_step(sale: Sale) -> int:
    """The page where a (resumed) sale continues."""
    result = sale.result
    if result is not None and result.outcome == "paid":
        return PAGE_DONE
    return PAGE_FOR_STEP[sale.step]


class RegisterWindow(QMainWindow):
    """The register's window: header, offline banner, help, scanner, and the current sale.

    ``first_run`` (no store is set up; the profile is the demo store's): the start page
    offers "Try the demo store" or "Add your store", and nothing is sold until the clerk
    chooses; the demo goes on to the sale, with the header saying it is the demo.

    With ``offer_add_store`` (or ``first_run``) the start page offers "Add your store": the
    profile dialog (:class:`pos.ui.store_setup.ProfileDialog`) opens without blocking, and
    when the store passes its checks :attr:`store_added` is emitted with a
    :class:`pos.ui.store_setup.StoreAdded`; the composition root then builds that store's
    engine and calls :meth:`switch_store`.

    With no ``sale_factory`` the window opens *waiting*: the header shows the store and
    "Waiting for the token", the page says what it waits for (:meth:`set_waiting`), and
    nothing can be sold until :meth:`switch_store` gives it the store's engine (see
    :class:`pos.ui.token_prompt.TokenGate`).
    """

    store_added = Signal(object)  # pos.ui.store_setup.StoreAdded
    token_requested = Signal()  # "Enter the API token…" on the waiting page
    # SaleWizard: each new sale's wizard (the shift and the counter's hardware follow it)
    sale_started = Signal(object)

    def __init__(
        self,
        profile: ScreenProfile,
        sale_factory: Callable[[], Sale] | None,
        *,
        scanner: ScannerDetector | None = None,
        resumable: Sequence[UnfinishedSale | Resumable]
        | Callable[[], Sequence[UnfinishedSale | Resumable]] = (),
        resume: Callable[[str], Awaitable[Sale]] | None = None,
        offer_demo: bool = False,
        offer_add_store: bool = False,
        first_run: bool = False,
        store_defaults: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__()
        self.profile = profile
        self._sale_factory = sale_factory
        self._resumable = resumable
        self._resume = resume
        self._offer_demo = offer_demo or first_run
        self._closing = False  # the clerk agreed to close (the sale was abandoned first)
        self._abandoning = False  # abandoning the sale, to close when that is done
        self._offer_add_store = offer_add_store
        self._first_run = first_run
        self._store_defaults = store_defaults
        self.profile_dialog: ProfileDialog | None = None  # while it is open
        # pos.ui.token_prompt.TokenPrompt while it is open, and the TokenGate of a waiting
        # register (that module drives this window, so it is not imported here)
        self.token_prompt: QDialog | None = None
        self.token_gate: QObject | None = None
        self.waiting_panel: QWidget | None = None
        self.runner = TaskRunner(self)  # work that outlives one sale's view
        #: No sale may start (the profile requires a shift and none is open): scans are
        #: dropped. Set by pos.ui.shift_desk.ShiftDesk, fitted by the composition root.
        self.sale_blocked = False
        self.shift: object | None = None
        self.setWindowTitle(self.tr("Register — %1").replace("%1", profile.store))
        central = QWidget(self)
        self._layout = QVBoxLayout(central)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.header = HeaderBar(central)
        self.header.set_profile(profile.store, profile.channel, profile.terminal,
                                demo=profile.demo)
        self.banner = OfflineBanner(central)
        self._layout.addWidget(self.header)
        self._layout.addWidget(self.banner)
        self.setCentralWidget(central)
        self._help: HelpOverlay | None = None  # made when first asked for (F1)
        help_key = QShortcut(QKeySequence(Qt.Key.Key_F1), self)
        help_key.setContext(Qt.ShortcutContext.ApplicationShortcut)
        help_key.activated.connect(lambda: self.help.toggle())
        #: Builds the store's returns engine (set by the app); F7 opens the return flow.
        self.returns_factory: Callable[[], Returns] | None = None
        #: The engine started on a fresh journal because the old one was damaged.
        self.journal_damaged = False
        self.returns_dialog: QDialog | None = None
        QShortcut(QKeySequence(Qt.Key.Key_F7), self).activated.connect(self.open_returns)
        self.scanner = scanner
        self.view: SaleView | None = None
        self.wizard: SaleWizard | None = None
        self.sales_done = 0
        # Fitted by the composition root (pos.ui.app.fit_out_window): sign-in
        # (pos.ui.sign_in.StaffScreens), the customer display and the counter's hardware.
        self.staff: object | None = None
        self.customer_display: CustomerDisplay | None = None
        self.counter: object | None = None  # pos.hardware.counter.Counter
        self.sale_follower: object | None = None  # pos.hardware.follow.SaleFollower
        self.printer_status: QWidget | None = None
        # Prints an order's receipt on the profile's printer, no dialog (fit_out_window).
        self.silent_print: Callable[[Sale, int], Awaitable[object]] | None = None
        self.banner.retry_requested.connect(self._retry)
        if scanner is not None:
            scanner.scanned.connect(self._scanned)
        if sale_factory is None:
            self._build_waiting_panel(central)
            self.set_waiting(self.tr("Waiting for the store's API token."))
        else:
            self.start_sale()

    @property
    def help(self) -> HelpOverlay:
        """The help overlay (F1): every keyboard shortcut, over the current page."""
        if self._help is None:
            from pos.ui.widgets.help_overlay import HelpOverlay

            central = self.centralWidget()
            assert central is not None
            self._help = HelpOverlay(central, shortcuts())
        return self._help

    def open_returns(self) -> None:
        """The return flow (F7), on the store's returns engine."""
        if self.returns_factory is None or self.returns_dialog is not None:
            return
        from pos.hardware.counter import Counter
        from pos.ui.returns import ReturnsDialog
        from pos.ui.sign_in import StaffScreens

        # With staff, the refund and the void pass the desk's gate (a manager's PIN).
        desk = self.staff.desk if isinstance(self.staff, StaffScreens) else None
        dialog = ReturnsDialog(self.returns_factory(), locale=self.profile.locale,
                               store=self.profile.store, desk=desk, parent=self)
        counter = self.counter
        if isinstance(counter, Counter) and counter.printer is not None:
            dialog.silent_print = counter.printer.print_receipt  # the profile's printer
            dialog.receipt_options = counter.settings.receipt
        dialog.finished.connect(lambda _: setattr(self, "returns_dialog", None))
        self.returns_dialog = dialog
        dialog.open()

    # -- waiting for the store (its token) ----------------------------------------------

    def _build_waiting_panel(self, parent: QWidget) -> None:
        panel = QWidget(parent)
        panel.setObjectName("waitingPanel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        self.waiting_label = QLabel(panel)
        self.waiting_label.setWordWrap(True)
        self.waiting_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.waiting_label)
        self.waiting_busy = BusyIndicator(panel, delay_ms=0)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.waiting_busy)
        row.addStretch(1)
        layout.addLayout(row)
        self.ask_token_button = QPushButton(self.tr("Enter the API &token…"), panel)
        self.ask_token_button.setAccessibleName(self.tr("Enter the API token"))
        self.ask_token_button.clicked.connect(self.token_requested)
        self.ask_token_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ask_token_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self._layout.addWidget(panel, 1)
        self.waiting_panel = panel

    def is_waiting(self) -> bool:
        """No store engine yet: nothing can be sold."""
        return self.wizard is None

    def set_waiting(self, message: str, *, can_ask: bool = False) -> None:
        """What the waiting window says; ``can_ask`` shows "Enter the API token…"."""
        if self.waiting_panel is None:
            return
        self.waiting_label.setText(message)
        self.waiting_label.setAccessibleName(message)
        self.waiting_busy.set_busy(not can_ask, message)
        self.ask_token_button.setVisible(can_ask and self.token_prompt is None)
        self.header.set_waiting(True)

    def set_token_prompt(self, prompt: QDialog | None) -> None:
        """The token prompt opened (or closed, with None): typing goes to it, not a sale."""
        self.token_prompt = prompt
        if self.waiting_panel is not None:
            self.ask_token_button.setVisible(prompt is None and not self.waiting_busy.is_busy())
        self._update_scanner()

    def unfinished_sales(self) -> list[Resumable]:
        """Unfinished sales of the journal, payment-unknown first.

        Reading the journal blocks (SQLite): :meth:`start_sale` calls this in a worker
        thread and fills the start page when it returns.
        """
        source = self._resumable
        try:
            items = list(source() if callable(source) else source)
        except Exception:  # the journal could not be read: nothing to offer
            return []
        return self._as_resumable(items)

    @staticmethod
    def _as_resumable(items: Sequence[UnfinishedSale | Resumable]) -> list[Resumable]:
        return [
            item if isinstance(item, Resumable) else Resumable(
                item.sale_id, item.label, item.payment_unknown, customer=item.customer,
                items=item.items, more_items=item.more_items,
            )
            for item in items
        ]

    def _load_unfinished(self, wizard: SaleWizard) -> None:
        """Read the journal's unfinished sales off the UI thread; list them when read."""
        if not callable(self._resumable):
            return

        def loaded(items: list[Resumable]) -> None:
            if self.wizard is wizard and items:
                wizard.start_page.set_resumable(items)

        self.runner.start(lambda: run_blocking(self.unfinished_sales), exclusive=False,
                          on_result=loaded, on_error=lambda exc: None)

    def start_sale(self, sale: Sale | None = None, start_id: int = PAGE_START, *,
                   close_old: bool = True) -> SaleWizard:
        """Show a new sale (``sale``, or a new one), from page ``start_id``. The sale shown
        until now is closed in the background (:meth:`_end_sale`) unless ``close_old`` is
        False (its caller still has work for it and closes it after)."""
        old_wizard, old_view = self.wizard, self.view
        if self.waiting_panel is not None:
            self._layout.removeWidget(self.waiting_panel)
            self.waiting_panel.hide()
            self.waiting_panel.deleteLater()
            self.waiting_panel = None
        assert self._sale_factory is not None, "a waiting register has no store to sell for"
        if old_wizard is not None:
            self._layout.removeWidget(old_wizard)
            old_wizard.hide()
            old_wizard.deleteLater()
        if old_view is not None:
            unwinding = old_view.runner.tasks
            old_view.close()  # what it started is cancelled
            old_view.deleteLater()
            if close_old and old_view.sale is not sale:
                old_sale = old_view.sale
                self.runner.start(lambda: self._end_sale(old_sale, unwinding),
                                  exclusive=False, on_error=_not_closed)
        view = SaleView(sale if sale is not None else self._sale_factory(), self)
        listed = () if callable(self._resumable) else self._as_resumable(self._resumable)
        wizard = SaleWizard(view, self.profile, resumable=listed,
                            offer_demo=self._offer_demo, offer_add_store=self._offer_add_store,
                            first_run=self._first_run, start_id=start_id)
        wizard.setWindowFlags(Qt.WindowType.Widget)
        self._layout.addWidget(wizard, 1)
        wizard.show()
        view.online_changed.connect(self._online_changed)
        view.retry_scheduled.connect(self.banner.set_next_retry)
        view.warning.connect(lambda text: self._on_page(lambda p: p.show_notice(text)))
        view.error.connect(lambda text: self._on_page(lambda p: p.show_error(text)))
        wizard.abandoned.connect(self._abandon)
        wizard.new_sale_requested.connect(lambda: self.start_sale())
        wizard.finished_sale.connect(lambda _r: self._count_sale())
        wizard.start_page.resume_requested.connect(self.resume_sale)
        wizard.start_page.add_store_requested.connect(self.show_add_store)
        wizard.start_page.demo_requested.connect(self._demo_chosen)
        wizard.currentIdChanged.connect(lambda _id: self._update_scanner())
        self.view, self.wizard = view, wizard
        if self.customer_display is not None:
            self.customer_display.attach(view)  # the customer follows the new sale
        silent_print = self.silent_print
        if silent_print is not None:
            sold = view.sale
            wizard.set_silent_print(lambda order_id: silent_print(sold, order_id))
        if not wizard.pages_built():
            after_paint(wizard, wizard.build_pages_in_turn)
        self._update_scanner()
        if wizard.currentId() == PAGE_START and wizard.start_page.is_choosing():
            wizard.start_page.demo_button.setFocus()
        elif wizard.currentId() == PAGE_START and wizard.start_page.resume_list.count():
            wizard.start_page.resume_list.setFocus()  # Enter resumes the highlighted sale
        else:
            wizard.setFocus()
        if self.journal_damaged:
            wizard.start_page.show_journal_damaged()
        self._load_unfinished(wizard)
        self.sale_started.emit(wizard)
        return wizard

    @staticmethod
    async def _end_sale(sale: Sale, unwinding: Collection[asyncio.Task[Any]] = ()) -> None:
        """Close a sale the window has moved away from, without delaying the new one: its
        scan sender stops trying the store, its background reads stop, its journal writes
        finish. What its view had started (cancelled when the view closed) unwinds first,
        so that a charge or a payment check cut short has journaled its outcome; a sale
        still charging after that is left as it is (the engine closes it when it closes)."""
        if unwinding:
            await asyncio.wait(unwinding)
        if sale.charging:
            log.info("the last sale is still charging: it is closed with the engine")
            return
        await sale.aclose()

    def set_customer_display(self, display: CustomerDisplay | None) -> None:
        """Show every sale of this window on ``display`` too (from the current one on)."""
        self.customer_display = display
        if display is not None and self.view is not None:
            display.attach(self.view)

    def _demo_chosen(self) -> None:
        """First run, "Try the demo store": sell on the demo store from now on."""
        self._first_run = False
        self._offer_demo = False
        if self.wizard is not None:
            self.wizard.focus_search()  # on to the items
        self._update_scanner()

    # -- adding a store -------------------------------------------------------------------

    def show_add_store(self) -> ProfileDialog:
        """Open the profile dialog (without blocking); the open one if it already is."""
        if self.profile_dialog is not None:
            self.profile_dialog.raise_()
            self.profile_dialog.activateWindow()
            return self.profile_dialog
        from pos.ui.store_setup import ProfileDialog

        dialog = ProfileDialog(self, defaults=self._store_defaults)
        dialog.store_added.connect(self.store_added)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.profile_dialog = dialog
        # Typing in the dialog (a password manager typing the token and Enter is as fast as
        # a scanner) must reach its fields, never the sale.
        self._update_scanner()
        dialog.open()  # never exec(): the loop keeps running
        return dialog

    def _dialog_closed(self, dialog: ProfileDialog) -> None:
        if self.profile_dialog is dialog:
            self.profile_dialog = None
        dialog.deleteLater()
        self._update_scanner()

    def switch_store(
        self,
        profile: ScreenProfile,
        sale_factory: Callable[[], Sale],
        *,
        resumable: Sequence[UnfinishedSale | Resumable]
        | Callable[[], Sequence[UnfinishedSale | Resumable]] = (),
        resume: Callable[[str], Awaitable[Sale]] | None = None,
    ) -> SaleWizard:
        """Sell for another store from now on: new header, a new sale on its engine."""
        self.profile = profile
        self._sale_factory = sale_factory
        self._resumable = resumable
        self._resume = resume
        self._offer_demo = False
        self._first_run = False
        self.setWindowTitle(self.tr("Register — %1").replace("%1", profile.store))
        self.header.set_profile(profile.store, profile.channel, profile.terminal,
                                demo=profile.demo)
        self._online_changed(True)
        return self.start_sale()

    def _on_page(self, action: Callable[[SalePage], None]) -> None:
        page = self.wizard.page_() if self.wizard is not None else None
        if page is not None:
            action(page)

    def _count_sale(self) -> None:
        self.sales_done += 1

    def _abandon(self) -> None:
        old_view = self.view
        unwinding = old_view.runner.tasks if old_view is not None else frozenset()
        self.start_sale(close_old=False)
        if old_view is not None:
            sale = old_view.sale

            async def abandon() -> None:
                # Cancels the sale's unpaid order and marks it finished in the journal;
                # then the sale is closed.
                try:
                    await sale.abandon()
                finally:
                    await self._end_sale(sale, unwinding)

            self.runner.start(abandon, on_error=lambda exc: self._on_page(
                lambda p: p.show_error(self.view.message_for(exc) if self.view else str(exc))
            ))

    def resume_sale(self, item: Resumable) -> None:
        """Continue an unfinished sale from the right step (the engine reconciles first)."""
        resume = self._resume
        if resume is None or self.wizard is None:
            return
        page = self.wizard.start_page

        def resumed(sale: Sale) -> None:
            wizard = self.start_sale(sale, start_id=page_for_step(sale))
            result = sale.result
            if result is not None and result.outcome == "paid":
                wizard.done_page.set_result(result)

        page.run(lambda: resume(item.sale_id), resumed,
                 message=self.tr("Checking this sale with the store…"))

    def _online_changed(self, online: bool) -> None:
        self.header.set_online(online)
        self.banner.set_online(online)

    def _retry(self) -> None:
        if self.view is not None:
            self.view.sale.retry_now()  # what waits for the store is tried now
        page = self.wizard.page_() if self.wizard is not None else None
        if page is not None and page.retry_button.isVisible():
            page.retry_button.click()

    def update_scanner(self) -> None:
        self._update_scanner()

    def _update_scanner(self) -> None:
        if self.scanner is None:
            return
        if self.wizard is None or self.sale_blocked:
            self.scanner.setEnabled(False)  # nothing to sell yet; typing goes to the prompt
            return
        self.scanner.setEnabled(self.wizard.accepts_scans() and self.profile_dialog is None
                                and self.token_prompt is None)

    def _scanned(self, code: str) -> None:
        helping = self._help is not None and self._help.isVisible()
        if self.wizard is not None and not helping and not self.sale_blocked:
            self.wizard.scanned(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        wizard = self.wizard
        if self._abandoning:  # closes by itself once the sale is abandoned
            event.ignore()
            return
        if not self._closing and wizard is not None and wizard.has_sale_in_progress():
            payment = wizard.payment_page
            if payment.is_charging():
                # The request is on its way: its answer must be recorded first.
                payment.show_notice(self.tr(
                    "The card is being charged: the register can close once the store has "
                    "answered."))
                event.ignore()
                return
            if not payment.is_checking():
                wizard.ask_abandon(on_yes=self._abandon_and_close)
                if not wizard.is_asking():
                    # The sale is waiting for the store: it cannot be abandoned mid-call.
                    self._on_page(lambda page: page.show_notice(self.tr(
                        "The store is still answering: close the register again in a "
                        "moment.")))
                event.ignore()
                return
            # The outcome is being checked: the journal offers this sale at the next start.
        if self.view is not None:
            self.view.close()
        super().closeEvent(event)

    def _abandon_and_close(self) -> None:
        """The clerk agreed to abandon the sale and close: abandon it (its unpaid order is
        cancelled), then close, also when the store does not answer in time (the journal
        then offers the sale at the next start)."""
        abandon = self.view.sale.abandon if self.view is not None else None

        def close_now(_result: object = None) -> None:
            self._abandoning = False
            self._closing = True
            self.close()

        if abandon is None:
            close_now()
            return

        async def abandon_briefly() -> None:
            await asyncio.wait_for(abandon(), timeout=ABANDON_ON_CLOSE_SECONDS)

        self._abandoning = True
        self._on_page(lambda page: page.show_notice(self.tr("Closing…")))
        self.runner.start(abandon_briefly, exclusive=False, on_result=close_now,
                          on_error=close_now)
