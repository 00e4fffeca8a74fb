"""The keyboard shortcuts as the help overlay (F1) lists them, in the clerk's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence

from pos.ui.shift_keys import shift_shortcuts

__all__ = ["shortcuts"]


def _keys(sequence: QKeySequence | QKeySequence.StandardKey | Qt.Key | str) -> str:
    """A key as the system names it, in the user's language (Qt's own translations)."""
    if not isinstance(sequence, QKeySequence):
        sequence = QKeySequence(sequence)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def shortcuts() -> list[tuple[str, str]]:
    """The keyboard shortcuts, as the help overlay (F1) lists them."""
    return [
        (_keys(Qt.Key.Key_F1),
         QCoreApplication.translate("Shortcuts", "Show or hide this help")),
        (_keys(Qt.Key.Key_Enter),
         QCoreApplication.translate(
             "Shortcuts", "Next step when the page is complete; on Items, add what is typed"
         )),
        (_keys(Qt.Key.Key_Escape),
         QCoreApplication.translate("Shortcuts", "Back one step (asks before abandoning a sale)")),
        (_keys(Qt.Key.Key_F2),
         QCoreApplication.translate("Shortcuts", "Go to the scan / search box")),
        (_keys(Qt.Key.Key_Down),
         QCoreApplication.translate("Shortcuts", "From the search box into the results")),
        (_keys(Qt.Key.Key_Delete),
         QCoreApplication.translate("Shortcuts", "Remove the selected line")),
        ("0–9", QCoreApplication.translate(
            "Shortcuts", "On a line: type its quantity (Enter or Tab keeps it, Esc does not)")),
        (_keys(Qt.Key.Key_F9), QCoreApplication.translate("Shortcuts", "Charge")),
        (_keys(Qt.Key.Key_F7),
         QCoreApplication.translate(
             "Shortcuts", "Returns: find a past sale, refund or void it")),
        (_keys(QKeySequence.StandardKey.Print),
         QCoreApplication.translate("Shortcuts", "Print the receipt")),
        (_keys(QKeySequence.StandardKey.Save),
         QCoreApplication.translate("Shortcuts", "Save the receipt as PDF")),
        (_keys(QKeySequence.StandardKey.New),
         QCoreApplication.translate("Shortcuts", "New sale (after payment)")),
        *shift_shortcuts(),
        (QCoreApplication.translate("Shortcuts", "Scanner"),
         QCoreApplication.translate(
             "Shortcuts", "Scan a barcode on any page where items can be added"
         )),
    ]
