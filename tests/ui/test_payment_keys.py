"""The payment and done pages from the keyboard: F9 anywhere, help in between, Enter after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from ui_helpers import (
    fill_new_card,
    press,
    to_payment,
    wait_idle,
    wait_page,
    wiz,
)

from pos.ui.pages import PAGE_DONE, PAGE_PAYMENT


def test_f9_after_the_help_overlay_charges_once(qtbot, window):
    to_payment(qtbot, window)
    fill_new_card(qtbot, window, "4242424242424242")
    before = QApplication.focusWidget()
    assert before is not None
    press(Qt.Key.Key_F1)
    assert window.help.isVisible()
    press(Qt.Key.Key_Space)  # any key closes the help
    assert not window.help.isVisible()
    assert QApplication.focusWidget() is before
    press(Qt.Key.Key_F9)
    wait_page(qtbot, window, PAGE_DONE)
    assert window.view.sale.calls.count("charge") == 1


def test_f9_charges_wherever_focus_is_in_the_window(qtbot, window):
    to_payment(qtbot, window)
    fill_new_card(qtbot, window, "4242424242424242")
    back = wiz(window).button(QWizard.WizardButton.BackButton)
    back.setFocus()
    qtbot.waitUntil(back.hasFocus, timeout=2000)
    press(Qt.Key.Key_F9)
    wait_page(qtbot, window, PAGE_DONE)
    assert window.view.sale.calls.count("charge") == 1


def test_f9_while_the_help_is_open_only_closes_it(qtbot, window):
    to_payment(qtbot, window)
    fill_new_card(qtbot, window, "4242424242424242")
    press(Qt.Key.Key_F1)
    assert window.help.isVisible()
    press(Qt.Key.Key_F9)
    assert not window.help.isVisible()
    assert window.view.sale.calls.count("charge") == 0
    press(Qt.Key.Key_F9)
    wait_page(qtbot, window, PAGE_DONE)
    assert window.view.sale.calls.count("charge") == 1


def test_f9_does_nothing_on_other_pages(qtbot, window):
    to_payment(qtbot, window)
    wait_idle(qtbot, window)
    press(Qt.Key.Key_Escape, wiz(window))
    qtbot.waitUntil(lambda: wiz(window).currentId() != PAGE_PAYMENT, timeout=10_000)
    press(Qt.Key.Key_F9)
    assert window.view.sale.calls.count("charge") == 0


def test_enter_in_the_card_fields_charges_nothing_by_itself(qtbot, window):
    to_payment(qtbot, window)
    fill_new_card(qtbot, window, "4242424242424242")
    page = wiz(window).payment_page
    press(Qt.Key.Key_Return, page.card.cvv)
    wait_idle(qtbot, window)
    assert window.view.sale.calls.count("charge") == 0
    assert wiz(window).currentId() == PAGE_PAYMENT


def test_enter_right_after_charging_stays_on_done(qtbot, window):
    to_payment(qtbot, window)
    fill_new_card(qtbot, window, "4242424242424242")
    first = window.view.sale
    press(Qt.Key.Key_F9)
    wait_page(qtbot, window, PAGE_DONE)
    done = wiz(window).done_page
    order = done.order.text()
    assert order
    press(Qt.Key.Key_Return)  # the clerk's next Enter, before reading the screen
    press(Qt.Key.Key_Enter)
    assert window.view.sale is first
    assert wiz(window).currentId() == PAGE_DONE
    assert done.order.text() == order
    assert QApplication.focusWidget() is not done.new_button


def test_alt_w_new_card_puts_focus_in_the_number(qtbot, window):
    """Choosing New card with its accelerator: the typed number goes into the number."""
    to_payment(qtbot, window)
    page = wiz(window).payment_page
    qtbot.waitUntil(lambda: page.options is not None, timeout=10_000)
    page.coupon.setFocus()
    qtbot.waitUntil(page.coupon.hasFocus, timeout=2000)
    from PySide6.QtTest import QTest

    QTest.keyClick(page.coupon, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.card.number, timeout=2000)
    assert page.new_card_radio.isChecked()
