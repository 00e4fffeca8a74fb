"""The change screen: after a cash sale is recorded at the store, the change due, large,
with what was tendered and the amount due."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pos.sale.money import format_money

__all__ = ["ChangeDueDialog"]


class ChangeDueDialog(QDialog):
    def __init__(self, change: Decimal, tendered: Decimal | None, currency: str,
                 locale: str = "en_US", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change due"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Give the customer their change"), self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.amount = QLabel(format_money(change, currency, locale), self)
        self.amount.setObjectName("changeDueAmount")
        self.amount.setAccessibleName(self.tr("Change due"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.amount.font()
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 5)
        font.setBold(True)
        self.amount.setFont(font)
        layout.addWidget(self.amount)
        if tendered is not None:
            given = QLabel(self.tr("Tendered: %1").replace(
                "%1", format_money(tendered, currency, locale)), self)
            given.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(given)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
