"""Python's garbage collector while the register starts: no collection before the first
window is usable, what the start made is set aside once the window shows, and automatic
collection is back when the register has closed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_RUN = """
import gc, json, sys, time
collections = []
gc.callbacks.append(lambda phase, info: collections.append(time.monotonic())
                    if phase == "start" else None)
from pos.cli import main
collections.clear()  # what importing the command line itself set off
code = main(["--demo"])
print("GC", json.dumps({"code": code, "enabled": gc.isenabled(),
                        "frozen": gc.get_freeze_count(), "collections": collections}),
      flush=True)
"""


def test_no_collection_before_the_first_window_and_the_start_is_set_aside(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6",
           "POS_STARTUP_PROBE": "1", "PYTHONPATH": str(ROOT),
           "POS_PROFILES_DIR": str(tmp_path / "user"),
           "POS_SYSTEM_PROFILES_DIR": str(tmp_path / "system"),
           "POS_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", _RUN], env=env, capture_output=True,
                            text=True, timeout=120, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    ready = [float(line.split()[1]) for line in result.stdout.splitlines()
             if line.startswith("POS_STARTUP_READY ")]
    found = [json.loads(line.split(" ", 1)[1]) for line in result.stdout.splitlines()
             if line.startswith("GC ")]
    assert len(ready) == 1 and len(found) == 1, result.stdout[-2000:]
    state = found[0]
    assert state["code"] == 0
    assert [t for t in state["collections"] if t < ready[0]] == []
    assert state["frozen"] > 10_000  # the modules, classes and widgets of the start
    assert state["enabled"] is True
