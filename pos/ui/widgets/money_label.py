"""A label that shows an amount of money for the store's locale and the checkout's currency."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from pos.sale.money import format_money


class MoneyLabel(QLabel):
    """Shows ``format_money(amount, currency, locale)``; right-aligned, digits tabular."""

    def __init__(
        self,
        currency: str = "USD",
        locale: str = "en_US",
        parent: QWidget | None = None,
        *,
        amount: Decimal | None = None,
    ) -> None:
        super().__init__(parent)
        self._currency = currency
        self._locale = locale
        self._amount: Decimal | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.set_amount(amount)

    @property
    def amount(self) -> Decimal | None:
        return self._amount

    def set_currency(self, currency: str, locale: str | None = None) -> None:
        self._currency = currency
        if locale is not None:
            self._locale = locale
        self.set_amount(self._amount)

    def set_amount(self, amount: Decimal | None) -> None:
        self._amount = amount
        text = "" if amount is None else format_money(amount, self._currency, self._locale)
        self.setText(text)
        self.setAccessibleName(text)
