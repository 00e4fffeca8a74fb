"""Small things a clerk meets in the first hour: the coupon line, the channel's name, the
Start page of a configured register, the unfinished sales it lists."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel
from ui_helpers import to_payment, wait_idle, wiz


def _grid_texts(page) -> list[list[str]]:
    """The totals grid's rows as text (label, amount, and a button's text when there is one)."""
    grid = page.totals_grid
    rows: list[list[str]] = []
    for row in range(grid.rowCount()):
        cells = []
        for column in range(grid.columnCount()):
            item = grid.itemAtPosition(row, column)
            widget = item.widget() if item is not None else None
            if widget is not None and not widget.isHidden():
                cells.append(widget.text())
        if cells:
            rows.append(cells)
    return rows


def test_the_coupon_line_shows_its_amount_and_can_be_removed(qtbot, window, skus):
    to_payment(qtbot, window, skus[0], skus[1])
    page = wiz(window).payment_page
    sale = window.view.sale
    wait_idle(qtbot, window)
    before = sale.totals.grand_total
    page.coupon.setFocus()
    page.coupon.setText("SAVE10")
    page.apply_coupon.click()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: sale.totals.coupons == ("SAVE10",), timeout=10_000)
    wait_idle(qtbot, window)
    amount = dict(sale.totals.coupon_amounts)["SAVE10"]
    assert amount > Decimal(0)
    # The page redraws its totals when the sale's new totals reach it.
    qtbot.waitUntil(lambda: any(r[0] == "Coupon SAVE10" for r in _grid_texts(page)),
                    timeout=10_000)
    rows = _grid_texts(page)
    coupon = next(r for r in rows if r[0] == "Coupon SAVE10")
    assert coupon[1] == f"-${amount:,.2f}"  # what it takes off, on its own line
    assert coupon[2] == "Remove"
    # The coupon is not counted twice: no separate "Discounts" line for the same money.
    assert not any(r[0] == "Discounts" for r in rows)
    remover = page.coupon_removers["SAVE10"]
    assert remover.isVisible() and remover.isEnabled()
    assert "SAVE10" in remover.accessibleName()
    remover.click()
    qtbot.waitUntil(lambda: sale.totals.coupons == (), timeout=10_000)
    wait_idle(qtbot, window)
    assert sale.totals.grand_total == before
    qtbot.waitUntil(lambda: not any(r[0].startswith("Coupon") for r in _grid_texts(page)),
                    timeout=10_000)
    assert page.coupon_removers == {}
    assert not [w for w in page.findChildren(QLabel) if w.text() == "Coupon SAVE10"
                and w.isVisible()]


def _real_profile(store, channel_id: int = 2):
    from pos.stores.profiles import Profile

    return Profile(name="shop", store_hash=store.store_hash, channel_id=channel_id,
                   api_base_url=store.api_base_url,
                   payments_base_url=store.payments_base_url, terminal_name="Till 7")


def test_the_header_names_the_channel_as_the_store_holds_it(qtbot, qloop, store, tmp_path):
    from pos.composition import CHANNEL_CACHE_FILE, build_engine
    from pos.ui.app import show_channel_name
    from pos.ui.profile import screen_profile_for
    from pos.ui.wizard import RegisterWindow

    profile = _real_profile(store)
    engine = build_engine(profile, store.token, tmp_path)
    window = RegisterWindow(screen_profile_for(profile), engine.new_sale)
    qtbot.addWidget(window)
    try:
        assert window.header.channel.text() == "Channel: 2"  # the profile has the number
        show_channel_name(window, engine)
        # The sandbox's channel 2 is its point-of-sale channel, named "Register".
        qtbot.waitUntil(lambda: window.header.channel.text() == "Channel: Register",
                        timeout=10_000)
        assert "Channel: Register" in window.header.accessibleName()
        assert (tmp_path / CHANNEL_CACHE_FILE).is_file()
    finally:
        if window.view is not None:
            window.view.close()
        closed = qloop.create_task(engine.close())
        qtbot.waitUntil(closed.done, timeout=10_000)


def test_the_channel_name_is_remembered_and_an_unknown_channel_keeps_its_number(
        qtbot, qloop, store, tmp_path):
    from dataclasses import replace

    from pos.composition import build_engine

    def name_of(profile) -> str | None:
        engine = build_engine(profile, store.token, tmp_path)
        task = qloop.create_task(engine.channel_name())
        qtbot.waitUntil(task.done, timeout=10_000)
        closed = qloop.create_task(engine.close())
        qtbot.waitUntil(closed.done, timeout=10_000)
        return task.result()

    profile = _real_profile(store)
    assert name_of(profile) == "Register"
    # Remembered: read again with the store out of reach (nothing listens on port 9).
    away = replace(profile, api_base_url="http://127.0.0.1:9",
                   payments_base_url="http://127.0.0.1:9")
    assert name_of(away) == "Register"
    # A channel the store does not have: no name (the header keeps the number).
    assert name_of(replace(profile, channel_id=77)) is None


def test_a_configured_register_offers_add_your_store_in_a_menu(qtbot, register):
    from dataclasses import replace

    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QPushButton
    from ui_helpers import PROFILE

    from pos.ui.store_setup import ProfileDialog

    win = register(profile=replace(PROFILE, demo=False), window={"offer_add_store": True})
    page = wiz(win).start_page
    buttons = [b.text() for b in page.findChildren(QPushButton) if b.isVisible()]
    assert not [t for t in buttons if "store" in t.lower()], buttons  # no full-width button
    assert page.menu_button.isVisible()
    assert page.menu_button.width() < page.width() / 3
    assert page.menu_button.shortcut() == QKeySequence("Alt+M")
    assert [a.text() for a in page.menu.actions()] == ["Add your store…"]
    page.add_store_action.trigger()
    dialog = win.profile_dialog
    assert isinstance(dialog, ProfileDialog) and dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: win.profile_dialog is None, timeout=10_000)


def test_unfinished_sales_on_start_name_the_customer_and_the_items(qtbot, register, shop):
    from ui_helpers import add_items, fill_guest_billing, next_page

    from pos.ui.pages import PAGE_FULFILMENT
    from pos.ui.wizard import RegisterWindow

    win = register()
    first, second = shop.skus[0], shop.skus[1]
    add_items(qtbot, win, first, first, second)
    fill_guest_billing(qtbot, win)  # Ana Diaz, a guest
    next_page(qtbot, win, PAGE_FULFILMENT)
    wait_idle(qtbot, win)
    engine = win.engine
    sale_id = win.view.sale.sale_id
    # The journal keeps who the sale is for and what it holds (written in the background).
    qtbot.waitUntil(lambda: any(u.sale_id == sale_id and u.customer == "Ana Diaz"
                                for u in engine.unfinished()), timeout=10_000)
    unfinished = next(u for u in engine.unfinished() if u.sale_id == sale_id)
    assert unfinished.items == ((shop.names[first], 2), (shop.names[second], 1))
    page = wiz(win).start_page
    page.set_resumable(RegisterWindow._as_resumable(engine.unfinished()))
    texts = [page.resume_list.item(row).text() for row in range(page.resume_list.count())]
    expected = f"Ana Diaz: 2 × {shop.names[first]}, 1 × {shop.names[second]}"
    assert any(text.endswith("\n" + expected) for text in texts), texts


def test_print_on_a_register_with_a_printer_prints_there_with_no_dialog(
        qtbot, window, skus, folders):
    """A profile that names the counter's printer: Print (Ctrl+P) on the Done page sends the
    receipt to it at once; no print dialog opens (the window fitted as the app fits it)."""
    import dataclasses
    import sys
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialog, QWizard
    from ui_helpers import pay_new_card, wait_page

    from pos.stores.profiles import DEMO_PROFILE
    from pos.ui.app import close_fittings, fit_out_window
    from pos.ui.pages import PAGE_DONE

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hardware"))
    from escpos_server import EscPosServer

    server = EscPosServer().start()
    try:
        fit_out_window(window, dataclasses.replace(DEMO_PROFILE, printer=server.uri))
        to_payment(qtbot, window, skus[0])
        pay_new_card(qtbot, window, "4242424242424242")
        wait_page(qtbot, window, PAGE_DONE)
        done = wiz(window).done_page
        qtbot.waitUntil(lambda: done.data is not None and done.result is not None,
                        timeout=10_000)
        order = str(done.result.order_id)
        before = sum(1 for job in list(server.jobs) if job.printed and order in job.text)
        done.preview.setFocus()
        QTest.keyClick(done.preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "printed" in done.notice.text(), timeout=10_000)
        qtbot.waitUntil(lambda: sum(1 for job in list(server.jobs)
                                    if job.printed and order in job.text) > before,
                        timeout=10_000)
        assert not [d for d in window.findChildren(QDialog)
                    if d.isVisible() and not isinstance(d, QWizard)]
    finally:
        close_fittings(window)
        server.stop()


def test_a_decline_is_said_once_and_keeps_the_name_and_expiry(qtbot, window, skus):
    import re

    from ui_helpers import pay_new_card

    to_payment(qtbot, window, skus[1])
    page = wiz(window).payment_page
    pay_new_card(qtbot, window, "4000000000000002")
    qtbot.waitUntil(lambda: "declined" in page.status.text(), timeout=10_000)
    wait_idle(qtbot, window)
    message = page.status.text()
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", message) if s.strip()]
    assert len(sentences) == len(set(sentences)), message  # no sentence twice
    # Said in one place on the page: no other visible label carries the reason.
    first = sentences[0]
    showing = [w for w in window.findChildren(QLabel)
               if w.isVisible() and first in w.text()]
    assert showing == [page.status], [w.objectName() for w in showing]
    # Only the number and the CVV are cleared; the name and expiry stay for another card.
    assert page.card.number.text() == "" and page.card.cvv.text() == ""
    assert page.card.name.text() == "Ana Diaz"
    assert page.card.expiry.text() in ("12/2031", "12/31")
