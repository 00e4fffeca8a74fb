"""The shift's actions in the register window and their keys (the F1 help overlay lists
them; :mod:`pos.ui.shift_desk` binds them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

__all__ = ["SHIFT_KEYS", "action_label", "shift_shortcuts"]

#: The shift's actions and their keys (also listed by the F1 help overlay).
SHIFT_KEYS: dict[str, str] = {
    "open": "Ctrl+Shift+O",
    "x_report": "Ctrl+Shift+X",
    "paid_in": "Ctrl+Shift+I",
    "paid_out": "Ctrl+Shift+U",
    "no_sale": "Ctrl+Shift+N",
    "close": "Ctrl+Shift+E",
}


def action_label(action: str) -> str:
    return {
        "open": QCoreApplication.translate("ShiftDesk", "&Open the shift…"),
        "x_report": QCoreApplication.translate("ShiftDesk", "&X report (so far)"),
        "paid_in": QCoreApplication.translate("ShiftDesk", "Paid &in…"),
        "paid_out": QCoreApplication.translate("ShiftDesk", "Paid o&ut…"),
        "no_sale": QCoreApplication.translate("ShiftDesk", "&No sale (open the drawer)…"),
        "close": QCoreApplication.translate("ShiftDesk", "&Close the shift (Z report)…"),
    }[action]


def shift_shortcuts() -> list[tuple[str, str]]:
    """The shift's keys as the help overlay lists them."""
    return [
        (QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText),
         action_label(action).replace("&", "").rstrip("…"))
        for action, key in SHIFT_KEYS.items()
    ]
