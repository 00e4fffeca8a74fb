from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from ui_helpers import key_char

from pos.ui.widgets.scanner import ScannerDetector, ScannerSettings


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000

    def __call__(self) -> int:
        return self.now


def _form(qtbot):
    form = QWidget()
    layout = QVBoxLayout(form)
    name = QLineEdit()
    other = QLineEdit()
    layout.addWidget(name)
    layout.addWidget(other)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    return form, name, other


def _type(widget, text: str, clock: FakeClock, gap_ms: int) -> None:
    for ch in text:
        clock.now += gap_ms
        key_char(widget, ch)


def _detector(clock, qapp, **kw) -> ScannerDetector:
    det = ScannerDetector(settings=ScannerSettings(**kw), clock=clock)
    det.install(qapp)
    return det


@dataclass
class Rig:
    clock: FakeClock
    form: QWidget
    name: QLineEdit
    det: ScannerDetector
    scans: list[str]


@contextmanager
def _rig(qtbot, qapp, **kw) -> Iterator[Rig]:
    """A two-field form with ``name`` focused and a detector on the app; ``scans`` records
    every scan; the detector comes off afterwards."""
    clock = FakeClock()
    form, name, _ = _form(qtbot)
    det = _detector(clock, qapp, **kw)
    scans: list[str] = []
    det.scanned.connect(scans.append)
    try:
        yield Rig(clock, form, name, det, scans)
    finally:
        det.uninstall()


def _enter(widget, clock: FakeClock, gap_ms: int) -> None:
    clock.now += gap_ms
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_a_fast_burst_ending_in_enter_is_one_scan_and_leaves_the_field_alone(qtbot, qapp):
    with _rig(qtbot, qapp) as r:
        name, clock = r.name, r.clock
        name.setText("Ana")
        name.returnPressed.connect(lambda: (_ for _ in ()).throw(AssertionError("Enter leaked")))
        with qtbot.waitSignal(r.det.scanned, timeout=1000) as sig:
            _type(name, "0012345678905", clock, gap_ms=5)
            _enter(name, clock, 5)
        assert sig.args == ["0012345678905"]
        assert name.text() == "Ana"


def test_normal_typing_reaches_the_focused_field(qtbot, qapp):
    with _rig(qtbot, qapp) as r:
        name, clock, scans = r.name, r.clock, r.scans
        entered: list[str] = []
        name.returnPressed.connect(lambda: entered.append(name.text()))
        _type(name, "Maria", clock, gap_ms=120)
        qtbot.waitUntil(lambda: name.text() == "Maria", timeout=1000)
        _enter(name, clock, 120)
        assert entered == ["Maria"]
        assert scans == []


def test_a_short_fast_burst_is_typing_not_a_scan(qtbot, qapp):
    with _rig(qtbot, qapp, min_length=4) as r:
        name, clock, scans = r.name, r.clock, r.scans
        _type(name, "ab", clock, gap_ms=5)
        _enter(name, clock, 5)
        assert name.text() == "ab"
        assert scans == []


def test_held_keys_keep_their_order_when_a_control_key_follows(qtbot, qapp):
    with _rig(qtbot, qapp) as r:
        name, clock = r.name, r.clock
        _type(name, "abc", clock, gap_ms=5)
        clock.now += 5
        QTest.keyClick(name, Qt.Key.Key_Backspace)
        assert name.text() == "ab"


def test_thresholds_are_configurable(qtbot, qapp):
    with _rig(qtbot, qapp, min_length=8, max_gap_ms=50) as r:
        name, clock, scans = r.name, r.clock, r.scans
        _type(name, "1234567", clock, gap_ms=40)  # slow for 30 ms, fine for 50; too short
        _enter(name, clock, 40)
        assert scans == []
        assert name.text() == "1234567"
        name.clear()
        _type(name, "12345678", clock, gap_ms=40)
        _enter(name, clock, 40)
        assert scans == ["12345678"]
        assert name.text() == ""


def test_a_pause_in_the_middle_splits_typing_from_a_scan(qtbot, qapp):
    with _rig(qtbot, qapp) as r:
        name, clock, scans = r.name, r.clock, r.scans
        _type(name, "xy", clock, gap_ms=200)
        _type(name, "98765", clock, gap_ms=200)  # first key after a pause flushes "xy"
        _enter(name, clock, 5)
        assert scans == []
        assert name.text() == "xy98765"


def test_disabled_detector_passes_everything(qtbot, qapp):
    with _rig(qtbot, qapp) as r:
        name, clock, scans = r.name, r.clock, r.scans
        r.det.setEnabled(False)
        _type(name, "12345", clock, gap_ms=1)
        QTest.keyClick(name, Qt.Key.Key_Return)
        assert name.text() == "12345"
        assert scans == []


def test_shift_around_capitals_is_part_of_the_scan(qtbot, qapp):
    """A wedge scanner holds Shift around each capital, as a keyboard does."""
    with _rig(qtbot, qapp) as r:
        name, clock, scans = r.name, r.clock, r.scans
        shifts: list[int] = []

        class Recorder(QObject):
            def eventFilter(self, watched, event):
                if (watched is name and event.type() == QEvent.Type.KeyPress
                        and event.key() == Qt.Key.Key_Shift):
                    shifts.append(event.key())
                return False

        recorder = Recorder()
        name.installEventFilter(recorder)
        try:
            name.setText("12")
            _type(name, "CCM-000012", clock, gap_ms=4)
            _enter(name, clock, 4)
            assert len(shifts) == 3  # the test sends what a scanner sends
            assert scans == ["CCM-000012"]
            assert name.text() == "12"
        finally:
            name.removeEventFilter(recorder)


def test_typing_capitals_by_hand_still_reaches_the_field(qtbot, qapp):
    with _rig(qtbot, qapp) as r:
        name, clock, scans = r.name, r.clock, r.scans
        _type(name, "Ana DIAZ", clock, gap_ms=120)
        qtbot.waitUntil(lambda: name.text() == "Ana DIAZ", timeout=1000)
        assert scans == []


def test_a_bare_modifier_does_not_restart_the_gap(qtbot, qapp):
    """Shift pressed long after the last key must not make a slow pause look fast."""
    with _rig(qtbot, qapp) as r:
        name, clock, scans = r.name, r.clock, r.scans
        _type(name, "ab", clock, gap_ms=5)
        clock.now += 200  # a pause: this is typing
        QTest.keyPress(name, Qt.Key.Key_Shift)
        QTest.keyRelease(name, Qt.Key.Key_Shift)
        clock.now += 5
        _type(name, "cd", clock, gap_ms=5)
        _enter(name, clock, 5)
        assert scans == []
        assert name.text() == "abcd"
