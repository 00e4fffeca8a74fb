"""Work that waits until the window has been painted: what the clerk does not need to see
the first window (the wizard's later pages, the catalogue's first sync, the store's channel
name) runs once that window is on screen, not before it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: When the window is not painted (hidden, minimized, a platform that does not paint),
#: the work runs after this long anyway (milliseconds).
FALLBACK_MS = 1000
#: After the paint, the work waits this long more (milliseconds): the window takes the
#: clerk's first keys at once, and the work comes after.
PAUSE_MS = 50


class _AfterPaint(QObject):
    """Runs ``work`` once, :data:`PAUSE_MS` after the next paint of ``owner``'s window, or
    after ``fallback_ms`` when no paint comes; never when ``owner`` is destroyed first or
    the application is quitting; while the window is hidden, at its next paint."""

    def __init__(self, owner: QWidget, work: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(owner)
        self._work: Callable[[], None] | None = work
        self._window = owner.window()
        self._window.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run)
        self._timer.start(fallback_ms)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint \
                and self._work is not None:
            self._window.removeEventFilter(self)
            self._timer.start(PAUSE_MS)
        return False

    def run(self) -> None:
        if self._work is not None and not self._window.isVisible():
            self._window.installEventFilter(self)  # its next paint, if it ever shows
            return
        work, self._work = self._work, None
        self.cancel()
        if work is not None:
            work()

    def cancel(self) -> None:
        self._work = None
        self._timer.stop()
        self._window.removeEventFilter(self)
        self.deleteLater()


def after_paint(owner: QWidget, work: Callable[[], None], *,
                fallback_ms: int = FALLBACK_MS) -> None:
    """Call ``work()`` on the UI thread a moment after ``owner``'s window is next painted (a
    window being shown, or showing a new page or sale), at the latest ``fallback_ms`` from
    now; never once ``owner`` is destroyed. Call it after ``owner`` is in its window."""
    _AfterPaint(owner, work, fallback_ms)
