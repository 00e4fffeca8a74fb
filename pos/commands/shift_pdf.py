"""The Z report saved as a PDF from the command line (Qt offscreen, no window)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["save_z_pdf"]


def save_z_pdf(report: dict[str, Any], path: Path) -> str:
    """Write ``report`` to ``path`` (a PDF); returns the path written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from pos.ui.shift_report import save_report_pdf

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    path = path.expanduser()
    save_report_pdf(report, path)
    return str(path)
