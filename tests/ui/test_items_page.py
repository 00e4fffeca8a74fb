"""The items page from the keyboard: tab order, quantities, removal; money in the right currency."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton
from ui_fake_sale import FakeSale
from ui_helpers import (
    PROFILE,
    add_items,
    fill_guest_billing,
    fill_new_card,
    press,
    put_on_screen,
    to_payment,
    type_quantity,
    wait_idle,
    wait_page,
    wiz,
)

from pos.ui.pages import PAGE_CUSTOMER, PAGE_DONE, PAGE_FULFILMENT, PAGE_ITEMS, PAGE_SHIPPING
from pos.ui.wizard import RegisterWindow


@pytest.fixture
def sku(skus):
    return skus[0]


@pytest.fixture
def other(skus):
    return skus[1]


def _search_word(name: str) -> str:
    return name.split()[-1].casefold()  # e.g. "mug" of "Coastal Ceramic Mug"


def _quantities(page) -> list[str]:
    return [page.lines.item(row, 2).text() for row in range(page.lines.rowCount())]


def test_tab_goes_search_results_lines_remove(qtbot, window, sku, other, shop):
    add_items(qtbot, window, sku, other)
    page = wiz(window).items_page
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus, timeout=2000)
    order = []
    for _ in range(2):
        press(Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [page.lines, page.remove_button]  # the table is one Tab stop

    page.search.setFocus()
    word = _search_word(shop.names[sku])
    page.search.setText(word)
    page.search.textEdited.emit(word)
    qtbot.waitUntil(lambda: page.results.isVisible(), timeout=10_000)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.results
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.lines


def test_a_digit_on_a_line_edits_its_quantity_and_tab_goes_on(qtbot, window, sku, other):
    add_items(qtbot, window, sku, other)
    page = wiz(window).items_page
    page.lines.setFocus()
    qtbot.waitUntil(page.lines.hasFocus, timeout=2000)
    page.lines.setCurrentCell(1, 0)  # the item's name: the digit still goes to its quantity
    press(Qt.Key.Key_3, page.lines)
    editor = QApplication.focusWidget()
    assert editor is page.quantities.editor(1)
    assert editor.accessibleName().startswith("Quantity of ")
    assert editor.value() == 3
    press(Qt.Key.Key_Tab, editor)  # keeps the 3 and goes on past the table
    assert QApplication.focusWidget() is page.remove_button
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.view.sale.lines[1].quantity == 3, timeout=10_000)
    assert _quantities(page) == ["1", "3"]
    assert window.view.sale.lines[0].quantity == 1


def test_a_quantity_never_goes_below_one_by_the_arrows(qtbot, window, sku):
    add_items(qtbot, window, sku)
    page = wiz(window).items_page
    spin = page.quantities.open_editor(0)
    assert spin is not None and (spin.minimum(), spin.maximum()) == (1, 9999)
    qtbot.waitUntil(spin.hasFocus, timeout=2000)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_PageDown)
    press(Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    sale = window.view.sale
    assert [(ln.sku, ln.quantity) for ln in sale.lines] == [(sku, 1)]
    assert "remove_line" not in sale.calls


def _scan_in_flight(qtbot, window, store, sku, other):
    """One item on the sale, then a scan of another the (slow) store is still answering."""
    add_items(qtbot, window, sku)
    page = wiz(window).items_page
    sale = window.view.sale
    store.configure(latency_ms=200)
    page.scanned(other)
    return page, sale


def test_a_quantity_changed_while_a_scan_is_in_flight_is_kept(qtbot, window, fresh_store, sku,
                                                              other):
    page, sale = _scan_in_flight(qtbot, window, fresh_store, sku, other)
    qtbot.waitUntil(lambda: sale.waiting_scans == 1, timeout=5000)
    type_quantity(qtbot, page.lines, 0, "4")  # the store is still answering the scan
    assert _quantities(page)[0] == "4"
    qtbot.waitUntil(lambda: sale.calls.count("set_quantity") == 1, timeout=10_000)
    wait_idle(qtbot, window)
    assert [(ln.sku, ln.quantity) for ln in sale.lines] == [(sku, 4), (other, 1)]
    assert _quantities(page) == ["4", "1"]


def test_only_the_newest_queued_quantity_is_sent(qtbot, window, fresh_store, sku, other):
    page, sale = _scan_in_flight(qtbot, window, fresh_store, sku, other)
    qtbot.waitUntil(lambda: sale.waiting_scans == 1, timeout=5000)
    for value in ("2", "3", "5"):
        type_quantity(qtbot, page.lines, 0, value)
    qtbot.waitUntil(lambda: sale.calls.count("set_quantity") == 1, timeout=10_000)
    wait_idle(qtbot, window)
    assert sale.lines[0].quantity == 5
    assert sale.calls.count("set_quantity") == 1


def test_after_removing_a_line_focus_stays_on_the_lines_then_the_scan_box(qtbot, window, sku,
                                                                          other):
    add_items(qtbot, window, sku, other)
    page = wiz(window).items_page
    page.lines.setFocus()
    page.lines.selectRow(0)
    press(Qt.Key.Key_Delete)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 1, timeout=10_000)
    assert QApplication.focusWidget() is page.lines
    page.remove_button.setFocus()
    page.remove_button.click()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not window.view.sale.lines, timeout=10_000)
    assert QApplication.focusWidget() is page.search


def test_remove_takes_the_line_whose_quantity_had_focus(qtbot, window, sku, other):
    add_items(qtbot, window, sku, other)
    page = wiz(window).items_page
    page.lines.selectRow(0)
    second = page.quantities.open_editor(1)
    assert second is not None
    qtbot.waitUntil(second.hasFocus, timeout=2000)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.remove_button
    press(Qt.Key.Key_Space)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 1, timeout=10_000)
    assert window.view.sale.lines[0].sku == sku


def test_items_and_shipping_prices_use_the_checkouts_currency(qtbot, register, sku):
    # The profile says euros; the store's checkout is in dollars: the checkout wins.
    win = register(profile=replace(PROFILE, currency="EUR"))
    add_items(qtbot, win, sku)
    page = wiz(win).items_page
    w = wiz(win)
    fill_guest_billing(qtbot, win)
    w.next()
    qtbot.waitUntil(lambda: w.currentId() != PAGE_ITEMS and not win.view.busy.is_busy,
                    timeout=10_000)
    w.fulfilment_page.ship.setChecked(True)
    w.next()
    wait_page(qtbot, win, PAGE_SHIPPING)
    box = w.shipping_page._boxes[0]
    texts = [b.text() for b in box.findChildren(QRadioButton)]
    assert texts and all("$" in t and "€" not in t for t in texts)
    assert "$" in w.shipping_page.total.text()
    # Back on the items page, the sale (which has its checkout now) shows dollars too.
    # Back one page at a time, each Escape once the page is idle (a busy page keeps it).
    for page_id in (PAGE_FULFILMENT, PAGE_CUSTOMER, PAGE_ITEMS):
        wait_idle(qtbot, win)
        press(Qt.Key.Key_Escape, w)
        wait_page(qtbot, win, page_id)
    wait_page(qtbot, win, PAGE_ITEMS)
    page.set_quantity(win.view.sale.lines[0].id, 2)
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: win.view.sale.lines[0].quantity == 2, timeout=10_000)
    assert "$" in page.subtotal.text()
    assert "€" not in page.subtotal.text()
    assert "$" in page.lines.item(0, 4).text()


def test_checking_an_unknown_outcome_waits_out_a_busy_sale(qtbot, register, fresh_store):
    window = register(reconcile_timeout=0.2)  # the pending card: unknown at first
    fresh_store.configure(pending_settle_ms=8000)  # still pending while the sale is held
    w = wiz(window)
    sale = window.view.sale
    to_payment(qtbot, window)
    p = w.payment_page
    p._check_timer.setInterval(10)
    fill_new_card(qtbot, window, "4000000000000259")
    p.charge_button.click()
    qtbot.waitUntil(lambda: p.is_checking(), timeout=10_000)
    p._check_timer.stop()
    wait_idle(qtbot, window)
    busy = window.view.busy
    busy.acquire()  # something else holds the sale when the check is due
    try:
        p._check_payment()
        assert p._check_timer.isActive()
    finally:
        busy.release()
    assert p.is_checking()
    qtbot.waitUntil(lambda: w.currentId() == PAGE_DONE, timeout=30_000)  # once it settles
    assert sale.calls.count("charge") == 1


def test_search_shows_the_list_price_and_the_line_the_carts_price(qtbot, qloop):
    """The catalogue's price is only a list price; the sale's line shows the cart's.

    The sandbox store has no price lists or customer groups, so its cart always charges the
    catalogue's price: this case runs on the stand-in engine (``ui_fake_sale``), which
    ``test_engine_contract.py`` holds to the real engine's public interface."""
    from decimal import Decimal

    from pos.ui.pages.items import PRICE_COLUMN

    window = put_on_screen(qtbot, RegisterWindow(PROFILE, FakeSale))

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
    qtbot.waitUntil(lambda: page.results.isVisible(), timeout=10_000)
    cell = page.results.item(0, PRICE_COLUMN)
    assert cell.text() == "$19.50"  # the catalogue's, labelled as such
    assert "appears on the line" in cell.toolTip()
    page.add_hit(0)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: page.lines.rowCount() == 1, timeout=10_000)
    assert page.lines.item(0, 3).text() == "$17.25"
    assert page.lines.item(0, 4).text() == "$17.25"
    assert page.subtotal.text() == "$17.25"
    assert "$19.50" not in [page.lines.item(0, c).text() for c in (3, 4)]
    window.view.close()


def _selected_sku(page) -> str:
    row = page.lines.currentRow()
    return page.lines.item(row, 1).text()


def test_a_scan_selects_the_line_it_added_so_delete_removes_it(qtbot, window, skus):
    add_items(qtbot, window, skus[0], skus[1])
    page = wiz(window).items_page
    page.lines.selectRow(0)
    add_items(qtbot, window, skus[2])  # a new line
    assert _selected_sku(page) == skus[2]
    page.lines.selectRow(0)
    add_items(qtbot, window, skus[1])  # one more of an existing line
    assert _selected_sku(page) == skus[1]
    page.lines.setFocus()
    qtbot.waitUntil(page.lines.hasFocus, timeout=2000)
    press(Qt.Key.Key_Delete)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 2, timeout=10_000)
    assert [ln.sku for ln in window.view.sale.lines] == [skus[0], skus[2]]


def test_adding_from_the_search_results_selects_that_line(qtbot, window, skus, shop):
    add_items(qtbot, window, skus[1], skus[2])
    page = wiz(window).items_page
    page.lines.selectRow(0)
    page.search.setFocus()
    page.search.setText(shop.names[skus[0]])
    page.search.textEdited.emit(shop.names[skus[0]])
    qtbot.waitUntil(lambda: page.results.isVisible(), timeout=10_000)
    page.add_hit(0)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 3, timeout=10_000)  # the store's
    wait_idle(qtbot, window)
    assert page.lines.rowCount() == 3
    assert _selected_sku(page) == skus[0]


def test_changing_a_quantity_selects_that_line(qtbot, window, sku, other):
    add_items(qtbot, window, sku, other)
    page = wiz(window).items_page
    page.lines.selectRow(0)
    page.set_quantity(window.view.sale.lines[1].id, 3)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.view.sale.lines[1].quantity == 3, timeout=10_000)
    assert _selected_sku(page) == other


def test_a_scanned_parent_sku_then_down_down_enter_adds_that_variant(qtbot, window, shop):
    """The variant chosen from the offered list is added, never looked up as a code."""
    from ui_helpers import Keyboard

    w = wiz(window)
    w.next()
    page = w.items_page
    kb = Keyboard()
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus, timeout=2000)
    kb.scan(shop.several_variants)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.results, timeout=10_000)
    kb.key(Qt.Key.Key_Down)
    kb.key(Qt.Key.Key_Down)
    row = page.results.currentRow()
    chosen = page.results.item(row, 2).text()
    kb.key(Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 1, timeout=10_000)
    assert window.view.sale.lines[0].sku == chosen
    assert not page.error_label.isVisible()


def test_a_quantity_above_stock_is_refused_and_the_box_shows_the_sales(qtbot, window, shop):
    w = wiz(window)
    w.next()
    page = w.items_page
    page.add_code(shop.skus[0])
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 1, timeout=10_000)
    type_quantity(qtbot, page.lines, 0, "9000")  # beyond any stock the store holds
    wait_idle(qtbot, window)
    qtbot.waitUntil(page.error_label.isVisible, timeout=10_000)
    assert window.view.sale.lines[0].quantity == 1
    qtbot.waitUntil(lambda: _quantities(page) == ["1"], timeout=10_000)
