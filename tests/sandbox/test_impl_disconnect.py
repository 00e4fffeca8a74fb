"""A client that stops waiting during added latency: the request it sent is still processed
and committed, as a real server does, and nothing is logged as an error."""

from __future__ import annotations

import logging
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import closing

import httpx
import pytest
from support.poll import wait_until
from test_server_basics import Store

from pos.sandbox.server import SandboxServer


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def problems(self) -> list[str]:
        return [
            f"{r.name}: {r.getMessage()}"
            for r in self.records
            if r.levelno >= logging.WARNING or r.exc_info is not None
        ]


@pytest.fixture
def logs() -> Iterator[Records]:
    """Every record of the sandbox's and uvicorn's loggers (uvicorn's do not propagate)."""
    handler = Records()
    loggers = [logging.getLogger(n) for n in ("pos.sandbox", "uvicorn", "uvicorn.error")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


def carts(sandbox: SandboxServer) -> int:
    with closing(sqlite3.connect(sandbox.db_path)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM carts").fetchone()[0])


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[Store]:
    helper = Store(sandbox)
    yield helper
    helper.close()


@pytest.mark.parametrize("how", ["fault", "setting"])
def test_an_order_posted_by_a_client_that_timed_out_is_created(
    store: Store, clean_faults: SandboxServer, logs: Records, how: str
) -> None:
    variant = store.simple_variant()
    checkout_id = store.pickup_checkout(variant["product_id"])
    if how == "fault":
        clean_faults.add_fault("POST", "/v3/checkouts/*/orders", "latency", latency_ms=700)
    else:
        clean_faults.configure(latency_ms=700)
    with pytest.raises(httpx.ReadTimeout):
        store.post(f"/v3/checkouts/{checkout_id}/orders", timeout=0.2)
    clean_faults.reset_config()

    def order_id() -> str | None:
        r = store.get(f"/v3/checkouts/{checkout_id}")
        assert r.status_code == 200, r.text
        return r.json()["data"]["order_id"]  # type: ignore[no-any-return]

    created = wait_until(order_id, timeout=10)
    r = store.get("/v2/orders", params={"cart_id": checkout_id})
    assert [o["id"] for o in r.json()] == [int(created)]
    assert r.json()[0]["status_id"] == 0
    assert logs.problems() == []


def test_a_request_cut_off_before_its_body_is_complete_is_dropped_quietly(
    store: Store, sandbox: SandboxServer, logs: Records
) -> None:
    variant = store.simple_variant()
    before = carts(sandbox)
    host, port = sandbox.api_base_url.removeprefix("http://").rsplit(":", 1)
    body = f'{{"line_items": [{{"product_id": {variant["product_id"]}, "quantity": 1}}]}}'
    head = (
        f"POST /stores/{sandbox.store_hash}/v3/carts HTTP/1.1\r\n"
        f"Host: {host}\r\nX-Auth-Token: {sandbox.token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body) + 50}\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head.encode() + body.encode())
    # The server is still well, and nothing was created or logged.
    assert store.get("/v2/order_statuses").status_code == 200
    assert carts(sandbox) == before
    assert logs.problems() == []
