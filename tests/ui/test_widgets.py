from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from pos.ui.widgets.busy import BusyIndicator
from pos.ui.widgets.card_entry import CardEntry
from pos.ui.widgets.header import HeaderBar
from pos.ui.widgets.help_overlay import HelpOverlay
from pos.ui.widgets.money_label import MoneyLabel
from pos.ui.widgets.offline_banner import OfflineBanner

TODAY = dt.date(2026, 11, 27)


def _shown(qtbot, widget: QWidget) -> QWidget:
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.addWidget(widget)
    layout.addWidget(QLineEdit(host))  # somewhere else to move focus to
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host, timeout=2000)
    return host


def _fill(qtbot, entry: CardEntry, number: str, name="Ana Diaz", expiry="12/2030", cvv="123"):
    entry.number.setFocus()
    QTest.keyClicks(entry.number, number)
    QTest.keyClick(entry.number, Qt.Key.Key_Tab)
    QTest.keyClicks(entry.name, name)
    QTest.keyClicks(entry.expiry, expiry)
    QTest.keyClicks(entry.cvv, cvv)


def test_card_brand_is_shown_as_typed_and_the_number_is_masked_once_entered(qtbot):
    entry = CardEntry(today=TODAY)
    host = _shown(qtbot, entry)
    entry.number.setFocus()
    QTest.keyClicks(entry.number, "4")
    assert entry.brand.text() == "Visa"
    QTest.keyClicks(entry.number, "242424242424242")
    assert entry.number.text() == "4242 4242 4242 4242"
    QTest.keyClick(entry.number, Qt.Key.Key_Tab)
    assert entry.is_masked()
    assert entry.number.text() == "•••• 4242"
    assert "4242 4242" not in entry.number.text()
    del host


def test_amex_takes_a_four_digit_cvv(qtbot):
    entry = CardEntry(today=TODAY)
    host = _shown(qtbot, entry)
    _fill(qtbot, entry, "378282246310005", cvv="1234")
    assert entry.brand.text() == "American Express"
    assert entry.cvv.text() == "1234"
    card = entry.card_details()
    assert card is not None
    assert card.last4 == "0005"
    assert "378282" not in repr(card)
    del host


def test_a_wrong_number_is_explained_next_to_the_field_in_words(qtbot):
    entry = CardEntry(today=TODAY)
    host = _shown(qtbot, entry)
    _fill(qtbot, entry, "4242424242424241")
    assert not entry.is_masked()
    error = entry.errors_by_field["number"]
    assert error.isVisible()
    assert "typing error" in error.text()
    assert entry.card_details() is None
    del host


def test_expiry_and_name_errors_appear_next_to_their_fields(qtbot):
    entry = CardEntry(today=TODAY)
    host = _shown(qtbot, entry)
    _fill(qtbot, entry, "4242424242424242", name="", expiry="01/2020")
    assert entry.card_details() is None
    assert entry.errors_by_field["cardholder_name"].isVisible()
    assert "expired" in entry.errors_by_field["expiry_year"].text()
    del host


def test_save_card_only_for_a_known_customer_and_unticked(qtbot):
    entry = CardEntry(today=TODAY)
    host = _shown(qtbot, entry)
    assert not entry.save.isVisible()
    entry.set_known_customer(True)
    assert entry.save.isVisible()
    assert not entry.save.isChecked()
    assert not entry.save_requested()
    entry.save.setChecked(True)
    entry.set_known_customer(False)
    assert not entry.save_requested()
    del host


def test_wipe_clears_every_field(qtbot):
    entry = CardEntry(today=TODAY)
    host = _shown(qtbot, entry)
    _fill(qtbot, entry, "4242424242424242")
    card = entry.card_details()
    assert card is not None
    entry.wipe()
    assert entry.number.text() == entry.name.text() == entry.cvv.text() == ""
    assert entry.expiry.text() == ""
    assert entry.card_details() is None
    del host


def test_every_card_input_has_an_accessible_name(qtbot):
    entry = CardEntry(today=TODAY)
    for field in (entry.number, entry.name, entry.expiry, entry.cvv, entry.save):
        assert field.accessibleName()


def test_money_label_formats_for_the_locale():
    label = MoneyLabel("EUR", "de_DE", amount=Decimal("1234.5"))
    assert label.text() == "1.234,50\u00a0€"
    label.set_currency("USD", "en_US")
    assert label.text() == "$1,234.50"
    label.set_amount(None)
    assert label.text() == ""


def test_busy_indicator_appears_only_after_the_delay(qtbot):
    busy = BusyIndicator(delay_ms=150)
    host = _shown(qtbot, busy)
    busy.set_busy(True)
    assert not busy.isVisible()
    qtbot.waitUntil(busy.isVisible, timeout=2000)
    busy.set_busy(False)
    assert not busy.isVisible()
    busy.set_busy(True)
    busy.set_busy(False)  # a quick call never flashes: nothing is left to show it later
    assert not busy._timer.isActive()
    assert not busy.isVisible()
    del host


def test_offline_banner_and_header(qtbot):
    banner = OfflineBanner()
    header = HeaderBar()
    host = _shown(qtbot, banner)
    header.set_profile("Demo store", "POS (2)", "Till 1")
    header.set_online(False)
    assert "Offline" in header.status.text()
    assert "Demo store" in header.accessibleName()
    banner.set_online(False)
    assert banner.isVisible()
    with qtbot.waitSignal(banner.retry_requested, timeout=1000):
        banner._retry.click()
    banner.set_online(True)
    assert not banner.isVisible()
    del host


def test_help_overlay_opens_and_any_key_closes_it(qtbot):
    host = QWidget()
    host.resize(400, 300)
    qtbot.addWidget(host)
    overlay = HelpOverlay(host, [("F1", "Help"), ("F9", "Charge")])
    host.show()
    qtbot.waitExposed(host)
    overlay.toggle()
    assert overlay.isVisible()
    assert overlay.geometry() == host.rect()
    QTest.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()


def test_address_form_pickers_and_errors_in_words(qtbot):
    from pos.ui.widgets.address_form import AddressForm

    form = AddressForm(default_country="US")
    host = _shown(qtbot, form)
    assert form.state.currentWidget() is form.state_combo
    assert form.state_combo.findData("CA") > 0
    check = form.validate()
    assert not check.ok
    assert form.errors["first_name"].isVisible()
    assert form.errors["first_name"].text()
    form.set_address({
        "first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
        "address1": "1 Main St", "city": "Austin", "country_code": "US",
        "state_or_province_code": "TX", "postal_code": "78701",
    })
    check = form.validate()
    assert check.ok, check.errors
    assert check.address["state_or_province_code"] == "TX"
    assert not form.errors["first_name"].isVisible()
    form.set_country("DE")
    assert form.state.currentWidget() is form.state_text
    for edit in form.fields.values():
        assert edit.accessibleName()
    assert form.country.accessibleName()
    del host


def test_the_card_number_is_as_wide_as_the_other_card_fields(qtbot):
    entry = CardEntry(today=TODAY)
    host = _shown(qtbot, entry)
    host.resize(600, 400)
    qtbot.waitUntil(lambda: entry.name.width() > 0, timeout=2000)
    assert entry.number.width() == entry.name.width() == entry.expiry.width()
    entry.number.setFocus()
    QTest.keyClicks(entry.number, "4")
    assert entry.brand.isVisible() and entry.brand.text() == "Visa"
    assert entry.number.width() == entry.name.width()
    del host
