"""Whether the Qt loop turns while each store call is in flight, and how long it stalls.

:class:`LoopProbeTransport` sits between the register's client and the network: for each
request it posts a zero-time timer to the Qt loop before handing the request on, and
records whether that timer ran before the answer came back. A register that does its
store calls off the Qt loop's back always lets it run: the wait for the store is an
``await``. One that blocked the loop (a synchronous call, a long computation on the way)
would hold the timer until the answer, and the call is recorded as stalling.

:class:`StallMeter` measures the worst gap between ticks of a 10 ms timer: numbers for
``benchmarks/bench_responsiveness.py``, written to ``POS_STALL_FILE`` when it is set,
never asserted in a test.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from PySide6.QtCore import QElapsedTimer, QTimer


@dataclass(frozen=True)
class ProbedCall:
    method: str
    path: str
    loop_turned: bool
    ms: float = 0.0  # from handing the request on to its answer: the round trip as sent


class LoopProbeTransport(httpx.AsyncBaseTransport):
    """The real network, with a probe of the Qt loop around every request."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.calls: list[ProbedCall] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        turned: list[bool] = []
        QTimer.singleShot(0, lambda: turned.append(True))
        sent = time.perf_counter()
        response = await self._inner.handle_async_request(request)
        ms = (time.perf_counter() - sent) * 1000
        self.calls.append(ProbedCall(request.method, request.url.path, bool(turned), ms))
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()

    def stalled(self) -> list[ProbedCall]:
        return [call for call in self.calls if not call.loop_turned]


class StallMeter:
    """The worst gap, in ms, between ticks of a 10 ms Qt timer while it runs."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst = 0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def stop(self, scenario: str) -> int:
        """Stops; writes ``{"scenario", "worst_ms"}`` to ``POS_STALL_FILE`` when set."""
        self.timer.stop()
        target = os.environ.get("POS_STALL_FILE")
        if target:
            with Path(target).open("a", encoding="utf-8") as out:
                out.write(json.dumps({"scenario": scenario, "worst_ms": self.worst}) + "\n")
        return self.worst
