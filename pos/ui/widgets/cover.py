"""A panel over its parent (the help, the sign-in screen): shown on top of the whole parent,
and the focus given back, when it closes, to the widget that had it before."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid


def cover_parent(panel: QWidget) -> QWidget | None:
    """Fit ``panel`` over its parent and show it on top; return the widget outside the
    panel that had the focus (None when the focus was nowhere, or already in the panel)."""
    parent = panel.parentWidget()
    if parent is not None:
        panel.setGeometry(parent.rect())
    focus = QApplication.focusWidget()
    panel.raise_()
    panel.show()
    if focus is None or focus is panel or panel.isAncestorOf(focus):
        return None
    return focus


def give_focus_back(panel: QWidget, back: QWidget | None) -> None:
    """Focus ``back`` again (after ``panel`` closed) if it is still there to be typed in:
    alive, visible and enabled, in the panel's window."""
    if (back is not None and isValid(back) and back.isVisible() and back.isEnabled()
            and back.window() is panel.window()):
        back.setFocus(Qt.FocusReason.OtherFocusReason)
