"""Quitting the register while a store connection is being made: the tasks left when the
loop stopped are cancelled and unwound while it still runs, without reaching into the
HTTP client's network layer (anyio's connection attempts are ended by the task that started
them), then the store's engine closes. Nothing is left to the garbage collector."""

from __future__ import annotations

from urllib.parse import urlsplit

import anyio
from support.held_connect import garbage_warnings

from pos.ui.app import _finish


class _Switcher:
    """Stands for the window's store switcher: what quitting closes last."""

    def __init__(self) -> None:
        self.closed = False

    async def close(self) -> None:
        self.closed = True


def test_quitting_while_connecting_to_the_store_leaves_nothing_behind(qtbot, qloop, store):
    address = urlsplit(store.api_base_url)
    assert address.hostname is not None and address.port is not None
    # A store request starting to connect (httpx connects with anyio's connect_tcp), and
    # quitting in the very next turn of the loop, before its connection attempt has run.
    connecting = qloop.create_task(anyio.connect_tcp(address.hostname, address.port))
    switcher = _Switcher()
    finish = qloop.create_task(_finish(switcher))  # type: ignore[arg-type]
    qtbot.waitUntil(finish.done, timeout=10_000)
    finish.result()

    assert connecting.cancelled()
    assert switcher.closed
    assert garbage_warnings() == []
