"""Keyboard-wedge barcode scanners, recognised wherever focus is.

A scanner types a code as a fast burst of printable keys and ends it with Enter. The
detector is an application-wide event filter: it holds each printable key press for at most
``max_gap_ms``; if the next key comes sooner, it keeps holding; when Enter closes a burst of
at least ``min_length`` keys it eats the keys and the Enter and emits ``scanned(code)``
once. Anything else (a pause, a shorter burst, a key with Ctrl/Alt/Meta, an arrow, Tab) lets
the held keys go, in order, to the widget that has focus, so ordinary typing is untouched
apart from a delay of a few milliseconds.

A scanner types capitals and symbols the way a keyboard does, with Shift pressed around the
key. Bare modifier keys (Shift, Control, Alt, AltGr, Meta, Caps Lock) are therefore neither
part of a burst nor the end of one: they pass through without flushing and without touching
the timing.

Shortcuts of the app use function keys and Ctrl combinations only, so a scan can never
trigger one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_BLOCKING_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Hyper_L,
    Qt.Key.Key_Hyper_R,
    Qt.Key.Key_Mode_switch,
})


@dataclass(frozen=True)
class ScannerSettings:
    min_length: int = 4
    """Fewest characters in a burst for it to count as a scan."""
    max_gap_ms: int = 30
    """Longest pause between two keys of one scan (scanners send a key every 1-15 ms)."""


@dataclass
class _Held:
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    target: QObject


class ScannerDetector(QObject):
    """Application-wide event filter that turns scanner bursts into ``scanned(str)``."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        settings: ScannerSettings | None = None,
        clock: Callable[[], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or ScannerSettings()
        if clock is None:
            timer = QElapsedTimer()
            timer.start()
            clock = timer.elapsed
        self._clock = clock
        self._held: list[_Held] = []
        self._last_ms = 0
        self._replaying = False
        self._enabled = True
        self._installed_on: QApplication | None = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self.flush)

    # -- set-up ---------------------------------------------------------------------------

    def install(self, app: QApplication | None = None) -> None:
        app = app or QApplication.instance()  # type: ignore[assignment]
        assert app is not None
        app.installEventFilter(self)
        self._installed_on = app

    def uninstall(self) -> None:
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None
        self.flush()

    def setEnabled(self, enabled: bool) -> None:
        if not enabled:
            self.flush()
        self._enabled = enabled

    def isEnabled(self) -> bool:
        return self._enabled

    # -- the filter -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or not self._enabled:
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        # Key events reach the focus widget and then propagate to its parents; each step
        # passes through this filter. Only the first delivery (to the focus widget) counts.
        if not isinstance(event, QKeyEvent) or not watched.isWidgetType():
            return False
        focus = QApplication.focusWidget()
        if focus is not None and watched is not focus:
            return False
        return self._on_key(watched, event)

    def _on_key(self, target: QObject, event: QKeyEvent) -> bool:
        if event.key() in _MODIFIER_KEYS:
            # Shift around a capital letter belongs to the burst it sits in.
            return False
        now = self._clock()
        gap = now - self._last_ms
        key = event.key()
        text = event.text()
        if self._held and gap > self.settings.max_gap_ms:
            self.flush()
        if key in _ENTER_KEYS and not (event.modifiers() & _BLOCKING_MODIFIERS):
            if len(self._held) >= self.settings.min_length:
                code = "".join(h.text for h in self._held)
                self._held.clear()
                self._flush_timer.stop()
                self.scanned.emit(code)
                return True
            self.flush()
            return False
        printable = (
            len(text) == 1
            and text.isprintable()
            and not (event.modifiers() & _BLOCKING_MODIFIERS)
            and not event.isAutoRepeat()
        )
        if not printable:
            self.flush()
            return False
        self._held.append(_Held(key, event.modifiers(), text, target))
        self._last_ms = now
        self._flush_timer.start(self.settings.max_gap_ms + 1)
        return True

    def flush(self) -> None:
        """Deliver the held keys to the widget that has focus now (or had it)."""
        self._flush_timer.stop()
        held, self._held = self._held, []
        if not held:
            return
        self._replaying = True
        try:
            for h in held:
                target = QApplication.focusWidget() or h.target
                press = QKeyEvent(QEvent.Type.KeyPress, h.key, h.modifiers, h.text)
                QApplication.sendEvent(target, press)
        finally:
            self._replaying = False
