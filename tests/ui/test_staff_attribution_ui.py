"""A sale rung up in the register window while a clerk is signed in names the clerk on the
order's staff notes at the store, and goes into the register's index of its sales."""

from __future__ import annotations

from pathlib import Path

import pytest
from openapi_support import StoreHttp
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_helpers import pay_new_card, to_payment, wait_page

from pos.returns.index import SaleQuery, SalesIndex
from pos.staff import ScryptParams, StaffDesk, StaffMember, hash_pin
from pos.staff.roster import Roster
from pos.ui.app import attribute_sales
from pos.ui.pages import PAGE_DONE
from pos.ui.sign_in import StaffScreens, attach_staff

FAST = ScryptParams(n=2**10, r=8, p=1)
PINS = {"Ana": "48151623", "Maria": "73519864"}


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "profiles"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    roster = Roster("shop")
    for name, role in (("Ana", "clerk"), ("Maria", "manager")):
        roster = roster.with_member(StaffMember(name, role, hash_pin(PINS[name], FAST)))
    return StaffDesk(roster)


def test_a_sale_in_the_window_names_the_signed_in_clerk(qtbot, register, desk, store,
                                                        tmp_path: Path) -> None:
    data = tmp_path / "register"
    win = register(data_dir=data)
    win.staff = attach_staff(win, desk, idle_check_ms=60_000)
    assert isinstance(win.staff, StaffScreens)
    attribute_sales(win, win.engine)
    screen = win.staff.screen
    screen.names.setCurrentIndex(screen.names.findText("Ana"))
    qtbot.waitUntil(screen.pad.field.hasFocus, timeout=2000)
    with qtbot.waitSignal(screen.signed_in, timeout=5000):
        QTest.keyClicks(screen.pad.field, PINS["Ana"])
        QTest.keyClick(screen.pad.field, Qt.Key.Key_Return)
    to_payment(qtbot, win)
    pay_new_card(qtbot, win, "4242424242424242")
    wait_page(qtbot, win, PAGE_DONE)
    order_id = win.view.sale.order_id
    assert order_id is not None

    with StoreHttp(store.info) as http:
        qtbot.waitUntil(lambda: http.v2_order(order_id)["staff_notes"] == "Clerk: Ana",
                        timeout=10_000)

    def indexed() -> bool:
        with SalesIndex(data / "sales-index.sqlite3") as index:
            return order_id in {s.order_id for s in index.search(SaleQuery(last4="4242"))}

    qtbot.waitUntil(indexed, timeout=10_000)
