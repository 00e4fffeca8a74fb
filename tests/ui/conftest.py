"""Qt tests with the app's asyncio loop (qasync) on the Qt thread.

One ``qasync.QEventLoop`` for the whole session; each test that needs it gets it as the
current *and running* loop (as qasync does inside ``run_forever``), so asyncio callbacks run
from Qt timers while the test waits with ``qtbot.waitUntil`` / ``qtbot.waitSignal``.
Tests here are plain functions: no ``async def`` tests (an awaited task inside
``qtbot.waitUntil`` would never run).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
from PySide6.QtWidgets import QApplication

from pos.ui.async_qt import new_event_loop


@pytest.fixture(scope="session")
def _session_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = new_event_loop(qapp)
    yield loop
    loop.close()


def _pump(timeout_ms: int = 20) -> None:
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, timeout_ms)


@pytest.fixture
def qloop(_session_loop: asyncio.AbstractEventLoop) -> Iterator[asyncio.AbstractEventLoop]:
    """The app's loop, current and running for this test; leftover tasks cancelled after."""
    loop = _session_loop
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    try:
        yield loop
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        deadline = QDeadlineTimer(2000)
        while any(not t.done() for t in pending) and not deadline.hasExpired():
            _pump()
        _pump()
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)
