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
