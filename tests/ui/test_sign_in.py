"""The PIN pad, the sign-in screen, the idle lock and the approval overlay, offscreen."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from pos.staff import Permission, ScryptParams, StaffDesk, StaffMember, hash_pin
from pos.staff.lockout import FREE_ATTEMPTS
from pos.staff.roster import Roster
from pos.ui.sign_in import ApprovalOverlay, IdleWatcher, SignInScreen, StaffLabel
from pos.ui.widgets.pin_pad import PinPad

FAST = ScryptParams(n=2**10, r=8, p=1)
PINS = {"Ana": "48151623", "Bob": "90210377", "Maria": "73519864"}


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now

    def advance(self, **kw):
        self.now += timedelta(**kw)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def desk(tmp_path, monkeypatch, clock):
    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "profiles"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    roster = Roster("shop")
    for name, role in (("Ana", "clerk"), ("Bob", "supervisor"), ("Maria", "manager")):
        roster = roster.with_member(StaffMember(name, role, hash_pin(PINS[name], FAST)))
    return StaffDesk(roster, clock=clock)


def events(desk):
    return [json.loads(line) for line in desk.audit.path.read_text().splitlines()]


@pytest.fixture
def host(qtbot):
    """A window with a 'sale' in it (a field with text) for the overlays to cover."""
    win = QWidget()
    win.resize(600, 500)
    layout = QVBoxLayout(win)
    win.sale = QLineEdit("2 x coffee", win)
    layout.addWidget(win.sale)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    return win


def type_pin(qtbot, pad, pin):
    qtbot.waitUntil(pad.field.hasFocus, timeout=2000)
    QTest.keyClicks(pad.field, pin)
    QTest.keyClick(pad.field, Qt.Key.Key_Return)


def sign_in(qtbot, screen, name, pin):
    screen.names.setCurrentIndex(screen.names.findText(name))
    with qtbot.waitSignal(screen.signed_in, timeout=5000) as signal:
        type_pin(qtbot, screen.pad, pin)
    return signal.args[0]


def test_the_pin_pad_masks_digits_and_takes_keys_and_buttons(qtbot, host):
    pad = PinPad(host)
    host.layout().addWidget(pad)
    pad.setFocus()
    submitted = []
    pad.submitted.connect(lambda: submitted.append(True))
    QTest.keyClicks(pad.field, "12a3")
    assert pad.field.text() == "123"
    assert "1" not in pad.field.displayText()  # masked
    QTest.keyClick(pad.field, Qt.Key.Key_Return)
    assert submitted == []  # fewer than 4 digits
    pad.digit_buttons[4].click()
    QTest.keyClicks(pad.field, "56789")
    assert pad.field.text() == "12345678"  # at most 8
    QTest.keyClick(pad.field, Qt.Key.Key_Enter)
    assert submitted == [True]
    assert pad.take() == "12345678" and pad.field.text() == ""


def test_sign_in_by_keyboard_shows_the_clerk_in_the_header(qtbot, host, qloop, desk):
    screen = SignInScreen(host, desk)
    label = StaffLabel(host)
    screen.signed_in.connect(label.set_clerk)
    screen.signed_out.connect(lambda: label.set_clerk(None))
    screen.lock()
    assert screen.isVisible() and label.text() == "Signed out"
    assert [screen.names.itemText(i) for i in range(screen.names.count())] == [
        "Ana", "Bob", "Maria"]
    member = sign_in(qtbot, screen, "Ana", PINS["Ana"])
    assert member.name == "Ana" and desk.clerk == member
    assert not screen.isVisible()
    assert label.text() == "Clerk: Ana (clerk)"
    assert events(desk)[-1]["event"] == "sign_in"


def test_a_wrong_pin_gets_one_neutral_message_and_an_empty_field(qtbot, host, qloop, desk):
    screen = SignInScreen(host, desk)
    screen.lock()
    screen.names.setCurrentIndex(screen.names.findText("Ana"))
    messages = []
    for wrong in ("48151624", "0000"):
        type_pin(qtbot, screen.pad, wrong)
        qtbot.waitUntil(lambda: screen.message.text() == "Wrong name or PIN.", timeout=5000)
        messages.append(screen.message.text())
        assert screen.pad.field.text() == ""
        screen.message.clear()
    assert messages == ["Wrong name or PIN.", "Wrong name or PIN."]
    assert screen.isVisible() and desk.clerk is None
    type_pin(qtbot, screen.pad, "1111")  # the third wrong PIN locks Ana out
    qtbot.waitUntil(lambda: "locked until" in screen.message.text(), timeout=5000)
    type_pin(qtbot, screen.pad, PINS["Ana"])
    qtbot.waitUntil(lambda: screen.pad.isEnabled() and "locked until" in
                    screen.message.text(), timeout=5000)
    assert desk.clerk is None
    assert sum(e["event"] == "pin_failed" for e in events(desk)) == FREE_ATTEMPTS


def test_idle_lock_after_the_idle_time_and_activity_resets_it(
    qtbot, host, qloop, desk, clock
):
    screen = SignInScreen(host, desk)
    watcher = IdleWatcher(desk, screen, parent=host)
    watcher.start()
    screen.lock()
    sign_in(qtbot, screen, "Bob", PINS["Bob"])
    clock.advance(seconds=200)
    QTest.keyClick(host.sale, Qt.Key.Key_End)  # the clerk is still there
    clock.advance(seconds=200)
    watcher.check()
    assert not screen.isVisible()
    clock.advance(seconds=100)
    with qtbot.waitSignal(screen.signed_out, timeout=5000):
        watcher.check()
    assert screen.isVisible() and desk.clerk is None
    assert "time without use" in screen.message.text()
    assert events(desk)[-1]["event"] == "idle_lock"
    watcher.stop()


def test_switching_clerk_keeps_the_sale_and_sign_out_is_a_key(qtbot, host, qloop, desk):
    screen = SignInScreen(host, desk)
    screen.lock()
    sign_in(qtbot, screen, "Ana", PINS["Ana"])
    host.sale.setFocus()
    with qtbot.waitSignal(screen.signed_out, timeout=5000):
        QTest.keySequence(host, QKeySequence("Ctrl+L"))
    assert screen.isVisible()
    sign_in(qtbot, screen, "Bob", PINS["Bob"])
    assert host.sale.text() == "2 x coffee"
    assert desk.clerk is not None and desk.clerk.name == "Bob"
    kinds = [(e["event"], e["staff"]) for e in events(desk)]
    assert kinds == [("sign_in", "Ana"), ("sign_out", "Ana"), ("sign_in", "Bob")]


def test_the_pages_shortcuts_are_quiet_while_the_screen_covers_them(qtbot, host, qloop, desk):
    pressed = []
    charge = QShortcut(QKeySequence(Qt.Key.Key_F9), host)
    charge.activated.connect(lambda: pressed.append("F9"))
    screen = SignInScreen(host, desk)
    screen.lock()
    qtbot.waitUntil(screen.pad.field.hasFocus, timeout=2000)
    QTest.keyClick(screen.pad.field, Qt.Key.Key_F9)
    assert pressed == []
    sign_in(qtbot, screen, "Ana", PINS["Ana"])
    host.sale.setFocus()
    QTest.keyClick(host.sale, Qt.Key.Key_F9)
    assert pressed == ["F9"]


def test_the_register_window_keeps_its_sale_across_clerks(qtbot, qloop, desk, register):
    win = register(catalog=False)
    sale, wizard = win.view.sale, win.wizard
    screen = SignInScreen(win.centralWidget(), desk)
    label = StaffLabel(win.header)
    win.header.layout().addWidget(label)
    screen.signed_in.connect(label.set_clerk)
    screen.lock()
    sign_in(qtbot, screen, "Ana", PINS["Ana"])
    screen.sign_out()
    sign_in(qtbot, screen, "Maria", PINS["Maria"])
    assert win.view.sale is sale and win.wizard is wizard
    assert label.text() == "Clerk: Maria (manager)"


def test_a_manager_approves_on_the_spot_once(qtbot, host, qloop, desk):
    desk.sign_in("Ana", PINS["Ana"])
    overlay = ApprovalOverlay(host, desk)
    task = qloop.create_task(overlay.request(Permission.REFUND))
    qtbot.waitUntil(overlay.isVisible, timeout=5000)
    assert "Ana needs a manager's approval to refund" in overlay.question.text()
    assert [overlay.approvers.itemText(i) for i in range(overlay.approvers.count())] == [
        "Maria"]
    type_pin(qtbot, overlay.pad, PINS["Bob"])
    qtbot.waitUntil(lambda: overlay.message.text() == "Wrong name or PIN.", timeout=5000)
    type_pin(qtbot, overlay.pad, PINS["Maria"])
    qtbot.waitUntil(task.done, timeout=5000)
    approval = task.result()
    assert approval.granted and approval.approver == "Maria" and not overlay.isVisible()
    approval.use(Permission.REFUND)
    granted = [e for e in events(desk) if e["event"] == "approval_granted"]
    assert [(e["staff"], e["approver"], e["action"]) for e in granted] == [
        ("Ana", "Maria", "refund")]


def test_escape_cancels_an_approval(qtbot, host, qloop, desk):
    desk.sign_in("Bob", PINS["Bob"])
    overlay = ApprovalOverlay(host, desk)
    task = qloop.create_task(overlay.request(Permission.CLOSE_SHIFT))
    qtbot.waitUntil(overlay.isVisible, timeout=5000)
    qtbot.waitUntil(overlay.pad.field.hasFocus, timeout=2000)
    QTest.keyClick(overlay.pad.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.result() is None and not overlay.isVisible()
    qtbot.waitUntil(lambda: events(desk)[-1]["event"] == "approval_refused", timeout=5000)


def test_a_role_that_allows_the_action_needs_no_overlay(qtbot, host, qloop, desk):
    desk.sign_in("Bob", PINS["Bob"])
    overlay = ApprovalOverlay(host, desk)
    task = qloop.create_task(overlay.request(Permission.NO_SALE))
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.result().granted and not overlay.isVisible()


class Scanner:
    def __init__(self):
        self.enabled = True

    def isEnabled(self):
        return self.enabled

    def setEnabled(self, on):
        self.enabled = on


def test_attach_staff_locks_the_window_pauses_the_scanner_and_stays_on_top(
    qtbot, qloop, desk, register
):
    from pos.ui.sign_in import attach_staff

    win = register(catalog=False)
    win.scanner = Scanner()
    staff = attach_staff(win, desk, idle_check_ms=60_000)
    assert staff is not None and staff.screen.is_locked()
    assert win.header.isAncestorOf(staff.label) and staff.label.text() == "Signed out"
    assert not win.scanner.enabled
    sign_in(qtbot, staff.screen, "Ana", PINS["Ana"])
    assert win.scanner.enabled and staff.label.text() == "Clerk: Ana (clerk)"

    staff.screen.sign_out()
    assert not win.scanner.enabled
    win.start_sale()  # a new sale's pages appear under the locked screen
    central = win.centralWidget()

    def covered():
        hit = central.childAt(central.rect().center())
        return hit is not None and (hit is staff.screen or staff.screen.isAncestorOf(hit))

    qtbot.waitUntil(covered, timeout=3000)
    qtbot.waitUntil(staff.screen.pad.field.hasFocus, timeout=3000)
    staff.idle.stop()


def test_attach_staff_does_nothing_without_staff(qtbot, qloop, tmp_path, monkeypatch,
                                                 register):
    from pos.ui.sign_in import attach_staff

    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path))
    win = register(catalog=False)
    assert attach_staff(win, StaffDesk(Roster("shop"))) is None
    assert not any(isinstance(c, SignInScreen) for c in win.findChildren(SignInScreen))
