"""Progress that appears only when a wait is long enough to notice (about 150 ms)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

DEFAULT_DELAY_MS = 150


class BusyIndicator(QWidget):
    """An indeterminate bar and a sentence, shown ``delay_ms`` after ``set_busy(True)``."""

    def __init__(self, parent: QWidget | None = None, delay_ms: int = DEFAULT_DELAY_MS) -> None:
        super().__init__(parent)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, 0)
        self._bar.setTextVisible(False)
        self._bar.setMaximumWidth(160)
        self._bar.setAccessibleName(QCoreApplication.translate("BusyIndicator", "Working"))
        self._label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar)
        layout.addWidget(self._label, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.show)
        self._busy = False
        self.set_message(QCoreApplication.translate("BusyIndicator", "Working…"))
        self.hide()

    def set_message(self, text: str) -> None:
        self._label.setText(text)
        self.setAccessibleDescription(text)
        # One status for a screen reader: the bar says what is going on, as the label does.
        self._bar.setAccessibleName(text)
        self.setAccessibleName(text)

    def message(self) -> str:
        return self._label.text()

    def is_busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool, message: str | None = None) -> None:
        if message is not None:
            self.set_message(message)
        self._busy = busy
        if busy:
            if not self.isVisible() and not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
            self.hide()
