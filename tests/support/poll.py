"""Waiting on a condition, bounded: the one polling loop of the tests.

Tests never sleep to wait for something; they poll a condition until it holds or a deadline
passes (then the test fails, saying what it waited for). ``wait_until`` polls from plain
code (a server thread, a subprocess, a file), ``eventually`` from a coroutine (the condition
may itself be a coroutine function). Qt tests wait with ``qtbot.waitUntil`` instead, which
keeps the Qt loop running.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

INTERVAL = 0.02


def _attempts(timeout: float, interval: float, message: str) -> Iterator[float]:
    """Yields the pause before each next attempt; raises AssertionError after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        yield interval
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {message}")


def wait_until(condition: Callable[[], T], timeout: float = 10.0, interval: float = INTERVAL,
               message: str = "the condition") -> T:
    """Calls ``condition`` every ``interval`` seconds until it returns something truthy,
    and returns that."""
    for pause in _attempts(timeout, interval, message):
        value = condition()
        if value:
            return value
        time.sleep(pause)  # a poll interval, not a wait for something
    raise AssertionError("unreachable")


async def eventually(condition: Callable[[], T | Awaitable[T]], within: float = 5.0,
                     interval: float = INTERVAL, message: str = "the condition") -> T:
    """Like :func:`wait_until`, in a coroutine (``within`` seconds): ``condition`` may
    return an awaitable."""
    for pause in _attempts(within, interval, message):
        value = condition()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value  # type: ignore[return-value]
        await asyncio.sleep(pause)
    raise AssertionError("unreachable")
