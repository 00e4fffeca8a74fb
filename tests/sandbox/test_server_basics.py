"""The sandbox store over real loopback HTTP, with plain httpx: lifecycle, auth, faults,
a whole sale, pending settlement, and many terminals at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.poll import wait_until

from pos.sandbox.server import SandboxServer

PAYMENTS_ACCEPT = "application/vnd.bc.v1+json"
BILLING = {
    "first_name": "Jane",
    "last_name": "Doe",
    "email": "jane@example.com",
    "address1": "123 Main Street",
    "city": "Austin",
    "state_or_province": "Texas",
    "state_or_province_code": "TX",
    "country_code": "US",
    "postal_code": "78751",
    "phone": "15125550100",
}
VISA = {
    "type": "card",
    "number": "4242424242424242",
    "cardholder_name": "Jane Doe",
    "expiry_month": 12,
    "expiry_year": 2031,
    "verification_value": "123",
}


class Store:
    """A thin httpx helper over one sandbox: the calls of the tutorial flow."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self.base = f"{server.api_base_url}/stores/{server.store_hash}"
        self.client = httpx.Client(
            headers={"X-Auth-Token": server.token, "Accept": "application/json"}, timeout=10
        )

    def close(self) -> None:
        self.client.close()

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(self.base + path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(self.base + path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.put(self.base + path, **kwargs)

    def simple_variant(self, min_stock: int = 5) -> dict[str, Any]:
        """A purchasable variant of a product without options."""
        page = 1
        while True:
            data = self.get("/v3/catalog/variants", params={"limit": 250, "page": page}).json()
            for variant in data["data"]:
                if (
                    not variant["option_values"]
                    and not variant["purchasing_disabled"]
                    and variant["inventory_level"] >= min_stock
                ):
                    product = self.get(f"/v3/catalog/products/{variant['product_id']}").json()
                    if product["data"]["availability"] == "available":
                        return variant  # type: ignore[no-any-return]
            page += 1

    def set_stock(self, variant_id: int, level: int) -> None:
        r = httpx.put(
            f"{self.server.admin_url}/stock",
            json={"variant_id": variant_id, "inventory_level": level},
        )
        assert r.status_code == 200, r.text

    def pickup_checkout(self, product_id: int, quantity: int = 1) -> str:
        """Cart → billing → pickup consignment; returns the checkout id."""
        r = self.post(
            "/v3/carts", json={"line_items": [{"product_id": product_id, "quantity": quantity}]}
        )
        assert r.status_code == 201, r.text
        cart = r.json()["data"]
        item_id = cart["line_items"]["physical_items"][0]["id"]
        r = self.post(f"/v3/checkouts/{cart['id']}/billing-address", json=BILLING)
        assert r.status_code == 200, r.text
        r = self.post(
            f"/v3/checkouts/{cart['id']}/consignments",
            json=[
                {
                    "pickup_option": {"pickup_method_id": 1},
                    "line_items": [{"item_id": item_id, "quantity": quantity}],
                }
            ],
        )
        assert r.status_code == 200, r.text
        return str(cart["id"])

    def order(self, checkout_id: str) -> int:
        r = self.post(f"/v3/checkouts/{checkout_id}/orders")
        assert r.status_code == 200, r.text
        return int(r.json()["data"]["id"])

    def pat(self, order_id: int) -> str:
        r = self.post("/v3/payments/access_tokens", json={"order": {"id": order_id}})
        assert r.status_code == 201, r.text
        return str(r.json()["data"]["id"])

    def pay(
        self, order_id: int, instrument: dict[str, Any] | None = None, **extra: Any
    ) -> httpx.Response:
        token = self.pat(order_id)
        return httpx.post(
            f"{self.server.payments_base_url}/stores/{self.server.store_hash}/payments",
            headers={"Authorization": f"PAT {token}", "Accept": PAYMENTS_ACCEPT},
            json={
                "payment": {
                    "instrument": instrument or VISA,
                    "payment_method_id": "sandbox.card",
                    **extra,
                }
            },
            timeout=10,
        )


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[Store]:
    helper = Store(sandbox)
    yield helper
    helper.close()


# -- lifecycle --------------------------------------------------------------------------------


def test_start_returns_once_accepting_and_stop_closes_the_port() -> None:
    server = SandboxServer(catalog_size=30)
    server.start()
    try:
        assert server.running
        assert server.info == {
            "api_base_url": server.api_base_url,
            "payments_base_url": server.payments_base_url,
            "store_hash": server.store_hash,
            "token": server.token,
        }
        assert server.admin_url == f"{server.api_base_url}/__sandbox"
        r = httpx.get(
            f"{server.api_base_url}/stores/{server.store_hash}/v2/order_statuses",
            headers={"X-Auth-Token": server.token},
        )
        assert r.status_code == 200
        assert [s["id"] for s in r.json()] == list(range(15))
        db_path = server.db_path
    finally:
        server.stop()
    assert not server.running
    assert not db_path.exists(), "a temporary store is deleted on stop"
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.admin_url + "/config")


def test_restart_with_the_same_db_keeps_identity_and_state(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    with SandboxServer(db_path=db, catalog_size=40) as first:
        helper = Store(first)
        variant = helper.simple_variant(min_stock=1)
        checkout_id = helper.pickup_checkout(variant["product_id"])
        identity = (first.store_hash, first.token)
        helper.close()
    with SandboxServer(db_path=db, catalog_size=40) as second:
        assert (second.store_hash, second.token) == identity
        helper = Store(second)
        r = helper.get(f"/v3/checkouts/{checkout_id}")
        assert r.status_code == 200
        assert r.json()["data"]["billing_address"]["email"] == BILLING["email"]
        helper.close()


def run_cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "pos", "sandbox", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def stop_cli(proc: subprocess.Popen[str], sig: int) -> tuple[str, str]:
    try:
        proc.send_signal(sig)
        return proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_pos_sandbox_prints_one_json_line_and_stops_on_sigterm(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    proc = run_cli("--db", str(db), "--catalog-size", "25", "--seed", "7")
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        assert set(info) == {"api_base_url", "payments_base_url", "store_hash", "token"}
        base = f"{info['api_base_url']}/stores/{info['store_hash']}"
        headers = {"X-Auth-Token": info["token"]}
        r = httpx.get(f"{base}/v3/catalog/products", headers=headers)
        assert r.status_code == 200
        assert r.json()["meta"]["pagination"]["total"] == 25
        r = httpx.post(
            f"{base}/v3/carts",
            headers=headers,
            json={
                "custom_items": [
                    {"sku": "GIFT", "name": "Gift wrap", "quantity": 1, "list_price": 2.5}
                ]
            },
        )
        assert r.status_code == 201
        cart_id = r.json()["data"]["id"]
    finally:
        out, err = stop_cli(proc, signal.SIGTERM)
    assert proc.returncode == 0, err
    assert out == "", "exactly one line on stdout"
    assert "Traceback" not in err
    # The same --db again: same store, same token, the cart is still there.
    proc = run_cli("--db", str(db))
    try:
        assert proc.stdout is not None
        again = json.loads(proc.stdout.readline())
        assert (again["store_hash"], again["token"]) == (info["store_hash"], info["token"])
        r = httpx.get(
            f"{again['api_base_url']}/stores/{again['store_hash']}/v3/carts/{cart_id}",
            headers={"X-Auth-Token": again["token"]},
        )
        assert r.status_code == 200
    finally:
        out, err = stop_cli(proc, signal.SIGINT)
    assert proc.returncode == 0, err


def test_pos_sandbox_refuses_a_bad_fault_spec() -> None:
    proc = run_cli("--fault", "POST /payments explode")
    out, err = proc.communicate(timeout=15)
    assert proc.returncode == 2
    assert out == "" and "kind" in err


def test_the_demo_data_is_deterministic(tmp_path: Path) -> None:
    def first_page(seed: int) -> list[tuple[str, str, float]]:
        with SandboxServer(seed=seed, catalog_size=20) as server:
            r = httpx.get(
                f"{server.api_base_url}/stores/{server.store_hash}/v3/catalog/products",
                headers={"X-Auth-Token": server.token},
                params={"include": "variants"},
            )
            return [(p["name"], p["variants"][0]["upc"], p["price"]) for p in r.json()["data"]]

    assert first_page(3) == first_page(3)
    assert first_page(3) != first_page(4)


# -- auth and bad input -----------------------------------------------------------------------


def test_store_routes_require_the_token(store: Store) -> None:
    url = store.base + "/v3/catalog/products"
    for headers in ({}, {"X-Auth-Token": "wrong"}, {"Authorization": f"PAT {store.server.token}"}):
        r = httpx.get(url, headers=headers)
        assert r.status_code == 401
        body = r.json()
        assert body["status"] == 401 and body["title"] and body["type"]
        assert "x-rate-limit-requests-left" in r.headers


def test_payments_require_a_pat_and_the_bc_accept_header(store: Store) -> None:
    variant = store.simple_variant()
    order_id = store.order(store.pickup_checkout(variant["product_id"]))
    token = store.pat(order_id)
    url = f"{store.server.payments_base_url}/stores/{store.server.store_hash}/payments"
    body = {"payment": {"instrument": VISA, "payment_method_id": "sandbox.card"}}
    cases = [
        ({"X-Auth-Token": store.server.token, "Accept": PAYMENTS_ACCEPT}, 401),
        ({"X-Auth-Token": store.server.token, "Accept": "application/json"}, 401),
        ({"Authorization": f"Bearer {token}", "Accept": PAYMENTS_ACCEPT}, 401),
        ({"Authorization": f"PAT  {token}", "Accept": PAYMENTS_ACCEPT}, 401),
        ({"Authorization": f"PAT {token}x", "Accept": PAYMENTS_ACCEPT}, 401),
        ({"Authorization": f"PAT {token}", "Accept": "application/json"}, 400),
    ]
    for headers, status in cases:
        r = httpx.post(url, headers=headers, json=body)
        assert r.status_code == status, (headers.keys(), r.text)
        assert {"status", "title", "type"} <= set(r.json())
    r = store.get(f"/v2/orders/{order_id}")
    assert r.json()["status_id"] == 0, "nothing was charged"
    r = httpx.post(
        url, headers={"Authorization": f"PAT {token}", "Accept": PAYMENTS_ACCEPT}, json=body
    )
    assert r.status_code == 201, r.text


def test_malformed_json_is_400_and_missing_fields_are_422(store: Store) -> None:
    r = store.client.post(
        store.base + "/v3/carts", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400
    assert r.json()["status"] == 400
    r = store.post("/v3/carts", json={"line_items": [{"quantity": "two"}]})
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert "line_items[0].quantity" in errors and "line_items[0].product_id" in errors
    r = store.get("/v3/carts/00000000-0000-0000-0000-000000000000")
    assert r.status_code == 404
    r = store.get("/v2/orders/999999")
    assert r.status_code == 404
    assert r.json()[0]["status"] == 404


def test_an_unexpected_bug_is_a_500_without_a_traceback(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from pos.sandbox import orders

    def broken() -> list[dict[str, Any]]:
        raise RuntimeError("boom in a handler")

    monkeypatch.setattr(orders, "statuses_v2", broken)
    with caplog.at_level("ERROR", logger="pos.sandbox"):
        r = store.get("/v2/order_statuses")
    assert r.status_code == 500
    assert "Traceback" not in r.text and "boom" not in r.text and "File " not in r.text
    assert r.json()[0]["status"] == 500
    assert any("boom in a handler" in str(rec.exc_info) for rec in caplog.records)


# -- rate limits and faults -------------------------------------------------------------------


def test_rate_limit_headers_and_429(store: Store, clean_faults: SandboxServer) -> None:
    clean_faults.configure(rate_limit_quota=3, rate_limit_window_ms=60000)
    lefts = []
    for _ in range(3):
        r = store.get("/v2/order_statuses")
        assert r.status_code == 200
        assert r.headers["X-Rate-Limit-Requests-Quota"] == "3"
        assert r.headers["X-Rate-Limit-Time-Window-Ms"] == "60000"
        assert 0 < int(r.headers["X-Rate-Limit-Time-Reset-Ms"]) <= 60000
        lefts.append(int(r.headers["X-Rate-Limit-Requests-Left"]))
    assert lefts == [2, 1, 0]
    r = store.get("/v2/order_statuses")
    assert r.status_code == 429
    assert r.headers["X-Rate-Limit-Requests-Left"] == "0"
    assert int(r.headers["X-Retry-After"]) >= 1
    assert r.json()["status"] == 429


def test_latency_and_error_faults(store: Store, clean_faults: SandboxServer) -> None:
    admin = clean_faults.admin_url
    r = httpx.post(
        f"{admin}/faults",
        json={
            "method": "GET",
            "path": "/v2/order_statuses",
            "kind": "latency",
            "latency_ms": 150,
            "times": 1,
        },
    )
    assert r.status_code == 201
    started = time.monotonic()
    assert store.get("/v2/order_statuses").status_code == 200
    assert time.monotonic() - started >= 0.15
    for kind in ("500", "502", "503"):
        httpx.post(
            f"{admin}/faults",
            json={"method": "GET", "path": "/v2/order_*", "kind": kind, "times": 2},
        )
        assert [store.get("/v2/order_statuses").status_code for _ in range(3)] == [
            int(kind),
            int(kind),
            200,
        ]
    httpx.post(f"{admin}/faults", json={"method": "*", "path": "/v2/*", "kind": "429"})
    r = store.get("/v2/order_statuses")
    assert r.status_code == 429
    assert r.headers["X-Rate-Limit-Requests-Left"] == "0"
    assert "X-Retry-After" in r.headers and "X-Rate-Limit-Time-Reset-Ms" in r.headers
    assert httpx.get(f"{admin}/faults").json()["data"] == []
    httpx.post(f"{admin}/faults", json={"path": "/v3/carts", "kind": "500", "times": 5})
    assert len(httpx.get(f"{admin}/faults").json()["data"]) == 1
    assert httpx.delete(f"{admin}/faults").status_code == 204
    assert httpx.get(f"{admin}/faults").json()["data"] == []
    r = httpx.post(f"{admin}/faults", json={"path": "/x", "kind": "explode"})
    assert r.status_code == 422 and "kind" in r.json()["errors"]


def test_close_before_changes_nothing(store: Store, clean_faults: SandboxServer) -> None:
    variant = store.simple_variant()
    checkout_id = store.pickup_checkout(variant["product_id"])
    clean_faults.add_fault("POST", "/v3/checkouts/*/orders", "close_before")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        store.post(f"/v3/checkouts/{checkout_id}/orders")
    r = store.get(f"/v3/checkouts/{checkout_id}")
    assert r.json()["data"]["order_id"] is None
    assert store.get("/v2/orders", params={"cart_id": checkout_id}).status_code == 204


def test_close_after_commits_then_drops_the_connection(
    store: Store, clean_faults: SandboxServer
) -> None:
    variant = store.simple_variant()
    before = store.get("/v3/catalog/variants", params={"id": variant["id"]}).json()["data"][0]
    order_id = store.order(store.pickup_checkout(variant["product_id"]))
    clean_faults.add_fault("POST", "/payments", "close_after")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        store.pay(order_id)
    order = store.get(f"/v2/orders/{order_id}").json()
    assert order["status_id"] == 11, "the payment was processed and committed"
    transactions = store.get(f"/v3/orders/{order_id}/transactions").json()["data"]
    assert [t["event"] for t in transactions] == ["purchase"]
    after = store.get("/v3/catalog/variants", params={"id": variant["id"]}).json()["data"][0]
    assert after["inventory_level"] == before["inventory_level"] - 1
    # Paid: no longer awaiting payment, so no new payment access token for it.
    r = store.post("/v3/payments/access_tokens", json={"order": {"id": order_id}})
    assert r.status_code == 409, r.text


def test_faults_given_at_start_up() -> None:
    with SandboxServer(catalog_size=10, faults=["GET /v2/order_statuses 503 2"]) as server:
        url = f"{server.api_base_url}/stores/{server.store_hash}/v2/order_statuses"
        headers = {"X-Auth-Token": server.token}
        codes = [httpx.get(url, headers=headers).status_code for _ in range(3)]
    assert codes == [503, 503, 200]


# -- sales ------------------------------------------------------------------------------------


def test_a_guest_pickup_sale_end_to_end(store: Store) -> None:
    variant = store.simple_variant()
    level = variant["inventory_level"]
    checkout_id = store.pickup_checkout(variant["product_id"], quantity=2)
    checkout = store.get(f"/v3/checkouts/{checkout_id}").json()["data"]
    price = variant["calculated_price"]
    assert checkout["subtotal_ex_tax"] == pytest.approx(price * 2)
    assert checkout["consignments"][0]["selected_pickup_option"] == {"pickup_method_id": 1}
    assert checkout["grand_total"] == pytest.approx(
        checkout["subtotal_ex_tax"] + checkout["tax_total"]
    )
    assert checkout["taxes"] and checkout["taxes"][0]["amount"] == checkout["tax_total"]
    order_id = store.order(checkout_id)
    assert store.get(f"/v3/checkouts/{checkout_id}").json()["data"]["order_id"] == str(order_id)
    order = store.get(f"/v2/orders/{order_id}").json()
    assert order["status_id"] == 0 and order["status"] == "Incomplete"
    assert order["total_inc_tax"] == f"{checkout['grand_total']:.4f}"
    assert order["date_created"].endswith("+0000")
    assert store.get(f"/v3/orders/{order_id}/transactions").status_code == 204
    methods = store.get("/v3/payments/methods", params={"order_id": order_id}).json()["data"]
    cards = [m for m in methods if m["type"] == "card"]
    assert cards[0]["id"] == "sandbox.card" and cards[0]["stored_instruments"] == []
    r = store.pay(order_id)
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["status"] == "success" and data["transaction_type"] == "purchase"
    order = store.get(f"/v2/orders/{order_id}").json()
    assert order["status_id"] == 11 and order["payment_status"] == "captured"
    tx = store.get(f"/v3/orders/{order_id}/transactions").json()["data"]
    assert tx[0]["credit_card"]["card_last4"] == "4242"
    assert "4242424242424242" not in json.dumps(tx)
    assert store.get(f"/v3/carts/{checkout_id}").status_code == 404
    after = store.get("/v3/catalog/variants", params={"id": variant["id"]}).json()["data"][0]
    assert after["inventory_level"] == level - 2
    products = store.get(f"/v2/orders/{order_id}/products").json()
    assert products[0]["quantity"] == 2 and products[0]["sku"] == variant["sku"]


def test_a_pending_payment_settles_later(store: Store, clean_faults: SandboxServer) -> None:
    clean_faults.configure(pending_settle_ms=300)
    variant = store.simple_variant()
    order_id = store.order(store.pickup_checkout(variant["product_id"]))
    r = store.pay(order_id, {**VISA, "number": "4000000000000259"})
    assert r.status_code == 201, r.text
    assert r.json()["data"]["status"] == "pending"
    order = store.get(f"/v2/orders/{order_id}").json()
    assert order["status_id"] in (1, 11)

    def settled() -> bool:
        return bool(store.get(f"/v2/orders/{order_id}").json()["status_id"] == 11)

    wait_until(settled)
    events = [t["event"] for t in store.get(f"/v3/orders/{order_id}/transactions").json()["data"]]
    assert events == ["pending", "purchase"]
    after = store.get("/v3/catalog/variants", params={"id": variant["id"]}).json()["data"][0]
    assert after["inventory_level"] == variant["inventory_level"] - 1


def test_many_terminals_never_oversell(store: Store) -> None:
    variant = store.simple_variant()
    store.set_stock(variant["id"], 4)
    outcomes: list[str] = []
    order_ids: list[int] = []
    lock = threading.Lock()

    def terminal() -> None:
        helper = Store(store.server)
        try:
            r = helper.post(
                "/v3/carts",
                json={"line_items": [{"product_id": variant["product_id"], "quantity": 1}]},
            )
            if r.status_code == 422:
                result = "no stock at cart"
            else:
                cart = r.json()["data"]
                item_id = cart["line_items"]["physical_items"][0]["id"]
                helper.post(f"/v3/checkouts/{cart['id']}/billing-address", json=BILLING)
                helper.post(
                    f"/v3/checkouts/{cart['id']}/consignments",
                    json=[
                        {
                            "pickup_option": {"pickup_method_id": 1},
                            "line_items": [{"item_id": item_id, "quantity": 1}],
                        }
                    ],
                )
                r = helper.post(f"/v3/checkouts/{cart['id']}/orders")
                if r.status_code != 200:
                    result = "no stock at order"
                else:
                    order_id = int(r.json()["data"]["id"])
                    with lock:
                        order_ids.append(order_id)
                    r = helper.pay(order_id)
                    result = "paid" if r.status_code == 201 else f"declined {r.json()['code']}"
        finally:
            helper.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=terminal) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 10
    assert outcomes.count("paid") == 4, outcomes
    assert len(set(order_ids)) == len(order_ids)
    after = store.get("/v3/catalog/variants", params={"id": variant["id"]}).json()["data"][0]
    assert after["inventory_level"] == 0
