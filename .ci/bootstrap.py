#!/usr/bin/env python3
"""Set up everything the register needs, then run it or its tests.

    python3 .ci/bootstrap.py demo    install, then run the register on the sandbox store
    python3 .ci/bootstrap.py test    install, then run ruff, mypy and the whole test suite

Works on a bare Debian 12 with only python3, python3-venv and git: run as root there,
it installs the system libraries Qt needs (and, for the tests, a Secret Service and
D-Bus so the keyring tests talk to a real keyring). On Windows and macOS it needs
nothing but Python. The virtual environment lives in ``.venv`` beside this repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("POS_VENV", ROOT / ".venv"))

# Measured minimal sets (shared/reference/qt-toolchain-notes.md).
APT_OFFSCREEN = [
    "libegl1", "libgl1", "libx11-6", "libdbus-1-3", "libfontconfig1", "libglib2.0-0",
    "libxkbcommon0", "fonts-dejavu-core", "ca-certificates",
]
APT_WINDOW = [
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0",
]
APT_KEYRING = ["gnome-keyring", "dbus-daemon"]
# The screen-reader test (tests/ui/test_atspi.py): a virtual X screen, the AT-SPI bus and
# its Python client (a Debian package for the system Python, run in a subprocess).
APT_ACCESSIBILITY = ["xvfb", "xauth", "at-spi2-core", "python3-pyatspi", "dbus-x11"]


def say(text: str) -> None:
    print(f"[bootstrap] {text}", flush=True)


def run(cmd: list[str], **kwargs: object) -> int:
    say("$ " + " ".join(cmd))
    return subprocess.call(cmd, **kwargs)  # type: ignore[arg-type]


def apt_install(packages: list[str], *, required: bool) -> None:
    if not sys.platform.startswith("linux") or shutil.which("apt-get") is None:
        return
    missing = []
    for pkg in packages:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True
        )
        if "install ok installed" not in out.stdout:
            missing.append(pkg)
    if not missing:
        return
    if os.geteuid() != 0:
        hint = "apt-get install -y " + " ".join(missing)
        if required:
            sys.exit(f"these system packages are missing; install them as root: {hint}")
        say(f"these system packages are missing; install them as root: {hint}")
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if run(["apt-get", "update", "-qq"], env=env) != 0:
        sys.exit("apt-get update failed")
    if run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env):
        sys.exit("apt-get install failed")


def venv_bin(name: str) -> str:
    sub = "Scripts" if os.name == "nt" else "bin"
    exe = ".exe" if os.name == "nt" else ""
    return str(VENV / sub / f"{name}{exe}")


def make_venv(extras: str, *, fresh: bool) -> None:
    """Install the package into ``.venv``; ``fresh`` rebuilds the environment from scratch
    (the tests always run in a fresh one unless POS_REUSE_VENV=1)."""
    exists = Path(venv_bin("python")).exists() and not fresh
    clear = ["--clear"] if fresh else []
    if not exists and run([sys.executable, "-m", "venv", *clear, str(VENV)]) != 0:
        sys.exit("could not create the virtual environment (Debian: apt-get install python3-venv)")
    py = venv_bin("python")
    quiet = ["-q", "--disable-pip-version-check"]
    if run([py, "-m", "pip", "install", *quiet, "--upgrade", "pip"]) != 0:
        sys.exit("pip upgrade failed")
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    if run([py, "-m", "pip", "install", *quiet, "-e", target]) != 0:
        sys.exit("installing the package failed")
    # Translations are compiled from their .ts sources at install time, never committed.
    build = "from pos.ui.translations import build_qm; build_qm()"
    if run([py, "-c", build]) != 0:
        sys.exit("compiling the translations failed")


def demo(extra_args: list[str]) -> int:
    apt_install(APT_OFFSCREEN + APT_WINDOW, required=False)
    make_venv("", fresh=False)
    env = dict(os.environ)
    headless = not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and headless:
        say("no display found: running Qt offscreen (set DISPLAY to see the window)")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return run([venv_bin("pos"), "--demo", *extra_args], env=env)


def keyring_session(cmd: list[str], home: Path) -> list[str]:
    """Wrap ``cmd`` in a private D-Bus session with an unlocked gnome-keyring."""
    script = (
        "printf 'pos-test-keyring' | gnome-keyring-daemon --unlock --components=secrets "
        ">/dev/null 2>&1; exec \"$@\""
    )
    return ["dbus-run-session", "--", "sh", "-c", script, "sh", *cmd]


def test(extra_args: list[str]) -> int:
    linux = sys.platform.startswith("linux")
    apt_install(APT_OFFSCREEN + APT_KEYRING, required=True)
    if linux and os.geteuid() == 0:
        apt_install(APT_WINDOW + APT_ACCESSIBILITY, required=True)
    make_venv("test", fresh=os.environ.get("POS_REUSE_VENV") != "1")
    os.chdir(ROOT)
    lint_paths = [p for p in ("pos", "tests", "benchmarks", "packaging", ".ci") if Path(p).is_dir()]
    if run([venv_bin("ruff"), "check", *lint_paths]) != 0:
        return 1
    if run([venv_bin("mypy")]) != 0:
        return 1
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_API="pyside6", PYTHONUNBUFFERED="1")
    pytest_cmd = [venv_bin("python"), "-m", "pytest", *extra_args]
    in_ci = bool(os.environ.get("CI"))
    has_session_tools = all(shutil.which(t) for t in ("dbus-run-session", "gnome-keyring-daemon"))
    if linux and (in_ci or os.geteuid() == 0) and not has_session_tools:
        say("the real Secret Service tests need D-Bus and gnome-keyring: "
            "apt-get install -y " + " ".join(APT_KEYRING))
        return 1
    if in_ci and linux and os.geteuid() == 0 and shutil.which("apt-get"):
        env["POS_REQUIRE_PACKAGING"] = "1"  # the .deb is built, installed and run in CI
        env["POS_REQUIRE_ATSPI"] = "1"  # the screen-reader test runs, never skips
        env["POS_REQUIRE_XVFB"] = "1"  # the customer display's two-screen test too
    with tempfile.TemporaryDirectory(prefix="pos-test-home-") as tmp:
        # A throw-away home: the tests never touch the user's own folders or keyrings.
        home = Path(tmp)
        for sub in ("config", "data", "cache", "runtime"):
            (home / sub).mkdir(mode=0o700)
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_RUNTIME_DIR=str(home / "runtime"),
        )
        if linux and has_session_tools:
            # A real Secret Service, unlocked, in a private D-Bus session: the keyring
            # tests that need it must run, not skip.
            env["POS_REQUIRE_SECRET_SERVICE"] = "1"  # noqa: S105 (a flag, not a secret)
            pytest_cmd = keyring_session(pytest_cmd, home)
        code = run(pytest_cmd, env=env)
    if code == 5:
        say("pytest collected no tests: that is a failure")
        return 1
    return code


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"demo", "test"}:
        print(__doc__)
        return 2
    action, rest = sys.argv[1], sys.argv[2:]
    try:
        return demo(rest) if action == "demo" else test(rest)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
