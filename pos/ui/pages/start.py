"""Start: the store profile in use, unfinished sales to resume, or the demo store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from pos.ui.adapter import SaleView
from pos.ui.pages.base import SalePage
from pos.ui.profile import ScreenProfile
from pos.ui.wording import say


@dataclass(frozen=True)
class Resumable:
    """An unfinished sale from the journal, as the start page lists it."""

    sale_id: str
    label: str
    payment_unknown: bool = False
    #: Paid, but its outcome was never shown or printed: listed before everything else.
    paid_unshown: bool = False
    #: Who the sale is for ("" for a guest with no name yet) and what it holds: (item,
    #: quantity) for its first lines, and how many more lines it has.
    customer: str = ""
    items: tuple[tuple[str, int], ...] = ()
    more_items: int = 0


class StartPage(SalePage):
    demo_requested = Signal()
    resume_requested = Signal(object)
    add_store_requested = Signal()

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
    ):
        super().__init__(view, profile, parent)
        self.setTitle(self.tr("New sale"))
        # The header already names the store, channel and terminal: the page says what to do.
        self.hint = QLabel(self.tr(
            "Scan an item to start the sale, or press F2 to search the catalogue."), self)
        self.hint.setObjectName("startHint")
        self.hint.setWordWrap(True)
        # What a configured register rarely needs (adding another store) waits in a small
        # menu beside the hint, never as a full-width button under the sale.
        self.menu_button = QToolButton(self)
        self.menu_button.setText(self.tr("&More"))
        self.menu_button.setAccessibleName(self.tr("More actions"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu = QMenu(self.menu_button)
        self.add_store_action = self.menu.addAction(self.tr("Add your store…"))
        self.add_store_action.setToolTip(self.tr(
            "Set up another BigCommerce store on this register."))
        self.add_store_action.triggered.connect(self.add_store_requested)
        self.menu_button.setMenu(self.menu)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.menu_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(top)
        self.first_run_label = QLabel(self.tr(
            "No store is set up on this register yet. Try the demo store to practise (nothing "
            "is real money), or add your store to sell for real."), self)
        self.first_run_label.setObjectName("firstRun")
        self.first_run_label.setWordWrap(True)
        self.body.addWidget(self.first_run_label)
        # Set when the register's sale journal was found damaged and a fresh one started.
        self.notice = QLabel(self)
        self.notice.setObjectName("journalNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.body.addWidget(self.notice)

        self.resume_label = QLabel(self.tr("&Unfinished sales (payment not confirmed first):"),
                                   self)
        self.resume_list = QListWidget(self)
        self.resume_list.setAccessibleName(self.tr("Unfinished sales"))
        self.resume_label.setBuddy(self.resume_list)
        self.resume_button = QPushButton(self.tr("Resume the selected sale"), self)
        self.resume_button.setAccessibleName(self.tr("Resume the selected sale"))
        self.resume_button.clicked.connect(self._resume)
        self.resume_list.itemActivated.connect(lambda _item: self._resume())
        # Enter on the list resumes the highlighted sale, and only that (never also Next).
        self.resume_list.installEventFilter(self)
        self.body.addWidget(self.resume_label)
        self.body.addWidget(self.resume_list, 1)
        self.body.addWidget(self.resume_button)
        self.set_resumable(resumable)

        self.demo_button = QPushButton(self.tr("Try the &demo store"), self)
        self.demo_button.setAccessibleName(self.tr("Try the demo store"))
        self.demo_button.setToolTip(self.tr(
            "Practise on the demo store in this register: test cards, nothing is charged."))
        self.demo_button.clicked.connect(self._demo_chosen)
        self.body.addWidget(self.demo_button)
        self.add_store_button = QPushButton(self.tr("&Add your store…"), self)
        self.add_store_button.setAccessibleName(self.tr("Add your store"))
        self.add_store_button.setToolTip(self.tr(
            "Set up a BigCommerce store on this register: its details, its API token "
            "(kept in the keyring) and a check that it can sell."))
        self.add_store_button.clicked.connect(self.add_store_requested)
        self.add_store_button.setVisible(first_run)
        self.body.addWidget(self.add_store_button)
        self.body.addStretch(1)
        self._offer_add_store = offer_add_store
        self._choosing = False
        self.set_first_run(first_run, offer_demo=offer_demo)

    def set_first_run(self, first_run: bool, *, offer_demo: bool = False) -> None:
        """First run: no store is set up yet; the page offers the demo store or adding one,
        and the sale waits for the choice."""
        self._choosing = first_run
        self.first_run_label.setVisible(first_run)
        self.hint.setVisible(not first_run)
        self.demo_button.setVisible(first_run or offer_demo)
        # The first run's choice is the page's whole business: a full-width button. Later,
        # adding another store is in the More menu.
        self.add_store_button.setVisible(first_run)
        self.menu_button.setVisible(not first_run and self._offer_add_store)
        if first_run:
            self.setSubTitle(self.tr("Choose how to start: the demo store or your own."))
        elif self.profile.demo:
            self.setSubTitle(self.tr("Demo store: nothing here is real money. Press Enter to "
                                     "start a sale."))
        else:
            self.setSubTitle(self.tr("Press Enter to start a sale."))
        self.completeChanged.emit()

    def is_choosing(self) -> bool:
        """The first-run choice (demo store or add your store) has not been made yet."""
        return self._choosing

    def ready(self) -> bool:
        return not self._choosing

    def initializePage(self) -> None:
        super().initializePage()
        if self._choosing:
            self.demo_button.setFocus()
        elif self.resume_list.count():
            # An unfinished sale (maybe paid) comes first: Enter resumes the highlighted one.
            self.resume_list.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.resume_list and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._resume()
            return True
        return False

    def show_journal_damaged(self) -> None:
        """Say plainly that the journal was set aside and a new one started."""
        text = self.tr(
            "This register's sale journal was damaged. It was kept aside (never deleted) and "
            "a new one was started; nothing the store holds is lost. Ask a manager to run "
            "'pos doctor', which lists the unfinished sales the old journal still holds.")
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.show()

    def _demo_chosen(self) -> None:
        self.set_first_run(False)
        self.demo_requested.emit()

    def set_resumable(self, sales: Sequence[Resumable]) -> None:
        ordered = sorted(sales, key=lambda s: (not s.paid_unshown, not s.payment_unknown))
        self.resume_list.clear()
        for sale in ordered:
            text = say(sale.label)
            if sale.payment_unknown:
                text = self.tr("%1 — payment not confirmed").replace("%1", text)
            what = self.describe(sale)
            if what:
                text = f"{text}\n{what}"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(256, sale)
            self.resume_list.addItem(item)
        has = bool(ordered)
        for w in (self.resume_label, self.resume_list, self.resume_button):
            w.setVisible(has)
        if has:
            self.resume_list.setCurrentRow(0)
            if self.isVisible() and not self._choosing:
                self.resume_list.setFocus()

    def describe(self, sale: Resumable) -> str:
        """Who an unfinished sale is for and what it holds, on one line ("Jane Doe: 2 ×
        Blue mug, 1 × Tea"); "" when the journal kept neither."""
        if not sale.items and not sale.customer:
            return ""
        who = sale.customer or self.tr("Guest")
        things = [self.tr("%1 × %2").replace("%1", str(quantity)).replace("%2", name)
                  for name, quantity in sale.items]
        if sale.more_items:
            things.append(self.tr("%1 more").replace("%1", str(sale.more_items)))
        if not things:
            return who
        return self.tr("%1: %2").replace("%1", who).replace("%2", ", ".join(things))

    def _resume(self) -> None:
        item = self.resume_list.currentItem()
        if item is not None:
            sale = item.data(256)
            if isinstance(sale, Resumable):
                self.resume_requested.emit(sale)
