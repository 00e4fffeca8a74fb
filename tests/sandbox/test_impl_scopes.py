"""API accounts with limited OAuth scopes: issued through the admin route or the server,
refused with BigCommerce's 403 bodies (v3 object, v2 array) when a route's scope is missing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from test_server_basics import VISA, Store

from pos.sandbox.scopes import FORBIDDEN_TITLE, KNOWN_SCOPES, required_scopes
from pos.sandbox.server import SandboxServer

ERROR_TYPE = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"
UNKNOWN_CART = "00000000-0000-4000-8000-000000000000"
# What the register needs to sell (as pos doctor checks), and nothing else.
REGISTER_SCOPES = [
    "store_v2_products_read_only",
    "store_v2_customers",
    "store_cart",
    "store_checkouts",
    "store_v2_orders",
    "store_payments_methods_read",
    "store_payments_access_token_create",
]


class Limited(Store):
    """The tutorial helper, speaking with another token."""

    def __init__(self, server: SandboxServer, token: str) -> None:
        super().__init__(server)
        self.client.headers["X-Auth-Token"] = token


@pytest.fixture
def limited(sandbox: SandboxServer) -> Iterator[Callable[[list[str]], Limited]]:
    made: list[Limited] = []

    def make(scopes: list[str]) -> Limited:
        helper = Limited(sandbox, sandbox.create_token(scopes))
        made.append(helper)
        return helper

    yield make
    for helper in made:
        helper.close()


def assert_forbidden_v3(r: httpx.Response) -> None:
    assert r.status_code == 403, r.text
    assert r.json() == {"status": 403, "title": FORBIDDEN_TITLE, "type": ERROR_TYPE, "errors": {}}
    assert "x-rate-limit-requests-left" in r.headers


def assert_forbidden_v2(r: httpx.Response) -> None:
    assert r.status_code == 403, r.text
    assert r.json() == [{"status": 403, "message": FORBIDDEN_TITLE}]


def test_admin_route_issues_a_token_with_the_scopes_asked(sandbox: SandboxServer) -> None:
    r = httpx.post(
        f"{sandbox.admin_url}/tokens",
        json={"scopes": ["store_cart", "store_v2_products_read_only", "store_cart"]},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["scopes"] == ["store_cart", "store_v2_products_read_only"]
    token = body["token"]
    assert isinstance(token, str) and len(token) >= 32 and token != sandbox.token
    helper = Limited(sandbox, token)
    try:
        assert helper.get("/v3/catalog/products", params={"limit": 1}).status_code == 200
        assert helper.get(f"/v3/carts/{UNKNOWN_CART}").status_code == 404
        assert_forbidden_v3(helper.get("/v3/customers"))
    finally:
        helper.close()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"scopes": ["store_v2_checkouts"]}, "scopes"),  # a name from a guide, not the API
        ({"scopes": "store_cart"}, "scopes"),
        ({"scopes": [1]}, "scopes"),
        ({}, "scopes"),
        ({"scopes": [], "name": "x"}, "name"),
        ([], "body"),
    ],
)
def test_a_bad_token_request_is_422_naming_the_field(
    sandbox: SandboxServer, body: object, field: str
) -> None:
    r = httpx.post(f"{sandbox.admin_url}/tokens", json=body)
    assert r.status_code == 422, r.text
    assert field in r.json()["errors"]


def test_create_token_refuses_unknown_scopes(sandbox: SandboxServer) -> None:
    with pytest.raises(ValueError, match="store_checkout"):
        sandbox.create_token(["store_checkout"])


def test_missing_scope_is_403_with_the_v3_or_v2_body(
    limited: Callable[[list[str]], Limited],
) -> None:
    store = limited(["store_v2_products_read_only"])
    assert store.get("/v3/catalog/products", params={"limit": 1}).status_code == 200
    assert store.get("/v3/catalog/variants", params={"limit": 1}).status_code == 200
    assert_forbidden_v3(store.post("/v3/carts", json={"line_items": []}))
    assert_forbidden_v3(store.get(f"/v3/checkouts/{UNKNOWN_CART}"))
    assert_forbidden_v3(store.get("/v3/payments/methods", params={"order_id": 1}))
    assert_forbidden_v3(store.post("/v3/payments/access_tokens", json={"order": {"id": 1}}))
    assert_forbidden_v3(store.get("/v3/orders/100/transactions"))
    assert_forbidden_v3(store.get("/v3/channels"))
    assert_forbidden_v2(store.get("/v2/order_statuses"))
    assert_forbidden_v2(store.get("/v2/orders/100"))
    assert_forbidden_v2(store.put("/v2/orders/100", json={"status_id": 5}))


def test_read_only_scopes_read_but_do_not_write(limited: Callable[[list[str]], Limited]) -> None:
    store = limited(
        [
            "store_v2_products_read_only",
            "store_cart_read_only",
            "store_checkouts_read_only",
            "store_v2_orders_read_only",
            "store_v2_customers_read_only",
        ]
    )
    assert store.get(f"/v3/carts/{UNKNOWN_CART}").status_code == 404
    assert store.get(f"/v3/checkouts/{UNKNOWN_CART}").status_code == 404
    assert store.get("/v2/order_statuses").status_code == 200
    assert store.get("/v3/customers", params={"limit": 1}).status_code == 200
    assert_forbidden_v3(store.post("/v3/carts", json={}))
    assert_forbidden_v3(store.post(f"/v3/checkouts/{UNKNOWN_CART}/billing-address", json={}))
    assert_forbidden_v3(store.post(f"/v3/checkouts/{UNKNOWN_CART}/orders"))
    assert_forbidden_v3(store.post("/v3/customers", json=[]))
    assert_forbidden_v2(store.put("/v2/orders/100", json={}))


def test_the_scope_is_checked_before_the_body_and_the_ids(
    limited: Callable[[list[str]], Limited],
) -> None:
    """A missing scope wins over a bad body or an unknown id, as at BigCommerce's gateway."""
    store = limited([])
    assert_forbidden_v3(store.post("/v3/carts", content=b"{oops"))
    assert_forbidden_v2(store.get("/v2/orders/99999999"))


def test_the_register_scopes_sell_a_whole_sale(
    sandbox: SandboxServer, limited: Callable[[list[str]], Limited]
) -> None:
    store = limited(REGISTER_SCOPES)
    variant = store.simple_variant()
    checkout_id = store.pickup_checkout(variant["product_id"])
    order_id = store.order(checkout_id)
    r = store.get("/v3/payments/methods", params={"order_id": order_id})
    assert r.status_code == 200, r.text
    r = store.pay(order_id, VISA)
    assert r.status_code == 201, r.text
    assert store.get(f"/v2/orders/{order_id}").json()["status_id"] == 11
    # Transactions need their own scope, as the documents say.
    assert_forbidden_v3(store.get(f"/v3/orders/{order_id}/transactions"))


def test_the_store_token_keeps_every_scope_and_wrong_tokens_stay_401(
    sandbox: SandboxServer,
) -> None:
    full = Store(sandbox)
    try:
        assert full.get("/v3/channels").status_code == 200
        assert full.get("/v3/orders/99999999/transactions").status_code == 404
        assert full.get("/v3/customers/1/stored-instruments").status_code == 200
    finally:
        full.close()
    wrong = Limited(sandbox, "0" * 32)
    try:
        r = wrong.get("/v3/catalog/products")
        assert r.status_code == 401 and r.json()["status"] == 401
    finally:
        wrong.close()


def test_every_known_scope_is_used_by_a_route_or_is_a_documented_twin() -> None:
    assert required_scopes("GET", "/v3/catalog/products") == (
        "store_v2_products",
        "store_v2_products_read_only",
    )
    assert required_scopes("POST", "/v3/carts") == ("store_cart",)
    assert required_scopes("POST", "/payments") is None
    assert required_scopes("GET", "/v3/customers/4/stored-instruments") == (
        "store_stored_payment_instruments",
        "store_stored_payment_instruments_read_only",
    )
    assert set(required_scopes("POST", "/v3/orders/5/payment_actions/refunds") or ()) == {
        "store_v2_orders",
        "store_v2_transactions",
    }
    assert "store_payments_access_token_create" in KNOWN_SCOPES


def test_issued_tokens_survive_a_restart_and_are_not_kept_in_clear(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    with SandboxServer(db_path=db, catalog_size=20) as first:
        token = first.create_token(["store_v2_orders_read_only"])
    assert token.encode() not in b"".join(p.read_bytes() for p in tmp_path.iterdir())
    with SandboxServer(db_path=db, catalog_size=20) as second:
        helper = Limited(second, token)
        try:
            assert helper.get("/v2/order_statuses").status_code == 200
            assert_forbidden_v3(helper.get("/v3/catalog/products"))
        finally:
            helper.close()
