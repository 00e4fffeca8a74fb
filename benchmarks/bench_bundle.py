"""Sizes and start-up times of the installed register beside the same from source.

    python benchmarks/bench_bundle.py [--runs 5] [--dist dist]

Reads the artefacts of ``python3 packaging/build.py`` (``dist/bc-pos/`` and
``dist/bc-pos_<version>_<arch>.deb``) and, when built, of ``python3 packaging/build.py
--target windows`` (``dist/bc-pos-<version>-setup.exe`` and ``dist/windows/bc-pos/``: their
sizes only; the Windows program's times under Wine would say nothing about Windows).
The installed program is ``/usr/bin/pos`` when the .deb is installed, else the bundle in
``dist/`` (the same files, not yet installed).

Start-to-first-window: ``pos --demo`` with ``POS_STARTUP_PROBE=1``, offscreen. The app
prints ``POS_STARTUP_READY <time.monotonic()>`` once the window is shown and the wizard's
first page has focus; the time is that printed value minus the (system-wide) monotonic
clock read just before the process was started, as ``benchmarks/bench_startup.py`` does,
so the pipe's delivery does not count. Then the process is stopped. The self-test's time
until Qt is up (its ``qt`` line, timed at its arrival) and its whole run are given too.
Targets: the installed app no slower than source; the .deb and the Windows set-up
under 100 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pos import APP_NAME, __version__

ROOT = Path(__file__).resolve().parent.parent
PROBE = re.compile(r"^POS_STARTUP_READY ")


def mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB"


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def time_until(cmd: list[str], pattern: re.Pattern[str], env: dict[str, str],
               timeout: float = 60.0, *, printed: bool = False) -> float | None:
    """Seconds from starting ``cmd`` until a line of its output matches (None: never).

    ``printed``: the matching line's second field is the ``time.monotonic()`` at which the
    program reached the point; the time is measured to that, not to the line's arrival."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                            cwd=ROOT, start_new_session=True)
    found = None
    deadline = started + timeout
    buffer = ""
    try:
        assert proc.stdout is not None
        stream = proc.stdout.fileno()
        while found is None and time.monotonic() < deadline:
            ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            chunk = os.read(stream, 65536)
            if not chunk:
                break  # the process ended without the line
            buffer += chunk.decode("utf-8", "replace")
            *lines, buffer = buffer.split("\n")
            arrived = time.monotonic()
            for line in lines:
                if pattern.search(line):
                    found = (float(line.split()[1]) if printed else arrived) - started
                    break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return found


def time_run(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, timeout=300, check=False)
    return time.perf_counter() - started


def series(measure: Callable[[], float | None], runs: int) -> tuple[float | None, float | None]:
    """(cold: the first run, warm: the median of the next ``runs``)."""
    cold = measure()
    if cold is None:
        return None, None
    warm = [m for m in (measure() for _ in range(runs)) if m is not None]
    return cold, statistics.median(warm) if warm else None


def fmt(pair: tuple[float | None, float | None]) -> str:
    cold, warm = pair
    if cold is None:
        return "n/a"
    return f"{cold * 1000:.0f} / {warm * 1000:.0f} ms" if warm is not None else f"{cold:.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs per measure")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args()

    bundle = args.dist / APP_NAME
    debs = sorted(args.dist.glob(f"{APP_NAME}_{__version__}_*.deb"))
    installed_here = (
        shutil.which("dpkg-query") is not None
        and subprocess.run(["dpkg-query", "-W", APP_NAME], capture_output=True).returncode == 0
    )
    frozen = Path("/usr/bin/pos") if installed_here else bundle / "pos"
    if not frozen.exists():
        sys.exit(f"no bundle at {bundle}: run python3 packaging/build.py first")
    source = [sys.executable, "-m", "pos"]
    frozen_cmd = [str(frozen)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_API="pyside6",
               POS_STARTUP_PROBE="1")
    # From source, warm means its bytecode cached (as an install has it): a cache of the
    # benchmark's own, written even where PYTHONDONTWRITEBYTECODE is set (the first, cold,
    # run fills it). The bundle ignores PYTHON* variables.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    pycache = tempfile.TemporaryDirectory(prefix="pos-bench-pycache-")
    env["PYTHONPYCACHEPREFIX"] = pycache.name

    rows: list[tuple[str, str, str]] = []
    rows.append(("bundle size (one folder)", "", mib(dir_size(bundle))))
    if debs:
        deb = debs[-1]
        installed_kib = subprocess.run(
            ["dpkg-deb", "--field", str(deb), "Installed-Size"], capture_output=True,
            text=True, check=False,
        ).stdout.strip()
        rows.append((".deb size (target < 100 MB)", "", mib(deb.stat().st_size)))
        if installed_kib:
            rows.append(("installed size", "", mib(int(installed_kib) * 1024)))
    # The Windows installer built under Wine (packaging/build.py --target windows).
    setups = sorted(args.dist.glob(f"{APP_NAME}-{__version__}-setup.exe"))
    if setups:
        rows.append(("Windows setup.exe size (target < 100 MB)", "",
                     mib(setups[-1].stat().st_size)))
    windows_bundle = args.dist / "windows" / APP_NAME
    if windows_bundle.is_dir():
        rows.append(("Windows bundle size (one folder)", "", mib(dir_size(windows_bundle))))

    def version(cmd: list[str]) -> Callable[[], float | None]:
        return lambda: time_run([*cmd, "--version"], env)

    rows.append(("`pos --version` (cold / warm)", fmt(series(version(source), args.runs)),
                 fmt(series(version(frozen_cmd), args.runs))))

    def first_window(cmd: list[str]) -> Callable[[], float | None]:
        return lambda: time_until([*cmd, "--demo"], PROBE, env, timeout=15, printed=True)

    window_source = series(first_window(source), args.runs)
    if window_source[0] is not None:
        rows.append(("start to first window (cold / warm)", fmt(window_source),
                     fmt(series(first_window(frozen_cmd), args.runs))))
    else:
        rows.append(("start to first window", "no probe yet", "no probe yet"))

    qt_up = re.compile(r"^(PASS|FAIL)  qt ")

    def self_test_qt(cmd: list[str]) -> Callable[[], float | None]:
        return lambda: time_until([*cmd, "--self-test"], qt_up, env)

    def self_test_all(cmd: list[str]) -> Callable[[], float | None]:
        return lambda: time_run([*cmd, "--self-test"], env)

    rows.append(("self-test: start to Qt up (cold / warm)",
                 fmt(series(self_test_qt(source), args.runs)),
                 fmt(series(self_test_qt(frozen_cmd), args.runs))))
    rows.append(("self-test: whole run (cold / warm)",
                 fmt(series(self_test_all(source), max(1, args.runs // 2))),
                 fmt(series(self_test_all(frozen_cmd), max(1, args.runs // 2)))))

    # Measured again, each source run followed by a bundle run, so that both see the same
    # machine (other work on it comes and goes): the medians of the pairs.
    pairs = [(time_run([*source, "--version"], env), time_run([*frozen_cmd, "--version"], env))
             for _ in range(max(15, 3 * args.runs))]
    version_source = (None, statistics.median(p[0] for p in pairs))
    version_frozen = (None, statistics.median(p[1] for p in pairs))
    label = "installed (/usr/bin/pos)" if installed_here else f"bundle ({frozen})"
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{width}} | {'source':>22} | {label:>24} |")
    print(f"|{'-' * (width + 2)}|{'-' * 24}|{'-' * 26}|")
    for name, src, frz in rows:
        print(f"| {name:<{width}} | {src:>22} | {frz:>24} |")
    src_warm, frz_warm = version_source[1], version_frozen[1]
    if src_warm is not None and frz_warm is not None:
        print(f"\n`pos --version`, warm: target installed no slower than source; before: "
              f"106 ms installed, 44 ms source (PyInstaller's hooks loaded Qt's core and "
              f"imported inspect, multiprocessing, pkgutil and usb; later importlib.abc, and "
              f"each module was inflated from the PYZ archive); now {frz_warm * 1000:.0f}"
              f" ms installed, {src_warm * 1000:.0f} ms source (medians of {len(pairs)} "
              f"runs of each, taken in turns): "
              f"{'met' if frz_warm <= src_warm else 'MISSED'}")
    pycache.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
