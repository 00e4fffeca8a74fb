"""The Windows installer, proven under Wine on Linux: build ``bc-pos-<version>-setup.exe``
with ``packaging/build.py --target windows`` (the Windows Python from PyPI, PyInstaller and
Inno Setup, all run under Wine), install it silently, run the installed ``pos.exe
--self-test`` offscreen and with Qt's Windows platform plugin on an X display (Xvfb),
uninstall it silently, and check what is left: only the profiles an administrator deployed.

What Wine cannot prove (access lists, Windows' own ICU, the Credential Manager, SmartScreen,
code signing) is listed in docs/installers.md; the hosted workflow's ``windows`` job runs
on a real Windows.

It needs root on Debian (apt installs Wine; dpkg adds the i386 architecture). Elsewhere it
skips with the reason, unless ``POS_REQUIRE_PACKAGING=1`` asks for it (CI sets it), in which
case a skip is a failure. The build happens once per test session into a temporary folder,
with a new Wine prefix made from the registries (``POS_WINE_REUSE=1`` reuses the shared
``/tmp/pos-wine`` instead, while its pinned inputs are unchanged).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from types import ModuleType
from typing import Any

import pytest

from pos import APP_DISPLAY_NAME, APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = PureWindowsPath("C:/Program Files") / APP_DISPLAY_NAME
PROFILES_DIR = PureWindowsPath("C:/ProgramData/bc-pos/profiles")
START_MENU = PureWindowsPath("C:/ProgramData/Microsoft/Windows/Start Menu/Programs")
# The set-up's entry in Apps & features (HKLM, 64-bit view): Inno Setup's "{AppId}_is1".
UNINSTALL_KEY = (
    r"Software\Microsoft\Windows\CurrentVersion\Uninstall"
    r"\{6F0D3B52-3C55-4C4B-9E59-7B1F3E0B5C21}_is1"
)
# Read with the prefix's Windows Python (Wine's reg.exe does not find keys with braces).
READ_UNINSTALL_ENTRY = """
import sys, winreg
try:
    key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, sys.argv[1], 0,
                         winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
    print("version=" + winreg.QueryValueEx(key, "DisplayVersion")[0])
except FileNotFoundError:
    print("absent")
"""
SILENT = ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"]
CHECKS = ("bundle", "qt", "icons", "translations", "demo", "locale", "keyring", "sandbox",
          "wizard", "sale")

pytestmark = pytest.mark.slow


def _load_wine_build() -> ModuleType:
    path = ROOT / "packaging" / "windows" / "wine_build.py"
    spec = importlib.util.spec_from_file_location("wine_build", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("wine_build", module)
    spec.loader.exec_module(module)
    return module


wine_build = _load_wine_build()


def _log(config: pytest.Config, text: str) -> None:
    """A line in the test run's own output (CI's log), even when output is captured."""
    reporter = config.pluginmanager.getplugin("terminalreporter")
    capture = config.pluginmanager.getplugin("capturemanager")
    if reporter is None:
        return
    if capture is None:
        reporter.write_line(f"[windows installer] {text}")
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"[windows installer] {text}")


def _why_not() -> str | None:
    if not sys.platform.startswith("linux"):
        return ("the Windows installer is proven here under Wine on Linux; on Windows the "
                "hosted workflow's windows job proves it")
    if shutil.which("apt-get") is None or shutil.which("dpkg") is None:
        return "not a Debian system (no apt-get / dpkg): Wine is installed from Debian"
    if os.geteuid() != 0:
        return "installing Wine (apt, dpkg --add-architecture i386) needs root"
    return None


@pytest.fixture(scope="module")
def packaging_allowed() -> None:
    reason = _why_not()
    if reason is None:
        return
    if os.environ.get("POS_REQUIRE_PACKAGING") == "1":
        pytest.fail(f"POS_REQUIRE_PACKAGING=1 but the Windows installer test cannot run: {reason}")
    pytest.skip(reason)


@dataclass(frozen=True)
class Build:
    bundle: Path
    setup: Path
    seconds: float


@pytest.fixture(scope="module")
def wine_dir(packaging_allowed: None, tmp_path_factory: pytest.TempPathFactory,
             ) -> Iterator[Path]:
    """A new Wine prefix for this run, so that every run proves the whole path from the
    registries (removed at the end). ``POS_WINE_REUSE=1`` reuses the shared one that
    ``build.py --target windows`` keeps (quicker while working on the installer), held
    for this module alone."""
    if os.environ.get("POS_WINE_REUSE") == "1":
        with wine_build.prefix_lock():
            yield wine_build.WINE_DIR
        return
    path = tmp_path_factory.mktemp("wine")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def build(wine_dir: Path, tmp_path_factory: pytest.TempPathFactory,
          pytestconfig: pytest.Config) -> Build:
    out = tmp_path_factory.mktemp("windows-installer")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--target", "windows",
         "--dist", str(out / "dist"), "--work", str(out / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=3600, check=False,
        env=dict(os.environ, POS_WINE_DIR=str(wine_dir), POS_WINE_LOCKED="1"),
    )
    seconds = time.perf_counter() - started
    tail = result.stdout[-6000:] + result.stderr[-4000:]
    assert result.returncode == 0, tail
    setup = out / "dist" / f"{APP_NAME}-{__version__}-setup.exe"
    assert setup.is_file(), sorted(p.name for p in (out / "dist").iterdir())
    _log(pytestconfig, "")
    for line in result.stdout.splitlines():
        if re.match(r"\[(wine-)?build\] (times|bundle|installer|artefact):", line):
            _log(pytestconfig, line)
    _log(pytestconfig, f"built under Wine in {seconds:.0f} s: {setup.name} "
         f"({setup.stat().st_size / 2**20:.1f} MiB)")
    return Build(out / "dist" / "windows" / APP_NAME, setup, seconds)


@pytest.fixture(scope="module")
def display(build: Build) -> Iterator[str]:
    """A private X server (Xvfb) for the Wine session: Inno Setup's set-up and uninstaller
    create their (hidden) windows even when silent."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    number = b""
    with os.fdopen(read, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    assert number.strip(), "Xvfb did not report its display"
    try:
        yield f":{number.decode().strip()}"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def wine(wine_dir: Path, display: str) -> Iterator[Any]:
    session = wine_build.Wine(wine_dir / "prefix", display=display)
    try:
        yield session
    finally:
        subprocess.run(["wineserver", "-k"], env=session.env, capture_output=True,
                       check=False, timeout=120)


class _Installation:
    """Installs the set-up silently when a test needs it installed."""

    def __init__(self, build: Build, wine: Any, config: pytest.Config) -> None:
        self.build = build
        self.wine = wine
        self.config = config
        self.app = wine.host_path(APP_DIR)

    def is_installed(self) -> bool:
        return (self.app / "pos.exe").is_file() and (self.app / "unins000.exe").is_file()

    def ensure_installed(self) -> None:
        if self.is_installed():
            return
        started = time.perf_counter()
        code, out = self.wine.run([str(self.build.setup), *SILENT], echo=False, timeout=900)
        assert code == 0, out[-3000:]
        assert self.is_installed(), out[-3000:]
        _log(self.config, f"installed silently under Wine in {time.perf_counter() - started:.0f}"
             f" s: {APP_DIR}")

    def uninstall(self) -> None:
        code, out = self.wine.run([str(APP_DIR / "unins000.exe"), *SILENT], echo=False,
                                  timeout=600)
        assert code == 0, out[-3000:]
        # The uninstaller hands over to a copy of itself in the temporary folder and returns:
        # wait until every program of the prefix has ended (wineserver -w).
        self.wine.wait()
        _log(self.config, f"uninstalled silently; {APP_DIR} exists: {self.app.exists()}")


def _uninstall_entry(wine: Any) -> str:
    """``version=X`` while the set-up's uninstall entry exists, else ``absent``."""
    code, out = wine.run([wine.python(), "-c", READ_UNINSTALL_ENTRY, UNINSTALL_KEY],
                         echo=False, timeout=300)
    assert code == 0, out
    return out.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def installation(build: Build, wine: Any, pytestconfig: pytest.Config) -> _Installation:
    return _Installation(build, wine, pytestconfig)


@pytest.fixture
def installed(installation: _Installation) -> _Installation:
    installation.ensure_installed()
    return installation


def _self_test(wine: Any, exe: PureWindowsPath, env: dict[str, str]) -> tuple[int, str]:
    """``pos.exe --self-test``. Wine does not hand variables named QT_* to Windows
    programs, so they are set by a batch file in the prefix."""
    batch = wine.drive_c / "pos-self-test.cmd"
    lines = ["@echo off", *(f"set {k}={v}" for k, v in env.items()),
             f'"{exe}" --self-test', "exit /b %ERRORLEVEL%"]
    batch.write_text("\r\n".join(lines) + "\r\n", encoding="ascii")
    return wine.run(["cmd", "/c", r"C:\pos-self-test.cmd"], echo=False, timeout=600)


def _report_lines(report: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in report.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in {"PASS", "WARN", "FAIL"}:
            found[parts[1]] = line
    return found


def test_the_bundle_carries_no_wine_stand_ins(build: Build) -> None:
    assert (build.bundle / "pos.exe").is_file()
    assert (build.bundle / "bc-pos.exe").is_file()
    assert wine_build.standins_in(build.bundle) == []
    assert build.setup.stat().st_size < 100 * 2**20, "the set-up must stay under 100 MB"
    with build.setup.open("rb") as handle:
        assert handle.read(2) == b"MZ"


def test_silent_install_puts_everything_in_place(installed: _Installation) -> None:
    wine = installed.wine
    for name in ("pos.exe", "bc-pos.exe", "unins000.exe", "_internal"):
        assert (installed.app / name).exists(), name
    menu = wine.host_path(START_MENU)
    assert (menu / f"{APP_DISPLAY_NAME}.lnk").is_file()
    assert (menu / f"{APP_DISPLAY_NAME} (self-test).lnk").is_file()
    assert wine.host_path(PROFILES_DIR).is_dir()
    assert _uninstall_entry(wine) == f"version={__version__}"


def test_installed_self_test_passes_offscreen(installed: _Installation) -> None:
    code, report = _self_test(installed.wine, APP_DIR / "pos.exe",
                              {"QT_QPA_PLATFORM": "offscreen"})
    lines = _report_lines(report)
    for line in lines.values():
        _log(installed.config, f"offscreen: {line}")
    for check in CHECKS:
        assert check in lines, f"no line for the {check} check:\n{report}"
    assert "platform 'offscreen'" in lines["qt"], report
    assert "qwindows" in lines["qt"], report
    assert "(bundle," in lines["bundle"] and str(APP_DIR) in lines["bundle"], report
    assert "keyring.backends.Windows" in lines["keyring"], report
    # The libraries' data files came with the bundle: a CLDR format and Spanish names.
    assert "Estados Unidos, Nueva York" in lines["locale"], report
    assert code == 0, report


def test_installed_self_test_passes_with_the_windows_platform_plugin(
    installed: _Installation,
) -> None:
    """On an X display, Qt's own Windows platform plugin (qwindows) draws through Wine."""
    code, report = _self_test(installed.wine, APP_DIR / "pos.exe", {})
    lines = _report_lines(report)
    _log(installed.config, f"on Xvfb: {lines.get('qt', report[-500:])}")
    assert "qt" in lines and lines["qt"].startswith("PASS"), report
    assert "platform 'windows'" in lines["qt"], report
    assert code == 0, report


def test_windowed_program_self_test_exit_code(installed: _Installation) -> None:
    """``bc-pos.exe``, the Start-menu program, has no console: its exit code says it all."""
    code, out = installed.wine.run([str(APP_DIR / "bc-pos.exe"), "--self-test"], echo=False,
                                   timeout=600)
    assert code == 0, out[-3000:]


def test_uninstall_removes_the_program_and_keeps_deployed_profiles(
    installation: _Installation,
) -> None:
    installation.ensure_installed()
    wine = installation.wine
    profiles = wine.host_path(PROFILES_DIR)
    profile = profiles / "main-street.toml"
    text = 'name = "Main Street"\nstore_hash = "abc123"\n'
    profile.write_text(text, encoding="utf-8")
    try:
        installation.uninstall()
        assert not installation.app.exists()
        menu = wine.host_path(START_MENU)
        assert sorted(p.name for p in menu.glob(f"{APP_DISPLAY_NAME}*")) == []
        assert _uninstall_entry(wine) == "absent"
        assert profile.read_text(encoding="utf-8") == text
        assert sorted(p.name for p in profiles.iterdir()) == [profile.name]
        # Where the set-up wrote (program, shared data, Start menu): only the profiles.
        roots = [wine.drive_c / "Program Files", wine.drive_c / "ProgramData"]
        left = sorted(
            p.relative_to(wine.drive_c).as_posix() for root in roots for p in root.rglob("*")
            if re.search(r"bigcommerce register|bc-pos", str(p), re.IGNORECASE)
        )
        assert left == ["ProgramData/bc-pos", "ProgramData/bc-pos/profiles",
                        "ProgramData/bc-pos/profiles/main-street.toml"], left
    finally:
        profile.unlink(missing_ok=True)
