"""A demo killed mid-sale (SIGKILL: no handler, no clean-up) resumes its unfinished sale
when it starts again: the demo store and its journal live in the demo profile's data
folder, not in a temporary folder. ``pos --demo --reset`` starts the demo afresh."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

if sys.platform == "win32":
    pytest.skip("POSIX signals", allow_module_level=True)

DRIVER = Path(__file__).with_name("demo_crash_driver.py")
ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
            "TMPDIR": str(tmp_path / "tmp"),
            "POS_PROFILES_DIR": str(tmp_path / "user"),
            "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
            "POS_DATA_DIR": str(tmp_path / "data")}


def _start(tmp_path: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(DRIVER), mode], env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _read_until(proc: subprocess.Popen[str], word: str, timeout: float = 120.0) -> list[str]:
    """The words of the first output line starting with ``word`` (the process goes on)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
                continue
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if line.split() and line.split()[0] == word:
                return line.split()[1:]
    proc.kill()
    _out, err = proc.communicate()
    raise AssertionError(f"no {word} line: {''.join(seen)[-2000:]} {err[-3000:]}")


def _finish(proc: subprocess.Popen[str]) -> str:
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"the demo did not end: {err[-2000:]}") from None
    assert proc.returncode == 0, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    return out


def test_a_demo_killed_mid_sale_resumes_the_sale_when_it_starts_again(tmp_path):
    # A folder an older version's killed demo left in the temporary folder.
    old = tmp_path / "tmp" / "pos-demo-k2j4x9"
    (old / "logs").mkdir(parents=True)
    (old / "journal.sqlite3").write_bytes(b"old")

    proc = _start(tmp_path, "sell")
    sale_id, *skus = _read_until(proc, "MID-SALE")
    assert len(skus) == 2
    os.kill(proc.pid, signal.SIGKILL)  # no handler runs, nothing is cleaned up
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    demo = tmp_path / "data" / "profiles" / "demo"
    assert (demo / "journal.sqlite3").is_file()
    assert (demo / "sandbox.sqlite3").is_file()
    # Nothing of the demo is in the temporary folder; the old leftover is gone too.
    assert list((tmp_path / "tmp").glob("pos-demo-*")) == []

    again = _start(tmp_path, "resume")
    listed = _read_until(again, "RESUMABLE")
    assert listed == [sale_id]
    label = " ".join(_read_until(again, "LABEL"))
    assert "Guest: 1 × " in label  # who and what, kept in the journal through the kill
    resumed_id, *resumed_skus = _read_until(again, "RESUMED")
    assert resumed_id == sale_id
    assert resumed_skus == skus  # the same lines, read back from the demo store's cart
    _finish(again)

    # Started afresh: no sale to resume, a new demo store.
    fresh = _start(tmp_path, "fresh")
    assert _read_until(fresh, "RESUMABLE") == []
    _finish(fresh)
    assert (demo / "sandbox.sqlite3").is_file()


def test_reset_without_demo_is_refused_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pos", "--reset"], env=_env(tmp_path),
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "pos --demo --reset" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_demo_store_says_how_to_start_afresh(tmp_path, monkeypatch):
    from pos.composition import DemoStoreError, demo_store

    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    demo = tmp_path / "data" / "profiles" / "demo"
    demo.mkdir(parents=True)
    (demo / "sandbox.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(DemoStoreError, match="pos --demo --reset"), demo_store():
        pass
    with demo_store(reset=True) as (store, folder):
        assert folder == demo
        assert store.store_hash
