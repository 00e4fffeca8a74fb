"""The register's look on screen: a thick focus ring on every control, disabled shown by
more than grey, and a palette that follows the system's when it changes while the register
runs (dark, light, high contrast)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from test_contrast import dark, high_contrast, light

from pos.ui.app import apply_look
from pos.ui.contrast import contrast_ratio, text_pairs
from pos.ui.live_look import LiveLook, follow_system, stop_following
from pos.ui.widgets.fields import ErrorLabel

Role = QPalette.ColorRole


@pytest.fixture
def look(qapp):
    saved = qapp.palette()
    stop_following(qapp)
    qapp.setPalette(light())
    apply_look(qapp)
    yield qapp._pos_live_look
    stop_following(qapp)
    qapp.setStyleSheet("")
    qapp.setPalette(saved)


@pytest.fixture
def form(qtbot, look):
    host = QWidget()
    layout = QVBoxLayout(host)
    host.button = QPushButton("Charge", host)
    host.other = QPushButton("Back", host)
    host.off = QPushButton("Apply", host)
    host.off.setEnabled(False)
    host.field = QLineEdit(host)
    host.valid = QLineEdit(host)
    host.check = QCheckBox("Save the card", host)
    host.table = QTableWidget(2, 2, host)
    host.error = ErrorLabel(host.field, host)
    host.error.set_error("Fill this in.")
    for widget in (host.button, host.other, host.off, host.field, host.valid, host.check,
                   host.table, host.error):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    return host


def ring(widget: QWidget) -> list[str]:
    """The colours of the first four pixels in from the widget's left edge, mid-height."""
    image = widget.grab().toImage()
    y = image.height() // 2
    return [image.pixelColor(x, y).name() for x in range(4)]


def focus(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_every_focused_control_has_a_3px_ring_in_the_accent_colour(qtbot, form, qapp, look):
    accent = qapp.palette().color(Role.Accent).name()
    focus(qtbot, form.field)
    assert ring(form.button)[:3] != [accent] * 3  # not focused: no ring
    for widget in (form.button, form.valid, form.check, form.table):
        focus(qtbot, widget)
        assert ring(widget)[:3] == [accent] * 3, type(widget).__name__
        assert ring(widget)[3] != accent
    focus(qtbot, form.field)  # a field in error keeps its red ring, as thick
    assert ring(form.field)[:3] == ["#e53935"] * 3
    # The ring shows (3:1) on the window and in a field, in every palette.
    for make in (light, dark, high_contrast):
        before = look.refreshed
        qapp.setPalette(make())
        qtbot.waitUntil(lambda before=before: look.refreshed > before, timeout=2000)
        fixed = qapp.palette()
        for what, colour, background, needed in text_pairs(fixed):
            if "ring" in what or "frame" in what:
                assert contrast_ratio(colour, background) >= needed, (make.__name__, what)


def test_disabled_is_dashed_and_italic_not_only_grey(qtbot, form):
    image = form.off.grab().toImage()
    top = {image.pixelColor(x, 0).name() for x in range(6, image.width() - 6)}
    solid = form.other.grab().toImage()
    solid_top = {solid.pixelColor(x, 0).name() for x in range(6, solid.width() - 6)}
    assert len(top) >= 2  # dashes and gaps along the top edge
    assert len(solid_top) == 1  # an enabled button's frame is one line


def read(qapp) -> list[str]:
    return [what for what, colour, background, needed in text_pairs(qapp.palette())
            if contrast_ratio(colour, background) < needed]


def test_a_palette_set_while_running_is_made_readable_and_the_style_follows(
        qtbot, form, qapp, look):
    focus(qtbot, form.button)
    before = look.refreshed
    light_red = form.error.palette().color(Role.WindowText)
    qapp.setPalette(dark())  # the system went dark under the register
    qtbot.waitUntil(lambda before=before: look.refreshed > before, timeout=2000)
    assert read(qapp) == []
    assert qapp.palette().color(Role.Window) == dark().color(Role.Window)  # still dark
    accent = qapp.palette().color(Role.Accent).name()
    qtbot.waitUntil(lambda: ring(form.button)[:3] == [accent] * 3, timeout=2000)
    # The error's red is the one that reads on dark.
    red = form.error.palette().color(Role.WindowText)
    assert red != light_red
    assert contrast_ratio(red, qapp.palette().color(Role.Window)) >= 4.5


def test_a_colour_scheme_change_takes_the_systems_new_palette(qtbot, form, qapp):
    stop_following(qapp)
    system = {"palette": dark()}
    look = LiveLook(qapp, system_palette=lambda: QPalette(system["palette"]))
    qapp._pos_live_look = look
    look.apply()
    for scheme, make in ((Qt.ColorScheme.Dark, dark),
                         (Qt.ColorScheme.Unknown, high_contrast)):
        system["palette"] = make()
        before = look.refreshed
        qapp.styleHints().colorSchemeChanged.emit(scheme)
        qtbot.waitUntil(lambda before=before: look.refreshed > before, timeout=2000)
        assert read(qapp) == []
        assert qapp.palette().color(Role.Window) == make().color(Role.Window)
    # High contrast is the system's own: kept as it is, the ring in its highlight.
    for role in (Role.Text, Role.Base, Role.Highlight, Role.HighlightedText):
        assert qapp.palette().color(role) == high_contrast().color(role)
    assert qapp.palette().color(Role.Accent) == QColor("#ffff00")


def test_the_systems_theme_replaces_the_registers_fixes_of_the_last_one(qtbot, qapp, look):
    """No stand-in: the palette is taken again from the platform's theme (light here)."""
    qapp.setPalette(dark())
    qtbot.waitUntil(lambda: qapp.palette().color(Role.Window) == dark().color(Role.Window),
                    timeout=2000)
    before = look.refreshed
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda before=before: look.refreshed > before, timeout=2000)
    assert qapp.palette().color(Role.Window) != dark().color(Role.Window)
    assert qapp.palette().color(Role.Text) != dark().color(Role.Text)
    assert read(qapp) == []


def test_following_is_once_per_application(qapp, look):
    assert follow_system(qapp) is look
