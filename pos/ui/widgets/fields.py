"""Small helpers for forms: a labelled field with its error shown next to it, in words."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


def error_color(widget: QWidget) -> QColor:
    """A red that reads well on the widget's (light or dark) background."""
    background = widget.palette().color(QPalette.ColorRole.Window)
    return QColor("#b3261e") if background.lightness() >= 128 else QColor("#ff8a80")


#: Set on labels whose text is an error (their red follows a change of palette).
ERROR_TEXT_PROPERTY = "errorText"


def unmark_error(label: QWidget) -> None:
    """``label``'s text in the palette's own colour again."""
    label.setProperty(ERROR_TEXT_PROPERTY, False)
    label.setPalette(QPalette())


def mark_as_error(label: QWidget) -> None:
    """Colour ``label``'s text as an error, keeping the rest of the system palette."""
    label.setProperty(ERROR_TEXT_PROPERTY, True)
    palette = label.palette()
    color = error_color(label)
    if palette.color(QPalette.ColorRole.WindowText) != color:
        palette.setColor(QPalette.ColorRole.WindowText, color)
        label.setPalette(palette)


def mnemonic_free(text: str) -> str:
    """``text`` for a label with a buddy, where "&" would make a shortcut."""
    return text.replace("&", "&&")


def repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class ErrorLabel(QLabel):
    """The error of one field, next to the field; empty and hidden when the field is fine.

    The error is the label *for* its field (a screen reader's "label for" relation), is the
    field's accessible description (told with the field), and rings the field in red. For
    a stack of alternatives (a state list or a state typed in), that is the one on show.
    """

    def __init__(self, buddy: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self._buddy = buddy
        mark_as_error(self)
        self.hide()

    def field(self) -> QWidget:
        """The field the error is about, as the clerk sees it."""
        if isinstance(self._buddy, QStackedWidget):
            shown = self._buddy.currentWidget()
            if shown is not None:
                return shown
        return self._buddy

    def message(self) -> str:
        return self.text().replace("&&", "&")

    def set_error(self, message: str | None) -> None:
        field = self.field()
        if message:
            self.setText(mnemonic_free(message))
            self.setBuddy(field)
            self.show()
        else:
            self.setBuddy(None)  # type: ignore[arg-type]
            self.clear()
            self.hide()
        everything = [self._buddy]
        if isinstance(self._buddy, QStackedWidget):
            everything += [page for i in range(self._buddy.count())
                           if (page := self._buddy.widget(i)) is not None]
        for widget in everything:
            # Told with every alternative a screen reader may be on; ringed where it shows.
            widget.setAccessibleDescription(message or "")
            invalid = bool(message) and widget is field
            if widget.property("invalid") != invalid:
                widget.setProperty("invalid", invalid)
                repolish(widget)
