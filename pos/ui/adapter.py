"""The sale as Qt sees it: engine callbacks become signals, coroutines run on the Qt loop.

Pages never await the engine themselves: they call :meth:`SaleView.run` from a slot, which
sets the sale's busy flag at once (so a bouncing Enter cannot start a call twice), keeps the
task alive, and hands the result or the clerk-facing error back to the page.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Awaitable, Callable
from types import ModuleType, SimpleNamespace
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pos.ui.async_qt import Busy, TaskRunner

log = logging.getLogger(__name__)
T = TypeVar("T")

_OFFLINE_NAMES = ("Connection", "Timeout", "Offline", "Network", "Unreachable")


def is_offline_error(exc: BaseException) -> bool:
    """True for errors that mean the store cannot be reached right now."""
    flag = getattr(exc, "offline", None)
    if isinstance(flag, bool):
        return flag
    kind = getattr(exc, "kind", None)
    if kind is not None and str(getattr(kind, "value", kind)) in {"connection", "timeout"}:
        return True
    return any(part in cls.__name__ for cls in type(exc).__mro__ for part in _OFFLINE_NAMES)


def clerk_message(exc: BaseException, trusted: tuple[type, ...] = ()) -> str:
    """What the clerk is told about ``exc``: the engine's words, never a stack trace.

    The sale engine's errors (``pos.sale``) are written for the clerk; anything else gets a
    plain sentence.
    """
    text = str(exc).strip()
    if text and (type(exc).__module__.startswith("pos.sale") or isinstance(exc, trusted)):
        from pos.ui.sale_messages import error_text

        return error_text(exc)
    if is_offline_error(exc):
        return QCoreApplication.translate(
            "SaleView", "The store cannot be reached. Check the connection and try again."
        )
    return QCoreApplication.translate(
        "SaleView", "Something went wrong. Try again; if it keeps happening, call a manager."
    )


def field_errors(exc: BaseException) -> list[Any]:
    """The field errors of a validation failure (``pos.sale.messages.InvalidInput``)."""
    errors = getattr(exc, "errors", None)
    if isinstance(errors, (list, tuple)) and all(hasattr(e, "field") for e in errors):
        return list(errors)
    field = getattr(exc, "field", None)
    if isinstance(field, str):
        return [SimpleNamespace(field=field, message=str(exc))]
    return []


class SaleView(QObject):
    """A :class:`~pos.ui.engine.SaleEngine` wrapped for the pages."""

    sale_event = Signal(object)  # every SaleEvent as it comes
    lines_changed = Signal()
    totals_changed = Signal()
    step_changed = Signal(object)
    error = Signal(str)  # a failure the clerk should read
    warning = Signal(str)  # something the clerk should know; nothing failed
    online_changed = Signal(bool)
    closed = Signal()

    def __init__(
        self,
        sale: Any,
        parent: QObject | None = None,
        *,
        kinds: ModuleType | SimpleNamespace | None = None,
    ) -> None:
        super().__init__(parent)
        self.sale = sale
        self._kinds = kinds
        self.busy = Busy(self)
        self.runner = TaskRunner(self)
        self._online = True
        self._closed = False
        self._unsubscribe = sale.subscribe(self._on_event)

    # -- engine types (NewCard, StoredCard, ConsignmentPlan) -------------------------------

    @property
    def kinds(self) -> Any:
        if self._kinds is None:
            self._kinds = importlib.import_module("pos.sale.sale")
        return self._kinds

    # -- events ---------------------------------------------------------------------------

    def _on_event(self, event: Any) -> None:
        kind = str(getattr(event, "kind", "") or "")
        kind = str(getattr(kind, "value", kind))
        self.sale_event.emit(event)
        if kind in {"lines", "items"}:
            self.lines_changed.emit()
            self.totals_changed.emit()
        elif kind in {"totals", "consignments", "customer"}:
            self.totals_changed.emit()
        elif kind == "warning":
            message = getattr(event, "message", None)
            if message:
                self.warning.emit(str(message))
        elif kind == "step":
            self.step_changed.emit(getattr(event, "step", None))
        elif kind == "error":
            message = getattr(event, "message", None) or str(getattr(event, "error", ""))
            if message:
                self.error.emit(message)
        elif kind in {"online", "offline", "connection"}:
            online = getattr(event, "online", None)
            self.set_online(bool(kind == "online" if online is None else online))

    def message_for(self, exc: BaseException) -> str:
        """The clerk's words for a failure of this sale."""
        try:
            trusted = getattr(self.kinds, "SaleError", None)
        except ImportError:  # the engine is not installed
            trusted = None
        return clerk_message(exc, (trusted,) if isinstance(trusted, type) else ())

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
        if callable(unsubscribe):
            unsubscribe()
