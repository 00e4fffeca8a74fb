"""Render the app icon (``packaging/linux/bc-pos.svg``) for every platform, with Qt.

    python packaging/render_icons.py OUT_DIR

Writes ``bc-pos.svg`` (a copy), ``bc-pos-48.png``, ``bc-pos-128.png``, ``bc-pos-256.png``
(hicolor sizes for Linux), ``bc-pos.ico`` (Windows) and ``bc-pos.icns`` (macOS). Runs
offscreen; needs PySide6 (it is in the build venv).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).resolve().parent / "linux" / "bc-pos.svg"
PNG_SIZES = (48, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(out_dir: Path) -> int:
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, out_dir / "bc-pos.svg")
    for size in PNG_SIZES:
        target = out_dir / f"bc-pos-{size}.png"
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
    big = render(renderer, 256)
    for name, fmt in (("bc-pos.ico", "ICO"), ("bc-pos.icns", "ICNS")):
        if not big.save(str(out_dir / name), fmt):
            print(f"cannot write {name} (Qt image format plugin {fmt} missing?)", file=sys.stderr)
            return 1
    print(f"icons rendered in {out_dir}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
