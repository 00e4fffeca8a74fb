"""At 200 % on a 1920x1080 screen the window has 960x540 logical pixels, and with 192-dpi
fonts the text is twice as tall: every page of a sale must still fit (its forms scroll
rather than clip), with the wizard's buttons and Charge on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget, QWizard
from ui_helpers import fill_guest_billing, next_page, wait_page, wiz

from pos.ui.pages import PAGE_FULFILMENT, PAGE_ITEMS, PAGE_PAYMENT


def on_screen(window: QWidget, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(QPoint(0, 0), window.size()).contains(QRect(top_left, widget.size()))


@pytest.fixture(params=["200 %", "192-dpi fonts"])
def scaled(request, qapp):
    font = qapp.font()
    if request.param == "200 %":
        size = (960, 540)
    else:
        bigger = qapp.font()
        bigger.setPointSizeF(font.pointSizeF() * 2)
        qapp.setFont(bigger)
        size = (1920, 1080)
    yield size
    qapp.setFont(font)


def test_every_page_fits_the_screen(qtbot, register, shop, scaled):
    width, height = scaled
    window = register()
    window.resize(width, height)
    w = wiz(window)

    def fits() -> None:
        hint = window.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height, (w.currentId(), hint)
        qtbot.waitUntil(lambda: window.width() <= width and window.height() <= height,
                        timeout=2000)
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton,
                      QWizard.WizardButton.CommitButton):
            button = w.button(which)
            if button is not None and button.isVisible():
                assert on_screen(window, button), (w.currentId(), which)

    fits()
    w.next()
    wait_page(qtbot, window, PAGE_ITEMS)
    from test_accessibility import scan

    scan(qtbot, window, shop.skus[0])
    fits()
    fill_guest_billing(qtbot, window)
    fits()
    next_page(qtbot, window, PAGE_FULFILMENT)
    w.fulfilment_page.ship.setChecked(True)
    fits()
    w.fulfilment_page.take_now.setChecked(True)
    next_page(qtbot, window, PAGE_PAYMENT)
    qtbot.waitUntil(lambda: w.payment_page.options is not None, timeout=10_000)
    fits()
    assert on_screen(window, w.payment_page.charge_button)
