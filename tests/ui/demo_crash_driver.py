"""Drives ``pos --demo`` in its own process for tests/ui/test_demo_resume.py.

``python demo_crash_driver.py sell``: opens the demo, rings up two items by the scan box and
Enter, and prints ``MID-SALE <sale id> <sku> <sku>`` once the journal holds the sale; then
waits, as a register does, until it is killed.

``python demo_crash_driver.py resume``: opens the demo, prints ``RESUMABLE <sale ids>`` from
the Start page, resumes the highlighted sale with Enter and prints ``RESUMED <sale id>
<sku>...`` once its lines are back, then quits.

``python demo_crash_driver.py fresh``: ``pos --demo --reset``; prints ``RESUMABLE ...``, quits.

Each step waits on the window's state with a timer (no fixed delays); a step that never
comes prints ``STUCK <step>`` and ends the process with status 3.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from typing import Any

TIMEOUT_S = 90.0


def _print(*words: object) -> None:
    print(*words, flush=True)


class Steps:
    """Runs ``(name, condition, action)`` steps in order, polling with a Qt timer."""

    def __init__(self, steps: list[tuple[str, Callable[[], bool], Callable[[], None]]]) -> None:
        from PySide6.QtCore import QTimer

        self.steps = steps
        self.started = time.monotonic()
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        from PySide6.QtWidgets import QApplication

        if not self.steps:
            self.timer.stop()
            return
        name, condition, action = self.steps[0]
        if time.monotonic() - self.started > TIMEOUT_S:
            self.timer.stop()
            _print("STUCK", name)
            QApplication.instance().exit(3)  # type: ignore[union-attr]
            return
        try:
            ready = condition()
        except Exception as exc:  # reported: the test fails on it
            self.timer.stop()
            _print("STUCK", name, type(exc).__name__, exc)
            QApplication.instance().exit(3)  # type: ignore[union-attr]
            return
        if ready:
            self.steps.pop(0)
            action()


def _idle(window: Any) -> bool:
    return window.wizard is not None and window.view is not None and (
        not window.view.busy.is_busy)


def _on_start_page(window: Any) -> bool:
    from pos.ui.pages import PAGE_START

    return _idle(window) and window.wizard.currentId() == PAGE_START


def sell(window: Any) -> Steps:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from pos.ui.pages import PAGE_ITEMS

    skus: list[str] = []
    found: list[asyncio.Task[list[str]]] = []

    async def two_skus() -> list[str]:
        client = window.view.sale.client
        client.open()  # idempotent; the sale opens it too
        page = await client.catalog.list_products(
            include=["variants"], limit=100, filters={"sort": "id"})
        good = [p.sku for p in page.items if len(p.variants or []) == 1
                and p.availability != "disabled" and p.inventory_tracking == "product"
                and (p.inventory_level or 0) > 40]
        return good[:2]

    def find() -> None:
        found.append(asyncio.ensure_future(two_skus()))

    def scan(index: int) -> Callable[[], None]:
        def action() -> None:
            search = window.wizard.items_page.search
            search.setFocus()
            search.setText(skus[index])
            QTest.keyClick(search, Qt.Key.Key_Return)
        return action

    def got_skus() -> bool:
        if found and found[0].done():
            skus[:] = found[0].result()
            return len(skus) == 2
        return False

    def has_lines(count: int) -> Callable[[], bool]:
        return lambda: _idle(window) and len(window.view.sale.lines) == count

    def journal_holds_both() -> bool:
        """The journal has the sale with both lines (its summary is written after them)."""
        sale_id = window.view.sale.sale_id
        return any(r.sale_id == sale_id and len(r.items) == 2
                   for r in window.unfinished_sales())

    def report() -> None:
        sale = window.view.sale
        _print("MID-SALE", sale.sale_id, *sorted(line.sku for line in sale.lines))

    return Steps([
        ("start page", lambda: _on_start_page(window), find),
        ("skus", got_skus, window.wizard.next),
        ("items page", lambda: _idle(window) and window.wizard.currentId() == PAGE_ITEMS,
         scan(0)),
        ("first line", has_lines(1), scan(1)),
        ("second line", has_lines(2), lambda: None),
        ("journal", journal_holds_both, report),
    ])


def _list_resumable(window: Any) -> list[str]:
    page = window.wizard.start_page
    return [page.resume_list.item(row).data(256).sale_id
            for row in range(page.resume_list.count())]


def resume(window: Any) -> Steps:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    listed: list[str] = []

    def show_and_resume() -> None:
        listed[:] = _list_resumable(window)
        page = window.wizard.start_page
        _print("RESUMABLE", *listed)
        _print("LABEL", page.resume_list.item(0).text().replace("\n", " | "))
        QTest.keyClick(page.resume_list, Qt.Key.Key_Return)

    def resumed() -> bool:
        sale = window.view.sale if window.view is not None else None
        return (sale is not None and sale.sale_id == listed[0] and _idle(window)
                and bool(sale.lines))

    def report() -> None:
        sale = window.view.sale
        _print("RESUMED", sale.sale_id, *sorted(line.sku for line in sale.lines))
        QApplication.instance().exit(0)  # type: ignore[union-attr]

    return Steps([
        ("unfinished sale listed",
         lambda: _on_start_page(window) and window.wizard.start_page.resume_list.count() > 0,
         show_and_resume),
        ("sale resumed", resumed, report),
    ])


def fresh(window: Any) -> Steps:
    from PySide6.QtWidgets import QApplication

    def report() -> None:
        _print("RESUMABLE", *_list_resumable(window))
        QApplication.instance().exit(0)  # type: ignore[union-attr]

    return Steps([("start page", lambda: _on_start_page(window), report)])


def main() -> int:
    from pos.commands.demo import run_register

    mode = sys.argv[1]
    drivers = {"sell": sell, "resume": resume, "fresh": fresh}
    kept: list[Steps] = []
    args = argparse.Namespace(demo=True, reset=mode == "fresh", profile=None)
    return run_register(args, on_started=lambda window: kept.append(drivers[mode](window)))


if __name__ == "__main__":
    sys.exit(main())
