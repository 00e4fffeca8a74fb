"""``pos`` on a configured store whose token the keyring cannot give: the window opens
waiting, the token prompt asks for it (never modal), and the register then sells — against
the sandbox store over real loopback HTTP, with keyring backends installed by
``keyring.set_keyring``."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from support.keyrings import TESTS_DIR, LockedKeyring, MemoryKeyring
from ui_helpers import add_items, put_on_screen

from pos.sandbox.server import SandboxServer
from pos.stores.profiles import DEMO_PROFILE, Profile, save_profile
from pos.stores.secrets import KEYRING_USERNAME, TokenSource, service_name
from pos.ui.app import open_store_window
from pos.ui.token_prompt import TokenPrompt


@pytest.fixture(scope="module")
def sku(shop) -> str:
    return shop.skus[0]


def shop_profile(store: SandboxServer) -> Profile:
    profile = Profile(
        name="shop", display_name="Main Street Shop", store_hash=store.store_hash,
        api_base_url=store.api_base_url, payments_base_url=store.payments_base_url,
        terminal_name="Till 1", pickup_location=DEMO_PROFILE.pickup_location,
    )
    return profile.with_source("user", save_profile(profile))


@pytest.fixture
def register(qtbot, qloop, store, folders):
    """A register window opened on the saved store ``shop``, waiting for its token."""
    opened: list = []

    def open_() -> tuple:
        window, switcher, gate = open_store_window(shop_profile(store))
        put_on_screen(qtbot, window)
        opened.append((window, switcher, gate))
        return window, switcher, gate

    yield open_
    for window, switcher, gate in opened:
        prompt = gate.prompt
        if prompt is not None:
            qtbot.waitUntil(lambda p=prompt: not p.is_busy(), timeout=10_000)
            prompt.close()
        if window.view is not None:
            window.view.close()
        closing = qloop.create_task(switcher.close())
        qtbot.waitUntil(closing.done, timeout=5000)


def open_prompt(qtbot, gate) -> TokenPrompt:
    with qtbot.waitSignal(gate.prompt_opened, timeout=10_000) as opened:
        gate.start()
    prompt = opened.args[0]
    assert isinstance(prompt, TokenPrompt)
    assert prompt.isVisible()
    assert not prompt.isModal()  # opened with show(): the register's window stays usable
    return prompt


def type_token(prompt: TokenPrompt, token: str) -> None:
    assert prompt.token.echoMode() == QLineEdit.EchoMode.Password
    prompt.token.setFocus()
    QTest.keyClicks(prompt.token, token)
    assert token not in prompt.token.displayText()


def test_a_locked_keyring_asks_for_the_token_and_this_session_only_lets_a_sale_start(
    qtbot, register, store, folders, use_keyring, sku
):
    backend = LockedKeyring()
    use_keyring(backend)
    window, _switcher, gate = register()
    # The window is up before the keyring is asked: the store in the header, waiting.
    assert window.is_waiting() and window.wizard is None
    assert "Main Street Shop" in window.header.store.text()
    assert "Till 1" in window.header.terminal.text()
    assert "Waiting for the token" in window.header.status.text()

    prompt = open_prompt(qtbot, gate)
    # The keyring was read in a worker thread, never on the UI thread.
    assert backend.threads and threading.get_ident() not in backend.threads
    message = prompt.problem_text()
    assert message.startswith("The keyring is locked.")
    assert "Unlock the keyring" in message and "POS_TOKEN" in message
    box = prompt.keyring_box
    assert box.isVisible() and box.session_button.isVisible() and box.retry_button.isVisible()
    assert box.session_button.text() == "Keep the token for this session only"
    assert not prompt.save_button.isVisible()
    assert window.is_waiting()
    assert window.waiting_label.text() == "Waiting for the store's API token."

    # Without a token, the session choice asks for one.
    box.session_button.click()
    assert prompt.token_error.text().startswith("Enter the store's API token")
    assert window.is_waiting()

    type_token(prompt, store.token)
    box.session_button.click()
    qtbot.waitUntil(lambda: not window.is_waiting(), timeout=15_000)
    assert gate.found is not None and gate.found.token_source is TokenSource.SESSION
    assert gate.store.find_sync().source is TokenSource.SESSION  # kept in memory only
    qtbot.waitUntil(lambda: gate.prompt is None, timeout=3000)
    assert type(window.view.sale).__module__ == "pos.sale.sale"
    assert "Online" in window.header.status.text()

    # A sale starts against the store.
    add_items(qtbot, window, sku)
    assert len(window.view.sale.lines) == 1
    assert folders.files_holding(store.token) == []


def test_an_empty_keyring_asks_for_the_token_and_saves_it_there(
    qtbot, register, store, folders, use_keyring
):
    backend = MemoryKeyring()
    use_keyring(backend)
    window, _switcher, gate = register()
    prompt = open_prompt(qtbot, gate)
    assert prompt.missing_label.isVisible()
    assert prompt.save_button.isVisible()
    assert not prompt.keyring_box.isVisible()

    type_token(prompt, store.token)
    QTest.keyClick(prompt.token, Qt.Key.Key_Return)  # Enter: Save in the keyring
    qtbot.waitUntil(lambda: not window.is_waiting(), timeout=15_000)
    assert gate.found is not None and gate.found.token_source is TokenSource.KEYRING
    assert backend.entries == {(service_name(store.store_hash), KEYRING_USERNAME): store.token}
    assert threading.get_ident() not in backend.threads  # read and saved off the UI thread
    assert type(window.view.sale).__module__ == "pos.sale.sale"
    assert folders.files_holding(store.token) == []


def test_try_the_keyring_again_after_it_was_unlocked(
    qtbot, register, store, folders, use_keyring
):
    use_keyring(LockedKeyring())
    window, _switcher, gate = register()
    prompt = open_prompt(qtbot, gate)
    assert prompt.problem_text().startswith("The keyring is locked.")
    unlocked = MemoryKeyring()
    unlocked.entries[(service_name(store.store_hash), KEYRING_USERNAME)] = store.token
    use_keyring(unlocked)
    prompt.keyring_box.retry_button.click()
    qtbot.waitUntil(lambda: not window.is_waiting(), timeout=15_000)
    assert gate.found is not None and gate.found.token_source is TokenSource.KEYRING
    assert threading.get_ident() not in unlocked.threads


def test_a_closed_prompt_can_be_opened_again_from_the_window(
    qtbot, register, store, folders, use_keyring
):
    use_keyring(LockedKeyring())
    window, _switcher, gate = register()
    prompt = open_prompt(qtbot, gate)
    type_token(prompt, store.token)
    prompt.reject()  # Escape: the typed token is wiped, the register keeps waiting
    qtbot.waitUntil(lambda: gate.prompt is None, timeout=3000)
    assert window.is_waiting()
    assert window.ask_token_button.isVisible()
    with qtbot.waitSignal(gate.prompt_opened, timeout=3000) as again:
        window.ask_token_button.click()
    again_prompt = again.args[0]
    assert again_prompt.problem_text().startswith("The keyring is locked.")
    assert again_prompt.token.text() == ""


def test_a_token_in_the_keyring_opens_the_register_without_asking(
    qtbot, register, store, folders, use_keyring
):
    backend = MemoryKeyring()
    backend.entries[(service_name(store.store_hash), KEYRING_USERNAME)] = store.token
    use_keyring(backend)
    window, _switcher, gate = register()
    opened: list = []
    gate.prompt_opened.connect(opened.append)
    gate.start()
    qtbot.waitUntil(lambda: not window.is_waiting(), timeout=15_000)
    assert opened == []
    assert gate.found is not None and gate.found.token_source is TokenSource.KEYRING
    assert backend.threads and threading.get_ident() not in backend.threads


def test_pos_with_a_locked_keyring_opens_its_window_and_asks(tmp_path: Path, store):
    """``pos --profile shop`` with a locked keyring: no exit 1, a window with the prompt."""
    env = {
        **os.environ, "QT_QPA_PLATFORM": "offscreen",
        "POS_PROFILES_DIR": str(tmp_path / "user"),
        "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
        "POS_DATA_DIR": str(tmp_path / "data"),
        "PYTHON_KEYRING_BACKEND": "support.keyrings.LockedKeyring",
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("POS_TOKEN", None)
    code = (
        "import argparse, os, sys\n"
        "from pos.stores.profiles import Profile, save_profile\n"
        f"save_profile(Profile(name='shop', display_name='Main Street Shop', "
        f"store_hash={store.store_hash!r}, api_base_url={store.api_base_url!r}, "
        f"payments_base_url={store.payments_base_url!r}))\n"
        "from pos.commands.demo import run_register\n"
        "def started(window):\n"
        "    print('WINDOW', window.isVisible(), window.is_waiting(), flush=True)\n"
        "    def opened(prompt):\n"
        "        print('PROMPT', prompt.isVisible(), prompt.problem_text().split('.')[0],"
        " flush=True)\n"
        "        from PySide6.QtWidgets import QApplication\n"
        "        QApplication.instance().quit()\n"
        "    window.token_gate.prompt_opened.connect(opened)\n"
        "sys.exit(run_register(argparse.Namespace(demo=False, profile='shop'),"
        " on_started=started))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "WINDOW True True" in result.stdout
    assert "PROMPT True The keyring is locked" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_prompt_speaks_spanish(qtbot, qloop, spanish):
    from pos.stores.secrets import TokenStore

    prompt = TokenPrompt(TokenStore("abc123"), "Main Street Shop")
    qtbot.addWidget(prompt)
    assert prompt.windowTitle() == "Token de la API de Main Street Shop"
    assert prompt.save_button.text() == "Guardar en el llavero"
    box = prompt.keyring_box
    assert box.session_button.text() == "Conservar el token solo durante esta sesión"
    assert box.retry_button.text() == "Volver a intentarlo con el llavero"
