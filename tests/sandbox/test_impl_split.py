"""One cart line's quantity split between consignments (``line_items: [{item_id, quantity}]``):
what each consignment holds, its shipping options, tax and discount share, the unassigned
rest, the order products it becomes, and the shapes (validated against the documents when
they are present)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from openapi_support import (
    HttpRecorder,
    OpenApiValidator,
    StoreHttp,
    card,
    line_item,
    openapi_dir,
    require_openapi,
    sellable_variants,
    stock_of,
)

from pos.sandbox.server import SandboxServer

CENT = Decimal("0.01")
SHIP_TO = {
    "first_name": "Maria",
    "last_name": "Garcia",
    "email": "maria@example.com",
    "address1": "1 Market Street",
    "city": "San Francisco",
    "state_or_province": "California",
    "state_or_province_code": "CA",
    "country_code": "US",
    "postal_code": "94103",
    "phone": "14155550100",
}
INCLUDE = {"include": "consignments.available_shipping_options"}


def money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.fixture
def recorder() -> HttpRecorder:
    return HttpRecorder()


@pytest.fixture
def store(sandbox: SandboxServer, recorder: HttpRecorder) -> Iterator[StoreHttp]:
    with StoreHttp(sandbox.info, recorder=recorder) as helper:
        yield helper


@pytest.fixture(scope="module")
def pairs(sandbox: SandboxServer) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    with StoreHttp(sandbox.info) as helper:
        found = sellable_variants(helper.products(), min_stock=6)
    # Simple products with a real weight, away from the other tests' first picks.
    simple = [
        (p, v) for p, v in found if len(p["variants"]) == 1 and Decimal(str(p["weight"])) > 0
    ]
    assert len(simple) >= 8
    return simple[len(simple) // 2 :]


def conforms(recorder: HttpRecorder) -> None:
    """The recorded exchanges against the documents, when they are present."""
    if not openapi_dir().is_dir():
        return
    validator: OpenApiValidator = require_openapi()
    problems = validator.problems_in(recorder.exchanges)
    assert not problems, "\n".join(problems)


def split_cart(
    store: StoreHttp, pair: tuple[dict[str, Any], dict[str, Any]], quantity: int = 3
) -> tuple[dict[str, Any], str]:
    product, variant = pair
    cart = store.cart([line_item(product, variant, quantity)])
    store.billing(cart["id"])
    return cart, cart["line_items"]["physical_items"][0]["id"]


def post_split(
    store: StoreHttp, cart_id: str, item_id: str, take: int, ship: int
) -> Any:
    return store.post(
        f"/v3/checkouts/{cart_id}/consignments",
        [
            {
                "pickup_option": {"pickup_method_id": 1},
                "line_items": [{"item_id": item_id, "quantity": take}],
            },
            {"address": SHIP_TO, "line_items": [{"item_id": item_id, "quantity": ship}]},
        ],
        params=INCLUDE,
    )


def ship_flat_rate(store: StoreHttp, checkout: dict[str, Any]) -> dict[str, Any]:
    """Chooses the flat rate on every shipping consignment (pickup ones have no options)."""
    ships = [c for c in checkout["consignments"] if "address" in c]
    return store.choose_shipping({**checkout, "consignments": ships}, "shipping_flatrate")


def test_a_line_split_between_pickup_and_shipping(
    store: StoreHttp, recorder: HttpRecorder, pairs: list[tuple[dict, dict]]
) -> None:
    product, variant = pairs[0]
    unit = money(product["calculated_price"])
    weight = Decimal(str(product["weight"]))
    cart, item_id = split_cart(store, pairs[0])
    r = post_split(store, cart["id"], item_id, 1, 2)
    assert r.status_code == 200, r.text
    checkout = r.json()["data"]
    pickup, ship = checkout["consignments"]
    assert pickup["line_item_ids"] == [item_id] == ship["line_item_ids"]
    assert pickup["selected_pickup_option"] == {"pickup_method_id": 1}
    assert "address" not in pickup and "selected_pickup_option" not in ship
    options = {o["type"]: o for o in ship["available_shipping_options"]}
    # The shipping consignment's options count its own 2, not the line's 3.
    assert money(options["shipping_byweight"]["cost"]) == money(
        Decimal("4.00") + Decimal("1.25") * weight * 2
    )
    assert ("freeshipping" in options) == (unit * 2 >= Decimal("100.00"))
    r = store.put(
        f"/v3/checkouts/{cart['id']}/consignments/{ship['id']}",
        {"shipping_option_id": options["shipping_flatrate"]["id"]},
    )
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    tx, ca = Decimal("0.0825"), Decimal("0.0725")
    tax = money(unit * tx) + money(unit * 2 * ca) + money(Decimal("7.50") * ca)
    assert money(data["subtotal_ex_tax"]) == unit * 3
    assert money(data["tax_total"]) == tax
    assert money(data["grand_total"]) == unit * 3 + Decimal("7.50") + tax
    assert [c["line_item_ids"] for c in data["consignments"]] == [[item_id], [item_id]]
    assert data["consignments"][0]["selected_pickup_option"] == {"pickup_method_id": 1}

    order_id = store.order(cart["id"])
    order = store.v2_order(order_id)
    assert order["total_inc_tax"] == f"{money(data['grand_total']):.4f}"
    assert order["items_total"] == 3
    r = store.get(f"/v2/orders/{order_id}/products")
    assert r.status_code == 200, r.text
    products = sorted(r.json(), key=lambda p: p["quantity"])
    assert [p["quantity"] for p in products] == [1, 2]
    taken, shipped = products
    assert taken["order_address_id"] == 0 and taken["order_pickup_method_id"] > 0
    assert shipped["order_pickup_method_id"] == 0 and shipped["order_address_id"] > 0
    assert {p["variant_id"] for p in products} == {variant["id"]}
    assert money(taken["total_ex_tax"]) == unit and money(shipped["total_ex_tax"]) == unit * 2
    assert money(taken["total_tax"]) == money(unit * tx)
    assert money(shipped["total_tax"]) == money(unit * 2 * ca)
    r = store.get(f"/v2/orders/{order_id}/shipping_addresses")
    assert r.status_code == 200, r.text
    (address,) = r.json()
    assert address["id"] == shipped["order_address_id"] and address["items_total"] == 2

    def stock() -> int | None:
        r = store.get(f"/v3/catalog/products/{product['id']}", params={"include": "variants"})
        return stock_of(r.json()["data"], variant["id"])

    before = stock()
    method = store.card_method(order_id)
    r = store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text
    assert store.v2_order(order_id)["status_id"] == 11
    assert before is not None and stock() == before - 3  # once, for the whole line
    # A part of the split line is refunded on its own.
    items = [{"item_type": "PRODUCT", "item_id": shipped["id"], "quantity": 2}]
    r = store.post(f"/v3/orders/{order_id}/payment_actions/refund_quotes", {"items": items})
    assert r.status_code == 201, r.text
    assert money(r.json()["data"]["total_refund_amount"]) == money(
        Decimal(shipped["discounted_total_inc_tax"])
    )
    conforms(recorder)


def test_more_than_the_line_is_refused(
    store: StoreHttp, recorder: HttpRecorder, pairs: list[tuple[dict, dict]]
) -> None:
    cart, item_id = split_cart(store, pairs[1])
    r = post_split(store, cart["id"], item_id, 2, 2)
    assert r.status_code == 422, r.text
    assert "[1].line_items[0].quantity" in r.json()["errors"]
    # The same item twice in one consignment counts twice.
    r = store.post(
        f"/v3/checkouts/{cart['id']}/consignments",
        [
            {
                "address": SHIP_TO,
                "line_items": [
                    {"item_id": item_id, "quantity": 2},
                    {"item_id": item_id, "quantity": 2},
                ],
            }
        ],
    )
    assert r.status_code == 422, r.text
    assert "[0].line_items[1].quantity" in r.json()["errors"]
    assert store.checkout(cart["id"])["consignments"] == []  # nothing half-saved
    r = post_split(store, cart["id"], item_id, 1, 2)
    assert r.status_code == 200, r.text
    pickup, ship = r.json()["data"]["consignments"]
    # A PUT replaces what that consignment holds; the others still count.
    r = store.put(
        f"/v3/checkouts/{cart['id']}/consignments/{ship['id']}",
        {"address": SHIP_TO, "line_items": [{"item_id": item_id, "quantity": 3}]},
    )
    assert r.status_code == 422, r.text
    assert "line_items[0].quantity" in r.json()["errors"]
    r = store.put(
        f"/v3/checkouts/{cart['id']}/consignments/{pickup['id']}",
        {"line_items": [{"item_id": item_id, "quantity": 2}]},
    )
    assert r.status_code == 422, r.text
    r = store.put(
        f"/v3/checkouts/{cart['id']}/consignments/{ship['id']}",
        {"address": SHIP_TO, "line_items": [{"item_id": item_id, "quantity": 1}]},
    )
    assert r.status_code == 200, r.text
    conforms(recorder)


def test_unassigned_quantity_blocks_the_order(
    store: StoreHttp, pairs: list[tuple[dict, dict]]
) -> None:
    product, _ = pairs[2]
    unit = money(product["calculated_price"])
    cart, item_id = split_cart(store, pairs[2])
    r = store.post(
        f"/v3/checkouts/{cart['id']}/consignments",
        [{"address": SHIP_TO, "line_items": [{"item_id": item_id, "quantity": 2}]}],
        params=INCLUDE,
    )
    assert r.status_code == 200, r.text
    checkout = ship_flat_rate(store, r.json()["data"])
    # The third one is unassigned: taxed at the billing address (TX), and no order yet.
    tax = money(unit * 2 * Decimal("0.0725")) + money(Decimal("7.50") * Decimal("0.0725"))
    tax += money(unit * Decimal("0.0825"))
    assert money(checkout["tax_total"]) == tax
    r = store.post(f"/v3/checkouts/{cart['id']}/orders")
    assert r.status_code == 422, r.text
    assert r.json()["errors"][f"line_items.{item_id}.quantity"] == "1 of 3 not in a consignment"
    r = store.post(
        f"/v3/checkouts/{cart['id']}/consignments",
        [{"pickup_option": {"pickup_method_id": 1},
          "line_items": [{"item_id": item_id, "quantity": 1}]}],
    )
    assert r.status_code == 200, r.text
    assert [c["line_item_ids"] for c in r.json()["data"]["consignments"]] == [
        [item_id],
        [item_id],
    ]
    order_id = store.order(cart["id"])
    products = store.get(f"/v2/orders/{order_id}/products").json()
    assert sorted(p["quantity"] for p in products) == [1, 2]


def test_a_coupon_is_shared_by_quantity(store: StoreHttp, pairs: list[tuple[dict, dict]]) -> None:
    cart, item_id = split_cart(store, pairs[3])
    other_product, other_variant = pairs[4]
    r = store.post(
        f"/v3/carts/{cart['id']}/items", {"line_items": [line_item(other_product, other_variant)]}
    )
    assert r.status_code == 201, r.text
    other_id = next(
        i["id"] for i in r.json()["data"]["line_items"]["physical_items"] if i["id"] != item_id
    )
    r = store.post(
        f"/v3/checkouts/{cart['id']}/consignments",
        [
            {
                "pickup_option": {"pickup_method_id": 1},
                "line_items": [{"item_id": item_id, "quantity": 1}],
            },
            {
                "address": SHIP_TO,
                "line_items": [
                    {"item_id": item_id, "quantity": 2},
                    {"item_id": other_id, "quantity": 1},
                ],
            },
        ],
        params=INCLUDE,
    )
    assert r.status_code == 200, r.text
    ship_flat_rate(store, r.json()["data"])
    r = store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "save10"})
    assert r.status_code == 200, r.text
    checkout = r.json()["data"]
    discount = money(checkout["coupons"][0]["discounted_amount"])
    line = next(i for i in checkout["cart"]["line_items"]["physical_items"] if i["id"] == item_id)
    order_id = store.order(cart["id"])
    products = store.get(f"/v2/orders/{order_id}/products").json()
    parts = [p for p in products if p["variant_id"] == line["variant_id"]]
    shares = sorted((p["quantity"], money(p["applied_discounts"][0]["amount"])) for p in parts)
    line_discount = money(line["coupon_amount"])
    assert sum(s for _, s in shares) == line_discount
    assert shares[0][1] == money(line_discount / 3)
    total = sum((money(p["applied_discounts"][0]["amount"]) for p in products), Decimal(0))
    assert total == discount
    order = store.v2_order(order_id)
    assert order["total_inc_tax"] == f"{money(checkout['grand_total']):.4f}"
    assert sum(
        (money(p["discounted_total_inc_tax"]) for p in products), Decimal(0)
    ) + money(order["shipping_cost_inc_tax"]) == money(order["total_inc_tax"])


def test_changing_a_split_line_quantity(store: StoreHttp, pairs: list[tuple[dict, dict]]) -> None:
    cart, item_id = split_cart(store, pairs[5], quantity=4)
    r = post_split(store, cart["id"], item_id, 1, 3)
    assert r.status_code == 200, r.text
    # Fewer: the last consignment gives up quantity first, and is dropped when empty.
    r = store.put(f"/v3/carts/{cart['id']}/items/{item_id}", {"line_item": {"quantity": 2}})
    assert r.status_code == 200, r.text
    checkout = store.checkout(cart["id"])
    assert [c["line_item_ids"] for c in checkout["consignments"]] == [[item_id], [item_id]]
    r = store.put(f"/v3/carts/{cart['id']}/items/{item_id}", {"line_item": {"quantity": 1}})
    assert r.status_code == 200, r.text
    (pickup,) = store.checkout(cart["id"])["consignments"]
    assert "selected_pickup_option" in pickup
    # More: a line wholly in one consignment stays wholly in it.
    r = store.put(f"/v3/carts/{cart['id']}/items/{item_id}", {"line_item": {"quantity": 3}})
    assert r.status_code == 200, r.text
    order_id = store.order(cart["id"])
    assert [p["quantity"] for p in store.get(f"/v2/orders/{order_id}/products").json()] == [3]


def test_growing_a_split_line_leaves_the_extra_unassigned(
    store: StoreHttp, pairs: list[tuple[dict, dict]]
) -> None:
    cart, item_id = split_cart(store, pairs[6], quantity=3)
    r = post_split(store, cart["id"], item_id, 1, 2)
    assert r.status_code == 200, r.text
    ship_flat_rate(store, r.json()["data"])
    r = store.put(f"/v3/carts/{cart['id']}/items/{item_id}", {"line_item": {"quantity": 4}})
    assert r.status_code == 200, r.text
    r = store.post(f"/v3/checkouts/{cart['id']}/orders")
    assert r.status_code == 422, r.text
    assert r.json()["errors"][f"line_items.{item_id}.quantity"] == "1 of 4 not in a consignment"
