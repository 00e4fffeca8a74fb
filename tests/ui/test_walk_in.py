"""The walk-in sale: scanned items, F9, a new card, F9, by key events only.

``POS_KEY_COUNT_FILE`` (set by ``benchmarks/bench_keys.py``): the counts of the walk-in sale
and of the full sale (a guest's whole address typed) are appended there.
"""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import PROFILE, CountingKeyboard, full_sale_by_keys

from pos.sale import SaleStep
from pos.ui.pages import PAGE_DONE, PAGE_ITEMS, PAGE_PAYMENT, PAGE_START
from pos.ui.widgets.scanner import ScannerDetector

#: Keys a walk-in sale of two scanned items paid with a new card may need, besides the
#: scanner's bursts and the card's own characters (F9, three Tabs, F9).
WALK_IN_KEY_BUDGET = 6


@pytest.fixture
def keyboard_window(qtbot, qapp, register):
    kb = CountingKeyboard()
    scanner = ScannerDetector(clock=kb)
    scanner.install(qapp)
    win = register(profile=PROFILE, scanner=scanner)
    win.resize(1000, 760)
    try:
        yield win, kb
    finally:
        scanner.uninstall()


def walk_in_sale(qtbot, win, kb, shop) -> int:
    """Ring a walk-in sale of two scanned items paid with a new card; the keys it took."""

    def wait_page(page_id: int) -> None:
        qtbot.waitUntil(lambda: win.wizard.currentId() == page_id, timeout=10_000)

    sale = win.view.sale
    kb.scan(shop.upcs[shop.skus[0]])
    wait_page(PAGE_ITEMS)
    kb.scan(shop.upcs[shop.skus[1]])
    qtbot.waitUntil(lambda: len(sale.lines) == 2 and not win.view.busy.is_busy,
                    timeout=10_000)
    kb.key(Qt.Key.Key_F9)
    wait_page(PAGE_PAYMENT)
    pay = win.wizard.payment_page
    qtbot.waitUntil(lambda: pay.options is not None, timeout=10_000)
    assert QApplication.focusWidget() is pay.card.number
    kb.type("4242424242424242")
    kb.key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pay.card.name
    kb.type("Ana Diaz")
    kb.key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pay.card.expiry
    kb.type("12/31")  # MM/YY, as printed on the card
    kb.key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pay.card.cvv
    kb.type("123")
    kb.key(Qt.Key.Key_F9)
    wait_page(PAGE_DONE)
    return kb.pressed


def test_a_walk_in_sale_takes_f9_three_tabs_and_f9(qtbot, keyboard_window, shop):
    win, kb = keyboard_window
    assert win.wizard.currentId() == PAGE_START
    pressed = walk_in_sale(qtbot, win, kb, shop)
    sale = win.view.sale
    assert sale.paid
    assert sale.customer is None  # a guest
    assert sale.billing_address is not None
    assert sale.billing_address["address1"] == "1 Sandbox Street"  # the store's own
    assert [c.kind for c in sale.consignments] == ["pickup"]
    assert sale.consignments[0].items == {ln.id: int(ln.quantity) for ln in sale.lines}
    assert pressed <= WALK_IN_KEY_BUDGET, pressed
    report("walk-in", kb)


def report(name: str, kb: CountingKeyboard) -> None:
    path = os.environ.get("POS_KEY_COUNT_FILE")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"sale": name, "keys": kb.pressed, "typed": kb.typed}) + "\n")


def test_the_full_sale_still_asks_for_the_customer_when_the_clerk_goes_through(
        qtbot, keyboard_window, shop):
    """Enter (Next) on Items goes through every step: a guest's address typed in full."""
    win, kb = keyboard_window
    full_sale_by_keys(qtbot, win, kb, shop)
    assert win.view.sale.paid
    assert win.view.sale.billing_address["address1"] == "1 Main St"
    report("full", kb)


def test_back_from_a_walk_in_sale_reaches_the_customer_step(qtbot, keyboard_window, shop):
    win, kb = keyboard_window
    w = win.wizard
    kb.scan(shop.upcs[shop.skus[0]])
    qtbot.waitUntil(lambda: len(win.view.sale.lines) == 1 and not win.view.busy.is_busy,
                    timeout=10_000)
    kb.key(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.currentId() == PAGE_PAYMENT, timeout=10_000)
    qtbot.waitUntil(lambda: w.payment_page.options is not None, timeout=10_000)
    assert win.view.sale.step in (SaleStep.REVIEW, SaleStep.PAYMENT)
    w.back()
    qtbot.waitUntil(lambda: w.currentId() == PAGE_ITEMS, timeout=10_000)
    from pos.ui.pages import PAGE_CUSTOMER

    assert w.items_page.nextId() == PAGE_CUSTOMER
