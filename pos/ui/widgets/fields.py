"""Small helpers for forms: a labelled field with its error shown next to it, in words."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


def error_color(widget: QWidget) -> QColor:
    """A red that reads well on the widget's (light or dark) background."""
    background = widget.palette().color(QPalette.ColorRole.Window)
    return QColor("#b3261e") if background.lightness() >= 128 else QColor("#ff8a80")


def mark_as_error(label: QLabel) -> None:
    """Colour ``label``'s text as an error, keeping the rest of the system palette."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_color(label))
    label.setPalette(palette)


class ErrorLabel(QLabel):
    """The error of one field, next to the field; empty and hidden when the field is fine."""

    def __init__(self, buddy: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self._buddy = buddy
        mark_as_error(self)
        self.hide()

    def set_error(self, message: str | None) -> None:
        if message:
            self.setText(message)
            self.show()
        else:
            self.clear()
            self.hide()
        self._buddy.setProperty("invalid", bool(message))
        # The error is told with the field a screen reader is on: for a stack of
        # alternatives (a state list or a state typed in), each of them.
        described = [self._buddy]
        if isinstance(self._buddy, QStackedWidget):
            described += [page for i in range(self._buddy.count())
                          if (page := self._buddy.widget(i)) is not None]
        for widget in described:
            widget.setAccessibleDescription(message or "")
        style = self._buddy.style()
        style.unpolish(self._buddy)
        style.polish(self._buddy)
