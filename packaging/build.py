#!/usr/bin/env python3
"""Build the register's installers: ``python3 packaging/build.py``.

1. A controlled build venv (default ``/tmp/pos-build-venv``, or ``$POS_BUILD_VENV``) made
   from the hash-pinned ``packaging/requirements-build.txt`` and the package itself, so
   that what gets bundled does not depend on whatever the developer's venv holds.
2. Stage the resources (``build/stage``): ``resources/`` with the translations compiled to
   ``.qm``, and the app icon rendered to PNG / ICO / ICNS with Qt.
3. PyInstaller (``packaging/pos.spec``): a one-folder bundle in ``dist/bc-pos/``
   (macOS: ``dist/BigCommerce Register.app``).
4. The installer of this platform: Linux ``dist/bc-pos_<version>_<arch>.deb``;
   macOS ``dist/bc-pos-<version>.dmg``; Windows ``dist/bc-pos-<version>-setup.exe`` with
   Inno Setup's ``iscc`` (on the PATH or in its default folder; without it the build fails,
   unless ``--no-installer``).

Options: ``--no-installer`` (the bundle only), ``--compression zstd|xz|gzip`` for the .deb,
``--no-venv`` (build with the running interpreter, whose packages must already be the
pinned ones: the Windows embeddable Python has no ``venv``), ``--iscc PATH`` (Inno Setup's
compiler, when it is not in its default folder).
Runs with Python 3.11–3.13. On Debian as root it installs the build tools it lacks
(binutils for PyInstaller, and the libraries Qt needs to render the icons offscreen).

``--target windows`` on Linux builds the Windows installer under Wine
(``packaging/windows/wine_build.py``: a Wine prefix with the Windows Python from PyPI,
then this script run by that Python with ``--no-venv --iscc``); on Windows it is the
native build.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from pos import APP_NAME, __version__  # noqa: E402

DIST = ROOT / "dist"
BUILD = ROOT / "build"
REQUIREMENTS = HERE / "requirements-build.txt"
DEFAULT_VENV = Path(os.environ.get("POS_BUILD_VENV", Path(os.sep, "tmp", "pos-build-venv")))
IS_LINUX = sys.platform.startswith("linux")
IS_WIN = sys.platform == "win32"
IS_MAC = sys.platform == "darwin"

# Debian packages the build needs: objdump for PyInstaller (and the .deb's glibc version),
# dpkg-deb and zstd/xz for the .deb, the libraries offscreen Qt needs to render the icons,
# desktop-file-validate and appstreamcli to check the desktop entry and the metainfo, and
# Xvfb (with xauth, for xvfb-run) so that the packaging test runs the installed program
# on a real X11 display.
APT_BUILD = [
    "binutils", "dpkg", "zstd", "xz-utils", "libegl1", "libgl1", "libx11-6", "libdbus-1-3",
    "libfontconfig1", "libglib2.0-0", "libxkbcommon0", "fonts-dejavu-core",
    "desktop-file-utils", "appstream", "xvfb", "xauth",
]


def say(text: str) -> None:
    print(f"[build] {text}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    say("$ " + " ".join(str(c) for c in cmd))
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def apt_build_tools() -> None:
    if not IS_LINUX or shutil.which("dpkg-query") is None:
        return
    wanted = list(APT_BUILD)
    if sys.base_prefix == "/usr":
        # Debian's own Python: PyInstaller needs its shared library, a separate package.
        wanted.append(f"libpython{sys.version_info.major}.{sys.version_info.minor}")
    missing = []
    for pkg in wanted:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True
        )
        if "install ok installed" not in out.stdout:
            missing.append(pkg)
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit("missing build packages; as root: apt-get install -y " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if IS_WIN else "bin/python")


def build_venv(venv: Path) -> Path:
    """Create (or refresh) the build venv; reinstall only when the pinned inputs change."""
    py = venv_python(venv)
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    stamp = venv / ".pos-build-requirements"
    if py.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        say(f"build venv {venv} is up to date")
    else:
        if venv.exists():
            shutil.rmtree(venv)
        run([sys.executable, "-m", "venv", str(venv)])
        quiet = ["--disable-pip-version-check", "-q"]
        run([str(py), "-m", "pip", "install", *quiet, "--require-hashes", "-r", str(REQUIREMENTS)])
        stamp.write_text(digest + "\n")
    # The register itself, from this tree (its dependencies are all pinned above).
    run([
        str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps",
        "--no-build-isolation", "--force-reinstall", str(ROOT),
    ])
    run([str(py), "-m", "pip", "check"])
    return py


def current_python() -> Path:
    """The running interpreter as the build's Python: the register itself is installed
    into it (its dependencies must already be the pinned ones), then ``pip check``."""
    py = Path(sys.executable)
    run([
        str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps",
        "--no-build-isolation", "--force-reinstall", "--no-warn-script-location", str(ROOT),
    ])
    run([str(py), "-m", "pip", "check"])
    return py


def find_iscc(given: Path | None) -> str | None:
    if given is not None:
        return str(given) if given.is_file() else None
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    default = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    candidate = default / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and candidate.exists():
        iscc = str(candidate)
    return iscc


def stage_resources(py: Path, stage: Path) -> None:
    """``build/stage``: resources with compiled translations, and the rendered icons."""
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(
        ROOT / "resources", stage / "resources", ignore=shutil.ignore_patterns("*.ts", "*.qm")
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_API="pyside6")
    ts_dir = ROOT / "resources" / "translations"
    if any(ts_dir.glob("*.ts")):
        code = (
            "import sys; from pathlib import Path; from pos.ui.translations import build_qm; "
            "print('\\n'.join(p.name for p in build_qm(Path(sys.argv[1]), Path(sys.argv[2]))))"
        )
        run([str(py), "-c", code, str(ts_dir), str(stage / "resources" / "translations")], env=env)
    else:
        say(f"WARNING: no translation sources (.ts) in {ts_dir}: the bundle has no translations")
    run([str(py), str(HERE / "render_icons.py"), str(stage / "icons")], env=env)


def pyinstaller(py: Path, stage: Path, dist: Path, work: Path) -> Path:
    env = dict(os.environ, POS_STAGE=str(stage))
    run(
        [
            str(py), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
            str(HERE / "pos.spec"),
        ],
        env=env,
        cwd=ROOT,
    )
    return dist / APP_NAME


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, help="build venv folder")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the artefacts go")
    parser.add_argument("--work", type=Path, default=BUILD, help="PyInstaller's work folder")
    parser.add_argument("--no-installer", action="store_true", help="build the bundle only")
    parser.add_argument("--compression", default="zstd", choices=("zstd", "xz", "gzip"))
    parser.add_argument("--target", default="native", choices=("native", "windows"),
                        help="windows: on Linux, build the Windows installer under Wine")
    parser.add_argument("--no-venv", action="store_true",
                        help="build with this interpreter (its packages already pinned)")
    parser.add_argument("--iscc", type=Path, help="Inno Setup's ISCC.exe (Windows)")
    args = parser.parse_args(argv)
    if not ((3, 11) <= sys.version_info[:2] < (3, 14)):
        sys.exit("build with Python 3.11, 3.12 or 3.13")
    if args.target == "windows" and not IS_WIN:
        if not IS_LINUX:
            sys.exit("--target windows builds on Windows, or on Debian Linux under Wine")
        sys.path.insert(0, str(HERE / "windows"))
        from wine_build import build_windows

        return build_windows(dist=args.dist.resolve(), work=args.work.resolve(),
                             installer=not args.no_installer)

    timings: dict[str, float] = {}
    started = time.perf_counter()
    apt_build_tools()
    py = current_python() if args.no_venv else build_venv(args.venv)
    timings["venv"] = time.perf_counter() - started

    t = time.perf_counter()
    dist, work = args.dist.resolve(), args.work.resolve()
    stage = work / "stage"
    stage_resources(py, stage)
    bundle = pyinstaller(py, stage, dist, work)
    timings["bundle"] = time.perf_counter() - t
    say(f"bundle: {bundle} ({mib(dir_size(bundle))})")

    artefacts = [bundle]
    if not args.no_installer:
        t = time.perf_counter()
        if IS_LINUX:
            sys.path.insert(0, str(HERE / "linux"))
            from build_deb import build_deb

            artefacts.append(
                build_deb(bundle, stage / "icons", dist, compression=args.compression)
            )
        elif IS_MAC:
            app = dist / "BigCommerce Register.app"
            dmg = dist / f"{APP_NAME}-{__version__}.dmg"
            run(["bash", str(HERE / "macos" / "make_dmg.sh"), str(app), str(dmg), __version__])
            artefacts += [app, dmg]
        elif IS_WIN:
            iscc = find_iscc(args.iscc)
            if iscc is None:
                say("Inno Setup 6 (ISCC.exe) not found: install it (choco install innosetup)"
                    " or build the bundle only with --no-installer")
                return 1
            else:
                run([
                    iscc, f"/DAppVersion={__version__}", f"/DBundleDir={bundle}",
                    f"/DIconFile={stage / 'icons' / 'bc-pos.ico'}", f"/O{dist}",
                    str(HERE / "windows" / "bc-pos.iss"),
                ])
                artefacts.append(dist / f"{APP_NAME}-{__version__}-setup.exe")
        timings["installer"] = time.perf_counter() - t

    timings["total"] = time.perf_counter() - started
    for artefact in artefacts:
        size = dir_size(artefact) if artefact.is_dir() else artefact.stat().st_size
        say(f"artefact: {artefact} ({mib(size)})")
    say("times: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
