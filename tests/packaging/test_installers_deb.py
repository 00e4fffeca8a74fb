"""The Linux installer, proven by using it: build the bundle and the .deb, install the .deb
with apt, run the installed ``pos --self-test`` offscreen and on an X11 display (Xvfb),
check the desktop entry, the icons and the metainfo, purge the package, and check that
nothing it installed is left behind (except profiles an administrator deployed).

The tests do not depend on their order: each one that needs the package installed gets it
installed (again, after a purge test), and the session ends with the package purged.

It needs root on Debian (apt and dpkg), which CI has. Elsewhere it skips with the reason,
unless ``POS_REQUIRE_PACKAGING=1`` asks for it, in which case a skip is a failure.
The build happens once per test session, into a temporary folder (never reused across
sessions); the build venv (``/tmp/pos-build-venv``) is reused while its hash-pinned
requirements are unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
SYSTEM_PROFILES = Path("/etc/xdg/bc-pos/profiles.d")
METAINFO = Path("/usr/share/metainfo/net.bcpos.Register.metainfo.xml")

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
    work: Path  # PyInstaller's work folder (what the spec wrote there)


def _run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


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
    return Build(out / "dist" / APP_NAME, debs[0], time.perf_counter() - started,
                 out / "work")


def _apt(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return _run(["apt-get", *args], env=env, timeout=600)


def _is_installed() -> bool:
    out = _run(["dpkg-query", "-W", "-f=${Status}", PACKAGE])
    return out.returncode == 0 and "install ok installed" in out.stdout


def _purge() -> subprocess.CompletedProcess[str]:
    return _apt("purge", "-y", PACKAGE)


@dataclass
class Installed:
    """The package as apt installed it: what ``dpkg -L`` lists, and which of those paths
    existed before (shared folders such as /usr/share/applications)."""

    build: Build
    files: list[Path] = field(default_factory=list)
    existed_before: set[Path] = field(default_factory=set)


class _Package:
    """Installs the .deb when a test needs it installed; remembers what it installed."""

    def __init__(self, build: Build) -> None:
        self.build = build
        self.current: Installed | None = None

    def ensure_installed(self) -> Installed:
        if self.current is not None and _is_installed():
            return self.current
        if _is_installed() or _run(["dpkg-query", "-W", PACKAGE]).returncode == 0:
            _purge()
        contents = _run(["dpkg-deb", "--contents", str(self.build.deb)])
        assert contents.returncode == 0, contents.stderr
        paths = set()
        for line in contents.stdout.splitlines():
            # "drwxr-xr-x root/root 0 2026-01-01 00:00 ./usr/bin/" (symlinks: "a -> b")
            name = line.split(None, 5)[5].split(" -> ")[0]
            paths.add(Path("/" + name.removeprefix("./").rstrip("/")))
        existed = {p for p in paths if p.exists() or p.is_symlink()}
        result = _apt("install", "-y", "--no-install-recommends", str(self.build.deb))
        if result.returncode != 0:
            # Missing dependencies and stale package lists: refresh once and try again.
            _apt("update", "-qq")
            result = _apt("install", "-y", "--no-install-recommends", str(self.build.deb))
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        listed = _run(["dpkg", "-L", PACKAGE])
        assert listed.returncode == 0, listed.stderr
        files = [Path(x) for x in listed.stdout.splitlines() if x.strip() and x != "/."]
        self.current = Installed(self.build, files, existed)
        return self.current

    def purge(self) -> subprocess.CompletedProcess[str]:
        self.current = None
        return _purge()


@pytest.fixture(scope="session")
def package(build: Build) -> Iterator[_Package]:
    pkg = _Package(build)
    try:
        yield pkg
    finally:
        if _run(["dpkg-query", "-W", PACKAGE]).returncode == 0:
            _purge()


@pytest.fixture
def installed(package: _Package) -> Installed:
    """The .deb installed with apt (its dependencies pulled from the archive if missing)."""
    return package.ensure_installed()


def _left_behind(installed: Installed) -> list[str]:
    """What ``dpkg -L`` listed and still exists, other than folders that existed before
    and the system-wide profiles folder (with its parents) while it holds profiles."""
    keep_profiles = SYSTEM_PROFILES.is_dir() and any(SYSTEM_PROFILES.iterdir())
    allowed = set(installed.existed_before)
    if keep_profiles:
        allowed |= {SYSTEM_PROFILES, *SYSTEM_PROFILES.parents}
    return sorted(
        str(p) for p in installed.files
        if (p.exists() or p.is_symlink()) and p not in allowed
    )


def test_the_bundle_runs(build: Build) -> None:
    result = _run([str(build.bundle / "pos"), "--version"], timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pos {__version__}"


def _loaded_libraries(command: list[str], **env: str) -> list[str]:
    """The shared libraries the dynamic loader opened while ``command`` ran (its
    ``LD_DEBUG=files`` trace), by file name."""
    result = _run(command, timeout=60, env={**os.environ, **env, "LD_DEBUG": "files"})
    assert result.returncode == 0, result.stderr[-2000:]
    return sorted({Path(m).name for m in re.findall(r"file=(\S+)", result.stderr) if m})


def test_commands_without_a_window_start_without_qt(build: Build, tmp_path: Path) -> None:
    """PyInstaller's own PySide6 run-time hook loads Qt's core library at every start;
    the register's hook (packaging/hooks) leaves it to the program. PyInstaller's hooks of
    inspect, multiprocessing, pkgutil and usb, and its bootstrap's hooks of ctypes, wait
    for their modules' first import."""
    loaded = _loaded_libraries([str(build.bundle / "pos"), "--version"])
    assert "libpython3.11.so.1.0" in loaded or any(n.startswith("libpython") for n in loaded)
    assert not [n for n in loaded if n.startswith("libQt6")], loaded
    # Nor PyInstaller's hooks of inspect (dis: _opcode) and multiprocessing (pickle,
    # socket): they wait for their module's first import (packaging/deferred_rthooks.py).
    assert not [n for n in loaded if n.split(".")[0] in {"_opcode", "_pickle", "_socket"}], \
        loaded
    # Nor PyInstaller's own bootstrap's ctypes hooks (ctypes: _ctypes and libffi).
    assert not [n for n in loaded if n.startswith(("_ctypes.", "libffi"))], loaded
    # The window's path still loads Qt, and finds its plugins (the platform plugin).
    shown = _loaded_libraries([str(build.bundle / "pos"), "--self-test"],
                              QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
                              XDG_CONFIG_HOME=str(tmp_path / "config"),
                              XDG_DATA_HOME=str(tmp_path / "data"))
    assert "libQt6Core.so.6" in shown
    assert any(n.startswith("libqoffscreen") for n in shown), shown


def test_the_bootstrap_ctypes_hooks_come_with_ctypes(build: Build, tmp_path: Path) -> None:
    """The module the spec put in place of PyInstaller's ``pyimod03_ctypes`` (it carries
    PyInstaller's own code): nothing at start; once ctypes is imported, ctypes.CDLL looks in
    the bundle's folder first, as PyInstaller's bootstrap makes it."""
    written = sorted(build.work.rglob("pos-deferred-bootstrap/pyimod03_ctypes.py"))
    assert len(written) == 1, written
    code = (f"import sys\nsys._MEIPASS = {str(tmp_path)!r}\n"
            f"sys.path.insert(0, {str(written[0].parent)!r})\n"
            "import pyimod03_ctypes\npyimod03_ctypes.install()\n"
            "assert 'ctypes' not in sys.modules\n"
            "import ctypes\n"
            "print(ctypes.CDLL.__name__, ctypes.PyDLL.__name__)\n")
    result = _run([sys.executable, "-I", "-c", code], timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["PyInstallerCDLL", "PyInstallerPyDLL"]


def _glibc_needed(bundle: Path) -> tuple[int, ...]:
    """The highest GLIBC_x.y symbol version any ELF file of the bundle requires."""
    best: tuple[int, ...] = ()
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        out = _run(["objdump", "-T", str(path)]).stdout
        for line in out.splitlines():
            if "*UND*" in line:
                for match in re.finditer(r"\bGLIBC_(\d+(?:\.\d+)+)\b", line):
                    best = max(best, tuple(int(x) for x in match.group(1).split(".")))
    return best


def test_the_deb_declares_what_qt_needs(build: Build) -> None:
    fields = _run(["dpkg-deb", "--field", str(build.deb), "Depends", "Package", "Version"])
    assert fields.returncode == 0, fields.stderr
    depends = fields.stdout
    for package in ("libgl1", "libegl1", "libxcb1", "libxkbcommon0",
                    "libfontconfig1", "libdbus-1-3", "fonts-dejavu-core"):
        assert package in depends
    # libc6: the glibc the bundle's own files need (the host libraries it carries too).
    declared = re.search(r"\blibc6 \(>= ([0-9.]+)\)", depends)
    assert declared, depends
    needed = _glibc_needed(build.bundle)
    assert needed, "no GLIBC_ symbol versions found in the bundle (is objdump installed?)"
    assert tuple(int(x) for x in declared.group(1).split(".")) == needed, (
        f"Depends says libc6 >= {declared.group(1)}; the bundle needs {needed}"
    )
    assert f"Version: {__version__}" in fields.stdout
    assert build.deb.stat().st_size < 100 * 2**20, "the .deb must stay under 100 MB"


def test_installed_files_are_in_place(installed: Installed) -> None:
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
    appstream = shutil.which("appstreamcli")
    if appstream:
        result = _run([appstream, "validate", "--no-net", "--explain", str(METAINFO)])
        assert result.returncode == 0, result.stdout + result.stderr
    assert __version__ in METAINFO.read_text(encoding="utf-8")


def test_installed_pos_runs_from_the_path(installed: Installed) -> None:
    env = dict(os.environ, PATH="/usr/local/bin:/usr/bin:/bin")
    result = _run(["pos", "--version"], env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pos {__version__}"


def test_installed_self_test_passes(installed: Installed, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    result = _run(["/usr/bin/pos", "--self-test"], env=env, cwd=tmp_path, timeout=300)
    report = result.stdout
    for check in ("bundle", "qt", "icons", "translations", "demo data", "locale data",
                  "keyring", "sandbox", "wizard", "sale"):
        assert any(
            line.split()[1:2] == [check.split()[0]] for line in report.splitlines()
        ), f"no line for the {check} check:\n{report}{result.stderr}"
    assert "(bundle," in report, report
    # The libraries' data files came with the package: a CLDR format and Spanish names.
    assert "Estados Unidos, Nueva York" in report, report
    assert result.returncode == 0, report + result.stderr


def test_installed_self_test_passes_on_an_x11_display(
    installed: Installed, tmp_path: Path
) -> None:
    """A real display (Xvfb): the bundle's xcb platform plugin loads with the libraries
    the .deb declares."""
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing (packaging/build.py installs xvfb and xauth)"
    env = dict(os.environ)
    for name in ("QT_QPA_PLATFORM", "PYTHONPATH", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    result = _run([xvfb_run, "-a", "/usr/bin/pos", "--self-test"], env=env, cwd=tmp_path,
                  timeout=300)
    report = result.stdout
    qt = [line for line in report.splitlines() if line.split()[1:2] == ["qt"]]
    assert qt and qt[0].startswith("PASS"), report + result.stderr
    assert "platform 'xcb'" in qt[0], report
    assert result.returncode == 0, report + result.stderr


def test_purge_leaves_nothing_behind(package: _Package) -> None:
    installed = package.ensure_installed()
    assert not SYSTEM_PROFILES.exists() or not any(SYSTEM_PROFILES.iterdir())
    result = package.purge()
    assert result.returncode == 0, result.stdout + result.stderr
    assert _run(["dpkg-query", "-W", PACKAGE]).returncode != 0
    left = [str(p) for p in LEFT_BEHIND if p.exists() or p.is_symlink()]
    assert left == []
    # Everything dpkg listed is gone, apart from folders other packages share; the empty
    # system-wide profiles folder goes too.
    assert _left_behind(installed) == []
    assert not SYSTEM_PROFILES.exists()


def test_deployed_profiles_survive_purge(package: _Package) -> None:
    """Profiles an administrator placed in the system-wide folder are theirs: purging the
    package keeps them (and only them)."""
    installed = package.ensure_installed()
    profile = SYSTEM_PROFILES / "main-street.toml"
    text = 'name = "Main Street"\nstore_hash = "abc123"\n'
    profile.write_text(text, encoding="utf-8")
    try:
        result = package.purge()
        assert result.returncode == 0, result.stdout + result.stderr
        assert profile.read_text(encoding="utf-8") == text
        assert sorted(p.name for p in SYSTEM_PROFILES.iterdir()) == [profile.name]
        assert _left_behind(installed) == []
    finally:
        profile.unlink(missing_ok=True)
        for folder in (SYSTEM_PROFILES, SYSTEM_PROFILES.parent):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
