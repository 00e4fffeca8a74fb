"""Every payment outcome of docs/sandbox.md, over real HTTP to the sandbox's payments route.

Codes are BigCommerce's (bigcommerce-api-facts.md §4.5): the payments host answers a refused
payment with a 4xx and the error body {status, title, type, detail, code}.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openapi_support import (
    PAYMENTS_ACCEPT,
    StoreHttp,
    card,
    line_item,
    sellable_variants,
    stock_of,
)
from support.poll import wait_until


@pytest.fixture(scope="module")
def store(sandbox: Any) -> Iterator[StoreHttp]:
    with StoreHttp(sandbox.info) as s:
        yield s


@pytest.fixture(scope="module")
def variants(store: StoreHttp) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """An endless supply of sellable variants, each used by one test."""
    pairs = sellable_variants(store.products(), min_stock=3)
    assert len(pairs) > 60

    def gen() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        i = 0
        while True:
            yield pairs[(20 + i * 5) % len(pairs)]
            i += 1

    return gen()


def new_order(store: StoreHttp, variants: Any, customer_id: int = 0) -> tuple[dict, int, dict]:
    product, variant = next(variants)
    cart, order_id = store.ready_order([line_item(product, variant)], customer_id=customer_id)
    return cart, order_id, store.card_method(order_id)


def stock(store: StoreHttp, cart: dict[str, Any]) -> int | None:
    line = cart["line_items"]["physical_items"][0]
    r = store.get(f"/v3/catalog/products/{line['product_id']}", params={"include": "variants"})
    return stock_of(r.json()["data"], line["variant_id"])


def assert_refused(r: Any, code: int) -> dict[str, Any]:
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    body = r.json()
    assert body["code"] == code, body
    assert body["status"] == r.status_code
    assert body["title"] and body["type"]
    return dict(body)


def assert_unpaid(store: StoreHttp, order_id: int) -> None:
    assert store.v2_order(order_id)["status_id"] == 0


@pytest.mark.parametrize(
    ("number", "cvv"),
    [
        ("4242424242424242", "123"),
        ("4111111111111111", "123"),
        ("5555555555554444", "123"),
        ("378282246310005", "1234"),
    ],
    ids=["visa", "visa-4111", "mastercard", "amex-4-digit-cvv"],
)
def test_approved_cards(store: StoreHttp, variants: Any, number: str, cvv: str) -> None:
    cart, order_id, method = new_order(store, variants)
    before = stock(store, cart)
    r = store.pay(store.access_token(order_id), card(number, cvv), method_id=method["id"])
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["status"] == "success" and data["id"]
    assert store.v2_order(order_id)["status_id"] == 11
    r = store.get(f"/v3/orders/{order_id}/transactions")
    assert r.status_code == 200
    assert len(r.json()["data"]) == 1
    assert number not in r.text  # the card number is never kept
    assert stock(store, cart) == before - 1
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 404


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("4000000000000002", 30104),
        ("4000000000009995", 30106),
        ("4000000000000069", 30103),
        ("4000000000000127", 30102),
    ],
    ids=["declined", "insufficient-funds", "expired", "cvv-mismatch"],
)
def test_refused_cards_leave_the_order_payable(
    store: StoreHttp, variants: Any, number: str, code: int
) -> None:
    cart, order_id, method = new_order(store, variants)
    before = stock(store, cart)
    r = store.pay(store.access_token(order_id), card(number), method_id=method["id"])
    assert_refused(r, code)
    assert_unpaid(store, order_id)
    assert stock(store, cart) == before
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 200

    # Nothing was taken: a fresh token and a good card still pay the order.
    r = store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text
    assert store.v2_order(order_id)["status_id"] == 11
    assert stock(store, cart) == before - 1


def test_three_d_secure_card_is_refused_when_new(store: StoreHttp, variants: Any) -> None:
    _, order_id, method = new_order(store, variants)
    r = store.pay(store.access_token(order_id), card("4000000000003220"), method_id=method["id"])
    body = assert_refused(r, 30104)
    assert "3-D Secure" in (body.get("detail") or "") + body["title"]
    assert_unpaid(store, order_id)


def test_pending_payment_settles_after_the_configured_delay(
    store: StoreHttp, variants: Any, clean_faults: Any
) -> None:
    store.configure(pending_settle_ms=1000)
    assert store.config()["pending_settle_ms"] == 1000
    cart, order_id, method = new_order(store, variants)
    r = store.pay(store.access_token(order_id), card("4000000000000259"), method_id=method["id"])
    assert r.status_code == 201, r.text
    assert r.json()["data"]["status"] == "pending"
    assert store.v2_order(order_id)["status_id"] != 11
    wait_until(
        lambda: store.v2_order(order_id)["status_id"] == 11,
        timeout=10,
        message="the pending payment to settle",
    )
    assert store.get(f"/v3/carts/{cart['id']}").status_code == 404


def test_order_not_incomplete_30101(store: StoreHttp, variants: Any) -> None:
    _, order_id, method = new_order(store, variants)
    pat = store.access_token(order_id)
    r = store.put(f"/v2/orders/{order_id}", {"status_id": 5})
    assert r.status_code == 200, r.text
    assert r.json()["status_id"] == 5
    r = store.pay(pat, card("4242424242424242"), method_id=method["id"])
    assert_refused(r, 30101)
    assert store.v2_order(order_id)["status_id"] == 5


def test_total_changed_after_the_token_30004(store: StoreHttp, variants: Any) -> None:
    cart, order_id, method = new_order(store, variants)
    pat = store.access_token(order_id)
    line = cart["line_items"]["physical_items"][0]
    r = store.put(
        f"/v3/carts/{cart['id']}/items/{line['id']}",
        {
            "line_item": {
                "product_id": line["product_id"],
                "variant_id": line["variant_id"],
                "quantity": line["quantity"] + 1,
            }
        },
    )
    assert r.status_code == 200, r.text
    r = store.pay(pat, card("4242424242424242"), method_id=method["id"])
    assert_refused(r, 30004)
    assert_unpaid(store, order_id)


def test_second_payment_of_a_paid_order_30105(store: StoreHttp, variants: Any) -> None:
    cart, order_id, method = new_order(store, variants)
    first, second = store.access_token(order_id), store.access_token(order_id)
    r = store.pay(first, card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text
    before = stock(store, cart)
    r = store.pay(second, card("4242424242424242"), method_id=method["id"])
    assert_refused(r, 30105)
    r = store.get(f"/v3/orders/{order_id}/transactions")
    assert len([t for t in r.json()["data"] if t["status"] == "ok"]) == 1
    assert stock(store, cart) == before


def stored_cards(store: StoreHttp) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for customer in store.get("/v3/customers", params={"limit": 50}).json()["data"]:
        r = store.get(f"/v3/customers/{customer['id']}/stored-instruments")
        cards = [i for i in r.json() if i["type"] == "stored_card"]
        if cards:
            out[customer["id"]] = cards
        if len(out) >= 2:
            break
    assert len(out) >= 2, "the demo data needs two customers with stored cards"
    return out


def stored(token: str, brand: str = "visa") -> dict[str, Any]:
    cvv = "1234" if brand.lower().startswith("am") else "123"
    return {"type": "stored_card", "token": token, "verification_value": cvv}


def test_unknown_or_foreign_stored_card_30051(store: StoreHttp, variants: Any) -> None:
    owners = stored_cards(store)
    (alice, alice_cards), (_, bob_cards) = list(owners.items())[:2]

    _, order_id, method = new_order(store, variants, customer_id=alice)
    r = store.pay(
        store.access_token(order_id), stored(secrets.token_hex(32)), method_id=method["id"]
    )
    assert_refused(r, 30051)
    bob_card = bob_cards[0]
    r = store.pay(
        store.access_token(order_id),
        stored(bob_card["token"], bob_card["brand"]),
        method_id=method["id"],
    )
    assert_refused(r, 30051)
    assert_unpaid(store, order_id)

    # A guest's order cannot use anybody's stored card.
    _, guest_order, method = new_order(store, variants)
    alice_card = alice_cards[0]
    r = store.pay(
        store.access_token(guest_order),
        stored(alice_card["token"], alice_card["brand"]),
        method_id=method["id"],
    )
    assert_refused(r, 30051)
    assert_unpaid(store, guest_order)


@pytest.mark.parametrize(
    "instrument",
    [
        card("378282246310005", "123"),  # Amex needs a 4-digit CVV
        card("4242424242424242", "1234"),  # Visa needs 3
        card("4242424242424241"),  # fails the Luhn check
        card("4242424242424242", year=30),  # a two-digit year
        card("4242424242424242", month=13),
    ],
    ids=["amex-3-digit-cvv", "visa-4-digit-cvv", "not-luhn", "two-digit-year", "month-13"],
)
def test_invalid_card_data_is_refused(
    store: StoreHttp, variants: Any, instrument: dict[str, Any]
) -> None:
    _, order_id, method = new_order(store, variants)
    r = store.pay(store.access_token(order_id), instrument, method_id=method["id"])
    assert r.status_code in (400, 422), r.text
    body = r.json()
    assert body["code"] in (10001, 30103), body
    assert instrument["number"] not in r.text
    assert_unpaid(store, order_id)


def test_card_expired_last_year_30103(store: StoreHttp, variants: Any) -> None:
    _, order_id, method = new_order(store, variants)
    r = store.pay(
        store.access_token(order_id),
        card("4242424242424242", year=datetime.now().year - 1),
        method_id=method["id"],
    )
    assert_refused(r, 30103)
    assert_unpaid(store, order_id)


def test_payments_route_wants_a_pat_and_its_own_accept(store: StoreHttp, variants: Any) -> None:
    _, order_id, method = new_order(store, variants)
    pat = store.access_token(order_id)
    body = {"payment": {"instrument": card("4242424242424242"), "payment_method_id": method["id"]}}
    # X-Auth-Token only, as the headless tutorial wrongly shows.
    r = store.pay_raw(
        body,
        {
            "X-Auth-Token": store.token,
            "Accept": "application/json",
            "Content-Type": "application/json",
        },
    )
    assert r.status_code == 401, r.text
    r = store.pay_raw(
        body,
        {
            "X-Auth-Token": store.token,
            "Accept": PAYMENTS_ACCEPT,
            "Content-Type": "application/json",
        },
    )
    assert r.status_code == 401, r.text
    # `Bearer`, as the OpenAPI security scheme would have a generator send.
    r = store.pay_raw(
        body,
        {
            "Authorization": f"Bearer {pat}",
            "Accept": PAYMENTS_ACCEPT,
            "Content-Type": "application/json",
        },
    )
    assert r.status_code == 401, r.text
    # The right token with the ordinary Accept.
    r = store.pay_raw(
        body,
        {
            "Authorization": f"PAT {pat}",
            "Accept": "application/json",
            "Content-Type": "application/json",
        },
    )
    assert 400 <= r.status_code < 500 and r.status_code != 404, r.text
    # A token that is not one.
    r = store.pay_raw(
        body,
        {
            "Authorization": "PAT not-a-token",
            "Accept": PAYMENTS_ACCEPT,
            "Content-Type": "application/json",
        },
    )
    assert r.status_code == 401, r.text
    assert_unpaid(store, order_id)

    r = store.pay(pat, card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text


def test_access_token_needs_a_known_order(store: StoreHttp) -> None:
    r = store.post("/v3/payments/access_tokens", {"order": {"id": 99_999_999}})
    assert r.status_code == 404, r.text
    assert r.json()["status"] == 404


def test_payment_methods_need_an_order_or_checkout(store: StoreHttp) -> None:
    r = store.get("/v3/payments/methods")
    assert r.status_code in (400, 422), r.text
    r = store.get("/v3/payments/methods", params={"order_id": 99_999_999})
    assert r.status_code == 404, r.text


def test_a_guest_order_has_card_methods_and_no_stored_cards(
    store: StoreHttp, variants: Any
) -> None:
    _, _order_id, method = new_order(store, variants)
    kinds = {s["instrument_type"] for s in method["supported_instruments"]}
    assert {"VISA", "MASTERCARD", "AMEX"} <= kinds
    assert method.get("stored_instruments", []) == []
    assert isinstance(method["test_mode"], bool)


def test_card_numbers_are_never_stored_or_logged(
    store: StoreHttp, variants: Any, sandbox: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    number = "5105105105105100"  # a Luhn-valid Mastercard: approved, and saved
    customer = store.get("/v3/customers", params={"limit": 5}).json()["data"][2]
    _, order_id, method = new_order(store, variants, customer_id=customer["id"])
    r = store.pay(
        store.access_token(order_id),
        card(number, "987"),
        method_id=method["id"],
        save_instrument=True,
    )
    assert r.status_code == 201, r.text
    saved = store.get(f"/v3/customers/{customer['id']}/stored-instruments").json()
    assert any(i.get("last_4") == "5100" for i in saved)
    assert number not in caplog.text
    db = Path(sandbox.db_path)
    for path in (db, db.with_name(db.name + "-wal")):
        if path.exists():
            content = path.read_bytes()
            assert number.encode() not in content, f"card number found in {path.name}"
            assert number.encode("utf-16-le") not in content
