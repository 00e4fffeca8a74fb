"""The sandbox's returns: refund quotes and refunds adding up to them, the documented
refusals (more than remains, void after settlement), voids of unsettled payments, and
inventory by location; every exchange validated against BigCommerce's documents."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from openapi_support import (
    HttpRecorder,
    OpenApiValidator,
    StoreHttp,
    card,
    line_item,
    require_openapi,
    sellable_variants,
)
from support.poll import wait_until


@pytest.fixture(scope="module")
def validator() -> OpenApiValidator:
    return require_openapi()


@pytest.fixture
def store(sandbox: Any, validator: OpenApiValidator) -> Iterator[StoreHttp]:
    recorder = HttpRecorder()
    with StoreHttp(sandbox.info, recorder=recorder) as http:
        yield http
        problems = validator.problems_in(recorder.exchanges)
        assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def pairs(sandbox: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    with StoreHttp(sandbox.info) as http:
        found = sellable_variants(http.products(), min_stock=5)
    return found[200:] or found


def _paid_order(store: StoreHttp, pair: tuple[dict, dict], quantity: int = 2) -> int:
    product, variant = pair
    _cart, order_id = store.ready_order([line_item(product, variant, quantity)])
    method = store.card_method(order_id)
    r = store.pay(store.access_token(order_id), card("4242424242424242"), method_id=method["id"])
    assert r.status_code == 201, r.text
    return order_id


def _quote(store: StoreHttp, order_id: int, items: list[dict]) -> Any:
    return store.post(f"/v3/orders/{order_id}/payment_actions/refund_quotes", {"items": items})


def _refund(store: StoreHttp, order_id: int, items: list[dict], quote: dict) -> Any:
    option = quote["refund_methods"][0][0]
    return store.post(
        f"/v3/orders/{order_id}/payment_actions/refunds",
        {"items": items, "payments": [{"provider_id": option["provider_id"],
                                       "amount": option["amount"], "offline": False}]},
    )


def test_partial_then_rest_then_more_than_remains(
    store: StoreHttp, pairs: list[tuple[dict, dict]]
) -> None:
    order_id = _paid_order(store, pairs[0], quantity=2)
    [row] = store.get(f"/v2/orders/{order_id}/products").json()
    one = [{"item_type": "PRODUCT", "item_id": row["id"], "quantity": 1}]
    r = _quote(store, order_id, one)
    assert r.status_code == 201, r.text
    quote = r.json()["data"]
    assert Decimal(str(quote["total_refund_amount"])) > 0
    assert _refund(store, order_id, one, quote).status_code == 201
    assert store.v2_order(order_id)["status_id"] == 14
    two = [{**one[0], "quantity": 2}]
    r = _quote(store, order_id, two)
    assert r.status_code == 422
    assert "more than" in r.json()["title"]
    r = _quote(store, order_id, one)
    assert _refund(store, order_id, one, r.json()["data"]).status_code == 201
    order = store.v2_order(order_id)
    assert order["status_id"] == 4
    refunds = store.get(f"/v3/orders/{order_id}/payment_actions/refunds").json()["data"]
    # The line's refunds add up to what was paid for it, to the cent.
    assert sum(Decimal(str(r["total_amount"])) for r in refunds) == Decimal(
        order["total_inc_tax"])
    assert len(refunds) == 2


def test_void_same_day_cancels_and_then_refuses_a_refund(
    store: StoreHttp, pairs: list[tuple[dict, dict]]
) -> None:
    order_id = _paid_order(store, pairs[1], quantity=1)
    r = store.post(f"/v3/orders/{order_id}/payment_actions/void")
    assert r.status_code == 201, r.text
    order = store.v2_order(order_id)
    assert order["status_id"] == 5 and order["payment_status"] == "void"
    [row] = store.get(f"/v2/orders/{order_id}/products").json()
    r = _quote(store, order_id, [{"item_type": "PRODUCT", "item_id": row["id"], "quantity": 1}])
    assert r.status_code == 422
    r = store.post(f"/v3/orders/{order_id}/payment_actions/void")
    assert r.status_code == 422


def test_void_after_settlement_is_refused(
    store: StoreHttp, pairs: list[tuple[dict, dict]]
) -> None:
    order_id = _paid_order(store, pairs[2], quantity=1)
    r = store.http.post(f"{store.admin_url}/orders/{order_id}/settle")
    assert r.status_code == 200, r.text
    r = store.post(f"/v3/orders/{order_id}/payment_actions/void")
    assert r.status_code == 422
    assert "settled" in r.json()["title"]


def test_inventory_by_location_relative_and_absolute(
    store: StoreHttp, pairs: list[tuple[dict, dict]]
) -> None:
    _, variant = pairs[3]
    sku = variant["sku"]

    def onhand(location: int) -> int | None:
        r = store.get("/v3/inventory/items", params={"sku:in": sku})
        assert r.status_code == 200, r.text
        [item] = r.json()["data"]
        found = [x for x in item["locations"] if x["location_id"] == location]
        return found[0]["total_inventory_onhand"] if found else None

    before = onhand(1)
    assert before is not None
    r = store.post("/v3/inventory/adjustments/relative",
                   {"reason": "Returned", "items": [{"location_id": 1, "sku": sku,
                                                     "quantity": 2}]})
    assert r.status_code == 200, r.text
    assert onhand(1) == before + 2
    r = store.post("/v3/inventory/adjustments/relative",
                   {"reason": "Returned", "items": [{"location_id": 2, "sku": sku,
                                                     "quantity": 1}]})
    assert r.status_code == 422
    assert "absolute adjustment before relative" in r.json()["title"]
    r = store.put("/v3/inventory/adjustments/absolute",
                  {"reason": "Count", "items": [{"location_id": 2, "variant_id": variant["id"],
                                                 "quantity": 7}]})
    assert r.status_code == 200, r.text
    assert onhand(2) == 7
    assert onhand(1) == before + 2


def test_a_second_refund_while_one_is_in_flight_is_refused(
    store: StoreHttp, pairs: list[tuple[dict, dict]], clean_faults: Any
) -> None:
    """Refunds of one order are processed one at a time (orders.v3.yml, Create a Refund):
    a refund of the order posted while another is being processed is refused with the
    documented 422 (``{"data": [ErrorResponse]}``); nothing is refunded twice, and the
    order takes refunds again once the first is answered."""
    order_id = _paid_order(store, pairs[4], quantity=2)
    [row] = store.get(f"/v2/orders/{order_id}/products").json()
    one = [{"item_type": "PRODUCT", "item_id": row["id"], "quantity": 1}]
    quote = _quote(store, order_id, one).json()["data"]
    # The first refund is held at the store (a slow payment provider) while the second
    # arrives.
    store.add_fault("POST", f"/v3/orders/{order_id}/payment_actions/refunds", "latency",
                    latency_ms=4000)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(_refund, store, order_id, one, quote)
        wait_until(lambda: order_id in clean_faults.refunds_in_flight(),
                   message="the first refund in flight")
        second = _refund(store, order_id, one, quote)
        assert second.status_code == 422, second.text
        [error] = second.json()["data"]
        assert error["status"] == 422
        assert "already in progress" in error["title"]
        assert first.result().status_code == 201
    assert clean_faults.refunds_in_flight() == frozenset()
    refunds = store.get(f"/v3/orders/{order_id}/payment_actions/refunds").json()["data"]
    assert len(refunds) == 1
    # Once the first is answered, the order takes the next refund.
    quote = _quote(store, order_id, one).json()["data"]
    assert _refund(store, order_id, one, quote).status_code == 201
    assert store.v2_order(order_id)["status_id"] == 4
