"""Quantity cells of a table, edited by the table's own editor.

The cell holds the number itself (a screen reader reads it like any other cell, with its
column's header); typing a digit on the row (or a double click) opens a spin box over the
cell with that digit in it (the arrows then step it); Enter or Tab keeps the number, Escape
leaves it as it was. Tab then goes on to the widget after the table, as from any other
cell: the table is one Tab stop, its rows are reached with the arrows.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

#: The item's smallest and largest quantity, and the name its editor is read by.
MINIMUM_ROLE = Qt.ItemDataRole.UserRole + 1
MAXIMUM_ROLE = Qt.ItemDataRole.UserRole + 2
EDITOR_NAME_ROLE = Qt.ItemDataRole.UserRole + 3


Index = QModelIndex | QPersistentModelIndex


def quantity_item(value: int, minimum: int, maximum: int, editor_name: str) -> QTableWidgetItem:
    """A quantity cell: its number (display and edit), its range, its editor's name."""
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                  | Qt.ItemFlag.ItemIsEditable)
    item.setData(Qt.ItemDataRole.EditRole, int(value))
    item.setData(MINIMUM_ROLE, int(minimum))
    item.setData(MAXIMUM_ROLE, int(maximum))
    item.setData(EDITOR_NAME_ROLE, editor_name)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def quantity_of(item: QTableWidgetItem | None) -> int | None:
    if item is None:
        return None
    value = item.data(Qt.ItemDataRole.EditRole)
    return int(value) if value is not None else None


def set_quantity_of(item: QTableWidgetItem, value: int) -> None:
    """The cell's number, changed only if it differs (an unchanged cell stays quiet, and
    an editor open on it keeps what the clerk is typing)."""
    if quantity_of(item) != int(value):
        item.setData(Qt.ItemDataRole.EditRole, int(value))


class QuantityDelegate(QStyledItemDelegate):
    """The editor of a table's quantity column (see the module's text)."""

    #: (row, quantity): the clerk chose a quantity (not emitted when the program sets one)
    chosen = Signal(int, int)

    def __init__(self, table: QTableWidget, column: int) -> None:
        super().__init__(table)
        self._table = table
        self._column = column
        self._editor_size: QSize | None = None
        table.setItemDelegateForColumn(column, self)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setTabKeyNavigation(False)
        table.installEventFilter(self)

    # -- the editor -----------------------------------------------------------------------

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Wide enough for the editor with four digits (the column fits it)."""
        hint = super().sizeHint(option, index)
        if self._editor_size is None:
            # A window of its own, never shown: a child of the table would show with it.
            sample = QSpinBox()
            sample.setObjectName("quantityEditor")
            sample.setRange(0, 9999)
            sample.setFont(self._table.font())
            sample.ensurePolished()
            self._editor_size = sample.sizeHint()
            sample.deleteLater()
        return QSize(max(hint.width(), self._editor_size.width()), hint.height())

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        spin = QSpinBox(parent)
        spin.setObjectName("quantityEditor")
        spin.setFrame(False)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        minimum, maximum = index.data(MINIMUM_ROLE), index.data(MAXIMUM_ROLE)
        spin.setRange(int(minimum) if minimum is not None else 0,
                      int(maximum) if maximum is not None else 9999)
        spin.setAccessibleName(str(index.data(EDITOR_NAME_ROLE) or ""))
        return spin

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox) and value is not None:
            editor.setValue(int(value))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, QSpinBox):
            return
        editor.interpretText()
        value = editor.value()
        before = index.data(Qt.ItemDataRole.EditRole)
        if before is not None and int(before) == value:
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)
        self.chosen.emit(index.row(), value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table:
            if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
                self._to_quantity_column(event)
            return False
        if (isinstance(watched, QSpinBox) and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            # Keep the number, close the editor, and let Tab go on from the table.
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            QApplication.sendEvent(self._table, QKeyEvent(event.type(), event.key(),
                                                          event.modifiers()))
            return True
        return super().eventFilter(watched, event)

    def _to_quantity_column(self, event: QKeyEvent) -> None:
        """A digit on a row: the row's quantity is what the clerk edits,
        whichever cell of the row is current."""
        table = self._table
        if table.state() == QAbstractItemView.State.EditingState:
            return
        digit = event.text().isdigit() and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if not digit:
            return
        current = table.currentIndex()
        row = current.row() if current.isValid() else (0 if table.rowCount() else -1)
        if row < 0 or (current.isValid() and current.column() == self._column):
            return
        item = table.item(row, self._column)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEditable:
            return
        table.setCurrentItem(item)  # the view then opens its editor with the key

    # -- for the page ---------------------------------------------------------------------

    def open_editor(self, row: int) -> QSpinBox | None:
        """Open the quantity editor of ``row`` (focus in it, its number selected)."""
        table = self._table
        item = table.item(row, self._column)
        if item is None:
            return None
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        table.setCurrentItem(item)
        table.editItem(item)
        editor = table.indexWidget(table.indexFromItem(item))
        if isinstance(editor, QSpinBox):
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            editor.selectAll()
            return editor
        return None

    def editor(self, row: int) -> QSpinBox | None:
        """The open editor of ``row``'s quantity, if any."""
        item = self._table.item(row, self._column)
        if item is None:
            return None
        editor = self._table.indexWidget(self._table.indexFromItem(item))
        return editor if isinstance(editor, QSpinBox) else None
