"""Review and pay: lines, discounts, coupon, shipping, each tax line, grand total; one Charge.

Opening the page asks the engine to prepare the payment (the order and its payment token);
the card can be typed meanwhile (a walk-in sale also tells the store its billing address and
pickup first: :attr:`PaymentPage.before_prepare`). Charge waits for the total.
Charge sends exactly one payment: the sale's busy flag is set before the call is scheduled,
so a second press (or a bouncing Enter) does nothing. The card fields are wiped as soon as
the request has been answered, whatever the answer. A decline says why and lets the clerk
try another card; an unknown outcome says "Checking with the store…" and settles by asking
the store, never by charging again.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from pos.sale import NewCard, Payment, PaymentOptions, PaymentResult, StoredCard, StoredCardInfo
from pos.sale.money import format_money
from pos.sale.tenders import RecordedPayment
from pos.ui.adapter import SaleView
from pos.ui.announce import announce, announce_error
from pos.ui.pages.base import SalePage
from pos.ui.profile import ScreenProfile
from pos.ui.sale_messages import result_text
from pos.ui.widgets.card_entry import CardEntry
from pos.ui.widgets.help_overlay import HelpOverlay
from pos.ui.widgets.tender_choice import CARD, GIFT, STORE_CREDIT, TenderChoice

CHECK_INTERVAL_MS = 1500
_log = logging.getLogger("pos.ui.sale")  # pos.ui.app_log.SALE_LOGGER
NEW_CARD = -1
#: How focus reaches a widget when the clerk moves around (Tab, a click, another window):
#: the New card button then keeps the focus. Any other way (its accelerator) is choosing it.
_NAVIGATION_REASONS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.MouseFocusReason,
    Qt.FocusReason.ActiveWindowFocusReason,
    Qt.FocusReason.PopupFocusReason,
)


class PaymentPage(SalePage):
    paid = Signal(object)

    def __init__(self, view: SaleView, profile: ScreenProfile, parent: QWidget | None = None):
        super().__init__(view, profile, parent)
        self.setTitle(self.tr("Review and pay"))
        self.setSubTitle(self.tr("Check the total with the customer, then charge the card."))
        self.setCommitPage(True)
        self.result: PaymentResult | None = None
        self.options: PaymentOptions | None = None
        self._charging = False
        self._checking = False
        self._currency = profile.currency
        #: What the store must be told before the payment is prepared, when the clerk came
        #: straight here (the walk-in sale's billing address and pickup); run again by
        #: Retry (it does only what is still missing), forgotten when the clerk goes back.
        self.before_prepare: Callable[[], Awaitable[None]] | None = None

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        # Left: the review.
        review = QWidget(splitter)
        review_layout = QVBoxLayout(review)
        review_layout.setContentsMargins(0, 0, 0, 0)
        self.lines = QTableWidget(0, 3, review)
        self.lines.setAccessibleName(self.tr("Items"))
        self.lines.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Qty"), self.tr("Total")])
        self.lines.verticalHeader().hide()
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        review_layout.addWidget(self.lines, 1)
        self.totals_grid = QGridLayout()
        #: The Remove button of each coupon on the sale, by its code.
        self.coupon_removers: dict[str, QPushButton] = {}
        review_layout.addLayout(self.totals_grid)
        coupon_row = QHBoxLayout()
        coupon_label = QLabel(self.tr("C&oupon:"), review)
        self.coupon = QLineEdit(review)
        self.coupon.setAccessibleName(self.tr("Coupon code"))
        coupon_label.setBuddy(self.coupon)
        self.apply_coupon = QPushButton(self.tr("Apply"), review)
        self.apply_coupon.setAccessibleName(self.tr("Apply the coupon"))
        coupon_row.addWidget(coupon_label)
        coupon_row.addWidget(self.coupon, 1)
        coupon_row.addWidget(self.apply_coupon)
        review_layout.addLayout(coupon_row)

        # Right: how to pay.
        pay = QWidget(splitter)
        pay_layout = QVBoxLayout(pay)
        pay_layout.setContentsMargins(0, 0, 0, 0)
        self.tender = TenderChoice(self._currency, profile.locale, parent=pay)
        pay_layout.addWidget(self.tender)
        self.card_area = QWidget(pay)
        card_area = QVBoxLayout(self.card_area)
        card_area.setContentsMargins(0, 0, 0, 0)
        pay_layout.addWidget(self.card_area, 1)
        pay_layout = card_area
        self.methods_box = QVBoxLayout()
        self.method_group = QButtonGroup(self)
        self.new_card_radio = QRadioButton(self.tr("Ne&w card"), pay)
        self.new_card_radio.setAccessibleName(self.tr("Pay with a new card"))
        self.method_group.addButton(self.new_card_radio, NEW_CARD)
        self.new_card_radio.setChecked(True)
        pay_layout.addLayout(self.methods_box)
        pay_layout.addWidget(self.new_card_radio)
        self.stored_cvv = QLineEdit(pay)
        self.stored_cvv.setEchoMode(QLineEdit.EchoMode.Password)
        self.stored_cvv.setMaxLength(4)
        self.stored_cvv.setPlaceholderText(self.tr("Security code"))
        self.stored_cvv.setAccessibleName(self.tr("Security code of the saved card"))
        self.stored_cvv.hide()
        pay_layout.addWidget(self.stored_cvv)
        self.card = CardEntry(pay)
        scroll = QScrollArea(pay)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.card)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        pay_layout.addWidget(scroll, 1)
        self.status = QLabel(pay)
        self.status.setObjectName("paymentStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Payment status"))
        # A decline's reason takes focus, so the screen reader says it (Tab goes on).
        self.status.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        status_font = self.status.font()
        status_font.setBold(True)
        self.status.setFont(status_font)
        pay_layout.addWidget(self.status)
        self.charge_button = QPushButton(pay)
        self.charge_button.setObjectName("chargeButton")
        self.charge_button.setAccessibleName(self.tr("Charge the card"))
        self.charge_button.setDefault(False)
        self.charge_button.setAutoDefault(False)
        pay_layout.addWidget(self.charge_button)
        splitter.addWidget(review)
        splitter.addWidget(pay)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.body.addWidget(splitter, 1)

        # F9 charges wherever focus is in the window (the Back button, the header, after the
        # help overlay): the shortcut lives while this page is shown, and acts only when the
        # wizard's current page is this one.
        self.charge_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F9), self)
        self.charge_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.charge_shortcut.activated.connect(self._charge_key)
        self.charge_button.clicked.connect(self.charge)
        self.apply_coupon.clicked.connect(self._apply_coupon)
        self.coupon.returnPressed.connect(self._apply_coupon)
        self.method_group.idToggled.connect(self._method_toggled)
        self.method_group.idClicked.connect(self._method_clicked)
        self.new_card_radio.installEventFilter(self)
        self.card.changed.connect(self.refresh_buttons)
        self.card.error_cleared.connect(self._card_error_cleared)
        self.stored_cvv.textEdited.connect(lambda _text: self._card_error_cleared())
        self.tender.changed.connect(self._tender_changed)
        self.tender.gift_balance_requested.connect(self._gift_balance)
        self.tender.credit_balance_requested.connect(self._credit_balance)
        #: How the last charge was paid, as the shift counts it ("cash", "card"…).
        self.tender_kind = "card"
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_INTERVAL_MS)
        self._check_timer.timeout.connect(self._check_payment)
        # Only on show: a hidden page redrawing its table at every scan floods a screen
        # reader (opening the page draws it).
        view.totals_changed.connect(
            lambda *_: self._refresh_review() if self._is_current() else None)
        view.sale_event.connect(self._on_sale_event)
        view.closed.connect(self._check_timer.stop)
        self._update_charge_text(None)

    # -- opening --------------------------------------------------------------------------

    def initializePage(self) -> None:
        self.result = None
        self.options = None
        self.status.clear()
        self.card.wipe()
        self.card.set_known_customer(self.view.sale.customer is not None)
        self._refresh_review()
        earlier = self.view.sale.result
        if earlier is not None and earlier.outcome in {"unknown", "paid"}:
            # A resumed sale whose payment is being settled: never prepare or charge again.
            self._outcome(earlier)
            return
        # The card can be typed at once, while the store gets the payment ready.
        if self.tender.kind() == CARD:
            self.card.number.setFocus()
        self._prepare()

    def cleanupPage(self) -> None:
        self.before_prepare = None
        self.card.wipe()
        self.stored_cvv.clear()
        self._check_timer.stop()

    def _prepare(self) -> None:
        sale = self.view.sale
        first = self.before_prepare

        async def prepare() -> PaymentOptions:
            if first is not None:
                await first()
            return await sale.prepare_payment()

        self.run(prepare, self._prepared, message=self.tr("Preparing the payment…"))

    def _prepared(self, options: PaymentOptions) -> None:
        self.options = options
        self._currency = options.currency or self._currency
        for button in list(self.method_group.buttons()):
            if button is not self.new_card_radio:
                self.method_group.removeButton(button)
                button.deleteLater()
        stored = list(options.stored_cards)
        for index, card in enumerate(stored):
            text = self.tr("%1 ending %2, expires %3/%4")
            text = (text.replace("%1", str(card.brand)).replace("%2", str(card.last_4))
                    .replace("%3", f"{int(card.expiry_month):02d}")
                    .replace("%4", str(card.expiry_year)))
            radio = QRadioButton(text, self)
            radio.setAccessibleName(self.tr("Saved card: %1").replace("%1", text))
            self.method_group.addButton(radio, index)
            self.methods_box.addWidget(radio)
        # A card on file is never chosen for the clerk (it may not be present): the new
        # card is, and the clerk picks a saved card (Up, or its radio button).
        self.new_card_radio.setChecked(True)
        self._method_changed()
        self.tender.set_methods({m.type.lower() for m in options.methods},
                                has_customer=self.view.sale.customer is not None)
        self._update_charge_text(options.total)
        self._refresh_review()
        focus = QApplication.focusWidget()
        if self.tender.kind() == CARD and (focus is None or not self.card.isAncestorOf(focus)):
            # (Where the clerk is already typing the card, the typing goes on there.)
            self.card.number.setFocus()
        if self.notice.text() == self.total_pending_message():
            self.show_notice(None)

    # -- review ---------------------------------------------------------------------------

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self._currency, self.profile.locale)

    def _refresh_review(self) -> None:
        sale = self.view.sale
        lines = list(sale.lines)
        self.lines.setRowCount(len(lines))
        for row, line in enumerate(lines):
            name = line.name + (f" ({line.variant})" if line.variant else "")
            self.lines.setItem(row, 0, QTableWidgetItem(name))
            self.lines.setItem(row, 1, QTableWidgetItem(str(line.quantity)))
            total = QTableWidgetItem(self._money(line.total))
            total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, 2, total)
        self.coupon_removers.clear()
        while self.totals_grid.count():
            item = self.totals_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        totals = sale.totals
        if totals is None:
            # The store has not worked the total out yet (the walk-in sale comes here at
            # once): the lines' subtotal, and the total to come.
            for r, (label_text, text) in enumerate((
                    (self.tr("Subtotal"), self._money(sale.subtotal)),
                    (self.tr("Total"), self.total_pending_text()))):
                label = QLabel(label_text, self)
                value = QLabel(text, self)
                value.setAlignment(Qt.AlignmentFlag.AlignRight)
                value.setAccessibleName(f"{label_text}: {text}")
                self.totals_grid.addWidget(label, r, 0)
                self.totals_grid.addWidget(value, r, 1)
            return
        self._currency = totals.currency or self._currency
        rows: list[tuple[str, Decimal | None, bool]] = [
            (self.tr("Subtotal"), totals.subtotal, False)
        ]
        coupon_amounts = dict(totals.coupon_amounts)
        other_discounts = abs(totals.discounts) - sum(coupon_amounts.values(), Decimal(0))
        if other_discounts > 0:
            rows.append((self.tr("Discounts"), -other_discounts, False))
        coupon_rows: dict[int, str] = {}
        for code in totals.coupons:
            coupon_rows[len(rows)] = code
            amount = coupon_amounts.get(code)
            rows.append((self.tr("Coupon %1").replace("%1", code),
                         None if amount is None else -abs(amount), False))
        rows.append((self.tr("Shipping"), totals.shipping, False))
        for name, tax in totals.taxes:
            rows.append((name, tax, False))
        rows.append((self.tr("Total"), totals.grand_total, True))
        for r, (label_text, amount, strong) in enumerate(rows):
            label = QLabel(label_text, self)
            value = QLabel("" if amount is None else self._money(amount), self)
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            value.setAccessibleName(f"{label_text}: {value.text()}")
            if strong:
                for w in (label, value):
                    font = w.font()
                    font.setBold(True)
                    font.setPointSizeF(font.pointSizeF() * 1.25)
                    w.setFont(font)
                value.setObjectName("grandTotal")
            self.totals_grid.addWidget(label, r, 0)
            self.totals_grid.addWidget(value, r, 1)
            if r in coupon_rows:
                self.totals_grid.addWidget(self._coupon_remover(coupon_rows[r]), r, 2)
        self._update_charge_text(totals.grand_total)

    def _coupon_remover(self, code: str) -> QPushButton:
        """The button that takes the coupon ``code`` off the sale."""
        button = QPushButton(self.tr("Remove"), self)
        button.setAccessibleName(self.tr("Remove the coupon %1").replace("%1", code))
        button.setEnabled(not self._locked())
        button.clicked.connect(lambda: self.remove_coupon(code))
        self.coupon_removers[code] = button
        return button

    def remove_coupon(self, code: str) -> None:
        if self._locked():
            return

        async def remove() -> PaymentOptions:
            await self.view.sale.remove_coupon(code)
            return await self.view.sale.prepare_payment()

        self.run(remove, self._prepared, message=self.tr("Removing the coupon…"))

    def _update_charge_text(self, total: Decimal | None) -> None:
        self.tender.currency = self._currency
        self.tender.set_total(total)
        if total is None:
            self.charge_button.setText(self.tr("Charge (F9)"))
        else:
            self.charge_button.setText(
                self.tr("Charge %1 (F9)").replace("%1", self._money(total))
            )

    def _apply_coupon(self) -> None:
        code = self.coupon.text().strip()
        if not code or self._locked():
            return

        async def apply() -> PaymentOptions:
            await self.view.sale.apply_coupon(code)
            return await self.view.sale.prepare_payment()

        def applied(options: PaymentOptions) -> None:
            self.coupon.clear()
            self._prepared(options)

        self.run(apply, applied, message=self.tr("Applying the coupon…"))

    # -- method ---------------------------------------------------------------------------

    def _selected_stored(self) -> StoredCardInfo | None:
        index = self.method_group.checkedId()
        stored = list(self.options.stored_cards) if self.options is not None else []
        return stored[index] if 0 <= index < len(stored) else None

    def _method_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._method_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.new_card_radio and isinstance(event, QFocusEvent)
                and event.type() == QEvent.Type.FocusIn
                and event.reason() not in _NAVIGATION_REASONS
                and self.card.isEnabled()):
            # Alt+W: the clerk chose the new card; typing goes on in its number.
            self.new_card_radio.setChecked(True)
            QTimer.singleShot(0, self.card.number.setFocus)
        return False

    def _method_clicked(self, method_id: int) -> None:
        """The clerk chose how to pay (Alt+W, a click): typing goes on in its first field,
        so no typed digit is lost on the radio button."""
        if method_id == NEW_CARD:
            self.card.number.setFocus()
        elif self.stored_cvv.isVisible():
            self.stored_cvv.setFocus()

    def _method_changed(self) -> None:
        stored = self._selected_stored()
        self.card.setEnabled(stored is None)
        self.card.setVisible(stored is None)
        self.stored_cvv.setVisible(stored is not None and stored.requires_cvv)
        self.refresh_buttons()

    # -- charging -------------------------------------------------------------------------

    def is_charging(self) -> bool:
        return self._charging

    def is_checking(self) -> bool:
        """True while an unknown outcome is being checked with the store."""
        return self._checking

    def _locked(self) -> bool:
        return self._charging or self._checking or self.result is not None

    def _charge_key(self) -> None:
        wizard = self.wizard()
        if wizard is None or wizard.currentPage() is not self:
            return
        focus = QApplication.focusWidget()
        if isinstance(focus, HelpOverlay) and focus.isVisible():
            # Any key closes the help first: the clerk charges with the page in view.
            focus.close_overlay()
            return
        self.charge()

    def check_card_message(self) -> str:
        return self.tr("Check the card details marked below.")

    def stored_cvv_message(self) -> str:
        return self.tr("Enter the saved card's security code.")

    def _card_error_cleared(self) -> None:
        """A field was corrected: once none is marked, the summary goes too."""
        text = self.error_label.text()
        if (text == self.check_card_message() and not self.card.has_errors()) or (
                text == self.stored_cvv_message() and self.stored_cvv.text()):
            self.show_error(None)

    def _tender_changed(self) -> None:
        self.card_area.setVisible(self.tender.kind() == CARD)
        self.refresh_buttons()

    def _gift_balance(self, code: str) -> None:
        """Look the certificate's balance up at the store and show it before it is used."""
        self.run(lambda: self.view.sale.gift_certificate_balance(code),
                 lambda balance: self.tender.set_gift_balance(code, balance),
                 message=self.tr("Looking up the gift certificate…"))

    def _credit_balance(self) -> None:
        self.run(self.view.sale.store_credit_balance, self.tender.set_credit_balance,
                 message=self.tr("Looking up the store credit…"))

    def total_pending_text(self) -> str:
        return self.tr("being worked out…")

    def total_pending_message(self) -> str:
        return self.tr("The store is still working out the total: charge once it shows.")

    def charge(self) -> None:
        if self._locked():
            return
        if self.options is None:
            if self.view.busy.is_busy:
                # Typed ahead of the store: nothing is charged before the total is known.
                self.show_notice(self.total_pending_message())
                announce(self.notice, self.notice.text())
            return  # (else the reason it is not known is on the page, with Retry)
        if self.view.busy.is_busy:
            return
        stored = self._selected_stored()
        card = None
        payment: Payment | RecordedPayment
        if self.tender.kind() in (GIFT, STORE_CREDIT):
            problem = self.tender.problem()
            if problem is not None:
                self.show_error(problem)
                return
            chosen = self.tender.stored_value()
            assert chosen is not None
            payment = chosen
        elif self.tender.kind() != CARD:
            problem = self.tender.problem()
            if problem is not None:
                self.show_error(problem)
                return
            recorded = self.tender.payment()
            assert recorded is not None
            payment = recorded
        elif stored is not None:
            cvv = self.stored_cvv.text() if stored.requires_cvv else None
            if stored.requires_cvv and not cvv:
                self.show_error(self.stored_cvv_message(), field=self.stored_cvv)
                self.stored_cvv.setFocus()
                return
            payment = StoredCard(stored.token, cvv=cvv)
        else:
            card = self.card.card_details()
            if card is None:
                self.card.focus_first_error()
                self.show_error(self.check_card_message(), field=self.card.first_error_field())
                return
            payment = NewCard(card, save=self.card.save_requested())
        self.tender_kind = self.tender.kind_name() if stored is None or \
            self.tender.kind() != CARD else "stored_card"
        self._charging = True
        # Nothing can be typed into the card while it is being charged.
        self.card.setEnabled(False)
        self.stored_cvv.setReadOnly(True)
        self.status.setText(self.tr("Charging…"))
        self.status.setAccessibleName(self.status.text())
        announce(self.status, self.status.text())

        def answered() -> None:
            self._charging = False
            self.card.setEnabled(self._selected_stored() is None)
            self.stored_cvv.setReadOnly(False)
            # The number and CVV go at once, whatever the answer; the name and expiry stay
            # for another attempt (the Done page and leaving this page wipe them too).
            self.card.wipe_secrets()
            self.stored_cvv.clear()
            if card is not None:
                card.wipe()

        def done(result: PaymentResult) -> None:
            answered()
            self._outcome(result)

        def failed(exc: BaseException) -> None:
            answered()
            _log.warning("sale %s: the charge failed (%s), terminal %s",
                         self.view.sale.sale_id or "-",
                         type(exc).__name__, self.profile.terminal or "-")
            self.status.clear()
            self.show_error(self.view.message_for(exc))
            self.refresh_buttons()

        started = self.run(lambda: self.view.sale.charge(payment), done,
                           message=self.tr("Charging…"), on_error=failed)
        if not started:
            answered()
            self.status.clear()
        self.refresh_buttons()

    def _on_sale_event(self, event: object) -> None:
        """The payments host answered success: "Paid." at once, while the order is read
        for the receipt (the page moves on when that answer is in)."""
        result = getattr(event, "result", None)
        if not (self._charging and getattr(event, "kind", None) == "payment"
                and result is not None and result.outcome == "paid"):
            return
        self.status.setText(self.tr("Paid."))
        self.status.setAccessibleName(self.status.text())
        announce(self.status, self.status.text())

    def _log_outcome(self, outcome: str, result: PaymentResult) -> None:
        """One line in the register's log per outcome (the card masked; never its number)."""
        _log.info(
            "sale %s: order %s, outcome %s, code %s, card %s, terminal %s",
            self.view.sale.sale_id or "-",
            result.order_id or "-",
            outcome or "-",
            result.code or "-",
            result.masked_card or "-",
            self.profile.terminal or "-",
        )

    def _outcome(self, result: PaymentResult) -> None:
        outcome = result.outcome
        if not (outcome == "unknown" and self._checking):  # once, not at every check
            self._log_outcome(outcome, result)
        if outcome == "paid":
            self.result = result
            self._checking = False
            said = self.status.text() == self.tr("Paid.")  # said when the host answered
            self.status.setText(self.tr("Paid."))
            self.status.setAccessibleName(self.status.text())
            if not said:
                announce(self.status, self.status.text())
            self._show_change()
            self.refresh_buttons()
            self.paid.emit(result)
            wizard = self.wizard()
            if wizard is not None and wizard.currentPage() is self:
                wizard.next()
            return
        if outcome == "unknown":
            self._checking = True
            self.status.setText(self.tr("Checking with the store… Do not charge again."))
            self.status.setAccessibleName(self.status.text())
            self._check_timer.start()
            self.refresh_buttons()
            return
        self._checking = False
        message = (result_text(result) if result.message
                   else self.tr("The payment did not go through."))
        if result.may_charge_again:
            # One message, in one place: why, and what to do.
            hint = self.tr("Nothing was charged. Try another card or check the details, "
                           "then press Charge.")
            if not result.message:  # the clerk's message says what was charged and why
                message = f"{message}\n{hint}"
        self.status.setText(message)
        self.status.setAccessibleName(message)
        announce_error(self.status, message)
        if result.may_charge_again:
            # The reason is spoken first; Tab from it reaches the card number.
            self.status.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh_buttons()

    def _show_change(self) -> None:
        record = getattr(self.view.sale, "tender_record", None)
        if record is None or record.tendered is None:
            return
        from pos.ui.change_screen import ChangeDueDialog

        self.change_screen = ChangeDueDialog(record.change_due, record.tendered,
                                             self._currency, self.profile.locale, self)
        self.change_screen.open()

    def _check_payment(self) -> None:
        def failed(exc: BaseException) -> None:
            self.status.setText(self.tr("Checking with the store… (%1)").replace(
                "%1", self.view.message_for(exc)))
            self._check_timer.start()

        started = self.run(self.view.sale.check_payment, self._outcome,
                           message=self.tr("Checking with the store…"), on_error=failed)
        if not started and self._checking and not self.view.is_closed():
            # The sale is busy with something else: ask again later, never give up.
            self._check_timer.start()

    # -- wizard ---------------------------------------------------------------------------

    def ready(self) -> bool:
        return self.result is not None

    def can_go_back(self) -> bool:
        return super().can_go_back() and not self._locked()

    def refresh_buttons(self) -> None:
        super().refresh_buttons()
        locked = self._locked() or self.view.busy.is_busy
        self.charge_button.setEnabled(not locked and self.options is not None)
        self.apply_coupon.setEnabled(not locked)
        for button in self.coupon_removers.values():
            button.setEnabled(not locked)
        back = self.wizard_button(QWizard.WizardButton.BackButton)
        if back is not None and self.isVisible():
            back.setEnabled(not locked)
