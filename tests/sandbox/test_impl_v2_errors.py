"""v2 routes answer injected faults, 401, 403 and an unknown store with the v2 body, a JSON
array of ``{status, message}``; v3 routes keep the v3 object. The store's own rate limiter
answers with the v3 object everywhere."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from test_server_basics import Store

from pos.sandbox.server import SandboxServer


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[Store]:
    helper = Store(sandbox)
    yield helper
    helper.close()


def assert_v2(r: httpx.Response, status: int) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert isinstance(body, list) and len(body) == 1, body
    assert set(body[0]) == {"status", "message"}
    assert body[0]["status"] == status and body[0]["message"]


def assert_v3(r: httpx.Response, status: int) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert isinstance(body, dict) and body["status"] == status
    assert body["title"] and body["type"]


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_injected_faults_have_the_body_of_their_api_version(
    store: Store, clean_faults: SandboxServer, status: int
) -> None:
    clean_faults.add_fault("GET", "/v2/order_statuses", str(status))
    clean_faults.add_fault("GET", "/v2/orders/*", str(status))
    clean_faults.add_fault("GET", "/v3/catalog/products/*", str(status))
    assert_v2(store.get("/v2/order_statuses"), status)
    assert_v2(store.get("/v2/orders/100"), status)
    r = store.get("/v3/catalog/products/1")
    assert_v3(r, status)
    if status == 429:
        assert r.headers["X-Rate-Limit-Requests-Left"] == "0"
        assert "X-Retry-After" in r.headers


def test_the_rate_limiter_answers_with_the_v3_object_on_every_route(
    store: Store, clean_faults: SandboxServer
) -> None:
    clean_faults.configure(rate_limit_quota=1, rate_limit_window_ms=60000)
    assert store.get("/v2/order_statuses").status_code == 200
    r = store.get("/v2/order_statuses")
    assert_v3(r, 429)
    assert r.headers["X-Rate-Limit-Requests-Left"] == "0"
    assert int(r.headers["X-Retry-After"]) >= 1
    assert_v3(store.get("/v3/catalog/products/1"), 429)


def test_401_and_an_unknown_store_have_the_body_of_their_api_version(
    sandbox: SandboxServer,
) -> None:
    base = f"{sandbox.api_base_url}/stores/{sandbox.store_hash}"
    for headers in ({}, {"X-Auth-Token": "wrong"}):
        r = httpx.get(f"{base}/v2/order_statuses", headers=headers)
        assert_v2(r, 401)
        assert "x-rate-limit-requests-left" in r.headers
        assert_v2(httpx.get(f"{base}/v2/orders", headers=headers), 401)
        assert_v3(httpx.get(f"{base}/v3/catalog/products", headers=headers), 401)
    elsewhere = f"{sandbox.api_base_url}/stores/not-this-store"
    headers = {"X-Auth-Token": sandbox.token}
    assert_v2(httpx.get(f"{elsewhere}/v2/order_statuses", headers=headers), 404)
    r = httpx.get(f"{elsewhere}/v3/catalog/products", headers=headers)
    assert r.status_code == 404 and isinstance(r.json(), dict)


def test_a_v2_fault_on_a_write_changes_nothing(store: Store, clean_faults: SandboxServer) -> None:
    variant = store.simple_variant()
    order_id = store.order(store.pickup_checkout(variant["product_id"]))
    clean_faults.add_fault("PUT", "/v2/orders/*", "503")
    assert_v2(store.put(f"/v2/orders/{order_id}", json={"status_id": 5}), 503)
    assert store.get(f"/v2/orders/{order_id}").json()["status_id"] == 0
