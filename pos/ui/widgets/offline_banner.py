"""A banner across the window while the store cannot be reached (never a dialog storm).

It says when the register tries the store again by itself (the sale retries with a
growing pause), counting down, and goes away once the store answers; "Retry now" tries at
once."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class OfflineBanner(QFrame):
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._retry = QPushButton(self.tr("Retry now"), self)
        self._retry.setAccessibleName(self.tr("Retry connecting to the store"))
        self._retry.clicked.connect(self.retry_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._retry)
        self._detail: str | None = None
        self._retry_at: float | None = None  # time.monotonic() of the next automatic try
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_text)
        self.set_message(None)
        self.hide()

    def set_message(self, detail: str | None) -> None:
        self._detail = detail
        self._show_text()

    def text(self) -> str:
        return self._label.text()

    def next_retry_in(self) -> float | None:
        """Seconds until the register tries the store again by itself (None: not known)."""
        if self._retry_at is None:
            return None
        return max(0.0, self._retry_at - time.monotonic())

    def set_next_retry(self, seconds: float | None) -> None:
        """The register tries the store again by itself in ``seconds``."""
        if seconds is None:
            self._retry_at = None
            self._tick.stop()
        else:
            self._retry_at = time.monotonic() + max(0.0, seconds)
            self._tick.start()
        self._show_text()

    def _show_text(self) -> None:
        text = self.tr("Offline: the store cannot be reached. Nothing is lost; the register "
                       "keeps trying.")
        if self._detail:
            text = f"{text} {self._detail}"
        left = self.next_retry_in()
        if left is not None:
            seconds = math.ceil(left)
            if seconds > 0:
                text = f"{text} {self.tr('Trying again in %n s.', '', seconds)}"
            else:
                text = f"{text} {self.tr('Trying again now…')}"
        if text != self._label.text():
            self._label.setText(text)
            self.setAccessibleName(text)

    def set_online(self, online: bool, detail: str | None = None) -> None:
        if online:
            self._retry_at = None
            self._tick.stop()
            self.hide()
        else:
            self.set_message(detail)
            self.show()
