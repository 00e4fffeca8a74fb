"""Add your store: the profile dialog, the token in the keyring, the doctor's checks, and the
register opening on the new store — against the sandbox store over real loopback HTTP."""

from __future__ import annotations

import stat

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from support.keyrings import LockedKeyring, MemoryKeyring
from ui_helpers import PROFILE

from pos.sandbox.server import SandboxServer
from pos.stores.profiles import DEMO_PROFILE, load_profiles
from pos.stores.secrets import KEYRING_USERNAME, TokenSource, service_name
from pos.ui.app import StoreSwitcher
from pos.ui.pages import PAGE_START
from pos.ui.store_setup import CHECK_KEYS, ProfileDialog, StoreAdded, profile_name_for


@pytest.fixture
def memory_keyring(use_keyring) -> MemoryKeyring:
    backend = MemoryKeyring()
    use_keyring(backend)
    return backend


@pytest.fixture
def window(qtbot, qloop, folders, register):
    win = register(profile=PROFILE, window={"first_run": True})
    switcher = StoreSwitcher(win, None)  # the added store's engine: closed below
    yield win
    dialog = win.profile_dialog
    if dialog is not None:
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
        dialog.close()
    win.view.close()
    closing = qloop.create_task(switcher.close())
    qtbot.waitUntil(closing.done, timeout=5000)


def open_dialog(qtbot, win, *, first_run: bool = True) -> ProfileDialog:
    page = win.wizard.start_page
    assert win.wizard.currentId() == PAGE_START
    assert page.first_run_label.isVisible() is first_run
    if first_run:  # the first run's choice: a full-width button
        assert page.add_store_button.isVisible()
        page.add_store_button.click()
    else:  # a configured register: in the More menu
        assert not page.add_store_button.isVisible()
        assert page.menu_button.isVisible()
        page.add_store_action.trigger()
    dialog = win.profile_dialog
    assert isinstance(dialog, ProfileDialog)
    # Opened with open(), not exec(): we are back here with the dialog showing.
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.display_name.hasFocus(), timeout=3000)
    return dialog


def fill(dialog: ProfileDialog, store: SandboxServer, token: str) -> None:
    QTest.keyClicks(dialog.display_name, "Main Street Shop")
    assert dialog.name.text() == "main-street-shop"
    dialog.store_hash.setText(store.store_hash)
    dialog.api_base_url.setText(store.api_base_url)
    dialog.payments_base_url.setText(store.payments_base_url)
    dialog.terminal_name.setText("Till 1")
    dialog.receipt_header.setPlainText("Main Street Shop\n1 Sandbox Street")
    dialog.receipt_footer.setPlainText("Thank you!")
    dialog.pickup.set_address(DEMO_PROFILE.pickup_location.as_address())
    type_token(dialog, token)


def type_token(dialog: ProfileDialog, token: str) -> None:
    assert dialog.token.echoMode() == QLineEdit.EchoMode.Password
    dialog.token.setFocus()
    QTest.keyClicks(dialog.token, token)
    assert token not in dialog.token.displayText()


def record_states(dialog: ProfileDialog) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {key: [] for key in CHECK_KEYS}
    dialog.checks.state_changed.connect(lambda key, state: seen[key].append(state))
    return seen


def test_profile_names_come_from_the_store_name():
    assert profile_name_for("Main Street Shop") == "main-street-shop"
    assert profile_name_for("  Café & Co. ", "abc") == "caf-co"
    assert profile_name_for("", "ABC123") == "abc123"


def test_add_a_store_token_in_the_keyring_checks_pass_register_opens(
    qtbot, window, store, folders, memory_keyring
):
    dialog = open_dialog(qtbot, window)
    fill(dialog, store, store.token)
    seen = record_states(dialog)
    with qtbot.waitSignal(window.store_added, timeout=30_000) as added_signal:
        QTest.keyClick(dialog.save_button, Qt.Key.Key_Space)
    added = added_signal.args[0]
    assert isinstance(added, StoreAdded)
    assert added.token_source is TokenSource.KEYRING
    assert added.report.ok
    # Every check went from waiting, through running, to passed.
    for key in CHECK_KEYS:
        assert seen[key][0] == "pending" and seen[key][-1] == "pass", (key, seen[key])
        assert "running" in seen[key], (key, seen[key])
    assert dialog.token.text() == ""

    # The token is in the keyring, and the profile (without it) on disk, private.
    assert memory_keyring.entries == {
        (service_name(store.store_hash), KEYRING_USERNAME): store.token
    }
    loaded = load_profiles().get("main-street-shop")
    assert loaded is not None and loaded.source == "user"
    assert loaded.store_hash == store.store_hash
    assert loaded.terminal_name == "Till 1"
    assert loaded.receipt_header == ("Main Street Shop", "1 Sandbox Street")
    assert loaded.pickup_location == DEMO_PROFILE.pickup_location
    assert stat.S_IMODE(loaded.path.stat().st_mode) == 0o600

    # The register opens on the new store, and sells from it.
    qtbot.waitUntil(lambda: window.profile.store == "Main Street Shop", timeout=10_000)
    qtbot.waitUntil(lambda: window.profile_dialog is None, timeout=3000)
    assert "Main Street Shop" in window.header.store.text()
    assert "Till 1" in window.header.terminal.text()
    wizard = window.wizard
    assert wizard.currentId() == PAGE_START
    assert not wizard.start_page.first_run_label.isVisible()
    assert type(window.view.sale).__module__ == "pos.sale.sale"

    assert folders.files_holding(store.token) == []


@pytest.mark.parametrize(
    ("backend", "problem"),
    [
        (keyring.backends.fail.Keyring, "No keyring backend was found."),
        (LockedKeyring, "The keyring is locked."),
    ],
)
def test_no_usable_keyring_says_what_to_do_and_offers_this_session_only(
    qtbot, window, store, folders, use_keyring, backend, problem
):
    use_keyring(backend())
    dialog = open_dialog(qtbot, window)
    fill(dialog, store, store.token)
    added: list[StoreAdded] = []
    window.store_added.connect(added.append)
    with qtbot.waitSignal(dialog.keyring_problem, timeout=10_000) as shown:
        dialog.save_button.click()
    message = shown.args[0]
    assert message.startswith(problem)
    assert "gnome-keyring" in message or "Unlock the keyring" in message
    assert "POS_TOKEN" in message
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=3000)
    assert dialog.keyring_box.isVisible()
    assert dialog.keyring_message.text() == message
    assert dialog.session_button.isVisible()
    assert dialog.session_button.hasFocus()
    # Nothing was saved anywhere, nothing was checked yet.
    assert not dialog.checks.isVisible()
    assert load_profiles().get("main-street-shop") is None
    assert added == []

    with qtbot.waitSignal(window.store_added, timeout=30_000):
        dialog.session_button.click()
    result = added[0]
    assert result.token_source is TokenSource.SESSION
    assert result.token.reveal() == store.token
    assert result.report.get("token").detail == "given by the app"
    assert load_profiles().get("main-street-shop") is not None
    qtbot.waitUntil(lambda: window.profile.store == "Main Street Shop", timeout=10_000)
    assert folders.files_holding(store.token) == []


def test_fields_are_checked_in_words_before_anything_is_saved(
    qtbot, window, folders, memory_keyring
):
    dialog = open_dialog(qtbot, window)
    dialog.display_name.setText("Shop")
    dialog.currency.setText("usd")
    dialog.api_base_url.setText("ftp://api.example.com")
    dialog.payments_base_url.setText("http://payments.example.com")
    dialog.locale_edit.setText("English")
    dialog.pickup.set_address({"first_name": "Main", "country_code": "US"})
    dialog.save_button.click()
    assert dialog.field_error("store_hash").startswith("Enter the store hash")
    assert dialog.field_error("currency").startswith("Must be a three-letter ISO 4217 code")
    assert "http(s) URL" in dialog.field_error("api_base_url")
    assert "https://" in dialog.field_error("payments_base_url")
    assert "en_US" in dialog.field_error("locale")
    assert dialog.field_error("token").startswith("Enter the store's API token")
    assert dialog.field_error("city")
    assert dialog.field_error("address1")
    assert dialog.field_error("display_name") == ""
    assert dialog.store_hash.hasFocus()  # the first field that is wrong
    assert not dialog.is_busy()
    assert memory_keyring.entries == {}
    assert not folders.user.exists() or not any(folders.user.iterdir())
    # Fixing a field clears its message at the next try.
    dialog.currency.setText("EUR")
    dialog.save_button.click()
    assert dialog.field_error("currency") == ""


def test_a_wrong_token_fails_with_the_fix_then_the_right_one_passes(
    qtbot, window, store, folders, memory_keyring
):
    dialog = open_dialog(qtbot, window)
    fill(dialog, store, "not-the-token")
    added: list[StoreAdded] = []
    window.store_added.connect(added.append)
    with qtbot.waitSignal(dialog.checks_finished, timeout=30_000) as finished:
        dialog.save_button.click()
    report = finished.args[0]
    assert not report.ok
    states = dialog.checks.states
    assert states["api_host"] == "pass"
    assert states["token_accepted"] == "fail"
    assert states["scopes"] == "skip"
    fixes = dialog.checks.fix_texts()
    assert any("Fix: create an API account" in text for text in fixes)
    assert dialog.isVisible() and dialog.check_again.isVisible()
    assert added == []

    # The right token replaces the wrong one; the same profile is saved again.
    type_token(dialog, store.token)
    with qtbot.waitSignal(window.store_added, timeout=30_000):
        dialog.save_button.click()
    assert added[0].report.ok
    assert memory_keyring.entries[(service_name(store.store_hash), KEYRING_USERNAME)] == (
        store.token
    )
    assert folders.files_holding(store.token) == []
    assert folders.files_holding("not-the-token") == []


def test_a_profile_name_in_use_is_refused(qtbot, window, store, folders, memory_keyring):
    folders.user.mkdir(parents=True)
    (folders.user / "main-street-shop.toml").write_text(
        'name = "main-street-shop"\nstore_hash = "other"\n', encoding="utf-8"
    )
    dialog = open_dialog(qtbot, window)
    fill(dialog, store, store.token)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.field_error("name")), timeout=5000)
    assert "already exists" in dialog.field_error("name")
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=3000)
    assert memory_keyring.entries == {}
    assert dialog.name.hasFocus()


def test_the_dialog_speaks_spanish(qtbot, spanish, register):
    win = register(profile=PROFILE, window={"first_run": True})
    assert win.wizard.start_page.add_store_button.text() == "&Añadir su tienda…"
    dialog = ProfileDialog(win)
    assert dialog.windowTitle() == "Añadir su tienda"
    assert dialog.session_button.text() == "Conservar el token solo durante esta sesión"
    rows = dialog.checks.rows
    assert rows["scopes"].text(0) == "Permisos del token"
    assert rows["profile"].text(1) == "En espera"
    dialog.close()


def test_fast_typing_in_the_dialog_is_not_taken_for_a_scan(qtbot, register, qapp, folders):
    from pos.ui.widgets.scanner import ScannerDetector

    scanner = ScannerDetector(clock=lambda: 10_000)  # every key is as fast as a scanner's
    scanner.install(qapp)
    try:
        # Not the first run: there, the start page waits for the clerk's choice and takes
        # no scans at all.
        win = register(profile=PROFILE, scanner=scanner, window={"offer_add_store": True})
        assert scanner.isEnabled()
        scans: list[str] = []
        scanner.scanned.connect(scans.append)
        dialog = open_dialog(qtbot, win, first_run=False)
        assert not scanner.isEnabled()
        dialog.token.setFocus()
        QTest.keyClicks(dialog.token, "tok-12345678")
        QTest.keyClick(dialog.token, Qt.Key.Key_Return)  # the default button: Save and check
        assert scans == []
        assert dialog.field_error("store_hash")  # Enter reached the dialog, which checked
        assert win.wizard.currentId() == PAGE_START
        assert list(win.view.sale.lines) == []
        dialog.reject()
        qtbot.waitUntil(lambda: win.profile_dialog is None, timeout=3000)
        assert scanner.isEnabled()
        win.view.close()
    finally:
        scanner.uninstall()
