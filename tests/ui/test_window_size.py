"""The register's window: maximized on counter screens, as the clerk left it after, and
usable down to 1024×600."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QWizard
from ui_helpers import to_payment, wiz

from pos.ui.app import place_window, remember_window


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def test_first_start_opens_maximized_and_then_as_the_clerk_left_it(qtbot, window, settings):
    window.hide()
    place_window(window, settings)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    window.showNormal()
    window.setGeometry(2, 20, 795, 500)  # within the offscreen screen (800×600)
    qtbot.waitUntil(lambda: window.height() == 500, timeout=2000)
    remember_window(window, settings)
    window.hide()
    window.resize(790, 300)
    place_window(window, settings)
    assert not window.windowState() & Qt.WindowState.WindowMaximized
    assert (window.width(), window.height()) == (795, 500)


def test_at_1024_by_600_the_buttons_and_the_charge_are_in_view(qtbot, window):
    window.showNormal()
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.size().height() == 600, timeout=2000)
    to_payment(qtbot, window)
    w = wiz(window)
    qtbot.waitUntil(lambda: w.payment_page.options is not None, timeout=10_000)
    view = QRect(QPoint(0, 0), window.size())
    for widget in (w.button(QWizard.WizardButton.BackButton),
                   w.button(QWizard.WizardButton.CancelButton),
                   w.payment_page.charge_button):
        assert widget.isVisible()
        assert view.contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))
