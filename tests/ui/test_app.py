from __future__ import annotations

import os
import subprocess
import sys

from pos.ui.app import display_problem


def test_no_display_is_explained_in_words():
    message = display_problem({"QT_QPA_PLATFORM": ""}, platform="linux")
    assert message is not None
    assert "xvfb-run" in message
    assert "QT_QPA_PLATFORM=offscreen" in message


def test_a_display_or_offscreen_is_fine():
    assert display_problem({"DISPLAY": ":1"}, platform="linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None
    assert display_problem({}, platform="win32") is None


def test_pos_demo_without_a_display_says_what_to_do_instead_of_aborting():
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    result = subprocess.run(
        [sys.executable, "-m", "pos", "--demo"], env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_screenshot_script_walks_a_whole_sale(tmp_path):
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "packaging" / "screenshots.py"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == [
        "01-start.png", "02-items.png", "03-customer.png", "04-fulfilment.png",
        "05-shipping.png", "06-payment.png", "07-declined.png", "08-done.png", "09-help.png",
    ]


def test_pos_without_a_store_says_how_to_choose_one(tmp_path, monkeypatch, capsys):
    import argparse

    from pos.commands.demo import run_register

    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "user"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    assert run_register(argparse.Namespace(demo=False, profile=None)) == 2
    assert "pos --demo" in capsys.readouterr().err
    assert run_register(argparse.Namespace(demo=False, profile="nowhere")) == 2
    assert "nowhere" in capsys.readouterr().err
