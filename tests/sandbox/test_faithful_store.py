"""The store as strict as BigCommerce where a kind store would hide a client's defect:
filters exact or refused, `include` values from the documented enums only, empty v2 lists
as 204, cart rules, addresses as the country has them, coupon refusals and shipping option
types as real stores answer. Over HTTP, every answer validated by BigCommerce's documents
(requests wrong on purpose are marked so; their answers are still validated)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from openapi_support import (
    TEST_ADDRESS,
    StoreHttp,
    line_item,
    sellable_variants,
)
from support.openapi_http import Recorded

from pos.sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def pairs(sandbox: SandboxServer) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    with StoreHttp(sandbox.info) as store:
        found = sellable_variants(store.products(), min_stock=6)
    return found[100:] or found


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["data"]]


# -- customers: filters exact or refused -----------------------------------------------------


def test_customer_filters_are_exact(recorded: Recorded) -> None:
    store = recorded.store
    customers = store.get("/v3/customers", params={"limit": 30}).json()["data"]
    shaped = next(c for c in customers if c["phone"].startswith("("))
    digits = "".join(ch for ch in shaped["phone"] if ch.isdigit())
    assert ids(store.get("/v3/customers", params={"phone:in": shaped["phone"]})) == [shaped["id"]]
    # Exactly as the store holds it: the digits alone match nothing (not everyone).
    assert ids(store.get("/v3/customers", params={"phone:in": digits})) == []
    email = shaped["email"]
    assert ids(store.get("/v3/customers", params={"email:in": email.upper()})) == [shaped["id"]]
    assert ids(store.get("/v3/customers", params={"email:in": "nobody@example.com"})) == []
    both = f"{customers[0]['id']},{customers[1]['id']}"
    assert ids(store.get("/v3/customers", params={"id:in": both})) == [
        customers[0]["id"],
        customers[1]["id"],
    ]
    found = ids(store.get("/v3/customers", params={"name:like": shaped["last_name"][1:4]}))
    assert shaped["id"] in found
    assert len(found) < len(customers)
    recorded.conforms()


@pytest.mark.parametrize("wildcard", ["%", "_", "a%", "%_%"])
def test_like_wildcards_are_taken_literally(recorded: Recorded, wildcard: str) -> None:
    store = recorded.store
    assert ids(store.get("/v3/customers", params={"name:like": wildcard})) == []
    assert ids(store.get("/v3/catalog/products", params={"keyword": wildcard})) == []
    recorded.conforms()


def test_unknown_and_repeated_filters_are_refused(recorded: Recorded) -> None:
    store = recorded.store
    with recorded.recorder.deliberately_invalid():
        for path, params in (
            ("/v3/customers", {"nickname": "x"}),
            ("/v3/customers", {"sort": "first_name:asc"}),
            ("/v3/catalog/products", {"colour": "red"}),
            ("/v3/catalog/products", {"sort": "popularity"}),
            ("/v3/catalog/products", {"direction": "up"}),
            ("/v3/catalog/variants", {"colour": "red"}),
        ):
            r = store.get(path, params=params)
            assert r.status_code == 422, (path, params, r.text)
        r = store.get("/v3/customers", params=[("email:in", "a@x.com"), ("email:in", "b@x.com")])
        assert r.status_code == 422
        r = store.get("/v2/orders", params={"colour": "red"})
        assert r.status_code == 422 and isinstance(r.json(), list)
    recorded.conforms()


# -- products: documented dates, sorts and keyword -------------------------------------------


def test_products_modified_since(recorded: Recorded, sandbox: SandboxServer) -> None:
    store = recorded.store
    assert ids(store.get("/v3/catalog/products", params={"date_modified:min": "2099-01-01"})) == []
    every = store.get("/v3/catalog/products", params={"date_modified:max": "2099-01-01"})
    assert every.json()["meta"]["pagination"]["total"] >= 500
    # A change of stock moves the product's date_modified.
    product = store.get("/v3/catalog/products", params={"include": "variants", "limit": 1})
    first = product.json()["data"][0]
    since = store.get(f"/v3/catalog/products/{first['id']}").json()["data"]["date_modified"]
    r = httpx.put(
        f"{sandbox.admin_url}/stock",
        json={"variant_id": first["variants"][0]["id"], "inventory_level": 77},
    )
    assert r.status_code == 200
    changed = store.get(f"/v3/catalog/products/{first['id']}").json()["data"]["date_modified"]
    assert changed > since
    newer = ids(store.get("/v3/catalog/products", params={"date_modified:min": changed}))
    assert first["id"] in newer and len(newer) < 10
    with recorded.recorder.deliberately_invalid():
        for text in ("1767225600", "yesterday", "2025-01-15 00:03", "15/01/2025"):
            r = store.get("/v3/catalog/products", params={"date_modified:min": text})
            assert r.status_code == 422, text
    recorded.conforms()


def test_products_sort_by_the_documented_fields(recorded: Recorded) -> None:
    store = recorded.store
    r = store.get("/v3/catalog/products", params={"sort": "name", "limit": 20})
    names = [p["name"] for p in r.json()["data"]]
    assert names == sorted(names)
    r = store.get("/v3/catalog/products", params={"sort": "price", "direction": "desc"})
    prices = [p["price"] for p in r.json()["data"]]
    assert prices == sorted(prices, reverse=True)
    recorded.conforms()


# -- include: the documented enums only ------------------------------------------------------


def test_includes_outside_the_documented_enum_are_refused(
    recorded: Recorded, pairs: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    cart = store.cart([line_item(*pairs[0])])
    with recorded.recorder.deliberately_invalid():
        for path, include in (
            ("/v3/catalog/products", "variants,everything"),
            ("/v3/customers", "orders"),
            (f"/v3/carts/{cart['id']}", "consignments.available_shipping_options"),
            (f"/v3/checkouts/{cart['id']}", "redirect_urls"),
        ):
            r = store.get(path, params={"include": include})
            assert r.status_code == 422, (path, include)
        r = store.post(
            f"/v3/checkouts/{cart['id']}/billing-address",
            dict(TEST_ADDRESS),
            params={"include": "consignments.available_shipping_options"},
        )
        assert r.status_code == 422
    r = store.get(f"/v3/carts/{cart['id']}", params={"include": "redirect_urls"})
    assert r.status_code == 200
    recorded.conforms()


# -- v2 lists --------------------------------------------------------------------------------


def test_empty_v2_lists_are_204_without_a_body(
    recorded: Recorded, pairs: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    r = store.get("/v2/orders", params={"cart_id": "no-such-cart"})
    assert r.status_code == 204 and r.content == b""
    _, order_id = store.ready_order([line_item(*pairs[1])], shipping_type="shipping_pickupinstore")
    r = store.get(f"/v2/orders/{order_id}/coupons")
    assert r.status_code == 204 and r.content == b""
    assert store.get(f"/v2/orders/{order_id}/products").status_code == 200
    recorded.conforms()


# -- carts -----------------------------------------------------------------------------------


def test_deleting_the_last_line_deletes_the_cart(
    recorded: Recorded, pairs: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    cart = store.cart([line_item(*pairs[2])])
    item = cart["line_items"]["physical_items"][0]
    r = store.delete(f"/v3/carts/{cart['id']}/items/{item['id']}")
    assert r.status_code == 204
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 404
    recorded.conforms()


def test_custom_items_cannot_be_updated(recorded: Recorded) -> None:
    store = recorded.store
    r = store.post(
        "/v3/carts",
        {
            "custom_items": [
                {"sku": "GIFTWRAP", "name": "Gift wrap", "quantity": 1, "list_price": 3}
            ]
        },
    )
    assert r.status_code == 201, r.text
    cart = r.json()["data"]
    item = cart["line_items"]["custom_items"][0]
    r = store.put(
        f"/v3/carts/{cart['id']}/items/{item['id']}", {"line_item": {"quantity": 2}}
    )
    assert r.status_code == 422
    assert "cannot be updated" in r.json()["detail"]
    recorded.conforms()


def test_order_quantity_rules(
    recorded: Recorded, sandbox: SandboxServer, pairs: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    product, variant = pairs[3]
    rules = {"product_id": product["id"], "order_quantity_minimum": 2, "order_quantity_maximum": 4}
    assert httpx.put(f"{sandbox.admin_url}/quantity_rules", json=rules).status_code == 200
    try:
        shown = store.get(f"/v3/catalog/products/{product['id']}").json()["data"]
        assert (shown["order_quantity_minimum"], shown["order_quantity_maximum"]) == (2, 4)
        for quantity in (1, 5):
            r = store.post("/v3/carts", {"line_items": [line_item(product, variant, quantity)]})
            assert r.status_code == 422, quantity
        cart = store.cart([line_item(product, variant, 2)])
        item = cart["line_items"]["physical_items"][0]
        r = store.put(
            f"/v3/carts/{cart['id']}/items/{item['id']}",
            {"line_item": {"quantity": 5, "product_id": product["id"]}},
        )
        assert r.status_code == 422 and "maximum of 4" in r.json()["title"]
    finally:
        rules.update(order_quantity_minimum=0, order_quantity_maximum=0)
        httpx.put(f"{sandbox.admin_url}/quantity_rules", json=rules)
    recorded.conforms()


# -- addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"state_or_province": "", "state_or_province_code": ""}, "state_or_province"),
        ({"state_or_province": "Texass", "state_or_province_code": ""}, "state_or_province"),
        ({"state_or_province_code": "XX"}, "state_or_province_code"),
        ({"postal_code": ""}, "postal_code"),
        ({"country_code": "ZZ"}, "country_code"),
        ({"email": ""}, "email"),
    ],
)
def test_addresses_as_the_country_has_them(
    recorded: Recorded, pairs: list[tuple[dict, dict]], change: dict[str, str], field: str
) -> None:
    store = recorded.store
    cart = store.cart([line_item(*pairs[4])])
    address = {**TEST_ADDRESS, **change}
    item = cart["line_items"]["physical_items"][0]
    with recorded.recorder.deliberately_invalid():
        r = store.post(
            f"/v3/checkouts/{cart['id']}/consignments",
            [{"address": address, "line_items": [{"item_id": item["id"], "quantity": 1}]}],
        )
        assert r.status_code == 422, r.text
        assert any(key.endswith(field) for key in r.json()["errors"]), r.text
        r = store.post(f"/v3/checkouts/{cart['id']}/billing-address", address)
        assert r.status_code == 422, r.text
    recorded.conforms()


@pytest.mark.parametrize(
    "address",
    [
        {"country_code": "GB", "city": "London", "postal_code": "SW1A 1AA"},  # no states
        {"country_code": "HK", "city": "Kowloon", "state_or_province": "Kowloon"},  # no ZIP
        {"country_code": "CA", "city": "Ottawa", "state_or_province": "Ontario",
         "postal_code": "K1A 0B1"},
        {"country_code": "US", "city": "Austin", "state_or_province_code": "tx",
         "postal_code": "78701"},
    ],
)
def test_addresses_other_countries_accept(
    recorded: Recorded, pairs: list[tuple[dict, dict]], address: dict[str, str]
) -> None:
    store = recorded.store
    cart = store.cart([line_item(*pairs[4])])
    full = {"first_name": "A", "last_name": "B", "email": "a@example.com",
            "address1": "1 High Street", "phone": "15125550100", **address}
    r = store.post(f"/v3/checkouts/{cart['id']}/billing-address", full)
    assert r.status_code == 200, r.text
    recorded.conforms()


# -- coupons and shipping --------------------------------------------------------------------


def test_coupon_refusals_as_real_stores_answer(
    recorded: Recorded, pairs: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    cart = store.cart([line_item(*pairs[5])])
    r = store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "NOSUCH"})
    assert r.status_code == 400
    body = r.json()
    assert body["title"] == "Incorrect or mismatch" and body["type"] == "about:blank"
    assert body["code"] == "invalid" and "NOSUCH" in body["detail"]
    assert store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "SAVE10"})
    r = store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "FIVEOFF"})
    assert r.status_code == 400 and r.json()["code"] == "ineligibile"
    assert r.json()["detail"] == "Coupon code `FIVEOFF` is not eligible for this checkout"
    recorded.conforms()


def test_shipping_option_types_are_bigcommerces(
    recorded: Recorded, pairs: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    product, variant = max(pairs, key=lambda pv: pv[1]["calculated_price"])
    quantity = max(1, int(100 // max(variant["calculated_price"], 1)) + 1)
    cart = store.cart([line_item(product, variant, min(quantity, 5))])
    checkout = store.consign(cart)
    types = {o["type"] for o in checkout["consignments"][0]["available_shipping_options"]}
    assert types <= {
        "freeshipping",
        "shipping_flatrate",
        "shipping_byweight",
        "shipping_pickupinstore",
    }
    assert {"shipping_flatrate", "shipping_pickupinstore"} <= types
    recorded.conforms()


# -- rate limits -----------------------------------------------------------------------------


def test_the_default_quota_is_a_real_stores_shared_by_every_client() -> None:
    with SandboxServer(catalog_size=5) as server:
        url = f"{server.api_base_url}/stores/{server.store_hash}/v2/order_statuses"
        scoped = server.create_token(["store_v2_orders_read_only"])
        with httpx.Client(timeout=10) as one, httpx.Client(timeout=10) as two:
            lefts = []
            for n in range(150):
                client, token = (one, server.token) if n % 2 else (two, scoped)
                r = client.get(url, headers={"X-Auth-Token": token})
                assert r.status_code == 200, n
                assert r.headers["X-Rate-Limit-Requests-Quota"] == "150"
                assert r.headers["X-Rate-Limit-Time-Window-Ms"] == "30000"
                lefts.append(int(r.headers["X-Rate-Limit-Requests-Left"]))
            assert lefts == list(range(149, -1, -1)), "one quota for both clients"
            r = two.get(url, headers={"X-Auth-Token": server.token})
            assert r.status_code == 429
            assert int(r.headers["X-Retry-After"]) >= 1
            assert 0 < int(r.headers["X-Rate-Limit-Time-Reset-Ms"]) <= 30000


def test_a_higher_quota_for_work_not_about_limits() -> None:
    with SandboxServer(catalog_size=5, rate_limit_quota=100_000) as server:
        url = f"{server.api_base_url}/stores/{server.store_hash}/v2/order_statuses"
        r = httpx.get(url, headers={"X-Auth-Token": server.token}, timeout=10)
        assert r.headers["X-Rate-Limit-Requests-Quota"] == "100000"
