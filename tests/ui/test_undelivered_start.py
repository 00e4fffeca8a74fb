"""A paid sale whose outcome never reached anyone (the register died between the store's
"paid" and the Done page) is the first thing the Start page offers, and opening it shows
the paid order once."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_helpers import pay_new_card, to_payment, wait_page, wiz

from pos.ui.app import resumable_sales
from pos.ui.pages import PAGE_DONE, PAGE_START

VISA = "4242424242424242"


def test_a_paid_sale_never_shown_comes_first_and_opens_on_done(qtbot, register, tmp_path):
    data = tmp_path / "till"
    first = register(data_dir=data)
    to_payment(qtbot, first)
    pay_new_card(qtbot, first, VISA)
    wait_page(qtbot, first, PAGE_DONE)
    result = wiz(first).done_page.result
    assert result is not None and result.outcome == "paid"
    qtbot.waitUntil(lambda: first.engine.undelivered() == [], timeout=5000)
    # As if the register had died before the Done page: the journal holds no delivery.
    with sqlite3.connect(data / "journal.sqlite3") as db:
        db.execute("UPDATE sales SET delivered_at = NULL")
    db.close()
    assert [s.order_id for s in first.engine.undelivered()] == [result.order_id]

    second = register(data_dir=tmp_path / "other")
    second._resumable = resumable_sales(first.engine)
    second.start_sale()
    page = wiz(second).start_page
    qtbot.waitUntil(lambda: page.resume_list.count() == 1, timeout=5000)
    label = page.resume_list.item(0).text()
    assert label.startswith(f"Paid: order {result.order_id}, $")
    assert "print the receipt" in label
    second._resume = first.engine.resume
    assert wiz(second).currentId() == PAGE_START
    page.resume_list.setFocus()
    QTest.keyClick(page.resume_list, Qt.Key.Key_Return)
    wait_page(qtbot, second, PAGE_DONE)
    shown = wiz(second).done_page.result
    assert shown is not None and shown.outcome == "paid" and shown.order_id == result.order_id
    # Shown now: it is not offered again.
    qtbot.waitUntil(lambda: first.engine.undelivered() == [], timeout=5000)


def test_a_damaged_journal_is_said_plainly_on_start(qtbot, register, tmp_path):
    data = tmp_path / "till"
    data.mkdir()
    (data / "journal.sqlite3").write_bytes(b"\x00garbage, not a database\x00" * 64)
    win = register(data_dir=data, catalog=False)
    assert win.engine.journal_notice is not None
    assert list(data.glob("journal.sqlite3.damaged-*")), "kept aside, never deleted"
    win.journal_damaged = True
    win.start_sale()
    notice = wiz(win).start_page.notice
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    assert "damaged" in notice.text() and "pos doctor" in notice.text()
