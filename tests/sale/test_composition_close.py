"""Closing a store's engine while its work is still connecting to the store (a register
closed during its first catalogue sync, or while a sale's payment-methods read runs in the
background): everything the engine started has ended when ``close()`` returns, and no
connection is left behind for the garbage collector."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from support.held_connect import garbage_warnings, held_transport
from support.poll import eventually

from pos.api.errors import ConnectionFailed
from pos.composition import build_engine, demo_profile
from pos.sale.methods_cache import shared_methods_cache
from pos.sandbox.server import SandboxServer


async def test_closing_the_engine_while_its_reads_connect_ends_them_first(
    store: SandboxServer, data_dir: Path
) -> None:
    transport, held = held_transport()
    engine = build_engine(demo_profile(store), store.token, data_dir, transport=transport)
    sync = asyncio.ensure_future(engine.sync_catalog())  # as the register does on opening
    await asyncio.wait_for(held.connecting.wait(), timeout=10)
    sale = engine.new_sale()
    methods = shared_methods_cache(sale.client)
    # What a guest sale does at the payment step once the store's list is stale.
    methods.refresh_if_stale(lambda: sale.client.payments.methods(order_id=1))
    await eventually(lambda: held.attempts == 2, message="both reads connecting")
    before = asyncio.all_tasks()

    await asyncio.wait_for(engine.close(), timeout=10)
    held.release()  # the store takes the connections now: too late for this engine

    assert sync.done()
    with pytest.raises(ConnectionFailed, match="closed its connection"):
        sync.result()
    left = [t for t in before if not t.done() and t is not asyncio.current_task()]
    assert left == []  # the payment methods' refresh ended with the engine
    assert methods.get() is None  # and read nothing
    assert held.attempts == 2  # one connection each; neither retried
    assert garbage_warnings() == []
