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
