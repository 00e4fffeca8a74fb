"""Bad input gets what BigCommerce gives: malformed JSON 400, wrong types and missing fields
422 with an `errors` map naming the field, unknown ids 404, a missing or wrong token 401 —
never a 500, never a stack trace."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_support import TEST_ADDRESS, StoreHttp, line_item, sellable_variants

UNKNOWN_CART = "00000000-0000-4000-8000-000000000000"


@pytest.fixture(scope="module")
def store(sandbox: Any) -> Iterator[StoreHttp]:
    with StoreHttp(sandbox.info) as s:
        yield s


@pytest.fixture(scope="module")
def cart(store: StoreHttp) -> dict[str, Any]:
    product, variant = sellable_variants(store.products(pages=1), min_stock=2)[1]
    return store.cart([line_item(product, variant)])


def assert_v3_error(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, (r.status_code, r.text)
    assert "Traceback" not in r.text and 'File "' not in r.text
    body = r.json()
    assert isinstance(body, dict), body
    assert body["status"] == status and isinstance(body["title"], str) and body["type"]
    return dict(body)


def named_fields(body: dict[str, Any]) -> str:
    errors = body.get("errors") or {}
    assert isinstance(errors, dict) and errors, body
    return " ".join(errors)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v3/carts"),
        ("POST", "/v3/checkouts/{cart}/billing-address"),
        ("POST", "/v3/checkouts/{cart}/consignments"),
        ("POST", "/v3/carts/{cart}/items"),
        ("POST", "/v3/payments/access_tokens"),
        ("POST", "/v3/customers"),
    ],
)
def test_malformed_json_is_400(
    store: StoreHttp, cart: dict[str, Any], method: str, path: str
) -> None:
    r = store.request(method, path.format(cart=cart["id"]), content=b'{"line_items": [')
    assert_v3_error(r, 400)


def test_malformed_json_on_the_payments_route_is_400(store: StoreHttp) -> None:
    r = store.http.post(
        store.payments_url,
        content=b"{not json",
        headers={
            "Authorization": "PAT x",
            "Accept": "application/vnd.bc.v1+json",
            "Content-Type": "application/json",
        },
    )
    assert r.status_code in (400, 401), r.text
    assert "Traceback" not in r.text


def test_wrong_types_are_422_naming_the_field(store: StoreHttp, cart: dict[str, Any]) -> None:
    line = cart["line_items"]["physical_items"][0]
    r = store.post("/v3/carts", {"line_items": [{"product_id": "abc", "quantity": 1}]})
    assert "product_id" in named_fields(assert_v3_error(r, 422))
    r = store.post(
        "/v3/carts",
        {
            "line_items": [
                {
                    "product_id": line["product_id"],
                    "variant_id": line["variant_id"],
                    "quantity": "two",
                }
            ]
        },
    )
    assert "quantity" in named_fields(assert_v3_error(r, 422))
    r = store.post("/v3/carts", {"line_items": {"product_id": 1}})
    assert "line_items" in named_fields(assert_v3_error(r, 422))
    r = store.post(
        "/v3/carts",
        {
            "customer_id": "x",
            "line_items": [line_item({"id": line["product_id"]}, {"id": line["variant_id"]})],
        },
    )
    assert "customer_id" in named_fields(assert_v3_error(r, 422))
    r = store.post("/v3/payments/access_tokens", {"order": {"id": "one"}})
    assert "id" in named_fields(assert_v3_error(r, 422))
    r = store.put(
        f"/v3/carts/{cart['id']}/items/{line['id']}",
        {"line_item": {"product_id": line["product_id"], "quantity": -3}},
    )
    assert r.status_code == 422, r.text


def test_missing_fields_are_422_naming_the_field(store: StoreHttp, cart: dict[str, Any]) -> None:
    r = store.post("/v3/carts", {})
    assert "line_items" in named_fields(assert_v3_error(r, 422))
    address = {k: v for k, v in TEST_ADDRESS.items() if k != "email"}
    r = store.post(f"/v3/checkouts/{cart['id']}/billing-address", address)
    assert "email" in named_fields(assert_v3_error(r, 422))
    address = {k: v for k, v in TEST_ADDRESS.items() if k != "country_code"}
    r = store.post(f"/v3/checkouts/{cart['id']}/billing-address", address)
    assert "country_code" in named_fields(assert_v3_error(r, 422))
    r = store.post("/v3/payments/access_tokens", {})
    assert "order" in named_fields(assert_v3_error(r, 422))
    r = store.post("/v3/customers", [{"first_name": "No", "last_name": "Email"}])
    assert "email" in named_fields(assert_v3_error(r, 422))


def test_consignment_body_must_be_an_array(store: StoreHttp, cart: dict[str, Any]) -> None:
    line = cart["line_items"]["physical_items"][0]
    r = store.post(
        f"/v3/checkouts/{cart['id']}/consignments",
        {"address": TEST_ADDRESS, "line_items": [{"item_id": line["id"], "quantity": 1}]},
    )
    assert r.status_code in (400, 422), r.text
    assert "Traceback" not in r.text
    r = store.post(
        f"/v3/checkouts/{cart['id']}/consignments",
        [{"address": TEST_ADDRESS, "line_items": [{"item_id": str(uuid.uuid4()), "quantity": 1}]}],
    )
    assert r.status_code in (404, 422), r.text


@pytest.mark.parametrize(
    "path",
    [
        f"/v3/carts/{UNKNOWN_CART}",
        f"/v3/checkouts/{UNKNOWN_CART}",
        "/v3/catalog/products/99999999",
        "/v3/customers/99999999/stored-instruments",
        "/v3/orders/99999999/transactions",
    ],
)
def test_unknown_ids_are_404(store: StoreHttp, path: str) -> None:
    assert_v3_error(store.get(path), 404)


def test_unknown_v2_order_is_404(store: StoreHttp) -> None:
    r = store.get("/v2/orders/99999999")
    assert r.status_code == 404, r.text
    assert "Traceback" not in r.text
    body = r.json()
    assert isinstance(body, list) and body[0]["status"] == 404  # v2 errors are an array
    r = store.get("/v2/orders/99999999/products")
    assert r.status_code == 404, r.text
    r = store.put("/v2/orders/99999999", {"status_id": 5})
    assert r.status_code == 404, r.text


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", f"/v3/carts/{UNKNOWN_CART}/items", {"line_items": []}),
        ("DELETE", f"/v3/carts/{UNKNOWN_CART}", None),
        ("POST", f"/v3/checkouts/{UNKNOWN_CART}/billing-address", TEST_ADDRESS),
        ("POST", f"/v3/checkouts/{UNKNOWN_CART}/orders", None),
        ("PUT", f"/v3/checkouts/{UNKNOWN_CART}/consignments/nope", {"shipping_option_id": "x"}),
    ],
)
def test_writes_to_unknown_ids_are_404(store: StoreHttp, method: str, path: str, body: Any) -> None:
    kwargs = {"json_body": body} if body is not None else {}
    assert_v3_error(store.request(method, path, **kwargs), 404)


def test_unknown_product_in_a_cart_is_refused(store: StoreHttp) -> None:
    r = store.post("/v3/carts", {"line_items": [{"product_id": 99999999, "quantity": 1}]})
    assert r.status_code in (404, 422), r.text
    assert_v3_error(r, r.status_code)


def test_missing_or_wrong_token_is_401_with_bigcommerce_body(store: StoreHttp) -> None:
    for headers in (
        {"Accept": "application/json"},
        {"Accept": "application/json", "X-Auth-Token": "wrong"},
    ):
        for path in ("/v3/catalog/products", "/v2/order_statuses", f"/v3/carts/{UNKNOWN_CART}"):
            r = store.get(path, headers=headers)
            assert r.status_code == 401, (path, r.text)
            if path.startswith("/v3"):
                assert_v3_error(r, 401)


def test_store_hash_must_match(store: StoreHttp) -> None:
    r = store.http.get(
        f"{store.info['api_base_url']}/stores/not-this-store/v3/catalog/products",
        headers=store.headers(),
    )
    assert r.status_code in (401, 404), r.text


GARBAGE = [None, 0, "x", [], [1], {"a": {"b": {"c": [None]}}}, True, -1, 1e308, "𝄞" * 10]


@pytest.mark.parametrize("body", GARBAGE, ids=[repr(b)[:12] for b in GARBAGE])
def test_garbage_bodies_never_cause_a_server_error(
    store: StoreHttp, cart: dict[str, Any], body: Any
) -> None:
    line = cart["line_items"]["physical_items"][0]
    targets = [
        ("POST", "/v3/carts"),
        ("PUT", f"/v3/carts/{cart['id']}"),
        ("POST", f"/v3/carts/{cart['id']}/items"),
        ("PUT", f"/v3/carts/{cart['id']}/items/{line['id']}"),
        ("POST", f"/v3/checkouts/{cart['id']}/billing-address"),
        ("POST", f"/v3/checkouts/{cart['id']}/consignments"),
        ("POST", f"/v3/checkouts/{cart['id']}/coupons"),
        ("POST", "/v3/payments/access_tokens"),
        ("POST", "/v3/customers"),
        ("PUT", "/v2/orders/1"),
    ]
    for method, path in targets:
        r = store.request(method, path, json_body=body)
        if isinstance(body, dict):  # unknown fields only: refusing is not required
            assert r.status_code < 500, (method, path, r.status_code, r.text)
        else:
            assert 400 <= r.status_code < 500, (method, path, r.status_code, r.text)
        assert "Traceback" not in r.text


@pytest.mark.parametrize(
    "params",
    [
        {"page": "zero"},
        {"limit": "-5"},
        {"id:in": "a,b"},
        {"include": "nonsense"},
        {"limit": "100000"},
    ],
)
def test_bad_query_parameters_never_cause_a_server_error(
    store: StoreHttp, params: dict[str, str]
) -> None:
    for path in ("/v3/catalog/products", "/v3/customers", "/v2/orders", "/v3/catalog/variants"):
        r = store.get(path, params=params)
        assert r.status_code < 500, (path, params, r.text)
        assert "Traceback" not in r.text
