"""The register's command line in the test's own process, on private folders.

``private_folders`` points the variables the app reads (``POS_PROFILES_DIR``,
``POS_SYSTEM_PROFILES_DIR``, ``POS_DATA_DIR``) at folders under the test's own ``tmp_path``;
``run_pos`` runs ``pos ...`` through ``pos.cli.main`` and returns its exit code and output.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

import pos.cli


@dataclass
class Folders:
    user: Path
    system: Path
    data: Path
    root: Path


def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folders:
    """User and system profile folders and the data folder, under ``tmp_path/pos``."""
    root = tmp_path / "pos"
    found = Folders(
        user=root / "config" / "profiles",
        system=root / "system" / "profiles.d",
        data=root / "data",
        root=root,
    )
    monkeypatch.setenv("POS_PROFILES_DIR", str(found.user))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(found.system))
    monkeypatch.setenv("POS_DATA_DIR", str(found.data))
    return found


@dataclass
class Result:
    code: int
    out: str
    err: str


class FakeStdin(io.StringIO):
    """Standard input holding ``text``, a terminal or not as ``tty`` says."""

    def __init__(self, text: str, tty: bool) -> None:
        super().__init__(text)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run_pos(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
            argv: Sequence[str], *, stdin: str | None = None, tty: bool = False) -> Result:
    """``pos *argv`` in this process; standard input is ``stdin`` (a terminal when ``tty``)
    when either is given, else left as it is."""
    capsys.readouterr()
    if stdin is not None or tty:
        monkeypatch.setattr(sys, "stdin", FakeStdin(stdin or "", tty))
    try:
        code = pos.cli.main(list(argv))
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)
