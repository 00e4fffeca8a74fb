"""The items page from the keyboard: tab order, quantities, removal; money in the right currency."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QSpinBox
from ui_fake_sale import FakeSale, Totals
from ui_helpers import (
    PROFILE,
    add_items,
    fill_guest_billing,
    fill_new_card,
    press,
    put_on_screen,
    to_payment,
    wait_idle,
    wait_page,
    wiz,
)

from pos.ui.pages import PAGE_DONE, PAGE_ITEMS, PAGE_SHIPPING
from pos.ui.wizard import RegisterWindow


def _window(qtbot, factory=FakeSale):
    win = RegisterWindow(PROFILE, factory)
    put_on_screen(qtbot, win)
    return win


@pytest.fixture
def window(qtbot, qloop):
    win = _window(qtbot)
    yield win
    win.view.close()


def _spins(page) -> list[QSpinBox]:
    return [page.lines.cellWidget(row, 2) for row in range(page.lines.rowCount())]


def test_tab_goes_search_results_lines_each_quantity_remove(qtbot, window):
    add_items(qtbot, window, "TOTE-1", "CUP-ESP")
    page = wiz(window).items_page
    first, second = _spins(page)
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus, timeout=2000)
    order = []
    for _ in range(4):
        press(Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [page.lines, first, second, page.remove_button]

    page.search.setFocus()
    page.search.setText("to")
    page.search.textEdited.emit("to")
    qtbot.waitUntil(lambda: page.results.isVisible(), timeout=3000)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.results
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.lines


def test_a_quantity_never_goes_below_one_by_the_arrows(qtbot, window):
    add_items(qtbot, window, "TOTE-1")
    page = wiz(window).items_page
    (spin,) = _spins(page)
    assert (spin.minimum(), spin.maximum()) == (1, 9999)
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=2000)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_PageDown)
    wait_idle(qtbot, window)
    sale = window.view.sale
    assert [(ln.sku, ln.quantity) for ln in sale.lines] == [("TOTE-1", 1)]
    assert "remove_line" not in sale.calls


def _scan_in_flight(qtbot, window):
    """One tote on the sale, then a scan of a cup the (slow) store is still answering."""
    add_items(qtbot, window, "TOTE-1")
    page = wiz(window).items_page
    sale = window.view.sale
    sale.delay = 0.05
    (spin,) = _spins(page)
    page.scanned("CUP-ESP")
    return page, sale, spin


def test_a_quantity_changed_while_a_scan_is_in_flight_is_kept(qtbot, window):
    page, sale, spin = _scan_in_flight(qtbot, window)
    assert window.view.busy.is_busy
    spin.setValue(4)  # the store is still answering the scan
    assert spin.value() == 4
    qtbot.waitUntil(lambda: sale.calls.count("set_quantity") == 1, timeout=3000)
    wait_idle(qtbot, window)
    assert [(ln.sku, ln.quantity) for ln in sale.lines] == [("TOTE-1", 4), ("CUP-ESP", 1)]
    assert _spins(page)[0].value() == 4


def test_only_the_newest_queued_quantity_is_sent(qtbot, window):
    _page, sale, spin = _scan_in_flight(qtbot, window)
    for value in (2, 3, 5):
        spin.setValue(value)
    qtbot.waitUntil(lambda: sale.calls.count("set_quantity") == 1, timeout=3000)
    wait_idle(qtbot, window)
    assert sale.lines[0].quantity == 5
    assert sale.calls.count("set_quantity") == 1


def test_after_removing_a_line_focus_stays_on_the_lines_then_the_scan_box(qtbot, window):
    add_items(qtbot, window, "TOTE-1", "CUP-ESP")
    page = wiz(window).items_page
    page.lines.setFocus()
    page.lines.selectRow(0)
    press(Qt.Key.Key_Delete)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 1, timeout=3000)
    assert QApplication.focusWidget() is page.lines
    page.remove_button.setFocus()
    page.remove_button.click()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not window.view.sale.lines, timeout=3000)
    assert QApplication.focusWidget() is page.search


def test_remove_takes_the_line_whose_quantity_had_focus(qtbot, window):
    add_items(qtbot, window, "TOTE-1", "CUP-ESP")
    page = wiz(window).items_page
    page.lines.selectRow(0)
    second = _spins(page)[1]
    second.setFocus()
    qtbot.waitUntil(second.hasFocus, timeout=2000)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.remove_button
    press(Qt.Key.Key_Space)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 1, timeout=3000)
    assert window.view.sale.lines[0].sku == "TOTE-1"


class EuroSale(FakeSale):
    """A store whose checkout is in euros while the profile says dollars."""

    @property
    def totals(self) -> Totals:
        return replace(super().totals, currency="EUR")


def test_items_and_shipping_prices_use_the_checkouts_currency(qtbot, qloop):
    win = _window(qtbot, EuroSale)
    try:
        add_items(qtbot, win, "TOTE-1")
        page = wiz(win).items_page
        assert "€" in page.subtotal.text()
        assert "$" not in page.subtotal.text()
        assert "€" in page.lines.item(0, 4).text()
        w = wiz(win)
        fill_guest_billing(qtbot, win)
        w.next()
        qtbot.waitUntil(lambda: w.currentId() != PAGE_ITEMS and not win.view.busy.is_busy,
                        timeout=3000)
        w.fulfilment_page.ship.setChecked(True)
        w.next()
        wait_page(qtbot, win, PAGE_SHIPPING)
        box = w.shipping_page._boxes[0]
        texts = [b.text() for b in box.findChildren(QRadioButton)]
        assert texts and all("€" in t and "$" not in t for t in texts)
        assert "€" in w.shipping_page.total.text()
    finally:
        win.view.close()


def test_checking_an_unknown_outcome_waits_out_a_busy_sale(qtbot, window):
    w = wiz(window)
    sale = window.view.sale
    sale.pending_unknown = 1
    to_payment(qtbot, window)
    p = w.payment_page
    p._check_timer.setInterval(10)
    fill_new_card(qtbot, window, "4000000000000259")
    p.charge_button.click()
    qtbot.waitUntil(lambda: p.is_checking(), timeout=3000)
    p._check_timer.stop()
    wait_idle(qtbot, window)
    busy = window.view.busy
    busy.acquire()  # something else holds the sale when the check is due
    try:
        p._check_payment()
        assert p._check_timer.isActive()
    finally:
        busy.release()
    wait_page(qtbot, window, PAGE_DONE)
    assert sale.calls.count("charge") == 1


def test_search_shows_the_list_price_and_the_line_the_carts_price(qtbot, window):
    """The catalogue's price is only a list price; the sale's line shows the cart's."""
    from decimal import Decimal

    from pos.ui.pages.items import PRICE_COLUMN

    window.view.sale.cart_prices["TOTE-1"] = Decimal("17.25")  # e.g. a customer group price
    w = wiz(window)
    w.next()
    page = w.items_page
    header = page.results.horizontalHeaderItem(PRICE_COLUMN)
    assert header.text() == "List price"
    assert "store's price for this customer" in header.toolTip()
    page.search.setFocus()
    page.search.setText("tote")
    page.search.textEdited.emit("tote")
    qtbot.waitUntil(lambda: page.results.isVisible(), timeout=3000)
    cell = page.results.item(0, PRICE_COLUMN)
    assert cell.text() == "$19.50"  # the catalogue's, labelled as such
    assert "appears on the line" in cell.toolTip()
    page.add_hit(0)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: page.lines.rowCount() == 1, timeout=3000)
    assert page.lines.item(0, 3).text() == "$17.25"
    assert page.lines.item(0, 4).text() == "$17.25"
    assert page.subtotal.text() == "$17.25"
    assert "$19.50" not in [page.lines.item(0, c).text() for c in (3, 4)]


def _selected_sku(page) -> str:
    row = page.lines.currentRow()
    return page.lines.item(row, 1).text()


def test_a_scan_selects_the_line_it_added_so_delete_removes_it(qtbot, window):
    add_items(qtbot, window, "TOTE-1", "CUP-ESP")
    page = wiz(window).items_page
    page.lines.selectRow(0)
    add_items(qtbot, window, "SHIRT-BL-L")  # a new line
    assert _selected_sku(page) == "SHIRT-BL-L"
    page.lines.selectRow(0)
    add_items(qtbot, window, "CUP-ESP")  # one more of an existing line
    assert _selected_sku(page) == "CUP-ESP"
    page.lines.setFocus()
    qtbot.waitUntil(page.lines.hasFocus, timeout=2000)
    press(Qt.Key.Key_Delete)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 2, timeout=3000)
    assert [ln.sku for ln in window.view.sale.lines] == ["TOTE-1", "SHIRT-BL-L"]


def test_adding_from_the_search_results_selects_that_line(qtbot, window):
    add_items(qtbot, window, "CUP-ESP", "SHIRT-BL-L")
    page = wiz(window).items_page
    page.lines.selectRow(0)
    page.search.setFocus()
    page.search.setText("tote")
    page.search.textEdited.emit("tote")
    qtbot.waitUntil(lambda: page.results.isVisible(), timeout=3000)
    page.add_hit(0)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: page.lines.rowCount() == 3, timeout=3000)
    assert _selected_sku(page) == "TOTE-1"


def test_changing_a_quantity_selects_that_line(qtbot, window):
    add_items(qtbot, window, "TOTE-1", "CUP-ESP")
    page = wiz(window).items_page
    page.lines.selectRow(0)
    page.set_quantity(window.view.sale.lines[1].id, 3)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.view.sale.lines[1].quantity == 3, timeout=3000)
    assert _selected_sku(page) == "CUP-ESP"
