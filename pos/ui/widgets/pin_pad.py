"""A PIN pad: a masked field, ten digit buttons, Clear and Enter; the keyboard works too.

The pad never says anything about the digits typed: it shows dots, and a refusal is
the screen's business (one neutral message). :meth:`take` hands the PIN over and clears
the field, so that it does not linger in the widget.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos.staff.pins import PIN_MAX_DIGITS, PIN_MIN_DIGITS


class PinField(QLineEdit):
    """The masked field: digits only, at most 8; Enter submits."""

    entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(PIN_MAX_DIGITS)
        self.setValidator(QRegularExpressionValidator(
            QRegularExpression(f"[0-9]{{0,{PIN_MAX_DIGITS}}}"), self))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copy, no paste
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                                 | Qt.InputMethodHint.ImhSensitiveData
                                 | Qt.InputMethodHint.ImhNoPredictiveText)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class PinPad(QWidget):
    """Digits by key or by button; ``submitted`` when Enter is pressed with 4-8 digits."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self.field = PinField(self)
        self.field.setPlaceholderText(self.tr("PIN"))
        self.field.setAccessibleName(self.tr("PIN"))
        self.field.entered.connect(self.submit)
        grid = QGridLayout()
        self.digit_buttons: list[QPushButton] = []
        for digit in range(10):
            button = QPushButton(str(digit), self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, d=digit: self.press(str(d)))
            self.digit_buttons.append(button)
            if digit:
                grid.addWidget(button, (digit - 1) // 3, (digit - 1) % 3)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear)
        self.enter_button = QPushButton(self.tr("Enter"), self)
        self.enter_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.enter_button.setDefault(True)
        self.enter_button.clicked.connect(self.submit)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self.digit_buttons[0], 3, 1)
        grid.addWidget(self.enter_button, 3, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addLayout(grid)
        self.setFocusProxy(self.field)

    def press(self, digit: str) -> None:
        if len(self.field.text()) < PIN_MAX_DIGITS:
            self.field.insert(digit)
        self.field.setFocus()

    def is_complete(self) -> bool:
        return PIN_MIN_DIGITS <= len(self.field.text()) <= PIN_MAX_DIGITS

    def submit(self) -> None:
        if self.is_complete() and self.isEnabled():
            self.submitted.emit()

    def take(self) -> str:
        """The PIN typed, and the field emptied."""
        pin = self.field.text()
        self.clear()
        return pin

    def clear(self) -> None:
        # Overwrite before clearing, so the old text is not left in the field's buffer.
        self.field.setText("0" * len(self.field.text()))
        self.field.clear()
        self.field.setFocus()
