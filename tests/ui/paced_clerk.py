"""A clerk at a human pace, and the time the clerk spends waiting for the register.

:class:`PacedClerk` drives the register's window by key events (through a
:class:`ui_helpers.Keyboard`) at the pace of :class:`Pace`: it thinks between items, types a
card a character at a time. Before each action it needs the register for (typing the card
needs Review and pay with the card number focused, Charge needs the total), it waits until
the register is ready, and that wait counts as **clerk-visible** only for the part after
the clerk was ready: what the store does while the clerk is busy (picking up the next item,
typing the card) costs the clerk nothing.

The numbers are for ``benchmarks/bench_walk_in.py`` (``POS_WAIT_FILE``); a test only
checks that the sale goes through at any pace (:data:`NO_PAUSE` by default).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from PySide6.QtCore import QEventLoop, QTimer

#: How long a condition may take before the paced sale gives up (the store is broken).
GIVE_UP_S = 30.0


@dataclass(frozen=True)
class Pace:
    """How fast the clerk works (ms). ``item_ms``: picking up the next item to scan;
    ``to_pay_ms``: from the last item to pressing F9 (the clerk says the total);
    ``key_ms``: per character of the card typed; ``hand_back_ms``: from "Paid" to wanting
    the next sale (handing the card and the goods back)."""

    item_ms: int = 0
    to_pay_ms: int = 0
    key_ms: int = 0
    hand_back_ms: int = 0


NO_PAUSE = Pace()
#: A practised clerk: an item every second, the card typed at about eight characters a
#: second (a fast typist reading a card), a second and a half to hand things back.
HUMAN = Pace(item_ms=1000, to_pay_ms=800, key_ms=120, hand_back_ms=1500)


def pace_from_env() -> Pace:
    """:data:`HUMAN` when ``POS_CLERK_PACE=human`` (the benchmark), else :data:`NO_PAUSE`."""
    return HUMAN if os.environ.get("POS_CLERK_PACE") == "human" else NO_PAUSE


@dataclass
class Wait:
    what: str
    ms: float


@dataclass
class PacedClerk:
    kb: object  # ui_helpers.Keyboard
    pace: Pace = NO_PAUSE
    waits: list[Wait] = field(default_factory=list)
    marks: dict[str, float] = field(default_factory=dict)

    # -- time ------------------------------------------------------------------------------

    @staticmethod
    def now() -> float:
        return time.perf_counter()

    def mark(self, name: str) -> None:
        self.marks[name] = self.now()

    @staticmethod
    def _run_loop(until: Callable[[], bool], seconds: float) -> bool:
        """Run the register's loop (as the application does: idle in the event loop, the
        interpreter free for the store's thread) until ``until()`` or ``seconds`` pass;
        ``until()`` is looked at every millisecond. Whether it became true."""
        if until():
            return True
        loop = QEventLoop()
        tick = QTimer()
        tick.setInterval(1)
        tick.timeout.connect(lambda: loop.quit() if until() else None)
        give_up = QTimer()
        give_up.setSingleShot(True)
        give_up.timeout.connect(loop.quit)
        tick.start()
        give_up.start(max(1, int(seconds * 1000)))
        loop.exec()
        tick.stop()
        give_up.stop()
        return until()

    def busy_for(self, ms: int) -> None:
        """The clerk does something else for ``ms`` (the register's loop keeps running).
        Not a wait for the register: a human's time, simulated."""
        if ms > 0:
            end = self.now() + ms / 1000
            self._run_loop(lambda: self.now() >= end, ms / 1000 + 1)

    def wait_for(self, what: str, ready: Callable[[], bool], *,
                 since: float | None = None) -> float:
        """The clerk is ready now (or was at ``since``, a :meth:`now`) and needs
        ``ready()``: the wait until it is true, kept as clerk-visible (ms, to about a
        millisecond)."""
        start = self.now() if since is None else since
        if not self._run_loop(ready, GIVE_UP_S):
            raise AssertionError(f"the register was never ready: {what}")
        waited = (self.now() - start) * 1000
        self.waits.append(Wait(what, waited))
        return waited

    # -- keys ------------------------------------------------------------------------------

    def type(self, text: str) -> None:
        for ch in text:
            self.kb.type(ch)  # type: ignore[attr-defined]
            self.busy_for(self.pace.key_ms)

    def key(self, key: object) -> None:
        self.kb.key(key)  # type: ignore[attr-defined]

    # -- the numbers -----------------------------------------------------------------------

    @property
    def visible_ms(self) -> float:
        return sum(w.ms for w in self.waits)

    def report(self, sale: str, **extra: object) -> None:
        """Append this sale's waits to ``POS_WAIT_FILE`` when it is set."""
        path = os.environ.get("POS_WAIT_FILE")
        if not path:
            return
        row = {"sale": sale, "pace": asdict(self.pace), "visible_ms": self.visible_ms,
               "waits": [asdict(w) for w in self.waits],
               "marks": {k: (v - self.marks.get("start", v)) * 1000
                         for k, v in self.marks.items()},
               **extra}
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\n")
