"""``pos``, ``pos --demo``, ``pos --profile NAME`` and ``pos --version`` take only ``pos``'s
own options: the commands' modules are not loaded for them, and any other command line is
read by the whole parser, with its usual words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos import __version__
from pos.cli import COMMAND_MODULES, opens_the_window, own_options_only

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv", [
    (), ("--demo",), ("--demo", "--reset"), ("--version",), ("--self-test",),
    ("--profile", "shop"), ("--profile=shop",), ("--reset", "--profile", "shop"),
])
def test_own_options_need_no_command(argv: tuple[str, ...]) -> None:
    assert own_options_only(argv)


@pytest.mark.parametrize("argv", [
    ("sale",), ("profile", "list"), ("-h",), ("--help",), ("--dem",), ("--profile",),
    ("--profile", "--demo"), ("--profile=",), ("bogus",), ("--demo", "sale"),
    ("--version", "-x"),
])
def test_anything_else_goes_to_the_whole_parser(argv: tuple[str, ...]) -> None:
    assert not own_options_only(argv)


@pytest.mark.parametrize(("argv", "window"), [
    ((), True), (("--demo",), True), (("--profile", "shop"), True),
    (("--version",), False), (("--self-test",), False), (("sale",), False),
    (("--demo", "--version"), False),
])
def test_which_command_lines_open_the_window(argv: tuple[str, ...], window: bool) -> None:
    assert opens_the_window(argv) is window


_LOADED = """
import json, sys
from pos.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("LOADED", json.dumps(sorted(m for m in sys.modules if m.startswith("pos.commands."))))
"""


def _loaded(*argv: str) -> tuple[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _LOADED, *argv], env=env, text=True,
                            capture_output=True, timeout=60, check=False, cwd=ROOT)
    line = next(x for x in result.stdout.splitlines() if x.startswith("LOADED "))
    return result.stdout + result.stderr, json.loads(line.split(" ", 1)[1])


def test_pos_version_loads_no_command() -> None:
    output, loaded = _loaded("--version")
    assert f"pos {__version__}" in output
    assert loaded == ["pos.commands.self_test"]  # the --self-test flag's own module


def test_a_command_line_with_a_command_reads_every_command() -> None:
    output, loaded = _loaded("bogus")
    assert "invalid choice" in output and "sale" in output  # the commands are offered
    assert {f"pos.commands.{name}" for name in COMMAND_MODULES} <= set(loaded)


def test_reset_without_demo_is_refused_as_before() -> None:
    output, _loaded_modules = _loaded("--reset")
    assert "--reset starts the demo store afresh" in output
