"""Customer and billing address: find a customer or sell as guest; the billing address."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos.sale import Customer, ValidationError
from pos.sale.regions import country_name
from pos.ui.adapter import SaleView
from pos.ui.pages.base import SalePage
from pos.ui.profile import ScreenProfile
from pos.ui.widgets.address_form import AddressForm
from pos.ui.wording import register_language


def address_summary(address: Mapping[str, Any]) -> str:
    """One line for an address, its country named in the clerk's language (CLDR)."""
    code = address.get("country_code")
    country = (country_name(code, register_language()) or code) if isinstance(code, str) \
        else code
    parts = [
        " ".join(p for p in (address.get("first_name"), address.get("last_name")) if p),
        address.get("address1"),
        address.get("city"),
        address.get("state_or_province_code") or address.get("state_or_province"),
        address.get("postal_code"),
        country,
    ]
    return ", ".join(str(p) for p in parts if p)


class CustomerPage(SalePage):
    def __init__(self, view: SaleView, profile: ScreenProfile, parent: QWidget | None = None):
        super().__init__(view, profile, parent)
        self.setTitle(self.tr("Customer and billing address"))
        self.setSubTitle(self.tr("Sell as a guest, or find the customer by e-mail, name or "
                                 "phone."))
        self._customers: list[Customer] = []
        self._chosen: Customer | None = None
        self._sent_customer: object = object()  # nothing sent yet

        self.guest = QRadioButton(self.tr("&Guest"), self)
        self.guest.setAccessibleName(self.tr("Sell as a guest"))
        self.known = QRadioButton(self.tr("&Existing customer"), self)
        self.known.setAccessibleName(self.tr("Existing customer"))
        group = QButtonGroup(self)
        group.addButton(self.guest)
        group.addButton(self.known)
        self.guest.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.guest)
        row.addWidget(self.known)
        row.addStretch(1)
        self.body.addLayout(row)

        self.find_box = QWidget(self)
        find_layout = QVBoxLayout(self.find_box)
        find_layout.setContentsMargins(0, 0, 0, 0)
        find_label = QLabel(self.tr("Fin&d customer:"), self.find_box)
        self.find_edit = QLineEdit(self.find_box)
        self.find_edit.setAccessibleName(self.tr("Find customer by e-mail, name or phone"))
        self.find_edit.setPlaceholderText(self.tr("E-mail, name or phone"))
        find_label.setBuddy(self.find_edit)
        find_row = QHBoxLayout()
        find_row.addWidget(find_label)
        find_row.addWidget(self.find_edit, 1)
        find_layout.addLayout(find_row)
        self.found = QListWidget(self.find_box)
        self.found.setAccessibleName(self.tr("Customers found"))
        self.found.setMaximumHeight(110)
        find_layout.addWidget(self.found)
        saved_label = QLabel(self.tr("Saved &address:"), self.find_box)
        self.saved = QComboBox(self.find_box)
        self.saved.setAccessibleName(self.tr("The customer's saved addresses"))
        saved_label.setBuddy(self.saved)
        saved_row = QHBoxLayout()
        saved_row.addWidget(saved_label)
        saved_row.addWidget(self.saved, 1)
        find_layout.addLayout(saved_row)
        self.find_box.hide()
        self.body.addWidget(self.find_box)

        # E-mail is optional: a guest who takes the goods now need not give one (shipping
        # asks for it on the Fulfilment page).
        self.form = AddressForm(self, default_country=profile.country, email_required=False)
        self.form.setAccessibleName(self.tr("Billing address"))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body.addWidget(QLabel(self.tr("Billing address:"), self))
        self.body.addWidget(scroll, 1)

        self._find_timer = QTimer(self)
        self._find_timer.setSingleShot(True)
        self._find_timer.setInterval(250)
        self._find_timer.timeout.connect(self._start_find)
        self.find_edit.textEdited.connect(lambda _: self._find_timer.start())
        view.closed.connect(self._find_timer.stop)
        self.find_edit.installEventFilter(self)
        self.found.currentRowChanged.connect(self._customer_chosen)
        self.saved.currentIndexChanged.connect(self._saved_chosen)
        self.known.toggled.connect(self._mode_changed)
        self.form.error_cleared.connect(self._field_error_cleared)

    def initializePage(self) -> None:
        customer = self.view.sale.customer
        if customer is not None and self._chosen is None:
            self._customers = [customer]
            self._fill_found()
            self.known.setChecked(True)
        # A guest's sale starts with typing the name; a known customer's with finding them.
        (self.find_edit if self.known.isChecked() else self.form.fields["first_name"]).setFocus()

    def check_fields_message(self) -> str:
        return self.tr("Check the fields marked in red.")

    def _field_error_cleared(self, _name: str) -> None:
        # The last marked field was corrected: the summary above it goes too.
        if not self.form.has_errors() and self.error_label.text() == self.check_fields_message():
            self.show_error(None)

    def _mode_changed(self, known: bool) -> None:
        self.find_box.setVisible(known)
        if known:
            self.find_edit.setFocus()
        else:
            self._chosen = None
            self.found.clear()
            self.saved.clear()
        self.refresh_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.find_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and self.find_edit.text() and (
                self._chosen is None or self._find_timer.isActive()
            ):
                self._find_timer.stop()
                self._start_find()
                return True
            if event.key() == Qt.Key.Key_Down and self.found.count():
                self.found.setFocus()
                return True
        return False

    def _start_find(self) -> None:
        text = self.find_edit.text().strip()
        if len(text) < 2:
            return

        def show(customers: list[Customer]) -> None:
            self._customers = list(customers)
            self._fill_found()
            if not customers:
                self.show_error(self.tr("No customer matches “%1”.").replace("%1", text))

        self.run(lambda: self.view.sale.find_customers(text), show,
                 message=self.tr("Looking for the customer…"))

    def _fill_found(self) -> None:
        self.found.blockSignals(True)
        self.found.clear()
        for c in self._customers:
            item = QListWidgetItem(" — ".join(p for p in (c.name, c.email, c.phone) if p))
            self.found.addItem(item)
        self.found.blockSignals(False)
        if self._customers:
            self.found.setCurrentRow(0)

    def _customer_chosen(self, row: int) -> None:
        self._chosen = self._customers[row] if 0 <= row < len(self._customers) else None
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(self.tr("Type a new address"), None)
        for address in self._chosen.addresses if self._chosen is not None else ():
            self.saved.addItem(address_summary(address), dict(address))
        self.saved.blockSignals(False)
        if self.saved.count() > 1:
            self.saved.setCurrentIndex(1)
            self._saved_chosen(1)
        elif self._chosen is not None:
            first, _, last = self._chosen.name.partition(" ")
            self.form.set_address({
                "first_name": first, "last_name": last, "email": self._chosen.email,
                "phone": self._chosen.phone, "country_code": self.profile.country,
            })
        self.refresh_buttons()

    def _saved_chosen(self, index: int) -> None:
        address = self.saved.itemData(index)
        if isinstance(address, dict):
            data = dict(address)
            if self._chosen is not None and not data.get("email"):
                data["email"] = self._chosen.email
            self.form.set_address(data)

    def customer(self) -> Customer | None:
        return self._chosen if self.known.isChecked() else None

    def ready(self) -> bool:
        return not self.known.isChecked() or self._chosen is not None

    def show_field_errors(self, errors: list[ValidationError]) -> list[ValidationError]:
        mine = [e for e in errors if self.form.matches(e)]
        self.form.show_errors(mine)
        self.form.focus_first_error()
        return [e for e in errors if not self.form.matches(e)]

    def validatePage(self) -> bool:
        check = self.form.validate(complete=True)
        if not check.ok:
            self.form.focus_first_error()
            self.show_error(self.check_fields_message(), field=self.form.first_error_field())
            return False
        customer = self.customer()
        address = check.address
        sale = self.view.sale
        if not address.get("email"):
            # The store needs an e-mail on every billing address: a guest who gives none
            # has the store's own (the pickup location's), so no receipt goes to anyone.
            store_email = sale.settings.pickup_address.get("email")
            if store_email:
                address = {**address, "email": store_email}

        async def send() -> None:
            if customer is not self._sent_customer:
                await sale.set_customer(customer)
                self._sent_customer = customer
            await sale.set_billing_address(address)

        return self.advance_after(send, message=self.tr("Saving the customer and address…"))
