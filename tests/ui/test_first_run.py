"""The first run: the start page offers the demo store or adding a store; the header says
which store, which channel, and that the demo is a demo."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from ui_helpers import PROFILE, add_items, press, wait_page, wiz

from pos.ui.pages import PAGE_ITEMS, PAGE_START
from pos.ui.profile import screen_profile_for
from pos.ui.store_setup import ProfileDialog


@pytest.fixture
def first_run(register):
    # As pos.ui.app.run_register_window opens it when no store is set up.
    win = register(profile=PROFILE, window={"offer_demo": True, "offer_add_store": True,
                                            "first_run": True})
    yield win
    dialog = win.profile_dialog
    if dialog is not None:
        dialog.reject()


def test_first_run_offers_both_choices_and_waits_for_one(qtbot, first_run):
    w = wiz(first_run)
    page = w.start_page
    assert w.currentId() == PAGE_START
    assert page.first_run_label.isVisible()
    assert page.demo_button.isVisible()
    assert page.add_store_button.isVisible()
    assert "demo store" in page.first_run_label.text()
    assert QApplication.focusWidget() is page.demo_button
    # Nothing is sold before the clerk has chosen.
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not w.accepts_scans()


def test_try_the_demo_store_goes_on_to_the_sale(qtbot, first_run, skus):
    w = wiz(first_run)
    page = w.start_page
    with qtbot.waitSignal(page.demo_requested, timeout=1000):
        press(Qt.Key.Key_Space, page.demo_button)
    wait_page(qtbot, first_run, PAGE_ITEMS)
    qtbot.waitUntil(w.items_page.search.hasFocus, timeout=2000)
    assert first_run.header.demo.isVisible()
    assert "Demo" in first_run.header.accessibleName()
    assert w.accepts_scans()
    add_items(qtbot, first_run, skus[0])
    assert [line.sku for line in first_run.view.sale.lines] == [skus[0]]


def test_after_the_demo_choice_the_next_sale_starts_without_asking(qtbot, first_run):
    wiz(first_run).start_page.demo_button.click()
    wait_page(qtbot, first_run, PAGE_ITEMS)
    first_run.start_sale()
    page = wiz(first_run).start_page
    assert not page.is_choosing()
    assert not page.first_run_label.isVisible()
    assert not page.demo_button.isVisible()
    # A store can still be added, from the More menu (no full-width button any more).
    assert not page.add_store_button.isVisible()
    assert page.menu_button.isVisible()
    assert page.add_store_action in page.menu.actions()
    assert wiz(first_run).button(QWizard.WizardButton.NextButton).isEnabled()


def test_add_your_store_opens_the_profile_dialog(qtbot, first_run):
    page = wiz(first_run).start_page
    press(Qt.Key.Key_Space, page.add_store_button)
    dialog = first_run.profile_dialog
    assert isinstance(dialog, ProfileDialog)
    assert dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: first_run.profile_dialog is None, timeout=10_000)
    assert wiz(first_run).start_page.is_choosing()  # still to choose


def test_a_store_not_on_first_run_has_no_choice_to_make(qtbot, register):
    win = register(profile=replace(PROFILE, demo=False), window={"offer_add_store": True})
    page = wiz(win).start_page
    assert not page.demo_button.isVisible()
    assert not page.first_run_label.isVisible()
    assert not page.add_store_button.isVisible()  # in the More menu
    assert page.menu_button.isVisible()
    assert not win.header.demo.isVisible()
    assert wiz(win).button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_header_names_the_demo_stores_channel():
    from pos.stores.profiles import DEMO_PROFILE, Profile

    assert screen_profile_for(DEMO_PROFILE, demo=True).channel == "Sandbox store"
    assert screen_profile_for(Profile(name="shop", store_hash="abc", channel_id=3)).channel == "3"
    assert screen_profile_for(Profile(name="shop", store_hash="abc")).channel == "1"


def test_the_demo_windows_header_says_demo_and_the_channel_name(qtbot, register):
    from pos.stores.profiles import DEMO_PROFILE

    win = register(profile=screen_profile_for(DEMO_PROFILE, demo=True))
    assert win.header.channel.text() == "Channel: Sandbox store"
    assert win.header.demo.isVisible()


def test_scans_wait_for_the_first_run_choice(qtbot, register, qapp):
    from PySide6.QtTest import QTest

    from pos.ui.widgets.scanner import ScannerDetector

    scanner = ScannerDetector(clock=lambda: 10_000)  # every key is as fast as a scanner's
    scanner.install(qapp)
    try:
        win = register(profile=PROFILE, scanner=scanner, window={
            "offer_demo": True, "offer_add_store": True, "first_run": True})
        assert not scanner.isEnabled()  # nothing to sell until the clerk has chosen
        QTest.keyClick(wiz(win).start_page.demo_button, Qt.Key.Key_Return)
        wait_page(qtbot, win, PAGE_ITEMS)
        assert scanner.isEnabled()
    finally:
        scanner.uninstall()
