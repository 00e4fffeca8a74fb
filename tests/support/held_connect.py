"""A network on which connecting to the store takes as long as the test says.

The client's requests go over real loopback TCP to the real store (httpcore's own network
backend, anyio underneath); only the start of each new connection waits until the test
lets it go (``held.release()``). ``await held.connecting.wait()`` says that a connection
is being made, so a test can close the register exactly then, as a clerk closing the window
while a background read is still connecting to a slow store. ``garbage_warnings()`` then
says what the garbage collector found left open (nothing, when the register closed well).
"""

from __future__ import annotations

import asyncio
import gc
import warnings
from typing import Any

import httpcore
import httpx
from httpcore._backends.auto import AutoBackend


class HeldConnect(AutoBackend):
    """httpcore's network backend, each new connection held until :meth:`release`."""

    def __init__(self) -> None:
        super().__init__()
        self.connecting = asyncio.Event()
        self._go = asyncio.Event()
        self.attempts = 0

    def release(self) -> None:
        self._go.set()

    async def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        self.attempts += 1
        self.connecting.set()
        await self._go.wait()
        return await super().connect_tcp(host, port, *args, **kwargs)


def held_transport() -> tuple[httpx.AsyncHTTPTransport, HeldConnect]:
    """An httpx transport whose new connections wait for ``held.release()``."""
    held = HeldConnect()
    transport = httpx.AsyncHTTPTransport(trust_env=False)
    transport._pool = httpcore.AsyncConnectionPool(network_backend=held)
    return transport, held


def garbage_warnings() -> list[str]:
    """Collects the garbage and returns what it warned about: an unclosed socket or
    transport, a coroutine never awaited (each would otherwise be an unraisable warning)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    return [f"{w.category.__name__}: {w.message}" for w in caught
            if issubclass(w.category, ResourceWarning | RuntimeWarning)]
