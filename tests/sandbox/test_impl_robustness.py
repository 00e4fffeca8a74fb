"""Hostile input: huge numbers, NaN, deep nesting, wrong shapes. Never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from test_server_basics import Store

from pos.sandbox.server import SandboxServer

BIG = "9" * 30


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[Store]:
    helper = Store(sandbox)
    yield helper
    helper.close()


def send(store: Store, method: str, path: str, body: Any = None) -> int:
    content = None if body is None else json.dumps(body, allow_nan=True).encode()
    r = store.client.request(
        method, store.base + path, content=content, headers={"Content-Type": "application/json"}
    )
    assert r.status_code < 500, (method, path, r.text)
    assert "Traceback" not in r.text
    return r.status_code


def test_hostile_input_is_refused_cleanly(store: Store) -> None:
    variant = store.simple_variant()
    r = store.post(
        "/v3/carts", json={"line_items": [{"product_id": variant["product_id"], "quantity": 1}]}
    )
    cart = r.json()["data"]
    cid = cart["id"]
    item = cart["line_items"]["physical_items"][0]["id"]
    pid = variant["product_id"]
    cases: list[tuple[str, str, Any, int]] = [
        ("GET", f"/v3/payments/methods?order_id={BIG}", None, 422),
        ("GET", f"/v2/orders/{BIG}", None, 404),
        ("GET", f"/v2/orders?min_id={BIG}", None, 422),
        ("GET", f"/v3/catalog/products?id:in={BIG}", None, 422),
        ("GET", f"/v3/catalog/products?page={BIG}", None, 422),
        ("GET", "/v3/catalog/products?limit=0", None, 422),
        ("GET", "/v3/customers?id:in=a,b", None, 422),
        ("GET", "/v2/orders?sort=total", None, 400),
        ("POST", "/v3/carts", {"line_items": [{"product_id": int(BIG), "quantity": 1}]}, 422),
        (
            "POST",
            "/v3/carts",
            {"line_items": [{"product_id": pid, "quantity": 1, "list_price": float("nan")}]},
            422,
        ),
        (
            "POST",
            "/v3/carts",
            {"line_items": [{"product_id": pid, "quantity": 1, "list_price": 1e300}]},
            422,
        ),
        ("POST", "/v3/carts", {"line_items": [{"product_id": pid, "quantity": 2**31 - 1}]}, 422),
        ("POST", "/v3/carts", {"line_items": "all of them"}, 422),
        ("POST", "/v3/carts", [], 422),
        ("POST", "/v3/payments/access_tokens", {"order": {"id": int(BIG)}}, 422),
        ("POST", f"/v3/checkouts/{cid}/consignments", [5], 422),
        ("POST", f"/v3/checkouts/{cid}/consignments", {"address": {}}, 422),
        ("POST", f"/v3/checkouts/{cid}/consignments", [{"address": "x", "line_items": "y"}], 422),
        (
            "POST",
            f"/v3/checkouts/{cid}/consignments",
            [
                {
                    "pickup_option": {"pickup_method_id": 7},
                    "line_items": [{"item_id": item, "quantity": 1}],
                }
            ],
            422,
        ),
        ("POST", f"/v3/checkouts/{cid}/billing-address", [1], 422),
        ("POST", f"/v3/checkouts/{cid}/billing-address", {"email": 5, "country_code": "USA"}, 422),
        ("POST", f"/v3/checkouts/{cid}/coupons", {"coupon_code": ["x"]}, 422),
        ("PUT", f"/v3/carts/{cid}/items/{item}", {"line_item": {"quantity": -1}}, 422),
        ("PUT", f"/v3/carts/{cid}", {"customer_id": 999999}, 422),
        ("PUT", f"/v3/carts/{cid}", {"customer_id": 0, "version": 12345}, 409),
        (
            "POST",
            "/v3/customers",
            [{"email": "x@y.z", "first_name": "a", "last_name": "b", "addresses": [5]}],
            422,
        ),
        ("POST", "/__nothing", None, 404),
        ("DELETE", "/v2/order_statuses", None, 405),
    ]
    for method, path, body, expected in cases:
        assert send(store, method, path, body) == expected, (method, path, body)
    r = store.client.post(
        store.base + "/v3/carts",
        content=b"[" * 100_000,
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400
    r = store.client.post(
        store.base + "/v3/carts", content=b"\xff\xfe", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/v3/catalog/products?sku:in=,",
        "/v3/catalog/products?id:in=,",
        "/v3/catalog/variants?product_id:in=,",
        "/v3/customers?email:in=,",
        "/v3/customers?name:in=,",
        "/v3/customers?id:in=,",
    ],
)
def test_an_empty_list_filter_matches_nothing(store: Store, path: str) -> None:
    r = store.client.get(store.base + path)
    assert r.status_code == 200, r.text
    assert r.json()["data"] == []
