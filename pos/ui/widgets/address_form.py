"""An address in BigCommerce's field names, checked with ``pos.sale.addresses`` before any call.

Country and state / province are pickers; a country without a list of subdivisions gets a
free-text field. Each wrong field shows what is wrong, in words, right under it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.sale import addresses
from pos.sale.messages import ValidationError
from pos.ui.widgets.fields import ErrorLabel

TEXT_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "address1",
    "address2",
    "city",
    "postal_code",
)


class AddressForm(QWidget):
    changed = Signal()
    error_cleared = Signal(str)  # the field whose error went away as it was edited

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        default_country: str = "US",
        with_email: bool = True,
    ) -> None:
        super().__init__(parent)
        labels = {
            "first_name": self.tr("&First name"),
            "last_name": self.tr("&Last name"),
            "email": self.tr("E-&mail"),
            "phone": self.tr("Ph&one"),
            "company": self.tr("Compan&y"),
            "address1": self.tr("&Street address"),
            "address2": self.tr("Apartment, suite (optional)"),
            "city": self.tr("C&ity"),
            "postal_code": self.tr("Postal / &ZIP code"),
            "country_code": self.tr("Co&untry"),
            "state_or_province": self.tr("State / pro&vince"),
        }
        self.fields: dict[str, QLineEdit] = {}
        for name in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.setAccessibleName(labels[name].replace("&", ""))
            edit.textChanged.connect(self.changed)
            self.fields[name] = edit
        self.fields["email"].setVisible(with_email)
        self._with_email = with_email

        self.country = QComboBox(self)
        self.country.setObjectName("country_code")
        self.country.setAccessibleName(labels["country_code"].replace("&", ""))
        for code, name in addresses.countries():
            self.country.addItem(name, code)
        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("state_or_province_code")
        self.state_combo.setAccessibleName(labels["state_or_province"].replace("&", ""))
        self.state_text = QLineEdit(self)
        self.state_text.setObjectName("state_or_province")
        self.state_text.setAccessibleName(labels["state_or_province"].replace("&", ""))
        self.state = QStackedWidget(self)
        self.state.addWidget(self.state_combo)
        self.state.addWidget(self.state_text)
        self.state.setFocusProxy(self.state_combo)
        self.state.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.state.setFixedHeight(
            max(self.state_combo.sizeHint().height(), self.state_text.sizeHint().height())
        )

        self.errors: dict[str, ErrorLabel] = {
            name: ErrorLabel(edit, self) for name, edit in self.fields.items()
        }
        self.errors["country_code"] = ErrorLabel(self.country, self)
        self.errors["state_or_province"] = ErrorLabel(self.state, self)
        self.errors["state_or_province_code"] = self.errors["state_or_province"]

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        order = [
            "first_name", "last_name", "email", "phone", "company", "address1", "address2",
            "city", "country_code", "state_or_province", "postal_code",
        ]
        widgets: dict[str, QWidget] = {**self.fields, "country_code": self.country,
                                       "state_or_province": self.state}
        self._rows: dict[str, QLabel] = {}
        for name in order:
            label = QLabel(labels[name], self)
            label.setBuddy(widgets[name] if name != "state_or_province" else self.state_combo)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widgets[name])
            box.addWidget(self.errors[name])
            form.addRow(label, box)
            self._rows[name] = label
        if not with_email:
            form.setRowVisible(order.index("email"), False)
        chain: list[QWidget] = [
            self.fields["first_name"], self.fields["last_name"], self.fields["email"],
            self.fields["phone"], self.fields["company"], self.fields["address1"],
            self.fields["address2"], self.fields["city"], self.country, self.state_combo,
            self.state_text, self.fields["postal_code"],
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)

        self.country.currentIndexChanged.connect(self._country_changed)
        self.state_combo.currentIndexChanged.connect(self.changed)
        self.state_text.textChanged.connect(self.changed)
        # Editing a field clears its own error (the others stay until the next check).
        for name, edit in self.fields.items():
            edit.textEdited.connect(lambda _text, name=name: self.clear_error(name))
        self.country.currentIndexChanged.connect(lambda _i: self.clear_error("country_code"))
        self.country.currentIndexChanged.connect(
            lambda _i: self.clear_error("state_or_province"))  # a new list of states
        self.state_combo.currentIndexChanged.connect(
            lambda _i: self.clear_error("state_or_province"))
        self.state_text.textEdited.connect(lambda _t: self.clear_error("state_or_province"))
        self.set_country(default_country)
        self._country_changed()

    # -- country and state ----------------------------------------------------------------

    def set_country(self, code: str) -> None:
        index = self.country.findData(code.upper())
        if index >= 0:
            self.country.setCurrentIndex(index)

    def country_code(self) -> str:
        return str(self.country.currentData() or "")

    def _country_changed(self) -> None:
        subs = addresses.subdivisions(self.country_code())
        self.state_combo.blockSignals(True)
        self.state_combo.clear()
        if subs:
            self.state_combo.addItem(self.tr("Choose…"), "")
            for code, name in subs:
                self.state_combo.addItem(name, code)
            self.state.setCurrentWidget(self.state_combo)
            self.state.setFocusProxy(self.state_combo)
        else:
            self.state.setCurrentWidget(self.state_text)
            self.state.setFocusProxy(self.state_text)
        self.state_combo.blockSignals(False)
        self.changed.emit()

    # -- the address ----------------------------------------------------------------------

    def address(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: edit.text().strip() for name, edit in self.fields.items() if edit.text().strip()
        }
        if not self._with_email:
            data.pop("email", None)
        data["country_code"] = self.country_code()
        if self.state.currentWidget() is self.state_combo:
            code = str(self.state_combo.currentData() or "")
            if code:
                data["state_or_province_code"] = code
                data["state_or_province"] = self.state_combo.currentText()
        elif self.state_text.text().strip():
            data["state_or_province"] = self.state_text.text().strip()
        return data

    def set_address(self, address: Mapping[str, Any]) -> None:
        for name, edit in self.fields.items():
            edit.setText(str(address.get(name) or ""))
        self.set_country(str(address.get("country_code") or self.country_code()))
        code = str(address.get("state_or_province_code") or "")
        name = str(address.get("state_or_province") or "")
        if self.state.currentWidget() is self.state_combo:
            index = self.state_combo.findData(code) if code else self.state_combo.findText(name)
            self.state_combo.setCurrentIndex(max(index, 0))
        else:
            self.state_text.setText(name)
        self.show_errors([])

    def clear(self) -> None:
        for edit in self.fields.values():
            edit.clear()
        self.state_text.clear()
        self.state_combo.setCurrentIndex(0)
        self.show_errors([])

    def matches(self, error: Any) -> bool:
        """Whether ``error`` names one of this form's fields (``x.address.city`` too)."""
        return str(getattr(error, "field", "")).rsplit(".", 1)[-1] in self.errors

    def show_errors(self, errors: list[ValidationError]) -> None:
        for label in self.errors.values():
            label.set_error(None)
        shown: set[int] = set()
        for error in errors:
            found = self.errors.get(str(error.field).rsplit(".", 1)[-1])
            if found is not None and id(found) not in shown:
                shown.add(id(found))
                found.set_error(error.message)

    def clear_error(self, name: str) -> None:
        """The field ``name`` was edited: its error goes."""
        label = self.errors.get(name)
        if label is not None and not label.isHidden():
            label.set_error(None)
            self.error_cleared.emit(name)

    def has_errors(self) -> bool:
        return any(not label.isHidden() for label in self.errors.values())

    def validate(self, *, complete: bool = True) -> addresses.AddressCheck:
        """Check the address; show each error next to its field; return the check."""
        check = addresses.validate_address(
            self.address(), complete=complete, require_email=self._with_email
        )
        self.show_errors(check.errors)
        return check

    def focus_first_error(self) -> None:
        order: list[tuple[str, QWidget]] = [
            *((n, w) for n, w in self.fields.items()),
            ("country_code", self.country),
            ("state_or_province", self.state),
        ]
        for name, widget in order:
            if self.errors[name].isVisible():
                widget.setFocus()
                return
