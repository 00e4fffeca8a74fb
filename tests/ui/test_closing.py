"""Closing the register's window with a sale in progress."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from ui_helpers import add_items, fill_new_card, to_payment, wiz


def _question(qtbot, win) -> QMessageBox:
    box = wiz(win)._confirm
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=2000)
    return box


def test_yes_to_abandon_on_close_abandons_the_sale_and_closes(qtbot, window, skus):
    add_items(qtbot, window, skus[0])
    sale = window.view.sale
    assert window.close() is False  # asks first
    assert window.isVisible()
    _question(qtbot, window)
    wiz(window).abandon_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert sale.calls.count("abandon") == 1  # the engine cancels its unpaid order there
    assert len(window.sales) == 1  # no new sale was started


def test_no_to_abandon_on_close_keeps_the_sale_and_the_window(qtbot, window, skus):
    add_items(qtbot, window, skus[0])
    sale = window.view.sale
    window.close()
    _question(qtbot, window)
    wiz(window).keep_button.click()
    assert window.isVisible()
    assert window.view.sale is sale and "abandon" not in sale.calls
    assert [line.sku for line in sale.lines] == [skus[0]]


def test_close_while_charging_says_why_it_cannot_close(qtbot, window, fresh_store):
    to_payment(qtbot, window)
    sale = window.view.sale
    fresh_store.add_fault("POST", "/payments", "latency", latency_ms=500)
    page = wiz(window).payment_page
    fill_new_card(qtbot, window, "4242424242424242")
    page.charge_button.click()
    assert page.is_charging()
    assert window.close() is False
    assert window.isVisible()
    assert wiz(window)._confirm is None  # nothing to answer: it cannot close now
    assert page.notice.isVisible()
    assert "being charged" in page.notice.text()
    qtbot.waitUntil(lambda: not page.is_charging(), timeout=10_000)
    assert sale.calls.count("charge") == 1


def test_close_without_a_sale_closes_at_once(qtbot, window):
    assert window.close() is True
    assert not window.isVisible()


def test_close_while_the_store_is_answering_says_so(qtbot, window, skus, fresh_store):
    add_items(qtbot, window, skus[0])
    fresh_store.configure(latency_ms=300)
    page = wiz(window).items_page
    page.set_quantity(window.view.sale.lines[0].id, 2)
    qtbot.waitUntil(lambda: window.view.busy.is_busy, timeout=2000)
    assert window.close() is False
    assert window.isVisible()
    assert not wiz(window).is_asking()
    assert "still answering" in page.notice.text() and page.notice.isVisible()
    qtbot.waitUntil(lambda: not window.view.busy.is_busy, timeout=10_000)
    window.close()  # now it asks
    assert wiz(window).is_asking()
    _question(qtbot, window)
    wiz(window).keep_button.click()
