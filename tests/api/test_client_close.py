"""Closing the client while its calls are still on their way: each call in flight ends
with a typed error before the connections close, and no connection is left behind (one
still being made when the pool closed would otherwise be completed afterwards and left to
the garbage collector with its socket open)."""

from __future__ import annotations

import asyncio

import pytest
from support.held_connect import garbage_warnings, held_transport

from pos.api import BigCommerceClient
from pos.api.errors import ConnectionFailed
from pos.sandbox.server import SandboxServer


def _client(store: SandboxServer, transport: object) -> BigCommerceClient:
    return BigCommerceClient(
        store.store_hash, lambda: store.token, api_base_url=store.api_base_url,
        payments_base_url=store.payments_base_url, trust_env=False,
        transport=transport,  # type: ignore[arg-type]
    )


async def test_a_read_still_connecting_ends_when_the_client_closes(
    store: SandboxServer,
) -> None:
    transport, held = held_transport()
    client = _client(store, transport)
    client.open()
    read = asyncio.ensure_future(
        client.with_options(background=True).catalog.list_products(limit=5))
    await asyncio.wait_for(held.connecting.wait(), timeout=10)

    closing = asyncio.ensure_future(client.aclose())
    held.release()  # the store takes the connection now: too late for this client
    await asyncio.wait_for(closing, timeout=10)

    assert read.done()  # ended before the client's connections closed
    with pytest.raises(ConnectionFailed, match="closed its connection"):
        read.result()
    assert held.attempts == 1  # not retried on a closed client
    assert garbage_warnings() == []


async def test_calls_in_flight_end_and_later_calls_are_refused(store: SandboxServer) -> None:
    transport, held = held_transport()
    client = _client(store, transport)
    client.open()
    reads = [asyncio.ensure_future(client.carts.get(f"missing-{n}")) for n in range(3)]
    warm = asyncio.ensure_future(client.warm_up())
    await asyncio.wait_for(held.connecting.wait(), timeout=10)

    await asyncio.wait_for(client.aclose(), timeout=10)
    held.release()

    for read in reads:
        assert read.done()
        assert isinstance(read.exception(), ConnectionFailed)
    results = await asyncio.wait_for(warm, timeout=10)
    assert all(isinstance(r.error, ConnectionFailed) for r in results)
    with pytest.raises(RuntimeError, match="closed"):
        await client.carts.get("after-close")
    assert garbage_warnings() == []


async def test_a_caller_cancelled_meanwhile_still_sees_its_cancellation(
    store: SandboxServer,
) -> None:
    transport, held = held_transport()
    client = _client(store, transport)
    client.open()
    read = asyncio.ensure_future(client.carts.get("any"))
    await asyncio.wait_for(held.connecting.wait(), timeout=10)

    closing = asyncio.ensure_future(client.aclose())
    await asyncio.sleep(0)  # one turn of the loop: the close has cancelled the read
    read.cancel()  # and its own caller gives up too: a cancellation, not an error
    await asyncio.wait_for(closing, timeout=10)
    held.release()

    assert read.cancelled()
    assert garbage_warnings() == []
