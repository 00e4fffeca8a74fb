"""TLS against a real local HTTPS server with certificates made here, and servers that
hang or trickle: typed errors, never a hang past the timeout."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from api_helpers import SleepRecorder
from tls_support import LocalServer, json_answer, make_ca, make_server_cert, read_request

from pos.api import (
    BigCommerceClient,
    OutcomeUnknown,
    RequestTimedOut,
    TlsError,
)

CART_JSON = b'{"data":{"id":"cart-1","line_items":{}},"meta":{}}'


async def _answer_cart(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while True:
        await read_request(reader)
        writer.write(json_answer(CART_JSON))
        await writer.drain()


def _client(url: str, **kw: object) -> BigCommerceClient:
    kw.setdefault("sleep", SleepRecorder())
    kw.setdefault("max_retries", 2)
    kw.setdefault("timeout", 5.0)
    return BigCommerceClient(
        "abc123", lambda: "tok", api_base_url=url, payments_base_url=url,
        trust_env=False, **kw,  # type: ignore[arg-type]
    )


async def test_self_signed_certificate_is_refused_without_retry(tmp_path: Path) -> None:
    cert = make_server_cert(tmp_path, "selfsigned")
    sleep = SleepRecorder()
    async with (
        LocalServer(_answer_cart, cert=cert) as server,
        _client(server.url, sleep=sleep) as client,
    ):
        with pytest.raises(TlsError) as info:
            await client.carts.get("cart-1")
        # A payment create is refused the same way: nothing was sent.
        with pytest.raises(TlsError):
            await client.checkouts.create_order("cart-1")

    assert info.value.request_sent is False
    assert "certificate" in str(info.value)
    assert sleep.waits == []  # a refused certificate is not retried
    assert server.connections == 0  # no TLS session was ever established


async def test_extra_ca_bundle_is_trusted_in_addition(tmp_path: Path) -> None:
    ca_cert, ca_key, ca_path = make_ca(tmp_path)
    cert = make_server_cert(tmp_path, "proxied", issuer=(ca_cert, ca_key))
    async with (
        LocalServer(_answer_cart, cert=cert) as server,
        _client(server.url) as client,
    ):
        with pytest.raises(TlsError):
            await client.carts.get("cart-1")
        async with _client(server.url, ca_bundle=str(ca_path)) as client:
            cart = await client.carts.get("cart-1")
            assert cart.id == "cart-1"
            cart = await client.carts.get("cart-1")
    assert server.connections == 1  # one session, kept alive for both calls


async def test_expired_certificate_is_refused_even_from_a_trusted_ca(tmp_path: Path) -> None:
    ca_cert, ca_key, ca_path = make_ca(tmp_path)
    cert = make_server_cert(tmp_path, "expired", issuer=(ca_cert, ca_key), expired=True)
    async with (
        LocalServer(_answer_cart, cert=cert) as server,
        _client(server.url, ca_bundle=str(ca_path)) as client,
    ):
        with pytest.raises(TlsError):
            await client.carts.get("cart-1")


async def test_certificate_for_another_name_is_refused(tmp_path: Path) -> None:
    ca_cert, ca_key, ca_path = make_ca(tmp_path)
    cert = make_server_cert(tmp_path, "other", issuer=(ca_cert, ca_key), host="shop.example")
    async with (
        LocalServer(_answer_cart, cert=cert) as server,
        _client(server.url, ca_bundle=str(ca_path)) as client,
    ):
        with pytest.raises(TlsError):
            await client.carts.get("cart-1")


async def test_unreadable_ca_bundle_is_a_tls_error(tmp_path: Path) -> None:
    with pytest.raises(TlsError, match="CA bundle"):
        async with _client("https://127.0.0.1:9", ca_bundle=str(tmp_path / "missing.pem")):
            pass


async def test_silent_server_times_out_and_never_hangs() -> None:
    async def black_hole(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        await asyncio.Event().wait()

    async with (
        LocalServer(black_hole) as server,
        _client(server.url, timeout=0.3, max_retries=1) as client,
    ):
        with pytest.raises(RequestTimedOut):
            await client.carts.get("cart-1")
        with pytest.raises(OutcomeUnknown) as info:
            await client.checkouts.create_order("cart-1")

    assert info.value.reason == "timeout"
    assert server.connections == 3  # GET tried twice, the create once


async def test_trickling_server_is_cut_at_the_timeout() -> None:
    """Bytes arrive forever, each within the read timeout: the attempt budget still ends."""

    async def trickle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100000\r\n\r\n{")
        while True:
            writer.write(b" ")
            await writer.drain()
            await asyncio.sleep(0.02)

    async with (
        LocalServer(trickle) as server,
        _client(server.url, timeout=0.4, max_retries=0) as client,
    ):
        with pytest.raises(RequestTimedOut):
            await client.carts.get("cart-1")


async def test_connection_refused_is_connection_failed_and_retried() -> None:
    from pos.api import ConnectionFailed

    async with LocalServer(_answer_cart) as server:
        url = server.url
    sleep = SleepRecorder()
    client = BigCommerceClient("abc123", lambda: "t", api_base_url=url, payments_base_url=url,
                               sleep=sleep, max_retries=2, trust_env=False)
    async with client:
        with pytest.raises(ConnectionFailed) as info:
            await client.checkouts.create_order("c")  # unsafe, yet retried: never sent
    assert info.value.request_sent is False
    assert len(sleep.waits) == 2
