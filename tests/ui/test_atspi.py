"""The register as a screen reader meets it: over AT-SPI, under Xvfb, in a private D-Bus
session, while a sale is rung up by keys (``atspi/register_by_keys.py``), read by
``atspi/screen_reader.py`` with pyatspi (a Debian package for the system Python).

Needs Xvfb, dbus-run-session, at-spi2-core and python3-pyatspi (``.ci/bootstrap.py test``
installs them on Debian as root); skips, saying what is missing, where they are not, unless
POS_REQUIRE_ATSPI is set (CI), where it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "atspi"
SYSTEM_PYTHON = "/usr/bin/python3"
TYPING = ("object:text-changed:insert text 'Scan or search for an item'",
          "object:text-caret-moved text 'Scan or search for an item'")


def missing() -> list[str]:
    if not sys.platform.startswith("linux"):
        return ["Linux (AT-SPI)"]
    lacking = [tool for tool in ("Xvfb", "dbus-run-session") if shutil.which(tool) is None]
    if not Path("/usr/libexec/at-spi-bus-launcher").exists() and not shutil.which(
            "at-spi-bus-launcher"):
        lacking.append("at-spi2-core")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True) \
        if Path(SYSTEM_PYTHON).exists() else None
    if probe is None or probe.returncode != 0:
        lacking.append("python3-pyatspi")
    return lacking


@pytest.fixture(scope="module")
def report() -> dict:
    lacking = missing()
    if lacking:
        reason = ("the screen-reader test needs " + ", ".join(lacking)
                  + " (Debian: apt-get install -y xvfb at-spi2-core python3-pyatspi dbus-x11)")
        if os.environ.get("POS_REQUIRE_ATSPI"):
            pytest.fail(reason)
        pytest.skip(reason)
    root = Path(__file__).resolve().parents[2]
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY",
                          "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    done = subprocess.run(
        ["dbus-run-session", "--", SYSTEM_PYTHON, str(HERE / "screen_reader.py"),
         sys.executable, str(HERE / "register_by_keys.py")],
        env=env, capture_output=True, text=True, timeout=180, check=False)
    lines = done.stdout.strip().splitlines()
    assert lines, f"the reader said nothing: {done.stderr[-2000:]}"
    result = json.loads(lines[-1])
    assert result["errors"] == [], result["errors"]
    assert result["finished"], done.stderr[-2000:]
    return result


def test_the_tree_is_read_on_every_page(report):
    assert {"New sale", "Items", "Customer and billing address", "Fulfilment",
            "Review and pay (ready to charge)", "Review and pay (card typed)",
            "Review and pay (declined)", "Done"} <= set(report["pages"])


def test_no_interactive_widget_is_unnamed(report):
    assert report["unnamed"] == []


def test_focus_never_lands_on_an_invisible_widget(report):
    assert report["invisible_focus"] == []


def test_scans_errors_pages_and_payment_are_announced(report):
    said = report["announcements"]
    assert any(s.startswith("Added ") for s in said)
    assert any("NO-SUCH-CODE" in s for s in said)
    for words in ("Items", "Customer and billing address", "Fulfilment", "Review and pay",
                  "Done"):
        assert words in said


def test_charging_a_decline_and_paid_are_announced_in_order(report):
    said = report["announcements"]
    charging = [i for i, s in enumerate(said) if s == "Charging…"]
    declined = [i for i, s in enumerate(said) if "declined" in s and "Nothing was charged" in s]
    assert len(charging) == 2 and declined, said  # one charge refused, the next one paid
    assert charging[0] < declined[0] < charging[1] < said.index("Paid.") < said.index("Done")


def test_a_scan_sends_fewer_than_50_events(report):
    # Scans 2 and 3 (the first line also makes the page complete: Next comes on once).
    for number in ("2", "3", "4"):
        events = report["scan_events"][number]
        beyond_typing = sum(count for what, count in events if what not in TYPING)
        assert beyond_typing < 50, events
