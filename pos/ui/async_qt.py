"""asyncio on the Qt thread, and the garbage collector kept on it too.

This is the only module of the app that imports ``qasync``. Everything else asks it for:

- :func:`new_event_loop`: the one asyncio loop, driven by the Qt event loop;
- :class:`GarbageCollector`: automatic cyclic GC disabled, collections run from a QTimer on
  the GUI thread, so that no Qt object is ever destroyed from a worker thread;
- :class:`Busy` and :class:`TaskRunner`: start a coroutine from a slot with the busy flag set
  *before* it is scheduled (a bouncing Enter or a double click cannot start it twice), a strong
  reference to the task until it ends, busy cleared in ``finally``, errors routed to a callback;
- :func:`run_blocking`: blocking work (keyring, files) in a thread, awaited from the loop.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

T = TypeVar("T")

ErrorCallback = Callable[[BaseException], None]


def new_event_loop(app: QApplication) -> asyncio.AbstractEventLoop:
    """The asyncio loop of the app: runs its callbacks from Qt timers and socket notifiers."""
    return qasync.QEventLoop(app)  # type: ignore[no-any-return]


def run_app(app: QApplication, loop: asyncio.AbstractEventLoop) -> int:
    """Run the Qt event loop (and with it the asyncio loop) until the app quits. The tasks
    still running then are the caller's to end, in the loop (:func:`cancel_pending`)."""
    asyncio.set_event_loop(loop)
    result = loop.run_forever()
    return int(result) if isinstance(result, int) else 0


async def cancel_pending(seconds: float) -> None:
    """Cancel the other tasks still running on this loop and wait (up to ``seconds``)
    until they have ended.

    A task that anyio started inside another one (a connection attempt of the HTTP
    client's network layer) is left to the task that started it, which cancels it and
    waits for it as it unwinds. Cancelled from outside before its first step, such a task
    would never run: its connection attempt would be left unawaited, and a connection it
    had made to the garbage collector.
    """
    import anyio

    current = asyncio.current_task()
    children = {info.id for info in anyio.get_running_tasks() if info.parent_id is not None}
    pending = [task for task in asyncio.all_tasks()
               if task is not current and not task.done() and id(task) not in children]
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=seconds)


class GarbageCollector(QObject):
    """Disable automatic garbage collection and collect from a timer on the GUI thread.

    Python's cyclic collector can otherwise fire in whatever thread allocates (an executor
    thread, a server thread) and destroy Qt objects there. Collection is cheap when done
    often: generation 0 every ``interval_ms``, older generations when their thresholds say so.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self.threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def check(self) -> None:
        count0, count1, count2 = gc.get_count()
        if count0 > self.threshold[0]:
            gc.collect(0)
            if count1 > self.threshold[1]:
                gc.collect(1)
                if count2 > self.threshold[2]:
                    gc.collect(2)


class Busy(QObject):
    """A busy flag that pages and widgets bind to (progress, disabled buttons)."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = 0

    @property
    def is_busy(self) -> bool:
        return self._count > 0

    def acquire(self) -> None:
        self._count += 1
        if self._count == 1:
            self.changed.emit(True)

    def release(self) -> None:
        if self._count == 0:
            return
        self._count -= 1
        if self._count == 0:
            self.changed.emit(False)


class TaskRunner(QObject):
    """Runs coroutines started from slots, holding them until they end.

    ``start`` is synchronous: it marks ``busy`` before the coroutine is scheduled, so a
    second ``start`` from the same burst of events is refused (returns ``None``) rather than
    running the call twice. Exceptions go to ``on_error`` (or the runner's default) and never
    to a dialog inside the coroutine.
    """

    failed = Signal(object)  # the exception, when no on_error was given

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        loop: asyncio.AbstractEventLoop | None = None,
        on_error: ErrorCallback | None = None,
    ) -> None:
        super().__init__(parent)
        self._loop = loop
        self._tasks: set[asyncio.Task[Any]] = set()
        self._on_error = on_error

    @property
    def tasks(self) -> frozenset[asyncio.Task[Any]]:
        return frozenset(self._tasks)

    def _get_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is not None:
            return self._loop
        try:
            return asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.get_event_loop_policy().get_event_loop()

    def start(
        self,
        coro_factory: Callable[[], Awaitable[T]],
        *,
        busy: Busy | None = None,
        exclusive: bool = True,
        on_result: Callable[[T], None] | None = None,
        on_error: ErrorCallback | None = None,
    ) -> asyncio.Task[None] | None:
        """Schedule ``coro_factory()``; refuse (return None) when ``busy`` is already set."""
        if busy is not None:
            if exclusive and busy.is_busy:
                return None
            busy.acquire()
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                if busy is not None:
                    busy.release()

        error_cb = on_error or self._on_error or self.failed.emit

        async def body() -> None:
            # Busy is cleared before the result is handed on, so that the callback may
            # start the next call (e.g. the next page's) at once.
            try:
                try:
                    result = await coro_factory()
                finally:
                    release()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.debug("task failed: %s", type(exc).__name__)
                error_cb(exc)
                return
            if on_result is not None:
                try:
                    on_result(result)
                except Exception as exc:
                    log.exception("result handler failed")
                    error_cb(exc)

        try:
            task = self._get_loop().create_task(body())
        except BaseException:
            release()
            raise
        self._tasks.add(task)

        def done(t: asyncio.Task[None]) -> None:
            self._tasks.discard(t)
            release()  # cancelled before it ever ran

        task.add_done_callback(done)
        return task

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()


_executor: ThreadPoolExecutor | None = None


def _get_executor() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pos-blocking")
    return _executor


async def run_blocking(func: Callable[..., T], *args: Any) -> T:
    """Run blocking ``func(*args)`` (keyring, file I/O) in a worker thread and await it."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_get_executor(), func, *args)


def shutdown_executor() -> None:
    global _executor
    if _executor is not None:
        _executor.shutdown(wait=True, cancel_futures=True)
        _executor = None

