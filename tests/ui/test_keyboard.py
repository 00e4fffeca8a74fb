"""A whole sale from the keyboard alone, with a barcode scanner burst in the middle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox
from ui_helpers import PROFILE, Keyboard, scanning_register

from pos.ui.pages import (
    PAGE_CUSTOMER,
    PAGE_DONE,
    PAGE_FULFILMENT,
    PAGE_ITEMS,
    PAGE_PAYMENT,
    PAGE_START,
)


@pytest.fixture
def keyboard_window(qtbot, qapp, register):
    kb = Keyboard()
    with scanning_register(qapp, register, kb, profile=PROFILE) as win:
        win.resize(1000, 760)
        yield win, kb


def test_a_keyboard_only_sale(qtbot, keyboard_window, shop):
    win, kb = keyboard_window

    def wait_page(page_id: int) -> None:
        qtbot.waitUntil(lambda: win.wizard.currentId() == page_id, timeout=10_000)

    def idle() -> None:
        qtbot.waitUntil(lambda: not win.view.busy.is_busy, timeout=10_000)

    w = win.wizard
    assert w.currentId() == PAGE_START
    kb.key(Qt.Key.Key_F2)  # to the scan box
    wait_page(PAGE_ITEMS)
    items = w.items_page
    assert QApplication.focusWidget() is items.search

    kb.type(shop.skus[0])
    kb.key(Qt.Key.Key_Return)
    idle()
    qtbot.waitUntil(lambda: len(win.view.sale.lines) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: items.search.text() == "", timeout=10_000)

    # Focus in the quantity field; a scan still adds an item and leaves the quantity alone.
    spin = items.quantities.open_editor(0)
    assert isinstance(spin, QSpinBox)
    qtbot.waitUntil(spin.hasFocus, timeout=2000)
    kb.scan(shop.upcs[shop.skus[1]])
    idle()
    qtbot.waitUntil(lambda: len(win.view.sale.lines) == 2, timeout=10_000)
    assert win.view.sale.lines[0].quantity == 1
    assert win.view.sale.lines[1].sku == shop.skus[1]

    # Back to the scan box (F2) and on with Enter on the empty box.
    kb.key(Qt.Key.Key_F2)
    kb.key(Qt.Key.Key_Return)
    wait_page(PAGE_CUSTOMER)
    customer = w.customer_page
    assert customer.guest.isChecked()
    assert QApplication.focusWidget() is customer.form.fields["first_name"]
    for text in ("Ana", "Diaz", "ana@example.com", "5125550100", "", "1 Main St", "", "Austin"):
        kb.type(text)
        kb.key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is customer.form.country
    kb.key(Qt.Key.Key_Tab)  # the United States is already chosen
    kb.type("Texas")
    assert customer.form.state_combo.currentData() == "TX"
    kb.key(Qt.Key.Key_Tab)
    kb.type("78701")
    kb.key(Qt.Key.Key_Return)
    wait_page(PAGE_FULFILMENT)
    kb.key(Qt.Key.Key_Return)  # the customer takes it now
    wait_page(PAGE_PAYMENT)
    pay = w.payment_page
    qtbot.waitUntil(lambda: pay.options is not None, timeout=10_000)
    assert QApplication.focusWidget() is pay.card.number
    kb.type("4242424242424242")
    kb.key(Qt.Key.Key_Tab)
    kb.type("Ana Diaz")
    kb.key(Qt.Key.Key_Tab)
    kb.type("12/2031")
    kb.key(Qt.Key.Key_Tab)
    kb.type("123")
    kb.key(Qt.Key.Key_F9)
    wait_page(PAGE_DONE)
    assert win.view.sale.paid
    first = win.view.sale
    kb.key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.view.sale is not first, timeout=10_000)
    assert win.wizard.currentId() == PAGE_START


def test_fast_typing_on_the_payment_page_is_never_taken_for_a_scan(qtbot, keyboard_window,
                                                                  skus):
    win, kb = keyboard_window
    w = win.wizard
    scans: list[str] = []
    win.scanner.scanned.connect(scans.append)
    w.next()
    w.items_page.add_code(skus[0])
    qtbot.waitUntil(lambda: bool(win.view.sale.lines), timeout=10_000)
    assert win.scanner.isEnabled()
    from ui_helpers import ADDRESS

    w.next()
    qtbot.waitUntil(lambda: w.currentId() == PAGE_CUSTOMER, timeout=10_000)
    assert not win.scanner.isEnabled()
    w.customer_page.form.set_address(ADDRESS)
    w.next()
    qtbot.waitUntil(lambda: w.currentId() == PAGE_FULFILMENT, timeout=10_000)
    w.next()
    qtbot.waitUntil(lambda: w.currentId() == PAGE_PAYMENT, timeout=10_000)
    pay = w.payment_page
    qtbot.waitUntil(lambda: pay.options is not None, timeout=10_000)
    assert QApplication.focusWidget() is pay.card.number
    kb.scan("4242424242424242")  # a very fast typist, or a card reader in keyboard mode
    assert scans == []
    assert pay.card._digits == "4242424242424242"
    pay.card.wipe()


def test_a_scan_with_capitals_while_a_quantity_box_has_focus(qtbot, keyboard_window, shop):
    """A wedge scanner sends Shift around each capital of a SKU such as CCM-000012: it
    must not split the scan or leak into the quantity box."""
    win, kb = keyboard_window
    with_capitals = [s for s in shop.skus[1:] if any(ch.isupper() for ch in s)]
    assert with_capitals
    capitals = with_capitals[0]
    w = win.wizard
    kb.key(Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: w.currentId() == PAGE_ITEMS, timeout=10_000)
    items = w.items_page
    kb.scan(shop.upcs[shop.skus[0]])
    qtbot.waitUntil(lambda: len(win.view.sale.lines) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not win.view.busy.is_busy, timeout=10_000)
    spin = items.quantities.open_editor(0)
    assert isinstance(spin, QSpinBox)
    qtbot.waitUntil(spin.hasFocus, timeout=2000)
    kb.scan(capitals)
    qtbot.waitUntil(lambda: len(win.view.sale.lines) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: not win.view.busy.is_busy, timeout=10_000)
    assert [(ln.sku, ln.quantity) for ln in win.view.sale.lines] == [
        (shop.skus[0], 1), (capitals, 1)
    ]
    assert items.lines.item(0, 2).text() == "1"  # nothing of the scan went into it
