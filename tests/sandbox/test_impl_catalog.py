"""The generated demo store: barcodes, SKUs, variants, stock, customers and their cards."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_server_basics import Store

from pos.sandbox.catalog import upc_a
from pos.sandbox.server import SandboxServer


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[Store]:
    helper = Store(sandbox)
    yield helper
    helper.close()


def all_pages(store: Store, path: str, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    page = 1
    while True:
        r = store.get(path, params={**params, "limit": 250, "page": page})
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["data"]
        if page >= body["meta"]["pagination"]["total_pages"]:
            return out
        page += 1


def upc_valid(code: str) -> bool:
    return len(code) == 12 and code.isdigit() and upc_a(code[:11]) == code


def test_upc_a_check_digit() -> None:
    assert upc_a("03600029145") == "036000291452"
    assert upc_a("01234567890") == "012345678905"


def test_every_variant_has_a_unique_valid_barcode_and_sku(store: Store) -> None:
    products = all_pages(store, "/v3/catalog/products", include="variants")
    assert len(products) == 500
    variants = [v for p in products for v in p["variants"]]
    assert all(upc_valid(v["upc"]) for v in variants)
    assert len({v["upc"] for v in variants}) == len(variants)
    assert len({v["sku"] for v in variants}) == len(variants)
    simple = [
        p for p in products if len(p["variants"]) == 1 and not p["variants"][0]["option_values"]
    ]
    with_options = [p for p in products if p not in simple]
    assert simple and with_options
    for product in simple:
        variant = product["variants"][0]
        assert product["base_variant_id"] == variant["id"]
        assert product["upc"] == variant["upc"] and product["sku"] == variant["sku"]
    for product in with_options:
        assert product["upc"] == "" and "base_variant_id" not in product
        assert product["inventory_tracking"] == "variant"
        assert all(v["option_values"] for v in product["variants"])
        assert all(v["sku"].startswith(product["sku"] + "-") for v in product["variants"])
    assert any(p["sale_price"] > 0 for p in products), "some products are on sale"
    assert any(
        v["inventory_level"] == 0
        for p in products
        if p["inventory_tracking"] != "none"
        for v in p["variants"]
    ), "some are out of stock"
    assert any(p["availability"] == "disabled" for p in products)
    assert any(v["purchasing_disabled"] for v in variants)
    assert any(p["inventory_tracking"] == "none" for p in products)


def test_barcode_and_sku_lookups(store: Store) -> None:
    r = store.get("/v3/catalog/products", params={"include": "variants", "limit": 20})
    product = next(p for p in r.json()["data"] if p["variants"][0]["option_values"])
    variant = product["variants"][-1]
    by_upc = store.get("/v3/catalog/variants", params={"upc": variant["upc"]}).json()["data"]
    assert [v["id"] for v in by_upc] == [variant["id"]]
    by_sku = store.get("/v3/catalog/variants", params={"sku": variant["sku"]}).json()["data"]
    assert [v["id"] for v in by_sku] == [variant["id"]]
    assert store.get("/v3/catalog/products", params={"sku": variant["sku"]}).json()["data"] == []
    found = store.get("/v3/catalog/products", params={"sku": product["sku"]}).json()["data"]
    assert [p["id"] for p in found] == [product["id"]]
    word = product["name"].split()[1]
    hits = store.get("/v3/catalog/products", params={"keyword": word.lower()}).json()
    assert product["id"] in [p["id"] for p in hits["data"]] or hits["meta"]["pagination"][
        "total"
    ] > len(hits["data"])
    listed = store.get(f"/v3/catalog/products/{product['id']}/variants").json()["data"]
    assert [v["id"] for v in listed] == [v["id"] for v in product["variants"]]
    r = store.get("/v3/catalog/products", params={"id:in": "3,1,2", "limit": 2})
    meta = r.json()["meta"]["pagination"]
    assert [p["id"] for p in r.json()["data"]] == [1, 2]
    assert (meta["total"], meta["count"], meta["total_pages"]) == (3, 2, 2)
    assert "next" in meta["links"]


def test_customers_addresses_and_stored_cards(store: Store) -> None:
    # The demo customers are ids 1-24; other tests may have added more since.
    customers = [c for c in all_pages(store, "/v3/customers", include="addresses") if c["id"] <= 24]
    assert len(customers) == 24
    assert all(c["addresses"] for c in customers)
    with_cards = 0
    for customer in customers:
        cards = store.get(f"/v3/customers/{customer['id']}/stored-instruments").json()
        assert isinstance(cards, list)
        for card in (c for c in cards if c["type"] != "stored_paypal_account"):
            assert card["type"] == "stored_card" and len(card["token"]) == 64
            assert len(card["last_4"]) == 4 and card["expiry_year"] >= 2030
        with_cards += bool(cards)
    assert with_cards >= 15
    first = customers[0]
    r = store.get("/v3/customers", params={"name:like": first["last_name"].lower()})
    assert first["id"] in [c["id"] for c in r.json()["data"]]
    r = store.get("/v3/customers", params={"email:in": first["email"].upper()})
    assert [c["id"] for c in r.json()["data"]] == [first["id"]]
    assert store.get("/v3/customers/999999/stored-instruments").status_code == 404


def test_a_new_customer_pays_with_a_saved_card_next_time(store: Store) -> None:
    import secrets

    email = f"new-{secrets.token_hex(4)}@example.com"
    r = store.post(
        "/v3/customers", json=[{"email": email, "first_name": "New", "last_name": "Customer"}]
    )
    assert r.status_code == 200, r.text
    customer_id = r.json()["data"][0]["id"]
    r = store.post(
        "/v3/customers", json=[{"email": email, "first_name": "Again", "last_name": "Customer"}]
    )
    assert r.status_code == 422
    variant = store.simple_variant()

    def customer_order() -> int:
        r = store.post(
            "/v3/carts",
            json={
                "customer_id": customer_id,
                "line_items": [{"product_id": variant["product_id"], "quantity": 1}],
            },
        )
        assert r.status_code == 201, r.text
        cart = r.json()["data"]
        assert cart["customer_id"] == customer_id and cart["email"] == email
        item_id = cart["line_items"]["physical_items"][0]["id"]
        store.post(
            f"/v3/checkouts/{cart['id']}/billing-address",
            json={
                "email": email,
                "country_code": "US",
                "state_or_province": "Texas",
                "postal_code": "78701",
                "first_name": "New",
                "last_name": "Customer",
            },
        )
        store.post(
            f"/v3/checkouts/{cart['id']}/consignments",
            json=[
                {
                    "pickup_option": {"pickup_method_id": 1},
                    "line_items": [{"item_id": item_id, "quantity": 1}],
                }
            ],
        )
        return store.order(str(cart["id"]))

    order_id = customer_order()
    r = store.pay(
        order_id,
        {
            "type": "card",
            "number": "378282246310005",
            "cardholder_name": "New Customer",
            "expiry_month": 1,
            "expiry_year": 2032,
            "verification_value": "1234",
        },
        save_instrument=True,
    )
    assert r.status_code == 201, r.text
    cards = store.get(f"/v3/customers/{customer_id}/stored-instruments").json()
    assert [(c["brand"], c["last_4"], c["expiry_month"], c["expiry_year"]) for c in cards] == [
        ("AMEX", "0005", 1, 2032)
    ]
    order_id = customer_order()
    methods = store.get("/v3/payments/methods", params={"order_id": order_id}).json()["data"]
    card_method = next(m for m in methods if m["type"] == "card")
    token = card_method["stored_instruments"][0]["token"]
    assert token == cards[0]["token"]
    r = store.pay(order_id, {"type": "stored_card", "token": token})
    assert r.status_code == 201, r.text
    tx = store.get(f"/v3/orders/{order_id}/transactions").json()["data"][0]
    assert tx["payment_instrument_token"] == token
    assert tx["credit_card"]["card_type"] == "american_express"
