"""Every text of the register reads on its background (WCAG 2.1 AA, 4.5:1), on the light,
dark and high-contrast palettes alike."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from pos.ui.app import apply_look
from pos.ui.contrast import (
    TEXT_RATIO,
    accessible_palette,
    contrast_ratio,
    readable,
    text_pairs,
)
from pos.ui.live_look import stop_following

Role = QPalette.ColorRole


def test_the_ratio_is_wcags():
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#7f7f7f"), QColor("white")) == pytest.approx(4.0, abs=0.01)
    assert contrast_ratio(QColor("white"), QColor("#308cc6")) == pytest.approx(3.69, abs=0.01)


def light() -> QPalette:
    """Fusion's light palette as measured: grey placeholders, a light blue selection."""
    palette = QPalette(QColor("#efefef"), QColor("#ffffff"))
    palette.setColor(Role.Base, QColor("white"))
    palette.setColor(Role.Text, QColor("black"))
    palette.setColor(Role.PlaceholderText, QColor("#7f7f7f"))
    palette.setColor(Role.Highlight, QColor("#308cc6"))
    palette.setColor(Role.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorGroup.Disabled, Role.ButtonText, QColor("#bebebe"))
    return palette


def dark() -> QPalette:
    palette = QPalette(QColor("#353535"), QColor("#2d2d2d"))
    palette.setColor(Role.Base, QColor("#1e1e1e"))
    palette.setColor(Role.Text, QColor("#e0e0e0"))
    palette.setColor(Role.WindowText, QColor("#e0e0e0"))
    palette.setColor(Role.ButtonText, QColor("#e0e0e0"))
    palette.setColor(Role.PlaceholderText, QColor("#5a5a5a"))
    palette.setColor(Role.Highlight, QColor("#2a82da"))
    palette.setColor(Role.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorGroup.Disabled, Role.ButtonText, QColor("#4a4a4a"))
    return palette


def high_contrast() -> QPalette:
    palette = QPalette(QColor("black"), QColor("black"))
    for role in (Role.Base, Role.Window, Role.Button):
        palette.setColor(role, QColor("black"))
    for role in (Role.Text, Role.WindowText, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(role, QColor("white"))
    palette.setColor(Role.Highlight, QColor("#ffff00"))
    palette.setColor(Role.HighlightedText, QColor("black"))
    return palette


@pytest.mark.parametrize("make", [light, dark, high_contrast])
def test_every_text_reads_on_its_background(make):
    fixed = accessible_palette(make())
    for what, text, background, needed in text_pairs(fixed):
        assert contrast_ratio(text, background) >= needed, what


def test_the_measured_light_palette_failed_before():
    failing = [what for what, text, background, needed in text_pairs(light())
               if contrast_ratio(text, background) < needed]
    assert any("placeholder" in w for w in failing)
    assert any("selected row" in w for w in failing)


def test_a_high_contrast_palette_is_left_as_it_is():
    palette = high_contrast()
    fixed = accessible_palette(palette)
    for role in (Role.Text, Role.PlaceholderText, Role.Highlight, Role.HighlightedText):
        assert fixed.color(role) == palette.color(role)


def test_a_colour_that_reads_is_kept():
    assert readable(QColor("black"), QColor("white")) == QColor("black")
    moved = readable(QColor("#7f7f7f"), QColor("white"))
    assert contrast_ratio(moved, QColor("white")) >= TEXT_RATIO
    assert moved.lightness() < QColor("#7f7f7f").lightness()


def test_the_register_uses_the_readable_palette(qapp):
    saved = qapp.palette()
    try:
        qapp.setPalette(light())
        apply_look(qapp)
        for what, text, background, needed in text_pairs(qapp.palette()):
            assert contrast_ratio(text, background) >= needed, what
    finally:
        stop_following(qapp)
        qapp.setPalette(saved)
        qapp.setStyleSheet("")


def style_rules() -> list[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) of every rule of the register's style sheet."""
    import re

    from pos.ui.app import resource_path

    text = re.sub(r"/\*.*?\*/", "", resource_path("style.qss").read_text(encoding="utf-8"),
                  flags=re.S)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        props = {}
        for line in body.split(";"):
            name, _, value = line.partition(":")
            if value.strip():
                props[name.strip()] = value.strip()
        rules.append((" ".join(selector.split()), props))
    return rules


@pytest.mark.parametrize("make", [light, dark, high_contrast])
def test_the_style_sheets_own_colours_read(make):
    rules = dict(style_rules())
    # Text takes its colour from the palette (made readable), except on the offline
    # banner, which brings its own background.
    fixed_text = [s for s, props in rules.items() if props.get("color", "").startswith("#")]
    assert fixed_text == ["#offlineBanner QLabel"]
    banner = QColor(rules["#offlineBanner"]["background"])
    assert contrast_ratio(QColor(rules["#offlineBanner QLabel"]["color"]), banner) >= TEXT_RATIO
    # A field in error: its red ring shows (3:1) in the field and on the window.
    palette = accessible_palette(make())
    invalid = next(props for selector, props in rules.items()
                   if selector.startswith('QLineEdit[invalid="true"],'))
    red = QColor(invalid["border"].split()[-1])
    for role in (Role.Base, Role.Window):
        assert contrast_ratio(red, palette.color(role)) >= 3.0, role


@pytest.mark.parametrize("make", [light, dark, high_contrast])
def test_offline_reads_in_the_error_red_of_the_palette(qtbot, qapp, make):
    from pos.ui.widgets.header import HeaderBar

    saved = qapp.palette()
    try:
        qapp.setPalette(accessible_palette(make()))
        bar = HeaderBar()
        qtbot.addWidget(bar)
        bar.set_online(False)
        palette = bar.status.palette()
        assert contrast_ratio(palette.color(Role.WindowText), palette.color(Role.Window)) \
            >= TEXT_RATIO
        assert palette.color(Role.WindowText) != qapp.palette().color(Role.WindowText)
        bar.set_online(True)
        assert bar.status.palette().color(Role.WindowText) == qapp.palette().color(
            Role.WindowText)
    finally:
        qapp.setPalette(saved)
