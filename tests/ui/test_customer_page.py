"""The customer page: a guest starts typing the name; a field's error goes as it is edited;
the summary says where to look."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import add_items, type_text, wait_page, wiz

from pos.ui.pages import PAGE_CUSTOMER


@pytest.fixture
def customer(qtbot, window, skus):
    add_items(qtbot, window, skus[0])
    wiz(window).next()
    wait_page(qtbot, window, PAGE_CUSTOMER)
    return window, wiz(window).customer_page


def test_a_guest_starts_on_the_first_name(qtbot, customer):
    _win, page = customer
    assert page.guest.isChecked()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.fields["first_name"],
                    timeout=2000)


def test_a_failed_next_says_the_fields_are_marked_in_red(qtbot, customer):
    win, page = customer
    wiz(win).next()
    assert wiz(win).currentId() == PAGE_CUSTOMER
    assert page.error_label.isVisible()
    assert page.error_label.text() == "Check the fields marked in red."


def test_editing_a_field_clears_only_its_own_error(qtbot, customer):
    win, page = customer
    form = page.form
    wiz(win).next()
    assert form.errors["first_name"].isVisible()
    assert form.errors["city"].isVisible()
    assert form.errors["state_or_province"].isVisible()
    form.fields["first_name"].setFocus()
    type_text("Ana", form.fields["first_name"])
    assert not form.errors["first_name"].isVisible()
    assert form.errors["city"].isVisible()  # the others stay until the next check
    assert form.fields["first_name"].property("invalid") is False
    form.state_combo.setCurrentIndex(form.state_combo.findData("TX"))
    assert not form.errors["state_or_province"].isVisible()
    assert form.errors["city"].isVisible()
    assert page.error_label.isVisible()


def test_a_programmatic_fill_leaves_no_stale_error_and_the_summary_goes(qtbot, customer):
    win, page = customer
    form = page.form
    wiz(win).next()
    assert page.error_label.isVisible()
    names = [n for n, label in form.errors.items() if label.isVisible()]
    values = {"first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
              "address1": "1 Main St", "city": "Austin", "postal_code": "78701",
              "phone": "5125550100"}
    for name in names:
        if name in form.fields:
            form.fields[name].setFocus()
            type_text(values[name], form.fields[name])
        elif name.startswith("state"):
            form.state_combo.setCurrentIndex(form.state_combo.findData("TX"))
    assert not form.has_errors()
    assert not page.error_label.isVisible()  # nothing left marked: the summary goes too


def test_typing_into_a_field_with_an_error_from_the_keyboard(qtbot, customer):
    win, page = customer
    form = page.form
    wiz(win).next()
    city = form.fields["city"]
    city.setFocus()
    qtbot.waitUntil(city.hasFocus, timeout=2000)
    from PySide6.QtTest import QTest

    QTest.keyClick(city, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert not form.errors["city"].isVisible()


def test_a_guest_who_takes_the_goods_now_needs_no_email(qtbot, customer):
    from ui_helpers import ADDRESS, next_page

    from pos.ui.pages import PAGE_FULFILMENT, PAGE_PAYMENT

    win, page = customer
    page.form.set_address({k: v for k, v in ADDRESS.items() if k != "email"})
    next_page(qtbot, win, PAGE_FULFILMENT)
    sale = win.view.sale
    # The store needs an e-mail on the billing address: the store's own stands in.
    assert sale.billing_address["email"] == sale.settings.pickup_address["email"]
    assert sale.billing_address["address1"] == ADDRESS["address1"]
    fulfilment = wiz(win).fulfilment_page
    fulfilment.ship.setChecked(True)
    wiz(win).next()
    assert wiz(win).currentId() == PAGE_FULFILMENT  # shipping needs the customer's e-mail
    assert "e-mail" in fulfilment.error_label.text()
    fulfilment.take_now.setChecked(True)
    next_page(qtbot, win, PAGE_PAYMENT)
