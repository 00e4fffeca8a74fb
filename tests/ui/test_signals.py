"""SIGTERM and SIGINT end the register cleanly: exit code 0, the engine closed (no SQLite
write-ahead log left behind); the demo keeps its store and journal in the demo profile's
data folder, never in a temporary folder."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.poll import wait_until

if sys.platform == "win32":
    pytest.skip("POSIX signals", allow_module_level=True)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_STARTUP_PROBE": "stay",
            "TMPDIR": str(tmp_path / "tmp"),  # where older versions put the demo
            "POS_PROFILES_DIR": str(tmp_path / "user"),
            "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
            "POS_DATA_DIR": str(tmp_path / "data"), **extra}


def _wait_ready(proc: subprocess.Popen[str], timeout: float = 60.0) -> None:
    """Read the register's output until it says its window is usable."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
                continue
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("POS_STARTUP_READY"):
                return
    proc.kill()
    raise AssertionError(f"the register never got ready: {proc.communicate()[1][-2000:]}")


def _stop(proc: subprocess.Popen[str], signum: int) -> tuple[int, str]:
    proc.send_signal(signum)
    try:
        _out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
        raise AssertionError(
            f"the register did not end on signal {signum}: {err[-2000:]}") from None
    return proc.returncode, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_the_demo_cleanly(tmp_path, signum):
    proc = subprocess.Popen([sys.executable, "-m", "pos", "--demo"], env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_ready(proc)
    demo = tmp_path / "data" / "profiles" / "demo"  # the demo profile's data folder
    assert (demo / "logs" / "register.log").is_file()
    code, err = _stop(proc, signum)
    assert code == 0, err[-2000:]
    assert "Traceback" not in err
    assert list((tmp_path / "tmp").glob("pos-demo-*")) == []
    for name in ("journal.sqlite3", "sandbox.sqlite3"):
        wal = demo / f"{name}-wal"
        assert (demo / name).is_file()
        assert not wal.exists() or wal.stat().st_size == 0


def test_sigterm_closes_a_configured_stores_engine(tmp_path, store):
    profile = (
        f'store_hash = "{store.store_hash}"\n'
        f'channel_id = 1\n'
        f'api_base_url = "{store.api_base_url}"\n'
        f'payments_base_url = "{store.payments_base_url}"\n'
        f'terminal_name = "Till 7"\n'
    )
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "shop.toml").write_text(profile, encoding="utf-8")
    env = _env(tmp_path, POS_TOKEN=store.token)
    proc = subprocess.Popen([sys.executable, "-m", "pos", "--profile", "shop"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_ready(proc)
    data = tmp_path / "data" / "profiles" / "shop"
    journal = data / "journal.sqlite3"
    # The engine is built off the UI thread.
    wait_until(journal.exists, timeout=30, message="the store's journal")
    code, err = _stop(proc, signal.SIGTERM)
    assert code == 0, err[-2000:]
    assert "Traceback" not in err
    wal = journal.with_name(journal.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert (data / "logs" / "register.log").is_file()
