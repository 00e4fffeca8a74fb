"""Every ``pos staff`` / ``pos audit`` command shown in docs/staff.md is one the command
line accepts, and the documented scrypt cost is the one in the code."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import pos.cli
from pos.staff.pins import DEFAULT_PARAMS

DOC = Path(__file__).parents[2] / "docs" / "staff.md"


def commands() -> list[list[str]]:
    found = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        line = line.split("| ", 1)[-1].strip()
        if re.match(r"^pos (staff|audit) [a-z-]+( |$)", line):
            found.append(shlex.split(line, comments=True)[1:])
    return found


def test_the_doc_shows_every_action() -> None:
    shown = {tuple(argv[:2]) for argv in commands()}
    assert shown >= {("staff", a) for a in ("add", "list", "remove", "set-pin", "deactivate")}
    assert shown >= {("audit", "verify"), ("audit", "show")}


@pytest.mark.parametrize("argv", commands(), ids=" ".join)
def test_each_documented_command_parses(argv: list[str]) -> None:
    args = pos.cli.build_parser().parse_args(argv)
    assert callable(args.func)


def test_the_documented_scrypt_cost_is_the_codes() -> None:
    text = DOC.read_text(encoding="utf-8")
    p = DEFAULT_PARAMS
    assert f"scrypt$n={p.n},r={p.r},p={p.p}$" in text
    assert "n = 2**15, r = 8, p = 1" in text and p.n == 2**15
