"""An address in BigCommerce's field names, laid out the way its country writes addresses.

The fields, their order and their names follow the chosen country (Google's address
metadata through :mod:`pos.sale.addresses`): a US address asks for City, State and ZIP
code; a German one for Postal code then City and no state; a Japanese one for the
prefecture. Countries and states are named in the register's language (the language of
the installed translation) and sorted for it. Country and state are pickers; a country
without a list of states gets a free-text field where its addresses have one. Each wrong
field shows what is wrong, in words, right under it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCollator, QLocale, Signal
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
from pos.sale.addresses import AddressError, AddressFormat
from pos.sale.messages import ValidationError
from pos.sale.regions import subdivision
from pos.ui.widgets.fields import ErrorLabel
from pos.ui.wording import register_language, say

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
# Rows above the country, whatever the country.
_PERSON = ("first_name", "last_name", "email", "phone")
_PLACE = ("company", "address1", "address2", "city", "state_or_province", "postal_code")


class AddressForm(QWidget):
    changed = Signal()
    error_cleared = Signal(str)  # the field whose error went away as it was edited

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        default_country: str = "US",
        with_email: bool = True,
        email_required: bool | None = None,
        language: str | None = None,
    ) -> None:
        """``with_email``: the form has an e-mail field; ``email_required``: it must be
        filled (by default, when the form has one). ``language``: the names of countries
        and states (by default the register's, :func:`register_language`)."""
        super().__init__(parent)
        self.language = language or register_language()
        self._collator = QCollator(QLocale(self.language))
        self._labels = {
            "first_name": self.tr("&First name"),
            "last_name": self.tr("&Last name"),
            "email": self.tr("E-&mail"),
            "phone": self.tr("Ph&one"),
            "company": self.tr("Compan&y"),
            "address1": self.tr("St&reet address"),
            "address2": self.tr("Apartment, suite (optional)"),
            "country_code": self.tr("Co&untry"),
        }
        self.fields: dict[str, QLineEdit] = {}
        for name in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.textChanged.connect(self.changed)
            self.fields[name] = edit
        self._with_email = with_email
        self._email_required = with_email if email_required is None else email_required

        self.country = QComboBox(self)
        self.country.setObjectName("country_code")
        for code, name in addresses.countries(self.language, key=self._collator.sortKey):
            self.country.addItem(name, code)
        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("state_or_province_code")
        self.state_text = QLineEdit(self)
        self.state_text.setObjectName("state_or_province")
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

        self._widgets: dict[str, QWidget] = {
            **self.fields,
            "country_code": self.country,
            "state_or_province": self.state,
        }
        # One row per field: its label and a box with the field and its error under it.
        self._rows: dict[str, QLabel] = {}
        self._boxes: dict[str, QWidget] = {}
        for name in (*_PERSON, "country_code", *_PLACE):
            label = QLabel(self)
            label.setBuddy(self._widgets[name] if name != "state_or_province" else self.state_combo)
            box = QWidget(self)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(2)
            box_layout.addWidget(self._widgets[name])
            box_layout.addWidget(self.errors[name])
            self._rows[name] = label
            self._boxes[name] = box
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        self.format: AddressFormat = addresses.address_format("", self.language)
        self._order: list[str] = []

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

    # -- labels ---------------------------------------------------------------------------

    # Labels that change with the country keep their Alt+letter clear of the pages' other
    # accelerators; the rarer ones have none (Tab reaches them).

    def _postal_label(self, kind: str) -> str:
        return {
            "zip": self.tr("&ZIP code"),
            "pin": self.tr("PIN code"),
            "eircode": self.tr("Eircode"),
        }.get(kind, self.tr("Postal code"))

    def _state_label(self, kind: str) -> str:
        return {
            "state": self.tr("&State"),
            "prefecture": self.tr("Prefecture"),
            "county": self.tr("County"),
            "area": self.tr("Area"),
            "department": self.tr("Department"),
            "district": self.tr("District"),
            "do_si": self.tr("Province (do / si)"),
            "emirate": self.tr("Emirate"),
            "island": self.tr("Island"),
            "oblast": self.tr("Region (oblast)"),
            "parish": self.tr("Parish"),
        }.get(kind, self.tr("Pro&vince"))

    def _city_label(self, kind: str) -> str:
        return {
            "post_town": self.tr("Post to&wn"),
            "suburb": self.tr("Su&burb"),
            "district": self.tr("City district"),
        }.get(kind, self.tr("C&ity"))

    # -- country and state ----------------------------------------------------------------

    def set_country(self, code: str) -> None:
        index = self.country.findData(code.upper())
        if index >= 0:
            self.country.setCurrentIndex(index)

    def country_code(self) -> str:
        return str(self.country.currentData() or "")

    def _country_changed(self) -> None:
        country = self.country_code()
        self.format = addresses.address_format(country, self.language)
        subs = addresses.subdivisions(country, self.language, key=self._collator.sortKey)
        self.state_combo.blockSignals(True)
        self.state_combo.clear()
        if subs:
            self.state_combo.addItem(self.tr("Choose…"), "")
            for found in subs:
                self.state_combo.addItem(found.name, found.code)
            self.state.setCurrentWidget(self.state_combo)
            self.state.setFocusProxy(self.state_combo)
            self._rows["state_or_province"].setBuddy(self.state_combo)
        else:
            self.state.setCurrentWidget(self.state_text)
            self.state.setFocusProxy(self.state_text)
            self._rows["state_or_province"].setBuddy(self.state_text)
        self.state_combo.blockSignals(False)
        self._lay_out()
        self.changed.emit()

    def _lay_out(self) -> None:
        """The rows of the chosen country's format, in its order, with its words."""
        place = list(self.format.fields)
        # The country goes just before the fields it changes the most (state, postal code).
        cut = min((place.index(n) for n in ("state_or_province", "postal_code") if n in place),
                  default=len(place))  # fmt: skip
        persons = [n for n in _PERSON if n != "email" or self._with_email]
        order = [*persons, *place[:cut], "country_code", *place[cut:]]
        required = set(self.format.required)
        if self._email_required:
            required.add("email")
        labels = {
            **self._labels,
            "city": self._city_label(self.format.city_label),
            "state_or_province": self._state_label(self.format.state_label),
            "postal_code": self._postal_label(self.format.postal_label),
        }
        if order != self._order:
            while self.form.rowCount():
                self.form.takeRow(0)
            for name in (*_PERSON, "country_code", *_PLACE):
                shown = name in order
                self._rows[name].setVisible(shown)
                self._boxes[name].setVisible(shown)
            for name in order:
                self.form.addRow(self._rows[name], self._boxes[name])
            self._order = order
            chain = [self._focus_widget(n) for n in order]
            if "state_or_province" in order:
                index = order.index("state_or_province")
                chain[index:index + 1] = [self.state_combo, self.state_text]
            for first, second in itertools.pairwise(chain):
                QWidget.setTabOrder(first, second)
        for name in (*_PERSON, "country_code", *_PLACE):
            text = labels[name]
            self._rows[name].setText(text)
            self._widgets[name].setAccessibleName(text.replace("&", ""))
            if name == "state_or_province":
                self.state_combo.setAccessibleName(text.replace("&", ""))
                self.state_text.setAccessibleName(text.replace("&", ""))
            self._widgets[name].setProperty("required", name in required)

    def _focus_widget(self, name: str) -> QWidget:
        return self.state_combo if name == "state_or_province" else self._widgets[name]

    def shown_fields(self) -> list[str]:
        """The fields of the form, in the order they show for the chosen country."""
        return list(self._order)

    # -- the address ----------------------------------------------------------------------

    def address(self) -> dict[str, Any]:
        shown = set(self._order)
        data: dict[str, Any] = {
            name: edit.text().strip()
            for name, edit in self.fields.items()
            if name in shown and edit.text().strip()
        }
        data["country_code"] = self.country_code()
        if "state_or_province" not in shown:
            return data
        if self.state.currentWidget() is self.state_combo:
            code = str(self.state_combo.currentData() or "")
            found = subdivision(data["country_code"], code) if code else None
            if found is not None:
                data["state_or_province_code"] = found.code
                data["state_or_province"] = found.store_name
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
            found = subdivision(self.country_code(), code or name)
            index = self.state_combo.findData(found.code) if found is not None else -1
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

    def _message(self, error: ValidationError) -> str:
        """The error in the register's language. The sale engine words its errors in
        English, with the field's name and the country in them: an English register shows
        those; a translated one shows these shorter words, right under the field."""
        if not isinstance(error, AddressError):
            return say(error.message)
        field = str(error.field).rsplit(".", 1)[-1]
        problem = error.problem
        country, state = self.country.currentText(), self.state_combo.currentText()
        values: tuple[str, ...] = ()
        if problem == "required":
            text = self.tr("Fill this in.")
        elif problem == "too_long":
            text = self.tr("Too long (at most 255 characters).")
        elif problem == "postal_format" and error.example:
            text, values = self.tr("Not valid in %1 (like %2)."), (country, error.example)
        elif problem == "postal_format":
            text, values = self.tr("Not valid in %1."), (country,)
        elif problem == "postal_state":
            text, values = self.tr("Not in %1."), (state,)
        elif problem == "state_unknown":
            text = self.tr("Choose one from the list.")
        elif problem == "phone_country":
            text, values = self.tr("Write it with its country code (like %1)."), (error.example,)
        elif field == "email":
            text = self.tr("Not an e-mail address (like name@example.com).")
        elif field == "phone":
            text = self.tr("2 to 15 digits, optionally a leading + and an extension (x123).")
        elif field == "country_code":
            text = self.tr("Choose a country.")
        else:
            return say(error.message)
        if self.language.split("_")[0] == "en":
            return say(error.message)
        for number, value in enumerate(values, start=1):
            text = text.replace(f"%{number}", value)
        return text

    def show_errors(self, errors: list[ValidationError]) -> None:
        for label in self.errors.values():
            label.set_error(None)
        shown: set[int] = set()
        for error in errors:
            found = self.errors.get(str(error.field).rsplit(".", 1)[-1])
            if found is not None and id(found) not in shown:
                shown.add(id(found))
                found.set_error(self._message(error))

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
            self.address(), complete=complete, require_email=self._email_required
        )
        self.show_errors(check.errors)
        return check

    def first_error_field(self) -> QWidget | None:
        """The first field (in the form's order) marked in error: the one on show for the
        state, the list or the typed name."""
        for name in self._order:
            if not self.errors[name].isHidden():
                return self.errors[name].field()
        return None

    def focus_first_error(self) -> None:
        field = self.first_error_field()
        if field is not None:
            field.setFocus()
