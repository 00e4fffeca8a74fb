"""Shared helpers for the wizard's tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from pos.ui.pages import PAGE_CUSTOMER, PAGE_START
from pos.ui.profile import ScreenProfile

PROFILE = ScreenProfile(store="Demo store", channel="POS (1)", terminal="Till 1",
                        locale="en_US", currency="USD", country="US",
                        pickup_location="Main Street shop", demo=True)


def show_active(qtbot, widget: QWidget) -> None:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)


def put_on_screen(qtbot, win):
    """The register's window at its usual size, shown and active; returns ``win``."""
    win.resize(1000, 720)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def fake_register(qtbot, sale_class=None):
    """A register window on the stand-in engine; ``win.sales`` lists the sales it made."""
    from ui_fake_sale import FakeSale

    from pos.ui.wizard import RegisterWindow

    make = sale_class or FakeSale
    sales: list = []

    def factory():
        sales.append(make())
        return sales[-1]

    win = put_on_screen(qtbot, RegisterWindow(PROFILE, factory))
    win.sales = sales
    return win


@dataclass
class Folders:
    """Profile, system and data folders under one root, named by the POS_* variables."""

    root: Path
    user: Path
    system: Path
    data: Path

    def files_holding(self, secret: str) -> list[Path]:
        found = []
        scanned = 0
        for path in self.root.rglob("*"):
            if path.is_file():
                scanned += 1
                if secret.encode() in path.read_bytes():
                    found.append(path)
        assert scanned >= 1
        return found


def make_folders(root: Path, monkeypatch: pytest.MonkeyPatch) -> Folders:
    found = Folders(root, root / "config" / "profiles", root / "system", root / "data")
    monkeypatch.setenv("POS_PROFILES_DIR", str(found.user))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(found.system))
    monkeypatch.setenv("POS_DATA_DIR", str(found.data))
    monkeypatch.delenv("POS_TOKEN", raising=False)
    return found


def press(key: Qt.Key, widget: QWidget | None = None) -> None:
    target = widget or QApplication.focusWidget()
    assert target is not None, "nothing has focus"
    QTest.keyClick(target, key)


def type_text(text: str, widget: QWidget | None = None) -> None:
    target = widget or QApplication.focusWidget()
    assert target is not None, "nothing has focus"
    QTest.keyClicks(target, text)


ADDRESS = {
    "first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
    "address1": "1 Main St", "city": "Austin", "country_code": "US",
    "state_or_province": "Texas", "state_or_province_code": "TX", "postal_code": "78701",
    "phone": "+15125550100",
}


# Characters a US keyboard (and a keyboard-wedge scanner set up like one) types with Shift.
SHIFTED = frozenset('~!@#$%^&*()_+{}|:"<>?')


def key_char(target: QWidget, ch: str) -> None:
    """One character as a keyboard or a wedge scanner sends it.

    Capitals and shifted symbols come with Shift held around them: QTest sends a Key_Shift
    press before the character and a Key_Shift release after it when the Shift modifier is
    given, exactly like a real scanner does.
    """
    if ch.isupper() or ch in SHIFTED:
        QTest.keyClick(target, ch, Qt.KeyboardModifier.ShiftModifier)
    else:
        QTest.keyClick(target, ch)


class Keyboard:
    """Sends key events to whatever has focus, with a clock the scanner detector reads."""

    def __init__(self) -> None:
        self.now = 10_000

    def __call__(self) -> int:
        return self.now

    def _target(self) -> QWidget:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has focus"
        return target

    def key(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, gap_ms: int = 150):
        self.now += gap_ms
        QTest.keyClick(self._target(), key, modifier)

    def type(self, text: str, gap_ms: int = 90) -> None:
        for ch in text:
            self.now += gap_ms
            key_char(self._target(), ch)

    def scan(self, code: str) -> None:
        """A keyboard-wedge scanner: a burst a few ms apart, Shift around capitals, Enter."""
        self.type(code, gap_ms=4)
        self.key(Qt.Key.Key_Return, gap_ms=4)


def wiz(window):
    return window.wizard


def wait_page(qtbot, window, page_id: int) -> None:
    qtbot.waitUntil(lambda: wiz(window).currentId() == page_id, timeout=3000)


def next_page(qtbot, window, page_id: int) -> None:
    """Next, and wait for the wizard to show ``page_id``."""
    wiz(window).next()
    wait_page(qtbot, window, page_id)


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.view.busy.is_busy, timeout=3000)


def add_items(qtbot, window, *codes: str) -> None:
    w = wiz(window)
    if w.currentId() == PAGE_START:
        w.next()
    page = w.items_page
    for code in codes:
        page.search.setFocus()
        page.search.setText(code)
        press(Qt.Key.Key_Return, page.search)
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: page.search.text() == "", timeout=3000)


def fill_guest_billing(qtbot, window, address=None) -> None:
    w = wiz(window)
    next_page(qtbot, window, PAGE_CUSTOMER)
    w.customer_page.form.set_address(address or ADDRESS)


def fill_new_card(qtbot, window, number: str, cvv: str = "123") -> None:
    """Type a new card on the payment page (without charging)."""
    page = wiz(window).payment_page
    qtbot.waitUntil(lambda: page.options is not None, timeout=3000)
    page.new_card_radio.setChecked(True)
    page.card.number.setFocus()
    type_text(number, page.card.number)
    page.card.name.setFocus()
    type_text("Ana Diaz", page.card.name)
    type_text("12/2031", page.card.expiry)
    type_text(cvv, page.card.cvv)


def pay_new_card(qtbot, window, number: str, cvv: str = "123") -> None:
    fill_new_card(qtbot, window, number, cvv)
    wiz(window).payment_page.charge_button.click()


def to_payment(qtbot, window, *codes: str) -> None:
    """Items, a guest's billing address, pickup, and on to the payment page."""
    from pos.ui.pages import PAGE_FULFILMENT, PAGE_PAYMENT

    add_items(qtbot, window, *(codes or ("TOTE-1",)))
    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    next_page(qtbot, window, PAGE_PAYMENT)


