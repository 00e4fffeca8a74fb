"""A banner across the window while the store cannot be reached (never a dialog storm)."""

from __future__ import annotations

from PySide6.QtCore import Signal
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
        self.set_message(None)
        self.hide()

    def set_message(self, detail: str | None) -> None:
        text = self.tr("Offline: the store cannot be reached. Nothing is lost; the register "
                       "keeps trying.")
        if detail:
            text = f"{text} {detail}"
        self._label.setText(text)
        self.setAccessibleName(text)

    def set_online(self, online: bool, detail: str | None = None) -> None:
        if online:
            self.hide()
        else:
            self.set_message(detail)
            self.show()
