"""Payments as strict as a real store: single-use payment access tokens, 409 for an order
that is not awaiting payment, the payment methods real stores list (gift certificates,
store credit, cards through a gateway, a wallet with stored accounts), and a gateway that
only authorizes. Over HTTP, every answer validated by BigCommerce's documents."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from openapi_support import (
    StoreHttp,
    card,
    line_item,
    sellable_variants,
)
from support.openapi_http import Recorded

from pos.sandbox.server import SandboxServer


@pytest.fixture
def recorded(recorded: Recorded, sandbox: SandboxServer) -> Iterator[Recorded]:
    """The shared ``recorded``, the sandbox's settings restored after the test."""
    yield recorded
    sandbox.reset_config()


@pytest.fixture(scope="module")
def cheap(sandbox: SandboxServer) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Sellable variants under $15, cheapest first (so that an order fits a small balance)."""
    with StoreHttp(sandbox.info) as store:
        found = sellable_variants(store.products(), min_stock=5)
    priced = [(p, v) for p, v in found if Decimal(str(v["calculated_price"])) < 15]
    priced.sort(key=lambda pv: Decimal(str(pv[1]["calculated_price"])))
    assert len(priced) >= 6
    return priced


def pickup_order(store: StoreHttp, pair: tuple[dict, dict], customer_id: int = 0) -> int:
    _, order_id = store.ready_order(
        [line_item(*pair)], customer_id=customer_id, shipping_type="shipping_pickupinstore"
    )
    return order_id


def method_of(store: StoreHttp, order_id: int, method_type: str) -> dict[str, Any]:
    return next(m for m in store.payment_methods(order_id) if m["type"] == method_type)


def test_a_payment_token_is_single_use_whatever_the_outcome(
    recorded: Recorded, cheap: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    order_id = pickup_order(store, cheap[0])
    method = store.card_method(order_id)
    pat = store.access_token(order_id)
    r = store.pay(pat, card("4000000000000002"), method_id=method["id"])  # declined
    assert r.status_code == 422 and r.json()["code"] == 30104
    r = store.pay(pat, card("4242424242424242"), method_id=method["id"])  # same token again
    assert r.status_code == 401, r.text
    assert "already been used" in r.json()["detail"]
    pat = store.access_token(order_id)  # a new token per attempt
    r = store.pay(pat, card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text
    r = store.pay(pat, card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 401
    recorded.conforms()


def test_no_token_for_an_order_not_awaiting_payment(
    recorded: Recorded, cheap: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    paid = pickup_order(store, cheap[1])
    method = store.card_method(paid)
    assert store.pay(store.access_token(paid), card("4242424242424242"), method_id=method["id"])
    r = store.post("/v3/payments/access_tokens", {"order": {"id": paid}})
    assert r.status_code == 409 and r.json()["status"] == 409
    cancelled = pickup_order(store, cheap[1])
    assert store.put(f"/v2/orders/{cancelled}", {"status_id": 5}).status_code == 200
    r = store.post("/v3/payments/access_tokens", {"order": {"id": cancelled}})
    assert r.status_code == 409
    recorded.conforms()


def test_the_methods_a_real_store_lists(recorded: Recorded, cheap: list[tuple[dict, dict]]) -> None:
    store = recorded.store
    order_id = pickup_order(store, cheap[2], customer_id=1)
    methods = {m["id"]: m for m in store.payment_methods(order_id)}
    assert methods["bigcommerce.gift_certificate"]["type"] == "gift_certificate"
    assert methods["bigcommerce.store_credit"]["type"] == "store_credit"
    assert methods["sandbox.card"]["type"] == "card"
    assert methods["sandbox.card"]["stored_instruments"], "customer 1 has stored cards"
    assert any(m["type"] == "paypal" for m in methods.values())
    recorded.conforms()


def test_a_gift_certificate_pays_while_its_balance_covers_the_total(
    recorded: Recorded, cheap: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    order_id = pickup_order(store, cheap[0])
    method = method_of(store, order_id, "gift_certificate")
    instrument = {"type": "gift_certificate", "gift_certificate_code": "GIFT-1000-DEMO"}
    r = store.pay(store.access_token(order_id), instrument, method_id=method["id"])
    assert r.status_code == 201, r.text
    tx = store.get(f"/v3/orders/{order_id}/transactions").json()["data"][0]
    assert tx["method"] == "gift_certificate" and tx["gateway"] == "giftcertificate"
    assert store.v2_order(order_id)["status_id"] == 11
    # A card instrument is not a gift certificate's.
    order_id = pickup_order(store, cheap[0])
    r = store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 422 and r.json()["code"] == 10001
    recorded.conforms()


def test_a_gift_certificate_short_of_the_total_is_refused(
    recorded: Recorded, cheap: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    pricey = [line_item(*cheap[-1], quantity=3)]
    _, order_id = store.ready_order(pricey, shipping_type="shipping_pickupinstore")
    assert Decimal(store.v2_order(order_id)["total_inc_tax"]) > 25
    method = method_of(store, order_id, "gift_certificate")
    instrument = {"type": "gift_certificate", "gift_certificate_code": "GIFT-0025-DEMO"}
    r = store.pay(store.access_token(order_id), instrument, method_id=method["id"])
    assert r.status_code == 422 and r.json()["code"] == 30106
    assert store.v2_order(order_id)["status_id"] == 0
    recorded.conforms()


def test_store_credit_pays_a_customers_order_and_is_spent(
    recorded: Recorded, cheap: list[tuple[dict, dict]]
) -> None:
    store = recorded.store

    def credit() -> Decimal:
        r = store.get("/v3/customers", params={"id:in": "4", "include": "storecredit"})
        return Decimal(str(r.json()["data"][0]["store_credit_amounts"][0]["amount"]))

    before = credit()
    order_id = pickup_order(store, cheap[0], customer_id=4)
    total = Decimal(store.v2_order(order_id)["total_inc_tax"])
    assert before >= total, "customer 4 of the demo store holds $50.00 of store credit"
    method = method_of(store, order_id, "store_credit")
    r = store.pay(store.access_token(order_id), {"type": "store_credit"}, method_id=method["id"])
    assert r.status_code == 201, r.text
    assert credit() == before - total
    guest = pickup_order(store, cheap[0])
    r = store.pay(store.access_token(guest), {"type": "store_credit"}, method_id=method["id"])
    assert r.status_code == 422
    recorded.conforms()


def test_a_wallet_pays_with_the_customers_stored_account(
    recorded: Recorded, cheap: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    accounts = store.get("/v3/customers/2/stored-instruments").json()
    wallet = [a for a in accounts if a["type"] == "stored_paypal_account"]
    assert wallet and "@" in wallet[0]["email"]
    order_id = pickup_order(store, cheap[3], customer_id=2)
    method = method_of(store, order_id, "paypal")
    instrument = {"type": "stored_paypal_account", "token": wallet[0]["token"]}
    r = store.pay(store.access_token(order_id), instrument, method_id=method["id"])
    assert r.status_code == 201, r.text
    tx = store.get(f"/v3/orders/{order_id}/transactions").json()["data"][0]
    assert tx["method"] == "electronic_wallet"
    # Another customer's order cannot use it.
    other = pickup_order(store, cheap[3], customer_id=3)
    r = store.pay(store.access_token(other), instrument, method_id=method["id"])
    assert r.status_code == 422 and r.json()["code"] == 30051
    recorded.conforms()


def test_an_authorization_only_gateway(
    recorded: Recorded, sandbox: SandboxServer, cheap: list[tuple[dict, dict]]
) -> None:
    store = recorded.store
    sandbox.configure(authorize_only=1)
    order_id = pickup_order(store, cheap[4])
    method = store.card_method(order_id)
    r = store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text
    assert r.json()["data"] == {**r.json()["data"], "transaction_type": "authorization"}
    order = store.v2_order(order_id)
    assert order["status_id"] == 11 and order["payment_status"] == "authorized"
    tx = store.get(f"/v3/orders/{order_id}/transactions").json()["data"][0]
    assert tx["event"] == "authorization"
    recorded.conforms()
