"""The package as pip installs it: a wheel carries the resources, and both a regular and an
editable install find them through ``pos.resources``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

# Reports, as JSON, where an installed ``pos`` finds its resources.
PROBE = """
import json, sys
import pos
from pos.resources import locate
from pos.sandbox import catalog
found = locate()
print(json.dumps({
    "pos": pos.__file__,
    "origin": found.origin.value,
    "resources": str(found.path),
    "sandbox": str(catalog.resources_dir()),
    "nouns": len(catalog._lines("nouns.txt")),
}))
"""

# The translations of an installed package: compiled into the user's cache, loaded from there.
TRANSLATE = """
import json
from PySide6.QtCore import QCoreApplication
from pos.ui import translations
app = QCoreApplication([])
built = translations.build_qm()
installed = translations.install(app, "es_ES")
print(json.dumps({
    "compiled_dir": str(translations.compiled_dir()),
    "built": [str(p) for p in built],
    "loaded": [t.filePath() for t in installed],
    "text": QCoreApplication.translate("StartPage", "&Add your store…"),
}))
"""


def _pip(*args: str, python: str | None = None) -> subprocess.CompletedProcess[str]:
    target = ["--python", python] if python else []
    result = subprocess.run(
        [sys.executable, "-m", "pip", *target, "--disable-pip-version-check", *args],
        capture_output=True, text=True, timeout=180, check=False,
    )
    if result.returncode != 0 and "No matching distribution found" in result.stderr:
        pytest.skip("the package index (for setuptools, the build backend) is not reachable")
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"POS_RESOURCES_DIR", "PYTHONPATH"}}
    return {**env, "XDG_CACHE_HOME": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen",
            "QT_API": "pyside6", **extra}


def _probe(python: str, code: str, env: dict[str, str], cwd: Path) -> dict[str, object]:
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env,
                            cwd=cwd, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def test_a_wheel_carries_the_resources_and_finds_them(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _pip("wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT))
    [wheel] = wheels.glob("pos_register-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("pos/_resources/icons/pos.svg", "pos/_resources/style.qss",
                 "pos/_resources/translations/pos_es.ts", "pos/_resources/sandbox/nouns.txt",
                 "pos/_resources/sandbox/us_states.csv", "pos/resources.py",
                 "pos/ui/pages/__init__.py"):
        assert name in names, name
    assert not [n for n in names if n.endswith((".qm", ".pyc"))]

    site = tmp_path / "site"
    _pip("install", "--no-deps", "--no-compile", "-q", "--target", str(site), str(wheel))
    # Run from elsewhere, with the installed copy first on the path.
    env = _env(tmp_path, PYTHONPATH=str(site))
    found = _probe(sys.executable, PROBE, env, cwd=tmp_path)
    package = site / "pos"
    assert Path(str(found["pos"])).parent == package
    assert found["origin"] == "package"
    assert found["resources"] == str(package / "_resources")
    assert found["sandbox"] == str(package / "_resources" / "sandbox")
    assert int(str(found["nouns"])) > 10

    # The package is left as installed: the translations compile into the user's cache.
    translated = _probe(sys.executable, TRANSLATE, env, cwd=tmp_path)
    cache = tmp_path / "cache"
    assert str(translated["compiled_dir"]).startswith(str(cache))
    assert [Path(p).name for p in translated["built"]] == ["pos_es.qm"]  # type: ignore[union-attr]
    loaded = [Path(p) for p in translated["loaded"]]  # type: ignore[union-attr]
    assert any(p.name == "pos_es.qm" and str(p).startswith(str(cache)) for p in loaded), loaded
    assert translated["text"] != "&Add your store…"
    assert not list(package.rglob("*.qm"))


def test_an_editable_install_reads_the_repository_folder(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=60)
    python = str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    _pip("install", "--no-deps", "-q", "-e", str(ROOT), python=python)
    found = _probe(python, PROBE, _env(tmp_path), cwd=tmp_path)
    assert Path(str(found["pos"])).parent == ROOT / "pos"
    assert found["origin"] == "source"
    assert found["resources"] == str(ROOT / "resources")
    assert found["sandbox"] == str(ROOT / "resources" / "sandbox")
