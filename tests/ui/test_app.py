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


def _no_store_env(tmp_path, **extra: str) -> dict[str, str]:
    return {**os.environ, "POS_PROFILES_DIR": str(tmp_path / "user"),
            "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
            "POS_DATA_DIR": str(tmp_path / "data"), **extra}


def test_plain_pos_with_no_store_opens_the_first_run_window(tmp_path):
    """No store set up: ``pos`` opens the demo store offering "Add your store"."""
    code = (
        "import argparse, sys\n"
        "from pos.commands.demo import run_register\n"
        "def started(window):\n"
        "    page = window.wizard.start_page\n"
        "    print('FIRST-RUN', window.profile.demo, page.add_store_button.isVisibleTo(window),"
        " page.first_run_label.isVisibleTo(window), flush=True)\n"
        "sys.exit(run_register(argparse.Namespace(demo=False, profile=None),"
        " on_started=started))\n"
    )
    env = _no_store_env(tmp_path, QT_QPA_PLATFORM="offscreen", POS_STARTUP_PROBE="1")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "FIRST-RUN True True True" in result.stdout
    assert "POS_STARTUP_READY" in result.stdout


def test_plain_pos_with_no_store_and_no_display_says_what_to_do(tmp_path):
    env = {k: v for k, v in _no_store_env(tmp_path).items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    result = subprocess.run(
        [sys.executable, "-m", "pos"], env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr


def test_pos_with_several_stores_asks_which(tmp_path, monkeypatch, capsys):
    import argparse

    from pos.commands.demo import run_register
    from pos.stores.profiles import Profile, save_profile

    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "user"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    save_profile(Profile(name="north", store_hash="abc123"))
    save_profile(Profile(name="south", store_hash="def456"))
    assert run_register(argparse.Namespace(demo=False, profile=None)) == 2
    err = capsys.readouterr().err
    assert "Which store?" in err and "north" in err and "south" in err
    assert "pos --profile NAME" in err
    assert run_register(argparse.Namespace(demo=False, profile="nowhere")) == 2
    assert "nowhere" in capsys.readouterr().err


def test_pos_says_when_a_broken_user_file_falls_back_to_the_system_profile(
    tmp_path, monkeypatch, capsys
):
    from pos.commands.demo import _warn_if_fallback
    from pos.stores.profiles import get_profile

    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "user"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    (tmp_path / "system").mkdir()
    (tmp_path / "system" / "shop.toml").write_text('store_hash = "abc123"\n')
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "shop.toml").write_text('store_hash = "abc123\n')
    profile = get_profile("shop")
    assert profile.source == "system"
    _warn_if_fallback(profile)
    err = capsys.readouterr().err
    assert "the system profile 'shop'" in err and "user file is broken" in err
