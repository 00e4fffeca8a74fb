"""``GET /v2/orders/{id}?include=consignments.line_items&consignment_structure=object``: the
order and its products in one answer, validated strictly against orders.v2.oas2.yml
(skipped, with the reason, when the documents are absent)."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_support import StoreHttp, card, line_item, sellable_variants
from support.openapi_http import Recorded

LINES = {"include": "consignments.line_items", "consignment_structure": "object"}


@pytest.fixture(scope="module")
def pairs(sandbox: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    with StoreHttp(sandbox.info) as store:
        found = sellable_variants(store.products(), min_stock=5)
    return found[200:] or found


def _held(consignments: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for kind in ("pickups", "shipping") for c in consignments[kind]
            for item in c["line_items"]]


def test_a_pickup_order_holds_its_products_in_its_pickup_consignment(
        recorded: Recorded, pairs: list[tuple[dict, dict]]) -> None:
    store = recorded.store
    (p1, v1), (p2, v2) = pairs[0], pairs[1]
    cart = store.cart([line_item(p1, v1, 2), line_item(p2, v2, 1)])
    store.billing(cart["id"])
    lines = cart["line_items"]["physical_items"]
    r = store.post(f"/v3/checkouts/{cart['id']}/consignments", [{
        "pickup_option": {"pickup_method_id": 1},
        "line_items": [{"item_id": ln["id"], "quantity": ln["quantity"]} for ln in lines],
    }])
    assert r.status_code == 200, r.text
    order_id = store.order(cart["id"])
    method = store.card_method(order_id)
    r = store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text
    r = store.get(f"/v2/orders/{order_id}", params=LINES)
    assert r.status_code == 200, r.text
    order = r.json()
    products = store.get(f"/v2/orders/{order_id}/products").json()
    (pickup,) = order["consignments"]["pickups"]
    assert order["consignments"]["shipping"] == []
    assert pickup["line_items"] == products  # each one as /products answers it
    assert sum(p["quantity"] for p in pickup["line_items"]) == order["items_total"] == 3
    # Without .line_items: links to the products.
    r = store.get(f"/v2/orders/{order_id}",
                  params={"include": "consignments", "consignment_structure": "object"})
    assert r.status_code == 200, r.text
    (linked,) = r.json()["consignments"]["pickups"]
    assert [x["resource"] for x in linked["line_items"]] == [
        f"/orders/{order_id}/products/{p['id']}" for p in products]
    # Without include, the order as before: no consignments.
    assert "consignments" not in store.v2_order(order_id)
    recorded.conforms()


def test_a_shipped_order_holds_its_products_in_its_shipping_consignments(
        recorded: Recorded, pairs: list[tuple[dict, dict]]) -> None:
    store = recorded.store
    (p1, v1) = pairs[2]
    cart = store.cart([line_item(p1, v1, 2)])
    store.billing(cart["id"])
    store.choose_shipping(store.consign(cart))
    order_id = store.order(cart["id"])
    r = store.get(f"/v2/orders/{order_id}", params=LINES)
    assert r.status_code == 200, r.text
    order = r.json()
    (shipping,) = order["consignments"]["shipping"]
    assert shipping["line_items"] == store.get(f"/v2/orders/{order_id}/products").json()
    assert shipping["items_total"] == 2
    assert order["consignments"]["pickups"] == []
    recorded.conforms()


def test_a_custom_item_in_no_consignment_is_read_through_products(
        recorded: Recorded) -> None:
    store = recorded.store
    r = store.post("/v3/carts", {"custom_items": [
        {"sku": "GIFT-WRAP", "name": "Gift wrap", "quantity": 1, "list_price": 3}]})
    assert r.status_code in (200, 201), r.text
    cart = r.json()["data"]
    store.billing(cart["id"])
    order_id = store.order(cart["id"])
    r = store.get(f"/v2/orders/{order_id}", params=LINES)
    assert r.status_code == 200, r.text
    order = r.json()
    assert _held(order["consignments"]) == []
    assert order["items_total"] == 1
    assert [p["name"] for p in store.get(f"/v2/orders/{order_id}/products").json()] == [
        "Gift wrap"]
    recorded.conforms()


def test_consignments_need_the_object_structure(recorded: Recorded,
                                                pairs: list[tuple[dict, dict]]) -> None:
    store = recorded.store
    (p1, v1) = pairs[3]
    cart = store.cart([line_item(p1, v1, 1)])
    store.billing(cart["id"])
    store.choose_shipping(store.consign(cart))
    order_id = store.order(cart["id"])
    with recorded.recorder.deliberately_invalid():
        r = store.get(f"/v2/orders/{order_id}", params={"include": "consignments.line_items"})
    assert r.status_code == 422, r.text
    assert "consignment_structure" in r.text
