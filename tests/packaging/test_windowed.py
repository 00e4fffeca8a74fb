"""A windowed program has no console: ``sys.stdout`` and ``sys.stderr`` are None (Windows'
``bc-pos.exe`` from the Start menu, a macOS ``.app`` from the Finder). The register must
start and the in-process sandbox must serve there too.

Each case runs in a child Python with both streams set to None; it reports through a file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SANDBOX = """
import json, sys
out = open(sys.argv[1], "w", encoding="utf-8")
sys.stdout = None
sys.stderr = None
import httpx
from pos.sandbox.server import SandboxServer
with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=20) as store:
    response = httpx.get(
        f"{store.api_base_url}/stores/{store.store_hash}/v3/catalog/products",
        headers={"X-Auth-Token": store.token, "Accept": "application/json"},
        timeout=30,
    )
    json.dump({"status": response.status_code, "count": len(response.json()["data"])}, out)
out.close()
"""

ENTRY = """
import runpy, sys
sys.stdout = None
sys.stderr = None
sys.argv = ["pos", "--version"]
runpy.run_path({entry!r}, run_name="__main__")
"""


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
        timeout=60,
    )


def test_the_sandbox_serves_without_console_streams(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = _python(SANDBOX, str(report))
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(report.read_text(encoding="utf-8")) == {"status": 200, "count": 20}


def test_the_bundle_entry_point_runs_without_console_streams() -> None:
    code = ENTRY.format(entry=str(ROOT / "packaging" / "pos_entry.py"))
    result = _python(code)
    assert result.returncode == 0, result.stdout + result.stderr
