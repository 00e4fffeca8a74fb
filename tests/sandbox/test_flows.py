"""The tutorial's sale flow, walked with plain httpx against the sandbox over loopback HTTP.

Cart -> billing address -> consignment -> shipping option -> order -> payment methods ->
payment access token -> payment on the payments host -> the order awaits fulfilment.
Shapes and codes follow BigCommerce's documents (../shared/reference/).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import Any

import pytest
from openapi_support import (
    TEST_ADDRESS,
    StoreHttp,
    card,
    line_item,
    sellable_variants,
    stock_of,
)

MONEY_4 = re.compile(r"^-?\d+\.\d{4}$")
RFC2822 = re.compile(r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
V2_MONEY_FIELDS = (
    "subtotal_ex_tax",
    "subtotal_inc_tax",
    "subtotal_tax",
    "base_shipping_cost",
    "shipping_cost_ex_tax",
    "shipping_cost_inc_tax",
    "shipping_cost_tax",
    "base_handling_cost",
    "handling_cost_ex_tax",
    "handling_cost_inc_tax",
    "handling_cost_tax",
    "base_wrapping_cost",
    "wrapping_cost_ex_tax",
    "wrapping_cost_inc_tax",
    "wrapping_cost_tax",
    "total_ex_tax",
    "total_inc_tax",
    "total_tax",
    "refunded_amount",
    "store_credit_amount",
    "gift_certificate_amount",
    "discount_amount",
    "coupon_discount",
)


@pytest.fixture(scope="module")
def store(sandbox: Any) -> Iterator[StoreHttp]:
    with StoreHttp(sandbox.info) as s:
        yield s


@pytest.fixture(scope="module")
def catalog(store: StoreHttp) -> list[dict[str, Any]]:
    return store.products()


def product_now(store: StoreHttp, product_id: int) -> dict[str, Any]:
    r = store.get(f"/v3/catalog/products/{product_id}", params={"include": "variants"})
    assert r.status_code == 200, r.text
    return dict(r.json()["data"])


def pick(catalog: list[dict[str, Any]], index: int, min_stock: int = 3) -> tuple[dict, dict]:
    """A different sellable variant for each index, so tests do not share stock."""
    pairs = sellable_variants(catalog, min_stock=min_stock)
    assert len(pairs) > 40, "the demo catalogue has too few sellable tracked variants"
    return pairs[index * 7 % len(pairs)]


def customer_with_stored_card(store: StoreHttp) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    r = store.get("/v3/customers", params={"limit": 50})
    assert r.status_code == 200, r.text
    for customer in r.json()["data"]:
        r = store.get(f"/v3/customers/{customer['id']}/stored-instruments")
        assert r.status_code == 200, r.text
        cards = [i for i in r.json() if i.get("type") == "stored_card"]
        if cards:
            return customer, cards
    raise AssertionError("no demo customer has a stored card")


def assert_v2_formats(order: dict[str, Any]) -> None:
    present = [f for f in V2_MONEY_FIELDS if f in order]
    assert {"subtotal_ex_tax", "total_inc_tax", "total_ex_tax", "total_tax"} <= set(present)
    for name in present:
        assert isinstance(order[name], str) and MONEY_4.match(order[name]), (name, order[name])
    for name in ("date_created", "date_modified"):
        assert isinstance(order[name], str) and RFC2822.match(order[name]), (name, order[name])
        parsedate_to_datetime(order[name])


def test_guest_with_pickup_in_store(store: StoreHttp, catalog: list[dict[str, Any]]) -> None:
    product, variant = pick(catalog, 1)
    before = stock_of(product_now(store, product["id"]), variant["id"])
    assert before is not None and before >= 2

    cart = store.cart([line_item(product, variant, 2)])
    assert cart["customer_id"] == 0
    assert uuid.UUID(cart["id"])
    [line] = cart["line_items"]["physical_items"]
    assert line["product_id"] == product["id"] and line["variant_id"] == variant["id"]
    assert line["quantity"] == 2

    checkout = store.billing(cart["id"])
    assert checkout["id"] == cart["id"]
    assert isinstance(checkout["billing_address"]["id"], str)
    assert checkout["billing_address"]["email"] == TEST_ADDRESS["email"]

    checkout = store.consign(cart)
    [consignment] = checkout["consignments"]
    assert consignment["line_item_ids"] == [line["id"]]
    assert consignment["address"]["postal_code"] == TEST_ADDRESS["postal_code"]
    types = {o["type"] for o in consignment["available_shipping_options"]}
    assert "shipping_pickupinstore" in types
    checkout = store.choose_shipping(checkout, "shipping_pickupinstore")
    selected = checkout["consignments"][0]["selected_shipping_option"]
    assert selected["type"] == "shipping_pickupinstore"
    assert Decimal(str(selected["cost"])) == 0

    checkout = store.checkout(cart["id"])
    assert checkout["order_id"] is None
    grand_total = Decimal(str(checkout["grand_total"]))
    assert grand_total > 0

    order_id = store.order(cart["id"])
    checkout = store.checkout(cart["id"])
    assert checkout["order_id"] == str(order_id)  # a string, as the documents say
    order = store.v2_order(order_id)
    assert order["status_id"] == 0 and order["status"] == "Incomplete"
    assert order["customer_id"] == 0
    assert order["cart_id"] == cart["id"]
    assert Decimal(order["total_inc_tax"]) == grand_total
    assert_v2_formats(order)
    assert stock_of(product_now(store, product["id"]), variant["id"]) == before

    method = store.card_method(order_id)
    pat = store.access_token(order_id)
    r = store.pay(pat, card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text
    assert r.json()["data"]["status"] == "success"
    assert r.json()["data"]["transaction_type"] in ("purchase", "authorization")

    order = store.v2_order(order_id)
    assert order["status_id"] == 11 and order["status"] == "Awaiting Fulfillment"
    assert_v2_formats(order)
    r = store.get(f"/v3/orders/{order_id}/transactions")
    assert r.status_code == 200, r.text
    [transaction] = r.json()["data"]
    assert transaction["order_id"] == str(order_id) or transaction["order_id"] == order_id
    assert Decimal(str(transaction["amount"])) == grand_total
    assert transaction["status"] == "ok"
    assert stock_of(product_now(store, product["id"]), variant["id"]) == before - 2
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 404


def test_customer_with_shipping_and_stored_card(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    customer, cards = customer_with_stored_card(store)
    stored = cards[0]
    product, variant = pick(catalog, 2)
    before = stock_of(product_now(store, product["id"]), variant["id"])

    cart = store.cart([line_item(product, variant, 1)], customer_id=customer["id"])
    assert cart["customer_id"] == customer["id"]
    address = {**TEST_ADDRESS, "email": customer["email"]}
    store.billing(cart["id"], address)
    checkout = store.consign(cart, address)
    options = checkout["consignments"][0]["available_shipping_options"]
    paid_options = [o for o in options if o["type"] != "shipping_pickupinstore"]
    assert paid_options, options
    checkout = store.choose_shipping(checkout, paid_options[0]["type"])
    checkout = store.checkout(cart["id"])
    money = {k: Decimal(str(v)) for k, v in checkout.items() if isinstance(v, int | float)}
    selected = checkout["consignments"][0]["selected_shipping_option"]
    assert selected["id"] == paid_options[0]["id"]
    assert money["shipping_cost_total_ex_tax"] == Decimal(str(selected["cost"]))
    assert money["tax_total"] > 0  # the store taxes by state, and Texas has a sales tax
    grand_total = money["grand_total"]
    assert not checkout["cart"]["tax_included"]
    assert grand_total == (
        money["subtotal_ex_tax"]
        + money["shipping_cost_total_ex_tax"]
        + money["handling_cost_total_ex_tax"]
        + money["tax_total"]
    )

    order_id = store.order(cart["id"])
    method = store.card_method(order_id)
    tokens = [i["token"] for i in method.get("stored_instruments", [])]
    assert stored["token"] in tokens
    stored_card_support = [
        s for s in method["supported_instruments"] if s["instrument_type"] == "STORED_CARD"
    ]
    assert stored_card_support
    instrument: dict[str, Any] = {"type": "stored_card", "token": stored["token"]}
    if stored_card_support[0].get("verification_value_required"):
        instrument["verification_value"] = (
            "1234"
            if stored["brand"].lower()
            in (
                "amex",
                "american_express",
                "american express",
            )
            else "123"
        )
    pat = store.access_token(order_id)
    r = store.pay(pat, instrument, method_id=method["id"])
    assert r.status_code == 201, r.text
    assert r.json()["data"]["status"] == "success"
    order = store.v2_order(order_id)
    assert order["status_id"] == 11
    assert order["customer_id"] == customer["id"]
    assert Decimal(order["total_inc_tax"]) == grand_total
    assert stock_of(product_now(store, product["id"]), variant["id"]) == before - 1
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 404


def test_new_card_saved_for_the_customer(store: StoreHttp, catalog: list[dict[str, Any]]) -> None:
    r = store.get("/v3/customers", params={"limit": 50, "page": 1})
    customers = r.json()["data"]
    customer = customers[-1]
    r = store.get(f"/v3/customers/{customer['id']}/stored-instruments")
    assert r.status_code == 200
    before = {i["token"] for i in r.json()}

    product, variant = pick(catalog, 3)
    _cart, order_id = store.ready_order([line_item(product, variant)], customer_id=customer["id"])
    method = store.card_method(order_id)
    pat = store.access_token(order_id)
    r = store.pay(
        pat, card("5555555555554444", "321"), method_id=method["id"], save_instrument=True
    )
    assert r.status_code == 201, r.text
    assert r.json()["data"]["status"] == "success"

    r = store.get(f"/v3/customers/{customer['id']}/stored-instruments")
    assert r.status_code == 200
    new = [i for i in r.json() if i["token"] not in before]
    assert len(new) == 1, r.json()
    saved = new[0]
    assert saved["type"] == "stored_card"
    assert saved["last_4"] == "4444"
    assert saved["issuer_identification_number"] == "555555"
    assert "5555555555554444" not in r.text  # brand and last 4 only

    # The next sale of this customer offers the saved card.
    next_cart = store.cart([line_item(product, variant)], customer_id=customer["id"])
    r = store.get("/v3/payments/methods", params={"checkout_id": next_cart["id"]})
    assert r.status_code == 200, r.text
    card_methods = [m for m in r.json()["data"] if m["type"] == "card"]
    offered = {i["token"] for m in card_methods for i in m.get("stored_instruments", [])}
    assert saved["token"] in offered
    store.delete(f"/v3/carts/{next_cart['id']}")


def test_guest_save_instrument_stores_nothing(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    number = "4012888888881881"  # a Luhn-valid Visa no demo customer holds

    def saved_anywhere() -> int:
        customers = store.get("/v3/customers", params={"limit": 250}).json()["data"]
        count = 0
        for c in customers:
            r = store.get(f"/v3/customers/{c['id']}/stored-instruments")
            count += sum(1 for i in r.json() if i.get("last_4") == number[-4:])
        return count

    before = saved_anywhere()
    product, variant = pick(catalog, 4)
    _, order_id = store.ready_order([line_item(product, variant)])
    method = store.card_method(order_id)
    assert method.get("stored_instruments", []) == []
    pat = store.access_token(order_id)
    r = store.pay(pat, card(number), method_id=method["id"], save_instrument=True)
    # The guest's payment may go through or be refused, but nothing is ever stored for a
    # guest: order 0 has no customer to hold it.
    assert r.status_code in (201, 422), r.text
    assert saved_anywhere() == before


def test_checkout_order_id_shows_the_latest_of_several_orders(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    product, variant = pick(catalog, 5)
    cart, first = store.ready_order([line_item(product, variant)])
    second = store.order(cart["id"])
    assert second != first
    assert store.checkout(cart["id"])["order_id"] == str(second)
    r = store.get("/v2/orders", params={"cart_id": cart["id"], "status_id": 0})
    assert r.status_code == 200, r.text
    ids = [o["id"] for o in r.json()]
    assert {first, second} <= set(ids)
    for o in r.json():
        assert_v2_formats(o)


def test_consignment_accepts_the_tutorials_shipping_address_key(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    product, variant = pick(catalog, 6)
    cart = store.cart([line_item(product, variant)])
    checkout = store.consign(cart, key="shipping_address")
    [consignment] = checkout["consignments"]
    assert consignment["address"]["city"] == TEST_ADDRESS["city"]
    assert "shipping_address" not in consignment or consignment["shipping_address"]
    assert consignment["available_shipping_options"]
    store.delete(f"/v3/carts/{cart['id']}")


def test_consignment_update_cannot_change_address_and_option_together(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    product, variant = pick(catalog, 7)
    cart = store.cart([line_item(product, variant)])
    checkout = store.consign(cart)
    consignment = checkout["consignments"][0]
    option = consignment["available_shipping_options"][0]
    r = store.put(
        f"/v3/checkouts/{cart['id']}/consignments/{consignment['id']}",
        {"address": TEST_ADDRESS, "shipping_option_id": option["id"]},
    )
    assert r.status_code == 422, r.text
    r = store.delete(f"/v3/checkouts/{cart['id']}/consignments/{consignment['id']}")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["consignments"] == []
    store.delete(f"/v3/carts/{cart['id']}")


def test_cart_redirect_urls_update_and_delete(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    (p1, v1), (p2, v2) = pick(catalog, 8), pick(catalog, 9)
    cart = store.cart([line_item(p1, v1)], include="redirect_urls")
    urls = cart["redirect_urls"]
    assert {"cart_url", "checkout_url", "embedded_checkout_url"} <= set(urls)

    r = store.post(f"/v3/carts/{cart['id']}/items", {"line_items": [line_item(p2, v2, 2)]})
    assert r.status_code == 201, r.text
    items = r.json()["data"]["line_items"]["physical_items"]
    assert len(items) == 2
    second = next(i for i in items if i["variant_id"] == v2["id"])

    r = store.put(
        f"/v3/carts/{cart['id']}/items/{second['id']}",
        {
            "line_item": {
                "product_id": p2["id"],
                "variant_id": v2["id"],
                "quantity": 1,
                "list_price": 1.5,
            }
        },
    )
    assert r.status_code == 200, r.text
    updated = next(
        i for i in r.json()["data"]["line_items"]["physical_items"] if i["id"] == second["id"]
    )
    assert updated["quantity"] == 1
    assert Decimal(str(updated["list_price"])) == Decimal("1.5")

    first = next(i for i in items if i["id"] != second["id"])
    r = store.delete(f"/v3/carts/{cart['id']}/items/{first['id']}")
    assert r.status_code == 200, r.text
    r = store.delete(f"/v3/carts/{cart['id']}/items/{second['id']}")
    assert r.status_code == 204, r.text  # the last item: the cart goes with it
    assert r.content == b""
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 404


def test_cart_customer_update_and_version_conflict(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    product, variant = pick(catalog, 10)
    cart = store.cart([line_item(product, variant)])
    customer = store.get("/v3/customers", params={"limit": 1}).json()["data"][0]
    version = cart.get("version")
    assert isinstance(version, int)
    r = store.put(f"/v3/carts/{cart['id']}", {"customer_id": customer["id"], "version": version})
    assert r.status_code == 201, r.text  # the documents say 201 for this PUT
    assert r.json()["data"]["customer_id"] == customer["id"]
    r = store.put(f"/v3/carts/{cart['id']}", {"customer_id": 0, "version": version})
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["status"] == 409 and body["title"] and body["type"]
    assert store.delete(f"/v3/carts/{cart['id']}").status_code == 204
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 404


def test_product_with_options_needs_a_variant(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    with_options = [
        p for p in catalog if len(p.get("variants", [])) > 1 and p.get("availability") != "disabled"
    ]
    assert with_options, "the demo catalogue has no product with options"
    r = store.post(
        "/v3/carts", {"line_items": [{"product_id": with_options[0]["id"], "quantity": 1}]}
    )
    assert r.status_code == 422, r.text
    assert r.json()["status"] == 422


def test_short_stock_is_refused(store: StoreHttp, catalog: list[dict[str, Any]]) -> None:
    product, variant = pick(catalog, 11)
    stock = stock_of(product_now(store, product["id"]), variant["id"])
    assert stock is not None
    r = store.post("/v3/carts", {"line_items": [line_item(product, variant, stock + 1)]})
    assert r.status_code == 422, r.text
    out_of_stock = [
        (p, v)
        for p in catalog
        for v in p.get("variants", [])
        if stock_of(p, v["id"]) == 0
        and not v.get("purchasing_disabled")
        and p.get("availability") != "disabled"
    ]
    assert out_of_stock, "the demo catalogue has nothing out of stock"
    p, v = out_of_stock[0]
    r = store.post("/v3/carts", {"line_items": [line_item(p, v)]})
    assert r.status_code == 422, r.text


def test_purchasing_disabled_is_refused(store: StoreHttp, catalog: list[dict[str, Any]]) -> None:
    disabled = [
        (p, v)
        for p in catalog
        for v in p.get("variants", [])
        if p.get("availability") == "disabled" or v.get("purchasing_disabled")
    ]
    assert disabled, "the demo catalogue has nothing with purchasing disabled"
    p, v = disabled[0]
    r = store.post("/v3/carts", {"line_items": [line_item(p, v)]})
    assert r.status_code == 422, r.text


def test_order_statuses_and_order_products(store: StoreHttp, catalog: list[dict[str, Any]]) -> None:
    r = store.get("/v2/order_statuses")
    assert r.status_code == 200, r.text
    statuses = {s["id"]: s["name"] for s in r.json()}
    assert statuses[0] == "Incomplete" and statuses[11] == "Awaiting Fulfillment"
    assert set(range(15)) <= set(statuses)

    product, variant = pick(catalog, 12)
    _cart, order_id = store.ready_order([line_item(product, variant, 2)])
    r = store.get(f"/v2/orders/{order_id}/products")
    assert r.status_code == 200, r.text
    [row] = r.json()
    assert row["order_id"] == order_id and row["product_id"] == product["id"]
    assert row["quantity"] == 2
    assert MONEY_4.match(row["price_inc_tax"]) and MONEY_4.match(row["total_inc_tax"])
    assert store.get(f"/v3/orders/{order_id}/transactions").status_code == 204


def test_pickup_consignment_needs_no_shipping_option(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    product, variant = pick(catalog, 13)
    cart = store.cart([line_item(product, variant)])
    store.billing(cart["id"])
    line = cart["line_items"]["physical_items"][0]
    # pickup_method_id 1, as in the documents' "Pickup Consignment" example.
    r = store.post(
        f"/v3/checkouts/{cart['id']}/consignments",
        [
            {
                "pickup_option": {"pickup_method_id": 1},
                "line_items": [{"item_id": line["id"], "quantity": 1}],
            }
        ],
    )
    assert r.status_code == 200, r.text
    [consignment] = r.json()["data"]["consignments"]
    assert consignment["selected_pickup_option"]["pickup_method_id"] == 1
    option = {"shipping_option_id": "anything"}
    r = store.put(f"/v3/checkouts/{cart['id']}/consignments/{consignment['id']}", option)
    assert r.status_code == 422, r.text  # no shipping method on a pickup consignment
    order_id = store.order(cart["id"])
    method = store.card_method(order_id)
    r = store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text
    assert store.v2_order(order_id)["status_id"] == 11


def test_coupon_changes_the_total_and_goes_with_a_new_customer(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    product, variant = pick(catalog, 14)
    cart = store.cart([line_item(product, variant, 2)])
    store.billing(cart["id"])
    store.choose_shipping(store.consign(cart))
    before = store.checkout(cart["id"])
    # SAVE10 is one of the sandbox's demo coupons (10% off the order).
    r = store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "SAVE10"})
    assert r.status_code == 200, r.text
    after = r.json()["data"]
    [coupon] = after["coupons"]
    assert coupon["code"] == "SAVE10"
    discount = Decimal(str(coupon["discounted_amount"]))
    assert discount > 0
    assert Decimal(str(after["grand_total"])) < Decimal(str(before["grand_total"]))
    r = store.delete(f"/v3/checkouts/{cart['id']}/coupons/SAVE10")
    assert r.status_code == 200, r.text
    assert r.json()["data"]["coupons"] == []
    assert Decimal(str(r.json()["data"]["grand_total"])) == Decimal(str(before["grand_total"]))

    # "Changing the Cart customer_id will remove any promotions or shipping calculations."
    assert (
        store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "SAVE10"}).status_code
        == 200
    )
    customer = store.get("/v3/customers", params={"limit": 1}).json()["data"][0]
    r = store.put(f"/v3/carts/{cart['id']}", {"customer_id": customer["id"]})
    assert r.status_code == 201, r.text
    checkout = store.checkout(cart["id"])
    assert checkout["coupons"] == []
    assert all(c.get("selected_shipping_option") is None for c in checkout["consignments"])


def test_unknown_coupon_is_refused(store: StoreHttp, catalog: list[dict[str, Any]]) -> None:
    product, variant = pick(catalog, 15)
    cart = store.cart([line_item(product, variant)])
    r = store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "NO-SUCH-CODE"})
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["status"] == r.status_code
    store.delete(f"/v3/carts/{cart['id']}")


def test_no_order_before_billing_address_and_shipping_option(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    product, variant = pick(catalog, 16)
    cart = store.cart([line_item(product, variant)])
    r = store.post(f"/v3/checkouts/{cart['id']}/orders")
    assert 400 <= r.status_code < 500, r.text  # no billing address, no consignment
    store.billing(cart["id"])
    checkout = store.consign(cart)
    # "A checkout containing physical products is not eligible to become an order until each
    # of its consignments contains a selected_shipping_option."
    r = store.post(f"/v3/checkouts/{cart['id']}/orders")
    assert 400 <= r.status_code < 500, r.text
    assert store.checkout(cart["id"])["order_id"] is None
    store.choose_shipping(checkout)
    assert store.order(cart["id"]) > 0
