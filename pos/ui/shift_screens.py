"""The shift's screens: open with the float (a sum, or counted by denomination), close with
a blind count (the expected amount is not shown before the count), then the Z report on
screen, saved as PDF on request. They drive :class:`pos.shift.ShiftLedger`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pos.shift import ShiftError, ShiftLedger, parse_amount
from pos.ui.async_qt import TaskRunner
from pos.ui.shift_report import report_html, save_report_pdf

__all__ = ["DENOMINATIONS", "ShiftCloseDialog", "ShiftOpenDialog", "ZReportView"]

#: The notes and coins counted when the float is counted by denomination.
DENOMINATIONS: tuple[str, ...] = ("100.00", "50.00", "20.00", "10.00", "5.00", "1.00",
                                  "0.25", "0.10", "0.05", "0.01")


class ShiftOpenDialog(QDialog):
    """Open the register's shift: the float typed as a sum or counted note by note.
    ``opened(Shift)`` once the shift is open (by ``clerk``)."""

    opened = Signal(object)

    def __init__(self, ledger: ShiftLedger, currency: str,
                 denominations: Sequence[str] = DENOMINATIONS,
                 parent: QWidget | None = None, *, clerk: str = "") -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.currency = currency
        self.clerk = clerk
        self.setWindowTitle(self.tr("Open the shift"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.float_sum = QLineEdit(self)
        self.float_sum.setPlaceholderText("100.00")
        self.float_sum.setAccessibleName(self.tr("Opening float"))
        form.addRow(self.tr("Opening &float:"), self.float_sum)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("…or count it by denomination:"), self))
        counts = QFormLayout()
        self.counts: dict[str, QSpinBox] = {}
        for value in denominations:
            box = QSpinBox(self)
            box.setRange(0, 10_000)
            box.setAccessibleName(self.tr("Count of %1").replace("%1", value))
            box.valueChanged.connect(self._counted)
            counts.addRow(value, box)
            self.counts[value] = box
        layout.addLayout(counts)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open the shift"))
        buttons.accepted.connect(self._open)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.shift: Any = None

    def _counted(self) -> None:
        total = sum((Decimal(v) * box.value() for v, box in self.counts.items()), Decimal(0))
        if total:
            self.float_sum.setText(str(total.quantize(Decimal("0.01"))))

    def _open(self) -> None:
        counted = {v: box.value() for v, box in self.counts.items() if box.value()}
        try:
            self.shift = self.ledger.open(
                currency=self.currency, float_amount=self.float_sum.text().strip() or None,
                denominations=counted or None, clerk=self.clerk)
        except ShiftError as exc:
            self.error.setText(str(exc))
            return
        self.opened.emit(self.shift)
        self.accept()


class ZReportView(QWidget):
    """A report (X or Z) on screen, with Save as PDF."""

    def __init__(self, report: dict[str, Any], parent: QWidget | None = None,
                 choose_path: Callable[[], str] | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self._choose = choose_path
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(self.tr("Shift report"))
        self.text.setHtml(report_html(report))
        layout.addWidget(self.text, 1)
        self.save = QPushButton(self.tr("Save as &PDF…"), self)
        self.save.clicked.connect(self._save)
        layout.addWidget(self.save)

    def _save(self) -> None:
        path = self._choose() if self._choose is not None else QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), "z-report.pdf", self.tr("PDF (*.pdf)"))[0]
        if path:
            save_report_pdf(self.report, Path(path))


class ShiftCloseDialog(QDialog):
    """Close the shift: the blind count first, then the Z report. ``closed_shift(dict)``
    carries the Z report once the shift is closed (by ``clerk``)."""

    closed_shift = Signal(dict)

    def __init__(self, ledger: ShiftLedger,
                 unmatched: Callable[[], list[dict[str, Any]]] | None = None,
                 parent: QWidget | None = None, *,
                 fetch: Callable[[], Awaitable[list[dict[str, Any]]]] | None = None,
                 runner: TaskRunner | None = None, clerk: str = "") -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.clerk = clerk
        self._unmatched = unmatched
        # The store's orders, read (through ``runner``) after the count and before the
        # report: the orders on one side only are shown on it.
        self._fetch = fetch if runner is not None else None
        self._runner = runner
        self.report: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Close the shift"))
        self.resize(520, 640)
        self.layout_ = QVBoxLayout(self)
        hint = QLabel(self.tr("Count the cash in the drawer and type the total. The "
                              "register shows what it expected only after the count."), self)
        hint.setWordWrap(True)
        self.layout_.addWidget(hint)
        form = QFormLayout()
        self.counted = QLineEdit(self)
        self.counted.setAccessibleName(self.tr("Counted cash"))
        form.addRow(self.tr("&Counted cash:"), self.counted)
        self.layout_.addLayout(form)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.layout_.addWidget(self.error)
        self.close_button = QPushButton(self.tr("Close the shift"), self)
        self.close_button.clicked.connect(self.close_shift)
        self.layout_.addWidget(self.close_button)
        self.view: ZReportView | None = None

    def close_shift(self) -> None:
        counted = self.counted.text().strip()
        try:
            parse_amount(counted, "the counted cash")
        except ShiftError as exc:
            self.error.setText(str(exc))
            return
        if self._fetch is not None and self._runner is not None:
            self.close_button.setEnabled(False)
            self.error.setText(self.tr("Reading the store's orders of this shift…"))

            def failed(exc: BaseException) -> None:
                self.close_button.setEnabled(True)
                self.error.setText(self.tr(
                    "The store's orders could not be read to check the shift against "
                    "them; the shift stays open. Close it again when the store answers."))

            self._runner.start(self._fetch, exclusive=False,
                               on_result=lambda found: self._close(counted, found),
                               on_error=failed)
            return
        try:
            unmatched = self._unmatched() if self._unmatched is not None else []
        except ShiftError as exc:
            self.error.setText(str(exc))
            return
        self._close(counted, unmatched)

    def _close(self, counted: str, unmatched: list[dict[str, Any]]) -> None:
        try:
            self.report = self.ledger.close(counted, unmatched=unmatched, clerk=self.clerk)
        except ShiftError as exc:
            self.close_button.setEnabled(True)
            self.error.setText(str(exc))
            return
        self.closed_shift.emit(dict(self.report))
        self.counted.setEnabled(False)
        self.close_button.hide()
        self.error.clear()
        self.view = ZReportView(self.report, self)
        self.layout_.addWidget(self.view, 1)
