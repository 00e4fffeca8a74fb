"""Rate-limit headers on every answer, admin routes for loopback only, and a reopened
store that keeps its own demo data."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pos.sandbox.app import SandboxApp, StoreState
from pos.sandbox.db import Database
from pos.sandbox.faults import RateLimiter
from pos.sandbox.scopes import Tokens
from pos.sandbox.server import SandboxServer

LIMIT_HEADERS = (
    "x-rate-limit-requests-left",
    "x-rate-limit-requests-quota",
    "x-rate-limit-time-reset-ms",
    "x-rate-limit-time-window-ms",
)


@pytest.fixture
def store(clean_faults: SandboxServer) -> Iterator[tuple[SandboxServer, httpx.Client]]:
    clean_faults.configure(rate_limit_quota=1000, rate_limit_window_ms=600_000)
    with httpx.Client(
        headers={"X-Auth-Token": clean_faults.token, "Accept": "application/json"}, timeout=10
    ) as client:
        yield clean_faults, client


def _left(response: httpx.Response) -> int:
    for name in LIMIT_HEADERS:
        assert name in response.headers, (name, response.status_code)
    return int(response.headers["x-rate-limit-requests-left"])


# ---------------------------------------------------------------------------- rate limits


def test_peek_reads_without_counting() -> None:
    limiter = RateLimiter()
    assert limiter.peek("api", 5, 1000, now=10.0)["X-Rate-Limit-Requests-Left"] == "5"
    allowed, _ = limiter.take("api", 5, 1000, now=10.0)
    assert allowed
    for _ in range(3):
        headers = limiter.peek("api", 5, 1000, now=10.25)
        assert headers["X-Rate-Limit-Requests-Left"] == "4"
        assert headers["X-Rate-Limit-Time-Reset-Ms"] == "750"
    assert limiter.take("api", 5, 1000, now=10.5)[1]["X-Rate-Limit-Requests-Left"] == "3"
    # After the window: a fresh one, full quota.
    assert limiter.peek("api", 5, 1000, now=12.0)["X-Rate-Limit-Requests-Left"] == "5"


@pytest.mark.parametrize("kind", ["500", "502", "503"])
@pytest.mark.parametrize(
    "path", ["/v3/catalog/products", "/v2/order_statuses"], ids=["v3", "v2"]
)
def test_injected_server_errors_carry_the_current_limits(
    store: tuple[SandboxServer, httpx.Client], kind: str, path: str
) -> None:
    server, client = store
    url = f"{server.api_base_url}/stores/{server.store_hash}{path}"
    before = _left(client.get(url))
    server.add_fault("GET", path, kind, times=1)
    faulted = client.get(url)
    assert faulted.status_code == int(kind)
    assert _left(faulted) == before  # no quota spent by the injected error
    assert int(faulted.headers["x-rate-limit-requests-quota"]) == 1000
    assert "x-retry-after" not in faulted.headers
    assert _left(client.get(url)) == before - 1


def test_injected_payment_error_carries_the_payments_limits(
    store: tuple[SandboxServer, httpx.Client],
) -> None:
    server, client = store
    server.add_fault("POST", "/payments", "502", times=1)
    r = client.post(f"{server.payments_base_url}/stores/{server.store_hash}/payments", json={})
    assert r.status_code == 502
    assert r.headers["x-rate-limit-requests-quota"] == str(server.settings.payments_quota)
    assert r.headers["x-rate-limit-time-window-ms"] == str(server.settings.payments_window_ms)


@pytest.mark.parametrize("path", ["/", "/nowhere", "/stores", "/stores//v3/carts"])
def test_paths_outside_stores_carry_the_limits(
    store: tuple[SandboxServer, httpx.Client], path: str
) -> None:
    server, client = store
    url = f"{server.api_base_url}/stores/{server.store_hash}/v3/catalog/products"
    before = _left(client.get(url))
    r = client.get(server.api_base_url + path)
    assert r.status_code == 404
    assert _left(r) == before
    assert r.json()["status"] == 404


# ---------------------------------------------------------------------------- admin routes


@pytest.fixture
def app(tmp_path: Path) -> Iterator[SandboxApp]:
    db = Database(tmp_path / "store.sqlite3")
    try:
        yield SandboxApp(
            StoreState(db=db, store_hash="abc", token="t0ken", secret=b"s" * 32,
                       tokens=Tokens(db))
        )
    finally:
        db.close()


def _call(app: SandboxApp, method: str, path: str, client: Any, body: Any = None) -> tuple[
    int, Any
]:
    """Calls the ASGI app directly with ``client`` as the peer address."""
    raw = b"" if body is None else json.dumps(body).encode()
    sent: list[dict[str, Any]] = []
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
        "query_string": b"", "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json")],
        "client": client, "server": ("127.0.0.1", 8000),
    }
    messages = [{"type": "http.request", "body": raw, "more_body": False}]

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        await asyncio.Event().wait()  # never: the app does not read past the body
        raise AssertionError

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    content = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(content) if content else None


@pytest.mark.parametrize(
    "client",
    [("10.0.0.5", 5000), ("192.168.1.20", 5000), ("8.8.8.8", 1), ("::ffff:10.0.0.1", 1),
     ("fe80::1", 1), ("2001:db8::1", 1), ("testclient", 1), None],
)
def test_admin_routes_refuse_other_machines(app: SandboxApp, client: Any) -> None:
    fault = {"method": "GET", "path": "/v3/carts/*", "kind": "500"}
    status, body = _call(app, "POST", "/__sandbox/faults", client, fault)
    assert status == 403 and body["status"] == 403
    assert _call(app, "GET", "/__sandbox/faults", client)[0] == 403
    assert app.state.faults.active() == []  # nothing was queued


@pytest.mark.parametrize(
    "client", [("127.0.0.1", 5000), ("127.8.9.10", 1), ("::1", 1), ("::ffff:127.0.0.1", 1)]
)
def test_admin_routes_answer_loopback(app: SandboxApp, client: Any) -> None:
    fault = {"method": "GET", "path": "/v3/carts/*", "kind": "500"}
    status, _ = _call(app, "POST", "/__sandbox/faults", client, fault)
    assert status == 201
    status, body = _call(app, "GET", "/__sandbox/faults", client)
    assert status == 200 and len(body["data"]) == 1


def test_store_routes_do_not_check_the_peer(app: SandboxApp) -> None:
    """Only the admin routes are loopback-only; a store route answers anyone (with its
    usual authentication)."""
    status, _ = _call(app, "GET", "/stores/abc/v2/order_statuses", ("10.0.0.5", 1))
    assert status == 401


# ---------------------------------------------------------------------------- reopened store


def test_reopened_store_with_other_seed_warns_and_keeps_its_data(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "kept.sqlite3"
    with SandboxServer(db_path=path, seed=3, catalog_size=12) as first:
        identity = (first.store_hash, first.token)
    caplog.set_level(logging.WARNING, logger="pos.sandbox")
    with SandboxServer(db_path=path, seed=3, catalog_size=12) as same:
        assert (same.store_hash, same.token) == identity
    assert not [r for r in caplog.records if r.name == "pos.sandbox"]

    with SandboxServer(db_path=path, seed=4, catalog_size=30) as other:
        assert (other.store_hash, other.token) == identity
        r = httpx.get(
            f"{other.api_base_url}/stores/{other.store_hash}/v3/catalog/products",
            params={"limit": 250}, headers={"X-Auth-Token": other.token}, timeout=10,
        )
        assert r.json()["meta"]["pagination"]["total"] == 12
    (warning,) = [r for r in caplog.records if r.name == "pos.sandbox"]
    text = warning.getMessage()
    assert warning.levelno == logging.WARNING
    assert str(path) in text and "kept" in text
    assert "seed 4 (stored: 3)" in text and "catalog_size 30 (stored: 12)" in text
