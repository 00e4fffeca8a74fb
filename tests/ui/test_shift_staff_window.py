"""The shift's actions in the register window, when the profile has staff: a clerk whose
role lacks the permission gets a manager's approval on the spot (the PIN on the same
screen) for the paid-in/out, the no-sale and the close; the action then proceeds once,
the approval and the action are in the audit log with both names, and the shift's ledger
records the clerk. A manager needs no approval; a cancelled approval does nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from pos.composition import demo_profile
from pos.shift import ShiftLedger
from pos.staff import ScryptParams, StaffDesk, StaffMember, hash_pin
from pos.staff.roster import Roster
from pos.ui.app import attach_shift
from pos.ui.shift_desk import MoneyMoveDialog, ShiftDesk
from pos.ui.shift_screens import ShiftCloseDialog, ShiftOpenDialog
from pos.ui.sign_in import StaffScreens, attach_staff

FAST = ScryptParams(n=2**10, r=8, p=1)
PINS = {"Ana": "48151623", "Bob": "90210377", "Maria": "73519864"}


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "profiles"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    roster = Roster("shop")
    for name, role in (("Ana", "clerk"), ("Bob", "supervisor"), ("Maria", "manager")):
        roster = roster.with_member(StaffMember(name, role, hash_pin(PINS[name], FAST)))
    return StaffDesk(roster)


def audit(desk: StaffDesk) -> list[dict]:
    return [json.loads(line) for line in desk.audit.path.read_text().splitlines()]


def type_pin(qtbot, pad, pin: str) -> None:
    # A dialog that closed leaves no window active offscreen (a desktop gives the
    # register's window back its focus).
    window = pad.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.waitUntil(pad.field.hasFocus, timeout=3000)
    QTest.keyClicks(pad.field, pin)
    QTest.keyClick(pad.field, Qt.Key.Key_Return)


def sign_in(qtbot, staff: StaffScreens, name: str) -> None:
    screen = staff.screen
    screen.names.setCurrentIndex(screen.names.findText(name))
    with qtbot.waitSignal(screen.signed_in, timeout=5000):
        type_pin(qtbot, screen.pad, PINS[name])


def approve(qtbot, staff: StaffScreens, name: str, pin: str) -> None:
    overlay = staff.approvals
    qtbot.waitUntil(overlay.isVisible, timeout=5000)
    overlay.approvers.setCurrentIndex(overlay.approvers.findText(name))
    type_pin(qtbot, overlay.pad, pin)


def moves(ledger: ShiftLedger, kind: str) -> list[dict]:
    return [e for e in ledger.events() if e["kind"] == kind]


@pytest.fixture
def staffed(qtbot, register, desk, store, tmp_path: Path):
    win = register()
    win.staff = attach_staff(win, desk, idle_check_ms=60_000)
    assert isinstance(win.staff, StaffScreens)
    shift = attach_shift(win, demo_profile(store), data_dir=tmp_path / "shift")
    assert isinstance(shift, ShiftDesk)
    yield win, win.staff, shift
    win.staff.idle.stop()


def test_a_clerk_gets_a_managers_approval_for_each_shift_action(
        qtbot, qloop, staffed, desk) -> None:
    win, staff, shift = staffed
    ledger = shift.ledger
    sign_in(qtbot, staff, "Ana")

    # Opening the shift needs no permission: the ledger names the clerk.
    shift.actions["open"].trigger()
    qtbot.waitUntil(lambda: isinstance(shift.dialog, ShiftOpenDialog), timeout=5000)
    qtbot.keyClicks(shift.dialog.float_sum, "100.00")
    shift.dialog._open()
    qtbot.waitUntil(lambda: shift.dialog is None, timeout=5000)
    assert [e["clerk"] for e in moves(ledger, "open")] == ["Ana"]
    assert not staff.approvals.isVisible()

    # A paid-out: Ana is a clerk, so nothing opens before a manager's PIN.
    shift.actions["paid_out"].trigger()
    qtbot.waitUntil(staff.approvals.isVisible, timeout=5000)
    assert shift.dialog is None
    assert ("Ana needs a manager's approval to pay cash in or out"
            in staff.approvals.question.text())
    approve(qtbot, staff, "Maria", PINS["Ana"])  # the wrong PIN: refused, no hint
    qtbot.waitUntil(lambda: staff.approvals.message.text() == "Wrong name or PIN.",
                    timeout=5000)
    assert shift.dialog is None
    approve(qtbot, staff, "Maria", PINS["Maria"])
    qtbot.waitUntil(lambda: isinstance(shift.dialog, MoneyMoveDialog), timeout=5000)
    assert not staff.approvals.isVisible()
    qtbot.keyClicks(shift.dialog.amount, "4.50")
    qtbot.keyClicks(shift.dialog.reason, "stamps")
    shift.dialog.record()
    qtbot.waitUntil(lambda: shift.dialog is None, timeout=5000)
    assert [(e["amount"], e["clerk"]) for e in moves(ledger, "paid_out")] == [("4.50", "Ana")]
    qtbot.waitUntil(lambda: audit(desk)[-1]["event"] == "cash_paid_out", timeout=5000)
    log = audit(desk)
    granted = [(e["staff"], e["approver"], e["action"]) for e in log
               if e["event"] == "approval_granted"]
    assert granted == [("Ana", "Maria", "cash_paid_in_out")]
    allowed = [(e["staff"], e["approver"], e["action"]) for e in log
               if e["event"] == "action_allowed"]
    assert allowed == [("Ana", "Maria", "cash_paid_in_out")]
    out = log[-1]
    assert (out["staff"], out["approver"], out["details"]["amount"]) == ("Ana", "Maria",
                                                                        "4.50")

    # Once: the next paid-out asks again; cancelling it does nothing.
    shift.actions["paid_out"].trigger()
    qtbot.waitUntil(staff.approvals.isVisible, timeout=5000)
    win.activateWindow()
    qtbot.waitUntil(staff.approvals.pad.field.hasFocus, timeout=3000)
    QTest.keyClick(staff.approvals.pad.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not staff.approvals.isVisible(), timeout=5000)
    assert shift.dialog is None and len(moves(ledger, "paid_out")) == 1

    # A supervisor approves a no-sale; only a manager the close.
    shift.actions["no_sale"].trigger()
    approve(qtbot, staff, "Bob", PINS["Bob"])
    qtbot.waitUntil(lambda: isinstance(shift.dialog, MoneyMoveDialog), timeout=5000)
    qtbot.keyClicks(shift.dialog.reason, "change for a note")
    shift.dialog.record()
    qtbot.waitUntil(lambda: shift.dialog is None, timeout=5000)
    assert [e["clerk"] for e in moves(ledger, "no_sale")] == ["Ana"]
    qtbot.waitUntil(lambda: audit(desk)[-1]["event"] == "drawer_open", timeout=5000)
    assert (audit(desk)[-1]["staff"], audit(desk)[-1]["approver"]) == ("Ana", "Bob")

    shift.actions["close"].trigger()
    qtbot.waitUntil(staff.approvals.isVisible, timeout=5000)
    assert staff.approvals.approvers.findText("Bob") == -1  # only those who may
    assert shift.dialog is None
    approve(qtbot, staff, "Maria", PINS["Maria"])
    qtbot.waitUntil(lambda: isinstance(shift.dialog, ShiftCloseDialog), timeout=5000)
    closing = shift.dialog
    qtbot.keyClicks(closing.counted, "95.50")
    closing.close_shift()
    qtbot.waitUntil(lambda: closing.report is not None, timeout=15_000)
    assert ledger.current() is None
    assert [e["clerk"] for e in moves(ledger, "close")] == ["Ana"]
    qtbot.waitUntil(lambda: audit(desk)[-1]["event"] == "shift_close", timeout=5000)
    closed = audit(desk)[-1]
    assert (closed["staff"], closed["approver"]) == ("Ana", "Maria")
    assert [(e["staff"], e["approver"], e["action"]) for e in audit(desk)
            if e["event"] == "action_allowed"] == [
        ("Ana", "Maria", "cash_paid_in_out"), ("Ana", "Bob", "no_sale"),
        ("Ana", "Maria", "close_shift")]
    closing.accept()


def test_a_manager_needs_no_approval_and_a_signed_out_register_does_nothing(
        qtbot, qloop, staffed, desk) -> None:
    _win, staff, shift = staffed
    ledger = shift.ledger
    ledger.open(currency="USD", float_amount="50.00", clerk="Maria")
    shift.refresh()
    # Locked (nobody signed in): the paid-in does not open.
    shift.actions["paid_in"].trigger()
    assert shift.dialog is None and not staff.approvals.isVisible()

    sign_in(qtbot, staff, "Maria")
    shift.actions["paid_in"].trigger()
    qtbot.waitUntil(lambda: isinstance(shift.dialog, MoneyMoveDialog), timeout=5000)
    assert not staff.approvals.isVisible()
    qtbot.keyClicks(shift.dialog.amount, "20.00")
    qtbot.keyClicks(shift.dialog.reason, "float top-up")
    shift.dialog.record()
    qtbot.waitUntil(lambda: shift.dialog is None, timeout=5000)
    assert [(e["amount"], e["clerk"]) for e in moves(ledger, "paid_in")] == [
        ("20.00", "Maria")]
    qtbot.waitUntil(lambda: audit(desk)[-1]["event"] == "cash_paid_in", timeout=5000)
    assert (audit(desk)[-1]["staff"], audit(desk)[-1]["approver"]) == ("Maria", None)

    # An approved action begun for a clerk goes away when the clerk signs out.
    shift.actions["no_sale"].trigger()
    qtbot.waitUntil(lambda: isinstance(shift.dialog, MoneyMoveDialog), timeout=5000)
    staff.screen.sign_out()
    qtbot.waitUntil(lambda: shift.dialog is None, timeout=5000)
    assert moves(ledger, "no_sale") == []
