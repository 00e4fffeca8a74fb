"""The startup probe the benchmark reads, and the first-run register."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(args: list[str], tmp_path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_STARTUP_PROBE": "1",
           "POS_PROFILES_DIR": str(tmp_path / "user"),
           "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
           "POS_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_the_probe_reports_the_first_usable_window_and_quits(tmp_path):
    result = _run(["-m", "pos", "--demo"], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    ready = [line for line in result.stdout.splitlines() if line.startswith("POS_STARTUP_READY")]
    assert len(ready) == 1
    assert float(ready[0].split()[1]) > 0


def test_first_run_opens_the_demo_store_offering_add_your_store(tmp_path):
    code = (
        "import sys\n"
        "from pos.ui.app import run_first_run\n"
        "def started(window):\n"
        "    page = window.wizard.start_page\n"
        "    print('ADD-STORE', page.add_store_button.isVisibleTo(window),"
        " page.first_run_label.isVisibleTo(window), flush=True)\n"
        "sys.exit(run_first_run(on_started=started))\n"
    )
    result = _run(["-c", code], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ADD-STORE True True" in result.stdout
    assert "POS_STARTUP_READY" in result.stdout
