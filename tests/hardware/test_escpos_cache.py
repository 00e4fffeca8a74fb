"""python-escpos's printer database is cached in a private folder of the user's cache, not
in a new temporary folder per start."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.skipif(sys.platform != "linux", reason="XDG cache folders are Linux's")
def test_capabilities_cache_is_private_and_reused(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), TMPDIR=str(tmp_path / "tmp"),
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    (tmp_path / "tmp").mkdir()
    script = ("from pos.hardware.escpos_render import drawer_kick; "
              "assert drawer_kick(2) == b'\\x1bp\\x002\\x32'")
    for _ in range(2):
        subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
    folder = tmp_path / "cache" / "bc-pos" / "escpos"
    assert sorted(p.name.rsplit(".", 1)[-1] for p in folder.iterdir()) == ["pickle", "scratch"]
    assert list((folder / "scratch").iterdir()) == []
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert list((tmp_path / "tmp").iterdir()) == []  # no temporary folder left behind
