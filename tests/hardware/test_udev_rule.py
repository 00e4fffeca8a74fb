"""The .deb installs the udev rule that lets the register's user reach a USB receipt
printer without root, and reloads udev when installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "packaging" / "linux" / "60-bc-pos-receipt-printers.rules"
_KEY = r'(?:[A-Z_]+(?:\{[A-Za-z0-9_ -]+\})?)'
_RULE_PART = re.compile(rf'^{_KEY}\s*(==|!=|=|\+=|-=|:=)\s*"[^"]*"$')


def test_the_rule_file_is_well_formed() -> None:
    for number, line in enumerate(RULES.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for part in (p.strip() for p in line.split(",")):
            assert _RULE_PART.match(part), f"line {number}: {part!r}"


def test_the_rule_grants_access_to_printer_class_and_known_vendors() -> None:
    text = RULES.read_text()
    assert 'ENV{ID_USB_INTERFACES}=="*:07????:*"' in text
    for vendor in ("04b8", "0519", "1504", "0416"):  # Epson, Star, Bixolon, Xprinter
        assert f'ATTR{{idVendor}}=="{vendor}"' in text
    assert 'TAG+="uaccess", GROUP="lp", MODE="0660"' in text
    labels = set(re.findall(r'LABEL="([^"]+)"', text))
    assert set(re.findall(r'GOTO="([^"]+)"', text)) <= labels


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")
def test_the_deb_installs_the_rule_and_reloads_udev(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "packaging" / "linux"))
    import build_deb

    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "pos").write_text("#!/bin/sh\nexit 0\n")
    icons = tmp_path / "icons"
    icons.mkdir()
    shutil.copyfile(REPO / "packaging" / "linux" / "bc-pos.svg", icons / "bc-pos.svg")
    for size in (48, 128, 256):
        (icons / f"bc-pos-{size}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    deb = build_deb.build_deb(bundle, icons, tmp_path / "out", compression="gzip")
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert "./usr/lib/udev/rules.d/60-bc-pos-receipt-printers.rules" in listing
    assert "./usr/share/doc/bc-pos/hardware.md" in listing
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    postinst = (control / "postinst").read_text()
    assert "udevadm control --reload-rules" in postinst
    assert "udevadm trigger --subsystem-match=usb" in postinst
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    installed = root / "usr/lib/udev/rules.d/60-bc-pos-receipt-printers.rules"
    assert installed.read_text() == RULES.read_text()
