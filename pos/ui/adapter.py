"""The sale as Qt sees it: engine callbacks become signals, coroutines run on the Qt loop.

Pages never await the engine themselves: they call :meth:`SaleView.run` from a slot, which
sets the sale's busy flag at once (so a bouncing Enter cannot start a call twice), keeps the
task alive, and hands the result or the clerk-facing error back to the page.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos.sale import InvalidInput, Sale, SaleError, SaleEvent, ValidationError
from pos.ui.async_qt import Busy, TaskRunner
from pos.ui.wording import say

log = logging.getLogger(__name__)
T = TypeVar("T")

_OFFLINE_NAMES = ("Connection", "Timeout", "Offline", "Network", "Unreachable")


def is_offline_error(exc: BaseException) -> bool:
    """True for errors that mean the store cannot be reached right now."""
    if isinstance(exc, SaleError):
        return exc.offline
    return any(part in cls.__name__ for cls in type(exc).__mro__ for part in _OFFLINE_NAMES)


def clerk_message(exc: BaseException) -> str:
    """What the clerk is told about ``exc``: the engine's words, never a stack trace.

    The sale engine's errors (``pos.sale``) are written for the clerk; anything else gets a
    plain sentence.
    """
    if str(exc).strip() and isinstance(exc, (SaleError, InvalidInput)):
        from pos.ui.sale_messages import error_text

        return error_text(exc)
    if is_offline_error(exc):
        return QCoreApplication.translate(
            "SaleView", "The store cannot be reached. Check the connection and try again."
        )
    return QCoreApplication.translate(
        "SaleView", "Something went wrong. Try again; if it keeps happening, call a manager."
    )


def field_errors(exc: BaseException) -> list[ValidationError]:
    """The field errors of a validation failure (``pos.sale.InvalidInput``)."""
    return list(exc.errors) if isinstance(exc, InvalidInput) else []


class SaleView(QObject):
    """A :class:`pos.sale.Sale` wrapped for the pages."""

    sale_event = Signal(object)  # every SaleEvent as it comes
    lines_changed = Signal()
    totals_changed = Signal()
    step_changed = Signal(object)  # the SaleStep
    error = Signal(str)  # a failure the clerk should read
    warning = Signal(str)  # something the clerk should know; nothing failed
    online_changed = Signal(bool)
    retry_scheduled = Signal(float)  # seconds until the sale tries the store again by itself
    closed = Signal()

    def __init__(self, sale: Sale, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sale = sale
        self.busy = Busy(self)
        self.runner = TaskRunner(self)
        self._online = True
        self._closed = False
        self._unsubscribe: Callable[[], None] | None = sale.subscribe(self._on_event)

    # -- events ---------------------------------------------------------------------------

    def _on_event(self, event: SaleEvent) -> None:
        """Every kind :class:`pos.sale.SaleEvent` documents; ``busy`` and ``payment`` only
        reach :attr:`sale_event` (the pages read the sale's state when they need it)."""
        kind = event.kind
        self.sale_event.emit(event)
        if kind == "lines":
            self.lines_changed.emit()
            self.totals_changed.emit()
        elif kind in {"totals", "consignments", "customer"}:
            self.totals_changed.emit()
        elif kind == "warning" and event.message:
            self.warning.emit(say(event.message))
        elif kind == "step":
            self.step_changed.emit(event.step)
        elif kind == "connection" and event.online is not None:
            self.set_online(event.online)
            if not event.online and event.retry_in is not None:
                self.retry_scheduled.emit(event.retry_in)

    def message_for(self, exc: BaseException) -> str:
        """The clerk's words for a failure of this sale."""
        return clerk_message(exc)

    def set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self.online_changed.emit(online)

    def is_online(self) -> bool:
        return self._online

    # -- running calls --------------------------------------------------------------------

    def run(
        self,
        call: Callable[[], Awaitable[T]],
        *,
        on_result: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        exclusive: bool = True,
    ) -> bool:
        """Start ``call()`` now; False (and nothing started) if the sale is busy or closed."""
        if self._closed:
            return False

        def failed(exc: BaseException) -> None:
            if is_offline_error(exc):
                self.set_online(False)
            if on_error is not None:
                on_error(exc)
            else:
                self.error.emit(self.message_for(exc))

        def succeeded(result: T) -> None:
            self.set_online(True)
            if on_result is not None:
                on_result(result)

        task = self.runner.start(
            call, busy=self.busy, exclusive=exclusive, on_result=succeeded, on_error=failed
        )
        return task is not None

    def is_closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Stop everything this view started (the window moved on to another sale)."""
        if not self._closed:
            self._closed = True
            self.closed.emit()
        self.runner.cancel_all()
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()
