"""Rate limits as BigCommerce sends them: four X-Rate-Limit-* headers on every response, 429
when the window's quota is spent, and the payments host's own 50 requests per 4 seconds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from openapi_support import StoreHttp, card, line_item, sellable_variants
from support.poll import wait_until

HEADERS = (
    "X-Rate-Limit-Requests-Left",
    "X-Rate-Limit-Requests-Quota",
    "X-Rate-Limit-Time-Reset-Ms",
    "X-Rate-Limit-Time-Window-Ms",
)


@pytest.fixture(scope="module")
def store(sandbox: Any) -> Iterator[StoreHttp]:
    with StoreHttp(sandbox.info) as s:
        yield s


def limits(r: Any) -> dict[str, int]:
    missing = [h for h in HEADERS if h not in r.headers]
    assert not missing, f"{r.request.method} {r.request.url.path} lacks {missing}"
    return {h: int(r.headers[h]) for h in HEADERS}


def test_every_response_carries_the_rate_limit_headers(store: StoreHttp) -> None:
    responses = [
        store.get("/v3/catalog/products", params={"limit": 1}),
        store.get("/v2/order_statuses"),
        store.get("/v3/carts/00000000-0000-4000-8000-000000000000"),  # 404
        store.get("/v2/orders/99999999"),  # 404
        store.post("/v3/carts", {"line_items": "nope"}),  # 422
        store.get("/v3/catalog/products", headers={"Accept": "application/json"}),  # 401
        store.pay_raw({}, {"Accept": "application/json"}),  # 401 on the payments route
    ]
    for r in responses:
        values = limits(r)
        assert values["X-Rate-Limit-Requests-Quota"] > 0
        assert 0 <= values["X-Rate-Limit-Requests-Left"] <= values["X-Rate-Limit-Requests-Quota"]
        assert 0 <= values["X-Rate-Limit-Time-Reset-Ms"] <= values["X-Rate-Limit-Time-Window-Ms"]


def test_spent_quota_gives_429_until_the_window_resets(store: StoreHttp, clean_faults: Any) -> None:
    store.configure(rate_limit_quota=5, rate_limit_window_ms=1500)
    seen = []
    for _ in range(12):
        r = store.get("/v2/order_statuses")
        seen.append(r.status_code)
        if r.status_code == 429:
            break
        assert r.status_code == 200
        assert limits(r)["X-Rate-Limit-Requests-Quota"] == 5
    assert seen[-1] == 429, seen
    assert len(seen) <= 6, seen
    values = limits(r)
    assert values["X-Rate-Limit-Requests-Left"] == 0
    assert values["X-Rate-Limit-Time-Window-Ms"] == 1500
    assert 0 < values["X-Rate-Limit-Time-Reset-Ms"] <= 1500
    body = r.json()
    assert body["status"] == 429 if isinstance(body, dict) else body[0]["status"] == 429

    wait_until(
        lambda: store.get("/v2/order_statuses").status_code == 200,
        timeout=10,
        interval=0.4,
        message="the rate-limit window to reset",
    )


def test_payments_have_their_own_quota(store: StoreHttp, clean_faults: Any) -> None:
    config = store.config()
    assert config["payments_quota"] == 50 and config["payments_window_ms"] == 4000

    product, variant = sellable_variants(store.products(pages=1), min_stock=2)[3]
    _, order_id = store.ready_order([line_item(product, variant)])
    method = store.card_method(order_id)
    r = store.pay(store.access_token(order_id), card("4000000000000002"), method_id=method["id"])
    assert r.status_code == 422, r.text
    assert limits(r)["X-Rate-Limit-Requests-Quota"] == 50
    assert limits(r)["X-Rate-Limit-Time-Window-Ms"] == 4000
    store.configure(payments_quota=2, payments_window_ms=1500)

    statuses = []
    for _ in range(3):
        r = store.pay(
            store.access_token(order_id), card("4000000000000002"), method_id=method["id"]
        )
        statuses.append(r.status_code)
    assert statuses[:2] != [429, 429] and statuses[2] == 429, statuses
    assert limits(r)["X-Rate-Limit-Requests-Quota"] == 2
    assert limits(r)["X-Rate-Limit-Requests-Left"] == 0
    # The store API's own quota is not spent by payments.
    r = store.get("/v2/order_statuses")
    assert r.status_code == 200
    assert limits(r)["X-Rate-Limit-Requests-Left"] > 0

    def paid() -> bool:
        r = store.pay(
            store.access_token(order_id), card("4242424242424242"), method_id=method["id"]
        )
        return r.status_code == 201

    wait_until(paid, timeout=10, interval=0.8, message="the payments window to reset")
    assert store.v2_order(order_id)["status_id"] == 11
