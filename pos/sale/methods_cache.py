"""The store's payment methods, read once per store and kept for every sale of it.

``GET /v3/payments/methods`` answers the same list for every guest sale of a store, so a
register reads it once and every later guest sale takes it from here with no call. After
``max_age`` a sale that uses the list starts a read in the background, and the next sale sees
what the store lists now (a method the store added or switched off). A sale with a customer
still reads the list itself: it carries that customer's stored instruments, which change as
cards are saved.

One cache per client (:func:`shared_methods_cache`): a register's client talks to one store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Awaitable, Callable

from pos.api.errors import BigCommerceError
from pos.api.models import PaymentMethod

__all__ = ["PaymentMethodsCache", "shared_methods_cache"]

_log = logging.getLogger("pos.sale")

#: Seconds a read list is used before a sale refreshes it in the background.
DEFAULT_MAX_AGE = 300.0


class PaymentMethodsCache:
    """The payment methods of one store as guest sales see them (see the module)."""

    def __init__(
        self, max_age: float = DEFAULT_MAX_AGE, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_age = max_age
        self._clock = clock
        self._methods: list[PaymentMethod] | None = None
        self._read_at = 0.0
        self._refresh: asyncio.Task[None] | None = None

    def get(self) -> list[PaymentMethod] | None:
        """The list as last read, or None before the first read."""
        return None if self._methods is None else list(self._methods)

    def put(self, methods: list[PaymentMethod]) -> None:
        self._methods = list(methods)
        self._read_at = self._clock()

    @property
    def stale(self) -> bool:
        return self._methods is None or self._clock() - self._read_at >= self.max_age

    def refresh_if_stale(self, read: Callable[[], Awaitable[list[PaymentMethod]]]) -> None:
        """Starts ``read()`` in the background when the list is stale (one at a time)."""
        if not self.stale or (self._refresh is not None and not self._refresh.done()):
            return

        async def refresh() -> None:
            try:
                self.put(await read())
            except BigCommerceError as exc:  # the next sale tries again
                _log.info("payment methods not refreshed (%s)", type(exc).__name__)

        self._refresh = asyncio.ensure_future(refresh())

    async def aclose(self) -> None:
        """Cancels a background refresh in progress and waits until it has ended (before
        the client it reads with is closed)."""
        task = self._refresh
        if task is not None and not task.done():
            task.cancel()
            await asyncio.wait([task])

    async def refreshed(self) -> None:
        """Waits for a background refresh in progress, if any."""
        task = self._refresh
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await task


_CACHES: weakref.WeakKeyDictionary[object, PaymentMethodsCache] = weakref.WeakKeyDictionary()


def shared_methods_cache(client: object) -> PaymentMethodsCache:
    """The cache of the store ``client`` talks to, shared by every sale made with it."""
    cache = _CACHES.get(client)
    if cache is None:
        cache = _CACHES[client] = PaymentMethodsCache()
    return cache
