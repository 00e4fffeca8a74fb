#!/usr/bin/env python3
"""Build ``bc-pos_<version>_<arch>.deb`` from the PyInstaller bundle, with ``dpkg-deb``.

    python3 packaging/linux/build_deb.py BUNDLE_DIR ICONS_DIR OUT_DIR [--compression zstd]

(``packaging/build.py`` calls :func:`build_deb` after the bundle is built.)

Layout of the package:

    /opt/bc-pos/                                  the one-folder bundle
    /usr/bin/pos -> /opt/bc-pos/pos               the command on the PATH
    /usr/share/applications/bc-pos.desktop        the menu entry
    /usr/share/icons/hicolor/{scalable,48x48,128x128,256x256}/apps/bc-pos.{svg,png}
    /usr/share/metainfo/net.bcpos.Register.metainfo.xml
    /usr/share/doc/bc-pos/copyright
    /etc/xdg/bc-pos/profiles.d/                   the system-wide profiles folder (fleet)
    /usr/lib/udev/rules.d/60-bc-pos-receipt-printers.rules   USB receipt printers without root
    /usr/share/doc/bc-pos/hardware.md             printers, drawer, customer display

``Depends`` is the measured base set for Qt (offscreen and a real X11/Wayland window) plus
every package that provides a system library the bundle's ELF files link to (found with
``ldd`` and ``dpkg -S``, as dpkg-shlibdeps would). A library no installed package provides
is reported: the build host lacks it, so it cannot be declared (install it and rebuild).
``libc6 (>= x.y)`` is the highest ``GLIBC_x.y`` symbol version any ELF file of the bundle
requires (``objdump -T``): the bundle carries some of the build host's libraries
(libstdc++, libexpat, ...), which need the host's glibc.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
from pos import APP_NAME, __version__  # noqa: E402

PACKAGE = APP_NAME  # "bc-pos"
APP_ID = "net.bcpos.Register"
PREFIX = Path("opt") / APP_NAME

# Measured (shared reference notes): offscreen Qt, and a real window under X11.
# (libc6 is declared with the glibc version the bundle's files require: see glibc_required.)
BASE_DEPENDS = [
    "libgl1", "libegl1", "libxcb1", "libx11-6", "libxkbcommon0",
    "libfontconfig1", "libfreetype6", "libglib2.0-0", "libdbus-1-3", "fonts-dejavu-core",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0",
]
# Plugins whose libraries a register does not need: skipped by the dependency audit
# (they load only when asked for: VNC, framebuffer, EGL-device and Wayland compositors).
OPTIONAL_PLUGIN_DIRS = ("egldeviceintegrations", "wayland-", "platforms/libqvnc",
                        "platforms/libqlinuxfb", "platforms/libqeglfs",
                        "platforms/libqvkkhrdisplay", "platforms/libqminimalegl")

POSTINST = """\
#!/bin/sh
set -e
if [ "$1" = "configure" ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 \\
            && [ -f /usr/share/icons/hicolor/index.theme ]; then
        gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
    fi
    if command -v udevadm >/dev/null 2>&1; then
        udevadm control --reload-rules || true
        udevadm trigger --subsystem-match=usb --action=change || true
    fi
fi
exit 0
"""

UDEV_RULES = "60-bc-pos-receipt-printers.rules"

POSTRM = """\
#!/bin/sh
set -e
case "$1" in
    remove|purge)
        if command -v update-desktop-database >/dev/null 2>&1; then
            update-desktop-database -q /usr/share/applications || true
        fi
        if command -v gtk-update-icon-cache >/dev/null 2>&1 \\
                && [ -f /usr/share/icons/hicolor/index.theme ]; then
            gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
        fi
        ;;
esac
if [ "$1" = "purge" ]; then
    # Anything written into the install folder at run time. The system-wide profiles
    # (/etc/xdg/bc-pos/profiles.d) are the administrator's: dpkg removes the folder
    # only when it is empty, and purge leaves deployed profiles in place.
    rm -rf /opt/bc-pos
fi
exit 0
"""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: bc-pos
Comment: The bundle under /opt/bc-pos includes Python, Qt (PySide6, LGPL-3.0) and the
 Python packages listed in the source's packaging/requirements-build.txt, each under
 its own licence.

Files: *
License: LicenseRef-Proprietary
"""


def say(text: str) -> None:
    print(f"[deb] {text}", flush=True)


def arch() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def audit_libraries(bundle: Path) -> tuple[set[str], set[str]]:
    """(packages providing the system libraries the bundle needs, libraries not found)."""
    bundled = {p.name for p in bundle.rglob("*") if p.is_file()}
    needed: set[str] = set()
    missing: set[str] = set()
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.is_symlink() or not _is_elf(path):
            continue
        rel = path.relative_to(bundle).as_posix()
        if any(part in rel for part in OPTIONAL_PLUGIN_DIRS):
            continue
        ldd = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        for line in ldd.splitlines():
            match = re.match(r"\s*(\S+)\s+=>\s+(\S+)", line)
            if not match:
                continue
            name, target = match.groups()
            if name in bundled:
                continue
            if target == "not":
                missing.add(f"{name} (needed by {rel})")
            elif not target.startswith(str(bundle)):
                needed.add(os.path.realpath(target))
    packages: set[str] = set()
    for lib in sorted(needed):
        out = subprocess.run(["dpkg", "-S", lib], capture_output=True, text=True)
        if out.returncode != 0:
            # usrmerge: dpkg knows /lib/... for what lives in /usr/lib/...
            alt = lib.removeprefix("/usr") if lib.startswith("/usr/lib") else "/usr" + lib
            out = subprocess.run(["dpkg", "-S", alt], capture_output=True, text=True)
        if out.returncode == 0:
            pkg = out.stdout.split(":", 1)[0].split(",")[0].strip()
            packages.add(pkg)
        else:
            missing.add(f"{lib} (no installed package owns it)")
    return packages, missing


_GLIBC = re.compile(r"\bGLIBC_(\d+(?:\.\d+)+)\b")


def glibc_versions(path: Path) -> set[tuple[int, ...]]:
    """The ``GLIBC_x.y`` symbol versions the ELF file ``path`` requires (undefined
    dynamic symbols, from ``objdump -T``)."""
    out = subprocess.run(
        ["objdump", "-T", str(path)], capture_output=True, text=True, check=False
    ).stdout
    found: set[tuple[int, ...]] = set()
    for line in out.splitlines():
        if "*UND*" not in line:
            continue
        for match in _GLIBC.finditer(line):
            found.add(tuple(int(x) for x in match.group(1).split(".")))
    return found


def glibc_required(bundle: Path) -> tuple[tuple[int, ...], str]:
    """(the highest glibc version any ELF file of ``bundle`` requires, that file)."""
    best: tuple[int, ...] = (2, 17)
    where = ""
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.is_symlink() or not _is_elf(path):
            continue
        versions = glibc_versions(path)
        if versions and max(versions) > best:
            best, where = max(versions), path.relative_to(bundle).as_posix()
    return best, where


def _copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True)


def _normalise_modes(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & stat.S_IXUSR
            path.chmod(0o755 if executable else 0o644)


def build_deb(
    bundle: Path, icons: Path, out_dir: Path, *, compression: str = "zstd"
) -> Path:
    if not (bundle / "pos").is_file():
        raise SystemExit(f"no bundle at {bundle} (expected {bundle / 'pos'})")
    deb_arch = arch()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{__version__}_{deb_arch}.deb"
    with tempfile.TemporaryDirectory(prefix="bc-pos-deb-") as tmp:
        root = Path(tmp) / "root"
        _copy_tree(bundle, root / PREFIX)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / "pos").symlink_to(Path("/") / PREFIX / "pos")

        apps = root / "usr/share/applications"
        apps.mkdir(parents=True)
        shutil.copyfile(HERE / "bc-pos.desktop", apps / "bc-pos.desktop")
        hicolor = root / "usr/share/icons/hicolor"
        (hicolor / "scalable/apps").mkdir(parents=True)
        shutil.copyfile(icons / "bc-pos.svg", hicolor / "scalable/apps/bc-pos.svg")
        for size in (48, 128, 256):
            folder = hicolor / f"{size}x{size}/apps"
            folder.mkdir(parents=True)
            shutil.copyfile(icons / f"bc-pos-{size}.png", folder / "bc-pos.png")
        metainfo = root / "usr/share/metainfo"
        metainfo.mkdir(parents=True)
        text = (HERE / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
        text = text.replace("@VERSION@", __version__).replace(
            "@DATE@", dt.date.today().isoformat()
        )
        (metainfo / f"{APP_ID}.metainfo.xml").write_text(text, encoding="utf-8")
        doc = root / "usr/share/doc" / PACKAGE
        doc.mkdir(parents=True)
        (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
        (root / "etc/xdg" / APP_NAME / "profiles.d").mkdir(parents=True)
        rules = root / "usr/lib/udev/rules.d"
        rules.mkdir(parents=True)
        shutil.copyfile(HERE / UDEV_RULES, rules / UDEV_RULES)
        hardware_doc = HERE.parent.parent / "docs" / "hardware.md"
        if hardware_doc.is_file():
            shutil.copyfile(hardware_doc, doc / "hardware.md")

        _validate(apps / "bc-pos.desktop", metainfo / f"{APP_ID}.metainfo.xml")

        packages, missing = audit_libraries(root / PREFIX)
        if missing:
            say("WARNING: libraries the bundle links to that this host lacks:")
            for item in sorted(missing):
                say(f"  {item}")
        base_names = {d.split()[0] for d in BASE_DEPENDS}
        extra = sorted(packages - base_names - {"libc6"})
        if extra:
            say("declared from the library audit: " + ", ".join(extra))
        glibc, needing = glibc_required(root / PREFIX)
        glibc_text = ".".join(map(str, glibc))
        say(f"glibc required: {glibc_text} (by {needing or 'no file'})")
        depends = [f"libc6 (>= {glibc_text})", *BASE_DEPENDS, *extra]

        control = root / "DEBIAN"
        control.mkdir()
        installed_kib = sum(
            p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink()
        ) // 1024
        (control / "control").write_text(
            f"Package: {PACKAGE}\n"
            f"Version: {__version__}\n"
            f"Architecture: {deb_arch}\n"
            "Maintainer: BigCommerce Register developers <root@localhost>\n"
            f"Installed-Size: {installed_kib}\n"
            f"Depends: {', '.join(depends)}\n"
            "Section: misc\n"
            "Priority: optional\n"
            "Description: point-of-sale register for BigCommerce stores\n"
            " A desktop register for in-store clerks of a BigCommerce store: a Qt wizard\n"
            " over BigCommerce's checkout and payments APIs, store credentials in the\n"
            " system keyring, and a built-in demo store. Run `pos --self-test` to check\n"
            " an installation.\n",
            encoding="utf-8",
        )
        (control / "postinst").write_text(POSTINST, encoding="utf-8")
        (control / "postrm").write_text(POSTRM, encoding="utf-8")
        (control / "postinst").chmod(0o755)
        (control / "postrm").chmod(0o755)
        _normalise_modes(root)
        (control / "postinst").chmod(0o755)
        (control / "postrm").chmod(0o755)
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root),
             str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    say(f"built {target} ({target.stat().st_size / 2**20:.1f} MiB, "
        f"installed {installed_kib / 1024:.1f} MiB)")
    return target


def _validate(desktop: Path, metainfo: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool:
        subprocess.run([tool, str(desktop)], check=True)
    else:
        say("desktop-file-validate not found (apt-get install desktop-file-utils): not checked")
    tool = shutil.which("appstreamcli")
    if tool:
        subprocess.run([tool, "validate", "--no-net", "--explain", str(metainfo)], check=True,
                       stdout=subprocess.DEVNULL)
    else:
        say("appstreamcli not found (apt-get install appstream): metainfo not checked")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("icons", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--compression", default="zstd", choices=("zstd", "xz", "gzip"))
    args = parser.parse_args()
    build_deb(args.bundle, args.icons, args.out_dir, compression=args.compression)
    return 0


if __name__ == "__main__":
    sys.exit(main())
