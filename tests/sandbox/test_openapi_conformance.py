"""The sandbox's responses, and the requests these tests send, validated strictly against
BigCommerce's OpenAPI documents (../shared/reference/bigcommerce-openapi/). Skipped, with
the reason, when the documents are absent. Their known defects are patched in memory by
tests/openapi_support.py."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_support import (
    TEST_ADDRESS,
    HttpRecorder,
    OpenApiValidator,
    StoreHttp,
    _swagger2_to_openapi3,
    card,
    line_item,
    require_openapi,
    sellable_variants,
)


@pytest.fixture(scope="module")
def validator() -> OpenApiValidator:
    return require_openapi()


class Recorded:
    """A store client whose every exchange is recorded, and validated by ``conforms()``."""

    def __init__(self, store: StoreHttp, recorder: HttpRecorder, validator: OpenApiValidator):
        self.store, self.recorder, self.validator = store, recorder, validator

    def conforms(self) -> None:
        exchanges = self.recorder.exchanges
        assert exchanges, "nothing was recorded"
        problems = self.validator.problems_in(exchanges)
        listing = "\n".join(f"#{i} {e!r}" for i, e in enumerate(exchanges))
        assert not problems, "\n".join(problems) + "\n\nexchanges:\n" + listing


@pytest.fixture
def recorded(sandbox: Any, validator: OpenApiValidator) -> Iterator[Recorded]:
    recorder = HttpRecorder()
    with StoreHttp(sandbox.info, recorder=recorder) as store:
        yield Recorded(store, recorder, validator)


@pytest.fixture(scope="module")
def pairs(sandbox: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    with StoreHttp(sandbox.info) as store:
        found = sellable_variants(store.products(), min_stock=3)
    return found[300:] or found


def test_catalog_reads(recorded: Recorded) -> None:
    store = recorded.store
    r = store.get("/v3/catalog/products", params={"include": "variants,images", "limit": 5})
    assert r.status_code == 200
    products = r.json()["data"]
    product = products[0]
    variant = product["variants"][0]
    for params in (
        {"keyword": product["name"].split()[0]},
        {"sku": product["sku"]},
        {"upc": product["upc"]} if product.get("upc") else {"sku": product["sku"]},
        {"id:in": ",".join(str(p["id"]) for p in products[:3])},
        {"page": 2, "limit": 3},
    ):
        assert store.get("/v3/catalog/products", params=params).status_code == 200
    assert store.get(f"/v3/catalog/products/{product['id']}").status_code == 200
    r = store.get(f"/v3/catalog/products/{product['id']}", params={"include": "variants,images"})
    assert r.status_code == 200
    assert store.get("/v3/catalog/variants", params={"sku": variant["sku"]}).status_code == 200
    if variant.get("upc"):
        assert store.get("/v3/catalog/variants", params={"upc": variant["upc"]}).status_code == 200
    assert store.get("/v3/catalog/products/99999999").status_code == 404
    recorded.conforms()


def test_customer_reads_and_creation(recorded: Recorded) -> None:
    store = recorded.store
    r = store.get("/v3/customers", params={"include": "addresses", "limit": 5})
    assert r.status_code == 200
    customer = r.json()["data"][0]
    assert store.get("/v3/customers", params={"email:in": customer["email"]}).status_code == 200
    assert (
        store.get("/v3/customers", params={"name:like": customer["last_name"]}).status_code == 200
    )
    assert store.get("/v3/customers", params={"id:in": str(customer["id"])}).status_code == 200
    r = store.get(f"/v3/customers/{customer['id']}/stored-instruments")
    assert r.status_code == 200
    email = f"walk-in-{secrets.token_hex(4)}@example.com"
    r = store.post("/v3/customers", [{"email": email, "first_name": "Walk", "last_name": "In"}])
    assert r.status_code == 200, r.text
    recorded.conforms()


def test_guest_pickup_sale(recorded: Recorded, pairs: list[tuple[dict, dict]]) -> None:
    store = recorded.store
    product, variant = pairs[0]
    cart = store.cart([line_item(product, variant, 2)], include="redirect_urls")
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 200
    store.billing(cart["id"])
    checkout = store.consign(cart)
    store.choose_shipping(checkout, "shipping_pickupinstore")
    store.checkout(cart["id"], include="consignments.available_shipping_options")
    assert store.get("/v3/payments/methods", params={"checkout_id": cart["id"]}).status_code == 200
    order_id = store.order(cart["id"])
    store.checkout(cart["id"])
    method = store.card_method(order_id)
    assert store.get(f"/v3/orders/{order_id}/transactions").status_code == 204
    r = store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201
    store.v2_order(order_id)
    assert store.get(f"/v2/orders/{order_id}/products").status_code == 200
    taxes = store.get(f"/v2/orders/{order_id}/taxes")
    assert taxes.status_code == 200 and taxes.json(), taxes.text  # the taxes by name
    assert {t["name"] for t in taxes.json()} == {"Sales Tax"}
    assert store.get(f"/v3/orders/{order_id}/transactions").status_code == 200
    assert store.get("/v2/orders", params={"cart_id": cart["id"]}).status_code == 200
    assert (
        store.get("/v2/orders", params={"status_id": 11, "sort": "id:desc", "limit": 5}).status_code
        == 200
    )
    assert store.get("/v2/orders", params={"min_id": order_id}).status_code == 200
    assert store.get("/v2/order_statuses").status_code == 200
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 404
    recorded.conforms()


def test_customer_stored_card_sale_and_refund(
    recorded: Recorded, pairs: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    owner, token = None, None
    for customer in store.get("/v3/customers", params={"limit": 50}).json()["data"]:
        cards = store.get(f"/v3/customers/{customer['id']}/stored-instruments").json()
        cards = [c for c in cards if c["type"] == "stored_card"]
        if cards:
            owner, token = customer, cards[0]
            break
    assert owner is not None and token is not None
    product, variant = pairs[1]
    cart = store.cart([line_item(product, variant)], customer_id=owner["id"])
    checkout = store.billing(cart["id"], {**TEST_ADDRESS, "email": owner["email"]})
    address_id = checkout["billing_address"]["id"]
    r = store.put(
        f"/v3/checkouts/{cart['id']}/billing-address/{address_id}",
        {**TEST_ADDRESS, "email": owner["email"], "company": "Acme"},
    )
    assert r.status_code == 200, r.text
    checkout = store.consign(cart)
    consignment = checkout["consignments"][0]
    r = store.put(
        f"/v3/checkouts/{cart['id']}/consignments/{consignment['id']}",
        {
            "address": {**TEST_ADDRESS, "address2": "Suite 5"},
            "line_items": [{"item_id": i, "quantity": 1} for i in consignment["line_item_ids"]],
        },
        params={"include": "consignments.available_shipping_options"},
    )
    assert r.status_code == 200, r.text
    store.choose_shipping(r.json()["data"], None)
    order_id = store.order(cart["id"])
    method = store.card_method(order_id)
    cvv = "1234" if token["brand"].lower().startswith("am") else "123"
    r = store.pay(
        store.access_token(order_id),
        {"type": "stored_card", "token": token["token"], "verification_value": cvv},
        method_id=method["id"],
    )
    assert r.status_code == 201, r.text

    [row] = store.get(f"/v2/orders/{order_id}/products").json()
    items = [{"item_type": "PRODUCT", "item_id": row["id"], "quantity": 1}]
    r = store.post(f"/v3/orders/{order_id}/payment_actions/refund_quotes", {"items": items})
    assert r.status_code == 201, r.text
    quote = r.json()["data"]
    option = quote["refund_methods"][0][0]
    r = store.post(
        f"/v3/orders/{order_id}/payment_actions/refunds",
        {
            "items": items,
            "payments": [
                {
                    "provider_id": option["provider_id"],
                    "amount": option["amount"],
                    "offline": option["offline"],
                }
            ],
        },
    )
    assert r.status_code == 201, r.text
    recorded.conforms()


def test_new_card_saved_and_declines(recorded: Recorded, pairs: list[tuple[dict, dict]]) -> None:
    store = recorded.store
    customer = store.get("/v3/customers", params={"limit": 3}).json()["data"][1]
    product, variant = pairs[2]
    _, order_id = store.ready_order([line_item(product, variant)], customer_id=customer["id"])
    method = store.card_method(order_id)
    r = store.pay(store.access_token(order_id), card("4000000000000002"), method_id=method["id"])
    assert r.status_code in (400, 422)
    r = store.pay(
        store.access_token(order_id),
        card("378282246310005", "1234"),
        method_id=method["id"],
        save_instrument=True,
    )
    assert r.status_code == 201, r.text
    assert store.get(f"/v3/customers/{customer['id']}/stored-instruments").status_code == 200
    recorded.conforms()


def test_cart_editing(recorded: Recorded, pairs: list[tuple[dict, dict]]) -> None:
    store, recorder = recorded.store, recorded.recorder
    (p1, v1), (p2, v2) = pairs[3], pairs[4]
    cart = store.cart([line_item(p1, v1)])
    r = store.post(f"/v3/carts/{cart['id']}/items", {"line_items": [line_item(p2, v2)]})
    assert r.status_code == 201
    items = r.json()["data"]["line_items"]["physical_items"]
    first, second = items[0], items[1]
    r = store.put(
        f"/v3/carts/{cart['id']}/items/{first['id']}",
        {
            "line_item": {
                "product_id": first["product_id"],
                "variant_id": first["variant_id"],
                "quantity": 2,
            }
        },
    )
    assert r.status_code == 200
    customer = store.get("/v3/customers", params={"limit": 1}).json()["data"][0]
    r = store.put(f"/v3/carts/{cart['id']}", {"customer_id": customer["id"]})
    assert r.status_code == 201
    r = store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "NO-SUCH-CODE"})
    assert 400 <= r.status_code < 500
    checkout = store.consign(store.get(f"/v3/carts/{cart['id']}").json()["data"])
    consignment = checkout["consignments"][0]
    r = store.delete(f"/v3/checkouts/{cart['id']}/consignments/{consignment['id']}")
    assert r.status_code == 200
    assert store.delete(f"/v3/carts/{cart['id']}/items/{first['id']}").status_code == 200
    assert store.delete(f"/v3/carts/{cart['id']}/items/{second['id']}").status_code == 204
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 404
    with recorder.deliberately_invalid():
        r = store.post("/v3/carts", {"line_items": [{"product_id": "x", "quantity": 1}]})
    assert r.status_code == 422
    recorded.conforms()


# ------------------------------------------------------------------ the validator itself


def test_validator_refuses_undocumented_fields(validator: OpenApiValidator) -> None:
    ok = {"data": {"id": 125}, "meta": {}}
    headers = {"content-type": "application/json"}
    assert validator.response_problems("POST", "/v3/checkouts/x/orders", 200, headers, ok) == []
    extra = {"data": {"id": 125, "secret": 1}, "meta": {}}
    problems = validator.response_problems("POST", "/v3/checkouts/x/orders", 200, headers, extra)
    assert problems and "secret" in problems[0]
    h = {"X-Auth-Token": "t", "Accept": "application/json", "Content-Type": "application/json"}
    body = {"line_items": [{"product_id": 1, "variant_id": 2, "quantity": 1, "colour": "red"}]}
    problems = validator.request_problems("POST", "/v3/carts", {}, h, body)
    assert problems and "colour" in problems[0]
    assert validator.request_problems(
        "POST", "/v3/carts", {"bogus": "1"}, h, {"line_items": [{"product_id": 1, "quantity": 1}]}
    ) == ["POST /v3/carts: query parameter 'bogus' is not documented"]
    problems = validator.response_problems("GET", "/v3/carts/x", 418, headers, {})
    assert problems and "generic" in problems[0]
    problems = validator.response_problems("GET", "/v3/carts/x", 299, headers, {})
    assert problems == ["GET /v3/carts/x -> 299: status 299 is not documented for getCart"]


def test_validator_merges_all_of_before_closing_objects(validator: OpenApiValidator) -> None:
    """GET /v3/catalog/products/{id} is allOf(product_Full, {channels}): both sets allowed."""
    headers = {"content-type": "application/json"}
    body = {"data": {"id": 1, "name": "Mug", "channels": [1]}, "meta": {}}
    problems = validator.response_problems("GET", "/v3/catalog/products/1", 200, headers, body)
    assert not [p for p in problems if "channels" in p or "'name'" in p], problems
    body["data"]["unheard_of"] = True
    problems = validator.response_problems("GET", "/v3/catalog/products/1", 200, headers, body)
    assert any("unheard_of" in p for p in problems), problems


def test_validator_knows_the_payments_header_defects(validator: OpenApiValidator) -> None:
    body = {"payment": {"instrument": card("4242424242424242"), "payment_method_id": "x.card"}}
    good = {
        "Authorization": "PAT abc",
        "Accept": "application/vnd.bc.v1+json",
        "Content-Type": "application/json",
    }
    assert validator.request_problems("POST", "/payments", {}, good, body) == []
    bearer = {**good, "Authorization": "Bearer abc"}
    assert validator.request_problems("POST", "/payments", {}, bearer, body)
    tutorial = {
        "X-Auth-Token": "t",
        "Accept": "application/json",
        "Content-Type": "application/json",
    }
    problems = validator.request_problems("POST", "/payments", {}, tutorial, body)
    assert len(problems) == 2  # the Accept value and the missing PAT
    path = "/v3/checkouts/c/billing-address/6516f14419a81"
    h = {"X-Auth-Token": "t", "Accept": "application/json", "Content-Type": "application/json"}
    assert validator.request_problems("PUT", path, {}, h, TEST_ADDRESS) == []


def test_validator_accepts_the_tutorial_key_only_when_asked(validator: OpenApiValidator) -> None:
    h = {"X-Auth-Token": "t", "Accept": "application/json", "Content-Type": "application/json"}
    body = [{"shipping_address": TEST_ADDRESS, "line_items": [{"item_id": "i", "quantity": 1}]}]
    path = "/v3/checkouts/c/consignments"
    assert validator.request_problems("POST", path, {}, h, body)
    lenient = OpenApiValidator(validator.directory, accept_tutorial_shipping_address=True)
    assert lenient.request_problems("POST", path, {}, h, body) == []


def test_require_openapi_skips_without_the_documents(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("POS_OPENAPI_DIR", str(tmp_path))
    with pytest.raises(pytest.skip.Exception, match="POS_OPENAPI_DIR"):
        require_openapi()


def test_error_responses(recorded: Recorded, pairs: list[tuple[dict, dict]]) -> None:
    """Refusals have the bodies the documents give them (or BigCommerce's generic one)."""
    store, recorder = recorded.store, recorded.recorder
    unknown = "00000000-0000-4000-8000-000000000000"
    assert store.get(f"/v3/carts/{unknown}").status_code == 404
    assert store.get(f"/v3/checkouts/{unknown}").status_code == 404
    assert store.get("/v2/orders/99999999").status_code == 404
    assert store.get("/v3/orders/99999999/transactions").status_code == 404
    assert store.get("/v3/customers/99999999/stored-instruments").status_code == 404
    r = store.post("/v3/payments/access_tokens", {"order": {"id": 99999999}})
    assert r.status_code == 404
    product, variant = pairs[5]
    cart = store.cart([line_item(product, variant)])
    with recorder.deliberately_invalid():
        assert store.post("/v3/carts", content=b"{oops").status_code == 400
        assert store.post("/v3/carts", {"line_items": [{"quantity": 1}]}).status_code == 422
        r = store.post(f"/v3/checkouts/{cart['id']}/billing-address", {"first_name": "x"})
        assert r.status_code == 422
        r = store.get("/v3/catalog/products", headers={"Accept": "application/json"})
        assert r.status_code == 401
        r = store.put(f"/v3/carts/{cart['id']}", {"customer_id": 0, "version": 999})
        assert r.status_code == 409
    _, order_id = store.ready_order([line_item(*pairs[6])])
    method = store.card_method(order_id)
    pat = store.access_token(order_id)
    with recorder.deliberately_invalid():
        r = store.pay_raw(
            {"payment": {"instrument": card("4242424242424242"), "payment_method_id": "x"}},
            {
                "X-Auth-Token": store.token,
                "Accept": "application/json",
                "Content-Type": "application/json",
            },
        )
        assert r.status_code == 401
        r = store.pay(pat, card("4242424242424241"), method_id=method["id"])
        assert r.status_code in (400, 422)
        # A payment access token is single use, whatever the outcome of its use.
        r = store.pay(pat, card("4000000000009995"), method_id=method["id"])
        assert r.status_code == 401
    r = store.pay(store.access_token(order_id), card("4000000000009995"), method_id=method["id"])
    assert r.status_code == 422
    recorded.conforms()


def test_pickup_consignment_and_coupons(recorded: Recorded, pairs: list[tuple[dict, dict]]) -> None:
    store = recorded.store
    product, variant = pairs[7]
    cart = store.cart([line_item(product, variant, 3)])
    store.billing(cart["id"])
    line = cart["line_items"]["physical_items"][0]
    r = store.post(
        f"/v3/checkouts/{cart['id']}/consignments",
        [
            {
                "pickup_option": {"pickup_method_id": 1},
                "line_items": [{"item_id": line["id"], "quantity": line["quantity"]}],
            }
        ],
    )
    assert r.status_code == 200, r.text
    r = store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "SAVE10"})
    assert r.status_code == 200, r.text
    r = store.delete(f"/v3/checkouts/{cart['id']}/coupons/SAVE10")
    assert r.status_code == 200, r.text
    r = store.post(f"/v3/checkouts/{cart['id']}/coupons", {"coupon_code": "SAVE10"})
    assert r.status_code == 200, r.text
    r = store.put(f"/v3/checkouts/{cart['id']}", {"customer_message": "Gift wrap, please"})
    assert r.status_code == 200, r.text
    store.checkout(cart["id"], include="consignments.available_shipping_options")
    order_id = store.order(cart["id"])
    method = store.card_method(order_id)
    r = store.pay(store.access_token(order_id), card("4000000000000259"), method_id=method["id"])
    assert r.status_code == 201, r.text
    store.v2_order(order_id)
    recorded.conforms()


async def test_recorder_on_an_async_client(sandbox: Any, validator: OpenApiValidator) -> None:
    """The API client is async: the recorder's hooks work on an httpx.AsyncClient too."""
    recorder = HttpRecorder()
    base = f"{sandbox.api_base_url}/stores/{sandbox.store_hash}"
    headers = {"X-Auth-Token": sandbox.token, "Accept": "application/json"}
    async with httpx.AsyncClient(base_url=base, headers=headers) as client:
        recorder.attach(client)
        assert (await client.get("/v2/order_statuses")).status_code == 200
        r = await client.get("/v3/catalog/variants", params={"limit": 2})
        assert r.status_code == 200
        r = await client.get("/v3/catalog/products/99999999")
        assert r.status_code == 404
    exchanges = recorder.exchanges
    assert [(e.method, e.path, e.status) for e in exchanges] == [
        ("GET", "/v2/order_statuses", 200),
        ("GET", "/v3/catalog/variants", 200),
        ("GET", "/v3/catalog/products/99999999", 404),
    ]
    assert exchanges[1].query == [("limit", "2")]
    assert validator.problems_in(exchanges) == []


def test_swagger2_documents_are_read_as_openapi3() -> None:
    old = {
        "swagger": "2.0",
        "host": "api.example.com",
        "basePath": "/stores/{store_hash}/v2",
        "securityDefinitions": {
            "X-Auth-Token": {"type": "apiKey", "in": "header", "name": "X-Auth-Token"}
        },
        "security": [{"X-Auth-Token": []}],
        "definitions": {"thing": {"type": "object", "properties": {"id": {"type": "integer"}}}},
        "paths": {
            "/things/{id}": {
                "put": {
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "type": "integer"},
                        {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/thing"}},
                    ],
                    "responses": {"200": {"schema": {"$ref": "#/definitions/thing"}}},
                }
            }
        },
    }
    new = _swagger2_to_openapi3(old)
    op = new["paths"]["/things/{id}"]["put"]
    assert op["parameters"] == [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    ]
    schema_ref = {"$ref": "#/components/schemas/thing"}
    assert op["requestBody"]["content"]["application/json"]["schema"] == schema_ref
    assert op["responses"]["200"]["content"]["application/json"]["schema"] == schema_ref
    assert new["components"]["schemas"]["thing"]["properties"]["id"] == {"type": "integer"}
    assert new["servers"][0]["url"].endswith("/stores/{store_hash}/v2")
