"""The shift in the register window, on the real engine and the sandbox store: the Shift
menu and its keys (listed in the F1 help), no sale while the profile requires a shift and
none is open, a cash sale entered in the shift with its taxes by name, paid-out and
no-sale with reasons, the X report, and the close with a blind count, the Z report
checked against the store's orders (screen and PDF)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_helpers import (
    add_items,
    checkout_to_payment,
    close_register,
    open_register,
    read_shop,
    wait_idle,
    wait_page,
    wiz,
)

from pos.composition import demo_profile
from pos.shift import ShiftLedger
from pos.ui.app import attach_shift
from pos.ui.pages import PAGE_DONE, PAGE_ITEMS
from pos.ui.shift_desk import MoneyMoveDialog, ShiftDesk
from pos.ui.shift_report import report_document
from pos.ui.shift_screens import ShiftCloseDialog, ShiftOpenDialog, ZReportView
from pos.ui.wizard import shortcuts


def store_taxes(store, order_id: int) -> dict[str, Decimal]:
    response = httpx.get(
        f"{store.api_base_url}/stores/{store.store_hash}/v2/orders/{order_id}/taxes",
        headers={"X-Auth-Token": store.token, "Accept": "application/json"}, timeout=10)
    response.raise_for_status()
    out: dict[str, Decimal] = {}
    for tax in response.json():
        out[tax["name"]] = out.get(tax["name"], Decimal(0)) + Decimal(tax["line_amount"])
    return {k: v.quantize(Decimal("0.01")) for k, v in out.items()}


@pytest.fixture
def shift_store(sandbox_factory):
    """A store of this test's own: the Z report compares the shift with every order of the
    store's channel in the shift's hours, so no other test's sale may land there."""
    return sandbox_factory(seed=31, catalog_size=60)


@pytest.fixture
def shift_register(qtbot, qloop, shift_store, tmp_path: Path):
    window = open_register(qtbot, shift_store, tmp_path / "data")
    synced = qloop.create_task(window.engine.sync_catalog())
    qtbot.waitUntil(synced.done, timeout=30_000)
    synced.result()
    yield window
    close_register(qtbot, qloop, window)


def test_help_lists_the_shift_keys(qtbot) -> None:
    listed = dict((what, keys) for keys, what in shortcuts())
    for what in ("Open the shift", "X report (so far)", "Paid in", "Paid out",
                 "No sale (open the drawer)", "Close the shift (Z report)"):
        assert listed.get(what), what


def test_a_shift_in_the_window_from_float_to_z_report(qtbot, shift_register, shift_store,
                                                      tmp_path: Path) -> None:
    window, store = shift_register, shift_store
    skus = read_shop(store).skus
    profile = dataclasses.replace(demo_profile(store), require_shift=True)
    desk = attach_shift(window, profile, data_dir=tmp_path)
    assert isinstance(desk, ShiftDesk) and window.shift is desk
    ledger = ShiftLedger(tmp_path / "shifts.jsonl", profile.terminal_name or "register")
    # The help overlay lists the shift's keys.
    help_text = " ".join(label.text() for label in window.help.findChildren(QLabel))
    assert "Open the shift" in help_text and "Close the shift" in help_text

    # No shift open and the profile requires one: nothing can be sold.
    assert not desk.bar.isHidden() and not window.wizard.isEnabled()
    assert window.sale_blocked
    window._scanned(skus[0])
    assert not window.view.sale.lines
    assert not desk.actions["close"].isEnabled()

    # Its key opens the shift (the float counted by denomination).
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(desk.dialog, ShiftOpenDialog), timeout=5000)
    opening = desk.dialog
    opening.counts["20.00"].setValue(5)
    opening._open()
    qtbot.waitUntil(lambda: desk.dialog is None, timeout=5000)
    assert ledger.current() is not None and ledger.current().opening_float == Decimal(100)
    assert desk.bar.isHidden() and window.wizard.isEnabled() and not window.sale_blocked

    # A cash sale: entered in the shift with the store's taxes by name.
    add_items(qtbot, window, skus[0])
    checkout_to_payment(qtbot, window)
    wait_idle(qtbot, window)
    page = wiz(window).payment_page
    page.tender.cash_radio.click()
    qtbot.waitUntil(lambda: not page.tender.quick_buttons[1].isHidden(), timeout=10_000)
    page.tender.quick_buttons[1].click()
    tendered = Decimal(page.tender.tendered.text())
    page.charge_button.click()
    wait_page(qtbot, window, PAGE_DONE)
    order_id = window.view.sale.order_id
    qtbot.waitUntil(lambda: ledger.shift_order_ids(ledger.current().shift_id) == [order_id],
                    timeout=10_000)
    sale = next(e for e in ledger.shift_events(ledger.current().shift_id)
                if e["kind"] == "sale")
    taxes = store_taxes(store, order_id)
    assert taxes and sale["taxes"] == {k: str(v) for k, v in taxes.items()}
    assert sale["tender"] == "cash"
    cash_in = Decimal(sale["cash"])
    assert Decimal(sale["change_due"]) == tendered - cash_in

    # A paid-out and a no-sale, each with its reason.
    desk.actions["paid_out"].trigger()
    moving = desk.dialog
    assert isinstance(moving, MoneyMoveDialog)
    qtbot.keyClicks(moving.amount, "4.50")
    moving.record()
    assert "reason" in moving.error.text()  # refused without one
    qtbot.keyClicks(moving.reason, "stamps")
    moving.record()
    qtbot.waitUntil(lambda: desk.dialog is None, timeout=5000)
    desk.actions["no_sale"].trigger()
    qtbot.keyClicks(desk.dialog.reason, "change for a note")
    desk.dialog.record()
    qtbot.waitUntil(lambda: desk.dialog is None, timeout=5000)

    # The X report so far, with the tax by name.
    desk.actions["x_report"].trigger()
    view = desk.dialog.findChild(ZReportView)
    assert view is not None
    x_text = view.text.toPlainText()
    for name in taxes:
        assert name in x_text
    desk.dialog.reject()
    qtbot.waitUntil(lambda: desk.dialog is None, timeout=5000)

    # Close: the blind count first, then the Z report, checked against the store's orders.
    expected = Decimal(100) + cash_in - Decimal("4.50")
    desk.actions["close"].trigger()
    closing = desk.dialog
    assert isinstance(closing, ShiftCloseDialog)
    shown = " ".join(label.text() for label in closing.findChildren(QLabel))
    assert str(expected) not in shown
    qtbot.keyClicks(closing.counted, str(expected - Decimal("0.25")))
    closing.close_shift()
    qtbot.waitUntil(lambda: closing.report is not None, timeout=10_000)
    z = closing.report
    assert z["expected_cash"] == str(expected) and z["variance"] == "-0.25"
    assert z["by_tender"] == {"cash": sale["amount"]}
    assert z["taxes"] == {k: str(v) for k, v in taxes.items()}
    assert z["unmatched_orders"] == [], z["unmatched_orders"]
    assert z["paid_out"] == "4.50" and z["no_sales"] == 1
    assert closing.view is not None
    z_text = closing.view.text.toPlainText()
    for name, amount in taxes.items():
        assert name in z_text and str(amount) in z_text
    assert name in report_document(z).toPlainText()  # what the PDF prints
    pdf = tmp_path / "z.pdf"
    closing.view._choose = lambda: str(pdf)
    closing.view.save.click()
    assert pdf.read_bytes().startswith(b"%PDF")
    closing.accept()
    qtbot.waitUntil(lambda: desk.dialog is None, timeout=5000)
    assert ledger.current() is None
    # Closed, with shifts required: the next sale cannot start.
    window.start_sale()
    assert not window.wizard.isEnabled() and not desk.bar.isHidden()
    assert wiz(window).currentId() != PAGE_ITEMS


def test_a_shift_closes_on_a_register_that_has_not_yet_spoken_to_the_store(
        qtbot, qloop, shift_store, tmp_path: Path) -> None:
    """A shift opened and closed before any sale: the close reads the store's orders of the
    shift with a client nothing has used yet, and the Z report comes."""
    window = open_register(qtbot, shift_store, tmp_path / "data")
    try:
        profile = demo_profile(shift_store)
        desk = attach_shift(window, profile, data_dir=tmp_path)
        ledger = ShiftLedger(tmp_path / "shifts.jsonl", profile.terminal_name or "register")
        ledger.open(currency=profile.currency, float_amount="50.00")
        desk.close()
        closing = desk.dialog
        assert isinstance(closing, ShiftCloseDialog)
        qtbot.keyClicks(closing.counted, "50.00")
        closing.close_shift()
        qtbot.waitUntil(lambda: closing.view is not None or closing.close_button.isEnabled(),
                        timeout=15_000)
        assert closing.view is not None, closing.error.text()
        assert closing.report["variance"] == "0.00"
    finally:
        close_register(qtbot, qloop, window)
