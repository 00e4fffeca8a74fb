"""The Linux installer, proven by using it: build the bundle and the .deb, install the .deb
with apt, run the installed ``pos --self-test`` offscreen, check the desktop entry and the
icons, purge the package, and check that nothing is left behind.

It needs root on Debian (apt and dpkg), which CI has. Elsewhere it skips with the reason,
unless ``POS_REQUIRE_PACKAGING=1`` asks for it, in which case a skip is a failure.
The build happens once per test session, into a temporary folder (never reused across
sessions); the build venv (``/tmp/pos-build-venv``) is reused while its hash-pinned
requirements are unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pos import APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = APP_NAME
INSTALLED = [
    Path("/opt/bc-pos/pos"),
    Path("/usr/bin/pos"),
    Path("/usr/share/applications/bc-pos.desktop"),
    Path("/usr/share/icons/hicolor/scalable/apps/bc-pos.svg"),
    Path("/usr/share/icons/hicolor/48x48/apps/bc-pos.png"),
    Path("/usr/share/icons/hicolor/128x128/apps/bc-pos.png"),
    Path("/usr/share/icons/hicolor/256x256/apps/bc-pos.png"),
    Path("/usr/share/metainfo/net.bcpos.Register.metainfo.xml"),
]
LEFT_BEHIND = [*INSTALLED, Path("/opt/bc-pos"), Path("/usr/share/doc/bc-pos")]

pytestmark = pytest.mark.slow


def _why_not() -> str | None:
    if not sys.platform.startswith("linux"):
        return "the .deb is built and installed on Linux only"
    if shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
        return "not a Debian system (no apt-get / dpkg-deb)"
    if os.geteuid() != 0:
        return "installing a .deb needs root"
    return None


@pytest.fixture(scope="session")
def packaging_allowed() -> None:
    reason = _why_not()
    if reason is None:
        return
    if os.environ.get("POS_REQUIRE_PACKAGING") == "1":
        pytest.fail(f"POS_REQUIRE_PACKAGING=1 but the packaging test cannot run: {reason}")
    pytest.skip(reason)


@dataclass(frozen=True)
class Build:
    bundle: Path
    deb: Path
    seconds: float


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="session")
def build(packaging_allowed: None, tmp_path_factory: pytest.TempPathFactory) -> Build:
    out = tmp_path_factory.mktemp("installers")
    started = time.perf_counter()
    result = _run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(out / "dist"),
         "--work", str(out / "work")],
        cwd=ROOT, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    debs = sorted((out / "dist").glob(f"{PACKAGE}_{__version__}_*.deb"))
    assert len(debs) == 1, sorted(p.name for p in (out / "dist").iterdir())
    return Build(out / "dist" / APP_NAME, debs[0], time.perf_counter() - started)


def _apt(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return _run(["apt-get", *args], env=env, timeout=600)


@pytest.fixture(scope="session")
def installed(build: Build) -> Iterator[Build]:
    """The .deb installed with apt (its dependencies pulled from the archive if missing)."""
    if _run(["dpkg-query", "-W", PACKAGE]).returncode == 0:
        _apt("purge", "-y", PACKAGE)
    result = _apt("install", "-y", "--no-install-recommends", str(build.deb))
    if result.returncode != 0:
        # Missing dependencies and stale package lists: refresh once and try again.
        _apt("update", "-qq")
        result = _apt("install", "-y", "--no-install-recommends", str(build.deb))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    try:
        yield build
    finally:
        _apt("purge", "-y", PACKAGE)


def test_the_bundle_runs(build: Build) -> None:
    result = _run([str(build.bundle / "pos"), "--version"], timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pos {__version__}"


def test_the_deb_declares_what_qt_needs(build: Build) -> None:
    fields = _run(["dpkg-deb", "--field", str(build.deb), "Depends", "Package", "Version"])
    assert fields.returncode == 0, fields.stderr
    depends = fields.stdout
    for package in ("libc6 (>= 2.34)", "libgl1", "libegl1", "libxcb1", "libxkbcommon0",
                    "libfontconfig1", "libdbus-1-3", "fonts-dejavu-core"):
        assert package in depends
    assert f"Version: {__version__}" in fields.stdout
    assert build.deb.stat().st_size < 100 * 2**20, "the .deb must stay under 100 MB"


def test_installed_files_are_in_place(installed: Build) -> None:
    missing = [str(p) for p in INSTALLED if not p.exists()]
    assert missing == []
    assert Path("/usr/bin/pos").resolve() == Path("/opt/bc-pos/pos")
    assert os.access("/opt/bc-pos/pos", os.X_OK)
    validate = shutil.which("desktop-file-validate")
    if validate:
        result = _run([validate, "/usr/share/applications/bc-pos.desktop"])
        assert result.returncode == 0, result.stdout + result.stderr
    desktop = Path("/usr/share/applications/bc-pos.desktop").read_text(encoding="utf-8")
    assert "\nExec=pos\n" in desktop and "\nIcon=bc-pos\n" in desktop


def test_installed_pos_runs_from_the_path(installed: Build) -> None:
    env = dict(os.environ, PATH="/usr/local/bin:/usr/bin:/bin")
    result = _run(["pos", "--version"], env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pos {__version__}"


def test_installed_self_test_passes(installed: Build, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    result = _run(["/usr/bin/pos", "--self-test"], env=env, cwd=tmp_path, timeout=300)
    report = result.stdout
    for check in ("bundle", "qt", "icons", "translations", "demo data", "keyring", "sandbox",
                  "wizard", "sale"):
        assert any(
            line.split()[1:2] == [check.split()[0]] for line in report.splitlines()
        ), f"no line for the {check} check:\n{report}{result.stderr}"
    assert "(bundle," in report, report
    assert result.returncode == 0, report + result.stderr


def test_purge_leaves_nothing_behind(installed: Build) -> None:
    result = _apt("purge", "-y", PACKAGE)
    assert result.returncode == 0, result.stdout + result.stderr
    left = [str(p) for p in LEFT_BEHIND if p.exists() or p.is_symlink()]
    assert left == []
    assert _run(["dpkg-query", "-W", PACKAGE]).returncode != 0
    system_profiles = Path("/etc/xdg/bc-pos/profiles.d")
    assert not system_profiles.exists() or any(system_profiles.iterdir())
