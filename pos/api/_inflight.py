"""The client's calls in flight, so that closing the client ends them first.

A connection pool that is closed forgets a connection still being made: the connection is
completed afterwards, carries its request, and is left to the garbage collector with its
socket open. So the client closes in order (:meth:`InFlightCalls.close`): no new call
starts, every call in flight is cancelled in the task that makes it (the network layer then
unwinds its own connect attempts and closes what they opened) and awaited, and only then are
the connection pools closed.

A call ended that way raises a typed error in its caller, as a dropped connection would
(:meth:`InFlight.closed_error`): nothing was sent, or, once the request was on its way, the
outcome is unknown (an unsafe call) or the connection was lost (a safe one).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from .errors import BigCommerceError, ConnectionFailed, ConnectionLost, OutcomeUnknown

__all__ = ["CLOSE_WAIT_SECONDS", "InFlight", "InFlightCalls"]

#: How long closing the client waits for the cancelled calls to unwind.
CLOSE_WAIT_SECONDS = 5.0


class _Sending(Protocol):
    @property
    def sending_started(self) -> bool: ...


class InFlight:
    """One call of the client, from its first attempt to its answer (or its error)."""

    __slots__ = ("ended", "progress", "safe", "stopped", "task")

    def __init__(self, task: asyncio.Task[object], ended: asyncio.Future[None]) -> None:
        self.task = task
        self.ended = ended
        #: Set by the client's close, which cancelled the call's task once.
        self.stopped = False
        self.safe = True
        #: The current attempt's progress (whether any request byte was written).
        self.progress: _Sending | None = None

    def stop(self) -> None:
        if not self.stopped:
            self.stopped = True
            self.task.cancel()

    def closed_error(self, method: str, path: str) -> BigCommerceError:
        """What the caller of a call ended by the close gets, as for a dropped connection."""
        sent = self.progress is not None and self.progress.sending_started
        if not sent:
            return ConnectionFailed("the register closed its connection to the store",
                                    method=method, path=path)
        if not self.safe:
            return OutcomeUnknown("the register closed its connection before the answer",
                                  method=method, path=path, reason="connection_lost")
        return ConnectionLost("the register closed its connection before the answer",
                              method=method, path=path)


class InFlightCalls:
    """The calls in flight of one client and its ``with_options`` copies."""

    def __init__(self) -> None:
        self._calls: set[InFlight] = set()
        self.closed = False

    @contextmanager
    def track(self, method: str, path: str) -> Iterator[InFlight]:
        """``with calls.track(method, path) as call:`` around one call, in the task that
        makes it. When the close cancels it, the call raises :meth:`InFlight.closed_error`
        (a cancellation of the task by anyone else still propagates)."""
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("a store call runs in an asyncio task")
        call = InFlight(task, task.get_loop().create_future())
        if self.closed:  # closed while the call was being prepared (its token read)
            raise call.closed_error(method, path)
        self._calls.add(call)
        try:
            yield call
        except asyncio.CancelledError:
            if call.stopped and task.uncancel() == 0:
                call.stopped = False  # its cancellation is spent
                raise call.closed_error(method, path) from None
            call.stopped = False
            raise
        finally:
            self._calls.discard(call)
            if call.stopped:  # ended by itself before the close's cancellation reached it
                task.uncancel()
            call.ended.set_result(None)

    async def close(self) -> None:
        """Cancels every call in flight and waits (up to :data:`CLOSE_WAIT_SECONDS`) until
        each has ended."""
        self.closed = True
        current = asyncio.current_task()
        calls = [call for call in self._calls if call.task is not current]
        for call in calls:
            call.stop()
        if calls:
            await asyncio.wait([call.ended for call in calls], timeout=CLOSE_WAIT_SECONDS)
