"""Faults on demand through the sandbox's admin route: latency, error statuses, 429, and the
connection closed before or after the request is processed (the double-charge case)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openapi_support import StoreHttp, card, line_item, sellable_variants, stock_of


@pytest.fixture(scope="module")
def store(sandbox: Any) -> Iterator[StoreHttp]:
    with StoreHttp(sandbox.info) as s:
        yield s


@pytest.fixture(scope="module")
def variants(store: StoreHttp) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    pairs = sellable_variants(store.products(), min_stock=3)

    def gen() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        i = 0
        while True:
            yield pairs[(200 + i * 3) % len(pairs)]
            i += 1

    return gen()


def ready_cart(store: StoreHttp, variants: Any) -> dict[str, Any]:
    product, variant = next(variants)
    cart = store.cart([line_item(product, variant)])
    store.billing(cart["id"])
    store.choose_shipping(store.consign(cart))
    return cart


def orders_of_cart(store: StoreHttp, cart_id: str) -> list[int]:
    r = store.get("/v2/orders", params={"cart_id": cart_id})
    assert r.status_code in (200, 204), r.text
    return [o["id"] for o in r.json()] if r.status_code == 200 else []


def test_latency_fault_delays_the_matching_request(store: StoreHttp, clean_faults: Any) -> None:
    store.add_fault("GET", "/v2/order_statuses", "latency", times=1, latency_ms=400)
    started = time.monotonic()
    r = store.get("/v2/order_statuses")
    assert r.status_code == 200
    assert time.monotonic() - started >= 0.4
    assert store.get("/v2/order_statuses").status_code == 200
    assert [f for f in store.faults() if f.get("remaining", 0) > 0] == []


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_error_status_faults_fire_the_asked_number_of_times(
    store: StoreHttp, clean_faults: Any, status: int
) -> None:
    created = store.add_fault("GET", "/v3/catalog/products/*", str(status), times=2)
    assert "id" in created
    listed = store.faults()
    assert any(f.get("id") == created["id"] and f.get("remaining") == 2 for f in listed), listed
    for _ in range(2):
        r = store.get("/v3/catalog/products/1")
        assert r.status_code == status
        assert "Traceback" not in r.text
        if r.content:
            assert isinstance(r.json(), dict | list)
        if status == 429:
            assert int(r.headers["X-Rate-Limit-Time-Reset-Ms"]) >= 0
    assert store.get("/v3/catalog/products/1").status_code == 200


def test_method_wildcard_and_clearing(store: StoreHttp, clean_faults: Any) -> None:
    store.add_fault("*", "/v2/order_statuses", "503", times=5)
    assert store.get("/v2/order_statuses").status_code == 503
    store.clear_faults()
    assert store.faults() == []
    assert store.get("/v2/order_statuses").status_code == 200


def test_close_before_creating_the_order_changes_nothing(
    store: StoreHttp, variants: Any, clean_faults: Any
) -> None:
    cart = ready_cart(store, variants)
    store.add_fault("POST", "/v3/checkouts/*/orders", "close_before", times=1)
    with pytest.raises(httpx.TransportError):
        store.post(f"/v3/checkouts/{cart['id']}/orders")
    assert store.checkout(cart["id"])["order_id"] is None
    assert orders_of_cart(store, cart["id"]) == []
    order_id = store.order(cart["id"])
    assert orders_of_cart(store, cart["id"]) == [order_id]


def test_close_after_creating_the_order_leaves_it_created(
    store: StoreHttp, variants: Any, clean_faults: Any
) -> None:
    cart = ready_cart(store, variants)
    store.add_fault("POST", "/v3/checkouts/*/orders", "close_after", times=1)
    with pytest.raises(httpx.TransportError):
        store.post(f"/v3/checkouts/{cart['id']}/orders")
    # The request was processed: the checkout shows the order the client never heard of.
    order_id = store.checkout(cart["id"])["order_id"]
    assert order_id is not None
    assert orders_of_cart(store, cart["id"]) == [int(order_id)]
    assert store.v2_order(int(order_id))["status_id"] == 0


def test_close_after_payment_has_charged_once(
    store: StoreHttp, variants: Any, clean_faults: Any
) -> None:
    cart = ready_cart(store, variants)
    order_id = store.order(cart["id"])
    method = store.card_method(order_id)
    line = cart["line_items"]["physical_items"][0]

    def stock() -> int | None:
        r = store.get(f"/v3/catalog/products/{line['product_id']}", params={"include": "variants"})
        return stock_of(r.json()["data"], line["variant_id"])

    before = stock()
    store.add_fault("POST", "/payments", "close_after", times=1)
    with pytest.raises(httpx.TransportError):
        store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    # Charged, though the client saw no answer: reconcile from the order, never pay again.
    assert store.v2_order(order_id)["status_id"] == 11
    r = store.get(f"/v3/orders/{order_id}/transactions")
    assert r.status_code == 200 and len(r.json()["data"]) == 1
    assert stock() == before - 1
    # A paid order is no longer awaiting payment: no new payment token for it.
    r = store.post("/v3/payments/access_tokens", {"order": {"id": order_id}})
    assert r.status_code == 409, r.text
    assert stock() == before - 1


def test_close_before_payment_charges_nothing(
    store: StoreHttp, variants: Any, clean_faults: Any
) -> None:
    cart = ready_cart(store, variants)
    order_id = store.order(cart["id"])
    method = store.card_method(order_id)
    store.add_fault("POST", "/payments", "close_before", times=1)
    with pytest.raises(httpx.TransportError):
        store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert store.v2_order(order_id)["status_id"] == 0
    assert store.get(f"/v3/orders/{order_id}/transactions").status_code == 204
    r = store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text


def test_faults_given_at_start_up(tmp_path: Any) -> None:
    """`pos sandbox --fault 'POST /payments close_after 1'` queues the fault before serving."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pos",
            "sandbox",
            "--port",
            "0",
            "--catalog-size",
            "20",
            "--db",
            str(tmp_path / "store.sqlite3"),
            "--fault",
            "POST /payments close_after 1",
            "--fault",
            "GET /v2/order_statuses 503 2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else ""
        info = json.loads(line)
        assert set(info) == {"api_base_url", "payments_base_url", "store_hash", "token"}
        with StoreHttp(info) as s:
            faults = s.faults()
            kinds = {(f["method"], f["path"], f["kind"]) for f in faults}
            assert ("POST", "/payments", "close_after") in kinds
            assert s.get("/v2/order_statuses").status_code == 503
            assert s.get("/v2/order_statuses").status_code == 503
            assert s.get("/v2/order_statuses").status_code == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            assert proc.wait(timeout=15) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
