"""The help overlay (F1): every keyboard shortcut of the register, over the current page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from pos.ui.widgets.cover import cover_parent, give_focus_back


class HelpOverlay(QFrame):
    """A panel that covers its parent; any key or click closes it.

    Closing gives focus back to the widget that had it when the overlay opened, so the
    clerk carries on where they were (and the page's keys keep working).
    """

    def __init__(self, parent: QWidget, shortcuts: Sequence[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        outer = QVBoxLayout(self)
        title = QLabel(self.tr("Keyboard shortcuts"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        outer.addWidget(title)
        grid = QGridLayout()
        self.rows: list[tuple[str, str]] = list(shortcuts)
        for row, (keys, what) in enumerate(self.rows):
            key_label = QLabel(f"<b>{keys}</b>", self)
            grid.addWidget(key_label, row, 0)
            grid.addWidget(QLabel(what, self), row, 1)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        outer.addStretch(1)
        hint = QLabel(self.tr("Press any key to close."), self)
        outer.addWidget(hint)
        self._return_to: QWidget | None = None
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.close_overlay()
        else:
            self.open_overlay()

    def open_overlay(self) -> None:
        self._return_to = cover_parent(self) or self._return_to
        self.setFocus()

    def close_overlay(self) -> None:
        back, self._return_to = self._return_to, None
        self.hide()
        give_focus_back(self, back)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.close_overlay()
        event.accept()

    def mousePressEvent(self, event: object) -> None:
        self.close_overlay()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and self.isVisible() and parent is not None:
            self.setGeometry(parent.rect())
        return False
