"""How the customer pays, on Review and pay: a card (typed or stored, the page's own card
entry), cash (the amount tendered typed or picked with quick buttons: exact and the next
round amounts; the change due shown large), the store's standalone card terminal (its
approval code and the card's last 4 digits: never a card number), and, where the store's
payment methods list them, a gift certificate (its code; its balance looked up and shown
before it is used) or the customer's store credit (its balance shown). A balance below
the amount due is refused with the balance."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal, InvalidOperation

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos.sale.money import format_money
from pos.sale.records import GiftCertificatePayment, StoreCreditPayment
from pos.sale.tenders import CashPayment, RecordedPayment, TerminalPayment, cash_due

__all__ = ["CARD", "CASH", "GIFT", "STORE_CREDIT", "TERMINAL", "TenderChoice",
           "quick_amounts"]

CARD, CASH, TERMINAL, GIFT, STORE_CREDIT = 0, 1, 2, 3, 4
#: The tender kinds the shift counts, by the choice's id.
KINDS = {CARD: "card", CASH: "cash", TERMINAL: "terminal", GIFT: "gift_certificate",
         STORE_CREDIT: "store_credit"}


def quick_amounts(due: Decimal, count: int = 3) -> list[Decimal]:
    """Exact, then the next round amounts a customer hands over (5, 10, 20, 50, 100…)."""
    out = [due]
    for step in (Decimal(5), Decimal(10), Decimal(20), Decimal(50), Decimal(100)):
        value = (due / step).to_integral_value(rounding=ROUND_CEILING) * step
        if value > due and value not in out:
            out.append(value)
        if len(out) > count:
            break
    return out


class TenderChoice(QWidget):
    """Card, cash or terminal; :meth:`payment` is the recorded tender (None for a card)."""

    changed = Signal()
    #: The clerk asks for the gift certificate's balance (its code).
    gift_balance_requested = Signal(str)
    #: Store credit was chosen: its balance is wanted.
    credit_balance_requested = Signal()

    def __init__(self, currency: str, locale: str = "en_US", rounding: Decimal | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.locale_name = locale
        self.rounding = rounding
        self.total: Decimal | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.card_radio = QRadioButton(self.tr("Car&d"), self)
        self.cash_radio = QRadioButton(self.tr("Ca&sh"), self)
        self.terminal_radio = QRadioButton(self.tr("Card ter&minal"), self)
        self.card_radio.setAccessibleName(self.tr("Pay by card"))
        self.cash_radio.setAccessibleName(self.tr("Pay in cash"))
        self.terminal_radio.setAccessibleName(self.tr("Paid on the card terminal"))
        self.gift_radio = QRadioButton(self.tr("&Gift certificate"), self)
        self.credit_radio = QRadioButton(self.tr("Store c&redit"), self)
        self.gift_radio.setAccessibleName(self.tr("Pay with a gift certificate"))
        self.credit_radio.setAccessibleName(self.tr("Pay with the customer's store credit"))
        for n, radio in enumerate((self.card_radio, self.cash_radio, self.terminal_radio,
                                   self.gift_radio, self.credit_radio)):
            self.group.addButton(radio, n)
            row.addWidget(radio)
        self.gift_radio.hide()  # until the store's payment methods list them
        self.credit_radio.hide()
        self.gift_balance: Decimal | None = None
        self.gift_checked = False  # the balance of the code typed was looked up
        self.credit_balance: Decimal | None = None
        self.credit_checked = False
        self.card_radio.setChecked(True)
        layout.addLayout(row)

        self.cash_panel = QWidget(self)
        cash = QVBoxLayout(self.cash_panel)
        cash.setContentsMargins(0, 0, 0, 0)
        self.due_label = QLabel(self.cash_panel)
        cash.addWidget(self.due_label)
        form = QFormLayout()
        self.tendered = QLineEdit(self.cash_panel)
        self.tendered.setAccessibleName(self.tr("Cash tendered"))
        self.tendered.setPlaceholderText("0.00")
        form.addRow(self.tr("Cash &tendered:"), self.tendered)
        cash.addLayout(form)
        self.quick_row = QHBoxLayout()
        self.quick_buttons: list[QPushButton] = []
        for _ in range(4):
            button = QPushButton(self.cash_panel)
            button.setAccessibleName(self.tr("Quick cash amount"))  # until it has one
            button.clicked.connect(self._quick)
            self.quick_buttons.append(button)
            self.quick_row.addWidget(button)
        cash.addLayout(self.quick_row)
        self.change_label = QLabel(self.cash_panel)
        self.change_label.setObjectName("changeDue")
        self.change_label.setAccessibleName(self.tr("Change due"))
        font = self.change_label.font()
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 2.4)
        font.setBold(True)
        self.change_label.setFont(font)
        cash.addWidget(self.change_label)
        layout.addWidget(self.cash_panel)

        self.terminal_panel = QWidget(self)
        term = QFormLayout(self.terminal_panel)
        term.setContentsMargins(0, 0, 0, 0)
        self.reference = QLineEdit(self.terminal_panel)
        self.reference.setMaxLength(40)
        self.reference.setAccessibleName(self.tr("Approval code from the terminal"))
        self.last4 = QLineEdit(self.terminal_panel)
        self.last4.setMaxLength(4)
        self.last4.setValidator(QIntValidator(0, 9999, self.last4))
        self.last4.setAccessibleName(self.tr("Last 4 digits of the card"))
        term.addRow(self.tr("&Approval code:"), self.reference)
        term.addRow(self.tr("Card's &last 4:"), self.last4)
        note = QLabel(self.tr("Charge the card on the terminal first. Never type the card "
                              "number here."), self.terminal_panel)
        note.setWordWrap(True)
        term.addRow(note)
        layout.addWidget(self.terminal_panel)

        self.gift_panel = QWidget(self)
        gift = QFormLayout(self.gift_panel)
        gift.setContentsMargins(0, 0, 0, 0)
        self.gift_code = QLineEdit(self.gift_panel)
        self.gift_code.setMaxLength(255)
        self.gift_code.setAccessibleName(self.tr("Gift certificate code"))
        self.gift_check = QPushButton(self.tr("Check the &balance"), self.gift_panel)
        self.gift_check.setAccessibleName(self.tr("Check the gift certificate's balance"))
        code_row = QHBoxLayout()
        code_row.addWidget(self.gift_code, 1)
        code_row.addWidget(self.gift_check)
        code_label = QLabel(self.tr("Certificate &code:"), self.gift_panel)
        code_label.setBuddy(self.gift_code)
        gift.addRow(code_label, code_row)
        self.gift_balance_label = QLabel(self.gift_panel)
        self.gift_balance_label.setObjectName("giftBalance")
        self.gift_balance_label.setWordWrap(True)
        gift.addRow(self.gift_balance_label)
        layout.addWidget(self.gift_panel)

        self.credit_panel = QWidget(self)
        credit = QVBoxLayout(self.credit_panel)
        credit.setContentsMargins(0, 0, 0, 0)
        self.credit_balance_label = QLabel(self.credit_panel)
        self.credit_balance_label.setObjectName("creditBalance")
        self.credit_balance_label.setWordWrap(True)
        credit.addWidget(self.credit_balance_label)
        layout.addWidget(self.credit_panel)

        self.group.idToggled.connect(self._toggled)
        self.tendered.textChanged.connect(self._update_change)
        self.reference.textChanged.connect(self.changed)
        self.last4.textChanged.connect(self.changed)
        self.gift_code.textChanged.connect(self._gift_code_changed)
        self.gift_code.returnPressed.connect(self._ask_gift_balance)
        self.gift_check.clicked.connect(self._ask_gift_balance)
        self._toggled(CARD, True)

    # -- state ------------------------------------------------------------------------------

    def kind(self) -> int:
        return self.group.checkedId()

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency, self.locale_name)

    def due(self) -> Decimal | None:
        return None if self.total is None else cash_due(self.total, self.rounding)

    def set_total(self, total: Decimal | None) -> None:
        self.total = total
        due = self.due()
        if due is None:
            self.due_label.clear()
            for button in self.quick_buttons:
                button.hide()
        else:
            self.due_label.setText(self.tr("Due in cash: %1").replace("%1", self._money(due)))
            amounts = quick_amounts(due)
            for n, button in enumerate(self.quick_buttons):
                if n < len(amounts):
                    text = self.tr("Exact") if n == 0 else self._money(amounts[n])
                    button.setText(text)
                    button.setProperty("amount", str(amounts[n]))
                    button.setAccessibleName(self.tr("Tendered %1").replace(
                        "%1", self._money(amounts[n])))
                    button.show()
                else:
                    button.hide()
        self._update_change()

    def _toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        self.cash_panel.setVisible(self.kind() == CASH)
        self.terminal_panel.setVisible(self.kind() == TERMINAL)
        self.gift_panel.setVisible(self.kind() == GIFT)
        self.credit_panel.setVisible(self.kind() == STORE_CREDIT)
        if self.kind() == STORE_CREDIT and not self.credit_checked:
            self.credit_balance_label.setText(self.tr("Looking up the store credit…"))
            self.credit_balance_requested.emit()
        self.changed.emit()

    # -- gift certificates and store credit -------------------------------------------------

    def set_methods(self, types: set[str], *, has_customer: bool) -> None:
        """Offer a gift certificate and store credit where the store's payment methods
        list them (store credit only for a known customer)."""
        self.gift_radio.setVisible("gift_certificate" in types)
        self.credit_radio.setVisible("store_credit" in types and has_customer)
        self.credit_checked = False
        checked = self.group.checkedButton()
        if self.kind() in (GIFT, STORE_CREDIT) and checked is not None \
                and not checked.isVisibleTo(self):
            self.card_radio.setChecked(True)

    def _gift_code_changed(self) -> None:
        self.gift_checked = False
        self.gift_balance = None
        self.gift_balance_label.clear()
        self.changed.emit()

    def _ask_gift_balance(self) -> None:
        code = self.gift_code.text().strip()
        if code:
            self.gift_balance_label.setText(self.tr("Looking up the balance…"))
            self.gift_balance_requested.emit(code)

    def _balance_text(self, balance: Decimal) -> str:
        due = self.total
        text = self.tr("Balance: %1").replace("%1", self._money(balance))
        if due is not None and balance < due:
            text += " — " + self.tr("less than the %1 due: choose another way to pay."
                                    ).replace("%1", self._money(due))
        return text

    def set_gift_balance(self, code: str, balance: Decimal | None) -> None:
        """The store's answer for the certificate ``code`` (None: no such certificate)."""
        if code != self.gift_code.text().strip():
            return  # the clerk typed another code meanwhile
        self.gift_checked = True
        self.gift_balance = balance
        self.gift_balance_label.setText(
            self.tr("The store has no gift certificate with this code.") if balance is None
            else self._balance_text(balance))
        self.gift_balance_label.setAccessibleName(self.gift_balance_label.text())
        self.changed.emit()

    def set_credit_balance(self, balance: Decimal | None) -> None:
        self.credit_checked = True
        self.credit_balance = balance
        self.credit_balance_label.setText(
            self.tr("The store did not say how much store credit the customer has.")
            if balance is None else self._balance_text(balance))
        self.credit_balance_label.setAccessibleName(self.credit_balance_label.text())
        self.changed.emit()

    def stored_value(self) -> GiftCertificatePayment | StoreCreditPayment | None:
        """The gift certificate or store credit chosen (None: another tender)."""
        if self.kind() == GIFT:
            return GiftCertificatePayment(self.gift_code.text().strip())
        if self.kind() == STORE_CREDIT:
            return StoreCreditPayment()
        return None

    def kind_name(self) -> str:
        """The chosen tender as the shift counts it (``"cash"``, ``"gift_certificate"``…)."""
        return KINDS.get(self.kind(), "card")

    def _quick(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.tendered.setText(str(button.property("amount")))

    def tendered_amount(self) -> Decimal | None:
        try:
            value = Decimal(self.tendered.text().strip())
        except (InvalidOperation, ValueError):
            return None
        if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")):
            return None
        return value

    def change_due(self) -> Decimal | None:
        due, tendered = self.due(), self.tendered_amount()
        if due is None or tendered is None or tendered < due:
            return None
        return tendered - due

    def _update_change(self) -> None:
        change = self.change_due()
        if change is None:
            self.change_label.setText(self.tr("Change due: —"))
        else:
            self.change_label.setText(self.tr("Change due: %1").replace(
                "%1", self._money(change)))
        self.changed.emit()

    def problem(self) -> str | None:
        """Why the chosen tender cannot be recorded yet, or None."""
        if self.kind() == CASH and self.change_due() is None:
            return self.tr("Type the cash handed over (at least the amount due).")
        if self.kind() == GIFT:
            if not self.gift_code.text().strip():
                return self.tr("Type the gift certificate's code.")
            if not self.gift_checked:
                return self.tr("Check the gift certificate's balance first.")
            if self.gift_balance is None:
                return self.tr("The store has no gift certificate with this code.")
            return self._short(self.gift_balance, self.tr("The gift certificate's balance"))
        if self.kind() == STORE_CREDIT:
            if not self.credit_checked or self.credit_balance is None:
                return self.tr("The customer's store credit is not known yet.")
            return self._short(self.credit_balance, self.tr("The customer's store credit"))
        if self.kind() == TERMINAL:
            last4 = self.last4.text().strip()
            if not self.reference.text().strip():
                return self.tr("Type the terminal's approval code.")
            if len(last4) != 4 or not last4.isdigit():
                return self.tr("Type the card's last 4 digits from the terminal's slip.")
        return None

    def _short(self, balance: Decimal, what: str) -> str | None:
        """Why ``balance`` cannot pay the total (it pays the whole amount), or None."""
        if self.total is not None and balance < self.total:
            return self.tr("%1 is %2, less than the %3 due. Nothing was charged; choose "
                           "another way to pay.").replace("%1", what).replace(
                "%2", self._money(balance)).replace("%3", self._money(self.total))
        return None

    def payment(self) -> RecordedPayment | None:
        """The recorded tender chosen (None: a card, charged through the store)."""
        if self.kind() == CASH:
            tendered = self.tendered_amount()
            assert tendered is not None
            return CashPayment(tendered, self.rounding)
        if self.kind() == TERMINAL:
            return TerminalPayment(self.reference.text().strip(), self.last4.text().strip())
        return None  # a card, a gift certificate or store credit: charged through the store

    def clear(self) -> None:
        self.tendered.clear()
        self.reference.clear()
        self.last4.clear()
        self.gift_code.clear()
