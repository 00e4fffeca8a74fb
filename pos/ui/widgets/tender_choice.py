"""How the customer pays, on Review and pay: a card (typed or stored, the page's own card
entry), cash (the amount tendered typed or picked with quick buttons: exact and the next
round amounts; the change due shown large), or the store's standalone card terminal (its
approval code and the card's last 4 digits: never a card number)."""

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
from pos.sale.tenders import CashPayment, RecordedPayment, TerminalPayment, cash_due

__all__ = ["CARD", "CASH", "TERMINAL", "TenderChoice", "quick_amounts"]

CARD, CASH, TERMINAL = 0, 1, 2


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
        for n, radio in enumerate((self.card_radio, self.cash_radio, self.terminal_radio)):
            self.group.addButton(radio, n)
            row.addWidget(radio)
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

        self.group.idToggled.connect(self._toggled)
        self.tendered.textChanged.connect(self._update_change)
        self.reference.textChanged.connect(self.changed)
        self.last4.textChanged.connect(self.changed)
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
        self.changed.emit()

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
        if self.kind() == TERMINAL:
            last4 = self.last4.text().strip()
            if not self.reference.text().strip():
                return self.tr("Type the terminal's approval code.")
            if len(last4) != 4 or not last4.isdigit():
                return self.tr("Type the card's last 4 digits from the terminal's slip.")
        return None

    def payment(self) -> RecordedPayment | None:
        """The recorded tender chosen (None: a card, charged through the store)."""
        if self.kind() == CASH:
            tendered = self.tendered_amount()
            assert tendered is not None
            return CashPayment(tendered, self.rounding)
        if self.kind() == TERMINAL:
            return TerminalPayment(self.reference.text().strip(), self.last4.text().strip())
        return None

    def clear(self) -> None:
        self.tendered.clear()
        self.reference.clear()
        self.last4.clear()
