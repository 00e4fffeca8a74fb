"""The register window fitted from its store profile: staff sign-in, the customer display,
the printer's state in the header."""

from __future__ import annotations

import dataclasses

import pytest
from ui_helpers import add_items

from pos.staff import ScryptParams, StaffDesk, StaffMember, hash_pin
from pos.staff.roster import Roster, save_roster
from pos.stores.profiles import DEMO_PROFILE
from pos.ui.app import close_fittings, fit_out_window
from pos.ui.customer_display import CustomerDisplay
from pos.ui.printer_status import PrinterStatusIndicator


@pytest.fixture
def folders_env(tmp_path, monkeypatch):
    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "profiles"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_a_profile_without_staff_display_or_printer_adds_nothing(qtbot, window, folders_env):
    fit_out_window(window, DEMO_PROFILE)
    assert window.staff is None
    assert window.customer_display is None
    assert window.printer_status is None


def test_the_customer_display_follows_each_sale_and_the_printer_shows(
        qtbot, window, folders_env, skus):
    profile = dataclasses.replace(DEMO_PROFILE, customer_display=True,
                                  printer="tcp://127.0.0.1:9")
    fit_out_window(window, profile)
    try:
        display = window.customer_display
        assert isinstance(display, CustomerDisplay)
        assert display._view is window.view
        assert isinstance(window.printer_status, PrinterStatusIndicator)
        assert window.printer_status.parent() is window.header
        add_items(qtbot, window, skus[0])
        first = window.view
        window.start_sale()  # the next sale
        assert window.view is not first
        assert display._view is window.view
    finally:
        close_fittings(window)


def test_a_profile_with_staff_opens_locked(qtbot, window, folders_env):
    fast = ScryptParams(n=2**10, r=8, p=1)  # a cheap hash for tests
    roster = Roster(DEMO_PROFILE.name).with_member(
        StaffMember("Ana", "clerk", hash_pin("2468", fast)))
    save_roster(roster, "user")
    assert StaffDesk.for_profile(DEMO_PROFILE.name).required
    fit_out_window(window, DEMO_PROFILE)
    assert window.staff is not None


def test_a_cash_sale_opens_the_drawer_once_and_the_customer_sees_the_change(
        qtbot, window, folders_env, skus) -> None:
    """The window on the real engine with a printer on loopback and a pole display: the
    cash tender opens the drawer once; Print prints without a second pulse; the customer
    display and the pole show the change."""
    import sys
    from decimal import Decimal
    from pathlib import Path

    from ui_helpers import checkout_to_payment, wait_idle, wait_page, wiz

    from pos.ui.pages import PAGE_DONE

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hardware"))
    from escpos_server import EscPosServer

    with EscPosServer() as printer:
        profile = dataclasses.replace(DEMO_PROFILE, customer_display=True,
                                      pole_display=True, printer=printer.uri, drawer_pin=5)
        fit_out_window(window, profile)
        try:
            display = window.customer_display
            assert isinstance(display, CustomerDisplay) and display.following_screens
            add_items(qtbot, window, skus[0])
            checkout_to_payment(qtbot, window)
            wait_idle(qtbot, window)
            page = wiz(window).payment_page
            tender = page.tender
            tender.cash_radio.click()
            qtbot.waitUntil(lambda: not tender.quick_buttons[1].isHidden(), timeout=10_000)
            tender.quick_buttons[1].click()
            change = tender.change_due()
            assert change is not None and change > 0
            page.charge_button.click()
            wait_page(qtbot, window, PAGE_DONE)
            money = display.money(change)
            qtbot.waitUntil(lambda: money in display.status.text(), timeout=10_000)
            assert {"Approved", "Thank you!"} & set(display.status.text().splitlines())
            qtbot.waitUntil(lambda: any(j.pulses for j in printer.jobs), timeout=10_000)
            qtbot.waitUntil(lambda: any(j.pole and j.pole[0].endswith(money)
                                        for j in printer.jobs), timeout=10_000)
            if getattr(page, "change_screen", None) is not None:
                page.change_screen.accept()
            done = wiz(window).done_page
            qtbot.waitUntil(lambda: done.print_button.isEnabled(), timeout=10_000)
            done.print_button.click()
            qtbot.waitUntil(lambda: any(j.printed for j in printer.jobs), timeout=10_000)
        finally:
            close_fittings(window)
        assert [j.pulses for j in printer.jobs if j.pulses] == [[5]]
        (printed,) = [j for j in printer.jobs if j.printed]
        assert printed.pulses == [] and f"Order #{window.view.sale.order_id}" in printed.text
        assert Decimal(0) < change
