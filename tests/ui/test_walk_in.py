"""The walk-in sale: scanned items, F9, a new card, F9, by key events only.

``POS_KEY_COUNT_FILE`` (set by ``benchmarks/bench_keys.py``): the counts of the walk-in sale
and of the full sale (a guest's whole address typed) are appended there.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import PROFILE, CountingKeyboard, full_sale_by_keys, scanning_register

from pos.sale import SaleStep
from pos.ui.pages import PAGE_DONE, PAGE_ITEMS, PAGE_PAYMENT, PAGE_START

#: Keys a walk-in sale of two scanned items paid with a new card may need, besides the
#: scanner's bursts and the card's own characters (F9, three Tabs, F9).
WALK_IN_KEY_BUDGET = 6


@pytest.fixture
def keyboard_window(qtbot, qapp, register):
    kb = CountingKeyboard()
    with scanning_register(qapp, register, kb, profile=PROFILE) as win:
        win.resize(1000, 760)
        yield win, kb


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


def _scan_two(qtbot, win, kb, shop) -> None:
    kb.scan(shop.upcs[shop.skus[0]])
    qtbot.waitUntil(lambda: win.wizard.currentId() == PAGE_ITEMS, timeout=10_000)
    kb.scan(shop.upcs[shop.skus[1]])
    qtbot.waitUntil(lambda: len(win.view.sale.lines) == 2 and not win.view.busy.is_busy,
                    timeout=10_000)


def _type_card(kb, type_text=None) -> None:
    """Number, Tab, name, Tab, expiry, Tab, CVV; the characters typed by ``type_text``
    (a paced clerk's), by default at once."""
    type_text = type_text or kb.type
    for text in ("4242424242424242", "Ana Diaz", "12/31"):
        type_text(text)
        kb.key(Qt.Key.Key_Tab)
    type_text("123")


def test_a_scanned_line_shows_in_the_frame_of_the_scan(qtbot, keyboard_window, shop):
    """The first scan of a sale, from the start page: its line is in the table when the
    scan's Enter has been handled, before the loop turns (before the page is drawn), from
    the local catalogue; the second one too."""
    win, kb = keyboard_window
    w = win.wizard
    kb.scan(shop.upcs[shop.skus[0]])
    assert w.currentId() == PAGE_ITEMS
    assert w.items_page.lines.rowCount() == 1
    assert w.items_page.lines.item(0, 1).text() == shop.skus[0]
    kb.scan(shop.upcs[shop.skus[1]])
    assert w.items_page.lines.rowCount() == 2
    assert w.items_page.lines.item(1, 1).text() == shop.skus[1]
    qtbot.waitUntil(lambda: len(win.view.sale.lines) == 2 and not win.view.busy.is_busy,
                    timeout=10_000)


def test_f9_shows_review_and_pay_at_once_and_the_card_is_typed_while_the_store_works(
        qtbot, keyboard_window, shop):
    """The walk-in sale's billing address, pickup, order and payment token are made while
    the clerk types the card: F9 shows Review and pay before the store has been told
    anything, and what the clerk types there is kept when the total arrives."""
    win, kb = keyboard_window
    w = win.wizard
    sale = win.view.sale
    pay = w.payment_page
    _scan_two(qtbot, win, kb, shop)
    kb.key(Qt.Key.Key_F9)
    # No answer from the store has been handled yet (the loop has not turned).
    assert w.currentId() == PAGE_PAYMENT
    assert sale.billing_address is None and not sale.consignments
    assert pay.options is None and win.view.busy.is_busy
    assert QApplication.focusWidget() is pay.card.number
    # The lines' subtotal shows; the total is still to come.
    shown = [pay.totals_grid.itemAt(i).widget().text() for i in range(pay.totals_grid.count())]
    assert shown == ["Subtotal", pay._money(sale.subtotal), "Total", pay.total_pending_text()]
    _type_card(kb)
    assert QApplication.focusWidget() is pay.card.cvv
    qtbot.waitUntil(lambda: pay.options is not None and not win.view.busy.is_busy,
                    timeout=10_000)
    # The total came in: the clerk's typing is where it was.
    assert pay.total_pending_text() not in [
        pay.totals_grid.itemAt(i).widget().text() for i in range(pay.totals_grid.count())]
    assert QApplication.focusWidget() is pay.card.cvv
    assert pay.card.card_details() is not None
    assert sale.billing_address["address1"] == "1 Sandbox Street"
    assert [c.kind for c in sale.consignments] == ["pickup"]
    kb.key(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.currentId() == PAGE_DONE, timeout=10_000)
    assert sale.paid


def test_charge_pressed_before_the_total_shows_charges_nothing(qtbot, keyboard_window, shop):
    win, kb = keyboard_window
    w = win.wizard
    sale = win.view.sale
    pay = w.payment_page
    _scan_two(qtbot, win, kb, shop)
    kb.key(Qt.Key.Key_F9)
    _type_card(kb)
    kb.key(Qt.Key.Key_F9)  # before the store has answered
    assert pay.notice.isVisibleTo(pay)
    assert pay.notice.text() == pay.total_pending_message()
    assert not sale.payment_attempted() and not pay.is_charging()
    qtbot.waitUntil(lambda: pay.options is not None and not win.view.busy.is_busy,
                    timeout=10_000)
    assert not pay.notice.isVisibleTo(pay)  # the total shows: the notice goes
    assert not sale.payment_attempted()
    kb.key(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.currentId() == PAGE_DONE, timeout=10_000)
    assert sale.paid


def test_a_store_out_of_reach_during_the_walk_in_says_so_on_review_and_pay(
        qtbot, keyboard_window, shop, fresh_store):
    """The billing address cannot reach the store: Review and pay says so with Retry,
    nothing is charged, and Retry finishes what was missing."""
    win, kb = keyboard_window
    w = win.wizard
    sale = win.view.sale
    pay = w.payment_page
    _scan_two(qtbot, win, kb, shop)
    fresh_store.add_fault("POST", "/v3/checkouts/*/billing-address", "close_before",
                          times=1000)
    kb.key(Qt.Key.Key_F9)
    assert w.currentId() == PAGE_PAYMENT
    qtbot.waitUntil(lambda: not win.view.busy.is_busy, timeout=30_000)
    assert pay.options is None
    assert pay.error_label.text()
    assert pay.retry_button.isVisibleTo(pay), pay.error_label.text()
    assert sale.billing_address is None and not sale.payment_attempted()
    fresh_store.clear_faults()
    kb.key(Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: pay.options is not None and not win.view.busy.is_busy,
                    timeout=10_000)
    assert sale.billing_address["address1"] == "1 Sandbox Street"
    assert [c.kind for c in sale.consignments] == ["pickup"]
    _type_card(kb)
    kb.key(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.currentId() == PAGE_DONE, timeout=10_000)
    assert sale.paid


def test_a_walk_in_sale_at_a_clerks_pace(qtbot, qapp, register, shop, fresh_store):
    """The walk-in sale as a clerk rings it, by key events, with the store answering after
    ``POS_STORE_LATENCY_MS`` (0 here; 150 in ``benchmarks/bench_walk_in.py``, which also
    sets a human pace and reads the waits from ``POS_WAIT_FILE``). A warm-up sale first:
    the register has been selling (the store's payment methods are known)."""
    from loop_probe import LoopProbeTransport
    from paced_clerk import PacedClerk, pace_from_env

    probe = LoopProbeTransport()
    kb = CountingKeyboard()
    with scanning_register(qapp, register, kb, profile=PROFILE, transport=probe) as win:
        win.resize(1000, 760)
        walk_in_sale(qtbot, win, kb, shop)
        kb.key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: win.wizard.currentId() == PAGE_START
                        and not win.view.runner.tasks, timeout=10_000)
        latency = int(os.environ.get("POS_STORE_LATENCY_MS", "0"))
        fresh_store.configure(latency_ms=latency)
        clerk = PacedClerk(kb, pace_from_env())
        pace = clerk.pace
        w = win.wizard
        sale = win.view.sale
        pay = w.payment_page
        before = len(probe.calls)
        w.currentIdChanged.connect(
            lambda page: clerk.mark("done page") if page == PAGE_DONE else None)
        clerk.busy_for(pace.item_ms)  # the next customer's first item is picked up
        clerk.mark("start")
        # From the scan's first character: the scan is handled and the line shown.
        scanned = clerk.now()
        kb.scan(shop.upcs[shop.skus[0]])
        clerk.wait_for("first scan → its line", lambda: w.currentId() == PAGE_ITEMS
                       and w.items_page.lines.rowCount() >= 1, since=scanned)
        clerk.busy_for(pace.item_ms)
        scanned = clerk.now()
        kb.scan(shop.upcs[shop.skus[1]])
        clerk.wait_for("second scan → its line", lambda: w.items_page.lines.rowCount() >= 2,
                       since=scanned)
        clerk.busy_for(pace.to_pay_ms)
        kb.key(Qt.Key.Key_F9)
        clerk.wait_for("F9 → the card can be typed", lambda: w.currentId() == PAGE_PAYMENT
                       and QApplication.focusWidget() is pay.card.number)
        _type_card(kb, clerk.type)
        clerk.wait_for("card typed → Charge can be pressed", pay.charge_button.isEnabled)
        clerk.mark("charge")
        kb.key(Qt.Key.Key_F9)
        clerk.wait_for("Charge → Paid", lambda: pay.status.text() == "Paid."
                       or w.currentId() == PAGE_DONE)
        clerk.mark("paid")
        clerk.busy_for(pace.hand_back_ms)
        clerk.wait_for("Paid → the next sale can start", lambda: w.currentId() == PAGE_DONE)
        clerk.mark("done")
        qtbot.waitUntil(lambda: w.currentId() == PAGE_DONE and not win.view.runner.tasks
                        and not win.view.busy.is_busy, timeout=10_000)
        assert sale.paid
        assert [c.kind for c in sale.consignments] == ["pickup"]
        calls = [f"{c.method} " + re.sub(r"/[0-9a-f-]{36}|/\d+", "/{id}",
                                          c.path.split("/stores/", 1)[-1].split("/", 1)[-1])
                 for c in probe.calls[before:]]
        # The payment call's own round trip, as the register's client saw it (the store's
        # work included): what "Charge → Paid" is measured against beside the latency.
        payment_ms = [c.ms for c in probe.calls[before:]
                      if c.method == "POST" and c.path.endswith("/payments")]
        assert len(payment_ms) == 1
        clerk.report("walk-in", latency_ms=latency, calls=calls, payment_call_ms=payment_ms[0])
        assert [wait.what for wait in clerk.waits] == [
            "first scan → its line", "second scan → its line", "F9 → the card can be typed",
            "card typed → Charge can be pressed", "Charge → Paid",
            "Paid → the next sale can start"]
