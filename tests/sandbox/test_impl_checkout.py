"""The sandbox's arithmetic and bookkeeping, checked against numbers computed here:
shipping options, tax by place, coupons, totals, orders listed through v2, refunds."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest
from test_server_basics import BILLING, Store

from pos.sandbox.server import SandboxServer

CENT = Decimal("0.01")
CA_ADDRESS = {
    "first_name": "Maria",
    "last_name": "Garcia",
    "email": "maria@example.com",
    "address1": "1 Market Street",
    "city": "San Francisco",
    "state_or_province": "California",
    "state_or_province_code": "CA",
    "country_code": "US",
    "postal_code": "94103",
}
GB_ADDRESS = {
    "first_name": "Grace",
    "last_name": "Walker",
    "email": "grace@example.com",
    "address1": "10 Downing Street",
    "city": "London",
    "state_or_province": "",
    "country_code": "GB",
    "postal_code": "SW1A 2AA",
}


def money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[Store]:
    helper = Store(sandbox)
    yield helper
    helper.close()


def priced_variant(store: Store, *, minimum: Decimal, maximum: Decimal) -> dict[str, Any]:
    """A simple, purchasable variant whose price lies in [minimum, maximum]."""
    page = 1
    while True:
        r = store.get(
            "/v3/catalog/products", params={"include": "variants", "limit": 250, "page": page}
        )
        for product in r.json()["data"]:
            variant = product["variants"][0]
            if (
                product["availability"] == "available"
                and len(product["variants"]) == 1
                and product["inventory_tracking"] == "product"
                and variant["inventory_level"] >= 5
                and minimum <= money(product["calculated_price"]) <= maximum
            ):
                return {
                    **variant,
                    "weight": product["weight"],
                    "unit": money(product["calculated_price"]),
                }
        page += 1


def shipping_checkout(
    store: Store, variant: dict[str, Any], address: dict[str, Any], quantity: int = 2
) -> tuple[str, dict[str, Any]]:
    r = store.post(
        "/v3/carts",
        json={"line_items": [{"product_id": variant["product_id"], "quantity": quantity}]},
    )
    assert r.status_code == 201, r.text
    cart = r.json()["data"]
    item_id = cart["line_items"]["physical_items"][0]["id"]
    r = store.post(f"/v3/checkouts/{cart['id']}/billing-address", json=BILLING)
    assert r.status_code == 200, r.text
    r = store.post(
        f"/v3/checkouts/{cart['id']}/consignments",
        params={"include": "consignments.available_shipping_options"},
        json=[{"address": address, "line_items": [{"item_id": item_id, "quantity": quantity}]}],
    )
    assert r.status_code == 200, r.text
    return str(cart["id"]), r.json()["data"]


def options_by_type(checkout: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["type"]: o for o in checkout["consignments"][0]["available_shipping_options"]}


def test_domestic_options_tax_and_coupon_arithmetic(store: Store) -> None:
    variant = priced_variant(store, minimum=Decimal("30"), maximum=Decimal("45"))
    unit = variant["unit"]
    checkout_id, checkout = shipping_checkout(store, variant, CA_ADDRESS)
    options = options_by_type(checkout)
    subtotal = unit * 2
    assert set(options) == {"shipping_pickupinstore", "shipping_flatrate", "shipping_byweight"}
    assert options["shipping_pickupinstore"]["cost"] == 0
    assert money(options["shipping_flatrate"]["cost"]) == Decimal("7.50")
    weight = Decimal(str(variant["weight"]))
    assert money(options["shipping_byweight"]["cost"]) == money(
        Decimal("4.00") + Decimal("1.25") * weight * 2
    )
    # Before an option is chosen the consignment has no shipping cost and no order can be made.
    r = store.post(f"/v3/checkouts/{checkout_id}/orders")
    assert r.status_code == 422
    consignment_id = checkout["consignments"][0]["id"]
    r = store.put(
        f"/v3/checkouts/{checkout_id}/consignments/{consignment_id}",
        json={"shipping_option_id": options["shipping_flatrate"]["id"]},
    )
    assert r.status_code == 200, r.text
    r = store.post(f"/v3/checkouts/{checkout_id}/coupons", json={"coupon_code": "save10"})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    discount = money(subtotal * Decimal("0.10"))
    rate = Decimal("0.0725")
    tax = money((subtotal - discount) * rate) + money(Decimal("7.50") * rate)
    assert money(data["subtotal_ex_tax"]) == subtotal
    assert money(data["coupons"][0]["discounted_amount"]) == discount
    assert data["coupons"][0]["code"] == "SAVE10"
    assert money(data["shipping_cost_total_ex_tax"]) == Decimal("7.50")
    assert money(data["tax_total"]) == tax
    assert data["taxes"] == [{"name": "Sales Tax", "amount": float(tax)}]
    assert money(data["grand_total"]) == subtotal - discount + Decimal("7.50") + tax
    selected = data["consignments"][0]["selected_shipping_option"]
    assert selected["type"] == "shipping_flatrate"
    order_id = store.order(checkout_id)
    order = store.get(f"/v2/orders/{order_id}").json()
    assert order["total_inc_tax"] == f"{data['grand_total']:.4f}"
    assert order["coupon_discount"] == f"{discount:.4f}"
    assert order["shipping_cost_ex_tax"] == "7.5000"
    assert order["shipping_address_count"] == 1
    addresses = store.get(f"/v2/orders/{order_id}/shipping_addresses").json()
    assert addresses[0]["shipping_method"] == "Flat Rate"
    assert addresses[0]["country_iso2"] == "US"


def test_free_shipping_over_the_threshold_and_abroad(store: Store) -> None:
    variant = priced_variant(store, minimum=Decimal("60"), maximum=Decimal("120"))
    _, checkout = shipping_checkout(store, variant, GB_ADDRESS)
    options = options_by_type(checkout)
    assert "shipping_pickupinstore" not in options, "no pickup abroad"
    assert options["freeshipping"]["cost"] == 0
    assert money(options["shipping_flatrate"]["cost"]) == Decimal("25.00")
    subtotal = variant["unit"] * 2
    assert money(checkout["tax_total"]) == money(subtotal * Decimal("0.20"))
    assert checkout["taxes"][0]["name"] == "VAT"


def test_unassigned_items_are_taxed_at_the_billing_address(store: Store) -> None:
    variant = priced_variant(store, minimum=Decimal("10"), maximum=Decimal("80"))
    r = store.post(
        "/v3/carts", json={"line_items": [{"product_id": variant["product_id"], "quantity": 1}]}
    )
    cart_id = r.json()["data"]["id"]
    r = store.get(f"/v3/checkouts/{cart_id}")
    assert money(r.json()["data"]["tax_total"]) == money(variant["unit"] * Decimal("0.0825"))
    ny = {
        **BILLING,
        "state_or_province": "New York",
        "state_or_province_code": "",
        "city": "New York",
        "postal_code": "10001",
    }
    r = store.post(f"/v3/checkouts/{cart_id}/billing-address", json=ny)
    assert money(r.json()["data"]["tax_total"]) == money(variant["unit"] * Decimal("0.08875"))


def test_fixed_coupon_needs_its_minimum(store: Store) -> None:
    variant = priced_variant(store, minimum=Decimal("10"), maximum=Decimal("20"))
    r = store.post(
        "/v3/carts", json={"line_items": [{"product_id": variant["product_id"], "quantity": 1}]}
    )
    cart_id = r.json()["data"]["id"]
    r = store.post(f"/v3/checkouts/{cart_id}/coupons", json={"coupon_code": "FIVEOFF"})
    assert r.status_code == 400 and r.json()["code"] == "ineligibile"
    item_id = (
        r.json()
        and store.get(f"/v3/carts/{cart_id}").json()["data"]["line_items"]["physical_items"][0][
            "id"
        ]
    )
    r = store.put(f"/v3/carts/{cart_id}/items/{item_id}", json={"line_item": {"quantity": 5}})
    assert r.status_code == 200, r.text
    r = store.post(f"/v3/checkouts/{cart_id}/coupons", json={"coupon_code": "FIVEOFF"})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["coupons"][0]["discounted_amount"] == 5.0
    assert money(data["cart"]["cart_amount_ex_tax"]) == variant["unit"] * 5 - Decimal(5)
    r = store.client.delete(f"{store.base}/v3/checkouts/{cart_id}/coupons/fiveoff")
    assert r.status_code == 200 and r.json()["data"]["coupons"] == []


def test_option_selections_pick_the_variant(store: Store) -> None:
    r = store.get("/v3/catalog/products", params={"include": "variants,options", "limit": 50})
    product = next(
        p
        for p in r.json()["data"]
        if len(p["options"]) == 2
        and p["availability"] == "available"
        and any(v["inventory_level"] > 0 and not v["purchasing_disabled"] for v in p["variants"])
    )
    variant = next(
        v for v in product["variants"] if v["inventory_level"] > 0 and not v["purchasing_disabled"]
    )
    selections = [
        {"option_id": ov["option_id"], "option_value": ov["id"]} for ov in variant["option_values"]
    ]
    r = store.post(
        "/v3/carts",
        json={
            "line_items": [
                {"product_id": product["id"], "quantity": 1, "option_selections": selections}
            ]
        },
    )
    assert r.status_code == 201, r.text
    item = r.json()["data"]["line_items"]["physical_items"][0]
    assert item["variant_id"] == variant["id"] and item["sku"] == variant["sku"]
    expected = variant["price"] if variant["price"] is not None else variant["calculated_price"]
    assert item["list_price"] == expected


def test_v2_order_listing_and_status_changes(store: Store) -> None:
    variant = priced_variant(store, minimum=Decimal("5"), maximum=Decimal("200"))
    checkout_id = store.pickup_checkout(variant["product_id"])
    ids = [store.order(checkout_id) for _ in range(3)]
    listed = store.get("/v2/orders", params={"cart_id": checkout_id}).json()
    assert [o["id"] for o in listed] == ids
    listed = store.get("/v2/orders", params={"cart_id": checkout_id, "sort": "id:desc"}).json()
    assert [o["id"] for o in listed] == ids[::-1]
    listed = store.get("/v2/orders", params={"cart_id": checkout_id, "min_id": ids[1]}).json()
    assert [o["id"] for o in listed] == ids[1:]
    page2 = store.get("/v2/orders", params={"cart_id": checkout_id, "limit": 2, "page": 2})
    assert [o["id"] for o in page2.json()] == ids[2:]
    r = store.put(f"/v2/orders/{ids[0]}", json={"status_id": 5})
    assert r.status_code == 200 and r.json()["status"] == "Cancelled"
    cancelled = store.get("/v2/orders", params={"status_id": 5, "cart_id": checkout_id}).json()
    assert [o["id"] for o in cancelled] == ids[:1]
    r = store.put(f"/v2/orders/{ids[0]}", json={"status_id": 99})
    assert r.status_code == 400 and r.json()[0]["status"] == 400
    r = store.put(f"/v2/orders/{ids[0]}", json={"total_inc_tax": "1.00"})
    assert r.status_code == 400
    nothing = store.get("/v2/orders", params={"cart_id": "nothing-here"})
    assert nothing.status_code == 204 and nothing.content == b""
    created = store.get(f"/v2/orders/{ids[0]}").json()["date_created"]
    since = store.get("/v2/orders", params={"cart_id": checkout_id, "min_date_created": created})
    assert [o["id"] for o in since.json()] == ids
    before = {"cart_id": checkout_id, "max_date_created": "2026-01-01"}
    assert store.get("/v2/orders", params=before).status_code == 204
    r = store.get("/v2/orders", params={"min_date_created": "yesterday"})
    assert r.status_code == 400 and r.json()[0]["status"] == 400


def test_refunds_by_product_then_the_rest(store: Store) -> None:
    variant = priced_variant(store, minimum=Decimal("10"), maximum=Decimal("90"))
    checkout_id = store.pickup_checkout(variant["product_id"], quantity=2)
    order_id = store.order(checkout_id)
    r = store.post(
        f"/v3/orders/{order_id}/payment_actions/refund_quotes",
        json={"items": [{"item_type": "ORDER", "item_id": order_id, "amount": 1}]},
    )
    assert r.status_code == 422, "nothing to refund before the payment"
    assert store.pay(order_id).status_code == 201
    product = store.get(f"/v2/orders/{order_id}/products").json()[0]
    items = [{"item_type": "PRODUCT", "item_id": product["id"], "quantity": 1}]
    r = store.post(f"/v3/orders/{order_id}/payment_actions/refund_quotes", json={"items": items})
    assert r.status_code == 201, r.text
    quote = r.json()["data"]
    amount = quote["total_refund_amount"]
    assert money(amount) == money(Decimal(product["price_inc_tax"]))
    assert [[m["provider_id"] for m in alt] for alt in quote["refund_methods"]] == [
        ["testgateway"],
        ["custom"],
    ]
    r = store.post(
        f"/v3/orders/{order_id}/payment_actions/refunds",
        json={
            "items": items,
            "payments": [{"provider_id": "testgateway", "amount": amount + 1, "offline": False}],
        },
    )
    assert r.status_code == 422, "payments must add up to the quote"
    r = store.post(
        f"/v3/orders/{order_id}/payment_actions/refunds",
        json={
            "items": items,
            "payments": [{"provider_id": "testgateway", "amount": amount, "offline": False}],
        },
    )
    assert r.status_code == 201, r.text
    order = store.get(f"/v2/orders/{order_id}").json()
    assert order["status_id"] == 14 and order["payment_status"] == "partially refunded"
    remaining = money(Decimal(order["total_inc_tax"]) - Decimal(order["refunded_amount"]))
    rest = [{"item_type": "ORDER", "item_id": order_id, "amount": float(remaining)}]
    r = store.post(
        f"/v3/orders/{order_id}/payment_actions/refunds",
        json={
            "items": rest,
            "payments": [{"provider_id": "custom", "amount": float(remaining), "offline": True}],
        },
    )
    assert r.status_code == 201, r.text
    order = store.get(f"/v2/orders/{order_id}").json()
    assert order["status_id"] == 4 and order["payment_status"] == "refunded"
    assert order["refunded_amount"] == order["total_inc_tax"]
    r = store.post(
        f"/v3/orders/{order_id}/payment_actions/refund_quotes",
        json={"items": [{"item_type": "ORDER", "item_id": order_id, "amount": 1}]},
    )
    assert r.status_code == 422
    events = [t["event"] for t in store.get(f"/v3/orders/{order_id}/transactions").json()["data"]]
    assert events == ["purchase", "refund"], "the offline part makes no card transaction"
    refunds = store.get(f"/v3/orders/{order_id}/payment_actions/refunds").json()["data"]
    assert len(refunds) == 2
    one = store.get(f"/v3/orders/payment_actions/refunds/{refunds[0]['id']}")
    assert one.status_code == 200 and one.json()["data"]["order_id"] == order_id


def test_product_images_are_served(store: Store) -> None:
    r = store.get("/v3/catalog/products/1", params={"include": "images"})
    url = r.json()["data"]["images"][0]["url_standard"]
    image = httpx.get(url)
    assert image.status_code == 200
    assert image.headers["content-type"].startswith("image/svg+xml")
    assert image.text.startswith("<svg")


def test_order_sub_resources_follow_the_documents(store: Store) -> None:
    from openapi_support import require_openapi

    validator = require_openapi()
    variant = priced_variant(store, minimum=Decimal("40"), maximum=Decimal("90"))
    checkout_id, checkout = shipping_checkout(store, variant, CA_ADDRESS)
    consignment_id = checkout["consignments"][0]["id"]
    option = options_by_type(checkout)["shipping_byweight"]
    store.put(
        f"/v3/checkouts/{checkout_id}/consignments/{consignment_id}",
        json={"shipping_option_id": option["id"]},
    )
    assert (
        store.post(
            f"/v3/checkouts/{checkout_id}/coupons", json={"coupon_code": "FIVEOFF"}
        ).status_code
        == 200
    )
    order_id = store.order(checkout_id)
    assert store.pay(order_id).status_code == 201
    address = store.get(f"/v2/orders/{order_id}/shipping_addresses").json()[0]
    items = [{"item_type": "SHIPPING", "item_id": address["id"], "amount": 1.0}]
    refund = store.post(
        f"/v3/orders/{order_id}/payment_actions/refunds",
        json={
            "items": items,
            "payments": [{"provider_id": "testgateway", "amount": 1.0, "offline": False}],
        },
    )
    assert refund.status_code == 201, refund.text
    problems: list[str] = []
    for path in (
        f"/v2/orders/{order_id}",
        f"/v2/orders/{order_id}/shipping_addresses",
        f"/v2/orders/{order_id}/coupons",
        f"/v2/orders/{order_id}/products",
        f"/v3/orders/{order_id}/transactions",
        f"/v3/orders/{order_id}/payment_actions/refunds",
        f"/v3/orders/payment_actions/refunds/{refund.json()['data']['id']}",
        "/v2/order_statuses",
    ):
        r = store.get(path)
        assert r.status_code == 200, (path, r.text)
        problems += validator.response_problems("GET", path, r.status_code, r.headers, r.json())
    assert problems == []
    coupons = store.get(f"/v2/orders/{order_id}/coupons").json()
    assert [(c["code"], c["discount"]) for c in coupons] == [("FIVEOFF", 5.0)]
    assert address["shipping_method"] == "Ship by Weight"
    assert address["cost_ex_tax"] == f"{money(option['cost']):.4f}"
