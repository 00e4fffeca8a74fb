"""The customer display on a real second screen: a private Xvfb with two screens, Qt's
xcb platform, the display placing itself (see two_screens_app.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from xvfb_screens import CUSTOMER_SIZE, REGISTER_SIZE, missing, two_screen_display

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def report() -> dict[str, object]:
    lacking = missing()
    if lacking or not sys.platform.startswith("linux"):
        reason = ("the two-screen test needs Linux and " + ", ".join(lacking or ["X11"])
                  + " (Debian: apt-get install -y xvfb)")
        if os.environ.get("POS_REQUIRE_XVFB"):
            pytest.fail(reason)
        pytest.skip(reason)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE.parents[1]),
                                                      env.get("PYTHONPATH")]))
    with two_screen_display() as display:
        done = subprocess.run(
            [sys.executable, str(HERE / "two_screens_app.py")],
            env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
            capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_qt_sees_both_screens(report: dict[str, object]) -> None:
    assert report["screens"] == [list(REGISTER_SIZE), list(CUSTOMER_SIZE)]
    assert report["register"] == 0


def test_the_display_lands_full_screen_on_the_second_screen_by_itself(
        report: dict[str, object]) -> None:
    assert report["placed"] == 1
    assert report["start"] == {"screen": 1, "full": True, "size": list(CUSTOMER_SIZE),
                               "covers": [False, True]}


def test_a_disconnected_screen_gives_the_display_back_as_a_window(
        report: dict[str, object]) -> None:
    assert report["removed"] == {"screen": 0, "full": False, "size": [800, 600],
                                 "covers": [True, False]}


def test_a_connected_screen_takes_the_display_again(report: dict[str, object]) -> None:
    assert report["added"] == {"screen": 1, "full": True, "size": list(CUSTOMER_SIZE),
                               "covers": [False, True]}
    assert report["closed_follows"] is False
