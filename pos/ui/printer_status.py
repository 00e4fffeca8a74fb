"""The receipt printer's state for the register's header: nothing while all is well, a
short warning with a Reprint button when the printer is off, out of paper or unusable.

It listens to :class:`pos.hardware.printer.ReceiptPrinter` (``add_listener``); the full
sentence of the failure (what to do) is the tooltip. ``reprint_requested`` asks the window
to call ``ReceiptPrinter.reprint()`` (a coroutine: run it with the window's task runner).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from pos.hardware.printer import PrinterState, PrinterStatus, ReceiptPrinter

__all__ = ["PrinterStatusIndicator"]


class PrinterStatusIndicator(QWidget):
    reprint_requested = Signal()

    def __init__(self, printer: ReceiptPrinter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("printerStatus")
        self.reprint = QPushButton(self.tr("Reprint"), self)
        self.reprint.clicked.connect(self.reprint_requested)
        layout.addWidget(self.label)
        layout.addWidget(self.reprint)
        self._stop: Callable[[], None] | None = printer.add_listener(self.show_status)
        self.destroyed.connect(lambda *_: self.stop())
        self.show_status(printer.status)

    def text_for(self, state: PrinterState) -> str:
        texts = {
            PrinterState.PRINTING: self.tr("Printing the receipt…"),
            PrinterState.OFFLINE: self.tr("The receipt printer is off or unplugged"),
            PrinterState.PAPER_OUT: self.tr("The receipt printer is out of paper"),
            PrinterState.UNAVAILABLE: self.tr("The receipt printer cannot be used"),
        }
        return texts.get(state, "")

    def show_status(self, status: PrinterStatus) -> None:
        text = self.text_for(status.state)
        self.label.setText(text)
        self.label.setToolTip(status.message)
        self.setAccessibleDescription(status.message or text)
        failed = not status.ok
        self.reprint.setVisible(failed and self.printer.last_receipt is not None)
        self.setVisible(bool(text))

    def stop(self) -> None:
        stop, self._stop = self._stop, None
        if stop is not None:
            stop()
