from __future__ import annotations

import asyncio
import gc
import threading

from PySide6.QtWidgets import QPushButton

from pos.ui.async_qt import Busy, GarbageCollector, TaskRunner, run_blocking


def test_the_loop_runs_coroutines_while_qt_waits(qtbot, qloop) -> None:
    done: list[int] = []

    async def work() -> None:
        await asyncio.sleep(0.01)
        done.append(1)

    qloop.create_task(work())
    qtbot.waitUntil(lambda: done == [1], timeout=2000)


def test_busy_is_set_before_scheduling_so_a_double_press_runs_once(qtbot, qloop) -> None:
    busy = Busy()
    runner = TaskRunner(loop=qloop)
    calls: list[int] = []
    gate = asyncio.Event()

    async def charge() -> str:
        calls.append(1)
        await gate.wait()
        return "ok"

    results: list[str] = []
    button = QPushButton("Charge")
    qtbot.addWidget(button)
    button.clicked.connect(
        lambda: runner.start(charge, busy=busy, on_result=results.append)
    )
    button.click()
    assert busy.is_busy  # synchronously, before the coroutine has run a step
    button.click()
    button.click()
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)
    gate.set()
    qtbot.waitUntil(lambda: results == ["ok"], timeout=2000)
    assert not busy.is_busy
    assert calls == [1]
    assert runner.tasks == frozenset()


def test_errors_go_to_the_callback_and_busy_is_cleared(qtbot, qloop) -> None:
    busy = Busy()
    changes: list[bool] = []
    busy.changed.connect(changes.append)
    errors: list[BaseException] = []
    runner = TaskRunner(loop=qloop, on_error=errors.append)

    async def fail() -> None:
        raise ValueError("the store said no")

    runner.start(fail, busy=busy)
    qtbot.waitUntil(lambda: bool(errors), timeout=2000)
    assert str(errors[0]) == "the store said no"
    assert changes == [True, False]


def test_a_task_cancelled_before_it_runs_still_clears_busy(qtbot, qloop) -> None:
    busy = Busy()
    runner = TaskRunner(loop=qloop)

    async def never() -> None:
        await asyncio.Event().wait()

    task = runner.start(never, busy=busy)
    assert task is not None
    task.cancel()
    qtbot.waitUntil(lambda: not busy.is_busy, timeout=2000)


def test_the_runner_holds_its_tasks(qtbot, qloop) -> None:
    runner = TaskRunner(loop=qloop)
    finished: list[bool] = []
    gate = asyncio.Event()

    async def slow() -> bool:
        await gate.wait()
        return True

    runner.start(slow, on_result=finished.append)
    gc.collect()
    assert len(runner.tasks) == 1
    gate.set()
    qtbot.waitUntil(lambda: finished == [True], timeout=2000)


def test_blocking_work_runs_in_another_thread(qtbot, qloop) -> None:
    runner = TaskRunner(loop=qloop)
    seen: list[str] = []
    runner.start(
        lambda: run_blocking(lambda: threading.current_thread().name),
        on_result=seen.append,
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert seen[0] != threading.main_thread().name


def test_garbage_collector_disables_gc_and_collects_on_its_timer(qtbot) -> None:
    collector = GarbageCollector(interval_ms=10)
    was = gc.isenabled()
    collector.start()
    try:
        assert not gc.isenabled()
        assert collector.is_active()

        class Cycle:
            pass

        for _ in range(2000):
            a, b = Cycle(), Cycle()
            a.other, b.other = b, a  # type: ignore[attr-defined]
            del a, b
        qtbot.waitUntil(lambda: gc.get_count()[0] < 1000, timeout=2000)
    finally:
        collector.stop()
    assert gc.isenabled() == was


def test_refused_start_returns_none(qloop) -> None:
    busy = Busy()
    busy.acquire()
    runner = TaskRunner(loop=qloop)

    async def nothing() -> None:
        return None

    coro_made: list[int] = []

    def factory():
        coro_made.append(1)
        return nothing()

    assert runner.start(factory, busy=busy) is None
    assert coro_made == []
