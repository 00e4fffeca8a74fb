"""The help overlay (F1) lists F7, the return flow, in English and in Spanish."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from pos.ui.widgets.help_overlay import HelpOverlay
from pos.ui.wizard import shortcuts


def _overlay_text(qtbot) -> dict[str, str]:
    host = QWidget()
    qtbot.addWidget(host)
    overlay = HelpOverlay(host, shortcuts())
    labels = [label.text() for label in overlay.findChildren(QLabel)]
    assert "<b>F7</b>" in labels
    return dict(overlay.rows)


def test_f7_is_in_the_help_in_english(qtbot):
    rows = _overlay_text(qtbot)
    assert rows["F7"] == "Returns: find a past sale, refund or void it"


def test_f7_is_in_the_help_in_spanish(qtbot, spanish):
    rows = _overlay_text(qtbot)
    assert rows["F7"] == "Devoluciones: buscar una venta anterior, reembolsarla o anularla"
