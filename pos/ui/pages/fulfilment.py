"""Fulfilment: the customer takes it now, it is shipped, or the quantities are split."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.sale import ConsignmentPlan, ValidationError
from pos.ui.adapter import SaleView
from pos.ui.pages import PAGE_PAYMENT, PAGE_SHIPPING
from pos.ui.pages.base import SalePage
from pos.ui.pages.customer import address_summary
from pos.ui.profile import ScreenProfile
from pos.ui.widgets.address_form import AddressForm
from pos.ui.widgets.quantity_cells import (
    MAXIMUM_ROLE,
    MINIMUM_ROLE,
    QuantityDelegate,
    quantity_item,
    quantity_of,
    set_quantity_of,
)

TAKE_NOW, SHIP, SPLIT = 0, 1, 2


def _number(value: int) -> QTableWidgetItem:
    item = QTableWidgetItem(str(value))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class FulfilmentPage(SalePage):
    def __init__(self, view: SaleView, profile: ScreenProfile, parent: QWidget | None = None):
        super().__init__(view, profile, parent)
        self.setTitle(self.tr("Fulfilment"))
        self.setSubTitle(self.tr("Does the customer take the items now, or are they shipped?"))
        self.mode = QButtonGroup(self)
        self.take_now = QRadioButton(self.tr("&Customer takes it now"), self)
        self.ship = QRadioButton(self.tr("S&hip"), self)
        self.split = QRadioButton(self.tr("S&plit: take some now, ship the rest"), self)
        row = QHBoxLayout()
        for mode_id, button in enumerate((self.take_now, self.ship, self.split)):
            button.setAccessibleName(button.text().replace("&", ""))
            self.mode.addButton(button, mode_id)
            row.addWidget(button)
        row.addStretch(1)
        self.take_now.setChecked(True)
        self.body.addLayout(row)
        where = profile.pickup_location or profile.store
        self.pickup_note = QLabel(self.tr("Picked up at %1.").replace("%1", where), self)
        self.body.addWidget(self.pickup_note)

        self.split_table = QTableWidget(0, 4, self)
        self.split_table.setAccessibleName(self.tr("What the customer takes now"))
        self.split_table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Quantity"), self.tr("Takes now"), self.tr("Shipped")]
        )
        self.split_table.verticalHeader().hide()
        self.split_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.split_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.split_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.split_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # "Takes now" is the table's own cell, edited in place (a digit opens the editor);
        # Tab leaves the table.
        self.takes_now = QuantityDelegate(self.split_table, 2)
        self.takes_now.chosen.connect(lambda row, _value: self._take_changed(row))
        self.body.addWidget(self.split_table, 1)

        self.ship_box = QWidget(self)
        ship_row = QHBoxLayout()
        ship_label = QLabel(self.tr("Ship &to:"), self.ship_box)
        self.ship_to = QComboBox(self.ship_box)
        self.ship_to.setAccessibleName(self.tr("Shipping address"))
        ship_label.setBuddy(self.ship_to)
        ship_row.addWidget(ship_label)
        ship_row.addWidget(self.ship_to, 1)
        self.address_form = AddressForm(self.ship_box, default_country=profile.country,
                                        with_email=False)
        self.address_form.setAccessibleName(self.tr("New shipping address"))
        scroll = QScrollArea(self.ship_box)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.address_form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll = scroll
        ship_layout = QVBoxLayout(self.ship_box)
        ship_layout.setContentsMargins(0, 0, 0, 0)
        ship_layout.addLayout(ship_row)
        ship_layout.addWidget(scroll, 1)
        self.body.addWidget(self.ship_box, 0)
        self.body.addStretch(1)

        self.mode.idToggled.connect(self._mode_toggled)
        self.ship_to.currentIndexChanged.connect(self._ship_to_changed)
        self._take: dict[str, int] = {}  # line id -> its row in the split table

    def initializePage(self) -> None:
        self._fill_ship_to()
        self._fill_split()
        self._mode_changed()
        checked = self.mode.checkedButton()
        if checked is not None:
            checked.setFocus()

    def _fill_ship_to(self) -> None:
        self.ship_to.blockSignals(True)
        self.ship_to.clear()
        billing = self.view.sale.billing_address
        if billing:
            self.ship_to.addItem(
                self.tr("Billing address: %1").replace("%1", address_summary(billing)),
                dict(billing),
            )
        customer = self.view.sale.customer
        for address in customer.addresses if customer is not None else ():
            self.ship_to.addItem(address_summary(address), dict(address))
        self.ship_to.addItem(self.tr("A new address"), None)
        self.ship_to.blockSignals(False)
        self._ship_to_changed()

    def _ship_to_changed(self) -> None:
        new = self.ship_to.currentData() is None
        self._scroll.setVisible(new)
        # The new-address form takes the room; otherwise everything sits at the top.
        self.body.setStretchFactor(self.ship_box, 4 if new else 0)

    def _fill_split(self) -> None:
        lines = list(self.view.sale.lines)
        # What the customer takes now, as last chosen (all of every line at first).
        before: dict[str, int] = {}
        for consignment in self.view.sale.consignments:
            if consignment.kind == "pickup":
                before.update(consignment.items)
        chosen_before = bool(self.view.sale.consignments)
        self.split_table.setRowCount(len(lines))
        self._take.clear()
        for row, line in enumerate(lines):
            qty = int(line.quantity)
            name = line.name + (f" ({line.variant})" if line.variant else "")
            self.split_table.setItem(row, 0, QTableWidgetItem(name))
            self.split_table.setItem(row, 1, _number(qty))
            taken = min(qty, before.get(line.id, 0)) if chosen_before else qty
            take = quantity_item(taken, 0, qty,
                                 self.tr("Takes now: %1").replace("%1", name))
            take.setToolTip(self.tr("How many the customer takes now; the rest is shipped."))
            self.split_table.setItem(row, 2, take)
            self.split_table.setItem(row, 3, _number(qty - taken))
            self._take[line.id] = row
        for row in range(self.split_table.rowCount()):
            for column in (0, 1, 3):
                cell = self.split_table.item(row, column)
                if cell is not None:  # read, not edited
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        if lines:
            self.split_table.setCurrentCell(0, 2)

    def _take_cell(self, line_id: str) -> QTableWidgetItem | None:
        row = self._take.get(line_id)
        return self.split_table.item(row, 2) if row is not None else None

    def _take_changed(self, row: int) -> None:
        take, quantity = self.split_table.item(row, 2), self.split_table.item(row, 1)
        shipped = self.split_table.item(row, 3)
        taken = quantity_of(take)
        if shipped is not None and quantity is not None and taken is not None:
            shipped.setText(str(int(quantity.text()) - taken))
        self._mode_changed()

    def _set_take(self, line_id: str, quantity: int) -> None:
        cell = self._take_cell(line_id)
        if cell is None:
            return
        low, high = int(cell.data(MINIMUM_ROLE)), int(cell.data(MAXIMUM_ROLE))
        set_quantity_of(cell, max(low, min(high, int(quantity))))
        self._take_changed(cell.row())

    def _mode_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._mode_changed()

    def _mode_changed(self) -> None:
        mode = self.mode.checkedId()
        now, later = self._quantities()
        self.pickup_note.setVisible(mode == TAKE_NOW or (mode == SPLIT and bool(now)))
        self.split_table.setVisible(mode == SPLIT)
        self.ship_box.setVisible(mode == SHIP or (mode == SPLIT and bool(later)))
        self.refresh_buttons()

    def set_take_now(self, line_id: str, quantity: int) -> None:
        """In a split sale: the customer takes ``quantity`` of this line now; the rest of
        the line is shipped."""
        self._set_take(line_id, quantity)

    def set_ships(self, line_id: str, ships: bool) -> None:
        """In a split sale: ship all of this line (True) or the customer takes it all now
        (False)."""
        cell = self._take_cell(line_id)
        if cell is not None:
            self._set_take(line_id, int(cell.data(MINIMUM_ROLE if ships else MAXIMUM_ROLE)))

    def ships(self) -> bool:
        return self.mode.checkedId() in (SHIP, SPLIT) and any(
            qty for qty in self._quantities()[1].values()
        )

    def _quantities(self) -> tuple[dict[str, int], dict[str, int]]:
        now: dict[str, int] = {}
        later: dict[str, int] = {}
        mode = self.mode.checkedId()
        for line in self.view.sale.lines:
            qty = int(line.quantity)
            if mode == TAKE_NOW:
                take = qty
            elif mode == SHIP:
                take = 0
            else:
                taken = quantity_of(self._take_cell(line.id))
                take = min(qty, taken) if taken is not None else qty
            if take:
                now[line.id] = take
            if qty - take:
                later[line.id] = qty - take
        return now, later

    def show_field_errors(self, errors: list[ValidationError]) -> list[ValidationError]:
        rest = list(errors)
        if self.ship_to.currentData() is None:
            mine = [e for e in rest if ".address." in str(e.field)
                    and self.address_form.matches(e)]
            self.address_form.show_errors(mine)
            self.address_form.focus_first_error()
            rest = [e for e in rest if e not in mine]
        # "items.<line id>": the line's quantities; its words name the item, so they stay
        # in the page's message, and the line's "takes now" cell opens for editing.
        for error in rest:
            line_id = str(error.field).rpartition("items.")[2]
            row = self._take.get(line_id) if "items." in str(error.field) else None
            if row is not None and self.mode.checkedId() == SPLIT:
                self.takes_now.open_editor(row)
                break
        return rest

    def validatePage(self) -> bool:
        now, later = self._quantities()
        if not now and not later:
            return False
        plans: list[ConsignmentPlan] = []
        if now:
            plans.append(ConsignmentPlan(kind="pickup", items=now))
        if later and self._needs_email():
            self.show_error(self.tr(
                "Shipping needs the customer's e-mail: go back and enter it on the customer "
                "page."))
            return False
        if later:
            address = self.ship_to.currentData()
            if address is None:
                check = self.address_form.validate(complete=True)
                if not check.ok:
                    self.address_form.focus_first_error()
                    self.show_error(self.tr("Check the shipping address fields."),
                                    field=self.address_form.first_error_field())
                    return False
                address = check.address
            plans.append(ConsignmentPlan(kind="ship", address=address, items=later))
        return self.advance_after(lambda: self.view.sale.set_fulfilment(plans),
                                  message=self.tr("Setting up pickup and shipping…"))

    def _needs_email(self) -> bool:
        """A guest gave no e-mail (the billing address has the store's own)."""
        sale = self.view.sale
        billing = sale.billing_address or {}
        store_email = sale.settings.pickup_address.get("email")
        return (sale.customer is None and bool(store_email)
                and billing.get("email") == store_email)

    def nextId(self) -> int:
        return PAGE_SHIPPING if self.ships() else PAGE_PAYMENT
