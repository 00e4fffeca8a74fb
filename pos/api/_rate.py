"""The store's rate-limit window as one client sees it (see :mod:`pos.api._transport`)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

__all__ = ["_RateWindow"]


class _RateWindow:
    """Holds requests to one host while the store's quota is exhausted, and spreads them
    by the last ``X-Rate-Limit-*`` headers seen (see the module's docstring)."""

    #: Below this fraction of the quota left, calls are spread over the rest of the window
    #: and background calls wait for the next window.
    SPREAD_BELOW = 0.5
    #: The fraction of the quota no call counts on (see :meth:`pace`).
    HEADROOM = 0.1

    def __init__(self) -> None:
        self.blocked_until = 0.0
        self.left: float | None = None  # requests left in the store's window, as last seen
        self.quota: float | None = None
        self.reset_at = 0.0  # monotonic time the store's window resets
        self.next_slot = 0.0  # earliest time the next spread call may go
        # Set while the first call of a window whose state is unknown is in flight: the
        # others wait for its answer's headers rather than all going at once.
        self.probe: asyncio.Event | None = None

    def note(self, left: float, quota: float | None, reset_ms: float | None) -> None:
        """Records the headers of one answer."""
        self.answered()
        self.left = left
        if quota is not None and quota > 0:
            self.quota = quota
        if reset_ms is not None:
            self.reset_at = time.monotonic() + max(0.0, reset_ms) / 1000

    def answered(self) -> None:
        """A call has its answer (or failed): calls held for it may go."""
        if self.probe is not None:
            self.probe.set()
            self.probe = None

    async def take_turn(
        self, background: bool, sleep: Callable[[float], Awaitable[None]]
    ) -> None:
        """Waits until the next call may go (then call :meth:`answered` once it is done)."""
        while True:
            if self.quota is not None and time.monotonic() >= self.reset_at:
                if self.probe is not None:  # another call is finding out the new window
                    await self.probe.wait()
                    continue
                self.probe = asyncio.Event()
                return
            wait = self.pace(background)
            if wait <= 0:
                return
            await sleep(wait)
            if not background:
                return
            quota = self.quota or 0.0
            if self.left is not None and self.left <= quota * self.SPREAD_BELOW:
                self.left = None  # waited for the window's end: what was known is over

    def pace(self, background: bool) -> float:
        """Seconds to wait before the next call (its slot is taken: call once per send)."""
        now = time.monotonic()
        left, quota = self.left, self.quota
        if left is None or quota is None or now >= self.reset_at:
            return 0.0  # a new window: nothing known about it yet
        if left > quota * self.SPREAD_BELOW:
            self.left = left - 1  # plenty left: no wait
            return 0.0
        remaining = self.reset_at - now
        if background:
            return remaining  # the rest of this window belongs to the sales
        # A tenth of the quota is kept for the calls other registers have on their way
        # (each spreads by the same headers, so near the end they may go at once).
        usable = left - max(2.0, quota * self.HEADROOM)
        if usable <= 0:
            return remaining
        start = max(now, self.next_slot)
        self.next_slot = start + remaining / usable
        self.left = left - 1
        return start - now

    def block_for(self, seconds: float) -> float:
        self.blocked_until = max(self.blocked_until, time.monotonic() + max(0.0, seconds))
        return self.blocked_until

    def release(self, target: float) -> None:
        """Ends a block once it has been waited out (unless a later one replaced it)."""
        if self.blocked_until <= target:
            self.blocked_until = 0.0
            self.left = None  # the block was the window's end: what was known is over

    def wait_needed(self) -> float:
        return max(0.0, self.blocked_until - time.monotonic())
