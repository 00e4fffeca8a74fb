"""The store decides from a request's headers before it reads the body: a request without a
valid token, or whose body is larger than the store reads, is answered without its body
being read; path ids too large for the store answer 404, never 500."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from pos.sandbox.app import MAX_BODY_BYTES
from pos.sandbox.server import SandboxServer

HUGE = 300 * 1024 * 1024  # 300 MB announced; never sent


def _head_only(server: SandboxServer, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """Sends a POST's headers announcing a HUGE body, sends none of it, and reads the answer
    (the store must answer without waiting for the body)."""
    url = urlsplit(server.api_base_url)
    lines = [f"POST {path} HTTP/1.1", f"Host: {url.netloc}", f"Content-Length: {HUGE}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
        head, _, rest = received.partition(b"\r\n\r\n")
        length = next(
            (
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            ),
            0,
        )
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
    status = int(head.split(b" ", 2)[1])
    return status, rest


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[SandboxServer]:
    yield sandbox


def test_a_huge_body_without_a_token_is_refused_before_it_is_read(store: SandboxServer) -> None:
    status, body = _head_only(
        store, f"/stores/{store.store_hash}/v3/carts", {"Content-Type": "application/json"}
    )
    assert status == 401
    assert b'"status":401' in body


def test_a_huge_body_with_a_wrong_payment_token_is_refused_before_it_is_read(
    store: SandboxServer,
) -> None:
    status, _ = _head_only(
        store,
        f"/stores/{store.store_hash}/payments",
        {"Authorization": "PAT a.b.c", "Accept": "application/vnd.bc.v1+json"},
    )
    assert status == 401


def test_a_body_announced_too_large_is_413_before_it_is_read(store: SandboxServer) -> None:
    status, body = _head_only(
        store,
        f"/stores/{store.store_hash}/v3/carts",
        {"X-Auth-Token": store.token, "Content-Type": "application/json"},
    )
    assert status == 413
    assert b'"status":413' in body


def test_a_chunked_body_past_the_limit_is_413(store: SandboxServer) -> None:
    """No Content-Length: the store stops reading at its limit and answers 413."""
    url = urlsplit(store.api_base_url)
    head = (
        f"POST /stores/{store.store_hash}/v3/carts HTTP/1.1\r\nHost: {url.netloc}\r\n"
        f"X-Auth-Token: {store.token}\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"10000\r\n" + b" " * 0x10000 + b"\r\n"  # 64 KiB per chunk
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(head.encode())
        for _ in range(4 * MAX_BODY_BYTES // 0x10000):  # up to four times the limit
            try:
                sock.sendall(chunk)
            except OSError:  # the store answered and closed: it stopped reading
                break
        received = b""
        while b"\r\n\r\n" not in received:
            part = sock.recv(65536)
            if not part:
                break
            received += part
    assert received.startswith(b"HTTP/1.1 413"), received[:200]


def test_a_body_within_the_limit_is_read(store: SandboxServer) -> None:
    body = b'{"line_items": []' + b" " * (MAX_BODY_BYTES - 100) + b"}"
    r = httpx.post(
        f"{store.api_base_url}/stores/{store.store_hash}/v3/carts",
        content=body,
        headers={"X-Auth-Token": store.token, "Content-Type": "application/json"},
        timeout=10,
    )
    assert r.status_code == 422  # read and judged: an empty cart is refused


@pytest.mark.parametrize(
    "name", ["99999999999999999999999.svg", "2147483648.svg", "9" * 400, "\u00b2.svg", "\u0663"]
)
def test_image_ids_the_store_cannot_hold_are_404(store: SandboxServer, name: str) -> None:
    r = httpx.get(f"{store.admin_url}/images/{name}", timeout=10)
    assert r.status_code == 404


@pytest.mark.parametrize("product_id", ["\u00b2", "\u0663", "99999999999999999999"])
def test_path_ids_the_store_cannot_hold_are_404(store: SandboxServer, product_id: str) -> None:
    r = httpx.get(
        f"{store.api_base_url}/stores/{store.store_hash}/v3/catalog/products/{product_id}",
        headers={"X-Auth-Token": store.token},
        timeout=10,
    )
    assert r.status_code == 404
