"""A new card typed by the clerk.

The number shows its brand as it is typed and is checked (length for the brand, Luhn) with
``pos.sale.cards``; once the clerk moves on it is masked (``•••• 4242``). The number leaves
this widget only inside a :class:`~pos.sale.cards.CardDetails`, and :meth:`wipe` clears
every field after the payment request, whatever its outcome.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos.sale import cards
from pos.sale.messages import ValidationError
from pos.ui.widgets.fields import ErrorLabel
from pos.ui.wording import say


def _group_digits(digits: str, brand: cards.CardBrand | None) -> str:
    if brand is cards.CardBrand.AMEX:
        parts = [digits[:4], digits[4:10], digits[10:]]
    else:
        parts = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    return " ".join(p for p in parts if p)


class CardEntry(QWidget):
    """Number, name on card, expiry (MM/YYYY), CVV, and "save this card" for a customer."""

    changed = Signal()
    error_cleared = Signal()  # a field's error went as the field was corrected

    def __init__(self, parent: QWidget | None = None, *, today: _dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._digits = ""
        self._masked = False

        self.number = QLineEdit(self)
        self.number.setObjectName("cardNumber")
        self.number.setAccessibleName(self.tr("Card number"))
        self.number.setPlaceholderText(self.tr("Card number"))
        self.number.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9 •]{0,23}"), self.number)
        )
        self.brand = QLabel(self)
        self.brand.setObjectName("cardBrand")
        self.brand.setAccessibleName(self.tr("Card brand"))
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Name on card"))
        self.expiry = QLineEdit(self)
        self.expiry.setAccessibleName(self.tr("Expiry date, month and four-digit year"))
        self.expiry.setPlaceholderText(self.tr("MM/YYYY"))
        self.expiry.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,2}/?\d{0,4}"), self.expiry)
        )
        self.expiry.setMaxLength(7)
        self.cvv = QLineEdit(self)
        self.cvv.setAccessibleName(self.tr("Security code (CVV)"))
        self.cvv.setEchoMode(QLineEdit.EchoMode.Password)
        self.cvv.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self.cvv)
        )
        self.cvv.setMaxLength(3)
        self.save = QCheckBox(self.tr("Save this card for the customer (ask them first)"), self)
        self.save.setAccessibleName(self.tr("Save this card for the customer"))
        self.save.setChecked(False)
        self.save.setVisible(False)

        self.errors_by_field = {
            "number": ErrorLabel(self.number, self),
            "cardholder_name": ErrorLabel(self.name, self),
            "expiry_month": ErrorLabel(self.expiry, self),
            "cvv": ErrorLabel(self.cvv, self),
        }
        self.errors_by_field["expiry_year"] = self.errors_by_field["expiry_month"]

        # The brand shows under the number, so the number is as wide as the other fields.
        number_row = QVBoxLayout()
        number_row.setSpacing(2)
        number_row.addWidget(self.number)
        number_row.addWidget(self.brand)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label_text, row, field_name, buddy in (
            (self.tr("Card &number"), number_row, "number", self.number),
            (self.tr("Name on &card"), self.name, "cardholder_name", self.name),
            (self.tr("&Expiry (MM/YYYY)"), self.expiry, "expiry_month", self.expiry),
            (self.tr("CV&V"), self.cvv, "cvv", self.cvv),
        ):
            label = QLabel(label_text, self)
            label.setBuddy(buddy)
            box = QVBoxLayout()
            box.setSpacing(2)
            if isinstance(row, QVBoxLayout):
                box.addLayout(row)
            else:
                box.addWidget(row)
            box.addWidget(self.errors_by_field[field_name])
            form.addRow(label, box)
        form.addRow(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)

        self.number.textEdited.connect(self._number_edited)
        self.number.installEventFilter(self)
        for field in (self.name, self.expiry, self.cvv):
            field.textChanged.connect(self.changed)
        # A field's error goes as soon as the field is corrected, not at the next Charge.
        for field_name, field in (("cardholder_name", self.name), ("expiry_month", self.expiry),
                                  ("cvv", self.cvv)):
            field.textEdited.connect(
                lambda _text, name=field_name: self._clear_error(name))
        self.setTabOrder(self.number, self.name)
        self.setTabOrder(self.name, self.expiry)
        self.setTabOrder(self.expiry, self.cvv)
        self.setTabOrder(self.cvv, self.save)
        self._update_brand()

    # -- number ---------------------------------------------------------------------------

    def _number_edited(self, text: str) -> None:
        if self._masked:
            return
        digits = cards.digits_only(text).replace("•", "")
        self._digits = digits
        brand = cards.detect_brand(digits)
        formatted = _group_digits(digits, brand)
        if formatted != text:
            self.number.setText(formatted)
        self._update_brand()
        self._clear_error("number")
        self.changed.emit()

    def _update_brand(self) -> None:
        brand = cards.detect_brand(self._digits)
        if brand is not None:
            self.brand.setText(brand.display_name)
        elif self._digits:
            options = cards.possible_brands(self._digits)
            self.brand.setText(self.tr("Unknown brand") if not options else "…")
        else:
            self.brand.setText("")
        self.brand.setVisible(bool(self.brand.text()))
        # Read as "Card brand: Visa", not the caption alone.
        self.brand.setAccessibleName(self.tr("Card brand: %1").replace("%1", self.brand.text())
                                     if self.brand.text() else self.tr("Card brand"))
        cvv_len = cards.cvv_length(brand)
        self.cvv.setMaxLength(cvv_len)
        self.cvv.setPlaceholderText(self.tr("%n digits", "", cvv_len))
        lengths = cards.card_lengths(brand)
        self.number.setMaxLength(max(lengths) + 5)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.number:
            if event.type() == QEvent.Type.FocusOut:
                self._mask_if_entered()
            elif event.type() == QEvent.Type.FocusIn and self._masked:
                self._unmask()
        return False

    def _mask_if_entered(self) -> None:
        if not self._digits:
            return
        errors = cards.validate_number(self._digits)
        self.errors_by_field["number"].set_error(say(errors[0].message) if errors else None)
        if not errors:
            self._masked = True
            self.number.setText(cards.mask(self._digits))

    def _unmask(self) -> None:
        self._masked = False
        self.number.setText(_group_digits(self._digits, cards.detect_brand(self._digits)))

    def is_masked(self) -> bool:
        return self._masked

    # -- the whole card --------------------------------------------------------------------

    def set_known_customer(self, known: bool) -> None:
        """Offer "save this card" only for a known customer; always unticked at first."""
        self.save.setChecked(False)
        self.save.setVisible(known)

    def save_requested(self) -> bool:
        return self.save.isVisible() and self.save.isChecked()

    def _expiry_parts(self) -> tuple[str, str]:
        text = self.expiry.text().strip()
        if "/" in text:
            month, _, year = text.partition("/")
        else:
            month, year = text[:2], text[2:]
        month, year = month.strip(), year.strip()
        if len(year) == 2 and year.isdigit():
            year = "20" + year  # MM/YY, as printed on the card
        return month, year

    def validation_errors(self) -> list[ValidationError]:
        month, year = self._expiry_parts()
        return cards.validate_card(
            self._digits, self.cvv.text(), month, year, self.name.text(), today=self._today
        )

    def show_errors(self, errors: list[ValidationError]) -> None:
        seen: set[int] = set()
        for label in self.errors_by_field.values():
            label.set_error(None)
        for error in errors:
            found = self.errors_by_field.get(error.field)
            if found is not None and id(found) not in seen:
                seen.add(id(found))
                found.set_error(say(error.message))

    def is_filled(self) -> bool:
        return bool(self._digits and self.name.text().strip() and self.expiry.text().strip()
                    and self.cvv.text())

    def card_details(self) -> cards.CardDetails | None:
        """The card, if every field is valid (errors are shown next to the fields if not)."""
        errors = self.validation_errors()
        self.show_errors(errors)
        if errors:
            return None
        month, year = self._expiry_parts()
        return cards.CardDetails(
            self._digits, self.cvv.text(), int(month), int(year), self.name.text()
        )

    def _clear_error(self, field: str) -> None:
        label = self.errors_by_field[field]
        if not label.isHidden():
            label.set_error(None)
            self.error_cleared.emit()

    def has_errors(self) -> bool:
        return any(not label.isHidden() for label in self.errors_by_field.values())

    def first_error_field(self) -> QWidget | None:
        for field, widget in (("number", self.number), ("cardholder_name", self.name),
                              ("expiry_month", self.expiry), ("cvv", self.cvv)):
            if not self.errors_by_field[field].isHidden():
                return widget
        return None

    def focus_first_error(self) -> None:
        widget = self.first_error_field()
        if widget is not None:
            widget.setFocus()

    def wipe_secrets(self) -> None:
        """Clear the number and the CVV (after a refused payment): the name and the expiry
        stay, so the clerk types only what must be typed again."""
        self._digits = ""
        self._masked = False
        for field in (self.number, self.cvv):
            field.clear()
        self.show_errors([])
        self._update_brand()
        self.changed.emit()

    def wipe(self) -> None:
        """Clear every field (after the payment request, whatever its outcome)."""
        self._digits = ""
        self._masked = False
        for field in (self.number, self.name, self.expiry, self.cvv):
            field.clear()
        self.save.setChecked(False)
        self.show_errors([])
        self._update_brand()
        self.changed.emit()
